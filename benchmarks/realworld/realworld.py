"""The real-world evaluation set: fill and check the cache, compile gold, evaluate.

    python benchmarks/realworld/realworld.py check                 # cache vs index
    python benchmarks/realworld/realworld.py evaluate [--split dev|test|all] [--json F]
    python benchmarks/realworld/realworld.py add RAW.json ...       # keep stored excerpts
    python benchmarks/realworld/realworld.py compile [ID ...]       # markup -> gold
    python benchmarks/realworld/realworld.py scaffold ID ...        # start a markup file
    python benchmarks/realworld/realworld.py markup ID ...          # gold -> markup
    python benchmarks/realworld/realworld.py stats                  # coverage of the set
    python benchmarks/realworld/realworld.py agreement A B          # two annotation passes

No article text is in the repository: ``index.tsv`` names each article (URL, the query
that found it, SHA-256 and length of the excerpt) and ``gold/<id>.json`` holds the
annotations. The texts live in a git-ignored cache, ``.cache/realworld/<id>.txt`` at the
root of the checkout (``--cache`` or ``VN_UNION_NLP_REALWORLD_CACHE`` to move it), filled
byte-exact from the stored excerpts; markup files (text with annotations) live beside
them in ``.cache/realworld/markup/``. ``docs/realworld.md`` says how to add an article.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
INDEX = HERE / "index.tsv"
GOLD = HERE / "gold"
PASSES = HERE / "passes"
DEFAULT_CACHE = ROOT / ".cache" / "realworld"
HELDOUT = ROOT.parent / "shared" / "heldout" / "is_heldout.py"

try:
    from vn_union_nlp.corpus import realworld as rw
except ImportError:  # a bare python3 without the project installed: the checkout's own
    sys.path.insert(0, str(ROOT / "src"))
    from vn_union_nlp.corpus import realworld as rw

read_text = rw.read_text


def cache_dir(args: argparse.Namespace) -> Path:
    return Path(args.cache or os.environ.get("VN_UNION_NLP_REALWORLD_CACHE") or DEFAULT_CACHE)


def heldout_checker(path: Path) -> Any:
    if not path.is_file():
        raise SystemExit(
            f"the held-out list {path} is not here: without it no URL can be checked, so "
            "nothing is added (give --heldout PATH)"
        )
    spec = importlib.util.spec_from_file_location("is_heldout", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return lambda url: module.key(url) in module.DIGESTS


# --- commands ----------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    """Each RAW file is {"url", "query", "excerpt"}: the excerpt exactly as the search
    tool's JSON gave it (the JSON string is decoded, nothing else is changed)."""
    is_held_out = heldout_checker(Path(args.heldout))
    status = 0
    for raw_path in args.raw:
        try:
            raw = json.loads(read_text(raw_path))
            entry = rw.add_excerpt(
                INDEX,
                cache_dir(args),
                url=raw["url"],
                query=raw["query"],
                excerpt=raw["excerpt"],
                split=args.split,
                is_held_out=is_held_out,
            )
        except (rw.RealWorldError, KeyError, json.JSONDecodeError, OSError) as error:
            print(f"{raw_path}: not added: {error}", file=sys.stderr)
            status = 1
            continue
        print(f"{entry.id}\t{entry.chars} chars\t{entry.portal}\t{entry.url}")
    return status


def cmd_check(args: argparse.Namespace) -> int:
    entries = rw.read_index(INDEX)
    report = rw.check_cache(entries, cache_dir(args))
    print(f"{cache_dir(args)}: {report.summary()}")
    for entry in report.missing:
        print(f"  missing     {entry.id}  {entry.url}")
    for entry in report.mismatched:
        print(f"  different   {entry.id}  {entry.url}")
    without_gold = [e.id for e in entries if not (GOLD / f"{e.id}.json").is_file()]
    if without_gold:
        print(f"  {len(without_gold)} indexed articles have no gold yet: {' '.join(without_gold)}")
    return 0 if not report.mismatched else 1


def _markup_path(cache: Path, article: str, folder: str = "markup") -> Path:
    return cache / folder / f"{article}.ann"


