"""Entity behaviour the annotation guidelines fix, run through the whole pipeline.

Every sentence here is invented in the genre's style (provincial union news); none is
copied from the development seeds. Expectations come from the guidelines
(``ANNOTATION.md``), never from a run of the model. A case the current model gets wrong is
marked ``xfail(strict=False)`` with the reason, so it shows up as fixed the day a
retrained model gets it right; no case is deleted or weakened to make the suite pass.

Each case says which entities must be reported (``expect``: label and exact text) and
which stretches of text no entity of a label may touch (``reject``: label or ``None`` for
any label, and the surface).
"""

from __future__ import annotations

import datetime
import itertools
import unicodedata
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vn_union_nlp
from vn_union_nlp.ner.model import load_tagger
from vn_union_nlp.ner.recognizer import recognize
from vn_union_nlp.types import Article, Entity

Expect = tuple[str, str]
Reject = tuple[str | None, str]


@pytest.fixture(scope="module")
def ner_nlp():
    return vn_union_nlp.load(disable=["classifier", "events"])


@pytest.fixture(scope="module")
def text_only():
    return vn_union_nlp.load(disable=["ner", "classifier", "events"])


def case(
    text: str,
    expect: Sequence[tuple[str | None, ...]] = (),
    reject: Sequence[Reject] = (),
    *,
    published: str | None = None,
    id: str,
    xfail: str | None = None,
):
    marks = [pytest.mark.xfail(strict=False, reason=xfail)] if xfail else []
    return pytest.param(text, list(expect), list(reject), published, id=id, marks=marks)


# -- PER: honorifics, kin terms, titles, ranks and professions stay outside -------------
PERSON_CASES = [
    case(
        "Sáng 8/3, đồng chí Hoàng Thị Lan, Phó Chủ tịch LĐLĐ tỉnh Cao Bằng đến dự và phát biểu "
        "chỉ đạo hội nghị.",
        [("PER", "Hoàng Thị Lan"), ("ORG", "LĐLĐ tỉnh Cao Bằng")],
        [(None, "đồng chí"), (None, "Phó Chủ tịch")],
        id="honorific-dong-chi",
    ),
    case(
        "Đồng chí Đỗ Minh Quân, Bí thư Huyện ủy Ngân Sơn trao bằng khen cho các tập thể.",
        [("PER", "Đỗ Minh Quân"), ("ORG", "Huyện ủy Ngân Sơn")],
        [(None, "Đồng chí"), (None, "Bí thư")],
        id="honorific-capitalised-sentence-start",
    ),
    case(
        "Tại buổi lễ, ông Vũ Đình Khoa, Giám đốc Công ty Cổ phần Xi măng Cao Bằng đã phát biểu "
        "cảm ơn.",
        [("PER", "Vũ Đình Khoa"), ("ORG", "Công ty Cổ phần Xi măng Cao Bằng")],
        [(None, "ông"), (None, "Giám đốc")],
        id="honorific-ong",
    ),
    case(
        "Bà Phạm Thu Trang, Trưởng ban Nữ công LĐLĐ tỉnh, cho biết năm nay có nhiều mô hình hay.",
        [("PER", "Phạm Thu Trang")],
        [(None, "Bà")],
        id="honorific-ba",
    ),
    case(
        "Ông Hứa Văn Giang và bà Triệu Thị Nga được tuyên dương.",
        [("PER", "Hứa Văn Giang"), ("PER", "Triệu Thị Nga")],
        [(None, "Ông"), (None, "bà")],
        id="honorifics-two-people",
    ),
    case(
        "Chủ tịch LĐLĐ tỉnh Lạng Sơn Nông Văn Tuấn đề nghị các cấp công đoàn tiếp tục đổi mới.",
        [("ORG", "LĐLĐ tỉnh Lạng Sơn"), ("PER", "Nông Văn Tuấn")],
        [(None, "Chủ tịch")],
        id="title-chu-tich-org-then-name",
    ),
    case(
        "Phát biểu tại hội nghị, Chủ tịch Công đoàn ngành Giáo dục tỉnh Lò Thị Hạnh ghi nhận kết "
        "quả đạt được.",
        [("ORG", "Công đoàn ngành Giáo dục tỉnh"), ("PER", "Lò Thị Hạnh")],
        [(None, "Chủ tịch")],
        id="title-sector-union",
    ),
    case(
        "Đồng chí Phó Chủ tịch Thường trực LĐLĐ tỉnh Ma Thị Nguyệt trao giấy khen.",
        [("ORG", "LĐLĐ tỉnh"), ("PER", "Ma Thị Nguyệt")],
        [(None, "Đồng chí Phó Chủ tịch Thường trực")],
        id="title-long-before-org-and-name",
    ),
    case(
        "Dự lễ có Thiếu tướng Nguyễn Văn Hải, Giám đốc Công an tỉnh.",
        [("PER", "Nguyễn Văn Hải"), ("ORG", "Công an tỉnh")],
        [(None, "Thiếu tướng")],
        id="rank-outside",
    ),
    case(
        "Luật sư Trần Thị Mai tư vấn pháp luật cho công nhân Công ty TNHH Giày Thái Bình.",
        [("PER", "Trần Thị Mai"), ("ORG", "Công ty TNHH Giày Thái Bình")],
        [(None, "Luật sư")],
        id="profession-outside",
    ),
    case(
        "Đến dự có PGS.TS Lê Văn Hà, Hiệu trưởng Trường Đại học Công đoàn.",
        [("PER", "Lê Văn Hà"), ("ORG", "Trường Đại học Công đoàn")],
        [(None, "PGS.TS")],
        id="academic-title-outside",
    ),
    case(
        "Anh Quyết chia sẻ, năm qua công nhân trong nhà máy đều có việc làm ổn định.",
        [("PER", "Quyết")],
        [(None, "Anh")],
        id="given-name-alone",
    ),
    case(
        "Thượng tá Lê Văn Hòa, Phó Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh đến dự.",
        [("PER", "Lê Văn Hòa"), ("ORG", "Bộ Chỉ huy Quân sự tỉnh")],
        [(None, "Thượng tá"), (None, "Phó Chỉ huy trưởng")],
        id="title-pho-chi-huy-truong",
    ),
    case(
        "Kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh, công nhân thi đua lao động giỏi.",
        [("PER", "Hồ Chí Minh")],
        [(None, "Chủ tịch")],
        id="title-before-famous-name",
    ),
]

