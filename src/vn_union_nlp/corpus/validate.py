"""Validation of gold records against the annotation guidelines.

A record is the gold JSON of one article with its ``text`` (the format of
``/work/shared/gold`` and of ``corpus/*.jsonl``). Validation never raises on bad data: it
returns a list of :class:`Problem`, each naming the article and what is wrong, so one run
reports everything at once.
"""

from __future__ import annotations

import calendar
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from vn_union_nlp.text.normalize import QUOTE_CHARS, QUOTES_RE

LABELS = ("PER", "ORG", "LOC", "DATE")
ARTICLE_TYPES = ("conference_report", "campaign_launch", "award_ceremony", "other")
SPLITS = ("train", "dev")

# Exact field sets of the guidelines' Events table, in their canonical order.
EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    "conference": ("type", "name", "date", "location", "organizer", "participants"),
    "campaign": ("type", "name", "organizer", "date", "movements"),
    "award": ("type", "issuer", "award", "collectives", "individuals", "recipients", "date"),
}
# Event fields whose strings must stand verbatim in the article body ("names are written as
# they stand in the text"). `award` is a lowercase kind and need not occur as written.
_VERBATIM_FIELDS = frozenset({"name", "location", "organizer", "issuer"})
_VERBATIM_LISTS = frozenset({"movements", "recipients"})

