"""DATE mentions in Vietnamese news text and their ISO 8601 values.

Follows the project's annotation guidelines (``ANNOTATION.md``, "Dates"):

* A DATE starts at its unit word (``ngày``, ``tháng``, ``năm``, ``quý``, ``giai đoạn``,
  ``nhiệm kỳ``, any case) when one stands right before the numbers, else at the first
  number, and ends at the last number. Prepositions, time of day and weekdays stay outside.
* A period written as one expression (``2015 – 2020``, ``1/7 - 31/12/2022``,
  ``ngày 4 - 10/11/2013``) is one DATE whose value is an ISO interval (``2015/2020``).
* Quarters take their month interval (``quý III/2024`` -> ``2024-07/2024-09``).
* A day or month without a year takes it from the same expression (``từ tháng 3 đến
  tháng 9/2024``), else from a full date in the same sentence, else from the publication
  date (across the year boundary: a reported event takes the latest date not after
  publication, a deadline the next one), else from a ``năm 2023`` in the same sentence,
  else it is ``XXXX``. A year-only DATE comes after the publication date because it
  usually names a work period (``Chiều 11/1, tổng kết công tác năm 2023`` is 2024-01-11
  when published on 2024-01-12), as the guidelines and the project's corpus have it.

The recognizer is a handful of regular expressions compiled at import time, tried only
where a DATE can start (a number or a unit word, both found by one cheap scan each),
followed by a greedy leftmost-longest selection. It is linear in the length of the text
and needs nothing beyond the standard library.

>>> [(m.text, m.value) for m in find_dates("Sáng ngày 28/6, hội nghị giai đoạn 2015 – 2020.")]
[('ngày 28/6', 'XXXX-06-28'), ('giai đoạn 2015 – 2020', '2015/2020')]
>>> date_value("quý III/2024")
'2024-07/2024-09'
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = ["DateMention", "date_value", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """One DATE: offsets into the caller's text, the surface and its ISO value."""

    start: int
    end: int
    text: str
    value: str  # ISO 8601 (``2020-06-28``, ``2022-03``, ``2015/2020``) or ``XXXX-06-28``

    def to_dict(self) -> dict[str, int | str]:
        """The gold-entity form: ``{"start", "end", "label", "text", "value"}``."""
        return {
            "start": self.start,
            "end": self.end,
            "label": "DATE",
            "text": self.text,
            "value": self.value,
        }


# --------------------------------------------------------------------------------------
# Building blocks. Horizontal space only: a line break always separates two expressions
# (titles, publication lines and captions stand on their own lines).
_SP = r"[ \t\u00a0]"
_S = _SP + "*"
_S1 = _SP + "+"
# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus: news sites use all.
_DASH = r"[-\u2010\u2011\u2012\u2013\u2014\u2212]"
_RD = _S + _DASH + _S  # the dash of a period, any spacing (``2015- 2020``, ``1997 -01``)
# A number must not continue a word, a path, a time (``16:26``) or a decimal (``2.429``).
_NB = r"(?<![\w/:])(?<!\d[.,])"
# ...and must not run on into a word, a document number (``/NĐ-CP``, ``34-CT``), a time
# or a decimal.
_NE = r"(?![\w/]|[.,:]\d|-[^\W\d_])"
# Day, month, year with their calendar ranges in the pattern itself, so ``12/15`` or
# ``35/13`` never match at all.
_D = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_M = r"(?:0?[1-9]|1[0-2])(?!\d)"
_Y = r"(?:1\d{3}|2[01]\d{2})(?!\d)"
_ROMAN_Q = r"(?:IV|I{1,3}|[1-4])(?!\w)"
# Separator between a month (or quarter) and its year: ``5/2024``, ``5-2024``, ``5 - 2024``,
# ``5.2024``.
_YSEP = rf"(?:/|\.|{_S}[-\u2013]{_S})"
_LISTSEP = rf"(?:{_S},{_S}và{_S1}|{_S},{_S}|{_S1}và{_S1})"

_FLAGS = re.IGNORECASE  # unit words are capitalised or in ALL-CAPS titles (``NĂM 2024``)