# -- LOC: the lower-case level word is not part of the name ------------------------------
PLACE_CASES = [
    case(
        "Đoàn công tác đã đến thăm và tặng quà công nhân tại huyện Chợ Mới.",
        [("LOC", "Chợ Mới")],
        [(None, "huyện")],
        id="level-huyen",
    ),
    case(
        "Hội nghị diễn ra tại xã Nông Thượng, thành phố Bắc Kạn.",
        [("LOC", "Nông Thượng"), ("LOC", "Bắc Kạn")],
        [(None, "xã"), (None, "thành phố")],
        id="level-xa-thanh-pho",
    ),
    case(
        "Đoàn đại biểu công nhân tỉnh Yên Bái đã có chuyến tham quan tại thành phố Thái Nguyên.",
        [("LOC", "Yên Bái"), ("LOC", "Thái Nguyên")],
        [(None, "tỉnh"), (None, "thành phố")],
        id="level-tinh",
    ),
    case(
        "LĐLĐ thành phố Bắc Kạn trao 30 suất quà cho công nhân khó khăn tại phường Đức Xuân.",
        [("ORG", "LĐLĐ thành phố Bắc Kạn"), ("LOC", "Đức Xuân")],
        [(None, "phường")],
        id="level-phuong",
    ),
    case(
        "Hội nghị được tổ chức tại TP. Vinh với sự tham dự của 200 đại biểu.",
        [("LOC", "TP. Vinh")],
        id="uppercase-abbreviation-belongs-to-name",
    ),
    case(
        "Đồng bào các dân tộc vùng Tây Bắc và miền Trung luôn tin tưởng vào chính sách mới.",
        [("LOC", "Tây Bắc"), ("LOC", "miền Trung")],
        id="regions",
    ),
    case(
        "Cao Bằng – Từ đầu năm đến nay, các cấp công đoàn đã tổ chức nhiều hoạt động.",
        [("LOC", "Cao Bằng")],
        [("DATE", "đầu năm")],
        id="dateline",
    ),
    case(
        "Chương trình hỗ trợ xây mới 12 ngôi nhà cho đoàn viên ở phía Bắc của tỉnh.",
        reject=[(None, "phía Bắc")],
        id="phia-bac-is-no-entity",
    ),
    case(
        "Đồng bào dân tộc Tày, Nùng, Dao sinh sống chủ yếu ở vùng cao.",
        reject=[(None, "Tày"), (None, "Nùng"), (None, "Dao")],
        id="ethnic-groups-are-no-entities",
    ),
]

