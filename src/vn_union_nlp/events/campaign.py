"""Campaign events: an organization launches an emulation movement (phát động thi đua)."""

from __future__ import annotations

import re

from vn_union_nlp.events.context import EventContext, Sentence, is_day_value
from vn_union_nlp.events.cues import subject_org
from vn_union_nlp.types import CampaignEvent

# The act of a campaign: a launch, or the rolling out of a programme, contest or plan, an
# appeal to members.
LAUNCH_RE = re.compile(r"\bphát động\b", re.I)
# Read only when no sentence reports a launch ("phát động").
OTHER_LAUNCH_RE = re.compile(
    r"\bkêu gọi\b|\bban hành\s+kế hoạch"
    r"|\b(?:triển khai|khởi động|tổ chức)\s+(?:chương trình|cuộc thi|phong trào|đợt thi đua)\b",
    re.I,
)
# "sẽ phát động", "dự kiến phát động": a planned launch is no event
_PLANNED_RE = re.compile(r"\b(?:sẽ|dự kiến|chuẩn bị|kế hoạch sẽ|dự định)\s+(?:\w+\s+){0,3}$", re.I)
_FUTURE_RE = re.compile(r"\b(?:sẽ|dự kiến|chuẩn bị|thời gian tới|năm tới)\b", re.I)
# "do Tổng LĐLĐ phát động": someone else's campaign, referred to
_OTHERS_RE = re.compile(r"\bdo\b[^,;.]{0,120}$", re.I)
_MOVEMENT_CUE_RE = re.compile(
    r"(?:phong trào(?: thi đua)?(?: đặc biệt)?|cuộc vận động|chương trình|cuộc thi|đợt thi đua)"
    r"\s*:?\s*$",
    re.I,
)
_THEME_CUE_RE = re.compile(r"(?:chủ đề|khẩu hiệu|với nội dung)\s*:?\s*$", re.I)


def _launch_in(ctx: EventContext, s: Sentence, regex: re.Pattern[str] = LAUNCH_RE) -> int | None:
    """Offset of the first own, reported launch act of a sentence."""
    for m in regex.finditer(s.text):
        before = s.text[: m.start()]
        if _PLANNED_RE.search(before) or _OTHERS_RE.search(before):
            continue
        if regex is OTHER_LAUNCH_RE and _FUTURE_RE.search(before):
            continue  # "năm học mới sẽ tập trung ..., triển khai phong trào ...": plans
        return s.start + m.start()
    return None


def _theme(ctx: EventContext, s: Sentence, after: int) -> tuple[int, int] | None:
    quotes = [q for q in s.quotes() if q[0] >= after]
    for q in quotes:
        if _THEME_CUE_RE.search(ctx.text[max(s.start, q[0] - 20) : q[0] - 1]):
            return q
    return quotes[0] if quotes else None


def extract_campaign(ctx: EventContext) -> CampaignEvent | None:
    candidates = ctx.body[:12] + ([ctx.title] if ctx.title else [])
    launches = [(s, pos) for s in candidates if (pos := _launch_in(ctx, s)) is not None]
    if not launches:
        launches = [
            (s, pos) for s in candidates if (pos := _launch_in(ctx, s, OTHER_LAUNCH_RE)) is not None
        ]
    if not launches:
        return None
    organizer = None
    for s, pos in launches:  # the body sentence that reports the act first, then the title
        org = subject_org(ctx, s, pos)
        if org is not None:
            organizer = ctx.original(org.start, org.end)
            break
    name_span = None
    for s, pos in launches:
        name_span = _theme(ctx, s, pos)
        if name_span:
            break
    if name_span is None and ctx.title is not None:
        # the headline names what is launched: "... phong trào thi đua “Công nhân ...”"
        for q in ctx.title.quotes():
            if _MOVEMENT_CUE_RE.search(ctx.text[max(ctx.title.start, q[0] - 40) : q[0] - 1]):
                name_span = q
                break
    if name_span is None:
        # "Phong trào năm nay có chủ đề "..."": the theme stated in a sentence of its own
        for s in ctx.body[:8]:
            for q in s.quotes():
                if _THEME_CUE_RE.search(ctx.text[max(s.start, q[0] - 20) : q[0] - 1]):
                    name_span = q
                    break
            if name_span:
                break
    date = None
    body_launches = [s for s, _ in launches if s is not ctx.title]
    for s in body_launches:
        date = next((e.value for e in s.ents("DATE") if is_day_value(e.value)), None)
        if date:
            break
    if date is None:
        # the period of the campaign: a DATE after the launch verb ("phát động ... năm 2022"),
        # before it only when none follows ("năm 2021" before it is usually a past result)
        for s, pos in launches:
            dates = s.ents("DATE")
            after = [e.value for e in dates if e.start >= pos]
            date = (after or [e.value for e in dates] or [None])[0]
            if date:
                break
    movements: list[str] = []
    name = ctx.original(*name_span).strip() if name_span else None
    for s in ctx.body:
        for q in s.quotes():
            if not _MOVEMENT_CUE_RE.search(ctx.text[max(s.start, q[0] - 30) : q[0] - 1]):
                continue
            movement = ctx.original(*q).strip()
            if movement and movement != name and movement not in movements:
                movements.append(movement)
    evidence = [s for s, _ in launches[:2]]
    return CampaignEvent(
        name=name,
        organizer=organizer,
        date=date,
        movements=movements,
        evidence=ctx.evidence(*evidence),
    )
