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


def _value_kind(value: str) -> str:
    kind = "interval" if "/" in value else {4: "year", 7: "month", 10: "day"}.get(len(value), "?")
    return f"{kind}, year unknown" if "XXXX" in value else kind


def compute_stats(records: Iterable[Mapping[str, Any]]) -> CorpusStats:
    stats = CorpusStats(surfaces={label: set() for label in ("PER", "ORG", "LOC")})
    variants = [(name, _variants(name, extra)) for name, extra in PROVINCES]
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
        searchable = unicodedata.normalize("NFC", article_body).replace("\u00a0", " ")
        for name, forms in variants:
            if any(find_whole_words(searchable, form) for form in forms):
                stats.provinces[name] += 1
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