# -- ORG: level words and places belong to the name ---------------------------------------
ORG_CASES = [
    case(
        "Ngày 20/5, LĐLĐ huyện Bạch Thông tổ chức hội nghị tổng kết phong trào thi đua.",
        [("ORG", "LĐLĐ huyện Bạch Thông")],
        [("LOC", "Bạch Thông")],
        id="org-with-level-and-place",
    ),
    case(
        "Năm 2023, LĐLĐ thị xã Phú Thọ đã tổ chức nhiều hoạt động thiết thực.",
        [("ORG", "LĐLĐ thị xã Phú Thọ")],
        [("LOC", "Phú Thọ")],
        id="org-thi-xa",
    ),
    case(
        "Liên đoàn Lao động tỉnh Bắc Kạn vừa ban hành kế hoạch tổ chức Tháng Công nhân.",
        [("ORG", "Liên đoàn Lao động tỉnh Bắc Kạn")],
        id="org-full-name",
    ),
    case(
        "Dự hội nghị có đại diện Ban Thường vụ Tỉnh ủy, UBND tỉnh và Tổng Liên đoàn Lao động "
        "Việt Nam.",
        [
            ("ORG", "Ban Thường vụ Tỉnh ủy"),
            ("ORG", "UBND tỉnh"),
            ("ORG", "Tổng Liên đoàn Lao động Việt Nam"),
        ],
        [("LOC", "Việt Nam")],
        id="org-bodies-and-level-only-names",
    ),
    case(
        "Liên đoàn Lao động (LĐLĐ) tỉnh Tuyên Quang vừa tổ chức lễ phát động thi đua.",
        [("ORG", "Liên đoàn Lao động (LĐLĐ) tỉnh Tuyên Quang")],
        id="org-with-abbreviation-in-brackets",
    ),
    case(
        "Sáng 5/3, Ban Tuyên giáo LĐLĐ tỉnh phối hợp với Hội LHPN tỉnh tổ chức tọa đàm.",
        [("ORG", "Ban Tuyên giáo LĐLĐ tỉnh"), ("ORG", "Hội LHPN tỉnh")],
        id="org-department-as-a-whole",
    ),
    case(
        "Ủy ban Kiểm tra Công đoàn tỉnh Sơn La vừa ban hành kế hoạch kiểm tra năm 2025.",
        [("ORG", "Ủy ban Kiểm tra Công đoàn tỉnh Sơn La")],
        id="org-committee",
    ),
    case(
        "Tham dự có đại diện Thành ủy, HĐND, UBND thành phố Hà Nội.",
        [("ORG", "Thành ủy"), ("ORG", "HĐND"), ("ORG", "UBND thành phố Hà Nội")],
        [("LOC", "Hà Nội")],
        id="org-list",
    ),
    case(
        "Đoàn đã đến thăm Trạm Y tế xã Yên Lạc và tặng quà cán bộ.",
        [("ORG", "Trạm Y tế xã Yên Lạc")],
        id="org-capitalised-station",
    ),
    case(
        "Công đoàn các Khu công nghiệp tỉnh vừa trao 50 suất quà.",
        [("ORG", "Công đoàn các Khu công nghiệp tỉnh")],
        id="org-proper-name-with-cac",
    ),
    case(
        "Sau đó, đoàn đã đến thăm Trường Tiểu học Nguyễn Du và trao quà cho giáo viên.",
        [("ORG", "Trường Tiểu học Nguyễn Du")],
        [("PER", "Nguyễn Du")],
        id="person-name-inside-org",
    ),
    case(
        "Nhiều cán bộ công đoàn được trao Giải thưởng Nguyễn Đức Cảnh năm 2024.",
        [("PER", "Nguyễn Đức Cảnh"), ("DATE", "năm 2024")],
        id="person-name-inside-award",
    ),
    case(
        "Các đồng chí lãnh đạo LĐLĐ các huyện Ba Bể, Na Rì cùng dự buổi lễ.",
        [("LOC", "Ba Bể"), ("LOC", "Na Rì")],
        [("ORG", "LĐLĐ các huyện")],
        id="generic-plural-places-after",
    ),
    case(
        "Năm 2025, LĐLĐ các huyện phấn đấu phát triển 500 đoàn viên mới.",
        [("DATE", "Năm 2025")],
        [("ORG", "LĐLĐ các huyện")],
        id="generic-plural-alone",
    ),
    case(
        "Các công đoàn cơ sở trong toàn tỉnh đã tích cực hưởng ứng phong trào.",
        reject=[(None, "công đoàn cơ sở")],
        id="generic-cong-doan-co-so",
    ),
    case(
        "Các đồng chí Ủy viên Ban Chấp hành Công đoàn các cấp đã quán triệt nghị quyết.",
        reject=[("ORG", "Ban Chấp hành Công đoàn các cấp")],
        id="generic-all-levels",
    ),
    case(
        "Các cấp công đoàn tuyên truyền Bộ luật Lao động năm 2019 tới đoàn viên.",
        [("DATE", "năm 2019")],
        [(None, "Bộ luật Lao động")],
        id="law-name-is-no-entity",
    ),
    case(
        "Trong 5 năm qua, hàng năm LĐLĐ tỉnh đều tổ chức Tết Sum vầy cho công nhân.",
        [("ORG", "LĐLĐ tỉnh")],
        [(None, "Tết Sum vầy"), (None, "5 năm qua"), (None, "hàng năm")],
        id="programme-name-and-durations",
    ),
    case(
        "Nhân kỷ niệm Ngày Quốc tế Phụ nữ (8/3/1910 – 8/3/2024), LĐLĐ tỉnh tổ chức tọa đàm.",
        [("DATE", "8/3/1910 – 8/3/2024"), ("ORG", "LĐLĐ tỉnh")],
        [(None, "Ngày Quốc tế Phụ nữ")],
        id="holiday-name-no-entity-its-dates-are",
    ),
    case(
        "Các cấp công đoàn luôn quán triệt các chủ trương của Đảng, chính sách, pháp luật của "
        "Nhà nước.",
        [("ORG", "Đảng"), ("ORG", "Nhà nước")],
        id="capitalised-dang-nha-nuoc",
    ),
    case(
        "LĐLĐ TỈNH GIA LAI TỔNG KẾT CÔNG TÁC NĂM 2024",
        [("ORG", "LĐLĐ TỈNH GIA LAI"), ("DATE", "NĂM 2024")],
        id="all-caps-title",
    ),
]

