"""spaCy as the container of the entity layer (``vn_union_nlp.ner.spacy_doc``).

The Doc must reproduce the caller's text exactly and carry the library's own tokens and
entities with the library's offsets, whatever the input's Unicode form or line endings.
The texts are invented in the genre's style.
"""

from __future__ import annotations

import doctest
import pickle
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import vn_union_nlp
from vn_union_nlp.errors import DataFormatError, PipelineError
from vn_union_nlp.ner import spacy_doc
from vn_union_nlp.ner.spacy_doc import (
    SPACY_VI_CONFIG,
    USER_DATA_KEY,
    ArticleTokenizer,
    spacy_pipeline,
    to_spacy,
)
from vn_union_nlp.types import Article, Entity, Span, Token

ARTICLE = (
    "LĐLĐ tỉnh Hoà Bình tổng kết phong trào thi đua năm 2024\n"
    "\n"
    "Sáng 16/12, Liên đoàn Lao động (LĐLĐ) tỉnh Hoà Bình tổ chức hội nghị tổng kết phong "
    "trào thi đua năm 2024. Dự hội nghị có đồng chí Bùi Văn Khánh, Phó Chủ tịch UBND tỉnh; "
    "bà Đinh Thị Thuỷ, Chủ tịch LĐLĐ tỉnh.\n"
    "\n"
    "Năm qua, các cấp công đoàn tại huyện Lạc Sơn và thành phố Hoà Bình đã tổ chức nhiều "
    "hoạt động chăm lo cho đoàn viên.  Nhân dịp này, LĐLĐ tỉnh tặng giấy khen cho 20 tập "
    "thể.\n"
    "\n"
    "Thu Hà"
)
PAGE = (
    "• /upload/images/slide/anh1.jpg\n"
    "LIÊN ĐOÀN LAO ĐỘNG\n"
    "TỈNH HÒA BÌNH\n"
    "congdoanhoabinh.org.vn\n"
    "Menu\n"
    "LIÊN ĐOÀN LAO ĐỘNG\n"
    "TỈNH HÒA BÌNH\n"
    "congdoanhoabinh.org.vn\n"
    "\n" + ARTICLE + "\n\nTin liên quan\nLĐLĐ huyện Mai Châu trao quà Tết\n© Bản quyền LĐLĐ tỉnh\n"
)


def _variants() -> dict[str, str]:
    crlf = ARTICLE.replace("\n", "\r\n")
    return {
        "nfc": ARTICLE,
        "crlf": crlf,
        "nfd": unicodedata.normalize("NFD", ARTICLE),
        "nfd-crlf": unicodedata.normalize("NFD", crlf),
        # no-break spaces, a tab and doubled spaces become whitespace tokens or whitespace_
        "spaces": ARTICLE.replace("Lao động", "Lao\u00a0động").replace(", Phó", ",\tPhó"),
        "page": PAGE,
        "page-nfd-crlf": unicodedata.normalize("NFD", PAGE.replace("\n", "\r\n")),
    }


VARIANTS = _variants()


@pytest.fixture(scope="module")
def ner_nlp():
    return vn_union_nlp.load(disable=["classifier", "events"])


@pytest.fixture(scope="module")
def analysed(ner_nlp):
    out = {}
    for name, text in VARIANTS.items():
        article = ner_nlp(text, published="2024-12-17")
        out[name] = (article, to_spacy(article))
    return out


@pytest.mark.parametrize("name", list(VARIANTS))
def test_doc_text_is_the_original(analysed, name):
    article, doc = analysed[name]
    assert isinstance(doc, Doc)
    assert doc.text == article.text == VARIANTS[name]
    assert "".join(t.text_with_ws for t in doc) == VARIANTS[name]


