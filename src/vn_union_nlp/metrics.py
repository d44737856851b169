"""Scores of annotations against gold: precision/recall/F1 counts, entity and type scores.

The lowest scoring layer: it knows records (dicts in the gold format), not the pipeline.
Entities are scored micro-averaged, strictly (same span and label) and leniently
(overlapping span, same label, each gold entity matched at most once), overall and per
label; DATE values are scored on the strictly matched DATEs. Article types are scored by
accuracy. :mod:`vn_union_nlp.events.scoring` scores event slots with the same counts, and
:mod:`vn_union_nlp.evaluate` puts them together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

LABELS = ("PER", "ORG", "LOC", "DATE")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class EntityScores:
    strict: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in ("ALL", *LABELS)})
    lenient: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in ("ALL", *LABELS)})
    date_values: int = 0
    date_values_correct: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def date_value_accuracy(self) -> float:
        return self.date_values_correct / self.date_values if self.date_values else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "strict": {k: v.to_dict() for k, v in self.strict.items()},
            "lenient": {k: v.to_dict() for k, v in self.lenient.items()},
            "date_value_accuracy": round(self.date_value_accuracy, 4),
            "date_values": self.date_values,
        }


def _key(e: dict[str, Any]) -> tuple[int, int, str]:
    return int(e["start"]), int(e["end"]), e["label"]


def score_entities(
    gold: Sequence[dict[str, Any]],
    predicted: Sequence[dict[str, Any]],
    scores: EntityScores,
    doc_id: str | None = None,
) -> None:
    """Add one document's entity comparison to ``scores``."""
    gold_keys = {_key(e): e for e in gold}
    pred_keys = {_key(e): e for e in predicted}
    for k, e in pred_keys.items():
        hit = k in gold_keys
        for bucket in ("ALL", k[2]):
            if hit:
                scores.strict[bucket].tp += 1
            else:
                scores.strict[bucket].fp += 1
        if hit and k[2] == "DATE":
            scores.date_values += 1
            if gold_keys[k].get("value") == e.get("value"):
                scores.date_values_correct += 1
            else:
                scores.errors.append(
                    {
                        "id": doc_id,
                        "kind": "date_value",
                        "text": e.get("text"),
                        "gold": gold_keys[k].get("value"),
                        "predicted": e.get("value"),
                    }
                )
    for k, e in gold_keys.items():
        if k not in pred_keys:
            for bucket in ("ALL", k[2]):
                scores.strict[bucket].fn += 1
            scores.errors.append(
                {
                    "id": doc_id,
                    "kind": "missed",
                    "label": k[2],
                    "text": e.get("text"),
                    "start": k[0],
                }
            )
    for k, e in pred_keys.items():
        if k not in gold_keys:
            scores.errors.append(
                {
                    "id": doc_id,
                    "kind": "spurious",
                    "label": k[2],
                    "text": e.get("text"),
                    "start": k[0],
                }
            )
    # lenient: greedy one-to-one matching of overlapping spans with the same label
    used: set[tuple[int, int, str]] = set()
    gold_sorted = sorted(gold_keys)
    for pk in sorted(pred_keys):
        match = next(
            (
                gk
                for gk in gold_sorted
                if gk not in used and gk[2] == pk[2] and gk[0] < pk[1] and pk[0] < gk[1]
            ),
            None,
        )
        for bucket in ("ALL", pk[2]):
            if match:
                scores.lenient[bucket].tp += 1
            else:
                scores.lenient[bucket].fp += 1
        if match:
            used.add(match)
    for gk in gold_keys:
        if gk not in used:
            for bucket in ("ALL", gk[2]):
                scores.lenient[bucket].fn += 1


@dataclass
class TypeScores:
    total: int = 0
    correct: int = 0
    confusion: Counter = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def per_type(self) -> dict[str, PRF]:
        """Precision, recall and F1 of each type (a type is a positive, the rest negatives)."""
        labels = sorted({label for pair in self.confusion for label in pair})
        out = {}
        for label in labels:
            prf = PRF()
            for (gold, predicted), n in self.confusion.items():
                if gold == label and predicted == label:
                    prf.tp += n
                elif predicted == label:
                    prf.fp += n
                elif gold == label:
                    prf.fn += n
            out[label] = prf
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "total": self.total,
            "per_type": {label: prf.to_dict() for label, prf in self.per_type().items()},
            "confusion": {f"{g} -> {p}": n for (g, p), n in sorted(self.confusion.items())},
        }
