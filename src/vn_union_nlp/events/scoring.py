"""Event slot scores.

Gold and predicted events of the same type are paired (greedily, by the number of agreeing
slots). Each slot then counts as a true positive when both sides have the same value, a
false negative when gold has a value the prediction lacks or gets wrong, and a false
positive when the prediction has a value gold lacks or gets wrong. List slots
(participants' names, recipients) count per element. Strings are compared after Unicode
normalization, case folding and trimming of quotes and spaces.

Slots scored: conference date, organizer, participants; campaign organizer, date, name;
award issuer+kind+counts (one slot: all must agree), recipients.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from vn_union_nlp.metrics import PRF
from vn_union_nlp.text.normalize import normalize, unquote

SLOTS = {
    "conference": ("date", "organizer", "participants"),
    "campaign": ("organizer", "date", "name"),
    "award": ("issuer_kind_counts", "recipients"),
}


def _norm(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        v = unquote(normalize(value).text.casefold())
        return re.sub(r"\s+", " ", v).strip(" '.,") or None
    return value


def _slot(event: dict[str, Any], slot: str) -> Any:
    if slot == "issuer_kind_counts":
        return (
            _norm(event.get("issuer")),
            _norm(event.get("award")),
            event.get("collectives") or 0,
            event.get("individuals") or 0,
        )
    if slot == "participants":
        return {_norm(p["name"]) for p in event.get("participants") or []}
    if slot == "recipients":
        return {_norm(r) for r in event.get("recipients") or []}
    return _norm(event.get(slot))


def _agreement(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    score = 0
    for slot in SLOTS[gold["type"]]:
        g, p = _slot(gold, slot), _slot(pred, slot)
        if isinstance(g, set):
            score += len(g & p)
        elif g is not None and g == p:
            score += 2
    if gold["type"] == "award":
        score += _norm(gold.get("issuer")) == _norm(pred.get("issuer"))
        score += _norm(gold.get("award")) == _norm(pred.get("award"))
    return score


def _add(scores: dict[str, PRF], key: str, g: Any, p: Any) -> None:
    prf = scores.setdefault(key, PRF())
    if isinstance(g, set) or isinstance(p, set):
        g = g or set()
        p = p or set()
        prf.tp += len(g & p)
        prf.fn += len(g - p)
        prf.fp += len(p - g)
        return
    empty_g = g is None or g == (None, None, 0, 0)
    empty_p = p is None or p == (None, None, 0, 0)
    if not empty_g and g == p:
        prf.tp += 1
        return
    if not empty_g:
        prf.fn += 1
    if not empty_p:
        prf.fp += 1


def score_events(
    pairs: Iterable[tuple[list[dict[str, Any]], list[dict[str, Any]]]],
) -> dict[str, Any]:
    """Slot scores over documents given as (gold events, predicted events) pairs."""
    per_slot: dict[str, PRF] = {}
    for gold_events, pred_events in pairs:
        unmatched = list(pred_events)
        for g in gold_events:
            slots = SLOTS.get(g.get("type"), ())
            candidates = [p for p in unmatched if p.get("type") == g.get("type")]
            best = max(candidates, key=lambda p: _agreement(g, p), default=None)
            if best is not None:
                unmatched.remove(best)
            for slot in slots:
                _add(
                    per_slot,
                    f"{g['type']}.{slot}",
                    _slot(g, slot),
                    _slot(best, slot) if best else None,
                )
        for p in unmatched:
            for slot in SLOTS.get(p.get("type"), ()):
                _add(per_slot, f"{p['type']}.{slot}", None, _slot(p, slot))
    total = PRF()
    for prf in per_slot.values():
        total.tp += prf.tp
        total.fp += prf.fp
        total.fn += prf.fn
    return {
        "slots": {"ALL": total.to_dict(), **{k: v.to_dict() for k, v in sorted(per_slot.items())}}
    }
