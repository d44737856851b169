"""Award events: one per awarding act (issuer, award kind, occasion)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vn_union_nlp.events.context import EventContext, Sentence, is_day_value
from vn_union_nlp.events.cues import person_title, subject_org
from vn_union_nlp.ner.lexicon import FAMOUS_PEOPLE
from vn_union_nlp.types import AwardEvent, Entity

KIND_RE = re.compile(
    r"\b(?:(?P<generic>giấy khen|bằng khen|cờ thi đua|kỷ niệm chương|bằng lao động sáng tạo"
    r"|huân chương lao động hạng (?:nhất|nhì|ba))"
    r"|(?P<prize>giải thưởng\s+(?-i:(?:[A-ZĐ]\w*\s?){1,5})))",
    re.I,
)
# A commendation that names no award kind is itself the honour ("biểu dương 30 đoàn viên"):
# read only in a clause that names no kind.
COMMEND_RE = re.compile(r"\b(?P<generic>khen thưởng đột xuất|biểu dương|tuyên dương)\b", re.I)
_VERB_RE = re.compile(r"\b(?:trao tặng|tặng thưởng|trao|tặng|khen thưởng|nhận|được)\b", re.I)
_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)"
_COLLECTIVES_RE = re.compile(
    _NUMBER + r"\s+(?:lượt\s+)?(?:tập thể|doanh nghiệp|đơn vị|công đoàn cơ sở|CĐCS)\b", re.I
)
_INDIVIDUALS_RE = re.compile(
    _NUMBER
    + r"\s+(?:lượt\s+)?(?:cá nhân|người lao động|công nhân(?: lao động)?|đoàn viên|nữ đoàn viên|"
    r"người|học sinh|sinh viên|cháu|em|cán bộ|giáo viên|nhà giáo|thầy cô|y bác sĩ|y, bác sĩ|chiến sĩ|"
    r"gương|chủ tịch|lao động|nữ công nhân|thanh niên|hội viên|tác giả|đồng chí)\b",
    re.I,
)
# "48 lượt cá nhân, tập thể": counts that cannot be split are no award event
_JOINT_RE = re.compile(
    _NUMBER + r"\s+(?:lượt\s+)?(?:tập thể|cá nhân)\s*(?:,|và|/)\s*(?:tập thể|cá nhân)", re.I
)
_PERIOD_RE = re.compile(r"\b(?:năm qua|giai đoạn|nhiệm kỳ|những năm|thời gian qua|từ năm)\b", re.I)
_OCCASION_RE = re.compile(
    r"\b(?:dịp này|tại hội nghị|tại buổi|tại lễ|tại đại hội|trong buổi)\b", re.I
)
_FAMOUS = frozenset(FAMOUS_PEOPLE)
_OFFICIAL_RE = re.compile(
    r"\b(?:chủ tịch|bí thư|giám đốc|trưởng ban|phó trưởng|ủy viên|trưởng phòng|hiệu trưởng|thủ tướng|bộ trưởng)\b",
    re.I,
)


@dataclass
class _Act:
    issuer_entity: Entity
    issuer: str
    issuer_key: str
    award: str
    collectives: int
    individuals: int
    date: str | None
    sentence: Sentence
    recipients: list[str] = field(default_factory=list)
    explicit_date: bool = False  # stated in the act's own clause, not inherited


def _count(regex: re.Pattern[str], text: str) -> int:
    m = regex.search(text)
    return int(m.group(1).replace(".", "")) if m else 0


def _issuer_key(name: str) -> str:
    key = name.lower()
    for long, short in (
        ("tổng liên đoàn lao động", "tổng lđlđ"),
        ("liên đoàn lao động", "lđlđ"),
        ("ủy ban nhân dân", "ubnd"),
        ("tổng liên đoàn", "tổng lđlđ"),
    ):
        key = key.replace(long, short)
    key = re.sub(r"\bthành phố\b|\btp\.?(?=\s|$)", "tp", key)
    return re.sub(r"\s+việt nam\b|\s*\([^)]*\)|\s+vn$", "", key).strip()


def _kind_text(ctx: EventContext, s: Sentence, m: re.Match[str]) -> str:
    if m.group("generic"):
        return m.group("generic").lower()
    start = s.start + m.start("prize")
    prize = ctx.original(start, start + len(m.group("prize").rstrip()))
    return prize[:1].lower() + prize[1:]  # a kind is lowercase: "giải thưởng Tôn Đức Thắng"


_CONFEDERATION_RE = re.compile(r"^Tổng (?:LĐLĐ|Liên đoàn)", re.I)
# Awards that only the Vietnam General Confederation of Labour confers, whoever hands them over
_CONFEDERATION_AWARDS_RE = re.compile(r"kỷ niệm chương|giải thưởng nguyễn đức cảnh", re.I)
_ISSUER_TITLE_RE = re.compile(r"(?:Chủ tịch|Thủ tướng|Bộ trưởng|Giám đốc)\s+$")


def _issuer(
    ctx: EventContext, s: Sentence, clause: tuple[int, int], kind: re.Match[str]
) -> Entity | None:
    orgs = [e for e in s.ents("ORG") if clause[0] <= e.start and e.end <= clause[1]]
    kind_end = s.start + kind.end()
    if _CONFEDERATION_AWARDS_RE.match(kind.group()):
        for e in orgs:
            if _CONFEDERATION_RE.match(e.text):
                return e
    # "Bằng khen của Tổng LĐLĐ Việt Nam", "Kỷ niệm chương "Vì sự nghiệp ..." của Tổng LĐLĐ"
    for e in orgs:
        between = ctx.text[kind_end : e.start]
        m = re.fullmatch(
            r'\s*(?:"[^"]*"\s*)?của\s*((?:Chủ tịch|Thủ tướng|Bộ trưởng|Giám đốc)\s+)?', between
        )
        if e.start >= kind_end and m:
            if m.group(1):  # "Bằng khen của Chủ tịch UBND tỉnh": the office confers it
                return Entity(e.start - len(m.group(1)), e.end, "ORG", m.group(1) + e.text)
            return e
    # "được Tổng LĐLĐ Việt Nam tặng Bằng khen"
    for e in orgs:
        if e.end <= s.start + kind.start() and re.search(
            r"\bđược\s*$", ctx.text[max(clause[0], e.start - 8) : e.start]
        ):
            return e
    verb_pos = None
    for m in _VERB_RE.finditer(ctx.text, clause[0], s.start + kind.start()):
        verb_pos = m.start()
    if verb_pos is None and COMMEND_RE.fullmatch(kind.group()):
        verb_pos = s.start + kind.start()  # "X tuyên dương 32 tập thể": the kind is the verb
    if verb_pos is not None:
        return subject_org(ctx, s, verb_pos) if any(e.end <= verb_pos for e in orgs) else None
    return None


def _clauses(s: Sentence) -> list[tuple[int, int]]:
    out = []
    pos = s.start
    for m in re.finditer(r";", s.text):
        out.append((pos, s.start + m.start()))
        pos = s.start + m.end()
    out.append((pos, s.end))
    return out


_INITIALS_RE = re.compile(r"^[A-ZĐ](?:[.\s]?[A-ZĐ]){0,3}\.?$")


def _plausible_recipient(name: str) -> bool:
    """Not a photo credit's initials ("ĐL") nor a famous name recalled ("Hồ Chí Minh")."""
    return name not in _FAMOUS and not _INITIALS_RE.match(name)


