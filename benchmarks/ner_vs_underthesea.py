"""Entity scores of underthesea's bundled ``ner`` beside ours, on the same gold files.

    python benchmarks/ner_vs_underthesea.py [GOLD ...] [--json FILE]

GOLD is a corpus JSONL file or a folder of ``<id>.json`` gold files (read with
``vn_union_nlp.corpus.read_gold``); by default ``corpus/dev.jsonl`` and ``../shared/gold``,
whichever exist, each scored on its own.

Only the article body, ``text[body_start:body_end]`` of the gold record, is given to
underthesea, one sentence at a time (lines split with its ``sent_tokenize``). Its
``B-PER``/``I-PER``, ``ORG`` and ``LOC`` tags on its own word tokens are mapped back to
character offsets in the original text. underthesea rewrites the text it tags (NFC,
``hoà`` -> ``hòa``), so tokens are aligned on their base letters, which such rewriting
keeps. It has no DATE label (and its ``MISC`` is not one of ours), so DATE is reported for
us alone and the comparable total is over PER, ORG and LOC. Both systems are scored by
``vn_union_nlp.evaluate.score_entities``: strict (same span and label) and lenient
(overlapping span, same label), micro-averaged; ours also by ``evaluate_records``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED_GOLD = ROOT.parent / "shared" / "gold"
THEIR_LABELS = ("PER", "ORG", "LOC")


# -- alignment --------------------------------------------------------------------------
def base_letter(ch: str) -> str:
    """The letter without tone or vowel marks, lower case; "" for a combining mark."""
    if unicodedata.category(ch) == "Mn":
        return ""
    first = unicodedata.normalize("NFD", ch)[0].lower()
    return "d" if first == "đ" else first


def skeleton(text: str) -> tuple[str, list[int]]:
    """Base letters of ``text`` without whitespace, and the offset of each in ``text``."""
    letters, offsets = [], []
    for i, ch in enumerate(text):
        b = base_letter(ch)
        if b and not b.isspace():
            letters.append(b)
            offsets.append(i)
    return "".join(letters), offsets


def align_tokens(sentence: str, tokens: Iterable[str]) -> list[tuple[int, int] | None]:
    """Character span in ``sentence`` of each token, in order (None if it cannot be found)."""
    skel, offsets = skeleton(sentence)
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for token in tokens:
        key = skeleton(token)[0]
        pos = skel.find(key, cursor) if key else -1
        if pos < 0:
            spans.append(None)
            continue
        start = offsets[pos]
        end = offsets[pos + len(key) - 1] + 1
        while end < len(sentence) and unicodedata.category(sentence[end]) == "Mn":
            end += 1  # the marks of a decomposed last letter belong to it
        spans.append((start, end))
        cursor = pos + len(key)
    return spans


def sentences_of(body: str) -> list[tuple[int, str]]:
    """(offset in ``body``, sentence) for every sentence of every non-empty line."""
    from underthesea import sent_tokenize

    out: list[tuple[int, str]] = []
    offset = 0
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if content.strip():
            found: list[tuple[int, str]] | None = []
            cursor = 0
            for sentence in sent_tokenize(content):
                at = content.find(sentence, cursor)
                if at < 0:  # sent_tokenize rewrote the text: tag the whole line instead
                    found = None
                    break
                found.append((offset + at, sentence))
                cursor = at + len(sentence)
            out.extend(found if found is not None else [(offset, content)])
        offset += len(line)
    return out


def underthesea_entities(text: str, body_start: int, body_end: int, stats: Counter) -> list[dict]:
    """underthesea's PER/ORG/LOC entities in ``text[body_start:body_end]``, offsets into text."""
    from underthesea import ner

    entities: list[dict[str, Any]] = []
    body = text[body_start:body_end]
    for sent_offset, sentence in sentences_of(body):
        tagged = ner(sentence)
        spans = align_tokens(sentence, (t[0] for t in tagged))
        current: dict[str, Any] | None = None
        for (_word, *_rest, tag), span in zip(tagged, spans, strict=True):
            stats["tokens"] += 1
            if span is None:
                stats["unaligned_tokens"] += 1
            prefix, _, label = tag.partition("-")
            if label and label not in THEIR_LABELS:
                stats[f"ignored_{label}"] += prefix == "B"
                label = ""
            if not label or span is None:
                current = None
                continue
            start, end = (body_start + sent_offset + span[0], body_start + sent_offset + span[1])
            if prefix == "I" and current is not None and current["label"] == label:
                current["end"] = end
            else:  # B-X, or an I-X that does not continue an entity of its label
                current = {"start": start, "end": end, "label": label}
                entities.append(current)
    for e in entities:
        e["text"] = text[e["start"] : e["end"]]
    return entities


# -- scoring ----------------------------------------------------------------------------
def only(labels: Iterable[str], entities: Iterable[dict]) -> list[dict]:
    keep = set(labels)
    return [e for e in entities if e["label"] in keep]


def compare(gold_path: str, nlp: Any) -> dict[str, Any]:
    from vn_union_nlp.corpus import read_gold

    return compare_records(list(read_gold(gold_path)), nlp, gold_path)


