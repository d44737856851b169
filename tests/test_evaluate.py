import json

import pytest
from tests.conftest import SHARED

from vn_union_nlp.cli import main
from vn_union_nlp.evaluate import EntityScores, score_entities
from vn_union_nlp.events.scoring import score_events


def ent(start, end, label, value=None):
    d = {"start": start, "end": end, "label": label, "text": "x"}
    if value:
        d["value"] = value
    return d


def test_strict_and_lenient_entity_scores():
    gold = [ent(0, 5, "PER"), ent(10, 20, "ORG"), ent(30, 35, "DATE", "2024-01-02")]
    pred = [
        ent(0, 5, "PER"),
        ent(10, 18, "ORG"),
        ent(30, 35, "DATE", "2024-01-03"),
        ent(40, 45, "LOC"),
    ]
    scores = EntityScores()
    score_entities(gold, pred, scores)
    strict, lenient = scores.strict, scores.lenient
    assert (strict["ALL"].tp, strict["ALL"].fp, strict["ALL"].fn) == (2, 2, 1)
    assert (lenient["ALL"].tp, lenient["ALL"].fp, lenient["ALL"].fn) == (3, 1, 0)
    assert strict["ORG"].f1 == 0 and lenient["ORG"].f1 == 1
    assert scores.date_values == 1 and scores.date_value_accuracy == 0


def test_lenient_matches_each_gold_entity_once():
    scores = EntityScores()
    score_entities([ent(0, 10, "ORG")], [ent(0, 4, "ORG"), ent(5, 10, "ORG")], scores)
    assert (scores.lenient["ALL"].tp, scores.lenient["ALL"].fp) == (1, 1)


CONF = {
    "type": "conference",
    "name": "Hội nghị",
    "date": "2024-01-10",
    "location": None,
    "organizer": "LĐLĐ tỉnh",
    "participants": [{"name": "A", "title": "t"}, {"name": "B", "title": None}],
}
AWARD = {
    "type": "award",
    "issuer": "LĐLĐ tỉnh",
    "award": "bằng khen",
    "collectives": 2,
    "individuals": 3,
    "recipients": ["C"],
    "date": "2024-01-10",
}


@pytest.mark.parametrize(
    ("gold", "pred", "tp", "fp", "fn"),
    [
        ([CONF], [CONF], 4, 0, 0),
        ([CONF], [], 0, 0, 4),
        ([], [CONF], 0, 4, 0),
        ([CONF], [{**CONF, "organizer": "UBND tỉnh"}], 3, 1, 1),
        ([CONF], [{**CONF, "participants": [{"name": "A", "title": None}]}], 3, 0, 1),
        ([AWARD], [{**AWARD, "individuals": 4}], 1, 1, 1),
        ([AWARD], [{**AWARD, "issuer": "lđlđ TỈNH "}], 2, 0, 0),
    ],
)
def test_event_slot_counts(gold, pred, tp, fp, fn):
    total = score_events([(gold, pred)])["slots"]["ALL"]
    assert (total["tp"], total["fp"], total["fn"]) == (tp, fp, fn)


def test_cli_evaluate_json_on_shared_gold(capsys):
    gold = SHARED / "gold"
    if not gold.is_dir():
        pytest.skip("../shared/gold is not present")
    assert main(["evaluate", str(gold), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)[str(gold)]
    assert result["documents"] == 3
    assert {"entities", "types", "events"} <= set(result)


def test_cli_evaluate_on_a_corpus_file(tmp_path, capsys):
    text = "Hội nghị tổng kết\n\nSáng 10/1, LĐLĐ tỉnh tổ chức hội nghị.\n\nMinh Châu"
    record = {
        "id": "t1",
        "text": text,
        "published": "2025-01-11",
        "type": "conference_report",
        "body_start": 0,
        "body_end": len(text),
        "entities": [
            {"start": 19, "end": 23, "label": "DATE", "text": "10/1", "value": "2025-01-10"}
        ],
        "events": [],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["evaluate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "DATE value accuracy" in out and "event slots" in out