def _recipient_candidates(ctx: EventContext, officials: set[str]) -> list[str]:
    names: list[str] = []
    full_names = [ctx.original(p.start, p.end) for s in ctx.body for p in s.ents("PER")]
    last = ctx.body[-1] if ctx.body else None
    for s in ctx.body:
        for p in s.ents("PER"):
            title = person_title(ctx, s, p) or ""
            if _OFFICIAL_RE.search(title) or _OFFICIAL_RE.search(
                ctx.text[max(s.start, p.start - 40) : p.start]
            ):
                officials.add(ctx.original(p.start, p.end))
    for s in ctx.body:
        if s is last and len(s.text.split()) <= 8:
            continue  # byline
        for p in s.ents("PER"):
            name = ctx.original(p.start, p.end)
            if not _plausible_recipient(name) or name in officials or name in names:
                continue
            if any(n.endswith(" " + name) for n in names + full_names):
                continue  # "chị Loan" for "Thân Thị Loan": the same person
            names.append(name)
    return names


def _same_act(a: _Act, b: _Act) -> bool:
    if a.award.lower() != b.award.lower():
        return False
    if a.date != b.date and a.explicit_date and b.explicit_date:
        return False
    if a.date != b.date and ("/" in (a.date or "")) != ("/" in (b.date or "")):
        return False  # a period total and a handing-out at the meeting are two acts
    return (
        a.issuer_key == b.issuer_key
        or a.issuer_key.startswith(b.issuer_key + " ")
        or b.issuer_key.startswith(a.issuer_key + " ")
    )


