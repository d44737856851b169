"""A second, independent annotation pass over corpus articles, and its agreement.

    python scripts/corpus_agreement.py prepare ID...   # texts + markup to annotate
    python scripts/corpus_agreement.py compile [ID...] # markup -> gold, checked
    python scripts/corpus_agreement.py score [--json FILE]

The second annotator sees only the compiled text of an article (noise included), never its
authoring file: ``prepare`` writes ``<id>.txt`` and a markup file to start from into
``--dir`` (default ``.cache/corpus-pass-b``), in the markup format of the real-world set
(``docs/realworld.md``). ``compile`` checks each markup against its text and writes
``<id>.json``; ``score`` compares the pass with the corpus (entity strict and lenient F1,
type agreement, event slot F1) and lists every disagreement to adjudicate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vn_union_nlp import corpus
from vn_union_nlp.corpus import realworld as rw
from vn_union_nlp.corpus.gold import read_text

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_DIR = ROOT / ".cache" / "corpus-pass-b"


def corpus_records() -> dict[str, dict]:
    return {r["id"]: r for r in corpus.read_gold(ROOT / "corpus")}


def cmd_prepare(args: argparse.Namespace) -> int:
    records = corpus_records()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    for article in args.ids:
        if article not in records:
            print(f"{article}: not in the compiled corpus", file=sys.stderr)
            return 1
        text = records[article]["text"]
        with open(folder / f"{article}.txt", "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        markup = folder / f"{article}.ann"
        if not markup.exists():
            with open(markup, "w", encoding="utf-8", newline="") as stream:
                stream.write(rw.scaffold(article, text))
        print(markup)
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    ids = args.ids or sorted(p.stem for p in folder.glob("*.ann"))
    status = 0
    for article in ids:
        text = read_text(folder / f"{article}.txt")
        try:
            record = rw.compile_markup(read_text(folder / f"{article}.ann"), text, path=article)
        except rw.RealWorldError as error:
            print(error, file=sys.stderr)
            status = 1
            continue
        problems = rw.validate_gold(record, text)
        for problem in problems:
            print(f"{article}: {rw.describe_problem(problem, text)}", file=sys.stderr)
        if problems:
            status = 1
            continue
        print(rw.write_gold(folder, record))
    return status


def cmd_score(args: argparse.Namespace) -> int:
    from vn_union_nlp.cli.evaluate import format_result
    from vn_union_nlp.evaluate import score_annotations

    records = corpus_records()
    folder = Path(args.dir)
    pairs = [
        (records[p.stem], json.loads(read_text(p)))
        for p in sorted(folder.glob("*.json"))
        if p.stem in records
    ]
    if not pairs:
        print(f"no compiled second-pass files in {folder}", file=sys.stderr)
        return 1
    result = score_annotations(pairs)
    errors = result.pop("_errors")
    print(format_result("corpus first pass vs second pass", {**result, "_errors": errors}, True))
    for first, second in pairs:
        if first["type"] != second["type"]:
            print(f"  type {first['id']}: corpus {first['type']}, second pass {second['type']}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default=str(DEFAULT_DIR), help="the second pass's folder")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("ids", nargs="+")
    p.set_defaults(func=cmd_prepare)
    p = sub.add_parser("compile")
    p.add_argument("ids", nargs="*")
    p.set_defaults(func=cmd_compile)
    p = sub.add_parser("score")
    p.add_argument("--json")
    p.set_defaults(func=cmd_score)
    args = parser.parse_args()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
