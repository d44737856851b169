"""The bundled models: present where the installed package looks, described and verified."""

import json

import pytest

from vn_union_nlp.errors import ModelError, ModelIntegrityError
from vn_union_nlp.models import bundled_models_dir, find_bundled, read_meta, verified_path


@pytest.mark.parametrize(
    ("task", "artifact"), [("ner", "model.crfsuite"), ("classify", "classifier.joblib")]
)
def test_bundled_model_is_shipped_and_verifies(task, artifact):
    folder = find_bundled(task)
    assert folder.parent == bundled_models_dir()
    meta = read_meta(folder)
    assert meta["name"] == folder.name and meta["task"] == task
    assert {"version", "labels", "data_sha256", "metrics", "created"} <= set(meta)
    assert verified_path(folder, artifact, meta).is_file()


def test_ner_meta_records_dev_scores():
    meta = read_meta(find_bundled("ner"))
    dev = meta["metrics"]["dev"]
    assert dev["strict"]["ALL"]["f1"] > 0 and "date_value_accuracy" in dev


def test_crf_model_is_not_a_pickle():
    # the NER model is CRFsuite's binary format: loading it runs no code
    data = (find_bundled("ner") / "model.crfsuite").read_bytes()[:4]
    assert not data.startswith(b"\x80")  # pickle protocols 2+ start with 0x80


def test_unknown_task_and_unlisted_file(tmp_path):
    with pytest.raises(ModelError, match="no bundled"):
        find_bundled("nonexistent-task")
    (tmp_path / "meta.json").write_text(json.dumps({"files": {}}), encoding="utf-8")
    (tmp_path / "extra.bin").write_bytes(b"x")
    with pytest.raises(ModelIntegrityError, match="not listed"):
        verified_path(tmp_path, "extra.bin", read_meta(tmp_path))


def test_corrupt_ner_model_is_refused(tmp_path):
    import shutil

    from vn_union_nlp.ner.model import EntityTagger

    dst = tmp_path / "ner"
    shutil.copytree(find_bundled("ner"), dst)
    with (dst / "model.crfsuite").open("r+b") as fh:
        fh.seek(100)
        fh.write(b"\x00\x01\x02")
    with pytest.raises(ModelIntegrityError):
        EntityTagger(dst)
