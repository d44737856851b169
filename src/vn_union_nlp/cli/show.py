"""``vn-union-nlp show FILE --html OUT.html``: one article as a self-contained HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, BinaryIO

from vn_union_nlp.batch import decode_bytes
from vn_union_nlp.errors import DataFormatError


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "show",
        help="analyze one article and write it as an HTML page (entities, type, events)",
        description=(
            "Analyze one article (a UTF-8 .txt file, or - for standard input) and write a "
            "self-contained HTML page: entities highlighted in the text, boilerplate dimmed, "
            "the article type with its scores and a table of events. Prints the page's path."
        ),
    )
    p.add_argument("file", metavar="FILE", help="the article as a .txt file, or - for stdin")
    p.add_argument("--html", required=True, metavar="OUT.html", help="where to write the page")
    p.add_argument("--force", action="store_true", help="overwrite an existing OUT.html")
    p.add_argument(
        "--published", default=None, help="publication date (YYYY-MM-DD) if the page lacks one"
    )
    p.add_argument("--classifier", default=None, help="folder of a retrained classifier")
    p.set_defaults(func=run)


def show_file(
    source: str | Path,
    out: str | Path,
    *,
    force: bool = False,
    published: str | None = None,
    config: dict[str, Any] | None = None,
    stdin: BinaryIO | None = None,
) -> Path:
    """Analyze ``source`` (a text file, or ``-`` for ``stdin``) and write its page to ``out``."""
    from vn_union_nlp.pipeline import load
    from vn_union_nlp.render import render_html

    out_path = Path(out)
    if out_path.exists() and not force:
        raise DataFormatError(f"{out_path} exists; pass --force to overwrite it")
    if str(source) == "-":
        data = (stdin or sys.stdin.buffer).read()
        article_id = None
    else:
        path = Path(source)
        if not path.is_file():
            raise DataFormatError(f"{path}: no such file; pass a .txt file or - for stdin")
        data = path.read_bytes()
        article_id = path.name
    try:
        text = decode_bytes(data)
    except DataFormatError as exc:
        raise DataFormatError(str(exc), path=str(source)) from None
    article = load(**(config or {}))(text, published=published, id=article_id)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(render_html(article), encoding="utf-8")
    return out_path


def run(args: argparse.Namespace) -> int:
    config = {"classifier": args.classifier} if args.classifier else {}
    path = show_file(
        args.file, args.html, force=args.force, published=args.published, config=config
    )
    print(path)
    return 0
