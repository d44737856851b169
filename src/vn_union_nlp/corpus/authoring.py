"""Parser and compiler of corpus articles written in the authoring format.

The format is described in ``corpus/AUTHORING.md``: ``# key: value`` header lines, a blank
line, then the text with inline markup ``[surface](LABEL)`` / ``[surface](DATE:value)`` and
optional ``@@BODY`` / ``@@END`` marker lines around the article body.

Compilation order (offsets are never written by hand):

1. the source is normalised (BOM dropped, CRLF -> LF, NFC, trailing spaces of each line
   dropped, leading/trailing blank lines dropped), so the compiled text does not depend on
   the writer's editor;
2. markup and markers are removed and clean offsets computed;
3. the ``noise`` transformations are applied to the whole text and every offset is remapped
   through them; entity texts, event strings and except strings are taken from (or
   transformed like) the noisy text so that they stay verbatim with it.

``except`` lines are kept in the record under ``"exceptions"``: the validator needs them, and
evaluation code simply ignores the key.
"""

from __future__ import annotations

import bisect
import datetime
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .validate import (
    ARTICLE_TYPES,
    EVENT_FIELDS,
    ID_RE,
    LABELS,
    SPLITS,
    Problem,
    validate_corpus,
)

# Noise transformations, in the order they are applied whatever the header's order:
# old_tone and nbsp work on composed (NFC) characters and keep the length, so they go first.
NOISES = ("old_tone", "nbsp", "crlf", "nfd")
HEADER_KEYS = ("id", "type", "published", "split", "noise", "except", "event")
REQUIRED_KEYS = ("id", "type", "published")
RECORD_KEYS = (
    "id",
    "published",
    "type",
    "split",
    "body_start",
    "body_end",
    "entities",
    "events",
    "exceptions",
    "text",
)
BODY_MARKER = "@@BODY"
END_MARKER = "@@END"

_REPEATABLE_KEYS = frozenset({"except", "event"})
_HEADER_RE = re.compile(r"#\s*([A-Za-z_]+)\s*:(.*)")
# A header line written after the blank line would silently become article text.
_LATE_HEADER_RE = re.compile(r"#\s*(?:{})\s*:".format("|".join(HEADER_KEYS)))
_PUBLISHED_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NO_CARRY_KEYS = frozenset({"type", "date", "collectives", "individuals"})


