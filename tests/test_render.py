"""The HTML viewer: ``render_html`` and ``vn-union-nlp show``, checked with the stdlib parser."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import pytest

from vn_union_nlp.cli import main
from vn_union_nlp.cli.show import show_file
from vn_union_nlp.render import render_html
from vn_union_nlp.types import (
    Article,
    AwardEvent,
    CampaignEvent,
    ConferenceEvent,
    Entity,
    Participant,
    Span,
)

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
SCRAPED = ARTICLES / "scraped-page.txt"  # boilerplate around the body, "<" and "&" in the text
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class Page(HTMLParser):
    """What a reader sees: marks and their labels, the text, tables, and any unbalanced tag."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.problems: list[str] = []
        self.ids: dict[str, str] = {}
        self.marks: list[dict[str, str]] = []
        self.text: list[str] = []  # data inside #text, entity labels left out
        self.boilerplate: list[str] = []
        self.event_rows: list[dict[str, str]] = []
        self.score_rows = 0
        self.title = ""
        self.h1 = ""
        self.feed(html)
        self.close()
        if self.stack:
            self.problems.append(f"unclosed {[t for t, _ in self.stack]}")

    def _within(self, tag: str, cls: str | None = None, id: str | None = None) -> bool:
        for t, a in self.stack:
            if t == tag and (cls is None or cls in a.get("class", "").split()):
                if id is None or a.get("id") == id:
                    return True
        return False

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.problems.append(f"duplicate id {attrs['id']}")
            self.ids[attrs["id"]] = tag
        if tag in VOID:
            return
        if tag == "mark":
            if self._within("mark"):
                self.problems.append("nested mark")
            self.marks.append({**attrs, "text": "", "label": ""})
        if tag == "tr" and "event" in attrs.get("class", "").split():
            if self._within("table", id="events"):
                self.event_rows.append(attrs)
        if tag == "tr" and self._within("table", id="type-scores") and self._within("tbody"):
            self.score_rows += 1
        self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else None}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self._within("title"):
            self.title += data
        if self._within("h1"):
            self.h1 += data
        if not self._within("div", id="text"):
            return
        if self._within("span", cls="label"):
            self.marks[-1]["label"] += data
            return
        self.text.append(data)
        if self._within("mark"):
            self.marks[-1]["text"] += data
        if self._within("span", cls="boilerplate"):
            self.boilerplate.append(data)


def parse(html: str) -> Page:
    page = Page(html)
    assert not page.problems, page.problems
    assert html.startswith("<!DOCTYPE html>")
    return page


def assert_self_contained(html: str) -> None:
    lowered = html.lower()
    for needle in ("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"):
        assert needle not in lowered, needle


# -- the command on a real article ------------------------------------------------------


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    out = tmp_path_factory.mktemp("show") / "page.html"
    return out, main(["show", str(SCRAPED), "--html", str(out)])


def test_show_writes_the_page(shown):
    out, code = shown
    assert code == 0
    assert out.is_file()


def test_show_marks_every_entity_with_its_label(shown, nlp):
    out, _ = shown
    html = out.read_text(encoding="utf-8")
    page = parse(html)
    text = SCRAPED.read_text(encoding="utf-8")
    article = nlp(text)  # the command runs the same default pipeline
    assert article.entities
    expected = [(e.text, e.label) for e in sorted(article.entities, key=lambda e: e.start)]
    assert [(m["text"], m["label"]) for m in page.marks] == expected
    assert all(m["data-label"] == m["label"] for m in page.marks)
    for mark, ent in zip(page.marks, sorted(article.entities, key=lambda e: e.start), strict=True):
        assert f"{ent.start}-{ent.end}" in mark["title"]
        if ent.value:
            assert ent.value in mark["title"]
    # nothing lost or added: the text on the page is the article, character for character
    assert "".join(page.text) == text
    # the boilerplate around the body is there, dimmed
    assert article.body_start > 0 and article.body_end < len(text)
    assert "".join(page.boilerplate) == text[: article.body_start] + text[article.body_end :]
    assert page.ids["legend"] == "ul"
    for label in ("PER", "ORG", "LOC", "DATE"):
        assert f'<span class="swatch ent-{label}">{label}</span>' in html


def test_show_has_header_type_and_events_table(shown, nlp):
    out, _ = shown
    html = out.read_text(encoding="utf-8")
    page = parse(html)
    article = nlp(SCRAPED.read_text(encoding="utf-8"))
    assert page.title == page.h1 == article.title
    assert article.published is not None
    assert article.published.isoformat() in html
    assert page.ids["meta-type"] == "p"
    if article.type is not None:
        assert article.type in html
        assert page.score_rows == len(article.type_scores)
    assert page.ids["events"] == "table"
    assert [r["data-type"] for r in page.event_rows] == [e.type for e in article.events]


