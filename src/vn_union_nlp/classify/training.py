"""Retraining the article-type classifier on the user's own labelled articles."""

from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from vn_union_nlp.classify.features import article_document
from vn_union_nlp.classify.model import (
    check_training_labels,
    cross_validate,
    dump_report,
    fit_and_save,
)
from vn_union_nlp.errors import DataFormatError, json_kind


def read_labelled_jsonl(path: str | Path) -> list[dict[str, str]]:
    """Read ``{"text", "label"}`` or corpus (``{"text", "type"}``) JSONL, with line numbers
    in every error."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFormatError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    records = []
    for lineno, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise DataFormatError(
                f"not valid UTF-8 at byte {exc.start} of the line", path=str(path), line=lineno
            ) from None
        except json.JSONDecodeError as exc:
            raise DataFormatError(f"invalid JSON: {exc.msg}", path=str(path), line=lineno) from None
        if not isinstance(obj, dict):
            raise DataFormatError("expected a JSON object", path=str(path), line=lineno)
        text = obj.get("text")
        key = "label" if "label" in obj else "type"
        label = obj.get(key)
        if text is None:
            raise DataFormatError("missing or empty 'text'", path=str(path), line=lineno)
        if not isinstance(text, str):
            raise DataFormatError(
                f"'text' must be a string, got {json_kind(text)}", path=str(path), line=lineno
            )
        if not text.strip():
            raise DataFormatError("missing or empty 'text'", path=str(path), line=lineno)
        if label is None:
            raise DataFormatError("missing 'label' (or corpus 'type')", path=str(path), line=lineno)
        if not isinstance(label, str):
            raise DataFormatError(
                f"{key!r} must be a string, got {json_kind(label)}", path=str(path), line=lineno
            )
        if not label.strip():
            raise DataFormatError(f"empty {key!r}", path=str(path), line=lineno)
        records.append({"text": text, "label": label.strip(), "published": obj.get("published")})
    if not records:
        raise DataFormatError("no examples: the file is empty", path=str(path))
    return records


def documents_for(texts: Iterable[str]) -> list[str]:
    """Run the text layer on raw texts and build the classifier's input strings."""
    from vn_union_nlp.text import analyze_text
    from vn_union_nlp.types import Article

    return [article_document(analyze_text(Article(text=t))) for t in texts]


def check_out_dir(out_dir: str | Path, *, force: bool = False) -> Path:
    """Check that a model can be written to ``out_dir`` (a new or empty folder, or an
    existing one with ``force``) before any training time is spent."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise DataFormatError(f"{out} is a file; --out must name a folder for the model")
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise DataFormatError(f"cannot create {out}: {parent} is a file, not a folder")
            break
    if out.is_dir() and any(out.iterdir()) and not force:
        raise DataFormatError(
            f"{out} exists and is not empty; pass --force to overwrite the model in it, or "
            "choose another --out folder"
        )
    return out


def train_classifier(
    records: Iterable[dict[str, Any]],
    out_dir: str | Path,
    *,
    folds: int | None = None,
    progress: Callable[[str], None] | None = None,
    data_name: str = "user data",
    force: bool = False,
) -> dict[str, Any]:
    """Cross-validate and train a classifier on ``{"text", "label"}`` records.

    Writes the model (``classifier.joblib`` + ``meta.json``), ``report.json`` and
    ``confusion_matrix.png`` into ``out_dir``; returns the report. A non-empty existing
    ``out_dir`` is refused unless ``force`` (see :func:`check_out_dir`).
    """
    check_out_dir(out_dir, force=force)
    records = list(records)
    labels = [r["label"] for r in records]
    max_folds = check_training_labels(labels)
    if folds is None:
        folds = max_folds
    if folds > max_folds:
        raise DataFormatError(
            f"{folds} folds need at least {folds} examples per class; the smallest class has {max_folds}"
        )
    counts = Counter(labels)
    if min(counts.values()) < 5:
        warnings.warn(
            f"very little data (smallest class: {min(counts.values())} examples); "
            f"using {folds}-fold cross-validation, expect unstable scores",
            UserWarning,
            stacklevel=2,
        )
    if progress:
        progress(f"segmenting {len(records)} articles")
    documents = documents_for(r["text"] for r in records)
    cv = cross_validate(documents, labels, folds, progress)
    out = Path(out_dir)
    if progress:
        progress("training the final model on all data")
    fit_and_save(documents, labels, out, cv_metrics=cv, data_name=data_name)
    report = {
        "examples": len(records),
        "label_counts": dict(sorted(counts.items())),
        "cross_validation": cv,
    }
    dump_report(report, out / "report.json")
    plot_confusion(cv, out / "confusion_matrix.png")
    return report


def plot_confusion(cv: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = cv["labels"]
    cm = cv["confusion_matrix"]
    size = 2.0 + 0.9 * len(labels)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow(cm, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    top = max((max(row) for row in cm), default=0)
    for i, row in enumerate(cm):
        for j, v in enumerate(row):
            ax.text(
                j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black"
            )
    ax.set_title(f"{cv['folds']}-fold CV, macro-F1 {cv['macro_f1']:.3f}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