def cmd_compile(args: argparse.Namespace) -> int:
    cache = cache_dir(args)
    out = Path(args.out) if args.out else GOLD
    out.mkdir(parents=True, exist_ok=True)
    folder = cache / args.markup
    ids = args.ids or sorted(p.stem for p in folder.glob("*.ann"))
    known = {e.id: e for e in rw.read_index(INDEX)}
    status = 0
    for article in ids:
        path = _markup_path(cache, article, args.markup)
        try:
            if article not in known:
                raise rw.RealWorldError(f"{article} is not in the index")
            text = read_text(cache / f"{article}.txt")
            if rw.sha256_text(text) != known[article].sha256:
                raise rw.RealWorldError(f"cached text of {article} differs from the index")
            record = rw.compile_markup(read_text(path), text, path=str(path))
            if record["id"] != article:
                raise rw.RealWorldError(f"{path}: '# id: {record['id']}' is not {article}")
        except (rw.RealWorldError, OSError) as error:
            print(f"{article}: {error}", file=sys.stderr)
            status = 1
            continue
        problems = rw.validate_gold(record, text)
        for problem in problems:
            print(f"{article}: {rw.describe_problem(problem, text)}", file=sys.stderr)
        if problems and not args.allow_problems:
            status = 1
            continue
        print(rw.write_gold(out, record))
    return status


def cmd_markup(args: argparse.Namespace) -> int:
    cache = cache_dir(args)
    gold = Path(args.gold) if args.gold else GOLD
    for article in args.ids:
        record = json.loads(read_text(gold / f"{article}.json"))
        text = read_text(cache / f"{article}.txt")
        path = _markup_path(cache, article, args.markup)
        if path.exists() and not args.force:
            print(f"{path} exists (--force to overwrite)", file=sys.stderr)
            return 1
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rw.decompile(record, text), encoding="utf-8")
        print(path)
    return 0


def cmd_scaffold(args: argparse.Namespace) -> int:
    cache = cache_dir(args)
    for article in args.ids:
        path = _markup_path(cache, article, args.markup)
        if path.exists() and not args.force:
            print(f"{path} exists (--force to overwrite)", file=sys.stderr)
            return 1
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rw.scaffold(article, read_text(cache / f"{article}.txt")), "utf-8")
        print(path)
    return 0


def load_records(
    cache: Path, split: str, gold: Path = GOLD, ids: set[str] | None = None
) -> tuple[list[dict[str, Any]], rw.CacheReport, list[str]]:
    """Gold records with text for the present articles of ``split``."""
    entries = [e for e in rw.read_index(INDEX) if split == "all" or e.split == split]
    if ids is not None:
        entries = [e for e in entries if e.id in ids]
    report = rw.check_cache(entries, cache)
    records, no_gold = [], []
    for entry in report.present:
        path = gold / f"{entry.id}.json"
        if not path.is_file():
            no_gold.append(entry.id)
            continue
        record = json.loads(read_text(path))
        record["text"] = read_text(cache / f"{entry.id}.txt")
        records.append(record)
    return records, report, no_gold


