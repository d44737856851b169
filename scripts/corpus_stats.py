"""Write docs/corpus.md: statistics of the compiled corpus (corpus/*.jsonl).

    python scripts/corpus_stats.py [--corpus corpus] [--out docs/corpus.md]

Run scripts/compile_corpus.py first: the statistics describe the compiled files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compile_corpus import ROOT, load_corpus_package  # the sibling script


def real_dev_gold() -> list[dict]:
    """Gold of the real-world set's dev half (annotations only; no text needed)."""
    import json

    folder = ROOT / "benchmarks" / "realworld"
    index = folder / "index.tsv"
    if not index.is_file():
        return []
    lines = index.read_text(encoding="utf-8").splitlines()[1:]
    ids = [line.split("\t")[0] for line in lines if line.split("\t")[1:2] == ["dev"]]
    return [json.loads((folder / "gold" / f"{i}.json").read_text(encoding="utf-8")) for i in ids]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="folder of *.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "corpus.md")
    args = parser.parse_args(argv)
    load_corpus_package()
    from vn_union_nlp.corpus import read_gold
    from vn_union_nlp.corpus.stats import compute_stats, render_markdown

    stats = compute_stats(read_gold(args.corpus), real_dev_gold())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render_markdown(stats), encoding="utf-8", newline="\n")
    print(f"{stats.articles} article(s) -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
