"""Shared fixtures. ``../shared`` (the development gold set) is optional: tests that need
it skip when it is absent, so the suite passes on a clean machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


def shared_gold_ids() -> list[str]:
    gold = SHARED / "gold"
    return sorted(p.stem for p in gold.glob("*.json")) if gold.is_dir() else []


def load_shared(seed_id: str) -> tuple[str, dict]:
    text = (SHARED / "seeds" / f"{seed_id}.txt").read_text(encoding="utf-8")
    gold = json.loads((SHARED / "gold" / f"{seed_id}.json").read_text(encoding="utf-8"))
    return text, gold


@pytest.fixture(scope="session")
def nlp():
    import vn_union_nlp

    return vn_union_nlp.load()


@pytest.fixture(scope="session")
def text_nlp():
    """Only the text layer (fast, no models beyond underthesea's segmenter)."""
    import vn_union_nlp

    return vn_union_nlp.load(disable=["ner", "classifier", "events"])
