"""The text layer on the layouts of real portal excerpts: no headline, index date lines,
datelines, and text it cannot read."""

import pytest

from vn_union_nlp.text import detect_language, find_body, find_publication_date
from vn_union_nlp.text.body import looks_like_lead
from vn_union_nlp.text.language import OTHER, UNKNOWN, VIETNAMESE, VIETNAMESE_NO_DIACRITICS
from vn_union_nlp.types import Token, TokenList

LEADS = [
    "Sáng ngày 10/7/2018, LĐLĐ huyện Bạch Thông tổ chức Hội nghị sơ kết công tác công đoàn.",
    "(Dân trí) - Chiều 2/4, Liên đoàn Lao động tỉnh Nghệ An tổ chức lễ phát động Tháng Công nhân.",
    "LĐ - Ngày 5/3, Công đoàn ngành Giáo dục tỉnh Thanh Hóa tổ chức tuyên dương 50 nữ nhà giáo.",
    "Trong hai ngày 15 và 16 tháng 6 năm 2023, LĐLĐ tỉnh Nghệ An tổ chức Đại hội Công đoàn tỉnh.",
    "Nhằm động viên, khen thưởng kịp thời những tập thể và cá nhân có thành tích xuất sắc trong "
    "phong trào thi đua lao động giỏi, lao động sáng tạo, Công đoàn các Khu công nghiệp tỉnh đã "
    "trao tặng bằng khen cho 40 tập thể.",
]
HEADLINES = [
    "LĐLĐ tỉnh Nghệ An tổng kết công tác công đoàn năm 2024",
    "Hội nghị điển hình tiên tiến trong CNVCLĐ giai đoạn 2020 – 2025",
    "Bắc Giang: Phát động thi đua trong công nhân lao động",
    "LĐLĐ HUYỆN ĐÔ LƯƠNG TỔNG KẾT NĂM 2024",
    "Vì sao công nhân bỏ việc sau Tết?",
]


@pytest.mark.parametrize("line", LEADS)
def test_a_lead_is_not_a_headline(line):
    assert looks_like_lead(line)
    body = find_body(line + "\nĐoạn thứ hai của bài.")
    assert body.title_start is None and body.start == 0


@pytest.mark.parametrize("line", HEADLINES)
def test_a_headline_is_a_headline(line):
    assert not looks_like_lead(line)
    assert find_body(line + "\n" + LEADS[0]).title_start == 0


def test_the_index_date_line_is_furniture_and_the_publication_date():
    text = " date 2024-03-18\n" + LEADS[0] + "\nĐoạn thứ hai của bài."
    body = find_body(text)
    assert text[body.start :].startswith("Sáng ngày")
    found = find_publication_date(text, 0, body.start)
    assert found is not None and found.date.isoformat() == "2024-03-18"


def test_a_pipeline_reads_the_publication_year_from_the_index_date_line(nlp):
    article = nlp(" date 2024-03-18\n" + LEADS[0].replace("10/7/2018", "10/3"))
    assert article.published.isoformat() == "2024-03-18"
    assert article.body.startswith("Sáng ngày")
    dates = [e for e in article.entities if e.label == "DATE"]
    assert dates[0].value == "2024-03-10"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (LEADS[0] + " " + LEADS[1], VIETNAMESE),
        (
            "The Vietnam General Confederation of Labour held a conference in Hanoi on "
            "Monday to review the work of the year.",
            OTHER,
        ),
        (
            "Sang ngay 10/7/2018, LDLD huyen Bach Thong to chuc hoi nghi so ket cong tac "
            "cong doan nam 2018 tai hoi truong.",
            VIETNAMESE_NO_DIACRITICS,
        ),
        ("Всероссийская конференция профсоюзов прошла в Москве в понедельник утром.", OTHER),
        ("Hội nghị", UNKNOWN),
    ],
)
def test_language(text, language):
    assert detect_language(text) == language


def test_language_does_not_depend_on_the_unicode_form():
    import unicodedata

    text = LEADS[0] + " " + LEADS[3]
    assert detect_language(unicodedata.normalize("NFD", text)) == VIETNAMESE


def test_no_entities_are_invented_in_text_the_models_cannot_read(nlp):
    article = nlp(
        "Sang ngay 10/7/2018, LDLD huyen Bach Thong to chuc hoi nghi so ket cong tac cong "
        "doan nam 2018. Ong Nguyen Van An phat bieu tai hoi nghi."
    )
    assert article.language == VIETNAMESE_NO_DIACRITICS
    assert article.entities == [] and article.events == [] and article.type is None
    assert article.warnings and "diacritics" in article.warnings[0]
    assert article.to_dict()["warnings"] == article.warnings


def test_token_list_reads_like_a_list_of_tokens():
    text = "Công đoàn tỉnh"
    tokens = TokenList(text, [(0, 9), (10, 14)])
    expected = [Token(0, 9, "Công đoàn"), Token(10, 14, "tỉnh")]
    assert len(tokens) == 2 and list(tokens) == expected and tokens == expected
    assert tokens[1] == expected[1] and tokens[-1] == expected[1] and tokens[:1] == expected[:1]
    assert tokens == TokenList(text, [(0, 9), (10, 14)]) and tokens != TokenList(text)
    assert list(tokens.spans()) == [(0, 9), (10, 14)]