def cmd_evaluate(args: argparse.Namespace) -> int:
    from vn_union_nlp.cli.evaluate import format_result
    from vn_union_nlp.evaluate import evaluate_records
    from vn_union_nlp.pipeline import load

    splits = ["dev", "test"] if args.split == "both" else [args.split]
    nlp = load()
    results = {}
    for split in splits:
        records, report, no_gold = load_records(cache_dir(args), split)
        print(f"[{split}] {report.summary()}; {len(no_gold)} without gold", file=sys.stderr)
        if not records:
            print(f"[{split}] nothing to evaluate: fill {cache_dir(args)} first", file=sys.stderr)
            continue
        result = evaluate_records(nlp, records)
        if args.underthesea:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from ner_vs_underthesea import compare_records

            result["underthesea"] = compare_records(records, nlp)["underthesea"]
        errors = result.pop("_errors")
        if args.errors:
            result["_errors"] = errors
        results[split] = result
        print(format_result(f"real-world {split}", {**result, "_errors": errors}, args.errors))
        if args.underthesea:
            u = result["underthesea"]
            print(
                "\nunderthesea.ner (PER/ORG/LOC only) strict F1 "
                f"{u['strict']['ALL']['f1']:.3f}, lenient F1 {u['lenient']['ALL']['f1']:.3f}"
            )
        print()
    if args.json:
        Path(args.json).write_text(
            json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 0 if results else 1


def cmd_stats(args: argparse.Namespace) -> int:
    entries = rw.read_index(INDEX)
    types: Counter[str] = Counter()
    provinces: Counter[str] = Counter()
    years: Counter[str] = Counter()
    splits: Counter[str] = Counter()
    portals = Counter(e.portal for e in entries)
    by_split_type: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        path = GOLD / f"{entry.id}.json"
        splits[entry.split] += 1
        if not path.is_file():
            continue
        record = json.loads(read_text(path))
        types[record["type"]] += 1
        by_split_type[(entry.split, record["type"])] += 1
        if record.get("province"):
            provinces[record["province"]] += 1
        year = (record.get("published") or "")[:4] or next(
            (
                e["value"][:4]
                for e in record["entities"]
                if e["label"] == "DATE" and e["value"][:4].isdigit()
            ),
            "?",
        )
        years[year] += 1
    print(
        f"{len(entries)} articles indexed, {sum(types.values())} with gold; splits {dict(splits)}"
    )
    print(f"{len(portals)} portals: {dict(portals.most_common())}")
    print(f"{len(provinces)} provinces: {dict(provinces.most_common())}")
    print(f"types: {dict(types)}")
    print(f"types by split: {dict(sorted(by_split_type.items()))}")
    print(f"years: {dict(sorted(years.items()))}")
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    """Scores of pass B against pass A on the articles both annotated (F1 is symmetric)."""
    from vn_union_nlp.cli.evaluate import format_result
    from vn_union_nlp.evaluate import score_annotations

    a, b = Path(args.a), Path(args.b)
    ids = sorted({p.stem for p in a.glob("*.json")} & {p.stem for p in b.glob("*.json")})
    if not ids:
        print(f"no article is annotated in both {a} and {b}", file=sys.stderr)
        return 1
    pairs = [
        (json.loads(read_text(a / f"{i}.json")), json.loads(read_text(b / f"{i}.json")))
        for i in ids
    ]
    result = score_annotations(pairs)
    errors = result.pop("_errors")
    print(format_result(f"agreement {a.name} vs {b.name}", {**result, "_errors": errors}, True))
    if args.json:
        Path(args.json).write_text(
            json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", help=f"cache folder (default {DEFAULT_CACHE})")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("add", help="keep stored excerpts: cache text + index row")
    p.add_argument("raw", nargs="+", help='JSON files {"url", "query", "excerpt"}')
    p.add_argument("--split", default="dev", choices=rw.REALWORLD_SPLITS)
    p.add_argument("--heldout", default=str(HELDOUT), help="the held-out checker script")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("check", help="which texts are in the cache, verified by SHA-256")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("compile", help="markup files -> gold files (checked)")
    p.add_argument("ids", nargs="*")
    p.add_argument("--markup", default="markup", help="markup folder inside the cache")
    p.add_argument("--out", help=f"gold folder (default {GOLD})")
    p.add_argument("--allow-problems", action="store_true", help="write gold despite problems")
    p.set_defaults(func=cmd_compile)

    p = sub.add_parser("scaffold", help="a markup file to start annotating from")
    p.add_argument("ids", nargs="+")
    p.add_argument("--markup", default="markup")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=cmd_scaffold)

    p = sub.add_parser("markup", help="gold files -> markup files, to correct them")
    p.add_argument("ids", nargs="+")
    p.add_argument("--markup", default="markup")
    p.add_argument("--gold", help=f"gold folder (default {GOLD})")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=cmd_markup)

    p = sub.add_parser("evaluate", help="run the pipeline on the present texts and score it")
    p.add_argument("--split", default="dev", choices=("dev", "test", "both", "all"))
    p.add_argument("--json", help="also write the results to this file")
    p.add_argument("--errors", action="store_true", help="list every entity error")
    p.add_argument("--underthesea", action="store_true", help="score underthesea.ner beside")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("stats", help="portals, provinces, types and years of the set")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("agreement", help="entity and event slot F1 between two gold folders")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--json", help="also write the scores to this file")
    p.set_defaults(func=cmd_agreement)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