_DECISION_BEFORE_RE = re.compile(r"(?:quyết định|qđ)[^.;]{0,40}$", re.I)


def _article_period(ctx: EventContext) -> str | None:
    """The period an article reports on ("giai đoạn 2019 – 2024"), from its title or body."""
    for sentence in [ctx.title, *ctx.body] if ctx.title else ctx.body:
        for e in sentence.ents("DATE"):
            if e.value and "/" in e.value and not is_day_value(e.value):
                return e.value
    return None


_DECISION_ISSUER_RE = re.compile(r"quyết định[^,;]{0,60}?\bcủa\s*$", re.I)


def _decision_issuer(ctx: EventContext, s: Sentence) -> Entity | None:
    """ "Theo Quyết định số ... của Tổng LĐLĐ Việt Nam, ...": the body that decided."""
    for e in s.ents("ORG"):
        if _DECISION_ISSUER_RE.search(ctx.text[max(s.start, e.start - 90) : e.start]):
            m = re.match(r"(?:Đoàn Chủ tịch|Ban Thường vụ|Ban Chấp hành)\s+", e.text)
            if m:  # the office of the body decides in the body's name
                return Entity(e.start + m.end(), e.end, "ORG", e.text[m.end() :])
            return e
    return None


# A clause whose subject is left out: the subject of the sentence before is the issuer.
_ELIDED_ACT_RE = re.compile(
    r"\s*(?:(?:dịp này|nhân dịp này|tại (?:buổi|lễ|hội nghị)[^,;]{0,40}|cũng tại[^,;]{0,40}),\s*)?"
    r"(?:cũng\s+)?(?:đã\s+)?(?:tặng|trao|khen thưởng)\b",
    re.I,
)
# A period after the kind that dates the merits, not the awarding ("cho 10 tập thể có thành
# tích xuất sắc giai đoạn 2013 - 2022"); a period before the verb dates totals.
_MERIT_PERIOD_RE = re.compile(
    r"(?:thành tích|xuất sắc|tiêu biểu|điển hình|phong trào)[^;.]{0,60}?\b(?:giai đoạn|năm)\s+\d{4}",
    re.I,
)
_PERIOD_BEFORE_KIND_RE = re.compile(
    r"\b(?:năm qua|giai đoạn|nhiệm kỳ|những năm|thời gian qua|từ năm)\b", re.I
)
_SUBJECT_VERB_RE = re.compile(
    r"\b(?:tổ chức|phát động|trao|tặng|khen thưởng|triển khai|đã|cho biết)\b", re.I
)


