"""Conference events: a meeting that took place (hội nghị, đại hội, tọa đàm ...)."""

from __future__ import annotations

import re

from vn_union_nlp.events.context import EventContext, Sentence, is_day_value
from vn_union_nlp.events.cues import location_after_tai, person_title, subject_org
from vn_union_nlp.ner.lexicon import FAMOUS_PEOPLE
from vn_union_nlp.types import ConferenceEvent, Participant

MEETING_RE = re.compile(r"\b(?:hội nghị|đại hội|tọa đàm|hội thảo|diễn đàn)\b", re.I)
_ACT_RE = re.compile(r"\b(?:tổ chức|khai mạc|diễn ra|họp|bế mạc|long trọng)\b", re.I)
# where a meeting's name stops inside a sentence
_NAME_STOP_RE = re.compile(
    r"[;:!?(]|\.(?!\S)|\s+(?:tại|nhằm|để|dưới|do|có sự|cho|vào|thu hút|nhân dịp)\s"
    r"|,\s+(?:tại|với|nhằm|đánh giá|thu hút|có|và)\s"
)
# "Hội nghị đã thống nhất ...": the meeting word as a subject, not a name
_VERB_AFTER_RE = re.compile(
    r"\s+(?:đã|đề|được|diễn|thống|kết|bầu|cũng|là|có|sẽ|đánh|thông|nhất|biểu|ghi|tiến hành)\b", re.I
)
_VENUE_BEFORE_RE = re.compile(r"(?:Trung tâm|Hội trường|Nhà|Phòng|trung tâm|hội trường)\s+$")
# people named in these sentences take part in the meeting
_ATTEND_RE = re.compile(
    r"\b(?:dự|tham dự|đến dự|tới dự|phát biểu|chủ trì|chỉ đạo|bầu|trúng cử|đắc cử|khai mạc|báo cáo|"
    r"tham luận|trình bày|điều hành|kết luận|nhấn mạnh|cho biết|đề nghị|ghi nhận|chia sẻ|thay mặt)\b",
    re.I,
)
_AWARD_TO_RE = re.compile(
    r"\b(?:trao|tặng|khen thưởng|tuyên dương|biểu dương|vinh danh)\b.*\bcho\b", re.I
)
_FAMOUS = frozenset(FAMOUS_PEOPLE)


def _name(ctx: EventContext, lead: list[Sentence]) -> tuple[str | None, Sentence | None]:
    title = ctx.title
    if title is not None and MEETING_RE.match(title.text):
        return ctx.original(title.start, title.end).strip(), title
    # a capitalised meeting name first, then one after "tổ chức" in lower case
    for capitalised in (True, False):
        for s in lead:
            for m in MEETING_RE.finditer(s.text):
                if m.group()[0].isupper() != capitalised:
                    continue
                start = s.start + m.start()
                if not capitalised and not re.search(r"tổ chức\s+$", ctx.text[s.start : start]):
                    continue
                if _VENUE_BEFORE_RE.search(ctx.text[max(s.start, start - 12) : start]):
                    continue  # "Trung tâm Hội nghị tỉnh" is a building
                if _VERB_AFTER_RE.match(ctx.text, start + len(m.group())):
                    continue
                if any(e.start < start < e.end for e in s.entities):
                    continue
                stop = _NAME_STOP_RE.search(ctx.text, start + len(m.group()), s.end)
                end = stop.start() if stop else s.end
                name = ctx.text[start:end].rstrip(" ,")
                if len(name.split()) >= 3:
                    return ctx.original(start, start + len(name)), s
    return None, None


def _trigger(ctx: EventContext) -> Sentence | None:
    """The sentence that reports the meeting: who held it, when, where."""
    for s in ctx.lead(4):
        if MEETING_RE.search(s.text) and (_ACT_RE.search(s.text) or s.ents("DATE")):
            return s
    for s in ctx.lead(4):
        if MEETING_RE.search(s.text):
            return s
    return ctx.body[0] if ctx.body else None


def _participants(ctx: EventContext) -> list[Participant]:
    seen: dict[str, Participant] = {}
    tails: set[str] = set()  # the last words of every name seen: "Dũng", "Văn Dũng"
    last = ctx.body[-1] if ctx.body else None
    for s in ctx.body:
        pers = s.ents("PER")
        if not pers:
            continue
        byline = s is last and len(s.text.split()) <= 8
        if byline:
            continue
        attends = bool(_ATTEND_RE.search(s.text))
        award_to = _AWARD_TO_RE.search(s.text)
        for p in pers:
            name = ctx.original(p.start, p.end)
            if name in tails:
                continue  # "anh Dũng" for "Vi Văn Dũng" named before
            if p.text in _FAMOUS or name in seen:
                if name in seen and seen[name].title is None:
                    seen[name] = Participant(name, person_title(ctx, s, p))
                continue
            if award_to and p.start > s.start + award_to.end():
                continue  # a recipient, named after "trao ... cho"
            title = person_title(ctx, s, p)
            if attends or title:
                seen[name] = Participant(name, title)
                words = name.split()
                tails.update(" ".join(words[i:]) for i in range(1, len(words)))
    return list(seen.values())


_DAY_JOIN_RE = re.compile(r"\s*(?:,|và|đến|tới|-|–)\s*(?:ngày\s+)?$")


_IN_MEETING_NAME_RE = re.compile(
    r"(?:Đại hội|Hội nghị|đại hội|hội nghị)(?:\s+(?:đại biểu|thành lập|lần thứ \w+))?\s*$"
)


def _meeting_date(ctx: EventContext, sentence: Sentence) -> str | None:
    """The first calendar day of a sentence; a meeting over two or more days named one
    after the other ("ngày 15 và 16 tháng 6", "từ ngày 10 đến 12/4") is their interval."""
    days = [e for e in sentence.ents("DATE") if is_day_value(e.value)]
    if not days:
        return None
    first = days[0]
    last = first
    for e in days[1:]:
        if not _DAY_JOIN_RE.fullmatch(ctx.text[last.end : e.start]) or "/" in (e.value or ""):
            break
        last = e
    if last is first or "/" in (first.value or "") or (last.value or "") <= (first.value or ""):
        return first.value
    return f"{first.value}/{last.value}"


def extract_conference(ctx: EventContext) -> ConferenceEvent | None:
    trigger = _trigger(ctx)
    if trigger is None:
        return None
    lead = ctx.lead(4)
    name, name_sentence = _name(ctx, [trigger, *[s for s in lead if s is not trigger]])
    date = _meeting_date(ctx, trigger)
    if date is None:
        date = ctx.first_day_date(lead)
    organizer = None
    act = _ACT_RE.search(trigger.text)
    verb_pos = trigger.start + act.start() if act else trigger.end
    org = subject_org(ctx, trigger, verb_pos)
    if org is not None and not _IN_MEETING_NAME_RE.search(
        ctx.text, max(trigger.start, org.start - 30), org.start
    ):
        # "Đại hội Công đoàn tỉnh X ... được tổ chức": the union in the congress's name is
        # not said to organize it
        organizer = ctx.original(org.start, org.end)
    evidence = [trigger] if name_sentence in (None, trigger) else [name_sentence, trigger]
    return ConferenceEvent(
        name=name,
        date=date,
        location=location_after_tai(ctx, trigger),
        organizer=organizer,
        participants=_participants(ctx),
        evidence=ctx.evidence(*evidence),
    )
