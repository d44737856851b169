"""The authoring-format parser and compiler (corpus/AUTHORING.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vn_union_nlp.corpus import (
    ArticleError,
    apply_noise,
    compile_corpus,
    old_tone,
    parse_article,
    parse_article_source,
    read_gold,
    validate_record,
)
from vn_union_nlp.corpus.authoring import RECORD_KEYS, new_tone

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "corpus"
CONF = DATA / "fx-conf-01.md"
OTHER = DATA / "fx-other-01.md"


def with_noise(path: Path, noise: str) -> str:
    """The fixture's source with a noise header line added."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return "\n".join([lines[0], f"# noise: {noise}", *lines[1:]])


def assert_offsets_exact(record: dict) -> None:
    for entity in record["entities"]:
        assert record["text"][entity["start"] : entity["end"]] == entity["text"]


# --- markup, header, boilerplate ---------------------------------------------------------


def test_fixture_article_compiles_to_a_gold_record() -> None:
    record = parse_article(CONF).to_dict()
    assert tuple(record) == RECORD_KEYS
    assert record["id"] == "fx-conf-01"
    assert record["published"] == "2024-06-29"
    assert (record["type"], record["split"]) == ("conference_report", "dev")
    assert record["exceptions"] == ["Công đoàn Việt Nam"]
    assert "@@" not in record["text"] and "[" not in record["text"]
    assert_offsets_exact(record)
    assert [(e["label"], e["text"], e.get("value")) for e in record["entities"]] == [
        ("DATE", "29/06/2024", "2024-06-29"),
        ("LOC", "Hòa Bình", None),
        ("DATE", "28/6", "2024-06-28"),
        ("ORG", "LĐLĐ tỉnh Hòa Bình", None),
        ("PER", "Trần Văn Thủy", None),
    ]
    assert validate_record(record) == []


def test_boilerplate_markers_delimit_the_body() -> None:
    record = parse_article(CONF).to_dict()
    text, start, end = record["text"], record["body_start"], record["body_end"]
    assert text[:start].startswith("CÔNG ĐOÀN VIỆT NAM\n")
    assert text[start:].startswith("Hội nghị điển hình tiên tiến năm 2024\n")
    assert text[:end].endswith("\n\nThu Hà")
    assert text[end:] == "\nPrevious post\nChia sẻ: Facebook, Zalo"


def test_without_markers_the_body_is_the_whole_text() -> None:
    record = parse_article(OTHER).to_dict()
    assert record["split"] == "train"  # the default
    assert record["published"] is None
    assert (record["body_start"], record["body_end"]) == (0, len(record["text"]))
    assert record["text"].startswith("Trao quà") and record["text"].endswith("T.Vũ")
    assert validate_record(record) == []


def test_events_get_the_guidelines_key_order() -> None:
    source = CONF.read_text(encoding="utf-8").replace(
        '{"type": "award", "issuer": "LĐLĐ tỉnh Hòa Bình", "award": "giấy khen"',
        '{"award": "giấy khen", "issuer": "LĐLĐ tỉnh Hòa Bình", "type": "award"',
    )
    article = parse_article_source(source, expected_id="fx-conf-01")
    assert list(article.events[1]) == [
        "type", "issuer", "award", "collectives", "individuals", "recipients", "date",
    ]  # fmt: skip


def test_source_normalisation_keeps_the_compiled_text_stable() -> None:
    source = CONF.read_text(encoding="utf-8")
    messy = "\ufeff" + unicodedata.normalize("NFD", source).replace("\n", "   \r\n") + "\r\n\r\n"
    clean = parse_article_source(source, expected_id="fx-conf-01").to_dict()
    assert parse_article_source(messy, expected_id="fx-conf-01").to_dict() == clean


# --- noise -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("hòa", "hoà"),
        ("xòe", "xoè"),
        ("khỏe", "khoẻ"),
        ("thủy", "thuỷ"),
        ("lũy", "luỹ"),
        ("Hòa Bình", "Hoà Bình"),
        ("Ủy ban", "Uỷ ban"),
        ("ỦY BAN", "UỶ BAN"),
        ("Thanh Hóa", "Thanh Hoá"),
        ("hoàn", "hoàn"),  # closed syllable
        ("thuyết", "thuyết"),
        ("quý", "quý"),  # qu- onset
        ("ngoài", "ngoài"),
        ("khuya", "khuya"),
        ("hoà", "hoà"),  # already old-style
    ],
)
def test_old_tone(word: str, expected: str) -> None:
    assert old_tone(word) == expected
    assert new_tone(expected) == (word if expected != "hoà" else "hòa")


