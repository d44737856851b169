"""Rules that mend the tagger's spans where real portal text trips it up.

The CRF learns from the corpus; real pages put words together in ways the corpus rarely
shows. Each rule below fixes one such mechanism, the way the guidelines read it, never
one article:

- a title, its organization and the person's name run together without a comma
  (``Phó Chủ tịch Tổng LĐLĐ Việt Nam Ngọ Duy Hiểu``): the ORG stops before the name;
- national bodies the guidelines make ORG (``Trung ương Đảng``, capitalised ``Đảng``,
  ``Nhà nước``, ``Quốc hội``, ``Tổng LĐLĐVN``) wherever they stand;
- generic mentions (``CĐCS``, ``công đoàn cơ sở``) are no ORG, and a venue building
  (``Nhà Văn hóa Lao động tỉnh An Giang``) is no ORG, the place inside it is a LOC;
- an entity never starts or ends inside a word (``Thu ThủyXem phản hồi``), never runs
  across a quotation mark, and an ORG never runs on into a verb (``Tổng Liên đoàn Lao động
  trao Kỷ niệm chương``) or, in an ALL-CAPS headline, into the headline's verb;
- a photo credit's ``Ảnh`` is not part of the name after it.

Spans are ``(start, end, label)`` tuples over the normalized text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

from vn_union_nlp.ner.lexicon import FAMOUS_PEOPLE, SURNAMES

Span = tuple[int, int, str]

_TITLE_BEFORE_RE = re.compile(
    r"(?:chủ tịch|bí thư|giám đốc|trưởng ban|trưởng|thường trực|ủy viên|uỷ viên|tổng biên tập"
    r"|chánh văn phòng|phó|đại biểu)\s*$",
    re.IGNORECASE,
)
# Heads whose names may end in a person's name (schools, companies, prizes, streets).
_NAMED_AFTER_PERSON_RE = re.compile(
    r"(?:^|\s)(?:trường|công ty|tổng công ty|bệnh viện|nhà máy|xí nghiệp|tập đoàn|ngân hàng|hợp tác xã"
    r"|htx|quỹ|giải thưởng|học viện|đại học|thư viện|nhà văn hóa|bảo tàng|khu|đường|phố)\b",
    re.IGNORECASE,
)
_SYLLABLE_RE = re.compile(r"[^\W\d_]+")
_LEVEL_END_RE = re.compile(
    r"(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu|Tỉnh|Thành phố)$"
)
_PLACE_END_RE = re.compile(r"(?:Việt Nam|Trung ương|[A-ZĐ]\w*)$")
# A leading title word the tagger sometimes takes into the ORG ("Thường trực Tỉnh ủy").
_LEADING_TITLE_RE = re.compile(r"^(?:Thường [Tt]rực|Phó|Ủy viên|Uỷ viên)\s+(?=[A-ZĐ])")
_LEADING_PREPOSITION_RE = re.compile(r"^(?:Theo|Tại|Từ|Của|Với|Cho|Và|Cùng)\s+(?=[A-ZĐ])")
# Names of causes, awards and slogans in quotes, never of organizations.
_NOT_ORG_START = frozenset({"Vì", "Nhằm", "Để", "Hướng", "Chung", "Tiếp", "Đẩy"})

_NATIONAL_BODIES_RE = re.compile(
    r"(?<![\w-])(?:"
    r"(?:Ban Chấp hành |BCH )?Trung ương Đảng(?: Cộng sản Việt Nam)?"
    r"|BCHT\.?Ư Đảng"
    r"|Đảng Cộng sản Việt Nam"
    r"|Bộ Chính trị|Ban Bí thư|Quốc hội|Chính phủ|Nhà nước"
    r"|Ban (?:Tuyên giáo|Dân vận|Tổ chức|Đối ngoại|Kinh tế|Nội chính|Tuyên giáo và Dân vận)"
    r" Trung ương"
    r"|Ủy ban Kiểm tra Trung ương|Uỷ ban Kiểm tra Trung ương"
    r"|Tổng LĐLĐ ?VN|Tổng LĐLĐ Việt Nam|Tổng Liên đoàn Lao động Việt Nam"
    r"|Đảng(?!\s+(?:viên|ủy|uỷ|bộ|đoàn|phí|kỳ|tịch|Cộng|ủy viên)\b)"
    r")(?![\w-])"
)
_GENERIC_ORGS = frozenset({"cđcs", "công đoàn cơ sở", "công đoàn", "cđ", "công đoàn cấp trên"})
_GENERIC_LINK_RE = re.compile(
    r"^(?:CĐCS|Công đoàn cơ sở|công đoàn cơ sở)\s+(?:trực thuộc|thuộc|được|của|tại)\s+"
)
_LEVEL_NAME_RE = re.compile(
    r"\b(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|phường|xã)\s+((?:[A-ZĐ][\w]*)(?:\s+[A-ZĐ][\w]*){0,3})"
)
_VENUE_RE = re.compile(
    r"^(?:Nhà [Vv]ăn hóa|Nhà [Vv]ăn hoá|Trung tâm Hội nghị|Hội trường|Cung [Vv]ăn hóa"
    r"|Nhà thi đấu|Sân vận động)\b"
)
# Verbs that end an organization's name when the tagger runs on ("... Lao động trao ...").
_VERB_IN_ORG_RE = re.compile(
    r"\s+(?:trao|tặng|tổ chức|phát động|tham gia|tổng kết|sơ kết|triển khai|hỗ trợ|đón nhận"
    r"|ra mắt|khai mạc|chúc mừng|thăm|phối hợp|ký kết|tuyên dương|biểu dương|khen thưởng|được"
    r"|và (?=(?:Ủy|Uỷ) viên|Chủ tịch|Phó|Bí thư|Giám đốc|Trưởng))\b"
)
_CAPS_VERB_RE = re.compile(
    r"\s+(?:TỔ CHỨC|PHÁT ĐỘNG|TỔNG KẾT|SƠ KẾT|TRAO|TẶNG|THAM GIA|PHÁT HUY|TRIỂN KHAI|KHEN THƯỞNG"
    r"|TUYÊN DƯƠNG|BIỂU DƯƠNG|HỖ TRỢ|THĂM|CHÚC MỪNG|ĐÓN NHẬN|KỶ NIỆM|HỌP MẶT|GẶP MẶT|HƯỞNG ỨNG"
    r"|THI ĐUA|VỚI|CHO|ĐẠT|NHẬN|RA MẮT|KHAI MẠC|VINH DANH)\b"
)
_QUOTES = '“”"«»'
_PHOTO_PREFIX_RE = re.compile(r"^(?:Ảnh|ảnh|Tin, ảnh|Tin-ảnh|Tin - ảnh)\s*:?\s*")
_FAMOUS = frozenset((*FAMOUS_PEOPLE, "Hai Bà Trưng"))


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _glued(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return _is_word_char(before) or _is_word_char(after)


def _person_suffix(text: str, start: int, end: int) -> int | None:
    """Start of a person's name that ends an ORG span, or None.

    The name is the last two to four capitalised syllables, one space apart; one that
    opens with a family name is preferred ("Tỉnh ủy Phú Thọ Phùng Khánh Tài"), three
    syllables without one are a name too ("Ngọ Duy Hiểu").
    """
    piece = text[start:end]
    syllables = list(_SYLLABLE_RE.finditer(piece))
    found: list[tuple[bool, int, int]] = []
    for size in (4, 3, 2):
        if len(syllables) <= size:
            continue
        tail = syllables[-size:]
        if not all(m.group()[0].isupper() for m in tail):
            continue
        surname = tail[0].group() in SURNAMES
        if not surname and size < 3:
            continue
        if any(m.group().isupper() and len(m.group()) > 1 for m in tail):
            continue  # an abbreviation, not a name
        if any(piece[a.end() : b.start()] != " " for a, b in itertools.pairwise(tail)):
            continue  # "Bà Rịa – Vũng Tàu": a name's syllables stand one space apart
        cut = start + tail[0].start()
        before = text[start:cut].rstrip()
        last_word = before.split()[-1] if before.split() else ""
        if _LEVEL_END_RE.search(before) or _is_place(text[cut:end]):
            continue  # "LĐLĐ tỉnh Lạng Sơn": the place of the ORG, not a person
        # the ORG before the name must end like one: a lower-case word ("Sở Tư pháp"),
        # a place or "Việt Nam" / "Trung ương"
        if not last_word or not (last_word[0].islower() or _PLACE_END_RE.search(before)):
            continue
        found.append((surname, size, cut))
    if not found:
        return None
    return max(found)[2]  # a family name first, then the longest


def _is_place(name: str) -> bool:
    from vn_union_nlp.ner.gazetteer import load_gazetteer

    kinds = load_gazetteer().kinds(name.strip())
    return bool(kinds & {"province", "province_new", "district", "region"})


def _split_title_run_on(text: str, span: Span) -> list[Span]:
    start, end, label = span
    if label != "ORG" or _NAMED_AFTER_PERSON_RE.search(text[start:end]):
        return [span]
    if not _TITLE_BEFORE_RE.search(text, max(0, start - 40), start):
        return [span]
    cut = _person_suffix(text, start, end)
    if cut is None:
        return [span]
    org_end = start + len(text[start:cut].rstrip())
    return [(start, org_end, "ORG"), (cut, end, "PER")]


def _trim(text: str, span: Span) -> Span | None:
    start, end, label = span
    piece = text[start:end]
    if label == "ORG":
        for regex in (_LEADING_TITLE_RE, _LEADING_PREPOSITION_RE):
            m = regex.match(piece)
            if m:
                start += m.end()
                piece = text[start:end]
        if piece.split()[0] in _NOT_ORG_START:
            return None
        verb = _VERB_IN_ORG_RE.search(piece)
        if verb is not None:
            end = start + verb.start()
        elif piece.isupper():
            verb = _CAPS_VERB_RE.search(piece)
            if verb is not None:
                end = start + verb.start()
    elif label == "PER":
        m = _PHOTO_PREFIX_RE.match(piece)
        if m and m.end() < len(piece):
            start += m.end()
    piece = text[start:end]
    quote = next((i for i, c in enumerate(piece) if c in _QUOTES), None)
    if quote is not None:
        end = start + len(piece[:quote].rstrip(" ,-–"))
    if end <= start:
        return None
    piece = text[start:end]
    if (
        label == "PER"
        and "." not in piece
        and all(len(w) == 1 for w in _SYLLABLE_RE.findall(piece))
    ):
        return None  # "A A": letters, not a name
    if label == "LOC" and piece in _FAMOUS:
        return (start, end, "PER")  # "Khởi nghĩa Hai Bà Trưng"
    if label == "ORG" and piece.casefold() in _GENERIC_ORGS:
        return None
    return (start, end, label)


def _generic_link(text: str, span: Span) -> list[Span]:
    """``CĐCS trực thuộc LĐLĐ tỉnh``: the generic head is no ORG, what follows may be."""
    start, end, label = span
    m = _GENERIC_LINK_RE.match(text[start:end]) if label == "ORG" else None
    if m is None:
        return [span]
    rest = start + m.end()
    level = re.match(r"(?:phường|xã|huyện|quận|tỉnh|thành phố|thị xã)\s+", text[rest:end])
    if level:
        return [(rest + level.end(), end, "LOC")]
    return [(rest, end, "ORG")]


def _venue(text: str, span: Span) -> list[Span]:
    """A venue building is no entity; a place named in it after its level word is."""
    start, end, label = span
    if label != "ORG" or not _VENUE_RE.match(text[start:end]):
        return [span]
    return [
        (start + m.start(1), start + m.end(1), "LOC")
        for m in _LEVEL_NAME_RE.finditer(text[start:end])
    ]


def _national_bodies(text: str, spans: list[Span], lo: int, hi: int) -> list[Span]:
    """Add the national bodies the tagger misses; one replaces a span it covers or equals."""
    out = sorted(spans)
    starts = [span[0] for span in out]
    longest = max((span[1] - span[0] for span in out), default=0)
    for m in _NATIONAL_BODIES_RE.finditer(text, lo, hi):
        start, end = m.span()
        first = bisect.bisect_left(starts, start - longest)
        last = bisect.bisect_left(starts, end)
        overlapping = [i for i in range(first, last) if out[i][1] > start]
        if any(out[i][0] < start or out[i][1] > end for i in overlapping):
            continue  # inside a longer name ("Văn phòng Quốc hội")
        for i in reversed(overlapping):
            del out[i], starts[i]
        at = bisect.bisect_left(starts, start)
        out.insert(at, (start, end, "ORG"))
        starts.insert(at, start)
        longest = max(longest, end - start)
    return out


_LEVEL_TAIL_RE = re.compile(r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)$", re.IGNORECASE)
_CAPS_WORDS_RE = re.compile(r"[ \t]+((?:[A-ZĐÀ-Ỹ][^\W\d_]*)(?:[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*){0,3})")


def _extend_over_place(text: str, span: Span, starts: list[int], spans: list[Span]) -> Span:
    """``LĐLĐ TỈNH`` + `` GIA LAI``: an ORG that ends with its level word takes the place
    name after it (in headlines the tagger stops at the level word). ``spans`` are all the
    spans, sorted, and ``starts`` their starts."""
    start, end, label = span
    if label != "ORG" or not _LEVEL_TAIL_RE.search(text[start:end]):
        return span
    m = _CAPS_WORDS_RE.match(text, end)
    if m is None:
        return span
    words = m.group(1).split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        if _is_place(name.title() if name.isupper() else name):
            stop = m.start(1) + len(name)
            inside = spans[bisect.bisect_left(starts, end) : bisect.bisect_left(starts, stop)]
            if not any(other[2] != "LOC" for other in inside):
                return (start, stop, "ORG")
    return span


# Bodies of an organization written before its name: the ORG takes them ("Ban chấp hành
# LĐLĐ huyện", "Đoàn đại biểu Quốc hội tỉnh", "Tổ Công đoàn Bệnh viện ...").
_BODY_PREFIX_RE = re.compile(
    r"(?:Ban [Cc]hấp hành|Ban [Tt]hường vụ|BCH|BTV|Đoàn đại biểu|Đoàn Chủ tịch|Tổ|Thường trực)"
    r"[ \t]+$"
)
# ... unless the body is being elected ("bầu Ban Chấp hành LĐLĐ tỉnh khóa XIII": only the
# federation is an entity) or the words end a title ("Phó Bí thư Thường trực Tỉnh ủy").
_ELECTED_BEFORE_RE = re.compile(r"(?:bầu|bầu ra|chỉ định|chuẩn y)[ \t]+$")
_ELECTED_PREFIX_RE = re.compile(
    r"^(?:Ban [Cc]hấp hành|Ban [Tt]hường vụ|Ủy ban [Kk]iểm tra|Uỷ ban [Kk]iểm tra|BCH|BTV)[ \t]+"
)
_TITLE_END_RE = re.compile(r"(?:[Bb]í thư|[Cc]hủ tịch|[Gg]iám đốc|[Tt]rưởng ban|Phó)[ \t]+$")
# "các Huyện ủy, Thị ủy, Thành ủy": the items after a generic plural are generic too
_BARE_BODY_RE = re.compile(r"^(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|UBND|HĐND|Đảng ủy)$")
_GENERIC_LIST_RE = re.compile(r"\bcác\s+[^.;:]{0,60},\s*$")
# "Lê Thu – Quang Sơn", "T.Vũ - P.T": two bylines joined by a dash
_DASH_SPLIT_RE = re.compile(r"\s+[-–—]\s+")


def _bodies(text: str, span: Span) -> Span | None:
    start, end, label = span
    if label != "ORG":
        return span
    elected = _ELECTED_PREFIX_RE.match(text, start)
    if elected is not None and _ELECTED_BEFORE_RE.search(text, max(0, start - 12), start):
        # the committee being elected is no entity, the federation named after it is
        return (elected.end(), end, "ORG") if elected.end() < end else None
    before = text[max(0, start - 30) : start]
    m = _BODY_PREFIX_RE.search(before)
    if m is not None:
        prefix_start = start - (len(before) - m.start())
        after_title = _TITLE_END_RE.search(text, max(0, prefix_start - 20), prefix_start)
        elected_before = _ELECTED_BEFORE_RE.search(text, max(0, prefix_start - 12), prefix_start)
        if not after_title and not elected_before:
            return (prefix_start, end, "ORG")
    if _BARE_BODY_RE.match(text[start:end]) and _GENERIC_LIST_RE.search(
        text, max(0, start - 70), start
    ):
        return None
    return span


def _split_dashed_byline(text: str, span: Span) -> list[Span]:
    start, end, label = span
    if label != "PER":
        return [span]
    parts = _DASH_SPLIT_RE.split(text[start:end])
    if len(parts) != 2 or not all(p and p[0].isupper() for p in parts):
        return [span]
    m = _DASH_SPLIT_RE.search(text, start, end)
    return [(start, m.start(), "PER"), (m.end(), end, "PER")]


def _country_split(text: str, spans: list[Span]) -> list[Span]:
    """``Tổng LĐLĐ Việt`` + ``Nam Ngọ Duy Hiểu``: "Việt Nam" goes with the ORG."""
    out = list(spans)
    for i, (start, end, label) in enumerate(out):
        if label != "PER" or not text.startswith("Nam ", start):
            continue
        j = next((k for k, o in enumerate(out) if o[1] == start - 1 and o[2] == "ORG"), None)
        if j is not None and text[out[j][0] : out[j][1]].endswith("Việt"):
            out[j] = (out[j][0], start + 3, "ORG")
            out[i] = (start + 4, end, "PER")
    return out


def repair(text: str, spans: Iterable[Span], lo: int, hi: int) -> list[Span]:
    """The tagger's PER/ORG/LOC spans of ``text[lo:hi]``, mended by the rules above."""
    pieces = _country_split(text, list(spans))
    for split in (_split_title_run_on, _generic_link, _venue):
        pieces = [piece for span in pieces for piece in split(text, span)]
    out: list[Span] = []
    for piece in pieces:
        trimmed = _trim(text, piece)
        if trimmed is not None:
            trimmed = _bodies(text, trimmed)
        if trimmed is None or _glued(text, trimmed[0], trimmed[1]):
            continue
        out.extend(_split_dashed_byline(text, trimmed))
    out.sort()
    starts = [span[0] for span in out]
    extended = [_extend_over_place(text, span, starts, out) for span in out]
    # a LOC swallowed by its ORG's extension goes
    grown = [new for new, old in zip(extended, out, strict=True) if new != old]
    merged = [
        s
        for s in extended
        if not (s[2] == "LOC" and any(g[0] <= s[0] and s[1] <= g[1] for g in grown))
    ]
    return _national_bodies(text, merged, lo, hi)
