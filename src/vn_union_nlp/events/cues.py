"""Shared cues of the genre: who did the act (the subject organization), people's titles."""

from __future__ import annotations

import re

from vn_union_nlp.events.context import EventContext, Sentence
from vn_union_nlp.ner.lexicon import HONORIFICS, TITLES
from vn_union_nlp.types import Entity

# "do X tổ chức", "của X": an ORG after these is not the subject of the sentence's verb
_NOT_SUBJECT_BEFORE_RE = re.compile(
    r"(?:\bdo|\bcủa|\bcho|\bvới|\bvà|\btại|\bhưởng ứng|\bđến)\s*$", re.I
)
# a period inside a name ("TP.HCM", "TP. Vinh") does not end the place
_OPENING_ADVERBIAL_RE = re.compile(
    r"\s*(?:ngay sau khi|sau khi|nhân dịp|hưởng ứng|thực hiện|nhằm|để|trong|chào mừng|căn cứ"
    r"|tiếp tục|với mục đích|theo)\b",
    re.I,
)
_LOCATION_RE = re.compile(r"\btại\s+((?:[^,.;]|\.(?=\S)|(?<=\bTP)\.)+)")


def subject_org(ctx: EventContext, sentence: Sentence, verb_pos: int) -> Entity | None:
    """The organization that performs the verb at ``verb_pos`` (absolute offset).

    ``do X tổ chức`` names X after "do"; otherwise the subject is the first organization of
    the clause before the verb that is not governed by a preposition ("của", "tại", "với").
    """
    orgs = sentence.ents("ORG")
    before = [e for e in orgs if e.end <= verb_pos]
    # "do X (phối hợp ...) tổ chức"
    for e in reversed(before):
        prefix = ctx.text[max(sentence.start, e.start - 6) : e.start]
        if re.search(r"\bdo\s*$", prefix):
            return e
    clause_start = sentence.start
    for m in re.finditer(r"[;:]", ctx.text[sentence.start : verb_pos]):
        clause_start = sentence.start + m.end()
    # "Ngay sau khi kết thúc Đại hội Công đoàn tỉnh X, BTV LĐLĐ tỉnh đã tổ chức ... phát
    # động": the ORG right before the verb, after the opening adverbial, is the subject
    adjacent = [e for e in before if e.start >= clause_start]
    if adjacent and _OPENING_ADVERBIAL_RE.match(ctx.text, clause_start):
        last = adjacent[-1]
        gap = ctx.text[last.end : verb_pos]
        if "," not in gap and len(gap.split()) <= 6:
            return last
    for e in before:
        if e.start < clause_start:
            continue
        if ctx.text[e.start - 1 : e.start] == "(" and ctx.text[e.end : e.end + 1] == ")":
            continue  # an outlet credit "(LĐ)" or an abbreviation in brackets
        if e.start - sentence.start <= 1 and re.match(r"\s*[-–—]\s", ctx.text[e.end : e.end + 3]):
            continue  # an outlet credit before the dateline dash: "TPO - Ngày 26/12, ..."
        prefix = ctx.text[max(sentence.start, e.start - 14) : e.start]
        if _NOT_SUBJECT_BEFORE_RE.search(prefix):
            continue
        loc = _LOCATION_RE.search(ctx.text, sentence.start, verb_pos)
        if loc and loc.start(1) <= e.start < loc.end(1):
            continue
        return e
    return None


def location_after_tai(ctx: EventContext, sentence: Sentence) -> str | None:
    """The ``tại ...`` place of a sentence (up to the next comma), if it is a place."""
    for m in _LOCATION_RE.finditer(sentence.text):
        phrase = m.group(1).strip()
        if phrase.count("(") > phrase.count(")"):
            phrase = phrase[: phrase.rfind("(")].rstrip()  # "(TP. Vinh)" cut by its own period
        low = phrase.lower()
        if low.startswith(("hội nghị", "đại hội", "buổi", "lễ", "đây", "chỗ", "cơ sở", "các ")):
            continue
        if not phrase or not (
            phrase[0].isupper()
            or low.startswith(
                (
                    "hội trường",
                    "trụ sở",
                    "nhà văn hóa",
                    "trung tâm",
                    "quảng trường",
                    "khu",
                    "thành phố",
                    "huyện",
                    "xã",
                    "phường",
                )
            )
        ):
            continue
        start = sentence.start + m.start(1)
        return ctx.original(start, start + len(phrase))
    return None