# ``ngày 28/6``, ``28-6-2022``, ``15.8.2024``, ``1/7 - 31/12/2022``, ``ngày 4 - 10/11/2013``,
# ``28/7/1929-28/7/2020``. One separator per date (back-reference) so ``28/6-2022`` is not a
# date and ``28-6-2022`` is.
_DAY_RE = re.compile(
    rf"(?:(?<!\w)(?P<unit>ngày){_S1})?{_NB}"
    rf"(?:(?P<d1>{_D})(?:(?P<s1>[/.-])(?P<m1>{_M})(?:(?P=s1)(?P<y1>{_Y}))?)?{_RD})?"
    rf"(?P<d2>{_D})(?P<s2>[/.-])(?P<m2>{_M})(?:(?P=s2)(?P<y2>{_Y}))?{_NE}",
    _FLAGS,
)
# ``ngày 20 tháng 7 năm 2023``, ``ngày 20 tháng 7``, ``20 tháng 7 năm 2023``.
_FULL_RE = re.compile(
    rf"(?:(?<!\w)(?P<unit>ngày){_S1})?{_NB}(?P<d>{_D}){_S1}tháng{_S1}(?P<m>{_M})"
    rf"(?:{_S1}năm{_S1}(?P<y>{_Y}))?{_NE}",
    _FLAGS,
)
# ``(ngày 2 và 3-10)``, ``ngày 28, 29/6/2024``: every day is its own DATE.
_DAYLIST_RE = re.compile(
    rf"(?<!\w)(?P<unit>ngày){_S1}{_NB}(?P<first>{_D})(?P<mid>(?:{_LISTSEP}{_D})*){_LISTSEP}"
    rf"(?P<d>{_D})(?P<s>[/.-])(?P<m>{_M})(?:(?P=s)(?P<y>{_Y}))?{_NE}",
    _FLAGS,
)
# ``ngày 15 và 16 tháng 6 năm 2023``: the same list with the month written out.
_DAYLIST_FULL_RE = re.compile(
    rf"(?<!\w)(?P<unit>ngày){_S1}{_NB}(?P<first>{_D})(?P<mid>(?:{_LISTSEP}{_D})*){_LISTSEP}"
    rf"(?P<d>{_D}){_S1}tháng{_S1}(?P<m>{_M})(?:{_S1}năm{_S1}(?P<y>{_Y}))?{_NE}",
    _FLAGS,
)
# ``từ ngày 10 đến 12/4/2024``, ``ngày 10 đến ngày 12 tháng 4``: two DATEs, the first day
# taking the month and year of the second (as ``từ tháng 3 đến tháng 9/2024``).
_DAYRANGE_RE = re.compile(
    rf"(?<!\w)(?P<unit>ngày){_S1}{_NB}(?P<first>{_D}){_S1}(?:cho{_S1})?(?:đến|tới)"
    rf"(?:{_S1}hết)?{_S1}(?P<unit2>ngày{_S1})?{_NB}(?P<d>{_D})"
    rf"(?:(?P<s>[/.-])(?P<m>{_M})(?:(?P=s)(?P<y>{_Y}))?"
    rf"|{_S1}tháng{_S1}(?P<mf>{_M})(?:{_S1}năm{_S1}(?P<yf>{_Y}))?){_NE}",
    _FLAGS,
)
# ``tháng 5/2024``, ``tháng 5-2024``, ``tháng 7 năm 2023``, ``tháng 3``, ``tháng 3 - 5/2024``.
_MONTH_RE = re.compile(
    rf"(?<!\w)(?P<unit>tháng){_S1}(?P<m1>{_M})"
    rf"(?:{_YSEP}(?P<y1>{_Y})|{_S1}năm{_S1}(?P<y1n>{_Y}))?"
    rf"(?:{_RD}(?:tháng{_S1})?(?P<m2>{_M})"
    rf"(?:{_YSEP}(?P<y2>{_Y})|{_S1}năm{_S1}(?P<y2n>{_Y}))?)?{_NE}",
    _FLAGS,
)
# ``quý III/2024``, ``quý 3/2024``, ``Quý I năm 2025``, ``quý II - III/2024``.
_QUARTER_RE = re.compile(
    rf"(?<!\w)(?P<unit>qu[ýí]){_S1}(?P<q1>{_ROMAN_Q})"
    rf"(?:{_RD}(?:qu[ýí]{_S1})?(?P<q2>{_ROMAN_Q}))?"
    rf"(?:{_YSEP}(?P<y>{_Y})|{_S1}năm{_S1}(?P<yn>{_Y}))?{_NE}",
    _FLAGS,
)
# ``năm 2024``, ``năm 2025 – 2026``, ``giai đoạn 2015 – 2020``, ``nhiệm kỳ 2023 – 2028``,
# ``năm học 2024 – 2025`` (the unit of a school year stays outside), ``năm 2020, 2021 và
# 2022`` (one DATE per year).
_YEAR_RE = re.compile(
    rf"(?<!\w)(?P<unit>năm{_S1}học|niên{_S1}kh(?:óa|oá)|năm|giai{_S1}đoạn|nhiệm{_S1}k[ỳì])"
    rf"{_S1}(?P<y1>{_Y})(?:{_RD}(?P<y2>{_Y}))?{_NE}"
    rf"(?P<more>(?:{_LISTSEP}{_Y}{_NE})*)",
    _FLAGS,
)
# A bare period ``2015 – 2020``, ``(2015- 2020)``: two years are reliable, one is not.
_PERIOD_RE = re.compile(rf"{_NB}(?P<y1>{_Y}){_RD}(?P<y2>{_Y}){_NE}")
# Edition numbers: ``lần thứ 2/2018`` -> only the year is a DATE.
_EDITION_RE = re.compile(
    rf"(?<!\w)thứ{_S1}(?:\d{{1,2}}|[IVXLC]{{1,7}}){_S}/{_S}(?P<y>{_Y}){_NE}", _FLAGS
)

