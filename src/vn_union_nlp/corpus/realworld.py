"""The real-world evaluation set: real articles whose text is never committed.

The publishers own the articles, so the repository keeps only what identifies a text and
what the project wrote about it: an index (id, URL, the query that found it, the SHA-256 and
length of the excerpt) and one gold file per article. The texts live in a git-ignored
cache folder, filled byte-exact from the stored excerpts; this module checks the cache
against the index and turns annotators' markup into gold.

Markup (kept in the cache too, since it holds the text) is the article exactly as cached,
with a header and inline entities::

    # id: rw-1a2b3c4d
    # type: conference_report
    # published: 2023-05-12
    # province: Thanh Hóa
    # except: Công đoàn Việt Nam
    # event: {"type": "conference", ...}

    <text, with {{Nguyễn Văn A|PER}}, {{ngày 10/5|DATE|2023-05-10}} and the body between
    an @@BODY and an @@END marker>

Removing the markup must give back the cached text exactly; :func:`compile_markup` checks
it and reports the first difference. Stdlib only, like the rest of :mod:`vn_union_nlp.corpus`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .gold import read_text
from .validate import ARTICLE_TYPES, LABELS, Problem, validate_record

INDEX_COLUMNS = ("id", "split", "portal", "chars", "sha256", "url", "query")
REALWORLD_SPLITS = ("dev", "test")
MIN_CHARS = 600
HEADER_KEYS = (
    "id",
    "type",
    "published",
    "province",
    "phenomena",
    "except",
    "event",
    "note",
    "annotator",
)
# What real pages do that a clean article does not; markup lists those it shows.
PHENOMENA = (
    "no_title",  # the excerpt starts with the lead paragraph
    "title",  # a headline line before the lead
    "index_date_line",  # the index's own ' date YYYY-MM-DD' first line
    "outlet_dateline",  # '(Dân trí) -', 'LĐ -', 'Bắc Giang -' before the lead
    "date_banner",  # a portal's 'Thứ bảy 09/12/2023 15:21' line
    "menu_or_banner",  # site name, menus, slogans, login or search furniture
    "publication_line",  # 'Ngày đăng: ...', 'Cập nhật lúc ...' under the title
    "photo_caption",  # caption lines between paragraphs ('Ảnh: ...')
    "image_alt_or_path",  # image alt texts, file names, URL slugs as lines
    "initials_byline",  # 'T.Vũ', 'T.Vũ – P.T', 'Đ.T.K'
    "name_byline",  # a full-name byline
    "photo_credit",  # 'Ảnh: Hà Anh'
    "related_links",  # 'Tin liên quan', lists of other headlines
    "view_counter",  # 'Lượt xem: 123', share widgets, 'Lên top'
    "recipient_list",  # five or more named recipients with titles or units
    "several_award_grants",  # awards of several issuers or kinds
    "meeting_with_awards",  # a meeting that also hands out awards
    "meeting_with_launch",  # a meeting that also launches a movement
    "contest_appeal_plan",  # a contest opened, an appeal, a plan as the campaign
    "mid_article_cut",  # the excerpt stops or jumps mid-article
    "typos_or_glued_words",  # misspellings, missing spaces, doubled words
    "repeated_lines",  # the same caption or paragraph twice
    "all_caps_headline",
    "post_merger_units",  # post-July-2025 provinces or communes
)
_REPEATABLE = frozenset({"except", "event", "note", "phenomena"})
_HEADER_RE = re.compile(r"#\s*([a-z_]+)\s*:(.*)\Z")
_ENTITY_RE = re.compile(r"\{\{([^{}|\n]+)\|(PER|ORG|LOC|DATE)(?:\|([^{}|\n]*))?\}\}")
_LOOSE_ENTITY_RE = re.compile(r"\{\{|\}\}")
BODY_MARKER = "@@BODY"
END_MARKER = "@@END"
_PUBLISHED_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class RealWorldError(ValueError):
    """A bad index, raw excerpt or markup file; the message names the file and the place."""


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The host prefixes of one site's mirrors: "www.", the mobile "m." and the "amp." pages.
_MIRROR_HOST_RE = re.compile(r"^(www\.|m\.|amp\.)")


def url_key(url: str) -> str:
    """The held-out list's key of a URL: lowercased, no scheme, no www./m./amp., no final /."""
    key = url.strip().lower()
    key = re.sub(r"^https?://", "", key)
    key = _MIRROR_HOST_RE.sub("", key)
    return key.rstrip("/")