def _act(
    ctx: EventContext,
    s: Sentence,
    clause: tuple[int, int],
    kind: re.Match[str],
    segment: tuple[int, int],
    occasion_date: str | None,
    inherited: Entity | None = None,
    elided: Entity | None = None,
) -> _Act | None:
    issuer = _issuer(ctx, s, clause, kind) or _decision_issuer(ctx, s)
    if (
        issuer is None
        and inherited is not None
        and re.match(r"\s*(?:và\s+)?(?:tặng|trao)\b", ctx.text[clause[0] : clause[1]])
    ):
        issuer = inherited  # "...; tặng Bằng khen cho 3 tập thể": the same subject
    if issuer is None and elided is not None and _ELIDED_ACT_RE.match(ctx.text, clause[0]):
        issuer = elided  # "Tặng 20 bằng khen cho các cá nhân ...": the previous sentence's subject
    if issuer is None:
        return None
    seg_text = ctx.text[segment[0] : segment[1]]
    collectives = _count(_COLLECTIVES_RE, seg_text)
    individuals = _count(_INDIVIDUALS_RE, seg_text)
    if not collectives and not individuals and segment[0] == s.start + kind.start():
        # "4 tập thể và 7 cá nhân được nhận Bằng khen": the counts come before the kind
        before = ctx.text[clause[0] : segment[0]]
        collectives = _count(_COLLECTIVES_RE, before)
        individuals = _count(_INDIVIDUALS_RE, before)
    if not collectives and not individuals:
        # "tặng 20 bằng khen cho các cá nhân": the number counts the awards, the noun says whom
        m = _AWARDS_FOR_RE.search(ctx.text, max(clause[0], s.start + kind.start() - 12), segment[1])
        if m is not None:
            number = int(m.group(1).replace(".", ""))
            if m.group(2).lower() == "tập thể":
                collectives = number
            else:
                individuals = number
    dates = [
        e
        for e in s.ents("DATE")
        if clause[0] <= e.start < clause[1]
        and not _DECISION_BEFORE_RE.search(ctx.text[max(s.start, e.start - 50) : e.start])
    ]
    day = next((e.value for e in dates if is_day_value(e.value)), None)
    ctext = ctx.text[clause[0] : clause[1]]
    merit = _MERIT_PERIOD_RE.search(ctx.text, s.start + kind.end(), clause[1])
    if day:
        date = day
    elif merit is not None and not _PERIOD_BEFORE_KIND_RE.search(
        ctx.text[clause[0] : s.start + kind.start()]
    ):
        date = occasion_date  # "trao giấy khen cho 10 tập thể xuất sắc giai đoạn 2013 - 2022"
    elif _PERIOD_RE.search(ctext) and not _OCCASION_RE.search(ctext):
        periods = [e.value for e in s.ents("DATE") if e.value and not is_day_value(e.value)]
        date = next(
            (v for v in periods if "/" in v),
            _article_period(ctx) or (periods[0] if periods else occasion_date),
        )
    else:
        date = occasion_date
    kind_end = s.start + kind.end()
    cho = re.search(r"\bcho\b", ctx.text[kind_end : segment[1]])
    named: list[str] = []
    people = orgs = 0
    if cho:
        list_start = kind_end + cho.end()
        list_end = segment[1]
        if _LIST_OPEN_RE.search(ctx.text, list_start, segment[1]) and segment[1] == clause[1]:
            list_end = s.end  # "cho các đồng chí: X, ...; Y, ...": the list runs past ";"
        for e in s.entities:
            if e.label not in ("PER", "ORG") or e.start < list_start or e.start >= list_end:
                continue
            # a list item starts right after "cho", a comma, "và" or a count ("01 tập thể là");
            # "anh X, công nhân Công ty Y": the company describes X and receives nothing
            lead_in = ctx.text[list_start : e.start]
            item = re.split(r",|;|\bvà\b|\bcho\b|:|\bgồm\b|\bcó\b|\blà\b", lead_in)[-1]
            if e.label == "ORG" and not re.fullmatch(
                r"\s*(?:\d+\s+)?(?:tập thể\s*)?(?:là\s*)?(?:các\s+)?", item
            ):
                continue
            name = ctx.original(e.start, e.end)
            if not _plausible_recipient(name):
                continue
            named.append(name)
            people += e.label == "PER"
            orgs += e.label == "ORG"
    if not collectives and not individuals:
        collectives, individuals = orgs, people  # "trao Bằng khen cho anh X và chị Y"
    issuer_text = ctx.original(issuer.start, issuer.end)
    return _Act(
        issuer,
        issuer_text,
        _issuer_key(issuer_text),
        _kind_text(ctx, s, kind),
        collectives,
        individuals,
        date,
        s,
        named,
        explicit_date=bool(day) or date != occasion_date,
    )


