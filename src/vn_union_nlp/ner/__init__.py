"""Named-entity recognition: gazetteers, patterns, the statistical model and date values."""

from __future__ import annotations

from typing import Any

__all__ = ["spacy_pipeline", "to_spacy"]


def __getattr__(name: str) -> Any:
    # Resolved on first use: importing spaCy costs most of a second, and most users of
    # the entity layer never need it.
    if name in ("spacy_pipeline", "to_spacy"):
        from vn_union_nlp.ner import spacy_doc

        return getattr(spacy_doc, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
