"""The output schema: generated from the records, committed up to date, and true of real output."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from vn_union_nlp import types as records
from vn_union_nlp.batch import annotate_corpus
from vn_union_nlp.schema import output_schema, schema_json

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ["conference-report.txt", "campaign-launch.txt", "award-ceremony.txt"]
EVENT_CLASSES = [records.ConferenceEvent, records.CampaignEvent, records.AwardEvent]


@pytest.fixture(scope="module")
def schema():
    return output_schema()


@pytest.fixture(scope="module")
def validator(schema):
    cls = jsonschema.Draft202012Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid(validator, record):
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def read(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


# -- the schema itself ------------------------------------------------------------------


def test_committed_schema_is_fresh():
    committed = (ROOT / "docs" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "docs/schema.json is stale: run python scripts/gen_schema.py"


def test_schema_is_valid_draft_2020_12(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_gen_schema_script_writes_and_checks(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("gen_schema", ROOT / "scripts" / "gen_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "schema.json"
    assert module.main(["--out", str(out), "--check"]) == 1  # missing counts as stale
    assert module.main(["--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == output_schema()
    assert module.main(["--out", str(out), "--check"]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace('"minimum": 0', '"minimum": 1'))
    assert module.main(["--out", str(out), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err


def test_schema_follows_the_dataclasses(schema):
    defs = schema["$defs"]
    for cls in EVENT_CLASSES:
        props = defs[cls.__name__]["properties"]
        # every dataclass field, plus the ClassVar `type` as a constant
        assert set(props) == {f.name for f in dataclasses.fields(cls)} | {"type"}
        assert props["type"] == {"const": cls.type}
        assert defs[cls.__name__]["required"] == list(cls().to_dict())
    entity = defs["Entity"]
    assert list(entity["properties"]) == ["start", "end", "label", "text", "value"]
    assert entity["required"] == ["start", "end", "label", "text"]
    assert entity["properties"]["label"]["enum"] == ["PER", "ORG", "LOC", "DATE"]
    article = defs["Article"]
    assert article["required"] == list(records.Article(text="").to_dict())
    assert set(article["properties"]) == set(article["required"]) | {"words"}
    events = article["properties"]["events"]["items"]["oneOf"]
    assert [e["$ref"].rsplit("/", 1)[1] for e in events] == [c.__name__ for c in EVENT_CLASSES]
    assert [ref["$ref"] for ref in schema["oneOf"]] == ["#/$defs/Article", "#/$defs/ErrorRecord"]


def _full_article() -> records.Article:
    text = "Hội nghị\n\nSáng 10/1, LĐLĐ tỉnh tặng Bằng khen cho anh Lê Văn Hùng."
    return records.Article(
        text=text,
        id="hand-made",
        title="Hội nghị",
        published=dt.date(2024, 1, 12),
        body_start=0,
        body_end=len(text),
        type="award_ceremony",
        type_scores={"award_ceremony": 0.7, "other": 0.3},
        entities=[
            records.Entity(15, 19, "DATE", "10/1", "2024-01-10"),
            records.Entity(21, 30, "ORG", "LĐLĐ tỉnh"),
        ],
        events=[
            records.ConferenceEvent(
                name="Hội nghị",
                date="2024-01-10",
                participants=[
                    records.Participant("Lê Văn Hùng", "Chủ tịch"),
                    records.Participant("Hà"),
                ],
                evidence=[records.Span(0, 8)],
            ),
            records.CampaignEvent(name="Lao động giỏi", movements=["Lao động giỏi"]),
            records.AwardEvent(
                issuer="LĐLĐ tỉnh", award="bằng khen", individuals=1, recipients=["Lê Văn Hùng"]
            ),
        ],
    )


def test_every_event_kind_validates(validator):
    # the events layer may find no event in the fixtures, so every kind is built by hand
    d = _full_article().to_dict()
    assert_valid(validator, d)
    assert_valid(validator, records.Article.from_dict(d, text=_full_article().text).to_dict())
    assert_valid(validator, {**d, "words": 12})


def _bad_records() -> list[tuple[str, dict]]:
    good = _full_article().to_dict()
    entity = good["entities"][0]
    return [
        ("unknown label", {**good, "entities": [{**entity, "label": "MISC"}]}),
        ("negative offset", {**good, "entities": [{**entity, "start": -1}]}),
        ("null entity value", {**good, "entities": [{**entity, "value": None}]}),
        ("missing key", {k: v for k, v in good.items() if k != "events"}),
        ("extra key", {**good, "sentiment": "positive"}),
        ("unknown event", {**good, "events": [{**good["events"][0], "type": "meeting"}]}),
        ("event field of another kind", {**good, "events": [{**good["events"][1], "award": "x"}]}),
        ("count as string", {**good, "events": [{**good["events"][2], "individuals": "1"}]}),
        ("not an ISO date", {**good, "published": "12/01/2024"}),
        ("score as string", {**good, "type_scores": {"other": "0.3"}}),
        ("article with an error", {**good, "error": {"type": "X", "message": "y"}}),
        ("error without message", {"id": "a", "error": {"type": "DecodeError"}}),
        ("error without id", {"error": {"type": "DecodeError", "message": "m"}}),
    ]


@pytest.mark.parametrize("why, record", _bad_records(), ids=[w for w, _ in _bad_records()])
def test_schema_rejects_malformed_records(validator, why, record):
    assert not validator.is_valid(record), why


# -- real output ------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_pipeline_output_validates(nlp, validator, name):
    text = read(name)
    article = nlp(text, id=name)
    d = article.to_dict()
    assert_valid(validator, d)
    assert_valid(validator, {**d, "words": article.words})
    assert d["title"] == text.split("\n", 1)[0]
    assert d["entities"], "a union news article without a single entity: is the NER running?"
    # the same records from decomposed Unicode with CRLF line ends
    messy = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    assert_valid(validator, nlp(messy, published="2024-03-01").to_dict())


@pytest.mark.parametrize("text", ["", "   \n\t", "🎉🎉"])
def test_empty_output_validates(nlp, validator, text):
    assert_valid(validator, nlp(text).to_dict())


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_shared_seed_output_validates(nlp, validator):
    seeds = sorted(SHARED_SEEDS.glob("*.txt"))
    assert seeds
    for path in seeds:
        assert_valid(validator, nlp(path.read_text(encoding="utf-8"), id=path.stem).to_dict())


def test_batch_records_validate(tmp_path, validator, schema):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in FIXTURES:
        (folder / name).write_text(read(name), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)))
    lines = [
        json.dumps({"id": "j1", "text": read(FIXTURES[0]), "published": "2024-01-12"}),
        '{"id": "j2", "text": "unterminated',
        json.dumps({"id": "j3"}),
        json.dumps({"text": 42}),
        json.dumps(["not", "an", "object"]),
    ]
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = annotate_corpus([folder], out)
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(written) == summary.total == 10
    for record in written:
        assert_valid(validator, record)
    errors = [r for r in written if "error" in r]
    assert {r["id"] for r in errors} == {
        "binary.txt",
        "lines.jsonl:2",
        "j3",
        "lines.jsonl:4",
        "lines.jsonl:5",
    }
    # each record matches exactly one branch: article records are no error records
    article_schema = {**schema["$defs"]["Article"], "$defs": schema["$defs"]}
    error_schema = schema["$defs"]["ErrorRecord"]
    for record in written:
        is_error = "error" in record
        assert jsonschema.Draft202012Validator(error_schema).is_valid(record) == is_error
        assert jsonschema.Draft202012Validator(article_schema).is_valid(record) != is_error
        if not is_error:
            assert isinstance(record["words"], int)