@pytest.mark.parametrize("name", list(VARIANTS))
def test_entities_have_our_offsets(analysed, name):
    article, doc = analysed[name]
    assert article.entities, "the article has entities"
    ours = [(e.start, e.end, e.label, e.text, e.value) for e in article.entities]
    theirs = [(s.start_char, s.end_char, s.label_, s.text, s._.value) for s in doc.ents]
    assert theirs == ours
    assert {s.label_ for s in doc.ents} == {"PER", "ORG", "LOC", "DATE"}
    for ent in doc.ents:
        assert ent.text == VARIANTS[name][ent.start_char : ent.end_char]
        assert (ent._.value is not None) == (ent.label_ == "DATE")


def _cuts(article: Article) -> set[int]:
    return {x for e in article.entities for x in (e.start, e.end)} | {
        s.start for s in article.sentences
    }


@pytest.mark.parametrize("name", list(VARIANTS))
def test_body_tokens_are_ours(analysed, name):
    article, doc = analysed[name]
    assert article.tokens
    spacy_tokens = {(t.idx, t.idx + len(t)): t.text for t in doc}
    cuts = _cuts(article)
    kept = 0
    for tok in article.tokens:
        inner_cuts = sorted(c for c in cuts if tok.start < c < tok.end)
        if not inner_cuts:
            # untouched: the very same token, same offsets, same text
            assert spacy_tokens.get((tok.start, tok.end)) == tok.text, tok
            kept += 1
            continue
        # cut only where an entity or sentence boundary falls inside it
        inside = sorted(
            (s, e) for s, e in spacy_tokens if tok.start <= s and e <= tok.end and s < e
        )
        assert "".join(VARIANTS[name][s:e] for s, e in inside).replace(" ", "") == (
            tok.text.replace(" ", "")
        )
        starts = {s for s, _ in inside}
        assert set(inner_cuts) <= starts | {e for _, e in inside}
    assert kept, "most words are kept whole"
    # outside the tokens, only whitespace runs and whitespace-separated pieces
    covered = [(t.start, t.end) for t in article.tokens]
    for t in doc:
        if not any(s <= t.idx < e for s, e in covered):
            assert t.is_space or not any(c.isspace() for c in t.text), repr(t.text)


def test_whitespace_follows_spacy_convention(analysed):
    _, doc = analysed["spaces"]
    by_text = {t.text: t for t in doc}
    # one plain space is the previous token's whitespace_
    assert by_text["hội nghị"].whitespace_ == " "
    # line breaks, tabs and the second of two spaces are whitespace tokens
    space_tokens = [t.text for t in doc if t.is_space]
    assert "\n\n" in space_tokens and "\t" in space_tokens and " " in space_tokens
    # a no-break space inside one of our words stays inside it
    assert any("\u00a0" in t.text and not t.is_space for t in doc)


def test_page_outside_body_is_split_on_whitespace(analysed):
    article, doc = analysed["page"]
    head = [t for t in doc if t.idx + len(t) <= article.body_start and not t.is_space]
    assert [t.text for t in head][:4] == ["•", "/upload/images/slide/anh1.jpg", "LIÊN", "ĐOÀN"]
    tail = [t.text for t in doc if t.idx >= article.body_end and not t.is_space]
    assert tail[:2] == ["Tin", "liên"]
    assert all(
        article.body_start <= e.start_char < e.end_char <= article.body_end for e in doc.ents
    )


def test_sentences_from_the_text_layer(analysed):
    article, doc = analysed["crlf"]
    starts = {s.start_char for s in doc.sents}
    assert {s.start for s in article.sentences} <= starts
    assert len(list(doc.sents)) == len(article.sentences)


def test_article_travels_with_the_doc(analysed):
    article, doc = analysed["nfc"]
    assert doc.user_data[USER_DATA_KEY] is article
    assert doc._.article is article


def test_empty_and_blank_text(ner_nlp):
    for text in ("", "   ", "\r\n\t"):
        doc = to_spacy(ner_nlp(text))
        assert doc.text == text
        assert doc.ents == ()
    assert len(to_spacy(ner_nlp(""))) == 0


