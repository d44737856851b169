"""One self-contained HTML page per article, to look at what the pipeline found.

:func:`render_html` draws the article text with its entities highlighted in the style of
spaCy's displaCy (a coloured ``<mark>`` per entity, its label after the span), web
boilerplate outside the body dimmed, a legend, the article type with its scores and a
table of events. The page has inline CSS only: no scripts, fonts, images or links, so it
opens offline and can be mailed or attached to an issue as it is.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any

from vn_union_nlp.types import LABELS, Article, Entity

# displaCy's colours for the matching spaCy labels (PERSON, ORG, GPE, DATE).
LABEL_COLOURS: dict[str, str] = {
    "PER": "#aa9cfc",
    "ORG": "#7aecec",
    "LOC": "#feca74",
    "DATE": "#bfe1d9",
}
DEFAULT_COLOUR = "#ddd"
LABEL_NAMES: dict[str, str] = {
    "PER": "person",
    "ORG": "organization",
    "LOC": "place",
    "DATE": "date (hover for its ISO value)",
}
_EVIDENCE_CHARS = 160

_CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: 0.3rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.meta { color: #555; margin: 0.2rem 0; }
.meta b { color: #222; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
table.scores td.bar { width: 60%; }
.bar span { display: inline-block; height: 0.8rem; background: #7aecec; }
tr.best td { font-weight: bold; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0 0.8rem; }
dt { font-weight: bold; color: #555; }
dd { margin: 0; }
.none { color: #999; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.2rem; }
.swatch { display: inline-block; padding: 0.1em 0.5em; border-radius: 0.35em;
  font-size: 0.8em; font-weight: bold; }
.entities { white-space: pre-wrap; line-height: 2.5; direction: ltr; }
mark.entity { padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; border-radius: 0.35em;
  box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark.entity .label { font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em;
  vertical-align: middle; margin-left: 0.5rem; }
.boilerplate { color: #aaa; }
.warning { color: #a40; }
blockquote { margin: 0 0 0.3rem 0; padding-left: 0.5rem; border-left: 3px solid #ddd; }
"""


