"""``vn-union-nlp evaluate GOLD...``: score the pipeline against gold annotations."""

from __future__ import annotations

import argparse
import json
from typing import Any

from vn_union_nlp.errors import DataFormatError


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "evaluate",
        help="score entities, types and events against gold files",
        description=(
            "Run the pipeline on gold articles and print strict and lenient micro "
            "precision/recall/F1 of entities (overall and per label), DATE value accuracy, "
            "article-type accuracy and event slot scores. GOLD is a corpus JSONL file or a "
            "folder of <id>.json gold files with their <id>.txt texts."
        ),
    )
    p.add_argument("gold", nargs="+", metavar="GOLD", help="corpus JSONL files or gold folders")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    p.add_argument("--errors", action="store_true", help="also list every entity error")
    p.add_argument("--classifier", default=None, help="folder of a retrained classifier")
    p.set_defaults(func=run)


def evaluate_paths(paths: list[str], *, classifier: str | None = None) -> dict[str, Any]:
    """Evaluate the pipeline on every gold source; one result per source."""
    from vn_union_nlp.corpus import read_gold
    from vn_union_nlp.evaluate import evaluate_records
    from vn_union_nlp.pipeline import load

    nlp = load(classifier=classifier) if classifier else load()
    results = {}
    for path in paths:
        try:
            records = list(read_gold(path))
        except (OSError, ValueError) as exc:
            raise DataFormatError(f"cannot read gold data: {exc}", path=path) from None
        if not records:
            raise DataFormatError("no gold articles found", path=path)
        results[path] = evaluate_records(nlp, records)
    return results


def format_result(path: str, result: dict[str, Any], errors: bool = False) -> str:
    ents = result["entities"]
    lines = [
        f"== {path}: {result['documents']} articles",
        "",
        "entities      strict P/R/F1            lenient P/R/F1",
    ]
    for label in ("ALL", "PER", "ORG", "LOC", "DATE"):
        s, le = ents["strict"][label], ents["lenient"][label]
        lines.append(
            f"  {label:<5} {s['precision']:.3f} {s['recall']:.3f} {s['f1']:.3f}"
            f"    {le['precision']:.3f} {le['recall']:.3f} {le['f1']:.3f}   (gold {s['tp'] + s['fn']})"
        )
    lines.append(
        f"  DATE value accuracy {ents['date_value_accuracy']:.3f} ({ents['date_values']} matched DATEs)"
    )
    types = result["types"]
    lines.append(f"\narticle type accuracy {types['accuracy']:.3f} ({types['total']} articles)")
    for label, prf in types.get("per_type", {}).items():
        lines.append(
            f"  {label:<18} P/R/F1 {prf['precision']:.3f} {prf['recall']:.3f} {prf['f1']:.3f}"
            f"   (gold {prf['tp'] + prf['fn']})"
        )
    for pair, n in types["confusion"].items():
        gold, pred = pair.split(" -> ")
        if gold != pred:
            lines.append(f"  {pair}: {n}")
    lines.append("\nevent slots   P/R/F1")
    for slot, s in result["events"]["slots"].items():
        lines.append(f"  {slot:<28} {s['precision']:.3f} {s['recall']:.3f} {s['f1']:.3f}")
    if errors:
        lines.append("\nentity errors")
        for e in result["_errors"]:
            lines.append("  " + json.dumps(e, ensure_ascii=False))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    results = evaluate_paths(args.gold, classifier=args.classifier)
    if args.json:
        if not args.errors:
            for r in results.values():
                r.pop("_errors", None)
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(format_result(p, r, args.errors) for p, r in results.items()))
    return 0
