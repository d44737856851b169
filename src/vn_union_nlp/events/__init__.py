"""Event extraction: conference, campaign and award events with their slots.

Extraction reads the entities and the sentence structure (who is the subject of "tổ
chức", "phát động", "tặng"; which DATE stands in that sentence; what is quoted after
"chủ đề"), never phrases of particular articles. The article type decides which event
kinds are looked for, so type and events agree:

- ``conference_report``: a conference event, plus any campaign launched at it and any
  awards handed out (dated with the meeting);
- ``campaign_launch``: a campaign event, plus awards;
- ``award_ceremony``: award events (no conference event, even for a "gặp mặt");
- ``other``: only award totals reported for a period.
"""

from __future__ import annotations

from vn_union_nlp.events.award import extract_awards
from vn_union_nlp.events.campaign import extract_campaign
from vn_union_nlp.events.conference import extract_conference
from vn_union_nlp.events.context import EventContext
from vn_union_nlp.text.normalize import unquote
from vn_union_nlp.types import (
    Article,
    AwardEvent,
    CampaignEvent,
    ConferenceEvent,
    Event,
    Participant,
)

__all__ = ["EventsComponent", "extract_events"]


def extract_events(article: Article) -> list[Event]:
    """Events of an article processed by the text, entity and type layers."""
    if article.normalized is None or not article.norm_sentences or not article.readable:
        return []
    ctx = EventContext(article)
    events: list[Event] = []
    kind = article.type
    occasion = None
    if kind == "conference_report":
        conference = extract_conference(ctx)
        if conference is not None:
            events.append(conference)
            occasion = conference.date
    if kind in ("campaign_launch", "conference_report"):
        campaign = extract_campaign(ctx)
        if campaign is not None and (kind == "campaign_launch" or campaign.name):
            if kind == "conference_report" and occasion:
                campaign.date = occasion  # launched at the meeting: the meeting's date
            events.append(campaign)
            occasion = occasion or campaign.date
    if occasion is None:
        occasion = ctx.first_day_date(ctx.lead(3))
    awards = extract_awards(ctx, occasion, ceremony=kind == "award_ceremony")
    if kind == "other":
        # welfare and results news: only totals reported for a period are award events
        awards = [a for a in awards if (a.date and "/" in a.date) or a.collectives + a.individuals]
    events.extend(awards)
    return [_without_quotes(event) for event in events]


def _unquote(value: str | None) -> str | None:
    return (unquote(value) or None) if value is not None else None


def _without_quotes(event: Event) -> Event:
    """Event strings carry no quotation marks (the guidelines' names are the words)."""
    for key in ("name", "location", "organizer", "issuer", "award"):
        if hasattr(event, key):
            setattr(event, key, _unquote(getattr(event, key)))
    if isinstance(event, CampaignEvent):
        event.movements = [m for m in map(_unquote, event.movements) if m]
    if isinstance(event, AwardEvent):
        event.recipients = [r for r in map(_unquote, event.recipients) if r]
    if isinstance(event, ConferenceEvent):
        event.participants = [Participant(p.name, _unquote(p.title)) for p in event.participants]
    return event


class EventsComponent:
    """Pipeline component: fills ``article.events``."""

    name = "events"

    def __call__(self, article: Article) -> Article:
        article.events = extract_events(article)
        return article
