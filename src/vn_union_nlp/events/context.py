"""What every event extractor reads: the article's sentences with their entities.

Extractors work on the normalized text (one spelling of every word, straight quotes) and
return strings sliced from the caller's *original* text, because the guidelines want names
and organizations "as they stand in the text".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from vn_union_nlp.text.published import PUBLICATION_LINE_RE
from vn_union_nlp.types import Article, Entity, Span

_DAY_VALUE_RE = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}(?:/(?:\d{4}|XXXX)-\d{2}-\d{2})?$")
_QUOTE_RE = re.compile(r'"([^"\n]{2,400})"')


@dataclass
class Sentence:
    index: int
    start: int  # normalized offsets
    end: int
    text: str  # normalized
    entities: list[Entity] = field(default_factory=list)  # normalized offsets

    @property
    def lower(self) -> str:
        return self.text.lower()

    def ents(self, label: str) -> list[Entity]:
        return [e for e in self.entities if e.label == label]

    def quotes(self) -> list[tuple[int, int]]:
        """Spans (normalized, absolute) of quoted strings, without the quotes."""
        return [
            (self.start + m.start(1), self.start + m.end(1)) for m in _QUOTE_RE.finditer(self.text)
        ]


# An interval of days longer than this is an anniversary's span ("28/7/1929 - 28/7/2019"),
# not the days of a meeting.
_MAX_MEETING_DAYS = 62


def is_day_value(value: str | None) -> bool:
    """True for a calendar day, or an interval of a few days: the precision of a meeting
    date."""
    if not value or not _DAY_VALUE_RE.match(value):
        return False
    if "/" not in value:
        return True
    first, last = value.split("/")
    if "XXXX" in value:
        return first[:4] == last[:4] or "XXXX" in (first[:4], last[:4])
    try:
        days = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
    except ValueError:
        return False
    return 0 <= days <= _MAX_MEETING_DAYS


class EventContext:
    """Sentences, entities and offset mapping of one analyzed article."""

    def __init__(self, article: Article):
        self.article = article
        norm = article.normalized
        if norm is None:
            raise ValueError("the text layer must run before the events layer")
        self.norm = norm
        self.text = norm.text
        ents = sorted(article.norm_entities, key=lambda e: e.start)
        self.sentences: list[Sentence] = []
        k = 0
        for i, s in enumerate(article.norm_sentences):
            while k < len(ents) and ents[k].end <= s.start:
                k += 1
            j = k
            inside = []
            while j < len(ents) and ents[j].start < s.end:
                inside.append(ents[j])
                j += 1
            self.sentences.append(Sentence(i, s.start, s.end, self.text[s.start : s.end], inside))
        # The headline, when the page has one; an excerpt that starts with its lead has none,
        # and its first sentence is the one that says who did what and when.
        title = article.norm_title
        self.title = next(
            (s for s in self.sentences if title is not None and s.start == title.start), None
        )
        self.body = [
            s for s in self.sentences if s is not self.title and not self.is_publication_line(s)
        ]

    @staticmethod
    def is_publication_line(sentence: Sentence) -> bool:
        return bool(PUBLICATION_LINE_RE.match(sentence.text))

    def original(self, start: int, end: int) -> str:
        """The caller's text for a normalized span."""
        a, b = self.norm.to_original_span(start, end)
        return self.article.text[a:b]

    def evidence(self, *sentences: Sentence) -> list[Span]:
        spans = []
        for s in sentences:
            a, b = self.norm.to_original_span(s.start, s.end)
            spans.append(Span(a, b))
        return spans

    def lead(self, count: int = 3) -> list[Sentence]:
        """The first body sentences, where news puts who did what, when and where."""
        return self.body[:count]

    def first_day_date(self, sentences: list[Sentence]) -> str | None:
        for s in sentences:
            for e in s.ents("DATE"):
                if is_day_value(e.value):
                    return e.value
        return None
