"""Where models live, how they are described, and how they are verified before loading.

A model is a folder named ``<task>_<algorithm>_<data>_<yyyymmdd>`` holding its files and a
``meta.json``::

    {"name": ..., "task": "ner", "version": "0.1.0", "created": "2026-11-26",
     "labels": [...], "data_sha256": ..., "metrics": {...},
     "files": {"model.crfsuite": "<sha256>"}}

The bundled models live in the top-level ``models/`` folder of the repository, installed
as the package ``vn_union_nlp.bundled_models``. Before any file is read, its SHA-256 is checked
against ``meta.json``: joblib/pickle files run code when loaded, and even non-pickle files
should not be read half-written or tampered with.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from typing import Any

from vn_union_nlp.errors import ModelError, ModelIntegrityError


def bundled_models_dir() -> Path:
    """The folder of the models shipped with the library."""
    spec = importlib.util.find_spec("vn_union_nlp.bundled_models")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    # running from a source tree without installation: <repo>/models
    return Path(__file__).resolve().parents[2] / "models"


def find_bundled(task: str) -> Path:
    """The newest bundled model folder for ``task`` (``ner``, ``classify`` ...)."""
    root = bundled_models_dir()
    candidates = sorted(p for p in root.glob(f"{task}_*") if (p / "meta.json").is_file())
    if not candidates:
        raise ModelError(
            f"no bundled {task} model under {root}; reinstall vn-union-nlp, or train one "
            f"(see docs/) and pass its folder explicitly"
        )
    return candidates[-1]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_meta(folder: Path) -> dict[str, Any]:
    meta_path = Path(folder) / "meta.json"
    if not Path(folder).is_dir():
        what = "it is a file" if Path(folder).exists() else "there is no such folder"
        raise ModelError(f"{folder} is not a model folder: {what}")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{folder} is not a model folder: it has no meta.json") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(
            f"{meta_path} is not valid JSON ({exc}); the model folder is corrupt"
        ) from None
    if not isinstance(meta, dict) or not isinstance(meta.get("files"), dict):
        raise ModelError(
            f"{meta_path} has no 'files' table of checksums; refusing to load the model"
        )
    return meta


def verified_path(folder: Path, filename: str, meta: dict[str, Any]) -> Path:
    """Return ``folder/filename`` after checking its SHA-256 against ``meta``."""
    expected = meta["files"].get(filename)
    path = Path(folder) / filename
    if expected is None:
        raise ModelIntegrityError(
            f"{path} is not listed in meta.json; refusing to load an unlisted file"
        )
    if not path.is_file():
        raise ModelError(f"{path} is missing; the model folder is incomplete")
    actual = sha256_file(path)
    if actual != expected:
        raise ModelIntegrityError(
            f"{path} has SHA-256 {actual[:12]}..., but meta.json records {expected[:12]}...; "
            "the file is corrupt or was modified. Retrain it or reinstall vn-union-nlp; "
            "never load model files you do not trust."
        )
    return path


def write_meta(folder: Path, meta: dict[str, Any], files: list[str]) -> dict[str, Any]:
    """Record the checksums of ``files`` and write ``meta.json``."""
    meta = dict(meta)
    meta["files"] = {name: sha256_file(Path(folder) / name) for name in files}
    (Path(folder) / "meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return meta


def publish_model(staging: Path, out_dir: Path, name: str, metrics: dict[str, Any]) -> Path:
    """Move a freshly trained model folder into ``out_dir/name`` as the only one of its task.

    ``metrics`` are merged into ``meta.json`` (which is not checksummed; the files it lists
    are), the folder's name is recorded, and older folders of the same task
    (``<task>_*``) are removed so exactly one bundled model per task ships.
    """
    import shutil

    meta_path = Path(staging) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["name"] = name
    meta.setdefault("metrics", {}).update(metrics)
    meta_path.write_text(
        json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    task = name.split("_", 1)[0]
    for old in Path(out_dir).glob(f"{task}_*"):
        shutil.rmtree(old)
    final = Path(out_dir) / name
    Path(staging).rename(final)
    return final
