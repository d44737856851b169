"""Train the NER model on the corpus and write it under models/.

    python scripts/train_ner.py [--train corpus/train.jsonl] [--dev corpus/dev.jsonl] [--out models/]

The folder is named ner_crf_union-corpus_<yyyymmdd>; its meta.json records the training
data hash and the dev-split scores (strict/lenient F1 per label, DATE value accuracy).
Older ner_* folders in --out are removed so exactly one bundled NER model ships.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", default=str(ROOT / "corpus" / "train.jsonl"))
    parser.add_argument("--dev", default=str(ROOT / "corpus" / "dev.jsonl"))
    parser.add_argument("--out", default=str(ROOT / "models"))
    parser.add_argument("--l1", type=float, default=0.05)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=150)
    args = parser.parse_args()

    from vn_union_nlp.corpus import read_gold
    from vn_union_nlp.evaluate import evaluate_records
    from vn_union_nlp.models import publish_model
    from vn_union_nlp.ner.model import train_tagger
    from vn_union_nlp.pipeline import load

    train = list(read_gold(args.train))
    dev = list(read_gold(args.dev))
    name = f"ner_crf_union-corpus_{dt.date.today():%Y%m%d}"
    staging = Path(args.out) / f".{name}.tmp"
    t0 = time.perf_counter()
    train_tagger(train, staging, l1=args.l1, l2=args.l2, max_iterations=args.iterations)
    print(f"trained on {len(train)} articles in {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    nlp = load(ner=str(staging), disable=["classifier", "events"])
    scores = evaluate_records(nlp, dev)
    scores.pop("_errors")
    metrics = {"dev": scores["entities"], "dev_documents": len(dev)}
    final = publish_model(staging, Path(args.out), name, metrics)
    print(json.dumps({"model": str(final), **metrics}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
