"""The statistical entity tagger: a linear-chain CRF (underthesea_core) over fine tokens.

The CRF file is in CRFsuite's binary format, not a pickle, so loading it runs no code; the
loader still checks its SHA-256 against ``meta.json``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from vn_union_nlp.errors import ModelError
from vn_union_nlp.models import find_bundled, read_meta, verified_path, write_meta
from vn_union_nlp.ner.features import FineToken, fine_tokens, sentence_features

MODEL_FILE = "model.crfsuite"
CRF_LABELS = ("PER", "ORG", "LOC")


def verify_tagger(folder: str | Path | None = None) -> tuple[Path, dict[str, Any]]:
    """Check a NER model folder (the bundled one by default) without loading it:
    ``meta.json`` and the SHA-256 of the CRF file. Returns the CRF file and the meta."""
    path = Path(folder) if folder else find_bundled("ner")
    meta = read_meta(path)
    return verified_path(path, MODEL_FILE, meta), meta


class EntityTagger:
    """A loaded CRF tagger and its metadata."""

    def __init__(self, folder: Path):
        from underthesea_core import CRFTagger

        self.folder = Path(folder)
        path, self.meta = verify_tagger(self.folder)
        self._tagger = CRFTagger()
        try:
            self._tagger.load(str(path))
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot read the CRF model {path}: {exc}") from None

    def tag(self, features: list[list[str]]) -> list[str]:
        if not features:
            return []
        return list(self._tagger.tag(features))


@functools.lru_cache(maxsize=4)
def load_tagger(folder: str | None = None) -> EntityTagger:
    """Load (once per process) the bundled NER model, or the one in ``folder``."""
    return EntityTagger(Path(folder) if folder else find_bundled("ner"))


def bio_to_spans(tokens: Sequence[FineToken], tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Character spans from BIO tags (an ``I-`` without its ``B-`` starts an entity)."""
    spans = []
    cur: list[Any] | None = None
    for tok, tag in zip(tokens, tags, strict=True):
        if tag == "O" or not tag:
            if cur:
                spans.append(tuple(cur))
            cur = None
            continue
        prefix, label = tag.split("-", 1)
        if prefix == "B" or cur is None or cur[2] != label:
            if cur:
                spans.append(tuple(cur))
            cur = [tok.start, tok.end, label]
        else:
            cur[1] = tok.end
    if cur:
        spans.append(tuple(cur))
    return spans  # type: ignore[return-value]


def spans_to_bio(
    tokens: Sequence[FineToken], entities: Iterable[tuple[int, int, str]]
) -> list[str]:
    tags = ["O"] * len(tokens)
    for start, end, label in entities:
        if label not in CRF_LABELS:
            continue
        first = True
        for i, tok in enumerate(tokens):
            if tok.start >= start and tok.end <= end:
                tags[i] = ("B-" if first else "I-") + label
                first = False
    return tags


def training_sequences(
    records: Iterable[dict[str, Any]],
) -> tuple[list[list[list[str]]], list[list[str]]]:
    """(features, tags) per body sentence of gold records (normalized text, exact offsets)."""
    from vn_union_nlp.text.normalize import normalize
    from vn_union_nlp.text.sentences import split_sentences

    xs: list[list[list[str]]] = []
    ys: list[list[str]] = []
    for rec in records:
        norm = normalize(rec["text"])
        text = norm.text
        start = norm.to_normalized_start(rec.get("body_start", 0))
        end = norm.to_normalized_start(rec.get("body_end", len(rec["text"])))
        ents = [
            (norm.to_normalized_start(e["start"]), norm.to_normalized_start(e["end"]), e["label"])
            for e in rec["entities"]
        ]
        for sent in split_sentences(text, start, end):
            toks = fine_tokens(text, sent.start, sent.end)
            if not toks:
                continue
            inside = [e for e in ents if e[0] < sent.end and e[1] > sent.start]
            xs.append(sentence_features(toks))
            ys.append(spans_to_bio(toks, inside))
    return xs, ys


def data_hash(records: Iterable[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    for rec in records:
        h.update(json.dumps(rec, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def train_tagger(
    records: Sequence[dict[str, Any]],
    out_dir: Path,
    *,
    l1: float = 0.05,
    l2: float = 0.01,
    max_iterations: int = 150,
    metrics: dict[str, Any] | None = None,
    data_name: str = "corpus",
) -> Path:
    """Train the CRF on gold records and write ``model.crfsuite`` + ``meta.json``."""
    from underthesea_core import CRFTrainer

    from vn_union_nlp import __version__

    xs, ys = training_sequences(records)
    if not xs:
        raise ModelError("no training sentences: the records have no body text")
    trainer = CRFTrainer(
        loss_function="lbfgs",
        l1_penalty=l1,
        l2_penalty=l2,
        max_iterations=max_iterations,
        verbose=0,
    )
    model = trainer.train(xs, ys)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir / MODEL_FILE))
    meta = {
        "name": out_dir.name,
        "task": "ner",
        "algorithm": "crf (underthesea_core CRFTrainer, lbfgs)",
        "version": __version__,
        "created": dt.date.today().isoformat(),
        "labels": ["PER", "ORG", "LOC", "DATE"],
        "crf_labels": list(CRF_LABELS),
        "data": data_name,
        "data_sha256": data_hash(records),
        "training_sentences": len(xs),
        "hyperparameters": {"l1": l1, "l2": l2, "max_iterations": max_iterations},
        "metrics": metrics or {},
    }
    write_meta(out_dir, meta, [MODEL_FILE])
    return out_dir