# -- TP Hồ Chí Minh (the city) vs Hồ Chí Minh (the President) -----------------------------
HCM_CASES = [
    case(
        "Đoàn viên công đoàn đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
        "Minh.",
        [("PER", "Hồ Chí Minh")],
        [("LOC", "Hồ Chí Minh")],
        id="phong-cach-ho-chi-minh-is-per",
    ),
    case(
        "Nhân dịp này, đoàn công tác của LĐLĐ tỉnh đã đến thăm và làm việc tại TP Hồ Chí Minh.",
        [("LOC", "TP Hồ Chí Minh")],
        [("PER", "Hồ Chí Minh")],
        id="tp-ho-chi-minh-is-loc",
    ),
    case(
        "Chiều 14/6, LĐLĐ TP Hồ Chí Minh tổ chức tuyên dương 100 công nhân tiêu biểu.",
        [("ORG", "LĐLĐ TP Hồ Chí Minh")],
        [("LOC", "TP Hồ Chí Minh"), ("PER", "Hồ Chí Minh")],
        id="lddl-tp-ho-chi-minh-is-org",
    ),
    case(
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh tại TP Hồ Chí Minh.",
        [("PER", "Hồ Chí Minh"), ("LOC", "TP Hồ Chí Minh")],
        id="both-in-one-sentence",
    ),
]

# -- Bylines and credits ------------------------------------------------------------------
BYLINE_CASES = [
    case(
        "Công nhân phấn khởi đón Tết\n\nCác hoạt động diễn ra sôi nổi trong tháng.\n\nT.Vũ",
        [("PER", "T.Vũ")],
        id="initials-byline",
    ),
    case(
        "LĐLĐ tỉnh trao quà cho công nhân\n\nSáng 10/1, LĐLĐ tỉnh Quảng Ninh trao 200 suất quà "
        "cho công nhân.\n\nThanh Nga (BTV)",
        [("PER", "Thanh Nga"), ("ORG", "BTV")],
        id="byline-with-outlet-credit",
    ),
]


def _find(text: str, surface: str) -> int:
    pos = text.find(surface)
    assert pos >= 0, f"malformed case: {surface!r} is not in the text"
    return pos


def _check(article: Article, expect: list[Expect], reject: list[Reject]) -> None:
    text = article.text
    found = {(e.label, e.text) for e in article.entities}
    for label, surface in expect:
        _find(text, surface)
        assert (label, surface) in found, (
            f"expected {label} {surface!r}; got {sorted(found, key=str)}"
        )
    for label, surface in reject:
        start = _find(text, surface)
        end = start + len(surface)
        hits = [
            e
            for e in article.entities
            if (label is None or e.label == label) and e.start < end and start < e.end
        ]
        assert not hits, f"no {label or 'entity'} may touch {surface!r}; got {hits}"


