"""``vn-union-nlp train-classifier DATA --out DIR``: retrain the article-type model."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from typing import Any

from vn_union_nlp.classify.training import check_out_dir, read_labelled_jsonl, train_classifier


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "train-classifier",
        help="retrain the article-type classifier on labelled JSONL",
        description=(
            "Train an article-type classifier. DATA is corpus JSONL (with a 'type' field) or "
            'JSONL of {"text": ..., "label": ...} with any label names. Prints stratified '
            "cross-validation scores and writes the model, report.json and "
            "confusion_matrix.png into DIR. Use it with vn_union_nlp.load(classifier=DIR) "
            "or `vn-union-nlp annotate --classifier DIR`."
        ),
    )
    p.add_argument("data", metavar="DATA", nargs="+", help="labelled JSONL file(s)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    p.add_argument(
        "--force", action="store_true", help="overwrite the model in an existing, non-empty DIR"
    )
    p.add_argument(
        "--folds", type=int, default=None, help="CV folds (default: 5, fewer for small data)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    check_out_dir(args.out, force=args.force)  # before reading and training: fail fast
    records = []
    for path in args.data:
        records.extend(read_labelled_jsonl(path))

    def progress(message: str) -> None:
        print(f"[train-classifier] {message}", file=sys.stderr, flush=True)

    with warnings.catch_warnings():
        warnings.simplefilter("always", UserWarning)
        warnings.showwarning = lambda msg, *a, **k: print(f"warning: {msg}", file=sys.stderr)
        report = train_classifier(
            records,
            args.out,
            folds=args.folds,
            progress=progress,
            data_name=",".join(args.data),
            force=args.force,
        )
    cv = report["cross_validation"]
    print(format_report(cv))
    print(json.dumps({"out": args.out, "macro_f1": cv["macro_f1"], "accuracy": cv["accuracy"]}))
    return 0


def format_report(cv: dict[str, Any]) -> str:
    labels = cv["labels"]
    width = max(len(label) for label in labels) + 2
    lines = [f"{cv['folds']}-fold stratified cross-validation", ""]
    lines.append(f"{'':{width}}precision  recall  f1     support")
    for label in labels:
        s = cv["per_class"][label]
        lines.append(
            f"{label:{width}}{s['precision']:<11.3f}{s['recall']:<8.3f}{s['f1']:<7.3f}{s['support']}"
        )
    lines.append(f"\nmacro-F1 {cv['macro_f1']:.3f}   accuracy {cv['accuracy']:.3f}\n")
    lines.append("confusion matrix (rows gold, columns predicted)")
    # every column as wide as the longest label (or count): names are never cut
    cells = [str(v) for row in cv["confusion_matrix"] for v in row]
    col = max(len(x) for x in [*labels, *cells])
    lines.append(" " * width + " ".join(f"{label:>{col}}" for label in labels))
    for label, row in zip(labels, cv["confusion_matrix"], strict=True):
        lines.append(f"{label:{width}}" + " ".join(f"{v:>{col}}" for v in row))
    return "\n".join(lines)