def test_article_without_tokens_still_aligns(analysed):
    """An Article read back from JSON has no tokens: split on whitespace, cut at entities."""
    article, _ = analysed["nfd-crlf"]
    restored = Article.from_dict(article.to_dict(), text=article.text)
    assert restored.tokens == []
    doc = to_spacy(restored)
    assert doc.text == article.text
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (e.start, e.end, e.label) for e in article.entities
    ]


def test_entity_boundary_inside_a_token_cuts_it():
    text = "Đinh Văn Tuyên-LĐLĐ huyện Bạch Thông"
    article = Article(
        text=text,
        body_end=len(text),
        tokens=[Token(0, 19, "Đinh Văn Tuyên-LĐLĐ"), Token(20, 25, "huyện"), Token(26, 36, "x")],
        entities=[Entity(0, 14, "PER", "Đinh Văn Tuyên"), Entity(15, 36, "ORG", text[15:])],
    )
    doc = to_spacy(article)
    assert [t.text for t in doc] == ["Đinh Văn Tuyên", "-", "LĐLĐ", "huyện", "Bạch Thông"]
    assert [t.whitespace_ for t in doc] == ["", "", " ", " ", ""]
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Đinh Văn Tuyên", "PER"),
        ("LĐLĐ huyện Bạch Thông", "ORG"),
    ]


def test_cut_word_keeps_spaces_as_whitespace():
    text = "tại huyện Chợ Mới."
    article = Article(
        text=text,
        tokens=[
            Token(0, 3, "tại"),
            Token(4, 13, "huyện Chợ"),
            Token(14, 17, "Mới"),
            Token(17, 18, "."),
        ],
        entities=[Entity(10, 17, "LOC", "Chợ Mới")],
    )
    doc = to_spacy(article)
    assert [t.text for t in doc] == ["tại", "huyện", "Chợ", "Mới", "."]
    assert doc.ents[0].text == "Chợ Mới"


def test_overlapping_entities_are_refused():
    text = "LĐLĐ tỉnh Bắc Kạn"
    article = Article(
        text=text,
        entities=[Entity(0, 17, "ORG", text), Entity(10, 17, "LOC", "Bắc Kạn")],
    )
    with pytest.raises(DataFormatError, match="overlap"):
        to_spacy(article)


def test_bad_offsets_are_refused():
    with pytest.raises(DataFormatError, match="outside the text"):
        to_spacy(Article(text="Hà Nội", entities=[Entity(0, 9, "LOC", "Hà Nội...")]))
    with pytest.raises(DataFormatError, match="overlaps"):
        to_spacy(Article(text="Hà Nội", tokens=[Token(0, 6, "Hà Nội"), Token(3, 6, "Nội")]))
    with pytest.raises(PipelineError, match="takes an Article"):
        to_spacy("Hà Nội")  # type: ignore[arg-type]


def test_doc_survives_pickle_and_docbin(analysed):
    article, doc = analysed["nfd"]
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.text == doc.text
    assert [(e.start_char, e.end_char, e.label_, e._.value) for e in copy.ents] == [
        (e.start_char, e.end_char, e.label_, e._.value) for e in doc.ents
    ]
    assert copy._.article.to_dict() == article.to_dict()
    # to_bytes cannot carry the Article (not msgpack data): exclude user_data, as documented
    restored = Doc(doc.vocab).from_bytes(doc.to_bytes(exclude=["user_data"]))
    assert [(e.start_char, e.end_char, e.label_) for e in restored.ents] == [
        (e.start_char, e.end_char, e.label_) for e in doc.ents
    ]


def test_own_vocab(analysed):
    article, _ = analysed["nfc"]
    nlp = spacy.blank("vi", config=SPACY_VI_CONFIG)
    doc = to_spacy(article, nlp.vocab)
    assert doc.vocab is nlp.vocab


# -- spacy_pipeline ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def spacy_nlp(ner_nlp):
    return spacy_pipeline(ner_nlp)


