"""The article-type model: scikit-learn pipeline, training, persistence and loading.

Pipeline: word 1-2-grams and character 2-5-grams (TF-IDF, sublinear) of the article's
tokens, then logistic regression wrapped in sigmoid calibration
(``CalibratedClassifierCV``) so that ``type_scores`` are probabilities one can threshold.
With too few examples per class for calibration folds, the plain logistic regression
(whose multinomial probabilities are already usable) is kept, with a warning.

Persistence: ``classifier.joblib`` plus ``meta.json`` (labels, scikit-learn version,
training-data hash, cross-validation metrics, SHA-256 of the artifact). A joblib file is
code when loaded, so :func:`load_classifier` refuses any file whose checksum does not match
its ``meta.json``; only load folders you produced or trust.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from vn_union_nlp.errors import DataFormatError, ModelError
from vn_union_nlp.models import find_bundled, read_meta, verified_path, write_meta

ARTIFACT = "classifier.joblib"


def build_estimator(min_class_count: int) -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    # Word 1-2-grams of the segmented, lower-cased document with its title, lead and act
    # tokens (classify/features.py). Character n-grams were dropped: they learnt the corpus's
    # own spellings and cost accuracy on real excerpts (docs/classifier.md).
    features = TfidfVectorizer(
        token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=False
    )
    base = LogisticRegression(C=20.0, max_iter=2000, class_weight="balanced")
    if min_class_count >= 3:
        cv = min(3, min_class_count)
        classifier: Any = CalibratedClassifierCV(base, method="sigmoid", cv=cv)
    else:
        classifier = base
    return Pipeline([("features", features), ("classifier", classifier)])


class TypeClassifier:
    """A loaded article-type model."""

    def __init__(self, estimator: Any, meta: dict[str, Any]):
        self.estimator = estimator
        self.meta = meta
        self.labels: list[str] = [str(c) for c in estimator.classes_]

    def predict_documents(self, documents: Sequence[str]) -> list[dict[str, float]]:
        proba = self.estimator.predict_proba(list(documents))
        return [
            {label: round(float(p), 4) for label, p in zip(self.labels, row, strict=True)}
            for row in proba
        ]


def _check_sklearn_version(meta: dict[str, Any], folder: Path) -> None:
    import sklearn

    trained = str(meta.get("sklearn_version", ""))
    here = sklearn.__version__
    if not trained:
        raise ModelError(
            f"{folder}/meta.json does not record the scikit-learn version; retrain the model"
        )
    if trained.split(".")[0] != here.split(".")[0]:
        raise ModelError(
            f"{folder} was trained with scikit-learn {trained}, this is {here}: a different major "
            "version may not load or may predict wrongly. Install scikit-learn "
            f"{trained.split('.')[0]}.x or retrain with `vn-union-nlp train-classifier`."
        )
    if trained.split(".")[:2] != here.split(".")[:2]:
        warnings.warn(
            f"{folder} was trained with scikit-learn {trained}, this is {here}; it usually works, "
            "but retrain with `vn-union-nlp train-classifier` to be safe.",
            UserWarning,
            stacklevel=4,
        )


def verify_classifier(folder: str | None = None) -> tuple[Path, dict[str, Any]]:
    """Check a classifier folder without unpickling it: ``meta.json``, the SHA-256 of
    ``classifier.joblib`` and the scikit-learn version. Returns the artifact and the meta."""
    path = Path(folder) if folder else find_bundled("classify")
    meta = read_meta(path)
    artifact = verified_path(path, ARTIFACT, meta)
    _check_sklearn_version(meta, path)
    return artifact, meta


@functools.lru_cache(maxsize=4)
def load_classifier(folder: str | None = None) -> TypeClassifier:
    """Load the bundled classifier, or a retrained one from ``folder``, after verifying it."""
    import joblib

    artifact, meta = verify_classifier(folder)
    with warnings.catch_warnings():
        # the version check above already said what there is to say
        warnings.filterwarnings("ignore", message=".*Trying to unpickle.*")
        try:
            estimator = joblib.load(artifact)
        except (EOFError, ValueError, AttributeError, ImportError, KeyError) as exc:
            raise ModelError(f"cannot load {artifact}: {exc}; retrain the classifier") from None
    if not hasattr(estimator, "predict_proba"):
        raise ModelError(f"{artifact} is not a probabilistic classifier")
    return TypeClassifier(estimator, meta)


def data_hash(documents: Sequence[str], labels: Sequence[str]) -> str:
    h = hashlib.sha256()
    for doc, label in zip(documents, labels, strict=True):
        h.update(label.encode("utf-8") + b"\t" + doc.encode("utf-8") + b"\n")
    return h.hexdigest()


def cross_validate(
    documents: Sequence[str],
    labels: Sequence[str],
    folds: int,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Stratified k-fold scores: per-class P/R/F1, macro-F1, accuracy, confusion matrix."""
    import numpy as np
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
    from sklearn.model_selection import StratifiedKFold

    classes = sorted(set(labels))
    y = np.array(labels)
    docs = np.array(documents, dtype=object)
    predicted = np.empty(len(labels), dtype=object)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=13)
    for k, (train_idx, test_idx) in enumerate(splitter.split(docs, y), start=1):
        counts = Counter(y[train_idx])
        est = build_estimator(min(counts.values()))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            est.fit(list(docs[train_idx]), y[train_idx])
        predicted[test_idx] = est.predict(list(docs[test_idx]))
        if progress:
            progress(f"fold {k}/{folds} done")
    p, r, f, s = precision_recall_fscore_support(y, predicted, labels=classes, zero_division=0)
    cm = confusion_matrix(y, predicted, labels=classes)
    return {
        "folds": folds,
        "accuracy": round(float((predicted == y).mean()), 4),
        "macro_f1": round(float(f.mean()), 4),
        "per_class": {
            c: {
                "precision": round(float(p[i]), 4),
                "recall": round(float(r[i]), 4),
                "f1": round(float(f[i]), 4),
                "support": int(s[i]),
            }
            for i, c in enumerate(classes)
        },
        "labels": classes,
        "confusion_matrix": cm.tolist(),
    }


