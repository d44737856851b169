"""Write docs/schema.json: the JSON Schema of one output record, generated from the code.

    python scripts/gen_schema.py            # (re)write docs/schema.json
    python scripts/gen_schema.py --check    # exit 1 if docs/schema.json is out of date

Run it after changing a record in src/vn_union_nlp/types.py; tests/test_schema.py fails
while the committed file differs from a fresh generation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "schema.json")
    parser.add_argument(
        "--check", action="store_true", help="only compare; exit 1 if the file is out of date"
    )
    args = parser.parse_args(argv)
    from vn_union_nlp.schema import schema_json

    fresh = schema_json()
    current = args.out.read_text(encoding="utf-8") if args.out.is_file() else None
    if args.check:
        if current != fresh:
            print(f"{args.out} is out of date; run python scripts/gen_schema.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date", file=sys.stderr)
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(fresh, encoding="utf-8", newline="\n")
    print(f"{'unchanged' if current == fresh else 'wrote'} {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