# A lunar year name vouches for the year after it: ``Tết Nguyên đán Giáp Thìn 2024``.
_LUNAR_RE = re.compile(
    rf"(?<!\w)(?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý){_S1}"
    rf"(?:Tý|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi){_S1}(?P<y>{_Y}){_NE}",
    _FLAGS,
)

# Units whose DATE starts at the unit even though no pattern above includes them (a day
# period after ``giai đoạn``: ``giai đoạn 1/7 - 31/12/2022``).
_UNIT_BEFORE_RE = re.compile(rf"(?:giai{_S1}đoạn|nhiệm{_S1}k[ỳì]){_S1}$", _FLAGS)

# A number pair with no unit word and no year is only a date when nothing says it is a
# ratio, a fraction, a score, a range of amounts or part of an address.
_PREV_WORD_RE = re.compile(r"([^\W\d_]+)[ \t\u00a0]*$")
_TIME_OF_DAY = frozenset({"sáng", "trưa", "chiều", "tối", "đêm", "khuya", "hôm"})
_STRONG_PREV = _TIME_OF_DAY | {"qua", "nay", "mai", "lúc", "vào", "từ", "đến", "tới", "ngày"}
_BLOCK_PREV = frozenset(
    {"số", "chiếm", "đạt", "có", "gần", "hơn", "khoảng", "trên", "dưới", "lệ", "thắng"}
    | {"thua", "hòa", "gồm", "lớp", "phòng", "được", "nhà", "ngõ", "ngách", "hẻm", "kiệt"}
    | {"tổ", "khu", "thứ", "tổng", "còn", "trong", "sau", "kéo", "dài", "mất", "suốt"}
)
_FOLLOW_BLOCK_RE = re.compile(
    r"[ \t\u00a0]*(?:[%‰]|(?:"
    r"triệu|tỷ|tỉ|nghìn|ngàn|trăm|đồng|usd|vnđ|vnd|người|lượt|cá nhân|tập thể|đơn vị|cđcs"
    r"|cnvclđ|cnlđ|nlđ|đoàn viên|doanh nghiệp|hộ|xã|phường|trường|lần|tuổi|giờ|phút|giây"
    r"|ngày|tháng|tuần|năm(?![ \t\u00a0]+(?:nay|ngoái))|km|kg|tấn|ha|điểm|số|học sinh|em"
    r"|cháu|suất|phần|thành viên|đội|trận|đợt|chiếc|căn|ngôi|sản phẩm|sáng kiến|đề tài"
    r"|mô hình|hội viên|vđv|vận động viên|huy chương|bàn|ván|công đoàn cơ sở|cơ sở"
    r")(?!\w))",
    _FLAGS,
)
# A date right after one of these words is a deadline: it takes the next such date
# after publication rather than the latest one before it.
_DEADLINE_RE = re.compile(
    r"(?:(?:đến|tới)(?:\s+hết)?\s+(?:ngày|tháng)"
    r"|trước(?:\s+(?:ngày|tháng))?"
    r"|hạn(?:\s+(?:chót|cuối))?(?:\s+(?:là|vào|đến))?(?:\s+(?:ngày|tháng))?"
    r"|chậm\s+nhất(?:\s+(?:là|vào|đến|trước))?(?:\s+(?:ngày|tháng))?)\s*:?\s*$",
    _FLAGS,
)
# What may stand between two DATEs of one expression: a range word right before the
# second (``từ tháng 3 đến tháng 9/2024``, ``từ ngày 20/12/2023 và kéo dài đến hết ngày
# 31/3``), so the first may lie in the year before, or a list (``30-4 và 1-5``).
_GAP_RE = re.compile(
    r"(?:[^.!?\n]{0,32}[ \t\u00a0])?(?P<range>(?:cho\s+)?(?:đến|tới|sang)(?:\s+hết)?)[ \t\u00a0]*"
    r"|[ \t\u00a0]*(?P<dash>[-\u2013\u2014])[ \t\u00a0]*"
    r"|[ \t\u00a0,]*(?:(?:và|hoặc|cùng)[ \t\u00a0]+)?",
    _FLAGS,
)
_MAX_GAP = 48
# A count right before a unit word: "5 năm", "hai ngày" (a duration, not the DATE's unit).
_CARDINAL_BEFORE_RE = re.compile(
    r"(?<![\w/.,:])(?:\d{1,3}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi)[ \t\u00a0]+$",
    _FLAGS,
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?…\n](?:(?<=\n)|(?=[”\"’»)\]]*\s))")
_BARE_YEAR_RE = re.compile(rf"\s*(?P<y>{_Y})\s*")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MAX_PERIOD_YEARS = 100  # ``28/7/1929-28/7/2020`` spans 91; longer "periods" are amounts
_BOUNDARY_DAYS = 100  # how far across New Year a bare day-month may be moved
_BOUNDARY_MONTHS = 3


# --------------------------------------------------------------------------------------
# Internal records.
@dataclass
class _Point:
    y: int | None
    m: int | None = None
    d: int | None = None

    def key(self) -> tuple[int, int]:
        return (self.m or 0, self.d or 0)

    def iso(self) -> str:
        out = f"{self.y:04d}" if self.y is not None else "XXXX"
        if self.m is not None:
            out += f"-{self.m:02d}"
            if self.d is not None:
                out += f"-{self.d:02d}"
        return out


@dataclass
class _Raw:
    """A DATE before year resolution: ``b`` is set for intervals."""

    start: int
    end: int
    a: _Point
    b: _Point | None = None
    unit: str | None = None  # the unit word the span starts with, lower-cased
    stated: set[int] = field(default_factory=set)  # years the expression itself writes

    @property
    def stated_year(self) -> int | None:
        """The one year this expression states (``1/7 - 31/12/2022`` -> 2022), if any."""
        return next(iter(self.stated)) if len(self.stated) == 1 else None

    @property
    def needs_year(self) -> bool:
        return self.a.y is None


# --------------------------------------------------------------------------------------
# Helpers.
def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _valid_day(d: int, m: int, y: int | None) -> bool:
    if m == 2 and d == 29 and y is not None:
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return d <= _DAYS_IN_MONTH[m]


def _safe_date(y: int, m: int, d: int) -> datetime.date:
    # 29/2 in a common year: compare as the 28th, the value keeps the written day.
    return datetime.date(y, m, min(d, 28) if m == 2 else d)


def _prev_word(text: str, start: int) -> str | None:
    """The lower-cased word right before ``start`` (only spaces between), if any."""
    prev = _PREV_WORD_RE.search(text, max(0, start - 24), start)
    return prev.group(1).lower() if prev is not None else None


def _bare_context_ok(text: str, start: int, end: int) -> bool:
    """A unit-less, year-less day/month: reject ratios, fractions, scores and amounts."""
    if _FOLLOW_BLOCK_RE.match(text, end) is not None:
        return False  # ``10-12 người``, ``12/15 CĐCS``, ``68-70%``: a count follows
    if text[max(0, start - 2) : start].rstrip(" \t\u00a0").endswith("("):
        return True  # ``Hôm qua (15/4)``: a bracketed day/month is a date
    word = _prev_word(text, start)
    return word in _STRONG_PREV or word not in _BLOCK_PREV


def _follows_ok(text: str, end: int) -> bool:
    return _FOLLOW_BLOCK_RE.match(text, end) is None


def _unit_of(m: re.Match[str]) -> str | None:
    unit = m.group("unit")
    return " ".join(unit.lower().split()) if unit else None


# --------------------------------------------------------------------------------------
# One handler per pattern: a match -> the DATEs it holds, in text order, or None to reject
# it (shorter DATEs inside a rejected match are still found from their own start).
def _on_day(text: str, m: re.Match[str]) -> list[_Raw] | None:
    unit = _unit_of(m)
    s1, s2 = m.group("s1", "s2")
    d1, m1, y1 = (_int(g) for g in m.group("d1", "m1", "y1"))
    d2, m2, y2 = int(m.group("d2")), int(m.group("m2")), _int(m.group("y2"))
    # Dotted pairs are decimals (``15.8`` tỷ) unless a year, ``ngày`` or a time of day
    # (``Sáng 25.10``) vouches for them.
    if (
        unit is None
        and ((s2 == "." and y2 is None) or (s1 == "." and y1 is None))
        and _prev_word(text, m.start()) not in _TIME_OF_DAY
    ):
        return None
    if d1 is not None and m1 is None and unit is None and y2 is None:
        return None  # ``5 - 28/6``: a bare left day needs ``ngày`` or a year
    if (
        y1 is None
        and y2 is None
        and unit is None
        and not _bare_context_ok(text, m.start(), m.end())
    ):
        return None
    if not _valid_day(d2, m2, y2):
        return None
    b = _Point(y2, m2, d2)
    stated = {y for y in (y1, y2) if y is not None}
    if d1 is None:
        return [_Raw(m.start(), m.end(), b, None, unit, stated)]
    month1 = m1 if m1 is not None else m2  # ``ngày 4 - 10/11/2013``
    if not _valid_day(d1, month1, y1):
        return None
    a = _Point(y1, month1, d1)
    if a.y is None and b.y is not None:
        a.y = b.y - 1 if a.key() > b.key() else b.y
    elif b.y is None and a.y is not None:
        b.y = a.y + 1 if b.key() < a.key() else a.y
    return [_Raw(m.start(), m.end(), a, b, unit, stated)]


def _on_full(text: str, m: re.Match[str]) -> list[_Raw] | None:
    unit = _unit_of(m)
    d, mo, y = int(m.group("d")), int(m.group("m")), _int(m.group("y"))
    # ``3 tháng 5 ngày`` is a duration; without ``ngày`` the context must vouch too.
    if y is None and not (
        _follows_ok(text, m.end()) if unit else _bare_context_ok(text, m.start(), m.end())
    ):
        return None
    if not _valid_day(d, mo, y):
        return None
    stated = {y} if y is not None else set()
    return [_Raw(m.start(), m.end(), _Point(y, mo, d), None, unit, stated)]


def _on_daylist(text: str, m: re.Match[str]) -> list[_Raw] | None:
    month, year = int(m.group("m")), _int(m.group("y"))
    # (start, end, day) of every day in the list; only the first carries ``ngày``.
    days = [(m.start(), m.end("first"), int(m.group("first")))]
    mid_start = m.start("mid")
    for num in re.finditer(r"\d+", m.group("mid")):
        days.append((mid_start + num.start(), mid_start + num.end(), int(num.group())))
    days.append((m.start("d"), m.end(), int(m.group("d"))))
    if not all(_valid_day(day, month, year) for _, _, day in days):
        return None
    stated = {year} if year is not None else set()
    return [
        _Raw(start, end, _Point(year, month, day), None, "ngày" if i == 0 else None, set(stated))
        for i, (start, end, day) in enumerate(days)
    ]


def _on_dayrange(text: str, m: re.Match[str]) -> list[_Raw] | None:
    month = int(m.group("m") or m.group("mf"))
    year = _int(m.group("y") or m.group("yf"))
    first, last = int(m.group("first")), int(m.group("d"))
    if not (_valid_day(first, month, year) and _valid_day(last, month, year)) or first >= last:
        return None
    stated = {year} if year is not None else set()
    second_start = m.start("unit2") if m.group("unit2") else m.start("d")
    return [
        _Raw(m.start(), m.end("first"), _Point(year, month, first), None, "ngày", set(stated)),
        _Raw(
            second_start,
            m.end(),
            _Point(year, month, last),
            None,
            "ngày" if m.group("unit2") else None,
            set(stated),
        ),
    ]


def _month_year(m: re.Match[str], i: int) -> int | None:
    return _int(m.group(f"y{i}") or m.group(f"y{i}n"))


def _on_month(text: str, m: re.Match[str]) -> list[_Raw] | None:
    unit = _unit_of(m)
    m1, y1 = int(m.group("m1")), _month_year(m, 1)
    m2, y2 = _int(m.group("m2")), _month_year(m, 2)
    if y1 is None and y2 is None:
        # ``3 tháng 5 đồng chí``: a count of months followed by a number is no date, and
        # neither is ``tháng 5 đơn vị``.
        prev = text[max(0, m.start() - 8) : m.start()].rstrip(" \t\u00a0")
        if prev[-1:].isdigit() or not _follows_ok(text, m.end()):
            return None
    stated = {y for y in (y1, y2) if y is not None}
    a = _Point(y1, m1)
    if m2 is None:
        return [_Raw(m.start(), m.end(), a, None, unit, stated)]
    b = _Point(y2, m2)
    if a.y is None and b.y is not None:
        a.y = b.y - 1 if a.key() > b.key() else b.y
    elif b.y is None and a.y is not None:
        b.y = a.y + 1 if b.key() < a.key() else a.y
    return [_Raw(m.start(), m.end(), a, b, unit, stated)]


def _on_quarter(text: str, m: re.Match[str]) -> list[_Raw] | None:
    q1 = _ROMAN[m.group("q1").lower()]
    q2 = _ROMAN[m.group("q2").lower()] if m.group("q2") else q1
    if q2 < q1:
        return None
    y = _int(m.group("y") or m.group("yn"))
    stated = {y} if y is not None else set()
    a, b = _Point(y, 3 * q1 - 2), _Point(y, 3 * q2)
    return [_Raw(m.start(), m.end(), a, b, _unit_of(m), stated)]


def _period_ok(y1: int, y2: int) -> bool:
    return y1 < y2 <= y1 + _MAX_PERIOD_YEARS


def _on_year(text: str, m: re.Match[str]) -> list[_Raw] | None:
    unit = _unit_of(m)
    y1, y2 = int(m.group("y1")), _int(m.group("y2"))
    start = m.start()
    if unit in ("năm học", "niên khóa", "niên khoá"):
        start, unit = m.start("y1"), None  # ``năm học 2024 – 2025``: the years alone
    if y2 is not None and not _period_ok(y1, y2):
        # Not a period: keep the first year alone.
        return [_Raw(start, m.end("y1"), _Point(y1), None, unit, {y1})]
    if y2 is None:
        out = [_Raw(start, m.end("y1"), _Point(y1), None, unit, {y1})]
    else:
        out = [_Raw(start, m.end("y2"), _Point(y1), _Point(y2), unit, {y1, y2})]
    if unit == "năm" and m.group("more"):
        base = m.start("more")
        for num in re.finditer(r"\d{4}", m.group("more")):
            y = int(num.group())
            s, e = base + num.start(), base + num.end()
            out.append(_Raw(s, e, _Point(y), None, None, {y}))
    return out


def _on_period(text: str, m: re.Match[str]) -> list[_Raw] | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y1 < 1800 or not _period_ok(y1, y2) or not _follows_ok(text, m.end()):
        return None
    if _prev_word(text, m.start()) == "số":
        return None
    return [_Raw(m.start(), m.end(), _Point(y1), _Point(y2), None, {y1, y2})]


def _on_year_only(text: str, m: re.Match[str]) -> list[_Raw] | None:
    """``lần thứ 2/2018``, ``Giáp Thìn 2024``: the year alone is the DATE."""
    y = int(m.group("y"))
    return [_Raw(m.start("y"), m.end("y"), _Point(y), None, None, {y})]


_Handler = Callable[[str, re.Match[str]], list[_Raw] | None]

# Every DATE starts at a number or at a word from a short list. Rather than scanning the
# whole text once per pattern, two cheap scans find those starting points (``_DIGITS_RE``,
# ``_GATE_RE``) and each pattern is tried there with an anchored ``match``. The gate
# starts with a character class so the regex engine skips ahead in C; the rest of the word
# is checked loosely (a false start only costs a failed ``match``).
# A number not glued to a word, a path, a time or a decimal (the patterns' ``_NB``).
_DIGITS_RE = re.compile(r"\d(?<![\w/:]\d)(?<!\d[.,]\d)\d*")
_GATE_RE = re.compile(
    r"[nNtTqQgGbBđĐmMkKcCấẤ](?<!\w.)"
    r"(?i:gày|háng|ăm|hiệm|iên|hâm|u[ýí]|hứ|iai|iáp|t|ính|inh|ậu|ỷ|anh|ân)(?!\w)"
)
# (rank, pattern, handler); the rank is the tie-break between candidates with one span.
_Try = tuple[tuple[int, re.Pattern[str], _Handler], ...]
_FULL = (0, _FULL_RE, _on_full)
_DAYLIST = (1, _DAYLIST_RE, _on_daylist)
_DAY = (2, _DAY_RE, _on_day)
_DAYLIST_FULL = (1, _DAYLIST_FULL_RE, _on_daylist)
_DAYRANGE = (1, _DAYRANGE_RE, _on_dayrange)
_QUARTER = (3, _QUARTER_RE, _on_quarter)
_MONTH = (4, _MONTH_RE, _on_month)
_YEAR = (5, _YEAR_RE, _on_year)
_PERIOD = (6, _PERIOD_RE, _on_period)
_EDITION = (7, _EDITION_RE, _on_year_only)
_LUNAR = (8, _LUNAR_RE, _on_year_only)
_AT_WORD: dict[str, _Try] = {
    "ngày": (_FULL, _DAYLIST, _DAYLIST_FULL, _DAYRANGE, _DAY),
    "tháng": (_MONTH,),
    "năm": (_YEAR,),
    "giai": (_YEAR,),
    "nhiệm": (_YEAR,),
    "niên": (_YEAR,),
    "quý": (_QUARTER, _LUNAR),
    "quí": (_QUARTER,),
    "thứ": (_EDITION,),
    **dict.fromkeys(("giáp", "ất", "bính", "đinh", "mậu", "kỷ", "canh", "tân", "nhâm"), (_LUNAR,)),
}
# By the length of the number a DATE starts with: a day (``28/6``, ``28 tháng 6``) or a
# year (``2015 – 2020``).
_AT_DAY: _Try = (_FULL, _DAY)
_AT_YEAR: _Try = (_PERIOD,)


def _candidates(text: str) -> list[_Raw]:
    groups: list[tuple[int, int, int, list[_Raw]]] = []
    starts: list[tuple[int, _Try]] = []
    for m in _DIGITS_RE.finditer(text):
        size = m.end() - m.start()
        if size <= 2:
            starts.append((m.start(), _AT_DAY))
        elif size == 4:
            starts.append((m.start(), _AT_YEAR))
    for m in _GATE_RE.finditer(text):
        tries = _AT_WORD.get(m.group().lower())
        if tries is not None:
            starts.append((m.start(), tries))
    for pos, tries in starts:
        for rank, pattern, handler in tries:
            m = pattern.match(text, pos)
            if m is not None and (raws := handler(text, m)):
                # Handlers return their DATEs in text order.
                groups.append((raws[0].start, -raws[-1].end, rank, raws))
    # Greedy: leftmost, then longest, then pattern rank; a group keeps or loses all its
    # DATEs together (``ngày 2 và 3-10``). A rejected match leaves room for a shorter one
    # inside it, found at its own starting point (``5 - 28/6`` -> ``28/6``).
    groups.sort(key=lambda g: g[:3])
    out: list[_Raw] = []
    last_end = -1
    for start, neg_end, _rank, raws in groups:
        if start >= last_end:
            out.extend(raws)
            last_end = -neg_end
    for raw in out:
        if raw.unit is None and raw.a.m is not None:
            unit = _UNIT_BEFORE_RE.search(text, max(0, raw.start - 16), raw.start)
            if unit is not None:
                raw.start = unit.start()
                raw.unit = " ".join(unit.group().lower().split())
        elif raw.unit in ("năm", "ngày") and _CARDINAL_BEFORE_RE.search(
            text, max(0, raw.start - 12), raw.start
        ):
            # "5 năm 2016 - 2020", "2 ngày 20 và 21.1": the unit word counts a duration, the
            # DATE is the numbers after it
            number = _DIGITS_RE.search(text, raw.start)
            if number is not None and number.start() < raw.end:
                raw.start = number.start()
                raw.unit = None
    out.sort(key=lambda r: r.start)
    return out


# --------------------------------------------------------------------------------------
# Year resolution.
def _sentence_ids(
    text: str, raws: list[_Raw], sentences: Sequence[tuple[int, int]] | None
) -> list[int]:
    """A sentence number for each DATE; two DATEs share a sentence iff their numbers match.

    With no ``sentences`` given, a sentence ends at a line break or at ``.``, ``!``, ``?``,
    ``…`` followed by white space (``15.8.2024`` and ``3.625`` never end one). Only the
    gaps between consecutive DATEs are searched, so this costs at most one pass.
    """
    if sentences is None:
        ids = [0]
        for i in range(1, len(raws)):
            lo, hi = raws[i - 1].end, max(raws[i - 1].end, raws[i].start)
            ids.append(ids[-1] + (_SENTENCE_BREAK_RE.search(text, lo, hi) is not None))
        return ids
    # DATEs and spans are both in text order: one walk pairs them.
    spans = sorted(sentences)
    ids = []
    k = 0
    for i, raw in enumerate(raws):
        while k < len(spans) and spans[k][1] <= raw.start:
            k += 1
        inside = k < len(spans) and spans[k][0] <= raw.start
        # A DATE outside every given sentence shares its sentence with no other DATE.
        ids.append(k if inside else -1 - i)
    return ids


def _partner_year(text: str, raws: list[_Raw], i: int) -> int | None:
    """The year of a DATE joined to ``raws[i]`` in one expression (``đến``, ``và``, dash)."""
    raw = raws[i]
    for j, ahead in ((i + 1, True), (i - 1, False)):
        if not 0 <= j < len(raws):
            continue
        other = raws[j]
        year = other.stated_year
        if year is None or other.a.m is None:
            continue  # a year-only DATE names a period, not this day's year (see below)
        lo, hi = (raw.end, other.start) if ahead else (other.end, raw.start)
        if hi - lo > _MAX_GAP:
            continue
        gap = _GAP_RE.fullmatch(text, lo, hi)
        if gap is None:
            continue
        if gap.group("range") is None and gap.group("dash") is None:
            return year  # a list: same year
        first, second = (raw.a, other.a) if ahead else (other.b or other.a, raw.a)
        if first.key() > second.key():  # ``tháng 12 đến tháng 3/2024``
            return year - 1 if ahead else year + 1
        return year
    return None


def _sentence_years(raws: list[_Raw], sent_ids: list[int]) -> list[tuple[int | None, int | None]]:
    """For each DATE, the years the other DATEs of its sentence state (periods state none).

    Each entry holds the year of the nearest day- or month-level DATE (``ngày 28/6/2022``)
    and the latest year of a year-only DATE (``năm 2023``). The two are kept apart because
    a year-only DATE usually names a work period, not the day's year: ``Chiều 11/1, ...
    tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024`` is 11 January 2024. Two
    passes (left to right, right to left) keep this linear in the number of DATEs.
    """
    n = len(raws)
    left: list[tuple[int, int] | None] = [None] * n  # (end of that DATE, its year)
    right: list[tuple[int, int] | None] = [None] * n  # (start of that DATE, its year)
    coarse: dict[int, int] = {}
    for order, slots in ((range(n), left), (range(n - 1, -1, -1), right)):
        seen: tuple[int, int] | None = None
        sid: int | None = None
        for i in order:
            if sent_ids[i] != sid:
                seen, sid = None, sent_ids[i]
            slots[i] = seen
            raw = raws[i]
            if (year := raw.stated_year) is None:
                continue
            if raw.a.m is None:
                coarse[sid] = max(year, coarse.get(sid, year))
            else:
                seen = (raw.end if slots is left else raw.start, year)
    out: list[tuple[int | None, int | None]] = []
    for i, raw in enumerate(raws):
        before, after = left[i], right[i]
        fine = None
        if before is not None:
            fine = before[1]
        if after is not None and (before is None or after[0] - raw.end < raw.start - before[0]):
            fine = after[1]
        out.append((fine, coarse.get(sent_ids[i])))
    return out


def _is_deadline(text: str, raw: _Raw) -> bool:
    before = text[max(0, raw.start - 40) : raw.start]
    if raw.unit in ("ngày", "tháng"):
        before += raw.unit
    return _DEADLINE_RE.search(before) is not None


def _published_year(point: _Point, published: datetime.date, deadline: bool) -> int:
    """The publication year, moved across New Year when the date sits just across it."""
    y = published.year
    if point.m is None:
        return y
    if point.d is None:
        if not deadline and point.m > published.month:
            if (published.month - point.m) % 12 <= _BOUNDARY_MONTHS:
                return y - 1
        if deadline and point.m < published.month:
            if (point.m - published.month) % 12 <= _BOUNDARY_MONTHS:
                return y + 1
        return y
    here = _safe_date(y, point.m, point.d)
    if not deadline and here > published:
        if (published - _safe_date(y - 1, point.m, point.d)).days <= _BOUNDARY_DAYS:
            return y - 1
    if deadline and here < published:
        if (_safe_date(y + 1, point.m, point.d) - published).days <= _BOUNDARY_DAYS:
            return y + 1
    return y


def _resolve(
    text: str,
    raws: list[_Raw],
    sentences: Sequence[tuple[int, int]] | None,
    published: datetime.date | None,
    context_year: int | None,
) -> None:
    if not any(raw.needs_year for raw in raws):
        return
    if isinstance(published, datetime.datetime):
        published = published.date()  # a datetime does not compare with a date
    context = _sentence_years(raws, _sentence_ids(text, raws, sentences))
    # Every source below reads only ``stated`` years, never resolved ones, so the order in
    # which DATEs are resolved does not matter. Precedence: the same expression (``từ
    # tháng 3 đến tháng 9/2024``), a full date in the same sentence, the caller's context
    # year, the publication date (the guidelines: "a bare month or day-month takes the
    # publication year"), and only without one, a year-only DATE of the sentence.
    for i, raw in enumerate(raws):
        if not raw.needs_year:
            continue
        year = _partner_year(text, raws, i)
        if year is None:
            fine, coarse = context[i]
            year = fine or context_year
            if year is None and published is not None:
                year = _published_year(raw.a, published, _is_deadline(text, raw))
            year = year or coarse
        if year is None:
            continue
        raw.a.y = year
        if raw.b is not None and raw.b.y is None:
            raw.b.y = year + 1 if raw.b.key() < raw.a.key() else year


def _to_mention(text: str, raw: _Raw) -> DateMention:
    value = raw.a.iso() if raw.b is None else f"{raw.a.iso()}/{raw.b.iso()}"
    return DateMention(raw.start, raw.end, text[raw.start : raw.end], value)


# --------------------------------------------------------------------------------------
# Public API.
def find_dates(
    text: str,
    published: datetime.date | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Every DATE in ``text`` with its ISO value, in text order.

    ``text`` is NFC-normalized with new-style tone placement (the caller maps offsets
    back). ``published`` resolves years the text leaves out. ``sentences`` are the
    (start, end) spans of the sentences, used to find a year stated in the same sentence;
    when omitted the text is split on sentence punctuation and line breaks.
    """
    if not text:
        return []
    raws = _candidates(text)
    _resolve(text, raws, sentences, published, None)
    return [_to_mention(text, raw) for raw in raws]


def date_value(
    expression: str,
    published: datetime.date | None = None,
    context_year: int | None = None,
) -> str | None:
    """The ISO value of one date expression (``ngày 28/6``, ``quý III/2024``, ``2022``).

    A year missing from the expression comes from ``context_year`` (a year the caller
    knows from the sentence), else from ``published``, else it is ``XXXX``. When the
    expression holds several DATEs the first one's value is returned; None when it holds
    none.
    """
    bare = _BARE_YEAR_RE.fullmatch(expression)
    if bare is not None:
        return bare.group("y")  # a bare year is unreliable in running text, not here
    raws = _candidates(expression)
    if not raws:
        return None
    _resolve(expression, raws, [(0, len(expression))], published, context_year)
    return _to_mention(expression, raws[0]).value