def render_html(article: Article) -> str:
    """The page for ``article``: title, date, type and scores, marked-up text, events."""
    title = article.title or "(no title)"
    marks, skipped = _marks(article)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="vn-union-nlp {_version()}">',
        f"<title>{_esc(title)}</title>",
        f"<style>{_CSS}{_label_css(article)}</style>",
        "</head>",
        "<body>",
        f'<h1 id="title">{_esc(title)}</h1>',
        _meta_html(article),
        _type_html(article),
        '<h2 id="text-heading">Text</h2>',
        _legend_html(article),
    ]
    if skipped:
        parts.append(
            f'<p class="warning">{_count(len(skipped), "entity")} '
            "not highlighted (overlapping another entity, or outside the text): "
            + ", ".join(_esc(f"{e.label} {e.start}-{e.end}") for e in skipped)
            + "</p>"
        )
    parts += [
        f'<div class="entities" id="text">{_text_html(article, marks)}</div>',
        '<h2 id="events-heading">Events</h2>',
        _events_html(article),
        '<h2 id="entities-heading">Entities</h2>',
        _entities_table_html(article),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _version() -> str:
    from vn_union_nlp import __version__

    return __version__


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def _css_class(label: str) -> str:
    # any label a retrained model may produce becomes a safe class name
    return "ent-" + re.sub(r"[^A-Za-z0-9_-]", "_", label)


def _labels(article: Article) -> list[str]:
    """The standard labels first, then any other label the article uses."""
    extra = sorted({e.label for e in article.entities} - set(LABELS))
    return [*LABELS, *extra]


def _label_css(article: Article) -> str:
    return "".join(
        f"\n.{_css_class(label)} {{ background: {LABEL_COLOURS.get(label, DEFAULT_COLOUR)}; }}"
        for label in _labels(article)
    )


def _meta_html(article: Article) -> str:
    published = article.published.isoformat() if article.published else None
    rows = [
        ("Published", published),
        ("Id", article.id),
        ("Words", article.words if article.tokens else None),
        (
            "Found",
            f"{_count(len(article.entities), 'entity')}, {_count(len(article.events), 'event')}",
        ),
    ]
    return "\n".join(
        f'<p class="meta" id="meta-{name.lower()}"><b>{name}:</b> {_value_html(value)}</p>'
        for name, value in rows
    )


def _type_html(article: Article) -> str:
    head = f'<p class="meta" id="meta-type"><b>Type:</b> {_value_html(article.type)}</p>'
    if article.user_label is not None:  # a retrained classifier with labels of its own
        score = article.user_label_scores.get(article.user_label, 0.0)
        head += (
            f'\n<p class="meta" id="meta-user-label"><b>Label (your classifier):</b> '
            f"{_esc(article.user_label)} ({score:.3f})</p>"
        )
    if not article.type_scores:
        return head
    rows = []
    for label, score in sorted(article.type_scores.items(), key=lambda kv: (-kv[1], kv[0])):
        best = ' class="best"' if label == article.type else ""
        width = max(0.0, min(1.0, float(score))) * 100
        rows.append(
            f"<tr{best}><td>{_esc(label)}</td><td>{score:.3f}</td>"
            f'<td class="bar"><span style="width: {width:.1f}%"></span></td></tr>'
        )
    return (
        head
        + '\n<table class="scores" id="type-scores"><thead><tr><th>type</th><th>score</th>'
        + "<th></th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _legend_html(article: Article) -> str:
    counts = Counter(e.label for e in article.entities)
    items = [
        f'<li><span class="swatch {_css_class(label)}">{_esc(label)}</span> '
        f"{_esc(LABEL_NAMES.get(label, label))} ({counts.get(label, 0)})</li>"
        for label in _labels(article)
    ]
    items.append('<li><span class="boilerplate">grey text</span>: page boilerplate</li>')
    return '<ul class="legend" id="legend">' + "".join(items) + "</ul>"


def _marks(article: Article) -> tuple[list[Entity], list[Entity]]:
    """Entities to highlight, in order, and those that cannot be (overlapping, out of range).

    Entities are flat by the annotation rules; if a model breaks that, the page still
    draws valid HTML and says what it left out instead of nesting marks.
    """
    marks: list[Entity] = []
    skipped: list[Entity] = []
    end = 0
    for ent in sorted(article.entities, key=lambda e: (e.start, -e.end)):
        if ent.start < end or not 0 <= ent.start < ent.end <= len(article.text):
            skipped.append(ent)
            continue
        marks.append(ent)
        end = ent.end
    return marks, skipped


def _text_html(article: Article, marks: list[Entity]) -> str:
    text = article.text
    body = (article.body_start, article.body_end)
    if body[1] <= body[0]:  # no body found (or no text layer): show everything as body
        body = (0, len(text))
    out: list[str] = []
    pos = 0
    for ent in marks:
        out.append(_plain_html(text, pos, ent.start, body))
        tooltip = f"{ent.label} {ent.start}-{ent.end}" + (f" = {ent.value}" if ent.value else "")
        out.append(
            f'<mark class="entity {_css_class(ent.label)}" data-label="{_esc(ent.label)}" '
            f'title="{_esc(tooltip)}">'
            + _plain_html(text, ent.start, ent.end, body)
            + f'<span class="label">{_esc(ent.label)}</span></mark>'
        )
        pos = ent.end
    out.append(_plain_html(text, pos, len(text), body))
    return "".join(out)


def _plain_html(text: str, start: int, end: int, body: tuple[int, int]) -> str:
    """``text[start:end]`` escaped, with the parts outside the body dimmed."""
    pieces = []
    for a, b, inside in (
        (start, min(end, body[0]), False),
        (max(start, body[0]), min(end, body[1]), True),
        (max(start, body[1]), end, False),
    ):
        if a < b:
            piece = _esc(text[a:b])
            pieces.append(piece if inside else f'<span class="boilerplate">{piece}</span>')
    return "".join(pieces)


def _value_html(value: Any) -> str:
    """One field value: null and empty lists greyed out, participants as ``name (title)``."""
    if value is None or value == []:
        return '<span class="none">—</span>'
    if isinstance(value, list):
        return "; ".join(_value_html(v) for v in value)
    if isinstance(value, dict) and "name" in value:
        title = value.get("title")
        return _esc(value["name"]) + (f" ({_esc(title)})" if title else "")
    return _esc(value)


def _events_html(article: Article) -> str:
    rows = []
    for i, event in enumerate(article.events, start=1):
        d = event.to_dict()
        fields = "".join(
            f"<dt>{_esc(key)}</dt><dd>{_value_html(value)}</dd>"
            for key, value in d.items()
            if key not in ("type", "evidence")
        )
        evidence = "".join(
            f"<blockquote>{_esc(_shorten(article.text[s['start'] : s['end']]))}</blockquote>"
            for s in d.get("evidence") or []
        )
        rows.append(
            f'<tr class="event" data-type="{_esc(d["type"])}"><td>{i}</td>'
            f"<td>{_esc(d['type'])}</td><td><dl>{fields}</dl></td>"
            f"<td>{evidence or _value_html(None)}</td></tr>"
        )
    caption = "" if rows else '<caption class="none">No events found.</caption>'
    return (
        f'<table class="events" id="events">{caption}<thead><tr><th>#</th><th>type</th>'
        "<th>fields</th><th>evidence</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _shorten(s: str) -> str:
    s = " ".join(s.split())
    return s if len(s) <= _EVIDENCE_CHARS else s[: _EVIDENCE_CHARS - 1] + "…"


def _entities_table_html(article: Article) -> str:
    rows = "".join(
        f"<tr><td>{e.start}</td><td>{e.end}</td><td>{_esc(e.label)}</td><td>{_esc(e.text)}</td>"
        f"<td>{_value_html(e.value)}</td></tr>"
        for e in article.entities
    )
    return (
        f"<details><summary>{_count(len(article.entities), 'entity')}</summary>"
        '<table class="entity-list" id="entity-list"><thead><tr><th>start</th><th>end</th>'
        "<th>label</th><th>text</th><th>value</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></details>"
    )
