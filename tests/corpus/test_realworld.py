"""The real-world evaluation set's tooling: index, cache, markup. The articles themselves
are never in the repository; the tests that need them skip when the cache is absent."""

import json
from pathlib import Path

import pytest

from vn_union_nlp.corpus import realworld as rw

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT / "benchmarks" / "realworld"
CACHE = ROOT / ".cache" / "realworld"

TEXT = (
    " date 2023-05-12\nTRANG CHỦ   TIN TỨC   CÔNG ĐOÀN\n"
    'Sáng ngày 10/5, LĐLĐ tỉnh Thanh Hóa tổ chức hội nghị "Vì người lao động".\n'
    "Ông Nguyễn Văn An phát biểu.\nT.Vũ\nTin liên quan\n"
)
MARKUP = (
    "# id: rw-test0001\n# type: conference_report\n# published: 2023-05-12\n"
    "# province: Thanh Hóa\n# phenomena: index_date_line, menu_or_banner, initials_byline\n"
    '# event: {"type": "conference", "name": null, "date": "2023-05-10", "location": null, '
    '"organizer": "LĐLĐ tỉnh Thanh Hóa", "participants": [{"name": "Nguyễn Văn An", "title": null}]}\n'
    "\n"
    " date 2023-05-12\nTRANG CHỦ   TIN TỨC   CÔNG ĐOÀN\n@@BODY\n"
    "Sáng {{ngày 10/5|DATE|2023-05-10}}, {{LĐLĐ tỉnh Thanh Hóa|ORG}} tổ chức hội nghị "
    '"Vì người lao động".\n'
    "Ông {{Nguyễn Văn An|PER}} phát biểu.\n{{T.Vũ|PER}}\n@@END\nTin liên quan\n"
)


def test_markup_compiles_to_gold_with_offsets_into_the_cached_text():
    record = rw.compile_markup(MARKUP, TEXT)
    assert TEXT[record["body_start"] :].startswith("Sáng ngày")
    assert TEXT[: record["body_end"]].endswith("T.Vũ")
    for entity in record["entities"]:
        assert TEXT[entity["start"] : entity["end"]] == entity["text"]
    assert [e["label"] for e in record["entities"]] == ["DATE", "ORG", "PER", "PER"]
    assert record["phenomena"] == ["index_date_line", "menu_or_banner", "initials_byline"]
    assert rw.validate_gold(record, TEXT) == []


def test_decompiled_gold_compiles_back_to_the_same_record():
    record = rw.compile_markup(MARKUP, TEXT)
    assert rw.compile_markup(rw.decompile(record, TEXT), TEXT) == record


def test_markup_whose_text_differs_from_the_cache_is_refused_with_the_place():
    with pytest.raises(rw.RealWorldError, match=r"line 4, column 1: markup has 'Bà Nguyễn"):
        rw.compile_markup(MARKUP.replace("Ông {{Nguyễn", "Bà {{Nguyễn"), TEXT)


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("{{ngày 10/5|DATE|2023-05-10}}", "needs a value"),
        ("{{LĐLĐ tỉnh Thanh Hóa|ORG}}", "malformed entity markup"),
        ("# phenomena: index_date_line", "unknown phenomena"),
    ],
)
def test_bad_markup_says_what_is_wrong(broken, message):
    replacement = {
        "{{ngày 10/5|DATE|2023-05-10}}": "{{ngày 10/5|DATE}}",
        "{{LĐLĐ tỉnh Thanh Hóa|ORG}}": "{{LĐLĐ tỉnh Thanh Hóa|ORG}",
        "# phenomena: index_date_line": "# phenomena: banners_galore",
    }[broken]
    with pytest.raises(rw.RealWorldError, match=message):
        rw.compile_markup(MARKUP.replace(broken, replacement), TEXT)


def test_index_round_trip_keeps_quotes_in_queries(tmp_path):
    index = tmp_path / "index.tsv"
    entry = rw.Entry("rw-1", "dev", "example.vn", 700, "ab" * 32, "https://example.vn/a", 'x "y" z')
    rw.write_index(index, [entry])
    for _ in range(3):  # rewriting must not grow anything (backslashes once did)
        rw.write_index(index, rw.read_index(index))
    assert rw.read_index(index) == [entry]


def test_add_excerpt_keeps_the_text_byte_exact_and_refuses_what_it_must(tmp_path):
    index, cache = tmp_path / "index.tsv", tmp_path / "cache"
    excerpt = "Sáng 10/5,\r\n LĐLĐ tỉnh tổ chức hội nghị.\u00a0" * 20
    entry = rw.add_excerpt(
        index, cache, url="https://www.example.vn/a/", query="q", excerpt=excerpt
    )
    assert (cache / f"{entry.id}.txt").read_bytes() == excerpt.encode("utf-8")
    assert entry.id == rw.article_id("http://example.vn/a") and entry.portal == "example.vn"
    with pytest.raises(rw.RealWorldError, match="already in the index"):
        rw.add_excerpt(index, cache, url="https://example.vn/a", query="q", excerpt=excerpt)
    with pytest.raises(rw.RealWorldError, match="held out"):
        rw.add_excerpt(
            index,
            cache,
            url="https://example.vn/b",
            query="q",
            excerpt=excerpt,
            is_held_out=lambda url: True,
        )
    with pytest.raises(rw.RealWorldError, match="under 600"):
        rw.add_excerpt(index, cache, url="https://example.vn/c", query="q", excerpt="ngắn")
    report = rw.check_cache(rw.read_index(index), cache)
    assert [e.id for e in report.present] == [entry.id]
    (cache / f"{entry.id}.txt").write_text(excerpt + "x", encoding="utf-8")
    assert [e.id for e in rw.check_cache(rw.read_index(index), cache).mismatched] == [entry.id]


def test_the_committed_set_is_well_formed():
    entries = rw.read_index(REALWORLD / "index.tsv")
    assert len(entries) >= 80
    assert {e.split for e in entries} == {"dev", "test"}
    assert len({e.portal for e in entries}) >= 25
    for entry in entries:
        gold = json.loads((REALWORLD / "gold" / f"{entry.id}.json").read_text(encoding="utf-8"))
        assert gold["id"] == entry.id and gold["type"] in rw.ARTICLE_TYPES
        assert len(entry.sha256) == 64 and entry.chars >= rw.MIN_CHARS


def _cached_entries():
    entries = rw.read_index(REALWORLD / "index.tsv")
    return rw.check_cache(entries, CACHE).present if CACHE.is_dir() else []


@pytest.mark.skipif(not _cached_entries(), reason="the real-world texts are not cached here")
def test_cached_gold_is_valid_against_its_text():
    problems = []
    for entry in _cached_entries():
        gold = json.loads((REALWORLD / "gold" / f"{entry.id}.json").read_text(encoding="utf-8"))
        text = rw.read_text(CACHE / f"{entry.id}.txt")
        problems += [str(p) for p in rw.validate_gold(gold, text)]
    assert problems == []
