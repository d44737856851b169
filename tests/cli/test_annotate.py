"""The batch job: every input yields exactly one line, whatever the input."""

import codecs
import json

import pytest

from vn_union_nlp.batch import annotate_corpus, read_done_ids
from vn_union_nlp.cli import main
from vn_union_nlp.errors import DataFormatError

GOOD = "Hội nghị tổng kết năm 2024\n\nSáng 10/1, LĐLĐ tỉnh tổ chức hội nghị tổng kết.\n\nThu Hà"
CONFIG = {"disable": ("classifier", "events", "ner")}


def read_lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def hostile_folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (d / "latin1.txt").write_bytes("Hội nghị công đoàn".encode("windows-1258", "replace"))
    (d / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"))
    (d / "utf16-broken.txt").write_bytes(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le")[:-1])
    (d / "emoji.txt").write_text("🎉🎉👍", encoding="utf-8")
    (d / "english.txt").write_text("The quick brown fox jumps over the lazy dog.", encoding="utf-8")
    (d / "sub").mkdir()
    (d / "sub" / "nested.txt").write_text(GOOD, encoding="utf-8")
    lines = [
        json.dumps({"id": "j1", "text": GOOD, "published": "2025-01-14"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "j3"}),
        json.dumps({"text": 42}),
        "",
        json.dumps(["a list"]),
        json.dumps({"text": GOOD}, ensure_ascii=False),
    ]
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def test_every_input_yields_one_line(hostile_folder, tmp_path):
    out = tmp_path / "out.jsonl"
    summary = annotate_corpus([hostile_folder], out, config=CONFIG)
    records = read_lines(out)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) == summary.total
    by_id = {r["id"]: r for r in records}
    # text files: relative paths as ids
    assert "entities" in by_id["good.txt"] and by_id["good.txt"]["title"].startswith("Hội nghị")
    assert "entities" in by_id["sub/nested.txt"]
    assert by_id["empty.txt"]["entities"] == [] and by_id["empty.txt"]["type"] is None
    assert by_id["binary.txt"]["error"]["type"] == "DecodeError"
    assert "UTF-8" in by_id["latin1.txt"]["error"]["message"]
    assert by_id["utf16.txt"]["title"] == "Hội nghị tổng kết năm 2024"
    assert by_id["utf16-broken.txt"]["error"]["type"] == "DecodeError"
    assert by_id["emoji.txt"]["entities"] == []
    assert "error" not in by_id["english.txt"]
    # JSONL: the id field, else file:line; the line number is in the error
    assert by_id["j1"]["published"] == "2025-01-14"
    assert by_id["batch.jsonl:2"]["error"]["type"] == "JSONDecodeError"
    assert "batch.jsonl:2" in by_id["batch.jsonl:2"]["error"]["message"]
    assert "missing the 'text' field" in by_id["j3"]["error"]["message"]
    assert by_id["batch.jsonl:4"]["error"]["type"] == "DataFormatError"
    assert by_id["batch.jsonl:6"]["error"]["type"] == "DataFormatError"
    assert "entities" in by_id["batch.jsonl:7"]
    assert summary.errors == sum("error" in r for r in records)
    assert summary.ok + summary.errors == summary.total == 15


def test_huge_file_becomes_error_record(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "huge.txt").write_text("công đoàn " * 2_100_000, encoding="utf-8")  # ~21 MB
    out = tmp_path / "out.jsonl"
    annotate_corpus([d], out, config=CONFIG)
    (rec,) = read_lines(out)
    assert rec["error"]["type"] == "InputTooLarge"
    assert "--max-chars" in rec["error"]["message"]


def test_existing_output_is_not_overwritten(tmp_path, hostile_folder):
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="--force"):
        annotate_corpus([hostile_folder / "good.txt"], out, config=CONFIG)
    assert out.read_text(encoding="utf-8") == "precious\n"
    annotate_corpus([hostile_folder / "good.txt"], out, force=True, config=CONFIG)
    assert read_lines(out)[0]["id"] == "good.txt"


def test_resume_skips_done_ids_and_repairs_a_torn_line(tmp_path, hostile_folder):
    out = tmp_path / "out.jsonl"
    annotate_corpus([hostile_folder], out, config=CONFIG)
    full = read_lines(out)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    # simulate a crash: 5 complete lines and half of the sixth
    out.write_text("".join(lines[:5]) + lines[5][: len(lines[5]) // 2], encoding="utf-8")
    assert len(read_done_ids(out)) == 5
    summary = annotate_corpus([hostile_folder], out, resume=True, config=CONFIG)
    assert summary.skipped == 5
    resumed = read_lines(out)
    assert sorted(r["id"] for r in resumed) == sorted(r["id"] for r in full)


def test_parallel_jobs_give_the_same_records(tmp_path, hostile_folder):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    annotate_corpus([hostile_folder], one, config=CONFIG)
    annotate_corpus([hostile_folder], two, jobs=2, batch_size=2, config=CONFIG)
    assert read_lines(one) == read_lines(two)


def test_cli_exit_codes_and_stdin(tmp_path, hostile_folder, monkeypatch, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["annotate", str(hostile_folder / "good.txt"), "-o", str(out), "-q"]) == 0
    assert main(["annotate", str(hostile_folder), "-o", str(out), "-q"]) == 2  # exists
    assert main(["annotate", str(hostile_folder), "-o", str(out), "--force", "-q"]) == 3
    import io

    monkeypatch.setattr(
        "sys.stdin", io.StringIO(json.dumps({"id": "s", "text": GOOD}) + "\n{bad\n")
    )
    out2 = tmp_path / "stdin.jsonl"
    assert main(["annotate", "-", "-o", str(out2), "-q"]) == 3
    assert [r["id"] for r in read_lines(out2)] == ["s", "stdin:2"]
