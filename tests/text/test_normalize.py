import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn_union_nlp.text.normalize import normalize

CASES = [
    # (original, normalized)
    ("Hòa Bình", "Hòa Bình"),
    ("Hoà Bình", "Hòa Bình"),
    ("thuỷ lợi", "thủy lợi"),
    ("sức khoẻ", "sức khỏe"),
    ("quý III", "quý III"),  # qu + y: the mark stays on y
    ("hoàn thành", "hoàn thành"),  # closed syllable: unchanged
    ("Thuỷ", "Thủy"),
    ("HOÀ", "HÒA"),
    (unicodedata.normalize("NFD", "Ủy ban nhân dân"), "Ủy ban nhân dân"),
    (unicodedata.normalize("NFD", "hoà"), "hòa"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("LĐLĐ\u00a0tỉnh", "LĐLĐ tỉnh"),
    ("Bắc\u200b Kạn\ufeff", "Bắc Kạn"),
    ("“Lao động giỏi”", '"Lao động giỏi"'),
    ("N’Thôn", "N'Thôn"),
]


@pytest.mark.parametrize(("original", "expected"), CASES)
def test_normalize_examples(original, expected):
    assert normalize(original).text == expected


def test_clean_text_is_identity():
    n = normalize("Liên đoàn Lao động tỉnh Bắc Kạn")
    assert n.is_identity
    assert n.to_original_span(0, 9) == (0, 9)


def test_span_maps_back_through_every_change():
    original = unicodedata.normalize("NFD", "Hoà Bình") + "\r\n\u00a0“thuỷ”\u200b lợi"
    n = normalize(original)
    assert n.text == 'Hòa Bình\n "thủy" lợi'
    for word in ("Hòa", "Bình", '"thủy"', "lợi"):
        s = n.text.index(word)
        a, b = n.to_original_span(s, s + len(word))
        assert normalize(original[a:b]).text == word
    a, b = n.to_original_span(n.text.index("lợi"), len(n.text))
    assert original[a:b] == "lợi"


# -- property test: random Vietnamese strings in mixed forms --------------------------
WORDS = [
    "Hòa",
    "hoà",
    "thủy",
    "thuỷ",
    "khỏe",
    "khoẻ",
    "Liên",
    "đoàn",
    "Lao",
    "động",
    "tỉnh",
    "Bắc",
    "Kạn",
    "Ủy",
    "ban",
    "quý",
    "xòe",
    "xoè",
    "Nguyễn",
    "Thị",
    "Hường",
    "CĐCS",
    "28/6/2022",
    "bk5.jpg",
    "TP.",
    "phong",
    "trào",
    "“thi",
    "đua”",
    "‘a’",
    "LĐLĐ",
]
SEPARATORS = [" ", "  ", "\n", "\r\n", "\r", "\u00a0", " \u200b", "\t", ", ", ". "]


@st.composite
def mixed_text(draw):
    n = draw(st.integers(min_value=0, max_value=25))
    pieces = []
    words = []
    for _ in range(n):
        w = draw(st.sampled_from(WORDS))
        if draw(st.booleans()):
            w = unicodedata.normalize("NFD", w)
        words.append(w)
        pieces.append(w)
        pieces.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(pieces), words


@settings(max_examples=300, deadline=None)
@given(mixed_text())
def test_every_word_maps_back_to_its_original_form(data):
    original, words = data
    n = normalize(original)
    # walk the normalized text word by word (words never contain the separators)
    pos = 0
    for w in words:
        target = normalize(w).text
        s = n.text.index(target, pos)
        e = s + len(target)
        a, b = n.to_original_span(s, e)
        assert original[a:b] == w
        pos = e


@settings(max_examples=200, deadline=None)
@given(mixed_text(), st.data())
def test_spans_between_word_boundaries_map_exactly(data, choice):
    original, _ = data
    n = normalize(original)
    text = n.text
    # word boundaries: the ends of the text and the edges of white space
    bounds = sorted(
        {0, len(text)}
        | {i for i in range(1, len(text)) if text[i - 1].isspace() != text[i].isspace()}
    )
    s = choice.draw(st.sampled_from(bounds))
    e = choice.draw(st.sampled_from([b for b in bounds if b >= s]))
    a, b = n.to_original_span(s, e)
    assert 0 <= a <= b <= len(original)
    assert normalize(original[a:b]).text == text[s:e].strip() or (
        normalize(original[a:b]).text.strip() == text[s:e].strip()
    )


@settings(max_examples=200, deadline=None)
@given(mixed_text(), st.data())
def test_map_is_monotone_and_in_bounds(data, choice):
    original, _ = data
    n = normalize(original)
    positions = sorted(choice.draw(st.lists(st.integers(0, len(n.text)), min_size=2, max_size=6)))
    starts = [n.to_original_start(p) for p in positions]
    ends = [n.to_original_end(p) for p in positions]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert all(0 <= x <= len(original) for x in starts + ends)


@settings(max_examples=100, deadline=None)
@given(mixed_text())
def test_tokens_map_back(data):
    from vn_union_nlp.text.segment import segment

    original, _ = data
    n = normalize(original)
    for tok in segment(n.text):
        a, b = n.to_original_span(tok.start, tok.end)
        assert normalize(original[a:b]).text == tok.text
