"""The gold-record validator: one valid record, then a table of broken variants."""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from vn_union_nlp.corpus import is_iso_date, validate_corpus, validate_record

TEXT = (
    "MENU\n"
    "Hội nghị của LĐLĐ tỉnh Hà Nam\n"
    "Sáng 28/6/2024, LĐLĐ tỉnh Hà Nam tổ chức hội nghị tại Phủ Lý. Anh Trần Văn Lan phát "
    "biểu; Công đoàn Việt Nam gửi thư.\n"
    "Văn Hùng\n"
    "Chia sẻ"
)


def span(surface: str, label: str, value: str | None = None, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    entity = {"start": start, "end": start + len(surface), "label": label, "text": surface}
    if value is not None:
        entity["value"] = value
    return entity


def base_record() -> dict[str, Any]:
    return {
        "id": "fx-val-01",
        "published": "2024-06-29",
        "type": "conference_report",
        "split": "dev",
        "body_start": TEXT.index("Hội nghị"),
        "body_end": TEXT.index("\nChia sẻ"),
        "entities": [
            span("LĐLĐ tỉnh Hà Nam", "ORG"),
            span("28/6/2024", "DATE", "2024-06-28"),
            span("LĐLĐ tỉnh Hà Nam", "ORG", nth=1),
            span("Phủ Lý", "LOC"),
            span("Trần Văn Lan", "PER"),
            span("Văn Hùng", "PER"),
        ],
        "events": [
            {
                "type": "conference",
                "name": "Hội nghị của LĐLĐ tỉnh Hà Nam",
                "date": "2024-06-28",
                "location": "Phủ Lý",
                "organizer": "LĐLĐ tỉnh Hà Nam",
                "participants": [{"name": "Trần Văn Lan", "title": None}],
            },
            {
                "type": "award",
                "issuer": "LĐLĐ tỉnh Hà Nam",
                "award": "giấy khen",
                "collectives": 1,
                "individuals": 0,
                "recipients": [],
                "date": "2024-06-28",
            },
            {
                "type": "campaign",
                "name": None,
                "organizer": "LĐLĐ tỉnh Hà Nam",
                "date": "2024",
                "movements": [],
            },
        ],
        "exceptions": [],
        "text": TEXT,
    }


def test_base_record_is_valid() -> None:
    assert validate_record(base_record()) == []


def move(record: dict[str, Any], index: int, left: int, right: int) -> None:
    """Move an entity's edges by left/right characters, keeping its text consistent."""
    entity = record["entities"][index]
    start, end = entity["start"] + left, entity["end"] + right
    entity.update(start=start, end=end, text=record["text"][start:end])


Mutation = Callable[[dict[str, Any]], object]

BROKEN: list[tuple[str, Mutation, str]] = [
    # offsets and labels
    ("text mismatch", lambda r: r["entities"][0].update(text="LĐLĐ tỉnh"), "!= text["),
    ("end past text", lambda r: r["entities"][5].update(end=10_000), "bad offsets"),
    ("empty span", lambda r: r["entities"][5].update(start=r["entities"][5]["end"]), "bad offsets"),
    ("unknown label", lambda r: r["entities"][3].update(label="GPE"), "unknown label 'GPE'"),
    ("unknown key", lambda r: r["entities"][0].update(score=1), "unknown keys ['score']"),
    ("entities not list", lambda r: r.update(entities={}), "'entities' must be a list"),
    ("overlap", lambda r: r["entities"].append(span("Hà Nam", "LOC")), "entities overlap"),
    ("outside body", lambda r: r["entities"].append(span("MENU", "ORG")), "outside the body"),
    ("whitespace edge", lambda r: move(r, 4, -1, 0), "starts or ends with whitespace"),
    ("line break", lambda r: move(r, 5, -2, 0), "spans a line break"),
    ("inside a word", lambda r: move(r, 3, 1, 0), "inside a word"),
    # completeness
    (
        "unannotated repeat",
        lambda r: r["entities"].pop(2),
        "'LĐLĐ tỉnh Hà Nam' occurs here without",
    ),
    (
        "except not in body",
        lambda r: r.update(exceptions=["Hà Tĩnh"]),
        "does not occur in the body",
    ),
    ("exceptions not list", lambda r: r.update(exceptions="Hà Nam"), "list of non-empty strings"),
    # DATE values
    ("DATE without value", lambda r: r["entities"][1].pop("value"), "bad value: no value"),
    (
        "DATE month 13",
        lambda r: r["entities"][1].update(value="2024-13-28"),
        "month 13 out of range",
    ),
    (
        "DATE 29 Feb 2023",
        lambda r: r["entities"][1].update(value="2023-02-29"),
        "day 29 out of range",
    ),
    ("DATE slash form", lambda r: r["entities"][1].update(value="28/6/2024"), "is not YYYY"),
    (
        "DATE reversed",
        lambda r: r["entities"][1].update(value="2024/2020"),
        "ends before it starts",
    ),
    ("DATE XXXX", lambda r: r["entities"][1].update(value="XXXX-06-28"), "publication date"),
    ("DATE with time of day", lambda r: move(r, 1, -5, 0), "must start at its unit word"),
    ("DATE past last number", lambda r: move(r, 1, 0, 1), "must end at its last number"),
    ("value on LOC", lambda r: r["entities"][3].update(value="x"), "must not carry a value"),
    # header fields
    ("bad type", lambda r: r.update(type="report"), "type 'report' is not one of"),
    ("bad published", lambda r: r.update(published="2024-02-30"), "published '2024-02-30'"),
    ("published form", lambda r: r.update(published="29/06/2024"), "published '29/06/2024'"),
    ("no published", lambda r: r.pop("published"), "missing 'published'"),
    ("bad split", lambda r: r.update(split="test"), "split 'test'"),
    ("bad id", lambda r: r.update(id="Fx_Val"), "id 'Fx_Val' is not lowercase"),
    ("no text", lambda r: r.pop("text"), "no 'text'"),
    # body offsets
    ("empty body", lambda r: r.update(body_end=r["body_start"]), "is empty or outside"),
    ("body past text", lambda r: r.update(body_end=10_000), "is empty or outside"),
    ("no body offsets", lambda r: r.pop("body_start"), "body_start/body_end missing"),
    (
        "body whitespace",
        lambda r: r.update(body_start=r["body_start"] - 1),
        "body span starts or ends with whitespace",
    ),
    # events
    ("events not list", lambda r: r.update(events={}), "'events' must be a list"),
    ("event not object", lambda r: r["events"].append("award"), "is not an object"),
    ("event type", lambda r: r["events"][0].update(type="meeting"), "unknown event type 'meeting'"),
    ("missing field", lambda r: r["events"][0].pop("location"), "missing fields ['location']"),
    ("unknown field", lambda r: r["events"][0].update(venue="x"), "unknown fields ['venue']"),
    ("negative count", lambda r: r["events"][1].update(collectives=-1), "non-negative integer"),
    ("bool count", lambda r: r["events"][1].update(individuals=True), "non-negative integer"),
    ("string count", lambda r: r["events"][1].update(individuals="5"), "non-negative integer"),
    (
        "participant shape",
        lambda r: r["events"][0].update(participants=[{"name": "Trần Văn Lan"}]),
        "exactly 'name' and 'title'",
    ),
    (
        "participants not list",
        lambda r: r["events"][0].update(participants="Trần Văn Lan"),
        "list of {name, title}",
    ),
    (
        "participant verbatim",
        lambda r: r["events"][0]["participants"][0].update(name="Trần Lan"),
        "'Trần Lan' does not occur verbatim",
    ),
    (
        "title verbatim",
        lambda r: r["events"][0]["participants"][0].update(title="Chủ tịch"),
        "'Chủ tịch' does not occur verbatim",
    ),
    ("event date", lambda r: r["events"][0].update(date="28/6/2024"), "bad date"),
    ("event date XXXX", lambda r: r["events"][1].update(date="XXXX-06-28"), "uses XXXX"),
    (
        "organizer verbatim",
        lambda r: r["events"][2].update(organizer="LĐLĐ tỉnh Nam Định"),
        "does not occur verbatim",
    ),
    (
        "organizer in boilerplate",
        lambda r: r["events"][2].update(organizer="MENU"),
        "does not occur verbatim in the body",
    ),
    ("issuer not string", lambda r: r["events"][1].update(issuer=5), "non-empty string or null"),
    ("empty name", lambda r: r["events"][0].update(name=" "), "non-empty string or null"),
    ("recipients not list", lambda r: r["events"][1].update(recipients="Lan"), "list of strings"),
    (
        "recipient verbatim",
        lambda r: r["events"][1].update(recipients=["Trường A"]),
        "does not occur verbatim",
    ),
    (
        "movement not string",
        lambda r: r["events"][2].update(movements=[None]),
        "must be a non-empty string",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "message"), [case[1:] for case in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_validator_catches(mutate: Mutation, message: str) -> None:
    record = base_record()
    mutate(record)
    problems = validate_record(record)
    assert any(message in problem.message for problem in problems), problems
    assert all(problem.article_id in ("fx-val-01", "Fx_Val") for problem in problems)


def without_repeat_annotation() -> dict[str, Any]:
    record = base_record()
    record["entities"].pop(2)
    return record


def small(text: str, *entities: tuple[str, str], exceptions: list[str] | None = None) -> dict:
    record = {
        "id": "fx-small",
        "published": None,
        "type": "other",
        "body_start": 0,
        "body_end": len(text),
        "entities": [],
        "events": [],
        "text": text,
    }
    if exceptions is not None:
        record["exceptions"] = exceptions
    for surface, label in entities:
        start = text.index(surface)
        record["entities"].append(
            {"start": start, "end": start + len(surface), "label": label, "text": surface}
        )
    return record


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(
            {**without_repeat_annotation(), "exceptions": ["LĐLĐ tỉnh Hà Nam tổ chức"]},
            id="except covers the occurrence",
        ),
        pytest.param(
            small(
                "LĐLĐ tỉnh họp. LĐLĐ tỉnh Hà Nam dự.",
                ("LĐLĐ tỉnh", "ORG"),
                ("LĐLĐ tỉnh Hà Nam", "ORG"),
            ),
            id="inside another entity",
        ),
        pytest.param(small("Chị Lan gặp anh Lanh.", ("Lan", "PER")), id="glued to letters"),
        pytest.param(
            small(unicodedata.normalize("NFD", "Hoa gặp Hoà."), ("Hoa", "PER")),
            id="glued to a combining mark (NFD)",
        ),
        pytest.param(
            small("Lan. Lan tỏa niềm vui.", ("Lan", "PER"), exceptions=["Lan tỏa"]),
            id="except names the context",
        ),
        pytest.param(
            small("Ở Hà Nam,\u00a0Hà Nam, Phủ Lý", ("Hà Nam,\u00a0Hà Nam", "LOC")),
            id="nbsp matched as a space",
        ),
    ],
)
def test_allowed_unannotated_occurrences(record: dict[str, Any]) -> None:
    assert validate_record(record) == []


def test_without_except_the_context_is_reported() -> None:
    problems = validate_record(small("Lan. Lan tỏa niềm vui.", ("Lan", "PER")))
    assert [(p.offset, p.message.split(" occurs")[0]) for p in problems] == [(5, "'Lan'")]


@pytest.mark.parametrize(
    "surface",
    ["ngày 28/6", "Ngày 18/1", "NĂM 2024", "Quý I/2025", "quý III", "nhiệm kỳ 2023 – 2028",
     "giai đoạn 2015- 2020", "2024 – 2025", "28/7/1929-28/7/2020", "15.8.2024"],
)  # fmt: skip
def test_date_span_rules_accept(surface: str) -> None:
    record = small(f"Họp {surface}.", (surface, "DATE"))
    record["entities"][0]["value"] = "XXXX-06"
    assert validate_record(record) == []


@pytest.mark.parametrize(
    "value",
    [
        "2020-06-28",
        "2022-03",
        "2022",
        "2015/2020",
        "2022-07-01/2022-12-31",
        "1929-07-28/2020-07-28",
        "2024-07/2024-09",
        "XXXX-06-28",
        "XXXX-06",
        "XXXX-02-29",
        "2024-02-29",
        "XXXX-11-04/XXXX-11-10",
    ],
)
def test_valid_iso_values(value: str) -> None:
    assert is_iso_date(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "2024-6-28",
        "28/6/2024",
        "20240628",
        "2024-00",
        "2024-13",
        "2023-02-29",
        "2024-04-31",
        "XXXX",
        "2020/2015",
        "2024-06-28/2024-06-01",
        "2015/2020/2025",
        "2024-06-28T10:00",
        " 2024",
        2024,
        None,
    ],
)
def test_invalid_iso_values(value: object) -> None:
    assert not is_iso_date(value)


def test_corpus_wide_problems() -> None:
    train = {**copy.deepcopy(base_record()), "split": "train"}
    problems = validate_corpus([train, copy.deepcopy(train)])
    messages = sorted(problem.message for problem in problems)
    assert messages == ["id used by 2 articles", "no article in the dev split"]
    assert validate_corpus([train], require_dev=False) == []
    assert validate_corpus([base_record()]) == []


def test_problem_text_names_the_article() -> None:
    record = base_record()
    record["type"] = "report"
    (problem,) = validate_record(record)
    assert str(problem).startswith("fx-val-01: type 'report'")
    assert problem.located("a.md", 2).to_dict()["line"] == 2
    assert str(problem.located("a.md", 2)).startswith("a.md:2: fx-val-01:")