# -- names that end in a day: companies and schools named after a date --------------------
NAMED_AFTER_DAY_CASES = [
    case(
        "Ông Lê Văn Tám, công nhân Công ty CP Dệt may 29/3, được tặng Bằng khen.",
        [("ORG", "Công ty CP Dệt may 29/3")],
        [("DATE", "29/3")],
        id="company-named-after-a-day",
    ),
    case(
        "Chị Hoa, giáo viên Trường THCS 2/9 phát biểu tại hội nghị.",
        [("ORG", "Trường THCS 2/9")],
        [("DATE", "2/9")],
        id="school-named-after-a-day",
    ),
    case(
        "Công ty tổ chức hội nghị người lao động 29/3 tại hội trường.",
        [("DATE", "29/3")],
        id="the-company-doing-something-on-a-day",
    ),
]


@pytest.mark.parametrize(
    ("text", "expect", "reject", "published"),
    PERSON_CASES + PLACE_CASES + ORG_CASES + HCM_CASES + BYLINE_CASES + NAMED_AFTER_DAY_CASES,
)
def test_guideline_cases(ner_nlp, text, expect, reject, published):
    _check(ner_nlp(text, published=published), expect, reject)


# -- DATE values resolved with the publication date ---------------------------------------
DATE_CASES = [
    case(
        "Sáng 12/1, LĐLĐ tỉnh tổ chức hội nghị tổng kết công tác công đoàn.",
        [("DATE", "12/1", "2024-01-12")],
        published="2024-01-15",
        id="day-month-takes-publication-year",
    ),
    case(
        "Ngày 28/12, LĐLĐ tỉnh tổ chức gặp mặt công nhân lao động tiêu biểu.",
        [("DATE", "Ngày 28/12", "2023-12-28")],
        published="2024-01-05",
        id="reported-event-across-new-year",
    ),
    case(
        "Các đơn vị gửi báo cáo về LĐLĐ tỉnh trước ngày 15/1.",
        [("DATE", "ngày 15/1", "2024-01-15")],
        published="2023-12-20",
        id="deadline-across-new-year",
    ),
    case(
        "Chiều 11/1, LĐLĐ tỉnh tổng kết công tác công đoàn năm 2023, triển khai nhiệm vụ năm 2024.",
        [
            ("DATE", "11/1", "2024-01-11"),
            ("DATE", "năm 2023", "2023"),
            ("DATE", "năm 2024", "2024"),
        ],
        published="2024-01-12",
        id="work-period-year-does-not-date-the-day",
    ),
    case(
        "Phong trào thi đua diễn ra từ tháng 3 đến tháng 9/2024 trong toàn tỉnh.",
        [("DATE", "tháng 3", "2024-03"), ("DATE", "tháng 9/2024", "2024-09")],
        published="2024-02-01",
        id="month-range-two-dates",
    ),
    case(
        "Kết quả thi đua quý III/2024 của các công đoàn ngành được công bố.",
        [("DATE", "quý III/2024", "2024-07/2024-09")],
        published="2024-10-10",
        id="quarter-interval",
    ),
    case(
        "Hôm qua (15/4), LĐLĐ huyện Ba Bể tổ chức hội thi an toàn vệ sinh lao động.",
        [("DATE", "15/4", "2024-04-15"), ("ORG", "LĐLĐ huyện Ba Bể", None)],
        published="2024-04-16",
        id="bracketed-day-month",
    ),
    case(
        "Nhân dịp 30-4 và 1-5, LĐLĐ tỉnh thăm hỏi công nhân có hoàn cảnh khó khăn.",
        [("DATE", "30-4", "2024-04-30"), ("DATE", "1-5", "2024-05-01")],
        published="2024-04-25",
        id="holiday-dates",
    ),
    case(
        "Sáng ngày 28/6, LĐLĐ thành phố tổ chức hội nghị điển hình tiên tiến.",
        [("DATE", "ngày 28/6", "XXXX-06-28")],
        id="no-publication-date-no-year",
    ),
    case(
        "Đại hội Công đoàn tỉnh nhiệm kỳ 2023 – 2028 thành công tốt đẹp.",
        [("DATE", "nhiệm kỳ 2023 – 2028", "2023/2028")],
        published="2023-08-01",
        id="term-period",
    ),
    case(
        "Kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2024).",
        [("DATE", "28/7/1929 - 28/7/2024", "1929-07-28/2024-07-28")],
        id="anniversary-interval",
    ),
    case(
        "Có 12/15 CĐCS đạt vững mạnh; thực hiện Nghị định số 145/2020/NĐ-CP tại doanh nghiệp.",
        [],
        id="ratio-and-document-number-are-no-dates",
    ),
    case(
        "Hội nghị lần thứ 2/2018 diễn ra tại Hà Nội.",
        [("DATE", "2018", "2018"), ("LOC", "Hà Nội", None)],
        id="edition-number-only-year",
    ),
]