# Guidelines: a DATE starts at its unit word when one stands right before the numbers, else at
# the first number, and ends at the last number (a bare quarter ends at its numeral).
_DATE_START_RE = re.compile(r"\d|(?:ngày|tháng|năm|quý|giai đoạn|nhiệm kỳ)\s", re.IGNORECASE)
_DATE_END_RE = re.compile(r"(?:\d|\b[IVX]+)\Z")
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PUBLISHED_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_POINT_RE = re.compile(r"(?P<year>\d{4}|XXXX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one article.

    ``offset`` points into the record's text and ``field`` names the record field
    (``"events[1].organizer"``); the authoring compiler turns either into ``path``/``line``.
    """

    article_id: str
    message: str
    offset: int | None = None
    field: str | None = None
    path: str | None = None
    line: int | None = None
    column: int | None = None

    def located(self, path: str | None, line: int | None, column: int | None = None) -> Problem:
        return replace(self, path=path, line=line, column=column)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "message": self.message,
            "offset": self.offset,
            "field": self.field,
            "path": self.path,
            "line": self.line,
            "column": self.column,
        }

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.article_id}: {self.message}"


# --- ISO 8601 values ---------------------------------------------------------------------


def _point_problem(point: str) -> str | None:
    match = _ISO_POINT_RE.fullmatch(point)
    if match is None:
        return f"{point!r} is not YYYY, YYYY-MM or YYYY-MM-DD (XXXX for an unknown year)"
    year, month, day = match.group("year", "month", "day")
    if year == "XXXX" and month is None:
        return "a bare XXXX says nothing; give at least the month"
    if month is not None and not 1 <= int(month) <= 12:
        return f"month {month} out of range in {point!r}"
    if day is not None:
        # An unknown year may be a leap year, so 29 February stays valid under XXXX.
        leap_year = 2000 if year == "XXXX" else int(year)
        if not 1 <= int(day) <= calendar.monthrange(leap_year, int(month))[1]:
            return f"day {day} out of range in {point!r}"
    return None


def _bounds(point: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Earliest and latest (year, month, day) a point covers; year 0 stands for XXXX."""
    parts = point.split("-")
    year = 0 if parts[0] == "XXXX" else int(parts[0])
    if len(parts) == 1:
        return (year, 1, 1), (year, 12, 31)
    month = int(parts[1])
    if len(parts) == 2:
        return (year, month, 1), (year, month, 31)
    day = int(parts[2])
    return (year, month, day), (year, month, day)


def iso_date_problem(value: object) -> str | None:
    """Why ``value`` is not a valid DATE value of the guidelines, or None when it is.

    Accepted: ``2020-06-28``, ``2022-03``, ``2022``, ``XXXX-06-28``, ``XXXX-06`` and
    intervals of two such points joined by ``/`` with the start not after the end.
    """
    if not isinstance(value, str):
        return f"DATE value must be a string, not {type(value).__name__}"
    points = value.split("/")
    if len(points) > 2:
        return f"{value!r} is not YYYY, YYYY-MM, YYYY-MM-DD or two of them joined by one '/'"
    for point in points:
        reason = _point_problem(point)
        if reason is not None:
            return reason
    if len(points) == 2:
        (start_low, _), (_, end_high) = _bounds(points[0]), _bounds(points[1])
        # Comparable only when both years are known or both unknown.
        if (start_low[0] == 0) == (end_high[0] == 0) and start_low > end_high:
            return f"interval {value!r} ends before it starts"
    return None


def is_iso_date(value: object) -> bool:
    return iso_date_problem(value) is None


# --- text helpers ------------------------------------------------------------------------


def _is_wordlike(char: str) -> bool:
    # Combining marks count as part of a word: in NFD text `Hoa` followed by U+0300 is the
    # word `Hoà`, not an occurrence of `Hoa`.
    return char.isalnum() or unicodedata.category(char).startswith("M")


def glued(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is glued to a letter, digit or mark on either side."""
    return (start > 0 and _is_wordlike(text[start - 1])) or (
        end < len(text) and _is_wordlike(text[end])
    )


def _all_occurrences(text: str, needle: str, start: int, end: int) -> list[int]:
    found = []
    position = text.find(needle, start, end)
    while position != -1:
        found.append(position)
        position = text.find(needle, position + 1, end)
    return found


def find_whole_words(text: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    """Start offsets of ``needle`` in text[start:end] not glued to letters/digits."""
    end = len(text) if end is None else end
    return [
        position
        for position in _all_occurrences(text, needle, start, end)
        if not glued(text, position, position + len(needle))
    ]


# Quotation marks are typography, not part of a name: event strings leave them out, and a
# string "stands in the text" when it does with the text's quotation marks removed.
def _unquoted(text: str) -> str:
    return re.sub(r"\s+", " ", QUOTES_RE.sub("", text))


def _loose(text: str) -> str:
    # The nbsp noise puts U+00A0 after some commas only, so two spellings of one surface
    # may differ there; matching treats it as a space (same length, offsets unchanged).
    return text.replace("\u00a0", " ")


# --- record validation -------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Checker:
    def __init__(self, record: Mapping[str, Any]) -> None:
        self.record = record
        raw_id = record.get("id")
        self.article_id = raw_id if isinstance(raw_id, str) else "<no id>"
        self.problems: list[Problem] = []
        text = record.get("text")
        self.text = text if isinstance(text, str) else ""
        self.body = (0, len(self.text))
        self.body_text = self.text
        self.unquoted_body = _unquoted(self.text)

    def add(self, message: str, *, offset: int | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(self.article_id, message, offset=offset, field=field))

    def run(self) -> list[Problem]:
        self.check_header()
        if not isinstance(self.record.get("text"), str):
            self.add("no 'text' (a string) in the record", field="text")
            return self.problems
        self.check_body()
        entities = self.check_entities()
        self.check_exceptions()
        self.check_completeness(entities)
        self.check_events()
        return self.problems

    # header fields

    def check_header(self) -> None:
        record = self.record
        if not isinstance(record.get("id"), str) or not ID_RE.fullmatch(record["id"]):
            self.add(
                f"id {record.get('id')!r} is not lowercase ASCII letters, digits and '-'",
                field="id",
            )
        if record.get("type") not in ARTICLE_TYPES:
            self.add(
                f"type {record.get('type')!r} is not one of {', '.join(ARTICLE_TYPES)}",
                field="type",
            )
        if "published" not in record:
            self.add("missing 'published' (a YYYY-MM-DD date or null)", field="published")
        elif record["published"] is not None:
            published = record["published"]
            match = _PUBLISHED_RE.fullmatch(published) if isinstance(published, str) else None
            if match is None or _point_problem(published) is not None:
                self.add(
                    f"published {published!r} is not a valid YYYY-MM-DD date or null",
                    field="published",
                )
        if "split" in record and record["split"] not in SPLITS:
            self.add(f"split {record['split']!r} is not 'train' or 'dev'", field="split")

    def check_body(self) -> None:
        start, end = self.record.get("body_start"), self.record.get("body_end")
        if not (_is_int(start) and _is_int(end)):
            self.add("body_start/body_end missing or not integers", field="body_start")
            return
        if not 0 <= start < end <= len(self.text):
            self.add(
                f"body span [{start}, {end}) is empty or outside the text "
                f"(length {len(self.text)})",
                field="body_start",
            )
            return
        self.body = (start, end)
        self.body_text = self.text[start:end]
        self.unquoted_body = _unquoted(self.body_text)
        if self.text[start].isspace() or self.text[end - 1].isspace():
            self.add("body span starts or ends with whitespace", offset=start, field="body_start")

    # entities

    def check_entities(self) -> list[dict[str, Any]]:
        """Check each entity; returns the well-formed ones, sorted by offset."""
        raw = self.record.get("entities")
        if not isinstance(raw, list):
            self.add("'entities' must be a list", field="entities")
            return []
        good = []
        for index, entity in enumerate(raw):
            if self.check_entity(index, entity):
                good.append(entity)
        good.sort(key=lambda e: (e["start"], e["end"]))
        for previous, current in itertools.pairwise(good):
            if current["start"] < previous["end"]:
                self.add(
                    f"entities overlap: {previous['text']!r} [{previous['start']}, "
                    f"{previous['end']}) and {current['text']!r} [{current['start']}, "
                    f"{current['end']})",
                    offset=current["start"],
                )
        return good

    def check_entity(self, index: int, entity: object) -> bool:
        field = f"entities[{index}]"
        if not isinstance(entity, dict):
            self.add(f"{field} is not an object", field=field)
            return False
        start, end, label = entity.get("start"), entity.get("end"), entity.get("label")
        if not (_is_int(start) and _is_int(end) and 0 <= start < end <= len(self.text)):
            self.add(f"{field} has bad offsets {start!r}, {end!r}", field=field)
            return False
        surface = self.text[start:end]
        ok = True
        if entity.get("text") != surface:
            self.add(
                f"{field}: text {entity.get('text')!r} != text[{start}:{end}] {surface!r}",
                offset=start,
            )
            ok = False
        expected_keys = {"start", "end", "label", "text"} | (
            {"value"} if label == "DATE" else set()
        )
        unknown = sorted(set(entity) - expected_keys)
        if label not in LABELS:
            self.add(f"unknown label {label!r} on {surface!r}", offset=start)
            ok = False
        elif label == "DATE":
            self.check_date(entity, surface, start)
        elif "value" in entity:
            self.add(f"{label} {surface!r} must not carry a value", offset=start)
            unknown = [key for key in unknown if key != "value"]
        if unknown:
            self.add(f"{field} has unknown keys {unknown}", offset=start)
        if surface != surface.strip():
            self.add(f"entity {surface!r} starts or ends with whitespace", offset=start)
        if "\n" in surface or "\r" in surface:
            self.add(f"entity {surface!r} spans a line break", offset=start)
        if glued(self.text, start, end):
            self.add(f"entity {surface!r} starts or ends inside a word", offset=start)
        body_start, body_end = self.body
        if not (body_start <= start and end <= body_end):
            self.add(f"entity {surface!r} lies outside the body (boilerplate)", offset=start)
        return ok

    def check_date(self, entity: dict[str, Any], surface: str, start: int) -> None:
        reason = iso_date_problem(entity.get("value")) if "value" in entity else "no value"
        if reason is not None:
            self.add(f"DATE {surface!r}: bad value: {reason}", offset=start)
        elif "XXXX" in entity["value"] and self.record.get("published") is not None:
            self.add(
                f"DATE {surface!r} has value {entity['value']!r} but the article has a "
                "publication date to resolve the year from",
                offset=start,
            )
        nfc = unicodedata.normalize("NFC", surface)
        if not _DATE_START_RE.match(nfc):
            self.add(
                f"DATE {surface!r} must start at its unit word (ngày, tháng, năm, quý, giai đoạn, "
                "nhiệm kỳ) or at its first number",
                offset=start,
            )
        if not _DATE_END_RE.search(nfc):
            self.add(f"DATE {surface!r} must end at its last number", offset=start)

    # every occurrence annotated

    def exceptions(self) -> list[str]:
        raw = self.record.get("exceptions", [])
        return (
            [item for item in raw if isinstance(item, str) and item]
            if isinstance(raw, list)
            else []
        )

    def check_exceptions(self) -> None:
        raw = self.record.get("exceptions", [])
        if not isinstance(raw, list) or not all(isinstance(item, str) and item for item in raw):
            self.add("'exceptions' must be a list of non-empty strings", field="exceptions")
            return
        body_start, body_end = self.body
        for index, item in enumerate(raw):
            if _loose(item) not in _loose(self.text[body_start:body_end]):
                self.add(
                    f"except {item!r} does not occur in the body", field=f"exceptions[{index}]"
                )

    def check_completeness(self, entities: Sequence[dict[str, Any]]) -> None:
        """Every whole-word occurrence in the body of an annotated surface is annotated,
        unless it lies inside another entity or inside an occurrence of an except string."""
        body_start, body_end = self.body
        text = _loose(self.text)
        covered = [(e["start"], e["end"]) for e in entities]
        exempt = [
            (position, position + len(item))
            for item in map(_loose, self.exceptions())
            for position in _all_occurrences(text, item, body_start, body_end)
        ]
        spans = covered + exempt
        surfaces = sorted(
            {
                _loose(e["text"])
                for e in entities
                if body_start <= e["start"] and e["end"] <= body_end and e["text"].strip()
            }
        )
        for surface in surfaces:
            for position in find_whole_words(text, surface, body_start, body_end):
                end = position + len(surface)
                if not any(start <= position and end <= stop for start, stop in spans):
                    self.add(
                        f"{surface!r} occurs here without annotation; annotate it or list its "
                        "context in '# except:'",
                        offset=position,
                    )

    # events

    def check_events(self) -> None:
        events = self.record.get("events")
        if not isinstance(events, list):
            self.add("'events' must be a list", field="events")
            return
        for index, event in enumerate(events):
            self.check_event(index, event)

    def check_event(self, index: int, event: object) -> None:
        where = f"events[{index}]"
        if not isinstance(event, dict):
            self.add(f"{where} is not an object", field=where)
            return
        kind = event.get("type")
        if kind not in EVENT_FIELDS:
            self.add(
                f"{where}: unknown event type {kind!r} (expected {', '.join(EVENT_FIELDS)})",
                field=where,
            )
            return
        expected = EVENT_FIELDS[kind]
        missing = [key for key in expected if key not in event]
        unknown = [key for key in event if key not in expected]
        if missing:
            self.add(f"{where} ({kind}): missing fields {missing}", field=where)
        if unknown:
            self.add(f"{where} ({kind}): unknown fields {unknown}", field=where)
        for key in expected:
            if key in event and key != "type":
                self.check_event_field(f"{where}.{key}", key, event[key])

    def check_event_field(self, where: str, key: str, value: object) -> None:
        if key == "date":
            if value is not None:
                reason = iso_date_problem(value)
                if reason is not None:
                    self.add(f"{where}: bad date: {reason}", field=where)
                elif "XXXX" in value and self.record.get("published") is not None:
                    self.add(
                        f"{where}: {value!r} uses XXXX but the article has a publication date",
                        field=where,
                    )
        elif key in ("collectives", "individuals"):
            if not _is_int(value) or value < 0:
                self.add(f"{where} must be a non-negative integer, not {value!r}", field=where)
        elif key == "participants":
            if not isinstance(value, list):
                self.add(f"{where} must be a list of {{name, title}}", field=where)
                return
            for index, person in enumerate(value):
                self.check_participant(f"{where}[{index}]", person)
        elif key in _VERBATIM_LISTS:
            if not isinstance(value, list):
                self.add(f"{where} must be a list of strings", field=where)
                return
            for index, item in enumerate(value):
                self.check_string(f"{where}[{index}]", item, nullable=False, verbatim=True)
        else:
            self.check_string(where, value, nullable=True, verbatim=key in _VERBATIM_FIELDS)

    def check_participant(self, where: str, person: object) -> None:
        if not isinstance(person, dict) or set(person) != {"name", "title"}:
            self.add(f"{where} must be an object with exactly 'name' and 'title'", field=where)
            return
        self.check_string(f"{where}.name", person["name"], nullable=False, verbatim=True)
        self.check_string(f"{where}.title", person["title"], nullable=True, verbatim=True)

    def check_string(self, where: str, value: object, *, nullable: bool, verbatim: bool) -> None:
        if value is None and nullable:
            return
        if not isinstance(value, str) or not value.strip():
            expected = "a non-empty string or null" if nullable else "a non-empty string"
            self.add(f"{where} must be {expected}, not {value!r}", field=where)
        elif any(q in value for q in QUOTE_CHARS):
            self.add(
                f"{where} {value!r} carries quotation marks; event strings are written "
                "without them (the words inside are kept)",
                field=where,
            )
        elif verbatim and _unquoted(value) not in self.unquoted_body:
            self.add(f"{where} {value!r} does not occur verbatim in the body", field=where)


def validate_record(record: Mapping[str, Any]) -> list[Problem]:
    """All problems of one gold record (see the module docstring for the format)."""
    if not isinstance(record, Mapping):
        return [Problem("<no id>", "record is not a JSON object")]
    return _Checker(record).run()


def validate_corpus(
    records: Iterable[Mapping[str, Any]], *, require_dev: bool = True
) -> list[Problem]:
    """Problems of every record, plus corpus-wide ones: duplicate ids, no dev split.

    ``require_dev=False`` suits gold folders that have no split (the shared seeds).
    """
    problems: list[Problem] = []
    ids: Counter[str] = Counter()
    splits: Counter[str] = Counter()
    for record in records:
        problems.extend(validate_record(record))
        if isinstance(record, Mapping):
            ids[str(record.get("id"))] += 1
            splits[str(record.get("split", "train"))] += 1
    for article_id, count in sorted(ids.items()):
        if count > 1:
            problems.append(Problem(article_id, f"id used by {count} articles", field="id"))
    if require_dev and ids and not splits["dev"]:
        problems.append(Problem("<corpus>", "no article in the dev split"))
    return problems
