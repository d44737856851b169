"""Batch annotation: read a corpus, annotate it, write one JSON line per input.

Guarantees, whatever the input:

- every input yields exactly one output line: ``{"id": ..., ...Article.to_dict()}`` or
  ``{"id": ..., "error": {"type": ..., "message": ...}}``;
- ids are stable: the path relative to the folder given, the JSONL ``id`` field, or
  ``file:line`` when a JSONL line has none;
- the output is appended line by line and flushed, so an interruption leaves complete
  lines; ``resume=True`` drops a torn last line and skips ids already written;
- an existing output is never overwritten unless ``force=True``, and nothing that can
  fail (options, inputs, models, the Dask cluster) is left until after it is opened;
- the output is never an input: in a folder it is skipped, as are earlier outputs and
  unsupported files, and the summary lists them (:func:`plan_inputs`).

Inputs are read lazily (one document in memory per worker batch), so memory stays
bounded on long runs.
"""

from __future__ import annotations

import codecs
import contextlib
import itertools
import json
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from vn_union_nlp.errors import DataFormatError, VnUnionNlpError, json_kind
from vn_union_nlp.pipeline import DEFAULT_MAX_CHARS

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
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputRecord(
            label, error=error_dict(type(exc).__name__, f"{path}: {exc.strerror or exc}")
        )
        return
    with fh:
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
    if text_key not in obj:
        return InputRecord(
            rid, error=error_dict("DataFormatError", f"{where}: missing the {text_key!r} field")
        )
    text = obj[text_key]
    if not isinstance(text, str):
        shown = json.dumps(text, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        return InputRecord(
            rid,
            error=error_dict(
                "DataFormatError",
                f"{where}: {text_key!r} must be a string, got {json_kind(text)} ({shown})",
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


# The keys by which an output line of `vn-union-nlp annotate` is recognized: every article
# record has these (and no text), every error record is exactly {"id", "error"}.
OUTPUT_RECORD_KEYS = frozenset({"id", "type", "type_scores", "entities", "events"})
ERROR_RECORD_KEYS = frozenset({"id", "error"})


def is_output_record(obj: object, text_key: str = "text") -> bool:
    """Whether a decoded JSONL line is an output record of ``vn-union-nlp annotate``.

    An article record has ``id``, ``type``, ``type_scores``, ``entities`` and ``events``
    and no text (neither ``text`` nor ``text_key``); an error record is exactly ``{"id",
    "error": {"type", "message"}}``. Corpus and gold records hold their text, so they are
    never taken for output.
    """
    if not isinstance(obj, dict):
        return False
    keys = set(obj)
    if keys == ERROR_RECORD_KEYS:
        error = obj["error"]
        return isinstance(error, dict) and set(error) == {"type", "message"}
    return OUTPUT_RECORD_KEYS <= keys and "text" not in keys and text_key not in keys


class _Output:
    """The output file, to recognize it among the inputs under any name: the same file
    (device and inode) is the same path, a symlink or a hard link to it."""

    def __init__(self, path: Path):
        self.path = path
        try:
            st = path.stat()
            self.key: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except OSError:
            self.key = None  # not created yet, so no existing input can be it

    def is_file(self, path: Path) -> bool:
        if self.key is None:
            return False
        try:
            st = path.stat()
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == self.key

    def is_stream(self, stream: Any) -> bool:
        if self.key is None:
            return False
        try:
            st = os.fstat(stream.fileno())
        except (AttributeError, OSError, ValueError):
            return False
        return (st.st_dev, st.st_ino) == self.key


@dataclass
class _Source:
    """One file, standard input, or a path that does not exist."""

    kind: Literal["file", "stdin", "missing"]
    label: str
    path: Path | None = None
    lines: Iterator[str] | None = None


@dataclass
class InputPlan:
    """The inputs of a run, listed (and counted) before anything is annotated.

    ``documents`` is the number of input records the sources hold (one per text file or
    missing path, one per non-blank JSONL line), or ``None`` when standard input (whose
    length is unknown) is among them. ``skipped_outputs`` are the files found in folders
    that are this run's output or an earlier output of ``vn-union-nlp annotate``;
    ``unsupported`` counts the other files found in folders, by suffix.
    """

    text_key: str = "text"
    max_chars: int = DEFAULT_MAX_CHARS
    sources: list[_Source] = field(default_factory=list)
    documents: int | None = 0
    skipped_outputs: list[str] = field(default_factory=list)
    unsupported: dict[str, int] = field(default_factory=dict)

    def _count(self, n: int | None) -> None:
        if n is None or self.documents is None:
            self.documents = None
        else:
            self.documents += n

    def records(self) -> Iterator[InputRecord]:
        """One :class:`InputRecord` per document, in input order, read lazily."""
        for src in self.sources:
            if src.kind == "stdin":
                assert src.lines is not None
                for lineno, line in enumerate(src.lines, start=1):
                    if line.strip():
                        yield _jsonl_record(
                            line.encode("utf-8", "surrogatepass"),
                            f"stdin:{lineno}",
                            self.text_key,
                            self.max_chars,
                        )
            elif src.kind == "missing":
                yield InputRecord(
                    src.label,
                    error=error_dict("FileNotFoundError", f"{src.label}: no such file or folder"),
                )
            else:
                assert src.path is not None
                yield from _file_records(src.path, src.label, self.text_key, self.max_chars)

    def describe_skipped(self) -> str:
        """What was left out, in words: '3 files with other suffixes (.md: 2, ...)'."""
        parts = []
        if self.unsupported:
            n = sum(self.unsupported.values())
            counts = ", ".join(f"{k}: {v}" for k, v in sorted(self.unsupported.items()))
            parts.append(
                f"{n} file{'s' if n != 1 else ''} with other suffixes ({counts}); "
                f"annotate reads {_SUPPORTED_TEXT}"
            )
        if self.skipped_outputs:
            n = len(self.skipped_outputs)
            parts.append(
                f"{n} output file{'s' if n != 1 else ''} of vn-union-nlp annotate "
                f"({', '.join(self.skipped_outputs)})"
            )
        return "; ".join(parts)


SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES
_SUPPORTED_TEXT = ", ".join(sorted(SUPPORTED_SUFFIXES)) + " files"


def _scan_jsonl(path: Path, text_key: str, detect_output: bool) -> tuple[bool, int]:
    """(is an earlier output, number of non-blank lines) of a JSONL file, in one pass."""
    count = 0
    try:
        with path.open("rb") as fh:
            for raw in fh:
                if not raw.strip():
                    continue
                if count == 0 and detect_output:
                    try:
                        if is_output_record(json.loads(raw), text_key):
                            return True, 0
                    except (json.JSONDecodeError, UnicodeDecodeError):
                        pass
                count += 1
    except OSError:
        return False, 1  # annotating it gives one error record that says why
    return False, count


def plan_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    output: str | os.PathLike[str] | None = None,
    text_key: str = "text",
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: TextIO | None = None,
) -> InputPlan:
    """List the documents of ``inputs`` before anything is read for annotation.

    Folders are searched recursively for ``.txt``/``.text`` and ``.jsonl``/``.ndjson``
    files, in sorted order; other files are counted by suffix in ``unsupported``. The
    ``output`` file (same path or same file) is never an input: in a folder it is skipped,
    given directly (or as standard input) it is an error. JSONL files in folders whose
    first record is an output record of ``vn-union-nlp annotate`` (see
    :func:`is_output_record`) are skipped as well, so that re-running over a folder does
    not annotate its own earlier results. Both kinds of skipped files are listed in
    ``skipped_outputs``.
    """
    plan = InputPlan(text_key=text_key, max_chars=max_chars)
    out = _Output(Path(output)) if output is not None else None
    for item in inputs:
        if str(item) == "-":
            stream = stdin if stdin is not None else sys.stdin
            if out is not None and out.is_stream(stream):
                raise DataFormatError(
                    f"standard input is the output file {out.path}; write the output elsewhere"
                )
            # Peek at the first non-blank line, so that empty input is known up front.
            head: list[str] = []
            for line in stream:
                head.append(line)
                if line.strip():
                    break
            empty = not head or not head[-1].strip()
            plan.sources.append(_Source("stdin", "stdin", lines=itertools.chain(head, stream)))
            plan._count(0 if empty else None)
            continue
        path = Path(item)
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                if out is not None and out.is_file(f):
                    plan.skipped_outputs.append(str(f))
                    continue
                suffix = f.suffix.lower()
                if suffix not in SUPPORTED_SUFFIXES:
                    key = suffix or "(no suffix)"
                    plan.unsupported[key] = plan.unsupported.get(key, 0) + 1
                    continue
                if suffix in JSONL_SUFFIXES:
                    earlier_output, n = _scan_jsonl(f, text_key, detect_output=True)
                    if earlier_output:
                        plan.skipped_outputs.append(str(f))
                        continue
                else:
                    n = 1
                plan.sources.append(_Source("file", f.relative_to(path).as_posix(), path=f))
                plan._count(n)
        elif path.is_file():
            if out is not None and out.is_file(path):
                raise DataFormatError(
                    f"{item} is the output file (-o); it cannot also be an input. Write the "
                    "output elsewhere"
                )
            if path.suffix.lower() in JSONL_SUFFIXES:
                n = _scan_jsonl(path, text_key, detect_output=False)[1]
            else:
                n = 1
            plan.sources.append(_Source("file", path.name, path=path))
            plan._count(n)
        else:
            plan.sources.append(_Source("missing", str(item)))
            plan._count(1)
    return plan


def iter_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    text_key: str = "text",
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: TextIO | None = None,
    output: str | os.PathLike[str] | None = None,
) -> Iterator[InputRecord]:
    """Yield one :class:`InputRecord` per document found in ``inputs``.

    ``inputs`` are ``.txt`` files, ``.jsonl`` files, folders (searched recursively for
    both, in sorted order) or ``-`` for JSONL on standard input; see :func:`plan_inputs`
    for what is skipped.
    """
    plan = plan_inputs(inputs, output=output, text_key=text_key, max_chars=max_chars, stdin=stdin)
    yield from plan.records()


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
    """What a batch run did.

    ``inputs`` is the number of documents found up front (``None`` with standard input);
    ``skipped_outputs`` and ``unsupported`` are the files found in folders and not read
    (see :class:`InputPlan`).
    """

    total: int = 0
    ok: int = 0
    errors: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    error_types: dict[str, int] = field(default_factory=dict)
    inputs: int | None = None
    skipped_outputs: list[str] = field(default_factory=list)
    unsupported: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "total": self.total,
            "ok": self.ok,
            "errors": self.errors,
            "skipped": self.skipped,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.ok / self.seconds, 2) if self.seconds else None,
            "words_per_second": round(self.words / self.seconds, 1) if self.seconds else None,
            "error_types": dict(self.error_types),
            "skipped_files": {
                "outputs": {
                    "count": len(self.skipped_outputs),
                    "files": list(self.skipped_outputs),
                    "reason": "the output of this run or an earlier output of "
                    "vn-union-nlp annotate",
                },
                "unsupported": {
                    "count": sum(self.unsupported.values()),
                    "by_suffix": dict(sorted(self.unsupported.items())),
                    "reason": f"not one of the files annotate reads ({_SUPPORTED_TEXT})",
                },
            },
        }