def compare_records(records: list[dict], nlp: Any, name: str = "records") -> dict[str, Any]:
    """Ours and underthesea's entity scores on gold records that carry their ``text``."""
    from vn_union_nlp.evaluate import EntityScores, evaluate_records, score_entities

    ours_full = evaluate_records(nlp, records)
    ours_3, theirs = EntityScores(), EntityScores()
    stats: Counter = Counter()
    t_ours = t_theirs = 0.0
    for rec in records:
        text = rec["text"]
        start = int(rec.get("body_start") or 0)
        end = int(rec["body_end"]) if rec.get("body_end") is not None else len(text)
        gold = only(THEIR_LABELS, rec.get("entities", []))
        t0 = time.perf_counter()
        article = nlp(text, published=rec.get("published"), id=rec.get("id"))
        t_ours += time.perf_counter() - t0
        score_entities(gold, only(THEIR_LABELS, article.to_dict()["entities"]), ours_3)
        t0 = time.perf_counter()
        predicted = underthesea_entities(text, start, end, stats)
        t_theirs += time.perf_counter() - t0
        score_entities(gold, predicted, theirs, rec.get("id"))
        stats["gold_DATE"] += sum(e["label"] == "DATE" for e in rec.get("entities", []))
    ours_entities = ours_full["entities"]
    return {
        "gold": name,
        "documents": len(records),
        "ours": {
            "strict": ours_entities["strict"],
            "lenient": ours_entities["lenient"],
            "strict_PER_ORG_LOC": ours_3.strict["ALL"].to_dict(),
            "lenient_PER_ORG_LOC": ours_3.lenient["ALL"].to_dict(),
            "date_value_accuracy": ours_entities["date_value_accuracy"],
            "seconds": round(t_ours, 2),
        },
        "underthesea": {
            "strict": {k: v.to_dict() for k, v in theirs.strict.items() if k != "DATE"},
            "lenient": {k: v.to_dict() for k, v in theirs.lenient.items() if k != "DATE"},
            "DATE": "no DATE label in underthesea's ner",
            "seconds": round(t_theirs, 2),
            "tokens": stats["tokens"],
            "unaligned_tokens": stats["unaligned_tokens"],
            "ignored": {k[8:]: v for k, v in stats.items() if k.startswith("ignored_")},
        },
        "gold_DATE_entities": stats["gold_DATE"],
        "errors_underthesea_sample": theirs.errors[:20],
    }


def table(result: dict[str, Any]) -> str:
    ours, theirs = result["ours"], result["underthesea"]
    lines = [
        f"{result['gold']}: {result['documents']} documents "
        f"(ours {ours['seconds']:.1f} s, underthesea {theirs['seconds']:.1f} s)",
        f"{'':<22}{'strict P/R/F1':^40}{'lenient P/R/F1':^40}",
        f"{'label':<22}{'ours':^20}{'underthesea':^20}{'ours':^20}{'underthesea':^20}",
    ]

    def prf(d: dict[str, Any] | None) -> str:
        if d is None:
            return "-"
        return f"{d['precision']:.2f}/{d['recall']:.2f}/{d['f1']:.2f}"

    rows = [(label, label) for label in THEIR_LABELS]
    rows.append(("ALL (PER/ORG/LOC)", "ALL"))
    for name, key in rows:
        o_s = ours["strict_PER_ORG_LOC"] if key == "ALL" else ours["strict"][key]
        o_l = ours["lenient_PER_ORG_LOC"] if key == "ALL" else ours["lenient"][key]
        lines.append(
            f"{name:<22}{prf(o_s):^20}{prf(theirs['strict'][key]):^20}"
            f"{prf(o_l):^20}{prf(theirs['lenient'][key]):^20}"
        )
    lines.append(
        f"{'DATE':<22}{prf(ours['strict']['DATE']):^20}{'(none)':^20}"
        f"{prf(ours['lenient']['DATE']):^20}{'(none)':^20}"
    )
    lines.append(
        f"{'ALL (ours, 4 labels)':<22}{prf(ours['strict']['ALL']):^20}{'':^20}"
        f"{prf(ours['lenient']['ALL']):^20}"
    )
    lines.append(
        f"gold DATE entities: {result['gold_DATE_entities']}; underthesea tokens "
        f"{theirs['tokens']}, unaligned {theirs['unaligned_tokens']}, "
        f"ignored labels {theirs['ignored']}"
    )
    return "\n".join(lines)


def default_gold() -> list[str]:
    paths = []
    if (ROOT / "corpus" / "dev.jsonl").is_file():
        paths.append(str(ROOT / "corpus" / "dev.jsonl"))
    if SHARED_GOLD.is_dir() and any(SHARED_GOLD.glob("*.json")):
        paths.append(str(SHARED_GOLD))
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", help="corpus JSONL or gold folder (default: dev+seeds)")
    parser.add_argument("--json", type=Path, help="also write the JSON results to this file")
    args = parser.parse_args()
    paths = args.gold or default_gold()
    if not paths:
        print("no gold data: pass a corpus JSONL file or a gold folder", file=sys.stderr)
        return 2
    try:
        from underthesea import ner  # noqa: F401  (its CRF model ships inside the wheel)
    except ImportError as exc:
        print(f"underthesea's ner cannot be imported: {exc}", file=sys.stderr)
        return 2

    import vn_union_nlp

    nlp = vn_union_nlp.load()
    results = [compare(path, nlp) for path in paths]
    for result in results:
        print(table(result), end="\n\n")
    print(json.dumps(results, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