@pytest.mark.parametrize(("text", "expect", "reject", "published"), DATE_CASES)
def test_date_values(ner_nlp, text, expect, reject, published):
    article = ner_nlp(text, published=published)
    found = {(e.label, e.text, e.value) for e in article.entities}
    for item in expect:
        assert item in found, f"expected {item}; got {sorted(found, key=str)}"
    dates = [e for e in article.entities if e.label == "DATE"]
    assert len(dates) == sum(1 for label, *_ in expect if label == "DATE")


# -- A scraped page: boilerplate around the body -----------------------------------------
PAGE = (
    "• /upload/images/slide/anh3.jpg\n"
    "  • /upload/images/slide/anh2.jpg\n"
    "LIÊN ĐOÀN LAO ĐỘNG\n"
    "TỈNH LẠNG SƠN\n"
    "congdoanlangson.org.vn\n"
    "Menu\n"
    "LIÊN ĐOÀN LAO ĐỘNG\n"
    "TỈNH LẠNG SƠN\n"
    "congdoanlangson.org.vn\n"
    '"Nhiệt liệt chào mừng Đại hội Công đoàn tỉnh Lạng Sơn lần thứ XV, nhiệm kỳ 2023 – 2028!"\n'
    "\n"
    "LĐLĐ huyện Cao Lộc tổng kết phong trào thi đua năm 2024\n"
    "\n"
    "Cập nhật lúc 09:15 - 18/12/2024 (GMT +07:00)\n"
    "\n"
    "Sáng 17/12, LĐLĐ huyện Cao Lộc tổ chức hội nghị tổng kết phong trào thi đua năm 2024. "
    "Dự hội nghị có đồng chí Hoàng Văn Bảo, Phó Chủ tịch LĐLĐ tỉnh Lạng Sơn.\n"
    "\n"
    "Lâm Hoa\n"
    "\n"
    "Tin liên quan\n"
    "Công đoàn Viên chức tỉnh Quảng Ninh trao quà cho đoàn viên ngày 12/12\n"
    "Bản quyền thuộc Liên đoàn Lao động tỉnh Lạng Sơn\n"
)


def test_boilerplate_entities_are_not_reported(ner_nlp):
    article = ner_nlp(PAGE)
    assert article.body_start > 0 and article.body_end < len(PAGE)
    assert article.entities, "the body has entities"
    for e in article.entities:
        assert article.body_start <= e.start and e.end <= article.body_end, e
    texts = {e.text for e in article.entities}
    # only the header slogan, the related-news line and the copyright line name these
    assert "Quảng Ninh" not in " ".join(texts)
    assert "Công đoàn Viên chức tỉnh Quảng Ninh" not in texts
    assert "Liên đoàn Lao động tỉnh Lạng Sơn" not in texts
    assert not any(e.text == "nhiệm kỳ 2023 – 2028" for e in article.entities)
    _check(
        article,
        [("ORG", "LĐLĐ huyện Cao Lộc"), ("PER", "Hoàng Văn Bảo"), ("PER", "Lâm Hoa")],
        [],
    )


def test_page_publication_line_dates_the_body(ner_nlp):
    article = ner_nlp(PAGE)
    assert article.published == datetime.date(2024, 12, 18)
    found = {(e.text, e.value) for e in article.entities if e.label == "DATE"}
    assert ("17/12", "2024-12-17") in found
    assert ("năm 2024", "2024") in found


# -- Exact original offsets: NFD, old tone placement, CRLF --------------------------------
OFFSET_BASE = (
    "LĐLĐ tỉnh Hoà Bình tổng kết năm 2024\n"
    "\n"
    "Ngày 12/12, LĐLĐ tỉnh Hoà Bình tổ chức hội nghị tại thành phố Hoà Bình.\n"
    "Đồng chí Bùi Thị Thuỷ, Chủ tịch LĐLĐ tỉnh, phát biểu khai mạc."
)
OFFSET_EXPECT = [
    ("ORG", "LĐLĐ tỉnh Hoà Bình", 0),
    ("DATE", "năm 2024", 0),
    ("DATE", "Ngày 12/12", 0),
    ("ORG", "LĐLĐ tỉnh Hoà Bình", 1),
    ("LOC", "Hoà Bình", 2),  # the third "Hoà Bình": the city, after "thành phố"
    ("PER", "Bùi Thị Thuỷ", 0),
    ("ORG", "LĐLĐ tỉnh", 2),  # the third "LĐLĐ tỉnh", bare
]


