"""Find the article body inside a scraped page: title line to byline.

Scraped pages of provincial union portals carry, before the title, slider image paths,
site names in capitals, domain names, menus and banner slogans; after the byline they
carry "Previous post", share widgets, tag lists, related links and copyright lines.
The rules below look at the *shape* of lines (paths, domains, slogans, repeats, footer
cues), never at a particular site, and fall back to the whole text when nothing looks like
boilerplate, so clean articles are left untouched.

All offsets here are into the normalized text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vn_union_nlp.text.published import PUBLICATION_LINE_RE


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # end of the line's content, without the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class BodySpan:
    """Where the article is inside the page (normalized offsets)."""

    start: int
    end: int
    title_start: int | None
    title_end: int | None


_IMAGE_OR_PATH_RE = re.compile(
    r"""^[•*·\-–>\s]*(?:https?://\S+|/?[\w.\-]+(?:/[\w.\-%]+)+/?|[\w.\-]+\.(?:jpe?g|png|gif|webp|svg))\s*$""",
    re.IGNORECASE,
)
_DOMAIN_RE = re.compile(
    r"^(?:https?://)?(?:www\.)?[\w\-]+(?:\.[\w\-]+)*\.(?:vn|com|net|org|gov|edu|info)\S*$", re.I
)
_MENU_WORDS = {
    "menu",
    "trang chủ",
    "home",
    "tìm kiếm",
    "search",
    "đăng nhập",
    "liên hệ",
    "giới thiệu",
    "tin tức",
    "tin tức - sự kiện",
    "sitemap",
    "english",
    "rss",
    "video",
    "hình ảnh",
    "văn bản",
    "thư viện",
    "đăng ký",
    "góp ý",
    "hỏi đáp",
    "search for:",
    "tìm kiếm:",
    "tin mới nhất",
    "tin mới",
    "tin nổi bật",
    "đăng nhập | đăng ký",
    "truy cập nội dung luôn",
    "chuyển đến nội dung",
    "skip to content",
    "mới nhất",
    "xem thêm",
}
# A slogan banner: separators, or a greeting at the start of the line, or a line that
# ends with "!". A lead that says what a meeting celebrates ("... chào mừng 95 năm ...") is
# no banner.
_BANNER_CUES_RE = re.compile(
    r"\*{3,}|-{3,}|={3,}|~{3,}|!\s*\"?\s*\"|!\s*$"
    r"|^\W*(?:nhiệt liệt chào mừng|chào mừng|mừng đảng|mừng xuân)",
    re.IGNORECASE,
)
_BULLETS_RE = re.compile(r"\s[•·|]\s")
_DOMAIN_INSIDE_RE = re.compile(r"\b[\w\-]+\.(?:vn|com|net|org)\b", re.IGNORECASE)
_MENU_SPACING_RE = re.compile(r"\S(?: {2,}|\t)\S")
_BREADCRUMB_RE = re.compile(r"^[^\n]{0,80}(?:»|›|>>|/)\s*[^\n]{0,80}$")
# Lines that start the footer wherever they stand.
_FOOTER_CUES_RE = re.compile(
    r"^\s*(?:«\s*)?(?:previous post|next post|bài trước|bài sau|bài viết trước|bài viết sau"
    r"|bài viết liên quan|tin liên quan|các tin khác|tin khác|tin cùng chuyên mục"
    r"|tin đọc nhiều|đọc nhiều nhất|bài viết cùng chuyên mục|related|like this"
    r"|tags?\s*:|từ khóa\s*:|từ khoá\s*:|ý kiến bạn đọc|gửi bình luận|copyright|bản quyền|©"
    r"|\(c\)\s|%d bloggers|loading\.\.\.|về đầu trang|số lượt truy cập|đang truy cập"
    r"|thông tin truy cập|thống kê truy cập|liên kết website|nguồn\s*:|#\w|theo dõi chúng tôi"
    r"|bài viết cùng chủ đề|các tin đã đưa|các bài viết|đăng bởi|lượt đọc|←|tin cùng loại"
    r"|số lần đọc|đọc thêm|mời (?:quý )?(?:độc giả|bạn đọc)|cùng chuyên mục|bài liên quan)",
    re.IGNORECASE,
)
# Words that also open body sentences ("Chia sẻ tại buổi lễ, ..."): footer only on a short
# line or a widget line with separators.
_WEAK_FOOTER_CUES_RE = re.compile(
    r"^\s*(?:chia sẻ|share|bình luận|facebook|twitter|zalo|thích|like|tweet|in bài|gửi email"
    r"|xem thêm|tin mới|quay lại|lượt xem)\b",
    re.IGNORECASE,
)
# A list of related links: "Tiêu đề bài khác (12/10/2023)" or "Tiêu đề »"
_RELATED_LINK_RE = re.compile(r"(?:\(\d{1,2}/\d{1,2}/\d{4}\)|»)\s*$")
_TOP_SCAN_LINES = 60
# The index's own date stamp at the very start of a stored excerpt, which may share its
# line with the page's first words (" date 2025-12-26 Ông Nguyễn Thế Lập làm Chủ tịch ...").
_INDEX_DATE_PREFIX_RE = re.compile(
    r"[ \t]*date[ \t]+(?:19|20)\d{2}-\d{2}(?:-\d{2})?(?![\d-])[ \t]*"
)
# A portal's section menu on one line ("Video Báo Ảnh Báo in Podcast Emagazine") and its
# contact banner ("HOTLINE: 0903.343.439").
_SECTION_WORDS_RE = re.compile(
    r"\b(?:video|podcast|e-?magazine|infographics?|multimedia|longform|megastory|báo in|"
    r"báo ảnh|ảnh|media|đặt mua báo|quảng cáo|rss)\b",
    re.IGNORECASE,
)
_CONTACT_RE = re.compile(r"\b(?:hotline|đường dây nóng|điện thoại|email|fax)\b\s*:?\s*[\d(+]", re.I)
_FOLLOW_RE = re.compile(
    r"^(?:theo dõi|follow|kết nối với)\b.{0,60}\b(?:google news|facebook|zalo|youtube|tiktok)\b",
    re.IGNORECASE,
)
# A line that is only an organization's name: a site name in mixed case at the very top.
_ORG_NAME_ONLY_RE = re.compile(
    r"^(?:Liên đoàn [Ll]ao động|LĐLĐ|Công đoàn|Báo|Cổng thông tin|Trang thông tin|Tạp chí)\b"
    r"[^\d.,:;!?]{0,60}$"
)
# Fewest words of a headline: shorter lines above an article are section labels and
# bylines ("Lao động", "Hoạt động công đoàn", "Trần Thường").
_MIN_TITLE_WORDS = 5
# The index's own date line (" date 2024-03-18") and ISO date stamps above an article.
_ISO_DATE_LINE_RE = re.compile(
    r"^\s*(?:date\s*:?\s*)?(?:19|20)\d{2}-\d{2}-\d{2}(?:[ T][\d:]+)?\s*$", re.I
)
# What opens a lead paragraph and never a headline: an outlet's credit in brackets
# ("(Dân trí) -"), a place or outlet dateline before a dash ("LĐ -", "Bắc Giang –"), a
# time expression ("Sáng ngày 10/7", "Chiều 21/6", "Ngày 5/3", "Trong hai ngày ...").
_OUTLET_LEAD_RE = re.compile(r"^\((?:[^()\n]{1,40})\)\s*(?:[-–—:]\s*)?\S")
_DATELINE_LEAD_RE = re.compile(r"^[A-ZĐ][^\s.!?]*(?:\s+[A-ZĐ][^\s.!?]*){0,3}\s*[-–—]\s+[A-ZĐ\d]")
_TIME_LEAD_RE = re.compile(
    r"^(?:(?:sáng|chiều|tối|trưa|đêm|ngày|hôm)(?:\s+(?:nay|qua|mai|ngày|hôm))?\s*\(?\d"
    r"|(?:sáng|chiều|tối|trưa) (?:nay|qua|ngày|hôm|thứ|mùng|mồng)\b"
    r"|(?:hôm nay|hôm qua|vừa qua|mới đây|vừa rồi|trong (?:hai|ba|bốn|năm|\d+) ngày|từ ngày"
    r"|thực hiện|căn cứ|được sự|nhằm|với mục (?:đích|tiêu)|nhân dịp|hưởng ứng|theo đó|tiếp tục)\b)",
    re.IGNORECASE,
)
_SENTENCE_INSIDE_RE = re.compile(r"[.!?…][\"”')\]]*\s+[\"“(]*[A-ZĐ]")


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def _is_caps_line(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_top_boilerplate(line: Line, seen: dict[str, int]) -> bool:
    s = line.stripped
    if not s:
        return False
    low = s.lower()
    if _IMAGE_OR_PATH_RE.match(s) or _DOMAIN_RE.match(s) or _ISO_DATE_LINE_RE.match(s):
        return True
    if low in _MENU_WORDS or low.rstrip(":") in _MENU_WORDS:
        return True
    if seen.get(s, 0) > 1 and len(s.split()) <= 8:  # site names shown twice (not a headline)
        return True
    if len(_BULLETS_RE.findall(s)) >= 3:  # "Giới thiệu • Tin hoạt động • Pháp luật • ..."
        return True
    if _BANNER_CUES_RE.search(s) and (len(s) > 150 or s.count("!") >= 1 or s.startswith('"')):
        return True
    if "|" in s and len(s) < 200 and s.count("|") >= 2:  # "Trang chủ | Tin tức | ..."
        return True
    if len(s) < 120 and _DOMAIN_INSIDE_RE.search(s) and ("|" in s or len(s.split()) <= 6):
        return True
    if len(_MENU_SPACING_RE.findall(s)) >= 3:  # "TRANG CHỦ   THỜI SỰ   CÔNG ĐOÀN ..."
        return True
    if _BREADCRUMB_RE.match(s) and ("»" in s or "›" in s or ">>" in s):
        return True
    if low.startswith(("bạn đang ở", "you are here")):
        return True
    if low.startswith(("trang chủ", "home")) and len(s.split()) <= 15:  # a glued breadcrumb
        return True
    if len(_SECTION_WORDS_RE.findall(s)) >= 3 and len(s.split()) <= 20:
        return True
    return bool(_CONTACT_RE.search(s)) and len(s) < 200


# A line that ends like a sentence, a closing quote or bracket allowed after the stop.
_SENTENCE_END_RE = re.compile(r"[.…:;][\"”')\]]*$")
_SEPARATOR_RE = re.compile(r"\*{3,}|-{3,}|={3,}|~{3,}|[★•]{2,}|★")


def _is_prose(s: str) -> bool:
    """A paragraph of the article: a lead, or a long line that ends a sentence. Headlines
    (even long ones with commas), taglines, tickers and slogans are not."""
    words = len(s.split())
    if words < 12 or "|" in s or _IMAGE_OR_PATH_RE.match(s) or _SEPARATOR_RE.search(s):
        return False
    if s.rstrip("\"”' ").endswith("!"):  # slogans
        return False
    opens_lead = _OUTLET_LEAD_RE.match(s) or _DATELINE_LEAD_RE.match(s) or _TIME_LEAD_RE.match(s)
    if _BANNER_CUES_RE.search(s) and not opens_lead:
        return False
    if opens_lead and words < 20 and not _SENTENCE_END_RE.search(s):
        return False  # "CÔNG ĐOÀN BẮC NINH - Cơ quan của ...": a site's tagline
    if looks_like_lead(s):
        return True
    return words >= 25 or bool(_SENTENCE_END_RE.search(s))


_SLOGAN_RE = re.compile(
    r"^\W*[\"“]|^(?:Kỷ niệm|Chào mừng|Hướng tới|Nhiệt liệt|Mừng)\b"
    r"|\(\d{1,2}/\d{1,2}/\d{4}\s*[-–]\s*\d{1,2}/\d{1,2}/\d{4}\)\s*$"
)


def _is_caption_credit(s: str) -> bool:
    return bool(re.search(r"\b(?:Ảnh|ảnh)\s*:", s))


def _headline_like(line: Line) -> bool:
    s = line.stripped
    return (
        len(s.split()) >= _MIN_TITLE_WORDS
        and not _is_prose(s)
        and not _looks_like_site_name(line)
        and not PUBLICATION_LINE_RE.match(s)
        and not _FOLLOW_RE.match(s)  # a "follow us" widget below the headline
        and not s.endswith(".")  # a photo caption
    )


# A byline glued to the comment widget that follows it ("Thu ThủyXem phản hồi").
_GLUED_WIDGET_RE = re.compile(r"\S(?:Xem phản hồi|Gửi phản hồi|Bình luận|Chia sẻ|In bài)\s*$")


def _is_footer(line: Line) -> bool:
    s = line.stripped
    if len(s) >= 150:
        return False
    if _GLUED_WIDGET_RE.search(s) and len(s.split()) <= 8:
        return True
    if _FOOTER_CUES_RE.match(s):
        return True
    if _WEAK_FOOTER_CUES_RE.match(s) and (len(s.split()) <= 8 or "|" in s or ":" in s[:20]):
        return True
    if s.count("|") >= 2:  # "In bài | Gửi email | Về đầu trang"
        return True
    return bool(_RELATED_LINK_RE.search(s)) and len(s.split()) <= 25


def _looks_like_site_name(line: Line) -> bool:
    s = line.stripped
    return _is_caps_line(s) and len(s.split()) <= 8


def looks_like_lead(line: str) -> bool:
    """True when a first line is the lead paragraph, not a headline.

    Headlines are short, end without a period and never open with a dateline or a time
    expression; many excerpts start straight with the lead, which carries the date and
    the organizer of the event and must not be set apart as a title.
    """
    s = line.strip()
    words = len(s.split())
    if _OUTLET_LEAD_RE.match(s) and words >= 8:
        return True
    if _DATELINE_LEAD_RE.match(s) and words >= 15:
        return True
    if _TIME_LEAD_RE.match(s) and words >= 10:
        return True
    if words >= 45:
        return True
    if words >= 20 and s.endswith((".", "…", '."', ".”")):
        return True
    return words >= 25 and bool(_SENTENCE_INSIDE_RE.search(s))


def find_body(text: str) -> BodySpan:
    """Return the body span (title line to byline) of ``text`` (normalized)."""
    lines = split_lines(text)
    stamp = _INDEX_DATE_PREFIX_RE.match(text)
    if stamp is not None and stamp.end() <= lines[0].end:
        # the index's date stamp is furniture even when the page goes on on its line
        lines[0] = Line(stamp.end(), lines[0].end, text[stamp.end() : lines[0].end])
    content = [ln for ln in lines if ln.stripped]
    if not content:
        return BodySpan(0, 0, None, None)

    head = content[:_TOP_SCAN_LINES]
    seen: dict[str, int] = {}
    for ln in head:
        seen[ln.stripped] = seen.get(ln.stripped, 0) + 1
    # Furniture and the headline stand above the first paragraph of prose; below it, a
    # repeated caption or a slogan quoted in the text is the article's own.
    prose = next((i for i, ln in enumerate(head) if _is_prose(ln.stripped)), len(head))
    flags = [i < prose and _is_top_boilerplate(ln, seen) for i, ln in enumerate(head)]

    # The publication line is the surest anchor: the title is the last content line before
    # it that is not boilerplate. A portal may print today's date at the very top; the
    # publication line is the one that follows a real title.
    pub_lines = [
        i for i, ln in enumerate(head[: prose + 1]) if PUBLICATION_LINE_RE.match(ln.stripped)
    ]
    pub_index = next(
        (
            i
            for i in pub_lines
            if i > 0
            and not flags[i - 1]
            and not _looks_like_site_name(head[i - 1])
            and not PUBLICATION_LINE_RE.match(head[i - 1].stripped)
            and len(head[i - 1].stripped.split()) >= _MIN_TITLE_WORDS
        ),
        pub_lines[0] if pub_lines else None,
    )
    last_boiler = max((i for i, f in enumerate(flags) if f), default=-1)

    title_index = 0
    if pub_index is not None and pub_index > 0:
        candidates = [
            i
            for i in range(pub_index)
            if not flags[i] and len(head[i].stripped.split()) >= _MIN_TITLE_WORDS
        ]
        if candidates and last_boiler >= 0:
            title_index = candidates[-1]
        elif candidates:
            # No boilerplate seen: a clean article may still put the date line after the
            # title and a sapo; keep everything from the first line.
            title_index = 0
        else:
            title_index = pub_index
    elif last_boiler >= 0:
        title_index = last_boiler + 1
        # Site names in capitals right after the last path/menu line still belong to the
        # header when a normal-case line follows them.
        while (
            title_index + 1 < len(head)
            and _looks_like_site_name(head[title_index])
            and not _looks_like_site_name(head[title_index + 1])
            and title_index < last_boiler + 4
            and len(head[title_index + 1].stripped.split()) <= 40
        ):
            title_index += 1
    elif (
        prose > 1
        and _ORG_NAME_ONLY_RE.match(head[0].stripped)
        and len(head[0].stripped.split()) <= 7
        and _headline_like(head[1])
    ):
        title_index = 1  # the site's name in mixed case above the headline
    # section labels and bylines above the headline ("Lao động", "Trần Thường")
    while (
        title_index + 1 < prose
        and len(head[title_index].stripped.split()) < _MIN_TITLE_WORDS
        and not PUBLICATION_LINE_RE.match(head[title_index].stripped)
        and any(_headline_like(ln) for ln in head[title_index + 1 : prose])
    ):
        title_index += 1
    # a slogan above the headline ("Kỷ niệm 96 năm ... (28/7/1929 - 28/7/2025)", a quoted
    # motto): the headline is the next headline-like line above the first paragraph
    if title_index < prose and _SLOGAN_RE.search(head[title_index].stripped):
        later = [
            i
            for i in range(title_index + 1, prose)
            if not flags[i] and _headline_like(head[i]) and not _is_caption_credit(head[i].stripped)
        ]
        if later:
            title_index = later[0]
    if title_index >= len(content):
        title_index = 0
    title = content[title_index]

    # Footer: the first footer-cue line after the title ends the body.
    end_line = content[-1]
    for ln in content[title_index + 1 :]:
        if _is_footer(ln):
            break
        end_line = ln
    body_start = title.start + (len(title.text) - len(title.text.lstrip()))
    body_end = end_line.start + len(end_line.text.rstrip())
    if body_end <= body_start:
        body_end = content[-1].start + len(content[-1].text.rstrip())
    if PUBLICATION_LINE_RE.match(title.stripped):
        # the publication line above the headline starts the body; the headline follows
        following = content[title_index + 1] if title_index + 1 < len(content) else None
        if following is not None and _headline_like(following):
            title = following
        else:
            return BodySpan(body_start, body_end, None, None)
    if looks_like_lead(title.text):
        return BodySpan(body_start, body_end, None, None)
    title_start = title.start + (len(title.text) - len(title.text.lstrip()))
    title_end = title.start + len(title.text.rstrip())
    return BodySpan(body_start, body_end, title_start, title_end)
