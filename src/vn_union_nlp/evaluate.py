"""Scores of the pipeline, or of a second annotation, against gold annotations.

Entity and type scores come from :mod:`vn_union_nlp.metrics`, event slot scores from
:mod:`vn_union_nlp.events.scoring`. :func:`score_annotations` compares two sets of records
in the gold format (gold against predictions, or one annotator's pass against another's);
:func:`evaluate_records` runs the pipeline on gold records and scores what it returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vn_union_nlp.events.scoring import score_events
from vn_union_nlp.metrics import LABELS, PRF, EntityScores, TypeScores, score_entities

__all__ = [
    "LABELS",
    "PRF",
    "EntityScores",
    "TypeScores",
    "evaluate_records",
    "score_annotations",
    "score_entities",
]


def score_annotations(
    pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]],
) -> dict[str, Any]:
    """Score ``(gold, other)`` record pairs: entities, article types and event slots.

    ``other`` has the gold format too (``entities``, ``type``, ``events``); a missing
    ``type`` is not counted.
    """
    entity_scores = EntityScores()
    type_scores = TypeScores()
    event_pairs: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = []
    n = 0
    for gold, other in pairs:
        n += 1
        score_entities(
            gold.get("entities", []), other.get("entities", []), entity_scores, gold.get("id")
        )
        if gold.get("type") and other.get("type") is not None:
            type_scores.total += 1
            type_scores.correct += gold["type"] == other["type"]
            type_scores.confusion[(gold["type"], other["type"])] += 1
        event_pairs.append((gold.get("events", []), other.get("events", [])))
    return {
        "documents": n,
        "entities": entity_scores.to_dict(),
        "types": type_scores.to_dict(),
        "events": score_events(event_pairs),
        "_errors": entity_scores.errors,
    }


def evaluate_records(nlp: Any, records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Run ``nlp`` on gold records (with ``text``) and score entities, types and events."""

    def pairs() -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
        for rec in records:
            article = nlp(rec["text"], published=rec.get("published"), id=rec.get("id"))
            yield rec, article.to_dict()

    return score_annotations(pairs())
