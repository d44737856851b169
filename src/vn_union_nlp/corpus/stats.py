"""Corpus statistics, rendered as the Markdown page ``docs/corpus.md``.

Everything is computed from compiled records (``text`` + gold), so the page describes what
the corpus really contains: noise is detected from the text, not read from the headers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .authoring import new_tone, old_tone
from .validate import ARTICLE_TYPES, LABELS, SPLITS, find_whole_words

# The 63 provinces and centrally-run cities before the July 2025 merger, each with the
# spellings articles use. Old-style tone variants (`Thanh Hoá`) are added automatically.
PROVINCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Hà Nội", ()),
    (
        "TP Hồ Chí Minh",
        (
            "TP. Hồ Chí Minh",
            "TP.Hồ Chí Minh",
            "Thành phố Hồ Chí Minh",
            "thành phố Hồ Chí Minh",
            "TP.HCM",
            "TP HCM",
            "TPHCM",
        ),
    ),
    ("Hải Phòng", ()),
    ("Đà Nẵng", ()),
    ("Cần Thơ", ()),
    ("Hà Giang", ()),
    ("Cao Bằng", ()),
    ("Bắc Kạn", ("Bắc Cạn",)),
    ("Tuyên Quang", ()),
    ("Lào Cai", ()),
    ("Điện Biên", ()),
    ("Lai Châu", ()),
    ("Sơn La", ()),
    ("Yên Bái", ()),
    ("Hòa Bình", ()),
    ("Thái Nguyên", ()),
    ("Lạng Sơn", ()),
    ("Quảng Ninh", ()),
    ("Bắc Giang", ()),
    ("Phú Thọ", ()),
    ("Vĩnh Phúc", ()),
    ("Bắc Ninh", ()),
    ("Hải Dương", ()),
    ("Hưng Yên", ()),
    ("Thái Bình", ()),
    ("Hà Nam", ()),
    ("Nam Định", ()),
    ("Ninh Bình", ()),
    ("Thanh Hóa", ()),
    ("Nghệ An", ()),
    ("Hà Tĩnh", ()),
    ("Quảng Bình", ()),
    ("Quảng Trị", ()),
    ("Thừa Thiên Huế", ("Thừa Thiên - Huế", "Thừa Thiên – Huế", "Huế")),
    ("Quảng Nam", ()),
    ("Quảng Ngãi", ()),
    ("Bình Định", ()),
    ("Phú Yên", ()),
    ("Khánh Hòa", ()),
    ("Ninh Thuận", ()),
    ("Bình Thuận", ()),
    ("Kon Tum", ("Kontum",)),
    ("Gia Lai", ()),
    ("Đắk Lắk", ("Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Daklak")),
    ("Đắk Nông", ("Đăk Nông", "Đắc Nông")),
    ("Lâm Đồng", ()),
    ("Bình Phước", ()),
    ("Tây Ninh", ()),
    ("Bình Dương", ()),
    ("Đồng Nai", ()),
    ("Bà Rịa – Vũng Tàu", ("Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu", "Bà Rịa—Vũng Tàu", "BR-VT")),
    ("Long An", ()),
    ("Tiền Giang", ()),
    ("Bến Tre", ()),
    ("Trà Vinh", ()),
    ("Vĩnh Long", ()),
    ("Đồng Tháp", ()),
    ("An Giang", ()),
    ("Kiên Giang", ()),
    ("Hậu Giang", ()),
    ("Sóc Trăng", ()),
    ("Bạc Liêu", ()),
    ("Cà Mau", ()),
)

_DIGITS_YEAR_RE = re.compile(r"\d{4}")
_DIGITS_RE = re.compile(r"\d{1,2}")
_ROMAN_RE = re.compile(r"\b(?:iv|i{1,3})\b")
_SPACES_RE = re.compile(r"\s+")
BIN_WORDS = 100


def plain(text: str) -> str:
    """NFC, new-style tone, ordinary spaces and LF: undoes the corpus noise (same meaning)."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\r\n", "\n")
    return new_tone(text)


