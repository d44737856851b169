"""The entity component: rules and model combined, in this documented order.

1. DATE comes from the rule-based date module (:mod:`vn_union_nlp.ner.dates`), which
   also computes ISO values; it is exact on this genre's date forms, so it wins every
   overlap.
2. PER, ORG and LOC come from the CRF tagger over fine tokens, with lexicon and gazetteer
   features (:mod:`vn_union_nlp.ner.features`).
3. Clean-up rules that the guidelines state outright: titles and honorifics are never part
   of a PER; a lower-case level word (``huyện``) is never part of a LOC; spans do not start
   or end with punctuation; then the repairs of :mod:`vn_union_nlp.ner.repair` for what
   real portal text does to the tagger (a title, an ORG and a name run together, national
   bodies, generic mentions, venues, glued words).
4. Document consistency: a surface the article tags once is tagged at its other
   occurrences in the body too (the guidelines require every occurrence), unless that
   occurrence lies inside another entity.

Everything runs on the normalized body; spans are mapped back to the caller's string at
the end. Entities in boilerplate are never reported because only the body is read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vn_union_nlp.ner.dates import find_dates
from vn_union_nlp.ner.features import fine_tokens, sentence_features
from vn_union_nlp.ner.lexicon import FAMOUS_PEOPLE, HONORIFICS, LEVEL_WORDS, TITLES
from vn_union_nlp.ner.model import EntityTagger, bio_to_spans, load_tagger
from vn_union_nlp.ner.repair import repair
from vn_union_nlp.types import Article, Entity


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    label: str
    value: str | None = None


_PER_PREFIXES = sorted({w for w in (*HONORIFICS, *TITLES)}, key=len, reverse=True)
_PER_PREFIX_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(w) for w in _PER_PREFIXES) + r")\s+)+", re.IGNORECASE
)
_LEVEL_PREFIX_RE = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in sorted(LEVEL_WORDS, key=len, reverse=True)) + r")\s+"
)
_EDGE_PUNCT = " \t,;:.-–—\"'()"
_FAMOUS = frozenset(FAMOUS_PEOPLE)
_PLACE_BEFORE_RE = re.compile(r"(?:TP\.?|[Tt]hành phố|quận|huyện|phường|xã|tỉnh)\s*$")
# "Ban Chấp hành Công đoàn các cấp", "LĐLĐ các huyện": generic plurals are not ORG
_GENERIC_AFTER_RE = re.compile(r"\s+các\s+(?:cấp|huyện|tỉnh|xã|đơn vị|ngành)\b")
_GENERIC_INSIDE_RE = re.compile(
    r"\s+các\s+(?:cấp|huyện|tỉnh|xã|phường|quận|thị xã|thành phố|đơn vị|ngành)(?:\s+|$)"
)


def _clean(text: str, span: _Span) -> _Span | None:
    start, end = span.start, span.end
    piece = text[start:end]
    if span.label == "PER":
        m = _PER_PREFIX_RE.match(piece)
        # strip only lower-case honorifics/titles; a capitalised "Bà Rịa" is a name
        if m and piece[0].islower():
            start += m.end()
    elif span.label == "LOC":
        m = _LEVEL_PREFIX_RE.match(piece)
        if m:
            start += m.end()
    while start < end and text[start] in _EDGE_PUNCT and text[start] != "(":
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        # keep a closing bracket that closes one opened inside the span: "Liên đoàn (LĐLĐ)"
        if text[end - 1] == ")" and "(" in text[start : end - 1]:
            break
        end -= 1
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    if span.label == "ORG" and _GENERIC_AFTER_RE.match(text, end):
        return None
    if span.label == "ORG":
        generic = _GENERIC_INSIDE_RE.search(text, start, end)
        if generic:
            # "LĐLĐ các huyện Ba Bể": a generic plural; the place name after it is a LOC
            rest = generic.end()
            if rest < end and text[rest].isupper():
                return _Span(rest, end, "LOC")
            return None
    if (
        span.label == "LOC"
        and text[start:end] in _FAMOUS
        and not _PLACE_BEFORE_RE.search(text, max(0, start - 12), start)
    ):
        # "phong cách Hồ Chí Minh" is the President; the city is "TP Hồ Chí Minh"
        return _Span(start, end, "PER")
    return _Span(start, end, span.label, span.value)


# Companies and schools named after a day ("Công ty CP Dệt may 29/3", "Trường THCS 2/9"):
# a bare day/month right after such a name belongs to the name, not to a DATE.
_DATE_NAMED_HEAD_RE = re.compile(
    r"(?:Tổng công ty|Công ty|Trường|Nhà máy|Xí nghiệp|Hợp tác xã|HTX|Bệnh viện|Trung tâm)"
    r"(?P<name>(?:[ \t]+[\w.&-]+){0,6})[ \t]+$"
)
_YEAR_IN_RE = re.compile(r"\d{4}")


def _named_after_day(text: str, date: _Span, lo: int) -> int | None:
    """Start of the organization name that a bare day/month ends, or None."""
    surface = text[date.start : date.end]
    if not surface[:1].isdigit() or _YEAR_IN_RE.search(surface):
        return None
    m = _DATE_NAMED_HEAD_RE.search(text, max(lo, date.start - 80), date.start)
    if m is None or m.end() != date.start or re.search(r"[,;:()]", m.group()):
        return None
    words = m.group("name").split()
    # a name: capitalised words, two lower-case ones at most ("Cổ phần Dệt may"); not
    # "Công ty tổ chức hội nghị 29/3", the company doing something on a day
    if words and not words[0][0].isupper():
        return None
    if sum(not w[0].isupper() and not w[0].isdigit() for w in words) > 2:
        return None
    return m.start()


def _overlaps(a: _Span, b: _Span) -> bool:
    return a.start < b.end and b.start < a.end


def _word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _propagate(text: str, spans: list[_Span], lo: int, hi: int) -> list[_Span]:
    """Tag the other occurrences of every surface tagged once (first label wins)."""
    surfaces: dict[str, str] = {}
    for s in spans:
        if s.label != "DATE":
            surfaces.setdefault(text[s.start : s.end], s.label)
    # the union of taken spans as sorted disjoint intervals: one bisect per overlap test,
    # so long articles with many repeated names stay fast
    taken: list[tuple[int, int]] = []
    for start, end in sorted((s.start, s.end) for s in spans):
        if taken and start < taken[-1][1]:
            taken[-1] = (taken[-1][0], max(end, taken[-1][1]))
        else:
            taken.append((start, end))

    def free(start: int, end: int) -> bool:
        i = bisect.bisect_left(taken, (end,))  # intervals that start before ``end``
        return i == 0 or taken[i - 1][1] <= start

    added: list[_Span] = []
    wanted = [kv for kv in sorted(surfaces.items(), key=lambda kv: -len(kv[0])) if len(kv[0]) >= 2]
    found = _occurrences(text, [surface for surface, _ in wanted], lo, hi)
    for surface, label in wanted:
        next_from = lo
        for pos in found[surface]:
            if pos < next_from:
                continue  # overlapping repeats of one surface: the first counts
            end = pos + len(surface)
            next_from = end
            if _word_boundary(text, pos, end) and free(pos, end):
                added.append(_Span(pos, end, label))
                bisect.insort(taken, (pos, end))
    return spans + added


# A word start: a run of letters or digits not preceded by one.
_WORD_START_RE = re.compile(r"(?<![^\W_])[^\W_]+")


def _occurrences(text: str, surfaces: list[str], lo: int, hi: int) -> dict[str, list[int]]:
    """Where each surface starts at a word start of ``text[lo:hi]``, in order.

    One scan of the text, looking surfaces up by their first word, instead of one search
    of the whole text per surface: a document of millions of characters names thousands of
    people and places.
    """
    found: dict[str, list[int]] = {surface: [] for surface in surfaces}
    by_first: dict[str, list[str]] = {}
    for surface in surfaces:
        m = _WORD_START_RE.match(surface)
        if m is None:  # a surface that opens with a bracket: searched the plain way
            pos = text.find(surface, lo, hi)
            while pos >= 0:
                found[surface].append(pos)
                pos = text.find(surface, pos + 1, hi)
        else:
            by_first.setdefault(m.group(), []).append(surface)
    for m in _WORD_START_RE.finditer(text, lo, hi):
        for surface in by_first.get(m.group(), ()):
            pos = m.start()
            if pos + len(surface) <= hi and text.startswith(surface, pos):
                found[surface].append(pos)
    return found


def recognize(article: Article, tagger: EntityTagger) -> list[Entity]:
    """Find the entities of an article already processed by the text layer.

    Also sets ``article.norm_entities``: the same entities in normalized offsets, which the
    events layer reads.
    """
    norm = article.normalized
    if norm is None:
        raise ValueError("the text layer must run before the entity recognizer")
    text = norm.text
    lo, hi = article.norm_body.start, article.norm_body.end
    sentences = [(s.start, s.end) for s in article.norm_sentences]

    dates = [
        _Span(d.start, d.end, "DATE", d.value)
        for d in find_dates(text[:hi], article.published, sentences=sentences)
        if d.start >= lo and d.end <= hi
    ]
    # names that end in a day ("Công ty ... 29/3"): the ORG over the whole name
    named: list[_Span] = []
    for d in dates:
        head = _named_after_day(text, d, lo)
        if head is not None:
            named.append(_Span(head, d.end, "ORG"))
    if named:
        dates = [d for d in dates if not any(n.end == d.end for n in named)]
    model_spans: list[_Span] = list(named)
    # DATEs are disjoint and in text order: one bisect tells whether a span overlaps one
    date_starts = [d.start for d in dates]

    def overlaps_date(span: _Span) -> bool:
        i = bisect.bisect_left(date_starts, span.end)
        return i > 0 and dates[i - 1].end > span.start

    for start, end in sentences:
        toks = fine_tokens(text, start, end)
        if not toks:
            continue
        tags = tagger.tag(sentence_features(toks))
        for s, e, label in bio_to_spans(toks, tags):
            cleaned = _clean(text, _Span(s, e, label))
            if cleaned is None or overlaps_date(cleaned):
                continue
            n = next((n for n in named if _overlaps(cleaned, n)), None)
            if n is not None:
                # the model's ORG may stop before the day or run past it into a place name
                if cleaned.label != "ORG":
                    continue
                model_spans.remove(n)
                named.remove(n)
                cleaned = _Span(min(n.start, cleaned.start), max(n.end, cleaned.end), "ORG")
                named.append(cleaned)
            model_spans.append(cleaned)

    repaired = repair(text, [(s.start, s.end, s.label) for s in model_spans], lo, hi)
    model_spans = [span for span in (_Span(*s) for s in repaired) if not overlaps_date(span)]
    spans = _propagate(text, dates + model_spans, lo, hi)
    spans.sort(key=lambda s: (s.start, -s.end))
    entities: list[Entity] = []
    norm_entities: list[Entity] = []
    last_end = -1
    for s in spans:
        if s.start < last_end:
            continue  # flat annotation: the earlier (longer) span wins
        start, end = norm.to_original_span(s.start, s.end)
        entities.append(Entity(start, end, s.label, article.text[start:end], s.value))
        norm_entities.append(Entity(s.start, s.end, s.label, text[s.start : s.end], s.value))
        last_end = s.end
    article.norm_entities = norm_entities
    return entities


class NerComponent:
    """Pipeline component: fills ``article.entities``."""

    name = "ner"

    def __init__(self, path: str | None = None):
        self.tagger = load_tagger(str(path) if path else None)

    def __call__(self, article: Article) -> Article:
        if article.readable:  # no entities invented in text the model cannot read
            article.entities = recognize(article, self.tagger)
        return article
