"""The place gazetteer built from underthesea's bundled administrative table.

The province lists below are written out from public knowledge of Vietnam's
administrative map (the 63 provinces in use until the merger of 1 July 2025, the 34 after
it), not read from the table under test.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from vn_union_nlp.ner.gazetteer import Gazetteer, load_gazetteer
from vn_union_nlp.text.normalize import normalize

# The 63 provinces and centrally-run cities before 1 July 2025, in the library's spelling
# (NFC, ``hòa`` tone placement).
PROVINCES_63 = (
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
)

# The 34 provincial units after the merger: 11 unchanged, 23 formed by merging.
PROVINCES_34 = (
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Hải Phòng",
    "Ninh Bình",
    "Quảng Trị",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Hồ Chí Minh",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
)

# Spellings that stand for a province where the bare name is not stored as one:
# bare "Hồ Chí Minh" is the President far more often than the city (see gazetteer.py), and
# Thừa Thiên Huế has been the centrally-run city of Huế since 1 January 2025.
PROVINCE_SPELLINGS = {
    "Hồ Chí Minh": ("TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    "Thừa Thiên Huế": ("Thừa Thiên Huế", "Huế"),
}
LEVEL_WORD_RE = re.compile(
    r"^(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s", re.IGNORECASE
)
# Units whose official name itself starts with a level word (the ward "Phường Đúc" in Huế).
NAMES_WITH_LEVEL_WORD = frozenset({"Phường Đúc"})


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_the_lists_here_are_complete():
    assert len(set(PROVINCES_63)) == 63
    assert len(set(PROVINCES_34)) == 34


@pytest.mark.parametrize("name", PROVINCES_63)
def test_pre_merger_province(gaz, name):
    spellings = PROVINCE_SPELLINGS.get(name, (name,))
    assert any("province" in gaz.kinds(s) for s in spellings), (name, spellings)


@pytest.mark.parametrize("name", PROVINCES_34)
def test_post_merger_province(gaz, name):
    assert "province_new" in gaz.kinds(name)


def test_exactly_34_post_merger_provinces(gaz):
    assert sorted(n for n, k in gaz.names.items() if "province_new" in k) == sorted(PROVINCES_34)


def test_thua_thien_hue_spelling(gaz):
    assert "province" in gaz.kinds("Thừa Thiên Huế")


def test_bare_ho_chi_minh_is_not_a_pre_merger_province(gaz):
    # the President's name must not look like the city to the model
    assert "province" not in gaz.kinds("Hồ Chí Minh")
    assert "province" in gaz.kinds("TP Hồ Chí Minh")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Chợ Mới", "district"),
        ("Bạch Thông", "district"),
        ("Ba Bể", "district"),
        ("Na Rì", "district"),
        ("Cao Lộc", "district"),
        ("Ninh Kiều", "district"),
        ("Nông Thượng", "commune"),
        ("Đức Xuân", "commune"),
        ("Tây Nguyên", "region"),
        ("Việt Nam", "region"),
    ],
)
def test_districts_communes_regions(gaz, name, kind):
    assert kind in gaz.kinds(name)


@pytest.mark.parametrize(
    "full", ["Huyện Chợ Mới", "Xã Nông Thượng", "Quận Ninh Kiều", "Tỉnh Bắc Kạn", "huyện Ba Bể"]
)
def test_full_names_are_not_stored(gaz, full):
    assert full not in gaz
    assert LEVEL_WORD_RE.sub("", full) in gaz


def test_level_words_are_stripped(gaz):
    offenders = [
        name
        for name, kinds in gaz.names.items()
        if kinds & {"district", "commune", "province_new"}
        and LEVEL_WORD_RE.match(name)
        and name not in NAMES_WITH_LEVEL_WORD
    ]
    assert offenders == []


def test_one_syllable_units_are_left_out(gaz):
    # "Ba", "Hồ", "Tư" are ordinary words far more often than places
    short = [n for n, k in gaz.names.items() if k & {"district", "commune"} and " " not in n]
    assert short == []


def test_names_are_normalized_like_the_text(gaz):
    assert len(gaz.names) > 5000  # districts and communes of the whole country
    for name in gaz.names:
        assert unicodedata.is_normalized("NFC", name), name
        assert normalize(name).text == name, name
    assert "Hòa Bình" in gaz and "Hoà Bình" not in gaz
    assert "Khánh Hòa" in gaz and "Khánh Hoà" not in gaz


def test_loaded_once():
    assert load_gazetteer() is load_gazetteer()