def _nth(text: str, surface: str, n: int) -> int:
    pos = -1
    for _ in range(n + 1):
        pos = text.find(surface, pos + 1)
        assert pos >= 0, f"malformed case: fewer than {n + 1} {surface!r}"
    return pos


def _variants(text: str) -> dict[str, tuple[str, object]]:
    """name -> (variant text, function mapping a surface of the base to the variant)."""
    crlf = text.replace("\n", "\r\n")
    return {
        "nfc": (text, lambda s: s),
        "crlf": (crlf, lambda s: s),
        "nfd": (unicodedata.normalize("NFD", text), lambda s: unicodedata.normalize("NFD", s)),
        "nfd-crlf": (
            unicodedata.normalize("NFD", crlf),
            lambda s: unicodedata.normalize("NFD", s),
        ),
    }


@pytest.mark.parametrize("variant", ["nfc", "crlf", "nfd", "nfd-crlf"])
def test_exact_original_offsets(ner_nlp, variant):
    text, convert = _variants(OFFSET_BASE)[variant]
    article = ner_nlp(text, published="2024-12-13")
    found = {(e.label, e.start, e.end): e for e in article.entities}
    for label, surface, n in OFFSET_EXPECT:
        surface = convert(surface)
        start = _nth(text, surface, n)
        key = (label, start, start + len(surface))
        assert key in found, f"expected {label} {surface!r} at {start}; got {sorted(found)}"
        # the caller's spelling, old tone placement and decomposition included
        assert found[key].text == surface
    values = {e.text: e.value for e in article.entities if e.label == "DATE"}
    assert values[convert("Ngày 12/12")] == "2024-12-12"


def test_variants_agree(ner_nlp):
    """NFD and CRLF change offsets, never what is found."""

    def signature(article: Article) -> list[tuple[str, str, str | None]]:
        return [
            (e.label, unicodedata.normalize("NFC", e.text).replace("\r", ""), e.value)
            for e in article.entities
        ]

    results = {
        name: signature(ner_nlp(text, published="2024-12-13"))
        for name, (text, _) in _variants(OFFSET_BASE).items()
    }
    assert len({tuple(r) for r in results.values()}) == 1, results


# -- Invariants over every text of this module --------------------------------------------
ALL_TEXTS = [
    p.values[0] for p in PERSON_CASES + PLACE_CASES + ORG_CASES + HCM_CASES + BYLINE_CASES
] + [p.values[0] for p in DATE_CASES]
ALL_TEXTS += [PAGE] + [text for text, _ in _variants(OFFSET_BASE).values()]


def test_entity_text_is_the_original_slice(ner_nlp):
    for text in ALL_TEXTS:
        for e in ner_nlp(text, published="2024-06-01").entities:
            assert isinstance(e, Entity)
            assert text[e.start : e.end] == e.text, (text, e)
            assert e.label in ("PER", "ORG", "LOC", "DATE")
            assert (e.value is not None) == (e.label == "DATE"), e


def _assert_flat(entities: list[Entity]) -> None:
    for a, b in itertools.pairwise(entities):
        assert a.start < a.end
        assert a.end <= b.start, f"{a} overlaps {b}"


def test_recognizer_never_overlaps_on_module_texts(text_only):
    tagger = load_tagger()
    for text in ALL_TEXTS:
        _assert_flat(recognize(text_only(text), tagger))


# Pieces that invite overlaps: a place that is also an ORG's tail, a name that is also a
# city, dates next to names, repeated surfaces for document consistency.
FRAGMENTS = [
    "LĐLĐ tỉnh Hòa Bình",
    "thành phố Hòa Bình",
    "Hòa Bình",
    "Hoà Bình",
    "phong cách Hồ Chí Minh",
    "TP Hồ Chí Minh",
    "LĐLĐ TP Hồ Chí Minh",
    "đồng chí Nguyễn Văn Bình",
    "Nguyễn Văn Bình",
    "ngày 28/6",
    "năm 2024",
    "giai đoạn 2020 – 2025",
    "Liên đoàn Lao động (LĐLĐ) tỉnh Bắc Kạn",
    "LĐLĐ",
    "huyện Chợ Mới",
    "Chợ Mới",
    "Công đoàn Việt Nam (28/7/1929 - 28/7/2024)",
    "Giải thưởng Nguyễn Đức Cảnh",
    "Trường Tiểu học Nguyễn Du",
    "Đinh Văn Tuyên-LĐLĐ huyện Bạch Thông",
    "Thanh Nga (BTV)",
    "tổ chức hội nghị",
    "trao quà",
    ",",
    ".",
    "\n",
    "\r\n",
]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14))
def test_recognizer_never_overlaps(text_only, pieces):
    text = " ".join(pieces)
    article = text_only(text)
    if not text.strip():
        return
    entities = recognize(article, load_tagger())
    _assert_flat(entities)
    for e in entities:
        assert text[e.start : e.end] == e.text


