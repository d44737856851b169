"""Hostile inputs through ``nlp()`` and ``annotate``: no crash, one record per input, exact
offsets, the same entities whatever the Unicode form.

The default run keeps a fast subset. The full run is

    FUZZ_EXAMPLES=10000 python -m pytest -m slow tests/fuzz -q

(10,000 generated texts through ``nlp()`` and 10,000 generated files through
``annotate``); its figures are in ``docs/performance.md``.
"""

from __future__ import annotations

import json
import os
import random
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.fuzz.hostile import corpus_texts, hostile_files, hostile_text

from vn_union_nlp.batch import annotate_corpus
from vn_union_nlp.corpus import apply_noise
from vn_union_nlp.text.normalize import normalize

FAST = 150
FULL = int(os.environ.get("FUZZ_EXAMPLES", "10000"))


@pytest.fixture(scope="module")
def articles():
    return corpus_texts()


def _check_article(nlp, text):
    article = nlp(text)
    for entity in article.entities:
        assert text[entity.start : entity.end] == entity.text
        assert 0 <= entity.start < entity.end <= len(text)
    assert 0 <= article.body_start <= article.body_end <= len(text)
    for event in article.events:
        for span in event.evidence:
            assert 0 <= span.start <= span.end <= len(text)
    json.loads(json.dumps(article.to_dict()))  # serializable, surrogates included
    return article


def _run_texts(nlp, articles, count, seed):
    rng = random.Random(seed)
    for _ in range(count):
        _check_article(nlp, hostile_text(rng, articles))


def test_hostile_texts_fast(nlp, articles):
    _run_texts(nlp, articles, FAST, seed=1)


@pytest.mark.slow
def test_hostile_texts_full(nlp, articles):
    _run_texts(nlp, articles, FULL, seed=2)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=300))
def test_any_string_at_all(nlp, text):
    _check_article(nlp, text)


def _key(article):
    """Entities as (label, NFC text with the library's tone placement), in order."""
    return [
        (e.label, normalize(unicodedata.normalize("NFC", e.text)).text) for e in article.entities
    ]


@pytest.mark.parametrize("noise", [("nfd",), ("old_tone",), ("crlf",), ("nfd", "old_tone", "crlf")])
def test_same_entities_whatever_the_unicode_form(nlp, articles, noise):
    for text in articles[:12]:
        noisy, _ = apply_noise(text, noise)
        assert _key(_check_article(nlp, noisy)) == _key(nlp(text))


def _run_files(tmp_path, articles, count, seed):
    rng = random.Random(seed)
    folder = tmp_path / "in"
    folder.mkdir()
    expected = 0
    for hostile in hostile_files(rng, articles, count):
        (folder / hostile.name).write_bytes(hostile.data)
        expected += hostile.records
    out = tmp_path / "out.jsonl"
    summary = annotate_corpus([folder], out, max_chars=200_000)
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b""
    records = [json.loads(line) for line in lines[:-1]]
    assert len(records) == expected == summary.total
    for record in records:
        assert "id" in record and ("error" in record or "entities" in record)
    return summary


def test_hostile_files_fast(tmp_path, articles):
    _run_files(tmp_path, articles, 60, seed=3)


@pytest.mark.slow
def test_hostile_files_full(tmp_path, articles):
    summary = _run_files(tmp_path, articles, FULL, seed=4)
    print(json.dumps(summary.to_dict()))
