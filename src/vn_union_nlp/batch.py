"""Batch annotation: read a corpus, annotate it, write one JSON line per input.

Guarantees, whatever the input:

- every input yields exactly one output line: ``{"id": ..., ...Article.to_dict()}`` or
  ``{"id": ..., "error": {"type": ..., "message": ...}}``;
- ids are stable: the path relative to the folder given, the JSONL ``id`` field, or
  ``file:line`` when a JSONL line has none;
- the output is appended line by line and flushed, so an interruption leaves complete
  lines; ``resume=True`` drops a torn last line and skips ids already written;
- an existing output is never overwritten unless ``force=True``.

Inputs are read lazily (one document in memory per worker batch), so memory stays
bounded on long runs.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from vn_union_nlp.errors import DataFormatError, VnUnionNlpError

DEFAULT_MAX_CHARS = 5_000_000
# Documents per task sent to a worker. Small enough that the last tasks of a run leave no
# worker idle for long (a document takes ~30 ms), large enough that the per-task cost of
# joblib/Dask stays negligible; 4 was ~5% faster than 8 at 2 jobs (docs/performance.md).
DEFAULT_BATCH_SIZE = 4
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass
class InputRecord:
    """One input document, or the reason it could not be read."""

    id: str
    text: str | None = None
    published: str | None = None
    error: dict[str, str] | None = None


def error_dict(exc_type: str, message: str) -> dict[str, str]:
    return {"type": exc_type, "message": message}


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM) or UTF-16/32 with a BOM.

    Raises :class:`DataFormatError` for binary data and undecodable bytes, with the byte
    offset of the problem, rather than guessing and silently corrupting the text.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DataFormatError(
                    f"invalid {encoding} at byte {exc.start}; re-encode the file as UTF-8"
                ) from None
    if b"\x00" in data[:8192]:
        raise DataFormatError(
            "binary data (NUL bytes) without a UTF-16 byte-order mark; not a text document"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFormatError(
            f"not valid UTF-8 at byte {exc.start}; re-encode the file as UTF-8 "
            "(e.g. iconv -f WINDOWS-1258 -t UTF-8)"
        ) from None


def _text_record(rid: str, data: bytes, max_chars: int) -> InputRecord:
    try:
        text = decode_bytes(data)
    except DataFormatError as exc:
        return InputRecord(rid, error=error_dict("DecodeError", str(exc)))
    if len(text) > max_chars:
        return InputRecord(
            rid,
            error=error_dict(
                "InputTooLarge",
                f"{len(text):,} characters is over the limit of {max_chars:,}; "
                "split the document or raise --max-chars",
            ),
        )
    return InputRecord(rid, text=text)


def _iter_jsonl(path: Path, label: str, text_key: str, max_chars: int) -> Iterator[InputRecord]:
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            yield _jsonl_record(raw, f"{label}:{lineno}", text_key, max_chars)


def _jsonl_record(raw: bytes, where: str, text_key: str, max_chars: int) -> InputRecord:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputRecord(
            where, error=error_dict("DecodeError", f"{where}: not valid UTF-8 at byte {exc.start}")
        )
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputRecord(
            where, error=error_dict("JSONDecodeError", f"{where}: {exc.msg} (column {exc.colno})")
        )
    if not isinstance(obj, dict):
        return InputRecord(
            where, error=error_dict("DataFormatError", f"{where}: expected a JSON object")
        )
    rid = obj.get("id")
    rid = str(rid) if rid is not None else where
    text = obj.get(text_key)
    if text is None:
        return InputRecord(
            rid, error=error_dict("DataFormatError", f"{where}: missing the {text_key!r} field")
        )
    if not isinstance(text, str):
        return InputRecord(
            rid,
            error=error_dict(
                "DataFormatError",
                f"{where}: {text_key!r} must be a string, got {type(text).__name__}",
            ),
        )
    if len(text) > max_chars:
        return InputRecord(
            rid,
            error=error_dict(
                "InputTooLarge", f"{where}: {len(text):,} characters is over {max_chars:,}"
            ),
        )
    published = obj.get("published")
    return InputRecord(rid, text=text, published=published if isinstance(published, str) else None)


def iter_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    text_key: str = "text",
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: TextIO | None = None,
) -> Iterator[InputRecord]:
    """Yield one :class:`InputRecord` per document found in ``inputs``.

    ``inputs`` are ``.txt`` files, ``.jsonl`` files, folders (searched recursively for
    both, in sorted order) or ``-`` for JSONL on standard input.
    """
    for item in inputs:
        if str(item) == "-":
            stream = stdin if stdin is not None else sys.stdin
            for lineno, line in enumerate(stream, start=1):
                if line.strip():
                    yield _jsonl_record(
                        line.encode("utf-8", "surrogatepass"),
                        f"stdin:{lineno}",
                        text_key,
                        max_chars,
                    )
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES
            )
            for f in files:
                yield from _file_records(f, f.relative_to(path).as_posix(), text_key, max_chars)
        elif path.is_file():
            yield from _file_records(path, path.name, text_key, max_chars)
        else:
            yield InputRecord(
                str(item), error=error_dict("FileNotFoundError", f"{item}: no such file or folder")
            )


def _file_records(path: Path, label: str, text_key: str, max_chars: int) -> Iterator[InputRecord]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _iter_jsonl(path, label, text_key, max_chars)
        return
    try:
        size = path.stat().st_size
        if size > max_chars * 4:  # more bytes than any text under the limit can take
            yield InputRecord(
                label,
                error=error_dict(
                    "InputTooLarge",
                    f"{size:,} bytes is over the limit of {max_chars:,} characters; "
                    "split the document or raise --max-chars",
                ),
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputRecord(
            label, error=error_dict(type(exc).__name__, f"{path}: {exc.strerror or exc}")
        )
        return
    yield _text_record(label, data, max_chars)


def annotate_record(nlp: Any, record: InputRecord) -> dict[str, Any]:
    """Annotate one input; every failure becomes an error record, never an exception."""
    if record.error is not None:
        return {"id": record.id, "error": record.error}
    try:
        article = nlp(record.text, published=record.published, id=record.id)
    except VnUnionNlpError as exc:
        return {"id": record.id, "error": error_dict(type(exc).__name__, str(exc))}
    except (ValueError, RecursionError, MemoryError) as exc:  # a bug or a hostile input
        return {
            "id": record.id,
            "error": error_dict(type(exc).__name__, f"annotation failed: {exc}"),
        }
    out = article.to_dict()
    out["id"] = record.id
    out["words"] = article.words
    return out


@dataclass
class Summary:
    """What a batch run did."""

    total: int = 0
    ok: int = 0
    errors: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    error_types: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "ok": self.ok,
            "errors": self.errors,
            "skipped": self.skipped,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.ok / self.seconds, 2) if self.seconds else None,
            "words_per_second": round(self.words / self.seconds, 1) if self.seconds else None,
            "error_types": dict(self.error_types),
        }


def read_done_ids(path: Path) -> set[str]:
    """Ids already in an output file; a torn last line (from a crash) is cut off."""
    done: set[str] = set()
    if not path.exists():
        return done
    with path.open("r+b") as fh:
        good_end = 0
        for raw in iter(fh.readline, b""):
            if not raw.endswith(b"\n"):
                break
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                break
            if isinstance(obj, dict) and "id" in obj:
                done.add(str(obj["id"]))
            good_end = fh.tell()
        fh.truncate(good_end)
    return done


def _parallel_map(
    records: Iterator[InputRecord], config: dict[str, Any], jobs: int, batch_size: int
) -> Iterator[dict[str, Any]]:
    from joblib import Parallel, delayed

    from vn_union_nlp.pipeline import _batched

    with Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs") as parallel:
        for out in parallel(
            delayed(_annotate_batch)(config, b) for b in _batched(records, batch_size)
        ):
            yield from out


# A Dask worker started with several threads runs several batches at once in one process;
# they would load the models once each and share CRF taggers that are not known to be
# thread-safe. Batches in one process therefore take turns; the pipeline is mostly pure
# Python, so threads would gain little. Start Dask workers with --nthreads 1 instead.
_WORKER_LOCK = threading.Lock()


def _annotate_batch(config: dict[str, Any], batch: list[InputRecord]) -> list[dict[str, Any]]:
    import joblib

    from vn_union_nlp.pipeline import _cached_pipeline

    # Inside a Dask task joblib's default backend is dask with n_jobs=-1, so scikit-learn's
    # FeatureUnion (n_jobs=None) in the classifier would send every document's features
    # back to the cluster as nested tasks: slow, and a deadlock once those tasks wait for
    # a thread held by a batch. A batch runs all its documents in this process.
    with _WORKER_LOCK, joblib.parallel_config(backend="sequential"):
        nlp = _cached_pipeline(tuple(sorted(config.items())))
        return [annotate_record(nlp, r) for r in batch]


def annotate_corpus(
    inputs: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    jobs: int = 1,
    backend: str = "loky",
    scheduler: str | None = None,
    resume: bool = False,
    force: bool = False,
    text_key: str = "text",
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = DEFAULT_BATCH_SIZE,
    config: dict[str, Any] | None = None,
    progress: Any = None,
    stdin: TextIO | None = None,
) -> Summary:
    """Annotate every input into ``output`` (JSONL). See the module docstring."""
    out_path = Path(output)
    if out_path.exists() and not (resume or force):
        raise DataFormatError(
            f"{out_path} exists; pass --resume to continue it or --force to overwrite it"
        )
    if backend not in {"loky", "dask"}:
        raise DataFormatError(f"unknown backend {backend!r}; use 'loky' or 'dask'")
    if scheduler and backend != "dask":
        # Silently annotating on this machine instead of the cluster would surprise.
        raise DataFormatError(
            f"a scheduler address ({scheduler}) needs backend='dask' (--backend dask)"
        )
    if jobs == 0:
        raise DataFormatError(
            "jobs must be a number of processes (1, 2, ...), or -1 for one per CPU"
        )
    config = dict(config or {})
    done = read_done_ids(out_path) if resume and not force else set()
    summary = Summary(skipped=0)
    start = time.perf_counter()

    def pending() -> Iterator[InputRecord]:
        for rec in iter_inputs(inputs, text_key=text_key, max_chars=max_chars, stdin=stdin):
            if rec.id in done:
                summary.skipped += 1
                continue
            yield rec

    with contextlib.ExitStack() as stack:
        if backend == "dask":
            # Connect before touching the output, so a wrong address leaves no empty file.
            stack.enter_context(_dask_client(scheduler, jobs))
        mode = "w" if force or not out_path.exists() else "a"
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fh = stack.enter_context(out_path.open(mode, encoding="utf-8"))
        if backend == "dask":
            results = _dask_results(pending(), config, batch_size)
        elif jobs == 1:
            from vn_union_nlp.pipeline import load

            nlp = load(**config)
            results = (annotate_record(nlp, r) for r in pending())
        else:
            results = _parallel_map(pending(), config, jobs, batch_size)
        for out in results:
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
            fh.flush()
            summary.total += 1
            if "error" in out:
                summary.errors += 1
                kind = out["error"]["type"]
                summary.error_types[kind] = summary.error_types.get(kind, 0) + 1
            else:
                summary.ok += 1
                summary.words += int(out.get("words") or 0)
            summary.seconds = time.perf_counter() - start
            if progress is not None:
                progress(summary)
    summary.seconds = time.perf_counter() - start
    return summary


# How long to wait for at least one Dask worker before giving up with a clear message
# (joblib's own wait is 10 s and ends in a bare TimeoutError).
DASK_WORKER_TIMEOUT = 60.0


@contextlib.contextmanager
def _dask_client(scheduler: str | None, jobs: int) -> Iterator[Any]:
    """A Dask client on ``scheduler``, or on a local cluster of ``jobs`` worker processes.

    The client is the default one while the block runs, which is what joblib's dask
    backend submits to. Connection problems become :class:`VnUnionNlpError` with a fix.
    """
    try:
        from distributed import Client
    except ImportError:
        raise VnUnionNlpError(
            "the dask backend needs dask.distributed: pip install 'vn-union-nlp[dask]'"
        ) from None
    try:
        if scheduler:
            client = Client(scheduler)
        else:
            client = Client(processes=True, n_workers=max(1, jobs), threads_per_worker=1)
    except (OSError, ValueError, TypeError) as exc:
        if not scheduler:
            raise VnUnionNlpError(f"cannot start a local Dask cluster: {exc}") from None
        raise VnUnionNlpError(
            f"cannot connect to the Dask scheduler {scheduler!r}: {exc}; start one with "
            "`dask scheduler` and check the address (tcp://HOST:8786)"
        ) from None
    except RuntimeError as exc:  # a local cluster whose worker processes failed to start
        raise VnUnionNlpError(
            f"cannot start a local Dask cluster: {exc}; from a script, call annotate_corpus "
            "under `if __name__ == '__main__':`, or pass the address of a running scheduler"
        ) from None
    try:
        try:
            client.wait_for_workers(1, timeout=DASK_WORKER_TIMEOUT)
        except (TimeoutError, OSError):
            where = scheduler or "the local cluster"
            fix = (
                f"start workers with `dask worker {scheduler} --nthreads 1` on machines where "
                "vn-union-nlp is installed"
                if scheduler
                else "check that worker processes can start on this machine"
            )
            raise VnUnionNlpError(
                f"no Dask worker joined {where} within {DASK_WORKER_TIMEOUT:.0f} s; {fix}"
            ) from None
        yield client
    finally:
        client.close()


def _dask_results(
    records: Iterator[InputRecord], config: dict[str, Any], batch_size: int
) -> Iterator[dict[str, Any]]:
    """Run the same joblib work on the Dask cluster of the current default client."""
    import joblib

    # joblib 1.6's Parallel(backend="dask") is broken; parallel_config works. n_jobs=-1
    # means every thread of the cluster, as the cluster reports it.
    with joblib.parallel_config(backend="dask"):
        yield from _parallel_map(records, config, -1, batch_size)
