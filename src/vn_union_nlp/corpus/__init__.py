"""The project's annotated corpus: authoring format, compiler, validator, readers, stats.

Stdlib only and independent of the rest of ``vn_union_nlp``, so the corpus tools run with
a bare Python (writers check their articles with ``python3 scripts/compile_corpus.py``).
"""

from .authoring import (
    Article,
    ArticleError,
    CompileResult,
    Entity,
    apply_noise,
    check_files,
    compile_corpus,
    old_tone,
    parse_article,
    parse_article_source,
)
from .gold import GoldFormatError, read_gold, read_jsonl
from .validate import Problem, is_iso_date, validate_corpus, validate_record

__all__ = [
    "Article",
    "ArticleError",
    "CompileResult",
    "Entity",
    "GoldFormatError",
    "Problem",
    "apply_noise",
    "check_files",
    "compile_corpus",
    "is_iso_date",
    "old_tone",
    "parse_article",
    "parse_article_source",
    "read_gold",
    "read_jsonl",
    "validate_corpus",
    "validate_record",
]
