import json
import time
import unicodedata

import pytest

import vn_union_nlp
from vn_union_nlp import Article, InputTypeError, PipelineError

ARTICLE = (
    "Hội nghị tổng kết công tác công đoàn năm 2024\n\n"
    "Cập nhật lúc 09:15 - 14/01/2025 (GMT +07:00)\n\n"
    "Sáng 10/1, LĐLĐ tỉnh Hoà Bình tổ chức hội nghị tổng kết. Đến dự có đồng chí Nguyễn Văn An.\n\n"
    "Thu Hà"
)


def test_load_has_text_first(text_nlp):
    assert text_nlp.pipe_names[0] == "text"


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["a"]])
def test_non_str_input_raises_type_error(text_nlp, bad):
    with pytest.raises(TypeError) as info:
        text_nlp(bad)
    assert isinstance(info.value, InputTypeError)
    assert "str" in str(info.value)


@pytest.mark.parametrize("empty", ["", "   ", "\n\r\n\t\u00a0"])
def test_empty_text_gives_empty_article(text_nlp, empty):
    article = text_nlp(empty)
    d = article.to_dict()
    assert d["entities"] == [] and d["events"] == [] and d["type"] is None
    assert article.tokens == []


def test_to_dict_has_stable_keys(text_nlp):
    d = text_nlp(ARTICLE, id="a1").to_dict()
    for key in (
        "id",
        "type",
        "type_scores",
        "published",
        "entities",
        "events",
        "title",
        "body_start",
        "body_end",
    ):
        assert key in d
    assert d["published"] == "2025-01-14"
    assert d["title"] == "Hội nghị tổng kết công tác công đoàn năm 2024"
    json.dumps(d)


def test_published_argument_overrides(text_nlp):
    assert text_nlp(ARTICLE, published="2025-02-01").published.isoformat() == "2025-02-01"
    with pytest.raises(InputTypeError):
        text_nlp(ARTICLE, published="yesterday")


def test_token_offsets_point_into_original(text_nlp):
    original = unicodedata.normalize("NFD", ARTICLE).replace("\n", "\r\n")
    article = text_nlp(original)
    assert article.tokens
    for tok in article.tokens:
        assert original[tok.start : tok.end] == tok.text
    words = [unicodedata.normalize("NFC", t.text) for t in article.tokens]
    assert "tổ chức" in words
    assert any(w.startswith("Hoà") for w in words)  # the original form, old tone kept


def test_pipe_streams_in_order(text_nlp):
    texts = [ARTICLE, ("Bài hai\n\nNội dung.", {"id": "b2", "published": "2024-05-01"}), ""]
    out = list(text_nlp.pipe(texts))
    assert [a.id for a in out] == [None, "b2", None]
    assert out[1].published.isoformat() == "2024-05-01"


def test_pipe_with_two_processes_matches_one(text_nlp):
    texts = [ARTICLE, "Bài hai\n\nNội dung thứ hai.", ARTICLE.replace("2024", "2023")]
    one = [a.to_dict() for a in text_nlp.pipe(texts)]
    two = [a.to_dict() for a in text_nlp.pipe(texts, n_process=2, batch_size=1)]
    assert one == two


def test_component_must_return_article():
    nlp = vn_union_nlp.load(disable=["ner", "classifier", "events"])
    nlp.add_pipe("broken", lambda article: None)
    with pytest.raises(PipelineError, match="broken"):
        nlp(ARTICLE)


def test_custom_component_runs_in_order():
    nlp = vn_union_nlp.load(disable=["ner", "classifier", "events"])
    seen = []

    def spy(article: Article) -> Article:
        seen.append(len(article.tokens))
        return article

    nlp.add_pipe("spy", spy, after="text")
    nlp(ARTICLE)
    assert seen and seen[0] > 10


def test_large_text_layer_is_linear():
    from vn_union_nlp.text import analyze_text

    unit = ARTICLE.replace("Thu Hà", "") * 20
    timings = []
    for factor in (1, 8):
        text = unit * factor * 20
        t0 = time.perf_counter()
        article = analyze_text(Article(text=text), tokenize=False)
        timings.append(time.perf_counter() - t0)
        assert article.body_end > 0
    # 8x the input may not cost more than ~30x the time (linear, with generous slack)
    assert timings[1] < timings[0] * 30 + 0.5


def test_ten_megabyte_text_is_processed():
    from vn_union_nlp.text import analyze_text

    text = (ARTICLE + "\n") * (10_000_000 // len(ARTICLE))
    assert len(text) >= 9_000_000
    article = analyze_text(Article(text=text), tokenize=False)
    assert article.sentences and article.body_end <= len(text)


def test_pipe_refuses_custom_components_in_workers():
    nlp = vn_union_nlp.load(disable=["ner", "classifier", "events"])
    nlp.add_pipe("mine", lambda article: article)
    with pytest.raises(PipelineError, match="n_process=1"):
        list(nlp.pipe([ARTICLE], n_process=2))