@pytest.mark.parametrize("noise", ["nfd", "old_tone", "crlf", "nbsp", "nbsp, crlf, old_tone, nfd"])
@pytest.mark.parametrize("fixture", [CONF, OTHER])
def test_noise_keeps_offsets_exact(fixture: Path, noise: str) -> None:
    clean = parse_article(fixture).to_dict()
    article = parse_article_source(with_noise(fixture, noise), expected_id=fixture.stem)
    record = article.to_dict()
    assert_offsets_exact(record)
    assert validate_record(record) == []
    assert len(record["entities"]) == len(clean["entities"])
    # The noise changes the form only: undoing it gives the clean text back.
    undone = new_tone(unicodedata.normalize("NFC", record["text"]))
    assert undone.replace("\r\n", "\n").replace("\u00a0", " ") == clean["text"]
    body = record["text"][record["body_start"] : record["body_end"]]
    assert unicodedata.normalize("NFC", body.split()[-1]) in ("Hà", "T.Vũ")


def test_each_noise_shows_in_the_text() -> None:
    def text(noise: str) -> str:
        return parse_article_source(with_noise(CONF, noise), expected_id="fx-conf-01").text

    assert text("nfd") == unicodedata.normalize("NFD", text("nfd"))
    assert text("nfd") != unicodedata.normalize("NFC", text("nfd"))
    assert "Hoà Bình" in text("old_tone") and "Hòa Bình" not in text("old_tone")
    assert "\r\n" in text("crlf") and "\n" not in text("crlf").replace("\r\n", "")
    assert "\u00a0" in text("nbsp") and ", " in text("nbsp")  # some, not all


def test_event_and_except_strings_follow_the_noise() -> None:
    article = parse_article_source(with_noise(CONF, "old_tone, nfd"), expected_id="fx-conf-01")
    conference = article.events[0]
    assert conference["organizer"] == unicodedata.normalize("NFD", "LĐLĐ tỉnh Hoà Bình")
    assert conference["participants"][0]["name"] in article.text
    assert conference["date"] == "2024-06-28"
    assert article.exceptions == [unicodedata.normalize("NFD", "Công đoàn Việt Nam")]


# Precomposed letters only, so that every offset of the NFC text is a character boundary.
_ALPHABET = st.sampled_from([*"aoeuy hòaủyỹđươĐẶ,:.\n-", "Hòa", "thủy", ", "])


@given(st.lists(_ALPHABET, max_size=40).map("".join), st.data())
def test_noise_offset_map_is_exact(text: str, data: st.DataObject) -> None:
    text = unicodedata.normalize("NFC", text)
    noisy, offsets = apply_noise(text, ["nbsp", "crlf", "nfd"])
    assert len(offsets) == len(text) + 1
    assert offsets == sorted(offsets) and offsets[-1] == len(noisy)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    piece = unicodedata.normalize("NFC", noisy[offsets[start] : offsets[end]])
    assert piece.replace("\u00a0", " ") == text[start:end].replace("\n", "\r\n")


# --- errors with line numbers ------------------------------------------------------------

BASE = """# id: fx-err
# type: other
# published: 2024-01-05

Tiêu đề
[LĐLĐ tỉnh](ORG) họp [ngày 4/1](DATE:2024-01-04).
"""


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("(ORG)", "(ORGANIZATION)", 6, "unknown label 'ORGANIZATION'"),
        ("(ORG)", "(org)", 6, "unknown label 'org'"),
        ("[LĐLĐ tỉnh](ORG)", "[LĐLĐ tỉnh(ORG)", 6, "unclosed '['"),
        ("[LĐLĐ tỉnh](ORG)", "[LĐLĐ [tỉnh](ORG)", 6, "unclosed '['"),
        ("(ORG)", "(ORG", 6, "unclosed '('"),
        ("[LĐLĐ tỉnh](ORG)", "[LĐLĐ tỉnh] (ORG)", 6, "not followed by '(LABEL)'"),
        ("họp", "họp]", 6, "']' without '['"),
        ("(DATE:2024-01-04)", "(DATE)", 6, "needs its ISO value"),
        ("(ORG)", "(ORG:x)", 6, "takes no value"),
        ("[LĐLĐ tỉnh](ORG)", "[ LĐLĐ tỉnh](ORG)", 6, "starts or ends with a space"),
        ("# type: other", "# type other", 2, "bad header line"),
        ("# type: other", "# type: report", 2, "bad type 'report'"),
        ("# type: other", "# type: other\n# author: Lan", 3, "unknown header key 'author'"),
        ("# type: other", "# type: other\n# type: other", 3, "duplicate header key"),
        ("# id: fx-err", "# id: fx-error", 1, "does not match the file name fx-err.md"),
        ("# id: fx-err", "# id: Fx_Err", 1, "bad id"),
        ("2024-01-05", "2024-02-30", 3, "bad published date '2024-02-30'"),
        ("2024-01-05", "05/01/2024", 3, "bad published date"),
        ("# type: other", "# type: other\n# split: test", 3, "bad split"),
        ("# type: other", "# type: other\n# noise: blur", 3, "unknown noise 'blur'"),
        ("# type: other", '# type: other\n# event: {"type": "award",}', 3, "bad JSON in event"),
        ("# type: other", '# type: other\n# event: ["award"]', 3, "one JSON object"),
        ("# type: other", "# type: other\n# except:", 3, "empty except"),
        ("# type: other\n", "", 1, "missing header line '# type: ...'"),
        ("2024-01-05\n\n", "2024-01-05\nTiêu đề\n\n", 4, "must end with a blank line"),
        ("Tiêu đề\n", "Tiêu đề\n# except: LĐLĐ\n", 6, "header line after the first blank line"),
        ("# id: fx-err\n", "Tiêu đề\n", 1, "the file must start with header lines"),
        ("Tiêu đề\n", "@@END\nTiêu đề\n", 5, "@@END without an earlier @@BODY"),
        ("Tiêu đề\n", "@@BODY\nTiêu đề\n", 5, "@@BODY without a later @@END"),
        ("Tiêu đề\n", "@@BODY\n@@BODY\nTiêu đề\n@@END\n", 6, "second @@BODY"),
        ("Tiêu đề\n", "@@BODY\n@@END\nTiêu đề\n", 5, "body between @@BODY and @@END is empty"),
        ("Tiêu đề\n", "@@BODYY\nTiêu đề\n", 5, "unknown marker"),
    ],
)
def test_errors_name_the_line(old: str, new: str, line: int, message: str) -> None:
    assert old in BASE
    with pytest.raises(ArticleError) as caught:
        parse_article_source(BASE.replace(old, new, 1), path="x/fx-err.md", expected_id="fx-err")
    found = [(p.line, p.message) for p in caught.value.problems]
    assert any(p_line == line and message in text for p_line, text in found), found
    assert f"x/fx-err.md:{line}" in str(caught.value)


