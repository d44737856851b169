"""``vn-union-nlp annotate INPUT... -o OUT.jsonl``: the main batch job."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from vn_union_nlp.batch import DEFAULT_MAX_CHARS, Summary, annotate_corpus

EXIT_SOME_ERRORS = 3


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "annotate",
        help="annotate .txt/.jsonl files or folders into one JSON line per article",
        description=(
            "Annotate articles: every input yields exactly one JSON line, an article record "
            "or an error record. Exit code 0 when all inputs succeeded, "
            f"{EXIT_SOME_ERRORS} when some became error records, 2 on usage errors."
        ),
    )
    p.add_argument(
        "inputs",
        nargs="*",
        default=["corpus/"],
        metavar="INPUT",
        help=".txt or .jsonl files, folders (recursive; other files, the output and earlier "
        "outputs are skipped and counted in the summary), or - for JSONL on stdin "
        "(default: corpus/)",
    )
    p.add_argument(
        "-o", "--output", default="annotations.jsonl", help="output JSONL (default: %(default)s)"
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        help="worker processes on this machine, -1 for one per CPU (default: 1)",
    )
    p.add_argument(
        "--backend",
        choices=["loky", "dask"],
        default="loky",
        help="loky: processes on this machine; dask: a Dask cluster (--scheduler), or a local "
        "one of --jobs workers (default: loky)",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --backend dask)",
    )
    p.add_argument("--resume", action="store_true", help="skip ids already in the output")
    p.add_argument("--force", action="store_true", help="overwrite an existing output")
    p.add_argument(
        "--text-key", default="text", help="JSONL field holding the text (default: text)"
    )
    p.add_argument(
        "--max-chars",
        type=_positive_int,
        default=DEFAULT_MAX_CHARS,
        help="larger documents become error records (default: %(default)s)",
    )
    p.add_argument("--classifier", default=None, help="folder of a retrained classifier")
    p.add_argument(
        "--quiet", "-q", action="store_true", help="no progress bar or summary on stderr"
    )
    p.set_defaults(func=run)


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return number


class ProgressBar:
    """A tqdm bar over the inputs, fed with the run's :class:`Summary`.

    Its total is the number of documents found up front (none with standard input, then
    it counts without an ETA). Inputs skipped by --resume count as done.
    """

    def __init__(self, stream: Any):
        self.stream = stream
        self.bar: Any = None

    def __call__(self, s: Summary) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(
                total=s.inputs, unit="doc", file=self.stream, dynamic_ncols=True, leave=True
            )
        wps = s.words / s.seconds if s.seconds else 0.0
        self.bar.set_postfix_str(f"{s.errors} errors, {wps:,.0f} words/s", refresh=False)
        self.bar.update(s.total + s.skipped - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run(args: argparse.Namespace) -> int:
    # The bar only on a terminal: redirected stderr gets the summary line and nothing else.
    bar = ProgressBar(sys.stderr) if not args.quiet and sys.stderr.isatty() else None
    config = {"classifier": args.classifier} if args.classifier else {}
    try:
        summary = annotate_corpus(
            args.inputs,
            args.output,
            jobs=args.jobs,
            backend=args.backend,
            scheduler=args.scheduler,
            resume=args.resume,
            force=args.force,
            text_key=args.text_key,
            max_chars=args.max_chars,
            config=config,
            progress=bar,
        )
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        print(
            json.dumps({"output": args.output, **summary.to_dict()}, ensure_ascii=False),
            file=sys.stderr,
        )
    return EXIT_SOME_ERRORS if summary.errors else 0