def article_id(url: str) -> str:
    """A stable id from the URL, so collectors working apart never collide."""
    return "rw-" + hashlib.sha256(url_key(url).encode()).hexdigest()[:8]


def portal(url: str) -> str:
    host = urlsplit(url.strip()).hostname or ""
    return _MIRROR_HOST_RE.sub("", host.lower())


# --- the index ---------------------------------------------------------------------------


@dataclass
class Entry:
    """One row of the index."""

    id: str
    split: str
    portal: str
    chars: int
    sha256: str
    url: str
    query: str

    def row(self) -> dict[str, str]:
        return {key: str(getattr(self, key)) for key in INDEX_COLUMNS}


def read_index(path: str | os.PathLike[str]) -> list[Entry]:
    """Rows of the index: tab-separated, a header line, no quoting (no field holds a tab
    or a line break)."""
    path = Path(path)
    if not path.exists():
        return []
    lines = read_text(path).split("\n")
    header = tuple(lines[0].split("\t"))
    if header != INDEX_COLUMNS:
        raise RealWorldError(f"{path}: header must be {' '.join(INDEX_COLUMNS)}, not {header}")
    entries = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(INDEX_COLUMNS):
            raise RealWorldError(
                f"{path}:{number}: {len(fields)} fields, expected {len(INDEX_COLUMNS)}"
            )
        row = dict(zip(INDEX_COLUMNS, fields, strict=True))
        try:
            entries.append(
                Entry(
                    id=row["id"],
                    split=row["split"],
                    portal=row["portal"],
                    chars=int(row["chars"]),
                    sha256=row["sha256"],
                    url=row["url"],
                    query=row["query"],
                )
            )
        except ValueError as error:
            raise RealWorldError(f"{path}:{number}: bad row: {error}") from None
    return entries


