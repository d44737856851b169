"""Peak memory and speed of the whole pipeline on one long document.

    python benchmarks/bench_memory.py [--sizes 10000 1000000 5000000] [--json FILE]

For each size and shape a fresh process loads the pipeline, analyzes one document made
of the corpus's own article bodies, and reports its peak resident memory (``ru_maxrss``)
and words per second; the same process's figures for the corpus articles one at a time
are the reference rate. Shapes:

- ``lines``: paragraphs on their own lines, as articles are;
- ``paragraph``: one paragraph, sentences separated by spaces;
- ``no-newlines``: the whole text with its line breaks removed, words glued across them
  (a scraped page flattened to one line).

Every figure is measured by the real pipeline (``vn_union_nlp.load()``), nothing is
estimated.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ("lines", "paragraph", "no-newlines")


def corpus_bodies() -> list[str]:
    bodies = []
    for name in ("train.jsonl", "dev.jsonl"):
        with open(ROOT / "corpus" / name, encoding="utf-8") as stream:
            for line in stream:
                record = json.loads(line)
                body = record["text"][record["body_start"] : record["body_end"]]
                bodies.append("\n".join(body.split("\n")[1:]))  # without the title
    return bodies


def document(size: int, shape: str) -> str:
    # paragraphs only (a caption or a "Tin liên quan" line would end the body early)
    lines = [line for b in corpus_bodies() for line in b.split("\n") if len(line.split()) >= 12]
    material = "\n".join(lines)
    text = (material * (size // len(material) + 1))[:size]
    if shape == "paragraph":
        text = text.replace("\n", " ")
    elif shape == "no-newlines":
        text = text.replace("\n", "")
    return text


def measure(size: int, shape: str) -> dict[str, object]:
    """Run in a child process: one document of ``size`` characters."""
    import vn_union_nlp

    nlp = vn_union_nlp.load()
    bodies = corpus_bodies()[:60]
    nlp(bodies[0])
    start = time.perf_counter()
    words = sum(nlp(b).words for b in bodies)
    article_rate = words / (time.perf_counter() - start)
    text = document(size, shape)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    article = nlp(text)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "shape": shape,
        "chars": len(text),
        "words": article.words,
        "entities": len(article.entities),
        "seconds": round(seconds, 2),
        "words_per_second": round(article.words / seconds),
        "article_words_per_second": round(article_rate),
        "time_per_word_vs_articles": round(article_rate / (article.words / seconds), 2),
        "peak_rss_mb": round(peak / 1024),
        "rss_before_document_mb": round(before / 1024),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000, 5_000_000])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "SHAPE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(int(args.child[0]), args.child[1])))
        return 0
    rows = []
    print(
        f"{'shape':<12}{'chars':>11}{'words':>10}{'seconds':>9}{'words/s':>9}"
        f"{'articles w/s':>14}{'ratio':>7}{'peak RSS MB':>13}"
    )
    for size in args.sizes:
        for shape in args.shapes:
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(size), shape],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(
                f"{row['shape']:<12}{row['chars']:>11,}{row['words']:>10,}{row['seconds']:>9}"
                f"{row['words_per_second']:>9,}{row['article_words_per_second']:>14,}"
                f"{row['time_per_word_vs_articles']:>7}{row['peak_rss_mb']:>13}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
