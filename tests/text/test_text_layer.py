import datetime as dt

import pytest
from tests.conftest import load_shared, shared_gold_ids

from vn_union_nlp.text.body import find_body
from vn_union_nlp.text.published import find_publication_date
from vn_union_nlp.text.sentences import split_sentences

PUBLICATION_LINES = [
    ("Cập nhật lúc 16:26 - 25/05/2020 (GMT +07:00)", dt.date(2020, 5, 25), "25/05/2020"),
    ("Thứ Hai, 18/03/2024 10:20", dt.date(2024, 3, 18), "18/03/2024"),
    ("Ngày đăng: 05/01/2024", dt.date(2024, 1, 5), "05/01/2024"),
    ("15/08/2024 08:30", dt.date(2024, 8, 15), "15/08/2024"),
    ("Đăng lúc: 08:30 ngày 15/08/2024", dt.date(2024, 8, 15), "15/08/2024"),
    ("Thứ bảy, 15/8/2024 - 09:12 (GMT+7)", dt.date(2024, 8, 15), "15/8/2024"),
    ("Chủ nhật, 01-12-2024", dt.date(2024, 12, 1), "01-12-2024"),
]


@pytest.mark.parametrize(("line", "date", "span"), PUBLICATION_LINES)
def test_publication_line(line, date, span):
    text = "Tiêu đề bài viết\n" + line + "\nNội dung bài viết."
    found = find_publication_date(text)
    assert found is not None and found.date == date
    assert text[found.start : found.end] == span


@pytest.mark.parametrize(
    "line",
    [
        "Sáng ngày 28/6/2024, LĐLĐ tỉnh tổ chức hội nghị.",
        "Đợt 1 từ 1/7 - 31/12/2022.",
        "Cập nhật lúc 16:26 - 35/05/2020",  # impossible date
    ],
)
def test_body_sentences_are_not_publication_lines(line):
    assert find_publication_date("Tiêu đề\n" + line) is None


SENTENCE_CASES = [
    ("Một câu. Hai câu.", ["Một câu.", "Hai câu."]),
    ("Ảnh bk5.jpg đẹp. Tiếp theo.", ["Ảnh bk5.jpg đẹp.", "Tiếp theo."]),
    ("Ngày 28/6/2022 và 15.8.2024 là hai ngày.", ["Ngày 28/6/2022 và 15.8.2024 là hai ngày."]),
    ("Tại TP. Hồ Chí Minh có 3.625 người.", ["Tại TP. Hồ Chí Minh có 3.625 người."]),
    (
        "Thi đua, khen thưởng v.v. và các hoạt động khác.",
        ["Thi đua, khen thưởng v.v. và các hoạt động khác."],
    ),
    ("Ông Nguyễn V. An phát biểu. Bà Lan nói.", ["Ông Nguyễn V. An phát biểu.", "Bà Lan nói."]),
    ("Có ThS. Lê Hoa dự. Xong!", ["Có ThS. Lê Hoa dự.", "Xong!"]),
    ('Chủ đề "Đoàn kết". Phong trào "Xanh".', ['Chủ đề "Đoàn kết".', 'Phong trào "Xanh".']),
    (
        "Tiêu đề\nDòng hai không có dấu chấm\n\nĐoạn ba.",
        ["Tiêu đề", "Dòng hai không có dấu chấm", "Đoạn ba."],
    ),
    ("Hôm nay? Ngày mai… Tuần sau.", ["Hôm nay?", "Ngày mai…", "Tuần sau."]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_split_sentences(text, expected):
    assert [text[s.start : s.end] for s in split_sentences(text)] == expected


def test_clean_article_body_is_whole_text():
    text = "Hội nghị tổng kết năm 2024\n\nSáng 10/1, LĐLĐ tỉnh tổ chức hội nghị.\n\nThu Hà"
    body = find_body(text)
    assert (body.start, body.end) == (0, len(text))
    assert text[body.title_start : body.title_end] == "Hội nghị tổng kết năm 2024"


BOILERPLATE_PAGES = [
    # (page, title, byline)
    (
        "• /upload/images/slide/a1.jpg\n• /upload/images/slide/a2.jpg\nCÔNG ĐOÀN TỈNH NAM ĐỊNH\n"
        'congdoannamdinh.vn\nMenu\nCÔNG ĐOÀN TỈNH NAM ĐỊNH\n"Thi đua lập thành tích chào mừng Đại hội!"\n\n'
        "Trao Bằng khen cho 20 tập thể\n\nCập nhật lúc 10:00 - 02/04/2024 (GMT +07:00)\n\n"
        "Sáng 1/4, LĐLĐ tỉnh tổ chức lễ trao.\n\nMinh Anh\n\nPrevious post\nNext post\n%d bloggers like this:",
        "Trao Bằng khen cho 20 tập thể",
        "Minh Anh",
    ),
    (
        "Trang chủ | Tin tức | Liên hệ\nhttps://ldld.example.vn/tin-tuc/abc\n\nLĐLĐ huyện phát động thi đua\n"
        "Thứ Hai, 18/03/2024 10:20\nNội dung bài. Câu hai.\nT.Vũ\nTags: thi đua, công đoàn\nChia sẻ\n"
        "© Bản quyền thuộc về LĐLĐ tỉnh",
        "LĐLĐ huyện phát động thi đua",
        "T.Vũ",
    ),
    (
        "Tin tức » Hoạt động công đoàn\n\nĐại hội Công đoàn cơ sở nhiệm kỳ 2023 – 2028\n"
        "Ngày đăng: 05/01/2024\nĐại hội đã bầu Ban Chấp hành.\nHoàng Lan\nBài viết liên quan\n- Tin khác",
        "Đại hội Công đoàn cơ sở nhiệm kỳ 2023 – 2028",
        "Hoàng Lan",
    ),
]


@pytest.mark.parametrize(("page", "title", "byline"), BOILERPLATE_PAGES)
def test_body_of_scraped_pages(page, title, byline):
    body = find_body(page)
    assert page[body.title_start : body.title_end] == title
    assert page[body.start : body.end].startswith(title)
    assert page[body.start : body.end].endswith(byline)


@pytest.mark.parametrize("seed_id", shared_gold_ids())
def test_body_of_shared_seeds(seed_id, text_nlp):
    text, gold = load_shared(seed_id)
    article = text_nlp(text)
    assert (article.body_start, article.body_end) == (gold["body_start"], gold["body_end"])
    if gold["published"]:
        assert article.published.isoformat() == gold["published"]
    else:
        assert article.published is None