# a commendation counts its honoured right after it: "tuyên dương 30 chủ tịch CĐCS"
_COUNT_AFTER_RE = re.compile(r"\s+(?:cho\s+)?(?:\d+|hơn \d+|gần \d+)\s", re.I)
_AWARDS_FOR_RE = re.compile(
    _NUMBER + r"\s+(?:bằng khen|giấy khen|cờ thi đua|kỷ niệm chương)\s+cho\s+(?:các\s+)?"
    r"(tập thể|cá nhân|đoàn viên|người lao động|công nhân)\b",
    re.I,
)
_LIST_OPEN_RE = re.compile(r"(?:\bgồm|\blà|\bsau)?\s*:")
# "Trong số 30 người được khen, bảy người ... gồm: ông X, ...; bà Y, ...": the honoured
# listed in a sentence of their own after the act.
_HONOURED_LIST_RE = re.compile(
    r"\b(?:được (?:khen|tặng|trao|tuyên dương|biểu dương|vinh danh|nhận)|nhận (?:bằng khen|giấy khen"
    r"|kỷ niệm chương|cờ thi đua|giải)|người được khen|gương)\b[^:]{0,120}(?:\bgồm|\blà|\bcó)?\s*:",
    re.I,
)


_BULLET_RE = re.compile(r"\s*(?:[-+•*–]|\d{1,2}[.)])\s+")


def _listed_after(ctx: EventContext, acts: list[_Act]) -> None:
    """Names listed after an act, in the next sentences, join its recipients."""
    if not acts:
        return
    for act in acts:
        following = [s for s in ctx.body if s.start > act.sentence.start]
        if act.sentence.text.rstrip().endswith(":"):
            # a bulleted list under the act: "- ông X, Chủ tịch ...;" one line per recipient
            for s in following:
                if not _BULLET_RE.match(s.text):
                    break
                first = next((e for e in s.entities if e.label in ("PER", "ORG")), None)
                if first is not None:
                    name = ctx.original(first.start, first.end)
                    if _plausible_recipient(name) and name not in act.recipients:
                        act.recipients.append(name)
            continue
        for s in following[:3]:
            m = _HONOURED_LIST_RE.search(s.text)
            if m is None:
                continue
            names = [
                ctx.original(e.start, e.end)
                for e in s.ents("PER")
                if e.start >= s.start + m.end()
                and _plausible_recipient(ctx.original(e.start, e.end))
            ]
            if (
                names
                and len(set(names) | set(act.recipients))
                <= max(act.individuals, 1) + act.collectives
            ):
                act.recipients += [n for n in names if n not in act.recipients]
            break


