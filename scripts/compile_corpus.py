"""Compile corpus/articles/*.md into corpus/train.jsonl and corpus/dev.jsonl.

    python scripts/compile_corpus.py                  # compile, print problems
    python scripts/compile_corpus.py --check FILE...  # only parse and validate FILEs

Exit status 1 when any problem is found. The format is described in corpus/AUTHORING.md.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_corpus_package() -> types.ModuleType:
    """Import ``vn_union_nlp.corpus`` without running the package root.

    Why: writers run this script with a bare ``python3``, while the package root imports the
    NLP stack; the corpus subpackage needs only the stdlib.
    """
    if "vn_union_nlp" not in sys.modules:
        package = types.ModuleType("vn_union_nlp")
        package.__path__ = [str(ROOT / "src" / "vn_union_nlp")]
        sys.modules["vn_union_nlp"] = package
    return importlib.import_module("vn_union_nlp.corpus")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", nargs="+", metavar="FILE", help="only check these articles")
    parser.add_argument("--articles", type=Path, default=ROOT / "corpus" / "articles")
    parser.add_argument("--out", type=Path, default=ROOT / "corpus", help="output folder")
    args = parser.parse_args(argv)
    corpus = load_corpus_package()

    if args.check:
        problems = corpus.check_files(args.check)
        for problem in problems:
            print(problem)
        print(f"{len(args.check)} file(s) checked, {len(problems)} problem(s)", file=sys.stderr)
        return 1 if problems else 0

    result = corpus.compile_corpus(args.articles, args.out)
    for problem in result.problems:
        print(problem)
    splits = {split: sum(a.split == split for a in result.articles) for split in ("train", "dev")}
    print(
        f"{len(result.articles)} article(s) compiled (train {splits['train']}, dev "
        f"{splits['dev']}) into {', '.join(str(path) for path in result.outputs)}; "
        f"{len(result.problems)} problem(s)",
        file=sys.stderr,
    )
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