def test_show_escapes_special_characters(shown):
    out, _ = shown
    html = out.read_text(encoding="utf-8")
    text = SCRAPED.read_text(encoding="utf-8")
    assert "<5" in text and "A&B" in text  # what the fixture is for
    assert "<5" not in html and "&lt;5 triệu" in html
    assert "A&B" not in html and "A&amp;B" in html
    assert_self_contained(html)


def test_show_reads_stdin(tmp_path, monkeypatch, capsys):
    data = SCRAPED.read_text(encoding="utf-8").encode("utf-8-sig")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    out = tmp_path / "sub" / "stdin.html"
    assert main(["show", "-", "--html", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}\n"
    page = parse(out.read_text(encoding="utf-8"))
    assert "".join(page.text) == SCRAPED.read_text(encoding="utf-8")  # BOM dropped


def test_show_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "page.html"
    out.write_text("keep me", encoding="utf-8")
    assert main(["show", str(SCRAPED), "--html", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["show", str(SCRAPED), "--html", str(out), "--force"]) == 0
    assert capsys.readouterr().out == f"{out}\n"
    parse(out.read_text(encoding="utf-8"))


def test_show_reports_bad_input(tmp_path, capsys):
    assert main(["show", str(tmp_path / "missing.txt"), "--html", str(tmp_path / "a.html")]) == 2
    assert "no such file" in capsys.readouterr().err
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Hội nghị công đoàn".encode("windows-1258", "replace"))
    assert main(["show", str(latin), "--html", str(tmp_path / "b.html")]) == 2
    assert "UTF-8" in capsys.readouterr().err
    assert not (tmp_path / "a.html").exists() and not (tmp_path / "b.html").exists()


def test_show_file_published_override(tmp_path):
    path = show_file(SCRAPED, tmp_path / "p.html", published="2023-05-20")
    assert "2023-05-20" in path.read_text(encoding="utf-8")


# -- render_html on hand-made articles -------------------------------------------------


def test_empty_article_renders():
    html = render_html(Article(text=""))
    page = parse(html)
    assert page.title == "(no title)"
    assert page.ids["events"] == "table" and page.event_rows == []
    assert page.marks == [] and "".join(page.text) == ""
    assert_self_contained(html)


def test_every_event_kind_gets_a_row():
    text = "Hội nghị <tổng kết>\n\nLĐLĐ tỉnh & Công đoàn ngành trao Bằng khen."
    article = Article(
        text=text,
        title="Hội nghị <tổng kết>",
        body_end=len(text),
        events=[
            ConferenceEvent(
                name="Hội nghị <tổng kết>",
                participants=[Participant("Lê Văn Hùng", "Chủ tịch"), Participant("Hà")],
                evidence=[Span(0, 19)],
            ),
            CampaignEvent(name="Lao động giỏi", movements=["A", "B"]),
            AwardEvent(issuer="LĐLĐ tỉnh & Công đoàn", award="bằng khen", collectives=2),
        ],
    )
    html = render_html(article)
    page = parse(html)
    assert [r["data-type"] for r in page.event_rows] == ["conference", "campaign", "award"]
    assert "Lê Văn Hùng (Chủ tịch)" in html
    assert "<blockquote>Hội nghị &lt;tổng kết&gt;</blockquote>" in html
    assert "LĐLĐ tỉnh &amp; Công đoàn" in html and "<tổng" not in html


def test_overlapping_and_out_of_range_entities_are_reported_not_nested():
    text = "Boilerplate\nLĐLĐ tỉnh Bắc Kạn họp.\nFooter"
    body_start, body_end = 12, 34
    article = Article(
        text=text,
        body_start=body_start,
        body_end=body_end,
        entities=[
            Entity(8, 21, "ORG", text[8:21]),  # straddles the start of the body
            Entity(22, 29, "LOC", "Bắc Kạn"),
            Entity(25, 29, "LOC", "Kạn"),  # overlaps the previous one
            Entity(40, 90, "PER", "nowhere"),  # past the end of the text
            Entity(30, 33, 'X"<y>', "họp"),  # a label from some retrained model
        ],
    )
    html = render_html(article)
    page = parse(html)
    assert [(m["text"], m["label"]) for m in page.marks] == [
        (text[8:21], "ORG"),
        ("Bắc Kạn", "LOC"),
        ("họp", 'X"<y>'),
    ]
    assert "2 entities not highlighted" in html and "LOC 25-29" in html and "PER 40-90" in html
    assert "".join(page.text) == text
    assert "".join(page.boilerplate) == text[:body_start] + text[body_end:]
    assert "ent-X__y_" in html and 'X"<y>' not in html


def test_entity_labels_are_counted_in_the_legend():
    text = "Anh Lê Văn Hùng và chị Phan Thị Thu"
    article = Article(
        text=text,
        body_end=len(text),
        entities=[Entity(4, 15, "PER", "Lê Văn Hùng"), Entity(23, 35, "PER", "Phan Thị Thu")],
    )
    html = render_html(article)
    parse(html)
    assert "person (2)" in html and "organization (0)" in html