def extract_awards(
    ctx: EventContext, occasion_date: str | None, ceremony: bool
) -> list[AwardEvent]:
    acts: list[_Act] = []
    unattributed: list[tuple[Sentence, re.Match[str]]] = []
    subject_before: Entity | None = None  # of the sentence before, for elided subjects
    for s in ctx.body:
        previous: Entity | None = None
        verb = _SUBJECT_VERB_RE.search(ctx.text, s.start, s.end)
        subject = subject_org(ctx, s, verb.start()) if verb else None
        elided, subject_before = subject_before, subject or subject_before
        for clause in _clauses(s):
            ctext = ctx.text[clause[0] : clause[1]]
            if _JOINT_RE.search(ctext):
                continue
            kinds = list(KIND_RE.finditer(s.text, clause[0] - s.start, clause[1] - s.start))
            if not kinds:
                kinds = [
                    m
                    for m in COMMEND_RE.finditer(s.text, clause[0] - s.start, clause[1] - s.start)
                    if _COUNT_AFTER_RE.match(s.text, m.end())
                ][:1]
            for i, kind in enumerate(kinds):
                # each kind with the counts that follow it: "tặng Cờ thi đua cho 5 tập thể và
                # Bằng khen cho 18 tập thể, 27 cá nhân" is two acts
                seg_end = s.start + kinds[i + 1].start() if i + 1 < len(kinds) else clause[1]
                act = _act(
                    ctx,
                    s,
                    clause,
                    kind,
                    (s.start + kind.start(), seg_end),
                    occasion_date,
                    previous,
                    elided,
                )
                if act is None:
                    unattributed.append((s, kind))
                    continue
                previous = act.issuer_entity
                same = next((a for a in acts if _same_act(a, act)), None)
                if same is not None:
                    # the same act told twice (lead and later paragraph): merge what is known
                    same.collectives = same.collectives or act.collectives
                    same.individuals = same.individuals or act.individuals
                    same.recipients += [r for r in act.recipients if r not in same.recipients]
                    if act.explicit_date and not same.explicit_date:
                        same.date, same.explicit_date = act.date, True
                    continue
                acts.append(act)
    # "Các đồng chí được trao Kỷ niệm chương gồm: X, ...; Y, ...": names listed apart
    for s, kind in unattributed:
        listed = re.search(r"\b(?:gồm|là)\s*:?|:", s.text[kind.end() :])
        if not listed:
            continue
        start = s.start + kind.end() + listed.end()
        names = [ctx.original(e.start, e.end) for e in s.ents("PER") if e.start >= start]
        target = next(
            (a for a in acts if a.award.lower() == _kind_text(ctx, s, kind).lower()), None
        )
        if target is not None and names:
            target.recipients += [n for n in names if n not in target.recipients]
    _listed_after(ctx, acts)
    acts = [a for a in acts if a.collectives or a.individuals or a.recipients]
    # a commendation told again as the award it came with ("tuyên dương 30 ..." and "30 ...
    # nhận bằng khen của LĐLĐ tỉnh") is that award
    acts = [
        a
        for a in acts
        if not COMMEND_RE.fullmatch(a.award)
        or not any(
            b is not a
            and not COMMEND_RE.fullmatch(b.award)
            and (
                b.issuer_key == a.issuer_key
                or (b.collectives, b.individuals) == (a.collectives, a.individuals)
            )
            for b in acts
        )
    ]
    if ceremony and acts:
        officials: set[str] = set()
        candidates = _recipient_candidates(ctx, officials)
        with_names = [a for a in acts if any(r in candidates for r in a.recipients)]
        if len(with_names) == 1 and candidates:
            act = with_names[0]
            act.recipients += [c for c in candidates if c not in act.recipients]
        elif candidates and not any(a.recipients for a in acts):
            # the act whose count of individuals matches the people described, else the
            # largest act that can hold them all
            exact = [a for a in acts if a.individuals == len(candidates)]
            target = exact[0] if exact else max(acts, key=lambda a: a.individuals)
            if target.individuals >= len(candidates):
                target.recipients = candidates
    return [
        AwardEvent(
            issuer=a.issuer,
            award=a.award,
            collectives=a.collectives,
            individuals=a.individuals,
            recipients=a.recipients,
            date=a.date,
            evidence=ctx.evidence(a.sentence),
        )
        for a in acts
    ]