_TITLE_WORDS = tuple(sorted({t for t in TITLES if not t.endswith(".")}, key=len, reverse=True))
_TITLE_START_RE = re.compile(r"^(?:" + "|".join(re.escape(t) for t in _TITLE_WORDS) + r")\b", re.I)
_HONORIFIC_END_RE = re.compile(
    r"(?:^|[\s,;(])(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")\s*$", re.I
)
# Where an appositive title after a name stops.
# "và" ends a title only before another person or group ("Sở Giáo dục và Đào tạo" is one
# name); dashes inside titles are common ("Sở Lao động - Thương binh và Xã hội").
_TITLE_STOP_RE = re.compile(
    r"\s+(?:cùng|và\s+(?:đồng chí|ông|bà|anh|chị|các|đại diện|nhiều|\d)|đến dự|tới dự|dự|tham dự"
    r"|phát biểu|chủ trì|cho biết|cho rằng|nhấn mạnh|đề nghị|trao|tặng|đã|khẳng định|ghi nhận"
    r"|chúc mừng|biểu dương|yêu cầu|đánh giá|thay mặt|được|là|trình bày|kiến nghị|chia sẻ|nhắc lại"
    r"|kể|có|bày tỏ|mong|cảm ơn|xúc động|nói|phản ánh|hỏi|đề xuất|tâm sự|thông tin|nêu|giải đáp"
    r"|trả lời|báo cáo|tham luận|phân tích|gửi|nhận|vinh dự|tái cử|trúng cử|được bầu|tiếp tục)\b"
    r"|[;:!?(]|\.(?!\S)(?<!\bTP\.)"
)
# a place appositive continues a title: "giáo viên Trường X, thành phố Cam Ranh"
_PLACE_PIECE_RE = re.compile(r"(?:thành phố|thị xã|huyện|quận|tỉnh|xã|phường|thị trấn)\s+[A-ZĐ]")


_JOB_WORDS = (
    "giáo viên",
    "công nhân",
    "kỹ sư",
    "bác sĩ",
    "điều dưỡng",
    "nhân viên",
    "thợ",
    "tổ trưởng",
    "cô giáo",
    "thầy giáo",
)
_HONORIFIC_RE = re.compile(
    r"(?:^|\s)(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")\s+", re.I
)
_TITLE_ANYWHERE_RE = re.compile(
    r"(?:" + "|".join(re.escape(t) for t in _TITLE_WORDS) + r")\b.*$", re.I
)


def _trim_after_last_name(sentence: Sentence, start: int, end: int, text: str) -> int:
    """Cut a title after its last organization or place when only lower-case words follow
    ("Phó Chủ tịch LĐLĐ tỉnh trình bày ..." -> "Phó Chủ tịch LĐLĐ tỉnh")."""
    inside = [
        e
        for e in sentence.entities
        if start <= e.start and e.end <= end and e.label in ("ORG", "LOC")
    ]
    if not inside:
        return end
    last = inside[-1].end
    tail = text[last:end]
    if tail.strip() and not any(c.isupper() or c.isdigit() for c in tail):
        return last
    return end


def _title_after(ctx: EventContext, sentence: Sentence, person: Entity) -> str | None:
    text = ctx.text
    m = re.match(r"[ \t]*(?:,|[-–])[ \t]*", text[person.end : sentence.end])
    if not m:
        return None
    start = person.end + m.end()
    first = text[start : start + 20]
    if not first or not (first[0].isupper() or first.lower().startswith(_JOB_WORDS)):
        return None
    pos = start
    while True:
        stop = _TITLE_STOP_RE.search(text, pos, sentence.end)
        stop_at = stop.start() if stop else sentence.end
        comma = text.find(",", pos, stop_at)
        if comma < 0:
            end = stop_at
            break
        following = text[comma + 1 : sentence.end].lstrip()
        if following[:1].isupper() and _TITLE_START_RE.match(following):
            pos = comma + 1  # titles chain: "Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Thành ủy"
            continue
        if _PLACE_PIECE_RE.match(following):
            pos = comma + 1
            continue
        end = comma
        break
    end = _trim_after_last_name(sentence, start, end, text)
    title = text[start:end].rstrip(" ,")
    if not title or len(title) > 200:
        return None
    return ctx.original(start, start + len(title))


def _title_before(ctx: EventContext, sentence: Sentence, person: Entity) -> str | None:
    head = ctx.text[sentence.start : person.start]
    cut = max(head.rfind(","), head.rfind(";"), head.rfind(":"), head.rfind("("))
    piece = head[cut + 1 :]
    honorifics = list(_HONORIFIC_RE.finditer(piece))
    if honorifics:
        piece = piece[honorifics[-1].end() :]
    m = _TITLE_ANYWHERE_RE.search(piece)
    if not m or not m.group().strip() or not m.group()[0].isupper():
        return None
    title = m.group().strip()
    start = person.start - len(piece) + m.start()
    return ctx.original(start, start + len(title))


def person_title(ctx: EventContext, sentence: Sentence, person: Entity) -> str | None:
    """The title of a person as it stands: ``X, Chủ tịch LĐLĐ tỉnh`` / ``X - ...`` /
    ``Chủ tịch LĐLĐ tỉnh X``."""
    return _title_after(ctx, sentence, person) or _title_before(ctx, sentence, person)