def body(record: Mapping[str, Any]) -> str:
    return record["text"][record["body_start"] : record["body_end"]]


def has_old_tone(text: str) -> bool:
    nfc = unicodedata.normalize("NFC", text)
    return new_tone(nfc) != nfc


def date_form(surface: str) -> str:
    """The shape of a DATE surface, lowercased: digits -> D / YYYY, quarter numerals -> R."""
    shape = _SPACES_RE.sub(" ", plain(surface).lower())
    shape = _DIGITS_YEAR_RE.sub("YYYY", shape)
    shape = _DIGITS_RE.sub("D", shape)
    return _ROMAN_RE.sub("R", shape)


def _variants(name: str, extra: Iterable[str]) -> list[str]:
    spellings = [name, *extra]
    return sorted({form for spelling in spellings for form in (spelling, old_tone(spelling))})


# The 34 provinces and centrally-run cities after the July 2025 merger.
PROVINCES_2025 = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "TP Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
MERGER = "2025-07-01"
# A sentence shape shared by this many articles is a template, not writing.
TEMPLATE_ARTICLES = 3
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"”')]*\s+(?=[\"“(]*[A-ZĐÀ-Ỹ0-9])")
_DIGIT_RUN_RE = re.compile(r"\d+(?:[.,/]\d+)*")


def sentence_shapes(record: Mapping[str, Any], min_words: int = 6) -> list[str]:
    """The body's sentences with entities replaced by their labels and numbers by ``D``."""
    start, end = record["body_start"], record["body_end"]
    text = record["text"]
    pieces, cursor = [], start
    for entity in sorted(record["entities"], key=lambda e: e["start"]):
        if entity["start"] < cursor or entity["end"] > end:
            continue
        pieces.append(text[cursor : entity["start"]])
        pieces.append(f"<{entity['label']}>")
        cursor = entity["end"]
    pieces.append(text[cursor:end])
    masked = _DIGIT_RUN_RE.sub("D", plain("".join(pieces)).lower())
    shapes = []
    for line in masked.split("\n"):
        for sentence in _SENTENCE_END_RE.split(line):
            shape = " ".join(sentence.split())
            if len(shape.split()) >= min_words:
                shapes.append(shape)
    return shapes


def templated_share(records: Iterable[Mapping[str, Any]]) -> tuple[float, list[tuple[str, int]]]:
    """Share of body sentences whose shape recurs in ``TEMPLATE_ARTICLES`` or more articles,
    and the commonest such shapes with their article counts."""
    per_article = [sentence_shapes(record) for record in records]
    articles: Counter[str] = Counter()
    for shapes in per_article:
        articles.update(set(shapes))
    total = sum(len(shapes) for shapes in per_article)
    templated = sum(
        1 for shapes in per_article for shape in shapes if articles[shape] >= TEMPLATE_ARTICLES
    )
    common = [(shape, n) for shape, n in articles.most_common(10) if n >= TEMPLATE_ARTICLES]
    return (templated / total if total else 0.0), common


# Layouts of real excerpts (the real-world set's catalogue) that can be told from a
# compiled record by its shape. Each detector reads (text, body_start, body_end, record).
_OUTLET_LEAD_RE = re.compile(
    r"^\s*(?:\([^()\n]{1,40}\)\s*[-–—]?|[A-ZĐ][A-ZĐa-zà-ỹ.]{1,12}\s*[-–—]\s)|^[A-ZĐ][^\s\-–—]*"
    r"(?:\s[A-ZĐ][^\s\-–—]*){0,3}\s[-–—]\s"
)
_INITIALS_RE = re.compile(r"^[A-ZĐ]{1,2}\.\s?[A-ZĐ]|^[A-ZĐ]\.[A-ZĐ][a-zà-ỹ]+|^[A-ZĐ .]{2,20}$")
_LINK_CUES_RE = re.compile(r"tin liên quan|bài liên quan|tin khác|cùng chuyên mục|đọc thêm", re.I)
_COUNTER_RE = re.compile(r"lượt xem|số lần đọc|lượt đọc|lên top|chia sẻ", re.I)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _first_line(text: str, start: int, end: int) -> str:
    lines = _lines(text[start:end])
    return lines[0] if lines else ""


