"""Word segmentation with underthesea's bundled CRF model, keeping offsets.

underthesea's public ``word_tokenize`` returns strings only (and rewrites some tokens), so
this module runs the same two steps itself: underthesea's regex tokenizer, applied with
``finditer`` so every syllable keeps its offsets, then underthesea's bundled CRF model
(``ws_crf_vlsp2013``) to join syllables into words. The model ships inside the underthesea
wheel; nothing is downloaded.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

from vn_union_nlp.errors import ModelError
from vn_union_nlp.types import TokenList


@functools.lru_cache(maxsize=1)
def _load_segmenter() -> tuple[Any, Any]:
    """Load underthesea's regex and CRF model once per process."""
    try:
        from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
        from underthesea.pipeline import word_tokenize as ws_module
        from underthesea.pipeline.word_tokenize.regex_tokenize import patterns
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelError(
            "underthesea is required for word segmentation: pip install 'underthesea>=9.5'"
        ) from exc
    model_dir = os.path.join(
        os.path.dirname(ws_module.__file__), "models", "ws_crf_vlsp2013_20230727"
    )
    if not os.path.isdir(model_dir):  # pragma: no cover - depends on the environment
        raise ModelError(
            f"underthesea's word segmentation model is missing at {model_dir}; "
            "reinstall underthesea (>= 9.5), whose wheel ships it."
        )
    tagger = FastCRFSequenceTagger()
    tagger.load(model_dir)
    return patterns, tagger


def segment(text: str, start: int = 0, end: int | None = None) -> TokenList:
    """Segment ``text[start:end]`` (one sentence) into words with offsets into ``text``."""
    return segment_spans(text, [(start, len(text) if end is None else end)])


# Syllables featurized in one call: large enough that the featurizer's per-call cost
# vanishes, small enough that its feature strings (about 2 KB a syllable) stay a few
# megabytes, whatever the length of the document.
CHUNK_SYLLABLES = 4096


def segment_spans(text: str, spans: Sequence[tuple[int, int]]) -> TokenList:
    """Segment several sentences of ``text``, featurized a chunk of sentences at a time."""
    patterns, tagger = _load_segmenter()
    tokens = TokenList(text)
    chunk: list[list[tuple[int, int]]] = []
    size = 0
    for start, end in spans:
        syllables = [(m.start(), m.end()) for m in patterns.finditer(text, start, end)]
        if not syllables:
            continue
        chunk.append(syllables)
        size += len(syllables)
        if size >= CHUNK_SYLLABLES:
            _tag_chunk(text, chunk, tagger, tokens)
            chunk, size = [], 0
    if chunk:
        _tag_chunk(text, chunk, tagger, tokens)
    return tokens


def _tag_chunk(
    text: str, sentences: list[list[tuple[int, int]]], tagger: Any, tokens: TokenList
) -> None:
    features = tagger.featurizer.process([[[text[s:e]] for s, e in syl] for syl in sentences])
    for syllables, x in zip(sentences, features, strict=False):
        tags = tagger.estimator.tag(x)
        cur_start, cur_end = syllables[0]
        for (s, e), tag in zip(syllables[1:], tags[1:], strict=False):
            # Only syllables separated by one plain space may form a word.
            if tag == "I-W" and s - cur_end == 1 and text[cur_end] == " ":
                cur_end = e
                continue
            tokens.append(cur_start, cur_end)
            cur_start, cur_end = s, e
        tokens.append(cur_start, cur_end)


def syllable_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets of underthesea's regex tokens (syllables, numbers, punctuation) in a region."""
    patterns, _ = _load_segmenter()
    return [m.span() for m in patterns.finditer(text, start, len(text) if end is None else end)]