# -- real-portal phrasing: the repairs of vn_union_nlp.ner.repair -------------------------
REPAIR_CASES = [
    case(
        "Dự chương trình có Phó Chủ tịch Tổng LĐLĐ Việt Nam Ngọ Duy Hiểu; Phó Bí thư Thường "
        "trực Tỉnh ủy Phú Thọ Phùng Khánh Tài và Giám đốc Sở Tư pháp Viên Hồng Tiến.",
        [
            ("ORG", "Tổng LĐLĐ Việt Nam"),
            ("PER", "Ngọ Duy Hiểu"),
            ("ORG", "Tỉnh ủy Phú Thọ"),
            ("PER", "Phùng Khánh Tài"),
            ("ORG", "Sở Tư pháp"),
            ("PER", "Viên Hồng Tiến"),
        ],
        id="title-org-and-name-without-comma",
    ),
    case(
        "Bà Đàm Thị Xuân, Phó Chủ tịch LĐLĐ tỉnh Lạng Sơn chúc mừng các điển hình.",
        [("ORG", "LĐLĐ tỉnh Lạng Sơn"), ("PER", "Đàm Thị Xuân")],
        [("PER", "Lạng Sơn")],
        id="place-of-the-org-is-not-a-name",
    ),
    case(
        "Ông Đặng Ngọc Tùng, Ủy viên Trung ương Đảng, Chủ tịch Tổng LĐLĐVN dự hội nghị.",
        [("ORG", "Trung ương Đảng"), ("ORG", "Tổng LĐLĐVN")],
        id="national-bodies",
    ),
    case(
        "Năm 2023, toàn tỉnh có 1.054 CĐCS với trên 60.000 đoàn viên.",
        reject=[("ORG", "CĐCS")],
        id="generic-grassroots-union",
    ),
    case(
        "Sáng 5/3, tại Nhà Văn hóa Lao động tỉnh An Giang, LĐLĐ tỉnh tổ chức hội nghị.",
        [("LOC", "An Giang")],
        [("ORG", "Nhà Văn hóa Lao động")],
        id="venue-building",
    ),
    case(
        "Đại hội đã bầu Ban Chấp hành Liên đoàn Lao động tỉnh khóa XIII gồm 35 đồng chí.",
        [("ORG", "Liên đoàn Lao động tỉnh")],
        [("ORG", "Ban Chấp hành")],
        id="committee-being-elected",
    ),
    case(
        "Ban chấp hành LĐLĐ huyện khóa X tiến hành phiên họp thứ nhất.",
        [("ORG", "Ban chấp hành LĐLĐ huyện")],
        id="body-of-an-organization",
    ),
    case(
        "Dự hội nghị có lãnh đạo Thường trực các Huyện ủy, Thị ủy, Thành ủy, Đảng ủy Khối các "
        "cơ quan tỉnh.",
        [("ORG", "Đảng ủy Khối các cơ quan tỉnh")],
        [("ORG", "Thị ủy"), ("ORG", "Thành ủy")],
        id="items-after-a-generic-plural",
    ),
    case(
        "LĐLĐ thành phố sẽ tiếp tục đồng hành cùng người lao động.\n\nLê Thu – Quang Sơn",
        [("PER", "Lê Thu"), ("PER", "Quang Sơn")],
        id="two-bylines-joined-by-a-dash",
    ),
    case(
        "Bài và ảnh: Thu ThủyXem phản hồi",
        reject=[(None, "Thu ThủyXem")],
        id="glued-to-a-widget",
    ),
]


@pytest.mark.parametrize(("text", "expect", "reject", "published"), REPAIR_CASES)
def test_repairs_of_real_portal_phrasing(ner_nlp, text, expect, reject, published):
    _check(ner_nlp(text, published=published), expect, reject)