def _awards(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [e for e in record["events"] if e["type"] == "award"]


LAYOUT_DETECTORS: dict[str, Any] = {
    "no_title": lambda t, s, e, r: len(_first_line(t, s, e).split()) >= 20,
    "index_date_line": lambda t, s, e, r: bool(re.match(r"\s*date\s+\d{4}-\d{2}", t)),
    "outlet_dateline": lambda t, s, e, r: any(
        _OUTLET_LEAD_RE.match(line) and len(line.split()) >= 12 for line in _lines(t[s:e])[:3]
    ),
    "menu_or_banner": lambda t, s, e, r: bool(t[:s].strip()),
    "photo_caption": lambda t, s, e, r: any("Ảnh:" in line or "Ảnh :" in line for line in _lines(t[s:e])),
    "initials_byline": lambda t, s, e, r: bool(_INITIALS_RE.match((_lines(t[s:e]) or [""])[-1])),
    "related_links": lambda t, s, e, r: bool(_LINK_CUES_RE.search(t[e:])),
    "view_counter": lambda t, s, e, r: bool(_COUNTER_RE.search(t[:s] + t[e:])),
    "mid_article_cut": lambda t, s, e, r: not re.search(r"[.!?…\"”)]\s*$", (_lines(t[s:e]) or [""])[-1])
    and len((_lines(t[s:e]) or [""])[-1].split()) > 6,
    "recipient_list": lambda t, s, e, r: any(len(a["recipients"]) >= 5 for a in _awards(r)),
    "several_award_grants": lambda t, s, e, r: len(_awards(r)) >= 2,
    "meeting_with_awards": lambda t, s, e, r: r["type"] == "conference_report" and bool(_awards(r)),
    "meeting_with_launch": lambda t, s, e, r: r["type"] == "conference_report"
    and any(ev["type"] == "campaign" for ev in r["events"]),
}  # fmt: skip


def detect_layouts(record: Mapping[str, Any]) -> set[str]:
    """The real-excerpt layouts a compiled record shows (see ``LAYOUT_DETECTORS``)."""
    text = unicodedata.normalize("NFC", record["text"]).replace("\r\n", "\n")
    start, end = record["body_start"], record["body_end"]
    if len(text) != len(record["text"]):  # NFD or CRLF: offsets no longer fit, read whole
        start, end = 0, len(text)
    return {name for name, found in LAYOUT_DETECTORS.items() if found(text, start, end, record)}


@dataclass
class CorpusStats:
    articles: int = 0
    by_type_split: Counter[tuple[str, str]] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)  # per split
    entities: Counter[tuple[str, str]] = field(default_factory=Counter)  # (label, split)
    surfaces: dict[str, set[str]] = field(default_factory=dict)  # label -> distinct, plain
    events: Counter[str] = field(default_factory=Counter)
    provinces: Counter[str] = field(default_factory=Counter)  # province -> articles
    noise: Counter[str] = field(default_factory=Counter)  # kind -> articles
    lengths: Counter[int] = field(default_factory=Counter)  # bin start -> articles
    date_forms: Counter[str] = field(default_factory=Counter)
    date_values: Counter[str] = field(default_factory=Counter)
    published: int = 0
    after_merger: int = 0  # articles published (or dated) from July 2025
    provinces_2025: Counter[str] = field(default_factory=Counter)  # in those articles
    templated: float = 0.0
    templates: list[tuple[str, int]] = field(default_factory=list)
    layouts: Counter[str] = field(default_factory=Counter)  # detected layout -> articles
    real_layouts: Counter[str] = field(default_factory=Counter)  # annotated, real dev half
    real_articles: int = 0


def _value_kind(value: str) -> str:
    kind = "interval" if "/" in value else {4: "year", 7: "month", 10: "day"}.get(len(value), "?")
    return f"{kind}, year unknown" if "XXXX" in value else kind


