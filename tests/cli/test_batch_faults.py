"""Reproduced faults of `vn-union-nlp annotate` and `train-classifier`, one test each.

Every test here failed (or, for the output-in-the-input-folder loop, would never have
ended: the run is cut off after a bounded number of records) before the fix it names.
"""

from __future__ import annotations

import io
import json
import shutil
import warnings
from pathlib import Path

import pytest

from vn_union_nlp.batch import annotate_corpus
from vn_union_nlp.classify import read_labelled_jsonl, train_classifier
from vn_union_nlp.cli import main
from vn_union_nlp.cli.train_classifier import format_report
from vn_union_nlp.errors import DataFormatError
from vn_union_nlp.models import find_bundled
from vn_union_nlp.types import ARTICLE_TYPES

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
GOOD = "Hội nghị tổng kết năm 2024\n\nSáng 10/1, LĐLĐ tỉnh tổ chức hội nghị tổng kết.\n\nThu Hà"
CONFIG = {"disable": ("classifier", "events", "ner")}


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def summary_of(err: str) -> dict:
    """The JSON summary: the last line of stderr."""
    return json.loads(err.strip().splitlines()[-1])


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    lines = [json.dumps({"id": f"j{i}", "text": GOOD}, ensure_ascii=False) for i in range(3)]
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