def write_index(path: str | os.PathLike[str], entries: Iterable[Entry]) -> None:
    lines = ["\t".join(INDEX_COLUMNS)]
    for entry in sorted(entries, key=lambda e: e.id):
        row = entry.row()
        bad = [key for key, value in row.items() if "\t" in value or "\n" in value]
        if bad:
            raise RealWorldError(f"{entry.id}: {bad} may not hold tabs or line breaks")
        lines.append("\t".join(row[key] for key in INDEX_COLUMNS))
    tmp = Path(str(path) + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


@contextlib.contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """An exclusive lock beside ``path`` (several collectors add rows at once)."""
    import fcntl

    with open(str(path) + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def add_excerpt(
    index_path: str | os.PathLike[str],
    cache: str | os.PathLike[str],
    *,
    url: str,
    query: str,
    excerpt: str,
    split: str = "dev",
    is_held_out: Any = None,
) -> Entry:
    """Put one excerpt in the cache, byte-exact, and its row in the index.

    Refuses a held-out URL (``is_held_out(url)`` true), an excerpt under
    :data:`MIN_CHARS`, and a URL already in the index.
    """
    if not url.strip():
        raise RealWorldError("an excerpt without a URL cannot be kept (nothing to cite)")
    if is_held_out is not None and is_held_out(url):
        raise RealWorldError(f"{url} is held out: never read, keep or annotate it")
    if len(excerpt) < MIN_CHARS:
        raise RealWorldError(f"{url}: excerpt has {len(excerpt)} characters, under {MIN_CHARS}")
    if split not in REALWORLD_SPLITS:
        raise RealWorldError(f"split {split!r} is not one of {', '.join(REALWORLD_SPLITS)}")
    entry = Entry(
        id=article_id(url),
        split=split,
        portal=portal(url),
        chars=len(excerpt),
        sha256=sha256_text(excerpt),
        url=url.strip(),
        query=" ".join(query.split()),
    )
    cache = Path(cache)
    cache.mkdir(parents=True, exist_ok=True)
    with locked(index_path):
        entries = read_index(index_path)
        if any(e.id == entry.id for e in entries):
            raise RealWorldError(f"{url} is already in the index as {entry.id}")
        same_text = [e.id for e in entries if e.sha256 == entry.sha256]
        if same_text:
            raise RealWorldError(f"{url}: the same excerpt is already indexed as {same_text[0]}")
        with open(cache / f"{entry.id}.txt", "w", encoding="utf-8", newline="") as stream:
            stream.write(excerpt)
        write_index(index_path, [*entries, entry])
    return entry


# --- the cache ---------------------------------------------------------------------------


@dataclass
class CacheReport:
    present: list[Entry] = field(default_factory=list)
    missing: list[Entry] = field(default_factory=list)
    mismatched: list[Entry] = field(default_factory=list)

    def summary(self) -> str:
        total = len(self.present) + len(self.missing) + len(self.mismatched)
        return (
            f"{len(self.present)} of {total} texts present and verified, "
            f"{len(self.missing)} missing, {len(self.mismatched)} with a different SHA-256"
        )


def check_cache(entries: Iterable[Entry], cache: str | os.PathLike[str]) -> CacheReport:
    """Which indexed texts are in the cache with the indexed SHA-256."""
    report = CacheReport()
    cache = Path(cache)
    for entry in entries:
        path = cache / f"{entry.id}.txt"
        if not path.is_file():
            report.missing.append(entry)
        elif sha256_text(read_text(path)) != entry.sha256:
            report.mismatched.append(entry)
        else:
            report.present.append(entry)
    return report


# --- markup ------------------------------------------------------------------------------


@dataclass
class Markup:
    header: dict[str, Any]
    text: str
    entities: list[dict[str, Any]]
    body_start: int
    body_end: int


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse_markup(source: str, *, path: str = "<markup>") -> Markup:
    """Header, plain text, entities and body span of one markup file."""
    lines = source.split("\n")
    header: dict[str, Any] = {key: [] for key in _REPEATABLE}
    number = 0
    for number, line in enumerate(lines):
        if line.strip() == "":
            break
        match = _HEADER_RE.match(line.rstrip("\r"))
        if match is None:
            raise RealWorldError(
                f"{path}:{number + 1}: header lines are '# key: value'; end the header with "
                "one blank line"
            )
        key, value = match.group(1), match.group(2).strip()
        if key not in HEADER_KEYS:
            raise RealWorldError(f"{path}:{number + 1}: unknown header key {key!r}")
        if key == "event":
            try:
                value = json.loads(value)
            except json.JSONDecodeError as error:
                raise RealWorldError(
                    f"{path}:{number + 1}: event is not JSON: {error.msg}"
                ) from None
        if key == "phenomena":
            names = [name.strip() for name in value.split(",") if name.strip()]
            unknown = sorted(set(names) - set(PHENOMENA))
            if unknown:
                raise RealWorldError(
                    f"{path}:{number + 1}: unknown phenomena {unknown}; known: "
                    + ", ".join(PHENOMENA)
                )
            header[key].extend(names)
        elif key in _REPEATABLE:
            header[key].append(value)
        elif key in header:
            raise RealWorldError(f"{path}:{number + 1}: {key!r} given twice")
        else:
            header[key] = value
    else:
        raise RealWorldError(f"{path}: no blank line after the header")
    header_chars = sum(len(line) + 1 for line in lines[: number + 1])
    marked = source[header_chars:]

    plain: list[str] = []
    entities: list[dict[str, Any]] = []
    markers: dict[str, int] = {}
    position = 0  # in the plain text
    cursor = 0  # in ``marked``
    token_re = re.compile(
        _ENTITY_RE.pattern + r"|(?P<marker>(?:^|(?<=\n))(?:@@BODY|@@END)\r?\n|@@BODY|@@END)"
    )
    for match in token_re.finditer(marked):
        chunk = marked[cursor : match.start()]
        stray = _LOOSE_ENTITY_RE.search(chunk)
        if stray is not None:
            line, col = _line_col(source, header_chars + cursor + stray.start())
            raise RealWorldError(f"{path}:{line}:{col}: malformed entity markup near here")
        plain.append(chunk)
        position += len(chunk)
        cursor = match.end()
        if match.group("marker"):
            name = match.group("marker").strip()
            if name in markers:
                line, _ = _line_col(source, header_chars + match.start())
                raise RealWorldError(f"{path}:{line}: {name} given twice")
            markers[name] = position
            continue
        surface, label, value = match.group(1), match.group(2), match.group(3)
        entity: dict[str, Any] = {
            "start": position,
            "end": position + len(surface),
            "label": label,
            "text": surface,
        }
        if label == "DATE":
            if not value:
                line, col = _line_col(source, header_chars + match.start())
                raise RealWorldError(
                    f"{path}:{line}:{col}: DATE {surface!r} needs a value: {{{{{surface}|DATE|...}}}}"
                )
            entity["value"] = value
        elif value is not None:
            line, col = _line_col(source, header_chars + match.start())
            raise RealWorldError(f"{path}:{line}:{col}: {label} {surface!r} takes no value")
        entities.append(entity)
        plain.append(surface)
        position += len(surface)
    tail = marked[cursor:]
    stray = _LOOSE_ENTITY_RE.search(tail)
    if stray is not None:
        line, col = _line_col(source, header_chars + cursor + stray.start())
        raise RealWorldError(f"{path}:{line}:{col}: malformed entity markup near here")
    plain.append(tail)
    text = "".join(plain)
    body_start = markers.get(BODY_MARKER, 0)
    body_end = markers.get(END_MARKER, len(text))
    while body_start < body_end and text[body_start].isspace():
        body_start += 1
    while body_end > body_start and text[body_end - 1].isspace():
        body_end -= 1
    return Markup(header, text, entities, body_start, body_end)


def compile_markup(source: str, cached_text: str, *, path: str = "<markup>") -> dict[str, Any]:
    """The gold record of one markup file, checked against the cached text.

    Raises :class:`RealWorldError` when the markup's text differs from the cache (with the
    place of the first difference) or the header is incomplete.
    """
    markup = parse_markup(source, path=path)
    text = markup.text
    if text != cached_text and text == cached_text + "\n":
        text = cached_text  # an editor's final newline
    if text != cached_text:
        at = _first_difference(text, cached_text)
        line, col = _line_col(cached_text, min(at, len(cached_text)))
        raise RealWorldError(
            f"{path}: without its markup the text differs from the cached excerpt at "
            f"line {line}, column {col}: markup has {text[at : at + 30]!r}, cache has "
            f"{cached_text[at : at + 30]!r}"
        )
    header = markup.header
    for key in ("id", "type", "published"):
        if key not in header:
            raise RealWorldError(f"{path}: header needs '# {key}:'")
    if header["type"] not in ARTICLE_TYPES:
        raise RealWorldError(f"{path}: type {header['type']!r} is not one of {ARTICLE_TYPES}")
    published = header["published"]
    if published in ("null", "None", ""):
        published = None
    elif not _PUBLISHED_RE.match(published):
        raise RealWorldError(f"{path}: published {published!r} is not YYYY-MM-DD or null")
    record: dict[str, Any] = {
        "id": header["id"],
        "published": published,
        "type": header["type"],
        "province": header.get("province") or None,
        "body_start": markup.body_start,
        "body_end": markup.body_end,
        "entities": markup.entities,
        "events": header["event"],
    }
    if header["phenomena"]:
        record["phenomena"] = sorted(set(header["phenomena"]), key=PHENOMENA.index)
    if header["except"]:
        record["exceptions"] = header["except"]
    # ``# note:`` lines stay in the markup (in the cache): they quote the article, and no
    # article text is committed.
    if header.get("annotator"):
        record["annotator"] = header["annotator"]
    return record


def decompile(record: dict[str, Any], text: str) -> str:
    """The markup of a gold record: the inverse of :func:`compile_markup`."""
    lines = [f"# id: {record['id']}", f"# type: {record['type']}"]
    lines.append(f"# published: {record.get('published') or 'null'}")
    if record.get("province"):
        lines.append(f"# province: {record['province']}")
    if record.get("annotator"):
        lines.append(f"# annotator: {record['annotator']}")
    if record.get("phenomena"):
        lines.append(f"# phenomena: {', '.join(record['phenomena'])}")
    lines += [f"# except: {item}" for item in record.get("exceptions", [])]
    lines += [
        "# event: " + json.dumps(event, ensure_ascii=False) for event in record.get("events", [])
    ]
    body_start, body_end = record.get("body_start", 0), record.get("body_end", len(text))
    items: list[tuple[int, int, Any]] = []
    if body_start > 0:
        own_line = text[body_start - 1] == "\n"
        items.append((body_start, 0, BODY_MARKER + ("\n" if own_line else "")))
    if body_end < len(text):
        own_line = text[body_end] == "\n"
        items.append((body_end, 2, ("\n" if own_line else "") + END_MARKER))
    items += [(e["start"], 1, e) for e in record.get("entities", [])]
    items.sort(key=lambda item: (item[0], item[1]))
    out, cursor = [], 0
    for position, _, item in items:
        out.append(text[cursor:position])
        cursor = position
        if isinstance(item, str):
            out.append(item)
            continue
        value = f"|{item['value']}" if item["label"] == "DATE" else ""
        out.append(f"{{{{{item['text']}|{item['label']}{value}}}}}")
        cursor = item["end"]
    out.append(text[cursor:])
    return "\n".join(lines) + "\n\n" + "".join(out)


def validate_gold(record: dict[str, Any], text: str) -> list[Problem]:
    """The corpus validator's problems for one real-world gold record."""
    return validate_record({**record, "text": text})


def describe_problem(problem: Problem, text: str) -> str:
    """A problem with the line and the text it points at."""
    if problem.offset is None:
        return problem.message
    line, _ = _line_col(text, problem.offset)
    return f"{problem.message} (line {line}: {text[problem.offset : problem.offset + 40]!r})"


def write_gold(folder: str | os.PathLike[str], record: dict[str, Any]) -> str:
    """Write ``<folder>/<id>.json``; returns the line a command prints for it."""
    path = Path(folder) / f"{record['id']}.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return f"{record['id']}: {len(record['entities'])} entities, {len(record['events'])} events"


def scaffold(article: str, text: str) -> str:
    """A markup file to start annotating from: the header to fill in, then the text."""
    first = text.split("\n", 1)[0]
    published = first.strip()[5:] if first.startswith(" date ") else "null"
    header = [
        f"# id: {article}",
        "# type: other",
        f"# published: {published if _PUBLISHED_RE.match(published) else 'null'}",
        "# province: ",
        "# phenomena: ",
    ]
    return "\n".join(header) + "\n\n" + text


__all__ = [
    "INDEX_COLUMNS",
    "LABELS",
    "MIN_CHARS",
    "PHENOMENA",
    "CacheReport",
    "Entry",
    "Markup",
    "RealWorldError",
    "add_excerpt",
    "article_id",
    "check_cache",
    "compile_markup",
    "decompile",
    "describe_problem",
    "parse_markup",
    "portal",
    "read_index",
    "scaffold",
    "sha256_text",
    "url_key",
    "validate_gold",
    "write_gold",
    "write_index",
]
