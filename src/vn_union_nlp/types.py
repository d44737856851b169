"""Result records: small typed dataclasses with offsets and ``to_dict()``.

Offsets everywhere are Python string indices into the text *exactly as the caller passed
it* (see :mod:`vn_union_nlp.text.normalize` for how they are mapped back).
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, overload

if TYPE_CHECKING:
    from vn_union_nlp.text.normalize import NormalizedText

LABELS = ("PER", "ORG", "LOC", "DATE")
ARTICLE_TYPES = ("conference_report", "campaign_launch", "award_ceremony", "other")


@dataclass(frozen=True)
class Span:
    """A ``[start, end)`` region of the original text."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Token:
    """A word (one or more syllables) of the article body, offsets into the original."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


class TokenList(Sequence[Token]):
    """The words of a text, stored as two arrays of offsets (16 bytes a word).

    A list of :class:`Token` objects would take about ten times as much, which on a
    document of millions of characters is most of the pipeline's memory. It reads as a
    sequence of tokens (indexing, slicing, iteration, ``len``) and equals any sequence of
    the same tokens; :class:`Token` objects are made when they are read.
    """

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str = "", spans: Iterable[tuple[int, int]] = ()) -> None:
        self._text = text
        self._starts = array("q")
        self._ends = array("q")
        for start, end in spans:
            self.append(start, end)

    def append(self, start: int, end: int) -> None:
        self._starts.append(start)
        self._ends.append(end)

    def spans(self) -> Iterator[tuple[int, int]]:
        return zip(self._starts, self._ends, strict=True)

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        start, end = self._starts[index], self._ends[index]
        return Token(start, end, self._text[start:end])

    def __iter__(self) -> Iterator[Token]:
        text = self._text
        for start, end in zip(self._starts, self._ends, strict=True):
            yield Token(start, end, text[start:end])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TokenList):
            return (
                self._starts == other._starts
                and self._ends == other._ends
                and all(a.text == b.text for a, b in zip(self, other, strict=True))
            )
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        shown = ", ".join(repr(t) for t in self[:3])
        more = f", ... ({len(self)} tokens)" if len(self) > 3 else ""
        return f"TokenList([{shown}{more}])"


@dataclass(frozen=True)
class Entity:
    """A named entity. ``value`` is the ISO 8601 value of a DATE, else ``None`` (and then
    left out of :meth:`to_dict`)."""

    start: int
    end: int
    label: str
    text: str
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
        }
        if self.value is not None:
            d["value"] = self.value
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(int(d["start"]), int(d["end"]), d["label"], d["text"], d.get("value"))


@dataclass(frozen=True)
class Participant:
    """A person named as attending, speaking or elected, with the title as it stands."""

    name: str
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title}


def _evidence_dict(evidence: list[Span]) -> list[dict[str, int]]:
    return [s.to_dict() for s in evidence]


def _evidence_from(d: dict[str, Any]) -> list[Span]:
    return [Span(int(e["start"]), int(e["end"])) for e in d.get("evidence") or []]


@dataclass
class ConferenceEvent:
    """A meeting that took place (hội nghị, đại hội, tọa đàm ...)."""

    type: ClassVar[Literal["conference"]] = "conference"
    name: str | None = None
    date: str | None = None
    location: str | None = None
    organizer: str | None = None
    participants: list[Participant] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "name": self.name,
            "date": self.date,
            "location": self.location,
            "organizer": self.organizer,
            "participants": [p.to_dict() for p in self.participants],
            "evidence": _evidence_dict(self.evidence),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ConferenceEvent:
        return cls(
            name=d.get("name"),
            date=d.get("date"),
            location=d.get("location"),
            organizer=d.get("organizer"),
            participants=[
                Participant(p["name"], p.get("title")) for p in d.get("participants") or []
            ],
            evidence=_evidence_from(d),
        )


@dataclass
class CampaignEvent:
    """An emulation movement or campaign launched or directed by an organization."""

    type: ClassVar[Literal["campaign"]] = "campaign"
    name: str | None = None
    organizer: str | None = None
    date: str | None = None
    movements: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "name": self.name,
            "organizer": self.organizer,
            "date": self.date,
            "movements": list(self.movements),
            "evidence": _evidence_dict(self.evidence),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CampaignEvent:
        return cls(
            name=d.get("name"),
            organizer=d.get("organizer"),
            date=d.get("date"),
            movements=list(d.get("movements") or []),
            evidence=_evidence_from(d),
        )


@dataclass
class AwardEvent:
    """One awarding act: one issuer, one award kind, one occasion."""

    type: ClassVar[Literal["award"]] = "award"
    issuer: str | None = None
    award: str | None = None
    collectives: int = 0
    individuals: int = 0
    recipients: list[str] = field(default_factory=list)
    date: str | None = None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "issuer": self.issuer,
            "award": self.award,
            "collectives": self.collectives,
            "individuals": self.individuals,
            "recipients": list(self.recipients),
            "date": self.date,
            "evidence": _evidence_dict(self.evidence),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AwardEvent:
        return cls(
            issuer=d.get("issuer"),
            award=d.get("award"),
            collectives=int(d.get("collectives") or 0),
            individuals=int(d.get("individuals") or 0),
            recipients=list(d.get("recipients") or []),
            date=d.get("date"),
            evidence=_evidence_from(d),
        )


Event = ConferenceEvent | CampaignEvent | AwardEvent
EVENT_CLASSES: dict[str, type[ConferenceEvent] | type[CampaignEvent] | type[AwardEvent]] = {
    "conference": ConferenceEvent,
    "campaign": CampaignEvent,
    "award": AwardEvent,
}


def event_from_dict(d: dict[str, Any]) -> Event:
    try:
        cls = EVENT_CLASSES[d["type"]]
    except KeyError:
        raise ValueError(
            f"unknown event type {d.get('type')!r}; expected one of {sorted(EVENT_CLASSES)}"
        ) from None
    return cls.from_dict(d)


@dataclass
class Article:
    """The analysis of one article.

    ``entities``, ``events`` and ``type`` are filled by the pipeline's components; the text
    layer fills the rest. ``sentences`` and ``tokens`` cover the body only.
    ``user_label`` and ``user_label_scores`` are filled only by a retrained classifier with
    labels of its own (``type`` then stays the bundled model's, which the events layer reads).
    """

    text: str
    id: str | None = None
    title: str | None = None
    published: dt.date | None = None
    body_start: int = 0
    body_end: int = 0
    type: str | None = None
    type_scores: dict[str, float] = field(default_factory=dict)
    user_label: str | None = None
    user_label_scores: dict[str, float] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    tokens: Sequence[Token] = field(default_factory=list)
    # What the text layer saw: "vi", "vi-no-diacritics", "other" or "unknown" (too short
    # to tell); the models only read "vi" and "unknown" texts. ``warnings`` says in words
    # why a component did less than usual.
    language: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Working state shared by components: the normalized text and its offset map, and the
    # sentences and tokens in normalized offsets. Not serialized.
    normalized: NormalizedText | None = field(default=None, repr=False, compare=False)
    norm_sentences: list[Span] = field(default_factory=list, repr=False, compare=False)
    norm_tokens: Sequence[Token] = field(default_factory=list, repr=False, compare=False)
    norm_body: Span = field(default=Span(0, 0), repr=False, compare=False)
    norm_title: Span | None = field(default=None, repr=False, compare=False)
    norm_entities: list[Entity] = field(default_factory=list, repr=False, compare=False)

    @property
    def body(self) -> str:
        return self.text[self.body_start : self.body_end]

    @property
    def readable(self) -> bool:
        """False for text the models cannot read (not Vietnamese, or without diacritics)."""
        return self.language not in ("other", "vi-no-diacritics")

    @property
    def words(self) -> int:
        """Number of word tokens in the body."""
        return len(self.tokens)

    def ents_by_label(self, label: str) -> list[Entity]:
        return [e for e in self.entities if e.label == label]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; the keys are stable across versions."""
        return {
            "id": self.id,
            "type": self.type,
            "type_scores": dict(self.type_scores),
            "user_label": self.user_label,
            "user_label_scores": dict(self.user_label_scores),
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "body_start": self.body_start,
            "body_end": self.body_end,
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "language": self.language,
            "warnings": list(self.warnings),
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str | None = None) -> Article:
        """Rebuild an Article from :meth:`to_dict` output (``text`` if it is not in ``d``)."""
        body_text = d.get("text") if text is None else text
        published = d.get("published")
        return cls(
            text=body_text or "",
            id=d.get("id"),
            title=d.get("title"),
            published=dt.date.fromisoformat(published) if published else None,
            body_start=int(d.get("body_start") or 0),
            body_end=int(d.get("body_end") or 0),
            type=d.get("type"),
            type_scores=dict(d.get("type_scores") or {}),
            user_label=d.get("user_label"),
            user_label_scores=dict(d.get("user_label_scores") or {}),
            entities=[Entity.from_dict(e) for e in d.get("entities") or []],
            events=[event_from_dict(e) for e in d.get("events") or []],
            language=d.get("language"),
            warnings=list(d.get("warnings") or []),
        )