class Bounded:
    """A progress callback that stops a run that writes more records than it may."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, summary) -> None:
        if summary.total > self.limit:
            raise AssertionError(f"{summary.total} records from {self.limit} inputs: a loop")


# -- 1. the output inside an input folder ------------------------------------------------


def test_output_inside_the_input_folder_is_never_read(folder, capsys):
    out = folder / "out.jsonl"
    summary = annotate_corpus([folder], out, config=CONFIG, progress=Bounded(4))
    assert summary.total == 4
    assert sorted(r["id"] for r in read_lines(out)) == ["good.txt", "j0", "j1", "j2"]

    # again with --force and --resume, the output named through another path
    other_name = folder / "sub" / ".." / "out.jsonl"
    (folder / "sub").mkdir()
    summary = annotate_corpus([folder], other_name, force=True, config=CONFIG, progress=Bounded(4))
    assert summary.total == 4 and summary.skipped_outputs == [str(out)]
    summary = annotate_corpus([folder], out, resume=True, config=CONFIG, progress=Bounded(4))
    assert (summary.total, summary.skipped) == (0, 4)
    assert len(read_lines(out)) == 4

    # a second output in the folder: out.jsonl is an earlier output, skipped and reported
    out2 = folder / "out2.jsonl"
    code = main(["annotate", str(folder), "-o", str(out2)])
    assert code == 0
    skipped = summary_of(capsys.readouterr().err)["skipped_files"]["outputs"]
    assert (skipped["count"], skipped["files"]) == (1, [str(out)])
    assert len(read_lines(out2)) == 4
    assert main(["annotate", str(folder), "-o", str(out2), "--force"]) == 0
    skipped = summary_of(capsys.readouterr().err)["skipped_files"]["outputs"]
    assert (skipped["count"], skipped["files"]) == (2, [str(out), str(out2)])
    assert len(read_lines(out2)) == 4

    # the output given as an input file (or as stdin) is a usage error
    assert main(["annotate", str(out), "-o", str(out), "--resume", "-q"]) == 2
    assert "cannot also be an input" in capsys.readouterr().err
    from vn_union_nlp.batch import plan_inputs

    with out.open(encoding="utf-8") as same:
        with pytest.raises(DataFormatError, match="standard input is the output"):
            plan_inputs(["-"], output=out, stdin=same)
    assert len(read_lines(out)) == 4


def test_earlier_outputs_are_told_from_inputs(tmp_path):
    from vn_union_nlp.batch import is_output_record

    out = tmp_path / "o.jsonl"
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    annotate_corpus([tmp_path / "a.txt", tmp_path / "missing.txt"], out, config=CONFIG)
    for record in read_lines(out):
        assert is_output_record(record)
    corpus_line = json.loads((Path(__file__).parents[2] / "corpus" / "dev.jsonl").open().readline())
    assert not is_output_record(corpus_line)  # corpus and gold records carry their text
    assert not is_output_record({"id": "x", "text": GOOD})
    assert not is_output_record({"id": "x", "body": GOOD, "error": "no"}, "body")


# -- 3. a model that fails to load leaves the output alone -------------------------------


@pytest.fixture
def tampered(tmp_path):
    dst = tmp_path / "tampered"
    shutil.copytree(find_bundled("classify"), dst)
    artifact = dst / "classifier.joblib"
    data = bytearray(artifact.read_bytes())
    data[len(data) // 2] ^= 0xFF
    artifact.write_bytes(bytes(data))
    return dst


@pytest.mark.parametrize(
    "backend",
    [
        ["-j", "1"],
        ["-j", "2"],
        ["--backend", "dask", "--scheduler", "tcp://127.0.0.1:1"],
    ],
    ids=["jobs1", "jobs2", "dask"],
)
def test_a_bad_model_leaves_the_output_untouched(folder, tmp_path, tampered, backend, capsys):
    out = tmp_path / "existing.jsonl"
    out.write_text('{"id": "precious"}\n', encoding="utf-8")
    args = ["annotate", str(folder), "-o", str(out), "--force", "-q", *backend]
    assert main([*args, "--classifier", str(tampered)]) == 2
    assert "SHA-256" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == '{"id": "precious"}\n'

    missing = tmp_path / "no-such-model"
    new = tmp_path / "new.jsonl"
    args = ["annotate", str(folder), "-o", str(new), "-q", *backend]
    assert main([*args, "--classifier", str(missing)]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert not new.exists()  # so the next run is not refused


# -- 4. a classifier with labels of its own keeps the events ----------------------------


def tiny_dataset(labels: list[str], per_class: int = 4) -> list[dict]:
    texts = [
        "Hội nghị tổng kết công tác năm của công đoàn cơ sở được tổ chức tại hội trường.",
        "Công đoàn phát động phong trào thi đua lao động giỏi trong toàn ngành.",
        "Lễ trao Bằng khen cho các tập thể và cá nhân có thành tích xuất sắc.",
        "Công đoàn trao quà Tết cho đoàn viên có hoàn cảnh khó khăn.",
    ]
    return [
        {"text": f"{texts[k % len(texts)]} Bài số {i + 1}.", "label": label}
        for k, label in enumerate(labels)
        for i in range(per_class)
    ]


def annotate_articles(tmp_path: Path, name: str, *extra: str) -> dict[str, dict]:
    out = tmp_path / f"{name}.jsonl"
    names = ["conference-report.txt", "campaign-launch.txt", "award-ceremony.txt"]
    assert (
        main(["annotate", *(str(ARTICLES / n) for n in names), "-o", str(out), "-q", *extra]) == 0
    )
    return {r["id"]: r for r in read_lines(out)}


def test_a_classifier_with_own_labels_keeps_types_and_events(tmp_path):
    mine = tmp_path / "my_model"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        train_classifier(tiny_dataset(["tin_a", "tin_b"]), mine)
    bundled = annotate_articles(tmp_path, "bundled")
    user = annotate_articles(tmp_path, "user", "--classifier", str(mine))
    for rid, record in user.items():
        assert record["user_label"] in {"tin_a", "tin_b"}
        assert set(record["user_label_scores"]) == {"tin_a", "tin_b"}
        plain = {k: v for k, v in record.items() if not k.startswith("user_label")}
        assert plain == {k: v for k, v in bundled[rid].items() if not k.startswith("user_label")}
    kinds = {e["type"] for r in user.values() for e in r["events"]}
    assert {"conference", "campaign", "award"} <= kinds
    (award,) = [e for e in user["award-ceremony.txt"]["events"] if e["type"] == "award"]
    assert award["recipients"]
    assert user["conference-report.txt"]["type"] == "conference_report"


def test_a_classifier_with_the_builtin_labels_replaces_the_bundled_one(tmp_path):
    mine = tmp_path / "retrained"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        train_classifier(tiny_dataset(list(ARTICLE_TYPES)), mine)
    bundled = annotate_articles(tmp_path, "bundled")
    user = annotate_articles(tmp_path, "user", "--classifier", str(mine))
    for rid, record in user.items():
        assert record["user_label"] is None and record["user_label_scores"] == {}
        assert set(record["type_scores"]) == set(ARTICLE_TYPES)
        assert record["type_scores"] != bundled[rid]["type_scores"]  # the retrained model's


# -- 5. nothing to annotate, unsupported files -------------------------------------------


def test_a_folder_without_supported_files_is_a_usage_error(tmp_path, capsys):
    d = tmp_path / "docs"
    d.mkdir()
    for name in ("a.md", "b.md", "c.HTML", "README"):
        (d / name).write_text("# Hội nghị", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["annotate", str(d), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "nothing to annotate" in err
    assert ".md: 2" in err and ".html: 1" in err and "(no suffix): 1" in err
    assert not out.exists()

    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    assert main(["annotate", str(d), "-o", str(out)]) == 0
    unsupported = summary_of(capsys.readouterr().err)["skipped_files"]["unsupported"]
    assert unsupported["count"] == 4
    assert unsupported["by_suffix"] == {"(no suffix)": 1, ".html": 1, ".md": 2}


def test_no_input_at_all_is_a_usage_error(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out.jsonl"
    with pytest.raises(DataFormatError, match="no input given"):
        annotate_corpus([], out, config=CONFIG)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n  \n"))
    assert main(["annotate", "-", "-o", str(out), "-q"]) == 2
    assert "nothing to annotate" in capsys.readouterr().err
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    assert main(["annotate", str(tmp_path / "empty.jsonl"), "-o", str(out), "-q"]) == 2
    assert not out.exists()
    # stdin lines keep their numbers after the blank lines peeked at
    monkeypatch.setattr("sys.stdin", io.StringIO("\n\n" + json.dumps({"x": 1}) + "\n"))
    assert main(["annotate", "-", "-o", str(out), "-q"]) == 3
    assert [r["id"] for r in read_lines(out)] == ["stdin:3"]


# -- 6. CLI consistency ------------------------------------------------------------------


def write_training_data(tmp_path: Path) -> Path:
    data = tmp_path / "data.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in tiny_dataset(["tin_a", "tin_b"], 3)]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


def test_train_classifier_needs_force_for_an_existing_out(tmp_path, capsys):
    data = write_training_data(tmp_path)
    out = tmp_path / "model"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["train-classifier", str(data), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["train-classifier", str(data), "--out", str(out), "--force"]) == 0
    assert (out / "classifier.joblib").is_file()

    a_file = tmp_path / "model.bin"
    a_file.write_text("x", encoding="utf-8")
    for target in (a_file, a_file / "sub"):
        assert main(["train-classifier", str(data), "--out", str(target), "--force"]) == 2
        assert "is a file" in capsys.readouterr().err


def test_a_number_as_text_is_called_a_number(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "n", "text": 42}\n{"id": "m", "text": null}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    annotate_corpus([path], out, config=CONFIG)
    n, m = read_lines(out)
    assert "must be a string, got a number (42)" in n["error"]["message"]
    assert "missing" not in n["error"]["message"]
    assert "got null" in m["error"]["message"]
    train = tmp_path / "train.jsonl"
    train.write_text('{"text": 42, "label": "x"}\n', encoding="utf-8")
    with pytest.raises(
        DataFormatError, match=r"train.jsonl:1: 'text' must be a string, got a number"
    ):
        read_labelled_jsonl(train)
    train.write_text('{"text": "a", "label": 7}\n', encoding="utf-8")
    with pytest.raises(DataFormatError, match=r":1: 'label' must be a string, got a number"):
        read_labelled_jsonl(train)


def test_confusion_matrix_shows_whole_labels():
    labels = ["conference_report", "tin_rat_dai_ve_phong_trao", "x"]
    cv = {
        "folds": 3,
        "labels": labels,
        "per_class": {
            label: {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 3} for label in labels
        },
        "macro_f1": 1.0,
        "accuracy": 1.0,
        "confusion_matrix": [[3, 0, 0], [0, 3, 0], [0, 0, 3]],
    }
    text = format_report(cv)
    matrix = text.split("confusion matrix (rows gold, columns predicted)\n", 1)[1].splitlines()
    header = matrix[0].split()
    assert header == labels
    for label, row in zip(labels, matrix[1:], strict=True):
        assert row.split()[0] == label
    # the counts stand under their label: right-aligned in columns as wide as the longest
    for row in matrix[1:]:
        assert len(row) == len(matrix[0])


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_has_a_total_on_a_terminal_only(folder, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out.jsonl"
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["annotate", str(folder), "-o", str(out)]) == 0
    shown = terminal.getvalue()
    assert "4/4" in shown and "doc" in shown  # tqdm, with the number of inputs as total
    assert summary_of(shown)["inputs"] == 4

    monkeypatch.setattr("sys.stderr", FakeTerminal())
    assert main(["annotate", str(folder), "-o", str(out), "--force", "-q"]) == 0
    assert __import__("sys").stderr.getvalue() == ""

    monkeypatch.undo()
    assert main(["annotate", str(folder), "-o", str(out), "--force"]) == 0
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1  # not a terminal: the summary line and nothing else
    assert summary_of(err)["total"] == 4