class ArticleError(ValueError):
    """An article file that cannot be compiled; ``problems`` carry file and line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    text: str
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
        }
        if self.value is not None:
            record["value"] = self.value
        return record


@dataclass(frozen=True)
class SourceMap:
    """Where each part of a compiled article came from in its source file."""

    path: str
    header_lines: dict[str, int]
    event_lines: tuple[int, ...]
    except_lines: tuple[int, ...]
    body_line: int
    # clean offset -> (source line, source column); one entry per offset incl. len(text)
    lines: tuple[int, ...]
    columns: tuple[int, ...]
    # clean offset -> compiled (noisy) offset; monotone, so it can be inverted by bisection
    offsets: tuple[int, ...]

    def position(self, offset: int) -> tuple[int, int]:
        clean = max(0, bisect.bisect_right(self.offsets, offset) - 1)
        clean = min(clean, len(self.lines) - 1)
        return self.lines[clean], self.columns[clean]

    def field_line(self, field_name: str) -> int | None:
        head, _, rest = field_name.partition("[")
        head = head.split(".")[0]
        index = int(rest.split("]")[0]) if rest and rest.split("]")[0].isdigit() else None
        if head == "events" and index is not None and index < len(self.event_lines):
            return self.event_lines[index]
        if head == "exceptions" and index is not None and index < len(self.except_lines):
            return self.except_lines[index]
        if head in ("body_start", "body_end"):
            return self.body_line
        return self.header_lines.get(head)


@dataclass
class Article:
    """One compiled article; ``to_dict()`` is its gold record."""

    id: str
    published: str | None
    type: str
    split: str
    body_start: int
    body_end: int
    entities: list[Entity]
    events: list[dict[str, Any]]
    exceptions: list[str]
    text: str
    noise: tuple[str, ...] = ()
    source: SourceMap | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "published": self.published,
            "type": self.type,
            "split": self.split,
            "body_start": self.body_start,
            "body_end": self.body_end,
            "entities": [entity.to_dict() for entity in self.entities],
            "events": self.events,
            "exceptions": self.exceptions,
            "text": self.text,
        }

    def locate(self, problem: Problem) -> Problem:
        """The problem with the source file and line filled in."""
        if self.source is None:
            return problem
        if problem.offset is not None:
            line, column = self.source.position(problem.offset)
            return problem.located(self.source.path, line, column)
        line = self.source.field_line(problem.field) if problem.field else None
        return problem.located(self.source.path, line)


# --- noise -------------------------------------------------------------------------------

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_PLAIN_VOWELS = frozenset("aăâeêioôơuưy")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_NBSP_SITE_RE = re.compile(r"[,:] ")


def _split_tone(char: str) -> tuple[str, str | None]:
    decomposed = unicodedata.normalize("NFD", char)
    tone = next((mark for mark in decomposed if mark in _TONE_MARKS), None)
    base = "".join(mark for mark in decomposed if mark not in _TONE_MARKS)
    return unicodedata.normalize("NFC", base), tone


def _move_tone(syllable: str, *, to_second: bool) -> str:
    if len(syllable) < 2:
        return syllable
    first, first_tone = _split_tone(syllable[-2])
    second, second_tone = _split_tone(syllable[-1])
    tone = first_tone if to_second else second_tone
    if tone is None or (second_tone if to_second else first_tone) is not None:
        return syllable
    if (first + second).lower() not in {"oa", "oe", "uy"}:
        return syllable
    # The pair must be the whole nucleus: not after `q` (`quý`: `qu` is the onset) nor
    # after another vowel.
    before = _split_tone(syllable[-3])[0].lower() if len(syllable) > 2 else ""
    if before == "q" or before in _PLAIN_VOWELS:
        return syllable
    if to_second:
        return syllable[:-2] + first + unicodedata.normalize("NFC", second + tone)
    return syllable[:-2] + unicodedata.normalize("NFC", first + tone) + second


def old_tone_syllable(syllable: str) -> str:
    """Old-style tone placement for one NFC syllable: ``hòa`` -> ``hoà``, ``thủy`` -> ``thuỷ``.

    Only open syllables ending in the diphthongs oa, oe, uy change; ``hoàn``, ``thuyết`` and
    ``quý`` stay as they are.
    """
    return _move_tone(syllable, to_second=True)


def old_tone(text: str) -> str:
    """Old-style tone placement on every syllable of an NFC text (length unchanged)."""
    return _LETTERS_RE.sub(lambda match: _move_tone(match.group(), to_second=True), text)


def new_tone(text: str) -> str:
    """The inverse of :func:`old_tone`: ``hoà`` -> ``hòa``, ``thuỷ`` -> ``thủy``."""
    return _LETTERS_RE.sub(lambda match: _move_tone(match.group(), to_second=False), text)


def _nbsp(text: str) -> str:
    # Every other comma/colon + space, so both spellings occur in one article, as on the
    # scraped pages this imitates.
    chars = list(text)
    for index, match in enumerate(_NBSP_SITE_RE.finditer(text)):
        if index % 2 == 0:
            chars[match.end() - 1] = "\u00a0"
    return "".join(chars)


def _crlf(text: str) -> tuple[str, list[int]]:
    offsets = []
    shift = 0
    for char in text:
        offsets.append(len(offsets) + shift)
        if char == "\n":
            shift += 1
    offsets.append(len(text) + shift)
    return text.replace("\n", "\r\n"), offsets


def _nfd(text: str) -> tuple[str, list[int]]:
    # Decompose cluster by cluster (a starter and its combining marks): canonical reordering
    # never crosses a starter, so the pieces concatenate to NFD(text) and give an offset map.
    pieces = []
    offsets = []
    position = 0
    index = 0
    while index < len(text):
        end = index + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        piece = unicodedata.normalize("NFD", text[index:end])
        pieces.append(piece)
        # Offsets inside a cluster are never entity boundaries; they map to its start.
        offsets.extend([position] * (end - index))
        position += len(piece)
        index = end
    offsets.append(position)
    result = "".join(pieces)
    if result != unicodedata.normalize("NFD", text):
        raise ValueError("NFD reorders marks across characters; offsets cannot be mapped")
    return result, offsets


def apply_noise(text: str, noises: Iterable[str]) -> tuple[str, list[int]]:
    """Apply the named noise transformations; returns the new text and a map from every
    offset of ``text`` (0..len inclusive) to the matching offset of the new text."""
    wanted = set(noises)
    unknown = wanted - set(NOISES)
    if unknown:
        raise ValueError(f"unknown noise {sorted(unknown)}; known: {', '.join(NOISES)}")
    offsets = list(range(len(text) + 1))
    for noise in NOISES:
        if noise not in wanted:
            continue
        if noise == "old_tone":
            text = old_tone(text)
        elif noise == "nbsp":
            text = _nbsp(text)
        else:
            text, step = _crlf(text) if noise == "crlf" else _nfd(text)
            offsets = [step[offset] for offset in offsets]
    return text, offsets


def noise_string(value: str, noises: Iterable[str]) -> str:
    """The context-free part of the noise (old_tone, nfd) applied to a string that does not
    occur in the text; nbsp and crlf depend on position and are left out."""
    wanted = set(noises)
    if "old_tone" in wanted:
        value = old_tone(value)
    if "nfd" in wanted:
        value = unicodedata.normalize("NFD", value)
    return value


# --- parsing -----------------------------------------------------------------------------


@dataclass
class _Line:
    number: int  # 1-based source line
    text: str  # clean text, markup removed
    columns: list[int]  # 1-based source column of each clean character
    entities: list[tuple[int, int, str, str | None]]  # clean columns, label, value


class _Parser:
    def __init__(self, source: str, path: str, expected_id: str | None) -> None:
        # Editors differ; the compiled text must not depend on BOMs, CRLF files or NFD input.
        source = source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.lines = unicodedata.normalize("NFC", source).split("\n")
        self.path = path
        self.expected_id = expected_id
        self.article_id = expected_id or "<no id>"
        self.problems: list[Problem] = []
        self.values: dict[str, Any] = {"split": "train", "noise": ()}
        self.header_lines: dict[str, int] = {}
        self.events: list[dict[str, Any]] = []
        self.event_lines: list[int] = []
        self.exceptions: list[str] = []
        self.except_lines: list[int] = []
        self.markers: dict[str, tuple[int, int]] = {}  # marker -> (clean line index, line)

    def error(self, line: int, message: str, column: int | None = None) -> None:
        self.problems.append(
            Problem(self.article_id, message, path=self.path, line=line, column=column)
        )

    # header

    def parse_header(self) -> int:
        """Parse the header; returns the index of the first text line."""
        index = 0
        text_start = None
        while index < len(self.lines) and self.lines[index].strip():
            line = self.lines[index]
            if not line.startswith("#"):
                message = "the header must end with a blank line before the text"
                if index == 0:
                    message = "the file must start with header lines ('# id: ...')"
                self.error(index + 1, message)
                text_start = index
                break
            match = _HEADER_RE.fullmatch(line.rstrip())
            if match is None:
                self.error(index + 1, f"bad header line {line!r}: expected '# key: value'")
            else:
                value = match.group(2).strip()
                column = match.start(2) + len(match.group(2)) - len(match.group(2).lstrip()) + 1
                self.header_value(index + 1, match.group(1), value, column)
            index += 1
        for key in REQUIRED_KEYS:
            if key not in self.header_lines:
                self.error(1, f"missing header line '# {key}: ...'")
        return index + 1 if text_start is None else text_start

    def header_value(self, line: int, key: str, value: str, column: int) -> None:
        if key not in HEADER_KEYS:
            self.error(line, f"unknown header key {key!r} (known: {', '.join(HEADER_KEYS)})")
            return
        if key in _REPEATABLE_KEYS:
            self.repeatable_value(line, key, value, column)
            return
        if key in self.header_lines:
            self.error(
                line, f"duplicate header key {key!r} (first on line {self.header_lines[key]})"
            )
            return
        self.header_lines[key] = line
        if key == "id":
            if not ID_RE.fullmatch(value):
                self.error(line, f"bad id {value!r}: use lowercase ASCII letters, digits and '-'")
            elif self.expected_id is not None and value != self.expected_id:
                self.error(line, f"id {value!r} does not match the file name {self.expected_id}.md")
            else:
                self.article_id = value
            self.values["id"] = value
        elif key == "type":
            if value not in ARTICLE_TYPES:
                self.error(line, f"bad type {value!r} (expected {', '.join(ARTICLE_TYPES)})")
            self.values["type"] = value
        elif key == "published":
            self.values["published"] = None if value == "null" else value
            if value != "null" and not _valid_published(value):
                self.error(line, f"bad published date {value!r}: expected YYYY-MM-DD or null")
        elif key == "split":
            if value not in SPLITS:
                self.error(line, f"bad split {value!r} (expected train or dev)")
            self.values["split"] = value
        elif key == "noise":
            names = [name.strip() for name in value.split(",") if name.strip()]
            for name in names:
                if name not in NOISES:
                    self.error(line, f"unknown noise {name!r} (known: nfd, old_tone, crlf, nbsp)")
            if len(set(names)) != len(names):
                self.error(line, "a noise is listed twice")
            self.values["noise"] = tuple(name for name in dict.fromkeys(names) if name in NOISES)

    def repeatable_value(self, line: int, key: str, value: str, column: int) -> None:
        if key == "except":
            if not value:
                self.error(line, "empty except line")
                return
            self.exceptions.append(value)
            self.except_lines.append(line)
            return
        try:
            event = json.loads(value)
        except json.JSONDecodeError as error:
            self.error(line, f"bad JSON in event line: {error.msg}", column + error.pos)
            return
        if not isinstance(event, dict):
            self.error(line, "an event line must hold one JSON object", column)
            return
        self.events.append(event)
        self.event_lines.append(line)

    # text

    def parse_text(self, first: int) -> list[_Line]:
        lines: list[_Line] = []
        for index in range(first, len(self.lines)):
            number = index + 1
            raw = self.lines[index].rstrip()
            stripped = raw.strip()
            if stripped in (BODY_MARKER, END_MARKER):
                self.marker(stripped, len(lines), number)
            elif stripped.startswith("@@"):
                self.error(number, f"unknown marker {stripped!r} (expected @@BODY or @@END alone)")
            elif _LATE_HEADER_RE.match(raw):
                self.error(number, "header line after the first blank line: the header ends there")
            else:
                lines.append(self.parse_markup(raw, number))
        if BODY_MARKER in self.markers and END_MARKER not in self.markers:
            self.error(self.markers[BODY_MARKER][1], "@@BODY without a later @@END")
        return lines

    def marker(self, marker: str, index: int, line: int) -> None:
        if marker in self.markers:
            self.error(line, f"second {marker} (first on line {self.markers[marker][1]})")
        elif marker == END_MARKER and BODY_MARKER not in self.markers:
            self.error(line, "@@END without an earlier @@BODY")
        else:
            self.markers[marker] = (index, line)

    def parse_markup(self, raw: str, number: int) -> _Line:
        line = _Line(number, "", [], [])
        chars: list[str] = []
        index = 0
        while index < len(raw):
            char = raw[index]
            if char == "]":
                self.error(
                    number, "']' without '[': literal square brackets are not allowed", index + 1
                )
                index += 1
                continue
            if char != "[":
                chars.append(char)
                line.columns.append(index + 1)
                index += 1
                continue
            close = raw.find("]", index + 1)
            inner = raw.find("[", index + 1)
            if close == -1:
                self.error(number, "unclosed '[' (entity markup is [surface](LABEL))", index + 1)
                index += 1
                continue
            if inner != -1 and inner < close:
                self.error(
                    number,
                    "unclosed '[': another '[' comes before ']' (entities are flat, and literal "
                    "brackets are not allowed)",
                    index + 1,
                )
                index += 1
                continue
            surface = raw[index + 1 : close]
            if not raw.startswith("(", close + 1):
                self.error(
                    number,
                    f"'[{surface}]' is not followed by '(LABEL)': literal square brackets are "
                    "not allowed",
                    index + 1,
                )
                entity = None
                after = close + 1
            else:
                paren = raw.find(")", close + 2)
                # A bracket before the ')' means this '(' was never closed.
                if paren == -1 or any(char in raw[close + 2 : paren] for char in "[]("):
                    self.error(number, f"unclosed '(' after '[{surface}]'", close + 2)
                    entity = None
                    after = close + 1
                else:
                    entity = self.entity_spec(raw[close + 2 : paren], surface, number, index + 1)
                    after = paren + 1
            start = len(chars)
            chars.extend(surface)
            line.columns.extend(range(index + 2, close + 1))
            if entity is not None:
                line.entities.append((start, len(chars), *entity))
            index = after
        line.text = "".join(chars)
        return line

    def entity_spec(
        self, spec: str, surface: str, number: int, column: int
    ) -> tuple[str, str | None] | None:
        label, colon, value = spec.partition(":")
        label, value = label.strip(), value.strip()
        ok = True
        if label not in LABELS:
            self.error(
                number,
                f"unknown label {label!r} in '[{surface}]({spec})' "
                "(expected PER, ORG, LOC or DATE:value)",
                column,
            )
            ok = False
        elif label == "DATE" and not value:
            self.error(number, f"DATE '[{surface}]' needs its ISO value: (DATE:2024-06-28)", column)
            ok = False
        elif label != "DATE" and colon:
            self.error(number, f"{label} takes no value: write ({label})", column)
            ok = False
        if not surface.strip():
            self.error(number, "empty entity surface '[]'", column)
            ok = False
        elif surface != surface.strip():
            self.error(
                number, f"'[{surface}]' starts or ends with a space: move it outside", column
            )
        return (label, value if label == "DATE" else None) if ok else None

    # assembly

    def parse(self) -> Article:
        lines = self.parse_text(self.parse_header())
        # Leading and trailing blank lines are layout, not text.
        lead = next((i for i, line in enumerate(lines) if line.text.strip()), len(lines))
        kept = lines[lead:]
        while kept and not kept[-1].text.strip():
            kept.pop()
        if not kept:
            self.error(len(self.lines), "the article has no text")
        if self.problems:
            raise ArticleError(self.problems)

        starts, line_numbers, columns = [], [], []
        offset = 0
        for position, line in enumerate(kept):
            if position:
                # The newline between lines sits just after the previous line's end.
                line_numbers.append(kept[position - 1].number)
                columns.append(len(self.lines[kept[position - 1].number - 1]) + 1)
                offset += 1
            starts.append(offset)
            line_numbers.extend([line.number] * len(line.text))
            columns.extend(line.columns)
            offset += len(line.text)
        line_numbers.append(kept[-1].number)
        columns.append(len(self.lines[kept[-1].number - 1]) + 1)
        text = "\n".join(line.text for line in kept)

        def line_offset(marker: str, default: int) -> int:
            if marker not in self.markers:
                return default
            index = min(max(self.markers[marker][0] - lead, 0), len(kept))
            return starts[index] if index < len(kept) else len(text)

        body_start = line_offset(BODY_MARKER, 0)
        body_end = line_offset(END_MARKER, len(text))
        while body_start < len(text) and text[body_start].isspace():
            body_start += 1
        while body_end > body_start and text[body_end - 1].isspace():
            body_end -= 1
        body_line = self.markers.get(BODY_MARKER, (0, kept[0].number))[1]
        if body_start >= body_end:
            self.error(body_line, "the body between @@BODY and @@END is empty")
            raise ArticleError(self.problems)

        noises = self.values["noise"]
        noisy, offsets = apply_noise(text, noises)
        entities = []
        for start_line, line in zip(starts, kept, strict=True):
            for start, end, label, value in line.entities:
                begin, stop = offsets[start_line + start], offsets[start_line + end]
                entities.append(Entity(begin, stop, label, noisy[begin:stop], value))

        carry = _carrier(text, noisy, offsets, noises, (body_start, body_end))
        source = SourceMap(
            path=self.path,
            header_lines=dict(self.header_lines),
            event_lines=tuple(self.event_lines),
            except_lines=tuple(self.except_lines),
            body_line=body_line,
            lines=tuple(line_numbers),
            columns=tuple(columns),
            offsets=tuple(offsets),
        )
        return Article(
            id=self.values["id"],
            published=self.values["published"],
            type=self.values["type"],
            split=self.values["split"],
            body_start=offsets[body_start],
            body_end=offsets[body_end],
            entities=entities,
            events=[_canonical_event(event, carry) for event in self.events],
            exceptions=[carry(item) for item in self.exceptions],
            text=noisy,
            noise=noises,
            source=source,
        )


def _valid_published(value: str) -> bool:
    if not _PUBLISHED_RE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _carrier(
    text: str, noisy: str, offsets: Sequence[int], noises: Sequence[str], body: tuple[int, int]
) -> Callable[[str], str]:
    """A function giving a header string as it stands in the noisy text.

    Strings found in the clean text (body first) are cut from the noisy text through the
    offset map, so position-dependent noise (nbsp) matches too; others get the
    context-free transformations only.
    """

    def carry(value: str) -> str:
        value = unicodedata.normalize("NFC", value)
        if not noises or not value:
            return value
        position = text.find(value, *body)
        if position == -1:
            position = text.find(value)
        if position == -1:
            return noise_string(value, noises)
        return noisy[offsets[position] : offsets[position + len(value)]]

    return carry


def _carry_value(key: str, value: Any, carry: Callable[[str], str]) -> Any:
    if key in _NO_CARRY_KEYS:
        return value
    if isinstance(value, str):
        return carry(value)
    if isinstance(value, list):
        return [_carry_value("", item, carry) for item in value]
    if isinstance(value, dict):
        # participants: {name, title} in that order
        keys = sorted(value, key=lambda k: (k not in ("name", "title"), k != "name"))
        return {k: _carry_value(k, value[k], carry) for k in keys}
    return value


def _canonical_event(event: dict[str, Any], carry: Callable[[str], str]) -> dict[str, Any]:
    """The event with its keys in the guidelines' order (unknown keys last, for the
    validator to report) and its strings as they stand in the noisy text."""
    kind = event.get("type")
    order = EVENT_FIELDS.get(kind, ()) if isinstance(kind, str) else ()
    keys = [key for key in order if key in event] + [key for key in event if key not in order]
    return {key: _carry_value(key, event[key], carry) for key in keys}


def parse_article_source(
    source: str, *, path: str = "<string>", expected_id: str | None = None
) -> Article:
    """Compile the text of one article file; raises :class:`ArticleError` on syntax errors.

    ``expected_id`` is the file name without ``.md``; the header id must equal it.
    """
    return _Parser(source, path, expected_id).parse()


def parse_article(path: str | os.PathLike[str]) -> Article:
    """Compile one ``corpus/articles/<id>.md`` file; raises :class:`ArticleError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ArticleError(
            [Problem(path.stem, f"cannot read: {error.strerror}", path=str(path))]
        ) from None
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = Problem(path.stem, "not UTF-8 text", path=str(path), line=line)
        raise ArticleError([problem]) from None
    return parse_article_source(source, path=str(path), expected_id=path.stem)


# --- compiling ---------------------------------------------------------------------------


@dataclass
class CompileResult:
    articles: list[Article]
    problems: list[Problem]
    outputs: list[Path]

    @property
    def ok(self) -> bool:
        return not self.problems


def load_articles(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Article], list[Problem]]:
    """Parse article files; files with syntax errors are left out and reported."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            articles.append(parse_article(path))
        except ArticleError as error:
            problems.extend(error.problems)
    return articles, problems


def validate_articles(articles: Sequence[Article], *, require_dev: bool = True) -> list[Problem]:
    """Validation problems of compiled articles, located in their source files."""
    by_id = {article.id: article for article in articles}
    problems = validate_corpus((article.to_dict() for article in articles), require_dev=require_dev)
    located = []
    for problem in problems:
        article = by_id.get(problem.article_id)
        located.append(article.locate(problem) if article is not None else problem)
    return located


def check_files(paths: Iterable[str | os.PathLike[str]]) -> list[Problem]:
    """Parse and validate the given article files (no output is written)."""
    articles, problems = load_articles(paths)
    # A subset of the corpus need not contain dev articles.
    return problems + validate_articles(articles, require_dev=False)


def record_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(records: Iterable[dict[str, Any]], path: str | os.PathLike[str]) -> None:
    """Write one JSON object per line, atomically (readers never see half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A plain open() (not mkstemp, which creates 0600 files) keeps the usual permissions.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8", newline="\n") as stream:
            for record in records:
                stream.write(record_line(record) + "\n")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def compile_corpus(
    articles_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str]
) -> CompileResult:
    """Compile ``articles_dir/*.md`` into ``out_dir/train.jsonl`` and ``out_dir/dev.jsonl``.

    Articles are sorted by id; files with syntax errors are left out. Every problem (syntax
    and validation) is returned; the output is written in any case so that one broken
    article does not block the others, and callers decide from ``result.ok``.
    """
    paths = sorted(Path(articles_dir).glob("*.md"), key=lambda path: path.stem)
    articles, problems = load_articles(paths)
    articles.sort(key=lambda article: article.id)
    problems.extend(validate_articles(articles))
    outputs = []
    for split in SPLITS:
        output = Path(out_dir) / f"{split}.jsonl"
        write_jsonl((article.to_dict() for article in articles if article.split == split), output)
        outputs.append(output)
    return CompileResult(articles, problems, outputs)