def _article_date(record: Mapping[str, Any]) -> str:
    """The publication date, else the latest full DATE value of the article."""
    if record.get("published"):
        return record["published"]
    values = [
        e["value"][:10]
        for e in record["entities"]
        if e["label"] == "DATE" and e["value"][:1] != "X"
    ]
    return max(values, default="")


def compute_stats(
    records: Iterable[Mapping[str, Any]], real: Iterable[Mapping[str, Any]] = ()
) -> CorpusStats:
    """Statistics of compiled records; ``real`` are the real-world set's gold records whose
    annotated ``phenomena`` the corpus's layouts are compared with."""
    stats = CorpusStats(surfaces={label: set() for label in ("PER", "ORG", "LOC")})
    for record in real:
        stats.real_articles += 1
        stats.real_layouts.update(record.get("phenomena", []))
    variants = [(name, _variants(name, extra)) for name, extra in PROVINCES]
    new_units = [(name, _variants(name, ())) for name in PROVINCES_2025]
    records = list(records)
    stats.templated, stats.templates = templated_share(records)
    for record in records:
        split = record.get("split", "train")
        text = record["text"]
        article_body = body(record)
        stats.articles += 1
        stats.by_type_split[record["type"], split] += 1
        words = len(article_body.split())
        stats.words[split] += words
        stats.lengths[words // BIN_WORDS * BIN_WORDS] += 1
        stats.published += record.get("published") is not None
        for entity in record["entities"]:
            stats.entities[entity["label"], split] += 1
            if entity["label"] in stats.surfaces:
                stats.surfaces[entity["label"]].add(plain(entity["text"]))
            elif entity["label"] == "DATE":
                stats.date_forms[date_form(entity["text"])] += 1
                stats.date_values[_value_kind(entity["value"])] += 1
        for event in record["events"]:
            stats.events[event["type"]] += 1
        stats.layouts.update(detect_layouts(record))
        searchable = unicodedata.normalize("NFC", article_body).replace("\u00a0", " ")
        for name, forms in variants:
            if any(find_whole_words(searchable, form) for form in forms):
                stats.provinces[name] += 1
        if _article_date(record) >= MERGER:
            stats.after_merger += 1
            for name, forms in new_units:
                if any(find_whole_words(searchable, form) for form in forms):
                    stats.provinces_2025[name] += 1
        if text[: record["body_start"]].strip() or text[record["body_end"] :].strip():
            stats.noise["boilerplate"] += 1
        if unicodedata.normalize("NFC", text) != text:
            stats.noise["nfd"] += 1
        if has_old_tone(text):
            stats.noise["old_tone"] += 1
        if "\r\n" in text:
            stats.noise["crlf"] += 1
        if "\u00a0" in text:
            stats.noise["nbsp"] += 1
    return stats


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(stats: CorpusStats) -> str:
    """The statistics page; deterministic (no dates, sorted tables)."""
    out = [
        "# Corpus statistics",
        "",
        "Generated by `python scripts/corpus_stats.py` from `corpus/train.jsonl` and "
        "`corpus/dev.jsonl`; do not edit by hand. What the corpus is: `corpus/README.md`.",
        "",
        f"{stats.articles} articles, {sum(stats.words.values())} words in article bodies, "
        f"{stats.published} with a publication date.",
        "",
        "## Articles per type and split",
        "",
    ]
    rows = []
    for kind in ARTICLE_TYPES:
        counts = [stats.by_type_split[kind, split] for split in SPLITS]
        rows.append([f"`{kind}`", *counts, sum(counts)])
    totals = [sum(stats.by_type_split[kind, split] for kind in ARTICLE_TYPES) for split in SPLITS]
    rows.append(["total", *totals, sum(totals)])
    out += _table(["type", *SPLITS, "all"], rows)
    out += ["Body words per split: " + ", ".join(f"{s} {stats.words[s]}" for s in SPLITS), ""]

    out += ["## Entities", ""]
    rows = []
    for label in LABELS:
        counts = [stats.entities[label, split] for split in SPLITS]
        distinct = len(stats.surfaces[label]) if label in stats.surfaces else "–"
        rows.append([label, *counts, sum(counts), distinct])
    out += _table(["label", *SPLITS, "all", "distinct surfaces"], rows)
    out += [
        f"Distinct person names (PER surfaces of two words or more): "
        f"{sum(len(name.split()) >= 2 for name in stats.surfaces['PER'])}.",
        "",
    ]
    out += [
        "Distinct surfaces are counted after undoing the noise (NFC, new-style tone).",
        "",
        "## Events",
        "",
    ]
    out += _table(["event type", "events"], sorted(stats.events.items()))

    present = [name for name, _ in PROVINCES if stats.provinces[name]]
    missing = [name for name, _ in PROVINCES if not stats.provinces[name]]
    out += [
        "## Provinces",
        "",
        f"{len(present)} of the {len(PROVINCES)} provinces (list before the July 2025 merger) "
        "are named in article bodies (any usual spelling, e.g. `TP. Hồ Chí Minh`, `Huế`); "
        "articles naming each:",
        "",
    ]
    out += _table(["province", "articles"], [[name, stats.provinces[name]] for name in present])
    out += ["Not named in any article: " + (", ".join(missing) if missing else "none") + ".", ""]

    present = [name for name in PROVINCES_2025 if stats.provinces_2025[name]]
    missing = [name for name in PROVINCES_2025 if not stats.provinces_2025[name]]
    out += [
        "## After the July 2025 merger",
        "",
        f"{stats.after_merger} articles are dated from July 2025 (publication date, else their "
        f"latest DATE); they name {len(present)} of the {len(PROVINCES_2025)} provinces and "
        "cities after the merger:",
        "",
    ]
    out += _table(
        ["province (2025)", "articles"], [[name, stats.provinces_2025[name]] for name in present]
    )
    out += ["Not named in any of them: " + (", ".join(missing) if missing else "none") + ".", ""]

    out += [
        "## Templated sentences",
        "",
        f"{stats.templated:.1%} of body sentences (of six words or more, entities masked by "
        f"their label, numbers by `D`) have a shape shared by {TEMPLATE_ARTICLES} or more "
        "articles. The commonest:",
        "",
    ]
    out += _table(["shape", "articles"], [[f"`{shape[:120]}`", n] for shape, n in stats.templates])

    out += [
        "## Layouts of real excerpts",
        "",
        "What real portal excerpts do, as annotated in the dev half of the real-world set "
        f"({stats.real_articles} articles, `benchmarks/realworld/`), beside how many corpus "
        "articles show it (detected from the compiled text by `detect_layouts`, a lower bound).",
        "",
    ]
    rows = []
    for name in LAYOUT_DETECTORS:
        real_share = stats.real_layouts[name] / stats.real_articles if stats.real_articles else 0
        rows.append(
            [f"`{name}`", f"{real_share:.0%}", f"{stats.layouts[name] / stats.articles:.0%}"]
        )
    out += _table(["layout", "real excerpts", "corpus"], rows)

    out += ["## Noise and boilerplate", "", "Detected from the compiled text.", ""]
    out += _table(
        ["kind", "articles"],
        [
            ["web boilerplate around the body", stats.noise["boilerplate"]],
            ["NFD (decomposed Unicode)", stats.noise["nfd"]],
            ["old-style tone placement (`hoà`, `thuỷ`)", stats.noise["old_tone"]],
            ["CRLF line endings", stats.noise["crlf"]],
            ["no-break spaces", stats.noise["nbsp"]],
        ],
    )

    out += ["## Body length in words", ""]
    rows = [
        [f"{start}–{start + BIN_WORDS - 1}", count, "#" * count]
        for start, count in sorted(stats.lengths.items())
    ]
    out += _table(["words", "articles", ""], rows)

    out += ["## DATE forms", "", "Digits shown as `D` / `YYYY`, quarter numerals as `R`.", ""]
    rows = sorted(stats.date_forms.items(), key=lambda item: (-item[1], item[0]))
    out += _table(["form", "count"], [[f"`{form}`", count] for form, count in rows])
    out += _table(["value kind", "count"], sorted(stats.date_values.items()))
    return "\n".join(out).rstrip() + "\n"
