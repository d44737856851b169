"""Command-line interface: ``vn-union-nlp COMMAND ...``.

One module per command; each is a thin wrapper over a function the tests call.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from vn_union_nlp import __version__
from vn_union_nlp.cli import annotate as annotate_cmd
from vn_union_nlp.cli import evaluate as evaluate_cmd
from vn_union_nlp.cli import show as show_cmd
from vn_union_nlp.cli import train_classifier as train_classifier_cmd
from vn_union_nlp.errors import VnUnionNlpError

COMMANDS = {
    "annotate": annotate_cmd,
    "evaluate": evaluate_cmd,
    "train-classifier": train_classifier_cmd,
    "show": show_cmd,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vn-union-nlp",
        description="Structured data from Vietnamese trade-union news.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for _name, module in COMMANDS.items():
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except VnUnionNlpError as exc:
        print(f"vn-union-nlp {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"vn-union-nlp {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