def test_spacy_pipeline_runs_our_analysis(spacy_nlp, ner_nlp):
    assert isinstance(spacy_nlp, Language)
    assert spacy_nlp.lang == "vi"
    assert isinstance(spacy_nlp.tokenizer, ArticleTokenizer)
    text = VARIANTS["nfd-crlf"]
    doc = spacy_nlp(text)
    article = ner_nlp(text)
    assert doc.text == text
    assert [(e.start_char, e.end_char, e.label_, e._.value) for e in doc.ents] == [
        (e.start, e.end, e.label, e.value) for e in article.entities
    ]
    assert isinstance(doc._.article, Article)
    assert doc.user_data[USER_DATA_KEY] is doc._.article
    assert doc.vocab is spacy_nlp.vocab


def test_spacy_pipeline_empty_text_and_pipe(spacy_nlp):
    assert spacy_nlp("").text == ""
    assert spacy_nlp("").ents == ()
    docs = list(spacy_nlp.pipe(["", ARTICLE, "  "]))
    assert [d.text for d in docs] == ["", ARTICLE, "  "]
    assert docs[1].ents


def test_spacy_components_see_our_tokens(ner_nlp):
    nlp = spacy_pipeline(ner_nlp)
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": False})
    ruler.add_patterns([{"label": "EVENT", "pattern": [{"LOWER": "hội nghị"}]}])
    doc = nlp(ARTICLE)
    labels = {e.label_ for e in doc.ents}
    assert "EVENT" in labels and {"PER", "ORG", "LOC", "DATE"} <= labels
    # our entities are untouched by the added component
    article = doc._.article
    ours = {(e.start, e.end, e.label) for e in article.entities}
    assert ours <= {(e.start_char, e.end_char, e.label_) for e in doc.ents}


def test_spacy_pipeline_default_loads_the_library():
    nlp = spacy_pipeline()
    doc = nlp("Sáng 16/12, LĐLĐ tỉnh Hoà Bình tổ chức hội nghị tại thành phố Hoà Bình.")
    assert [(e.label_, e.text) for e in doc.ents if e.label_ == "LOC"] == [("LOC", "Hoà Bình")]


def test_spacy_pipeline_refuses_a_spacy_language():
    with pytest.raises(PipelineError, match="not a spaCy Language"):
        spacy_pipeline(spacy.blank("vi", config=SPACY_VI_CONFIG))  # type: ignore[arg-type]
    with pytest.raises(PipelineError):
        spacy_pipeline("vi")  # type: ignore[arg-type]


def test_tokenizer_refuses_to_serialize(spacy_nlp, tmp_path):
    with pytest.raises(PipelineError, match="exclude=\\['tokenizer'\\]"):
        spacy_nlp.to_disk(tmp_path / "nlp")


def test_lazy_exports():
    from vn_union_nlp import ner

    assert ner.to_spacy is spacy_doc.to_spacy
    assert ner.spacy_pipeline is spacy_doc.spacy_pipeline
    with pytest.raises(AttributeError):
        ner.no_such_name  # noqa: B018
    code = "import sys, vn_union_nlp.ner; sys.exit('vn_union_nlp.ner.spacy_doc' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_span_records_are_not_confused(analysed):
    # ``vn_union_nlp.types.Span`` (our offsets) and spaCy's Span are different things
    article, doc = analysed["nfc"]
    assert all(isinstance(s, Span) for s in article.sentences)
    assert all(not isinstance(e, Span) for e in doc.ents)


def test_entities_doc_examples_run():
    """The examples in docs/entities.md run, so the page stays true."""
    page = Path(__file__).resolve().parents[2] / "docs" / "entities.md"
    if not page.is_file():
        pytest.skip("docs/entities.md is not in this tree")
    result = doctest.testfile(
        str(page),
        module_relative=False,
        encoding="utf-8",
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
        verbose=False,
    )
    assert result.attempted >= 10, f"only {result.attempted} examples found in {page}"
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"
