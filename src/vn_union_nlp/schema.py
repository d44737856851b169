"""The JSON Schema (draft 2020-12) of one output record, generated from :mod:`types`.

A record is what ``vn-union-nlp annotate`` writes per input line: either an *article
record*, ``Article.to_dict()`` plus the batch fields ``id`` and ``words``, or an *error
record*, ``{"id": ..., "error": {"type": ..., "message": ...}}``.

The schema is not written by hand: :func:`output_schema` walks the dataclasses in
:mod:`vn_union_nlp.types` (``dataclasses.fields`` and their type hints) so that it cannot
drift from the code. Which fields a record serializes, and which of them are always
present, is read from the record's own ``to_dict()`` on a default instance: a key that
``to_dict()`` leaves out when the field has its default (``Entity.value``) is optional.
``scripts/gen_schema.py`` writes the result to ``docs/schema.json``; a test checks that
the committed file equals a fresh generation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import inspect
import json
import operator
import types
import typing
from typing import Any, ClassVar, Literal

from vn_union_nlp import types as records
from vn_union_nlp.errors import VnUnionNlpError

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Constraints the type hints cannot say. Offsets and counts are never negative; entity
# labels and article types are closed sets (a retrained classifier with labels of its own
# fills user_label, whose values are the user's).
_NON_NEGATIVE_INT = {"minimum": 0}
_FIELD_OVERRIDES: dict[tuple[str, str], dict[str, Any]] = {
    ("Entity", "label"): {"enum": list(records.LABELS)},
    ("Article", "type"): {"enum": [*records.ARTICLE_TYPES, None]},
}
_FIELD_DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("Article", "type"): (
        "Article type with the highest score: one of "
        + ", ".join(records.ARTICLE_TYPES)
        + " (from the bundled classifier, or from a retrained one with exactly these labels); "
        "null when the classifier did not run (empty text, or disabled)."
    ),
    ("Article", "type_scores"): "Probability of every article type.",
    ("Article", "user_label"): (
        "Label with the highest score from a retrained classifier whose labels are not the "
        "built-in article types (--classifier DIR); null otherwise."
    ),
    ("Article", "user_label_scores"): (
        "Probability of every label of that retrained classifier; {} without one."
    ),
    ("Article", "published"): "Publication date (ISO 8601), given or read from the page.",
    ("Article", "body_start"): "Start of the article body (offset into the input text).",
    ("Article", "body_end"): "End of the article body (offset into the input text).",
    ("Entity", "start"): "Offset of the first character in the input text.",
    ("Entity", "end"): "Offset after the last character: text[start:end] == entity text.",
    ("Entity", "value"): "ISO 8601 value of a DATE (XXXX for an unknown year).",
}
_BATCH_WORDS_DESCRIPTION = "Batch output only: number of word tokens in the body."


def output_schema() -> dict[str, Any]:
    """JSON Schema of one output record (article record or error record)."""
    builder = _SchemaBuilder()
    article_ref = builder.ref(records.Article)
    article_def = builder.defs["Article"]
    # `words` is the Article.words property, which the batch job adds to every record.
    words_hint = typing.get_type_hints(records.Article.words.fget)["return"]
    words = builder.field_schema("Article", "words", words_hint)
    words["description"] = _BATCH_WORDS_DESCRIPTION
    article_def["properties"]["words"] = words
    builder.defs["ErrorRecord"] = _error_record_schema()
    return {
        "$schema": DIALECT,
        "title": "vn-union-nlp output record",
        "description": (
            "One line of `vn-union-nlp annotate` output: Article.to_dict() plus the batch "
            "fields id and words, or an error record for an input that could not be "
            "annotated. Generated from vn_union_nlp.types by scripts/gen_schema.py."
        ),
        "oneOf": [article_ref, {"$ref": "#/$defs/ErrorRecord"}],
        "$defs": dict(sorted(builder.defs.items())),
    }


def schema_json() -> str:
    """:func:`output_schema` as the text of ``docs/schema.json`` (stable, diff-friendly)."""
    return json.dumps(output_schema(), ensure_ascii=False, indent=2) + "\n"


def _error_record_schema() -> dict[str, Any]:
    from vn_union_nlp.batch import error_dict

    # The keys come from the function that builds every error record.
    error_keys = list(error_dict("type", "message"))
    return {
        "type": "object",
        "description": "An input that could not be annotated, and why.",
        "properties": {
            "id": {"type": "string", "description": "The input's id (path, JSONL id, file:line)."},
            "error": {
                "type": "object",
                "properties": {key: {"type": "string"} for key in error_keys},
                "required": error_keys,
                "additionalProperties": False,
            },
        },
        "required": ["id", "error"],
        "additionalProperties": False,
    }


class _SchemaBuilder:
    """Turns dataclasses and type hints into schemas, collecting one ``$defs`` entry per class."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder first, so recursive references terminate
            self.defs[name] = self.dataclass_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def dataclass_schema(self, cls: type) -> dict[str, Any]:
        hints = _type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        sample = _default_instance(cls, hints).to_dict()
        properties: dict[str, Any] = {}
        required: list[str] = []
        # Serialized keys in to_dict() order, then keys to_dict() leaves out at their default.
        names = list(sample) + [n for n in fields if n not in sample and _is_serialized(cls, n)]
        for name in names:
            hint = hints.get(name)
            if hint is None:
                raise VnUnionNlpError(
                    f"{cls.__name__}.to_dict() writes {name!r}, which is neither a field nor a "
                    "class variable; add it to the dataclass so the schema can describe it"
                )
            if typing.get_origin(hint) is ClassVar:
                (inner,) = typing.get_args(hint)
                properties[name] = self.const_schema(cls, name, inner)
            elif name in sample:
                properties[name] = self.field_schema(cls.__name__, name, hint)
            elif fields[name].default is None:
                # to_dict() leaves the key out when it is None, so when present it is not null
                properties[name] = self.field_schema(cls.__name__, name, _without_none(hint))
            else:
                properties[name] = self.field_schema(cls.__name__, name, hint)
            if name in sample:
                required.append(name)
        schema: dict[str, Any] = {"type": "object"}
        doc = inspect.getdoc(cls)
        if doc:
            # first paragraph, with reST ``literals`` as Markdown `literals`
            schema["description"] = doc.split("\n\n")[0].replace("\n", " ").replace("``", "`")
        schema["properties"] = properties
        schema["required"] = required
        schema["additionalProperties"] = False
        return schema

    def const_schema(self, cls: type, name: str, hint: Any) -> dict[str, Any]:
        if typing.get_origin(hint) is not Literal or len(typing.get_args(hint)) != 1:
            raise VnUnionNlpError(
                f"{cls.__name__}.{name} is serialized but is a class variable that is not a "
                "single Literal; annotate it as ClassVar[Literal['...']]"
            )
        return {"const": typing.get_args(hint)[0]}

    def field_schema(self, owner: str, name: str, hint: Any) -> dict[str, Any]:
        schema = self.type_schema(hint)
        schema.update(_FIELD_OVERRIDES.get((owner, name), {}))
        description = _FIELD_DESCRIPTIONS.get((owner, name))
        if description:
            schema["description"] = description
        return schema

    def type_schema(self, hint: Any) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if hint is type(None):
            return {"type": "null"}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer", **_NON_NEGATIVE_INT}
        if hint is float:
            return {"type": "number"}
        if hint is str:
            return {"type": "string"}
        if hint is dt.date:
            return {"type": "string", "format": "date"}  # written with date.isoformat()
        if origin is Literal:
            return {"const": args[0]} if len(args) == 1 else {"enum": list(args)}
        if origin is list:
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin is dict:
            if args[0] is not str:
                raise VnUnionNlpError(f"JSON objects have string keys; cannot describe {hint}")
            return {"type": "object", "additionalProperties": self.type_schema(args[1])}
        if origin in (types.UnionType, typing.Union):
            return self.union_schema(args)
        if dataclasses.is_dataclass(hint):
            return self.ref(hint)
        raise VnUnionNlpError(
            f"no JSON Schema mapping for type {hint!r}; extend vn_union_nlp.schema"
        )

    def union_schema(self, args: tuple[Any, ...]) -> dict[str, Any]:
        nullable = type(None) in args
        members = [self.type_schema(a) for a in args if a is not type(None)]
        if len(members) == 1:
            (schema,) = members
            # `X | None` on a simple type stays a flat {"type": [X, "null"]}.
            if nullable and isinstance(schema.get("type"), str) and "$ref" not in schema:
                return {**schema, "type": [schema["type"], "null"]}
        else:
            # Event classes are told apart by their `type` const, so exactly one matches.
            schema = {"oneOf": members}
        if nullable:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema


def _without_none(hint: Any) -> Any:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) not in (types.UnionType, typing.Union) or not args:
        return hint
    return functools.reduce(operator.or_, args)


def _type_hints(cls: type) -> dict[str, Any]:
    # types.py names NormalizedText only under TYPE_CHECKING (it is working state, never
    # serialized), so it has to be supplied for the hints to resolve.
    from vn_union_nlp.text.normalize import NormalizedText

    return typing.get_type_hints(cls, localns={"NormalizedText": NormalizedText})


def _is_serialized(cls: type, name: str) -> bool:
    """Whether ``to_dict()`` writes field ``name`` when it holds a non-default value."""
    hints = _type_hints(cls)
    field = next(f for f in dataclasses.fields(cls) if f.name == name)
    value = _placeholder(hints[name], non_default=True)
    if value is None or not field.init:
        return False
    changed = dataclasses.replace(_default_instance(cls, hints), **{name: value})
    return name in changed.to_dict()


def _default_instance(cls: type, hints: dict[str, Any]) -> Any:
    """An instance with every defaulted field at its default, the others at a placeholder."""
    kwargs = {
        f.name: _placeholder(hints[f.name])
        for f in dataclasses.fields(cls)
        if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    return cls(**kwargs)


_PLACEHOLDERS: dict[Any, tuple[Any, Any]] = {  # type -> (plain value, non-default value)
    str: ("", "x"),
    int: (0, 1),
    float: (0.0, 1.0),
    bool: (False, True),
    dt.date: (dt.date(2000, 1, 1), dt.date(2000, 1, 1)),
}


def _placeholder(hint: Any, *, non_default: bool = False) -> Any:
    """A value of type ``hint``, or ``None`` when there is no simple one to make.

    With ``non_default`` it is non-empty and non-null, to see whether ``to_dict()`` writes it.
    """
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        for arg in typing.get_args(hint):
            if arg is not type(None):
                return _placeholder(arg, non_default=non_default)
    if hint in _PLACEHOLDERS:
        return _PLACEHOLDERS[hint][int(non_default)]
    if origin is list:
        item = _placeholder(typing.get_args(hint)[0], non_default=True) if non_default else None
        return [item] if item is not None else []
    if origin is dict:
        return {}
    return None