def fit_and_save(
    documents: Sequence[str],
    labels: Sequence[str],
    out_dir: Path,
    *,
    cv_metrics: dict[str, Any] | None,
    data_name: str,
) -> Path:
    import joblib
    import sklearn

    from vn_union_nlp import __version__

    counts = Counter(labels)
    est = build_estimator(min(counts.values()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(list(documents), list(labels))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(est, out_dir / ARTIFACT, compress=3)
    meta = {
        "name": out_dir.name,
        "task": "classify",
        "algorithm": "tf-idf word 1-2-grams + char 2-5-grams, logistic regression, sigmoid calibration",
        "version": __version__,
        "created": dt.date.today().isoformat(),
        "labels": sorted(counts),
        "label_counts": dict(sorted(counts.items())),
        "sklearn_version": sklearn.__version__,
        "data": data_name,
        "data_sha256": data_hash(documents, labels),
        "metrics": {"cross_validation": cv_metrics} if cv_metrics else {},
    }
    write_meta(out_dir, meta, [ARTIFACT])
    return out_dir


def check_training_labels(labels: Sequence[str]) -> int:
    """Validate the label distribution; return the number of folds to use."""
    counts = Counter(labels)
    if not labels:
        raise DataFormatError("no training examples")
    if len(counts) < 2:
        raise DataFormatError(
            f"only one class ({next(iter(counts))!r}): a classifier needs at least two labels"
        )
    smallest = min(counts.values())
    if smallest < 2:
        rare = sorted(k for k, v in counts.items() if v < 2)
        raise DataFormatError(
            f"classes {rare} have a single example; cross-validation needs at least 2 per class "
            "(3 or more recommended)"
        )
    return min(5, smallest)


def dump_report(report: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
