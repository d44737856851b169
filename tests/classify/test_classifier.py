"""The article-type classifier: predictions, integrity checks, retraining, bad data."""

import json
import shutil
import warnings

import pytest

import vn_union_nlp
from vn_union_nlp.classify import load_classifier, read_labelled_jsonl, train_classifier
from vn_union_nlp.cli import main
from vn_union_nlp.errors import DataFormatError, ModelError, ModelIntegrityError
from vn_union_nlp.models import find_bundled
from vn_union_nlp.types import ARTICLE_TYPES

CONFERENCE = (
    "Hội nghị tổng kết công tác công đoàn năm 2024\n\n"
    "Sáng 10/1, Liên đoàn Lao động tỉnh Lào Cai tổ chức Hội nghị tổng kết công tác công đoàn năm 2024, "
    "triển khai nhiệm vụ năm 2025. Dự hội nghị có đồng chí Vàng Thị Mỷ, Phó Chủ tịch UBND tỉnh."
)
CAMPAIGN = (
    "LĐLĐ huyện Bảo Yên phát động thi đua năm 2025\n\n"
    'Chiều 3/3, LĐLĐ huyện Bảo Yên tổ chức lễ phát động phong trào thi đua với chủ đề "Đoàn kết, '
    'sáng tạo, vượt khó" trong công nhân, viên chức, lao động toàn huyện.'
)


def small_dataset(labels, per_class=3):
    texts = {
        "hop": "Hội nghị tổng kết công tác năm của công đoàn cơ sở được tổ chức tại hội trường.",
        "thi_dua": "Công đoàn phát động phong trào thi đua lao động giỏi trong toàn ngành.",
        "khen": "Lễ trao Bằng khen cho các tập thể và cá nhân có thành tích xuất sắc.",
        "phuc_loi": "Công đoàn trao quà Tết cho đoàn viên có hoàn cảnh khó khăn.",
        "the_thao": "Hội thao công nhân viên chức với các môn bóng đá, kéo co, cầu lông.",
        "phap_luat": "Tuyên truyền pháp luật lao động, hợp đồng và bảo hiểm xã hội cho công nhân.",
    }
    records = []
    for label in labels:
        for i in range(per_class):
            records.append(
                {"text": f"{texts[label]} Bài số {i + 1} của nhóm {label}.", "label": label}
            )
    return records


def test_bundled_model_gives_probabilities(nlp):
    article = nlp(CONFERENCE)
    assert set(article.type_scores) == {
        "conference_report",
        "campaign_launch",
        "award_ceremony",
        "other",
    }
    assert abs(sum(article.type_scores.values()) - 1) < 0.01
    assert article.type == max(article.type_scores, key=article.type_scores.get)
    assert article.type == "conference_report"
    assert nlp(CAMPAIGN).type == "campaign_launch"


def test_bundled_meta_records_what_the_issue_asks():
    folder = find_bundled("classify")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    for key in ("labels", "sklearn_version", "data_sha256", "metrics", "files", "version"):
        assert key in meta
    assert meta["metrics"]["cross_validation"]["folds"] == 5
    assert len(meta["files"]["classifier.joblib"]) == 64


@pytest.fixture
def model_copy(tmp_path):
    dst = tmp_path / "model"
    shutil.copytree(find_bundled("classify"), dst)
    return dst


def test_tampered_artifact_is_refused(model_copy):
    artifact = model_copy / "classifier.joblib"
    data = bytearray(artifact.read_bytes())
    data[len(data) // 2] ^= 0xFF
    artifact.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="SHA-256"):
        load_classifier(str(model_copy))


def test_meta_without_checksums_is_refused(model_copy):
    meta = json.loads((model_copy / "meta.json").read_text(encoding="utf-8"))
    del meta["files"]
    (model_copy / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="checksums"):
        load_classifier(str(model_copy))


def test_corrupt_meta_is_refused(model_copy):
    (model_copy / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="not valid JSON"):
        load_classifier(str(model_copy))


def test_incompatible_sklearn_version(model_copy):
    meta_path = model_copy / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    major, minor = meta["sklearn_version"].split(".")[:2]
    meta["sklearn_version"] = f"{int(major) + 1}.0.0"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="train-classifier"):
        load_classifier(str(model_copy))
    meta["sklearn_version"] = f"{major}.{int(minor) + 50}.0"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    load_classifier.cache_clear()
    with pytest.warns(UserWarning, match="retrain"):
        load_classifier(str(model_copy))


def test_retraining_with_own_labels_and_tiny_data(tmp_path):
    labels = ["hop", "thi_dua", "khen", "phuc_loi", "the_thao", "phap_luat"]
    out = tmp_path / "mine"
    with pytest.warns(UserWarning, match="very little data"):
        report = train_classifier(small_dataset(labels), out)
    cv = report["cross_validation"]
    assert cv["folds"] == 3
    assert set(cv["labels"]) == set(labels)
    assert len(cv["confusion_matrix"]) == 6
    assert (out / "report.json").exists()
    assert (out / "confusion_matrix.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    nlp = vn_union_nlp.load(classifier=str(out))
    article = nlp("Hội thao công nhân với bóng đá và kéo co.\n\nCác đội thi đấu sôi nổi.")
    # labels of its own: the user's label in its own fields, the built-in type kept
    assert set(article.user_label_scores) == set(labels)
    assert article.user_label in labels
    assert set(article.type_scores) == set(ARTICLE_TYPES)
    assert article.type in ARTICLE_TYPES


def test_cli_train_classifier(tmp_path, capsys):
    data = tmp_path / "data.jsonl"
    data.write_text(
        "\n".join(
            json.dumps(r, ensure_ascii=False) for r in small_dataset(["hop", "khen", "phuc_loi"], 4)
        ),
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["train-classifier", str(data), "--out", str(tmp_path / "m")]) == 0
    out = capsys.readouterr()
    assert "macro-F1" in out.out and "confusion matrix" in out.out
    assert "fold" in out.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b'{"text": "a", "label": "x"}\n{"text": "b"}\n', ":2: missing 'label'"),
        (b'{"text": "a", "label": "x"}\n{broken\n', ":2: invalid JSON"),
        (
            b'{"text": "a", "label": "x"}\n{"text": "\xff\xfe", "label": "y"}\n',
            ":2: not valid UTF-8",
        ),
        (b'{"text": "", "label": "x"}\n', ":1: missing or empty 'text'"),
    ],
)
def test_bad_training_files(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(DataFormatError, match=message.replace("(", r"\(")):
        read_labelled_jsonl(path)


@pytest.mark.parametrize(
    ("labels", "message"),
    [(["a"] * 5, "only one class"), (["a", "a", "b"], "single example")],
)
def test_bad_label_distributions(tmp_path, labels, message):
    records = [{"text": f"Văn bản số {i}", "label": label} for i, label in enumerate(labels)]
    with pytest.raises(DataFormatError, match=message):
        train_classifier(records, tmp_path / "m")