def record_line(record: dict[str, Any]) -> str:
    """One output line. A text with lone surrogates (``"\\ud800"`` in a JSONL input) has no
    UTF-8 form: such a record is written with JSON escapes, still one valid line."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record, ensure_ascii=True)
    return line + "\n"


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
# on first use they would all load the models at once (the caches do not lock). A shared
# pipeline gives the same records from several threads (tests/test_threads.py), but it is
# mostly pure Python, so threads would gain little: batches in one process take turns.
# Start Dask workers with --nthreads 1 instead.
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


def verify_models(config: dict[str, Any]) -> None:
    """Check the model files ``load(**config)`` will read, without loading them.

    The same checks as the loaders (``meta.json``, SHA-256 of every file, scikit-learn
    version), so that a missing, tampered or incompatible model is reported before the
    output is opened, also when only worker processes load the models (``jobs > 1``,
    Dask). Raises :class:`~vn_union_nlp.errors.ModelError` or
    :class:`~vn_union_nlp.errors.PipelineError`.
    """
    from vn_union_nlp.classify.model import verify_classifier
    from vn_union_nlp.errors import PipelineError
    from vn_union_nlp.ner.model import verify_tagger
    from vn_union_nlp.pipeline import DEFAULT_PIPELINE

    disabled = set(config.get("disable") or ())
    unknown = disabled - set(DEFAULT_PIPELINE)
    if unknown:
        raise PipelineError(
            f"cannot disable unknown components {sorted(unknown)}; known: {list(DEFAULT_PIPELINE)}"
        )
    if "ner" not in disabled:
        verify_tagger(config.get("ner"))
    if "classifier" not in disabled:
        verify_classifier(None)  # the bundled one also runs beside a user model's own labels
        if config.get("classifier"):
            verify_classifier(str(config["classifier"]))


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
    """Annotate every input into ``output`` (JSONL). See the module docstring.

    Everything that can make the run fail is checked before the output is opened (or, with
    ``resume``, repaired): the options, the inputs (:func:`plan_inputs`; nothing to
    annotate is a :class:`DataFormatError`), the models (loaded, or verified with
    :func:`verify_models` when only workers load them) and the Dask cluster.
    ``progress(summary)`` is called once before the first record and after every record.
    """
    out_path = Path(output)
    if out_path.exists() and not (resume or force):
        raise DataFormatError(
            f"{out_path} exists; pass --resume to continue it or --force to overwrite it"
        )
    if out_path.is_dir():
        raise DataFormatError(f"{out_path} is a folder; the output (-o) must be a file name")
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
    if max_chars != DEFAULT_MAX_CHARS:
        config["max_chars"] = max_chars  # the pipeline accepts what the reader lets through
    start = time.perf_counter()
    inputs = list(inputs)
    plan = plan_inputs(inputs, output=out_path, text_key=text_key, max_chars=max_chars, stdin=stdin)
    if plan.documents == 0:
        given = ", ".join(str(i) for i in inputs)
        if not inputs:
            why = "no input given; pass .txt/.jsonl files, folders, or - for JSONL on stdin"
        else:
            why = f"no document in {given}"
            skipped = plan.describe_skipped()
            if skipped:
                why += f"; skipped {skipped}"
        raise DataFormatError(f"nothing to annotate: {why}")
    summary = Summary(
        inputs=plan.documents,
        skipped_outputs=list(plan.skipped_outputs),
        unsupported=dict(plan.unsupported),
    )
    # Models before the output: a missing or tampered model must leave it untouched.
    nlp = None
    if backend == "loky" and jobs == 1:
        from vn_union_nlp.pipeline import load

        nlp = load(**config)
    else:
        verify_models(config)

    with contextlib.ExitStack() as stack:
        if backend == "dask":
            # Connect before touching the output, so a wrong address leaves no empty file.
            stack.enter_context(_dask_client(scheduler, jobs))
        done = read_done_ids(out_path) if resume and not force else set()

        def pending() -> Iterator[InputRecord]:
            for rec in plan.records():
                if rec.id in done:
                    summary.skipped += 1
                    continue
                yield rec

        mode = "w" if force or not out_path.exists() else "a"
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fh = stack.enter_context(out_path.open(mode, encoding="utf-8"))
        if backend == "dask":
            results = _dask_results(pending(), config, batch_size)
        elif nlp is not None:
            results = (annotate_record(nlp, r) for r in pending())
        else:
            results = _parallel_map(pending(), config, jobs, batch_size)
        if progress is not None:
            progress(summary)
        for out in results:
            fh.write(record_line(out))
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
    if progress is not None:
        progress(summary)  # inputs skipped by --resume after the last record
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
