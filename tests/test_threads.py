"""One Pipeline shared by several threads gives the records of sequential calls."""

from __future__ import annotations

import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


def texts() -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    with (ROOT / "corpus" / "dev.jsonl").open(encoding="utf-8") as fh:
        found += [json.loads(line)["text"] for _, line in zip(range(20), fh, strict=False)]
    return found


def test_four_threads_give_the_sequential_records(nlp):
    inputs = texts()
    assert len(inputs) >= 20
    expected = [nlp(t, id=str(i)).to_dict() for i, t in enumerate(inputs)]
    start = threading.Barrier(4)

    def worker(k: int) -> list[tuple[int, dict]]:
        start.wait()  # all four threads call the pipeline at the same time
        # each thread its own texts, in a different order from the others
        mine = [i for i in range(len(inputs)) if i % 4 == k][:: 1 if k % 2 else -1]
        return [(i, nlp(inputs[i], id=str(i)).to_dict()) for i in mine]

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, inside components too
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = [r for part in pool.map(worker, range(4)) for r in part]
    finally:
        sys.setswitchinterval(interval)
    got = dict(results)
    assert sorted(got) == list(range(len(inputs)))
    for i, record in enumerate(expected):
        assert got[i] == record, f"text {i} differs when run from several threads"
    assert any(r["events"] for r in expected) and any(r["entities"] for r in expected)