def test_error_column_points_at_the_markup() -> None:
    with pytest.raises(ArticleError) as caught:
        parse_article_source(BASE.replace("(DATE:", "(DAY:"), expected_id="fx-err")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (6, BASE.split("\n")[5].index("[ngày") + 1)


def test_base_source_is_valid() -> None:
    assert validate_record(parse_article_source(BASE, expected_id="fx-err").to_dict()) == []


def test_validation_problems_are_located_in_the_source() -> None:
    source = BASE + "Sau đó LĐLĐ tỉnh về [xã Yên Lạc](LOC).\n"
    article = parse_article_source(source, path="fx-err.md", expected_id="fx-err")
    problems = [article.locate(p) for p in validate_record(article.to_dict())]
    assert [(p.line, p.column) for p in problems] == [(7, 8)]
    assert "'LĐLĐ tỉnh' occurs here without annotation" in str(problems[0])


# --- compiling and the command line ------------------------------------------------------


def test_compile_corpus_is_deterministic(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for fixture in (OTHER, CONF):
        shutil.copy(fixture, articles)
    first = compile_corpus(articles, tmp_path / "a")
    second = compile_corpus(articles, tmp_path / "b")
    assert first.ok, first.problems
    assert [a.to_dict() for a in first.articles] == [a.to_dict() for a in second.articles]
    for name in ("train.jsonl", "dev.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    dev_lines = (tmp_path / "a" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in dev_lines] == ["fx-conf-01"]
    assert "Hòa Bình" in dev_lines[0]  # ensure_ascii=False
    records = list(read_gold(tmp_path / "a"))
    assert [r["id"] for r in records] == ["fx-conf-01", "fx-other-01"]
    assert records == [a.to_dict() for a in sorted(first.articles, key=lambda a: a.split)]


def test_compile_reports_broken_files_and_keeps_the_rest(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(CONF, articles)
    shutil.copy(DATA / "broken" / "fx-broken-01.md", articles)
    result = compile_corpus(articles, tmp_path)
    assert not result.ok
    assert {p.article_id for p in result.problems} == {"fx-broken-01"}
    assert [a.id for a in result.articles] == ["fx-conf-01"]


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "scripts" / "compile_corpus.py"), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def test_check_command_prints_file_and_line() -> None:
    broken = run_script("--check", "tests/data/corpus/broken/fx-broken-01.md")
    assert broken.returncode == 1
    assert "tests/data/corpus/broken/fx-broken-01.md:2: fx-broken-01: bad type" in broken.stdout
    assert "fx-broken-01.md:6:60:" in broken.stdout
    assert "unknown label 'CITY'" in broken.stdout
    good = run_script("--check", str(CONF), str(OTHER))
    assert (good.returncode, good.stdout) == (0, "")


def test_compile_command_writes_both_splits(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(CONF, articles)
    done = run_script("--articles", str(articles), "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "train.jsonl").read_text(encoding="utf-8") == ""
    assert json.loads((tmp_path / "dev.jsonl").read_text(encoding="utf-8"))["id"] == "fx-conf-01"
