"""The real corpus: corpus/articles compiles without problems, is big enough, and the
committed corpus/*.jsonl are a fresh compile. Also the shared seed gold validates."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from vn_union_nlp.corpus import CompileResult, compile_corpus, read_gold, validate_corpus
from vn_union_nlp.corpus.stats import PROVINCES, compute_stats, date_form, render_markdown
from vn_union_nlp.corpus.validate import ARTICLE_TYPES

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "corpus" / "articles"
SHARED_GOLD = ROOT.parent / "shared" / "gold"

MIN_ARTICLES = 200
MIN_PER_TYPE = 40
MIN_DEV = 40

needs_articles = pytest.mark.skipif(not ARTICLES.is_dir(), reason="corpus/articles is absent")


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[CompileResult, Path]:
    out = tmp_path_factory.mktemp("corpus")
    return compile_corpus(ARTICLES, out), out


@needs_articles
def test_corpus_has_no_problems(compiled: tuple[CompileResult, Path]) -> None:
    result, _ = compiled
    report = "\n".join(str(problem) for problem in result.problems)
    assert not result.problems, f"{len(result.problems)} problem(s):\n{report}"


@needs_articles
def test_corpus_is_big_enough(compiled: tuple[CompileResult, Path]) -> None:
    articles = compiled[0].articles
    per_type = Counter(article.type for article in articles)
    dev = sum(article.split == "dev" for article in articles)
    assert len(articles) >= MIN_ARTICLES
    assert all(per_type[kind] >= MIN_PER_TYPE for kind in ARTICLE_TYPES), per_type
    assert dev >= MIN_DEV


@needs_articles
@pytest.mark.parametrize("name", ["train.jsonl", "dev.jsonl"])
def test_committed_corpus_is_a_fresh_compile(
    compiled: tuple[CompileResult, Path], name: str
) -> None:
    committed = ROOT / "corpus" / name
    assert committed.is_file(), f"corpus/{name} is missing: run python scripts/compile_corpus.py"
    fresh = (compiled[1] / name).read_bytes()
    assert committed.read_bytes() == fresh, (
        f"corpus/{name} is stale: run python scripts/compile_corpus.py"
    )


@needs_articles
def test_stats_page_renders(compiled: tuple[CompileResult, Path]) -> None:
    stats = compute_stats(read_gold(compiled[1]))
    assert stats.articles == len(compiled[0].articles)
    page = render_markdown(stats)
    for section in ("## Articles per type and split", "## Provinces", "## DATE forms"):
        assert section in page


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="../shared/gold is absent")
def test_shared_gold_validates() -> None:
    # The shared gold has no split and no except list; it is read-only.
    records = list(read_gold(SHARED_GOLD))
    assert records and all(isinstance(record["text"], str) for record in records)
    problems = validate_corpus(records, require_dev=False)
    assert not problems, "\n".join(str(problem) for problem in problems)


def test_province_list_has_the_63_provinces() -> None:
    names = [name for name, _ in PROVINCES]
    assert len(set(names)) == len(names) == 63
    spellings = [form for name, extra in PROVINCES for form in (name, *extra)]
    assert len(set(spellings)) == len(spellings)


@pytest.mark.parametrize(
    ("surface", "form"),
    [
        ("quý III/2024", "quý R/YYYY"),
        ("Ngày 18/1", "ngày D/D"),
        ("giai đoạn 2015 – 2020", "giai đoạn YYYY – YYYY"),
        ("28/7/1929-28/7/2020", "D/D/YYYY-D/D/YYYY"),
    ],
)
def test_date_form(surface: str, form: str) -> None:
    assert date_form(surface) == form
