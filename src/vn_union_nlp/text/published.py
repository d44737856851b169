"""Publication date of an article, read from its publication line.

Union portals print it in a handful of shapes::

    Cập nhật lúc 16:26 - 25/05/2020 (GMT +07:00)
    Thứ Hai, 18/03/2024 10:20
    Ngày đăng: 05/01/2024
    15/08/2024 08:30
    Đăng lúc: 08:30 ngày 15/08/2024

A line qualifies when it is short and is *only* a date (with optional time, weekday, cue
words and time zone), so a date inside a body sentence is never taken for it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CUE = (
    r"(?:cập nhật(?: lúc| ngày)?|ngày cập nhật|đăng(?: lúc| ngày| tải)?|ngày đăng|ngày xuất bản"
    r"|xuất bản|thời gian(?: đăng)?|posted(?: on)?|published|updated|ngày)"
)
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|cn)"
_TIME = r"(?:\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:am|pm|sa|ch))?)"
_DATE = r"(?P<date>(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d{2}))"
_TZ = r"(?:\(?\s*(?:gmt|utc)\s*[+\-]?\s*\d{1,2}(?::?\d{2})?\s*\)?)"
_SEP = r"[\s,|\-–—:]*"

PUBLICATION_LINE_RE = re.compile(
    rf"^[\s(]*(?:{_CUE}\s*:?)?{_SEP}(?:{_WEEKDAY}{_SEP})?(?:{_TIME}{_SEP}(?:ngày\s*)?)?"
    rf"{_DATE}{_SEP}(?:{_TIME})?{_SEP}{_TZ}?[\s)]*$",
    re.IGNORECASE,
)


# An ISO stamp on a line of its own, such as the " date 2024-03-18" line that some stored
# excerpts of pages begin with.
ISO_PUBLICATION_LINE_RE = re.compile(
    rf"^\s*(?:(?:date|{_CUE})\s*:?\s*)?(?P<date>(?P<y>(?:19|20)\d{{2}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}))"
    rf"(?:[ T]{_TIME})?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PublicationDate:
    date: dt.date
    start: int  # span of the date itself (e.g. "25/05/2020"), normalized offsets
    end: int


def find_publication_date(
    text: str, start: int = 0, end: int | None = None, max_lines: int = 12
) -> PublicationDate | None:
    """Find the publication line in the first ``max_lines`` non-empty lines of a region."""
    if end is None:
        end = len(text)
    pos = start
    seen = 0
    while pos < end and seen < max_lines:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = text[pos:line_end]
        if line.strip():
            seen += 1
            if len(line) <= 120:
                m = PUBLICATION_LINE_RE.match(line) or ISO_PUBLICATION_LINE_RE.match(line)
                if m:
                    try:
                        date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
                    except ValueError:
                        date = None
                    if date is not None:
                        return PublicationDate(date, pos + m.start("date"), pos + m.end("date"))
        if nl < 0:
            break
        pos = nl + 1
    return None
