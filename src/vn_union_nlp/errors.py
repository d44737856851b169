"""The library's named exceptions.

Every message says what went wrong *and* what to do about it, in the spirit of spaCy's
error catalogue. All exceptions derive from :class:`VnUnionNlpError`, so a caller can catch
the whole family with one ``except``.
"""

from __future__ import annotations


class VnUnionNlpError(Exception):
    """Base class of every error raised on purpose by vn-union-nlp."""


class InputTypeError(VnUnionNlpError, TypeError):
    """The pipeline was given something other than ``str``.

    Subclasses :class:`TypeError` so that ``except TypeError`` keeps working.
    """

    @classmethod
    def for_value(cls, value: object) -> InputTypeError:
        kind = type(value).__name__
        hint = ""
        if isinstance(value, (bytes, bytearray)):
            hint = " Decode it first, e.g. data.decode('utf-8'), or use vn_union_nlp.batch.decode_bytes(), which also reads UTF-16 with a BOM."
        elif value is None:
            hint = " Pass an empty string for an empty article."
        return cls(f"Expected the article text as str, got {kind}.{hint}")


class InputTooLargeError(VnUnionNlpError, ValueError):
    """A text longer than the pipeline's ``max_chars`` (5,000,000 characters by default).

    Memory and time per word stay bounded up to the limit; past it the text is refused
    rather than risk the machine. Raise the limit with ``load(max_chars=...)``, or split
    the document.
    """


class ModelError(VnUnionNlpError):
    """A model folder is missing, unreadable, corrupt, or incompatible."""


class ModelIntegrityError(ModelError):
    """A model file's SHA-256 does not match the checksum recorded in its ``meta.json``.

    joblib/pickle files run code when loaded, so the library refuses to load them.
    """


class DataFormatError(VnUnionNlpError, ValueError):
    """Input data (JSONL, corpus files, training data) is malformed.

    The message names the file and line where possible.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)
        self.path = path
        self.line = line


class PipelineError(VnUnionNlpError):
    """A pipeline component misbehaved (e.g. returned something other than an Article)."""


def json_kind(value: object) -> str:
    """How JSON calls a decoded value, for messages: ``a number``, ``an array`` ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
