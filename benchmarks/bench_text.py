"""Words per second of the text layer (normalize + body + sentences + segmentation).

Cycles the bundled corpus articles (or the development seeds, or a built-in paragraph)
until at least ``--words`` words, then times the text layer on one core.

    python benchmarks/bench_text.py [--words 20000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sample_texts() -> list[str]:
    texts: list[str] = []
    for name in ("dev.jsonl", "train.jsonl"):
        path = ROOT / "corpus" / name
        if path.exists():
            texts += [
                json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()
            ]
    if not texts:
        seeds = ROOT.parent / "shared" / "seeds"
        texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    if not texts:
        texts = [
            "Hội nghị tổng kết công tác công đoàn năm 2024\n\nSáng 10/1, LĐLĐ tỉnh tổ chức hội "
            "nghị tổng kết. Đến dự có đồng chí Nguyễn Văn An, Chủ tịch LĐLĐ tỉnh.\n\nThu Hà"
        ]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=20_000)
    args = parser.parse_args()

    from vn_union_nlp.text import analyze_text
    from vn_union_nlp.text.segment import segment
    from vn_union_nlp.types import Article

    segment("khởi động")  # load the CRF once, outside the timing
    base = sample_texts()
    texts: list[str] = []
    words = 0
    while words < args.words:
        for t in base:
            texts.append(t)
            words += len(t.split())
            if words >= args.words:
                break
    t0 = time.perf_counter()
    tokens = 0
    for t in texts:
        tokens += len(analyze_text(Article(text=t)).tokens)
    elapsed = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "documents": len(texts),
        "words_whitespace": words,
        "tokens": tokens,
        "seconds": round(elapsed, 3),
        "words_per_second": round(words / elapsed),
        "peak_rss_mb": round(peak_mb, 1),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
