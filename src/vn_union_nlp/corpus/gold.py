"""Readers for gold data: the compiled corpus and folders of ``<id>.json`` + ``<id>.txt``.

Both yield plain dict records in the gold format of the annotation guidelines with the
article ``text`` added, so evaluation code reads the project corpus and the shared seed
gold the same way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class GoldFormatError(ValueError):
    """A gold file that cannot be read as gold data; the message says which and why."""


def read_text(path: str | os.PathLike[str]) -> str:
    """Read an article text exactly: no newline translation, since offsets count ``\\r``."""
    with open(path, encoding="utf-8", newline="") as stream:
        return stream.read()


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Records of a JSONL file (one JSON object per line, blank lines skipped)."""
    with open(path, encoding="utf-8", newline="") as stream:
        # Iterating splits on "\n" only with newline=""; JSON escapes any "\r" inside strings.
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldFormatError(f"{path}:{number}: bad JSON: {error.msg}") from None
            if not isinstance(record, dict):
                raise GoldFormatError(f"{path}:{number}: expected a JSON object per line")
            yield record


def find_text_file(json_path: str | os.PathLike[str]) -> Path:
    """The ``.txt`` beside a gold ``.json``: the same folder, else a sibling ``seeds`` folder
    (the layout of ``shared/gold`` + ``shared/seeds``)."""
    json_path = Path(json_path)
    name = json_path.with_suffix(".txt").name
    candidates = [json_path.parent / name, json_path.parent.parent / "seeds" / name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(candidate) for candidate in candidates)
    raise GoldFormatError(f"no text for {json_path}: tried {tried}")


def read_gold_json(path: str | os.PathLike[str]) -> dict[str, Any]:
    """One ``<id>.json`` gold file with its text added (unless it already has one)."""
    try:
        record = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise GoldFormatError(f"{path}:{error.lineno}: bad JSON: {error.msg}") from None
    if not isinstance(record, dict):
        raise GoldFormatError(f"{path}: expected a JSON object")
    if "text" not in record:
        record["text"] = read_text(find_text_file(path))
    return record


def read_gold(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Gold records with ``text`` from a corpus JSONL file, one ``<id>.json`` file, or a folder.

    A folder is read as its ``*.json`` files (each with ``<id>.txt`` in the same folder or in
    ``../seeds/``), sorted by name; a folder without ``*.json`` is read as its ``*.jsonl``
    files (``corpus/`` gives ``dev.jsonl`` then ``train.jsonl``).
    """
    path = Path(path)
    if path.is_dir():
        json_files = sorted(path.glob("*.json"))
        if json_files:
            for json_file in json_files:
                yield read_gold_json(json_file)
        else:
            for jsonl_file in sorted(path.glob("*.jsonl")):
                yield from read_jsonl(jsonl_file)
    elif path.suffix == ".jsonl":
        yield from read_jsonl(path)
    elif path.suffix == ".json":
        yield read_gold_json(path)
    elif not path.exists():
        raise GoldFormatError(f"{path} does not exist")
    else:
        raise GoldFormatError(f"{path}: expected a .jsonl file, a .json file or a folder")
