"""Train the bundled article-type classifier on the corpus and write it under models/.

    python scripts/train_classifier.py [--train corpus/train.jsonl] [--dev corpus/dev.jsonl]

Writes models/classify_logreg_union-corpus_<yyyymmdd>/ (classifier.joblib, meta.json with
5-fold cross-validation on train and accuracy/macro-F1 on the dev split, report.json,
confusion_matrix.png) and removes older classify_* folders.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", default=str(ROOT / "corpus" / "train.jsonl"))
    parser.add_argument("--dev", default=str(ROOT / "corpus" / "dev.jsonl"))
    parser.add_argument("--out", default=str(ROOT / "models"))
    args = parser.parse_args()

    from sklearn.metrics import f1_score

    from vn_union_nlp.classify import load_classifier, read_labelled_jsonl, train_classifier
    from vn_union_nlp.classify.training import documents_for
    from vn_union_nlp.models import publish_model

    train = read_labelled_jsonl(args.train)
    dev = read_labelled_jsonl(args.dev)
    name = f"classify_logreg_union-corpus_{dt.date.today():%Y%m%d}"
    staging = Path(args.out) / f".{name}.tmp"
    if staging.exists():
        shutil.rmtree(staging)
    report = train_classifier(
        train,
        staging,
        folds=5,
        progress=lambda m: print(m, file=sys.stderr),
        data_name="corpus/train.jsonl",
    )
    model = load_classifier(str(staging))
    scores = model.predict_documents(documents_for(r["text"] for r in dev))
    predicted = [max(s, key=s.__getitem__) for s in scores]
    gold = [r["label"] for r in dev]
    dev_metrics = {
        "accuracy": round(sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold), 4),
        "macro_f1": round(float(f1_score(gold, predicted, average="macro")), 4),
        "documents": len(gold),
    }
    final = publish_model(staging, Path(args.out), name, {"dev": dev_metrics})
    cv = report["cross_validation"]
    print(
        json.dumps(
            {
                "model": str(final),
                "cv_macro_f1": cv["macro_f1"],
                "cv_accuracy": cv["accuracy"],
                "dev": dev_metrics,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
