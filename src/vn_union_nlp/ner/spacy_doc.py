"""spaCy as the container of the entity layer.

:func:`to_spacy` turns an analysed :class:`~vn_union_nlp.types.Article` into a real
:class:`spacy.tokens.Doc` over the caller's *original* text (``doc.text == article.text``,
even for decomposed Unicode, old tone placement or CRLF input):

* the body's tokens are the library's own words (``article.tokens``, underthesea's
  segmentation), with their offsets; text outside them (the page around the body, gaps)
  is split on whitespace;
* a token is cut only where an entity or sentence boundary falls inside it, so every
  entity becomes a ``Span`` with exactly the library's offsets (the entity model tags finer
  pieces than words: ``Tuyên-LĐLĐ`` is a PER then an ORG);
* whitespace follows spaCy's convention: one plain space after a token is its
  ``whitespace_``, anything else is a whitespace token;
* ``doc.ents`` holds the entities (PER, ORG, LOC, DATE), a DATE's ISO value is
  ``ent._.value``; sentence starts come from the text layer, so ``doc.sents`` works;
* the Article itself is ``doc.user_data["vn_union_nlp"]``, also readable as
  ``doc._.article``.

:func:`spacy_pipeline` wraps a vn-union-nlp pipeline as a spaCy ``Language`` whose
tokenizer runs the whole analysis, so ``spacy_pipeline()(text).ents`` works and spaCy
components added after it see the library's tokens and entities.

Serialization: an Article is not msgpack data, so ``doc.to_bytes()`` and ``doc.to_disk()``
need ``exclude=["user_data"]`` (which also drops ``ent._.value``); pickling a Doc and
``DocBin`` (which leaves user data out by default) work as they are.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from vn_union_nlp.errors import DataFormatError, PipelineError
from vn_union_nlp.types import Article

__all__ = [
    "ARTICLE_EXTENSION",
    "USER_DATA_KEY",
    "VALUE_EXTENSION",
    "ArticleTokenizer",
    "spacy_pipeline",
    "to_spacy",
]

USER_DATA_KEY = "vn_union_nlp"
VALUE_EXTENSION = "value"  # Span._.value: a DATE's ISO 8601 value
ARTICLE_EXTENSION = "article"  # Doc._.article: the Article in doc.user_data
# spaCy 3.8's Vietnamese tokenizer imports pyvi unless told not to; ours replaces it anyway.
SPACY_VI_CONFIG: dict[str, Any] = {"nlp": {"tokenizer": {"use_pyvi": False}}}


def _article_of(doc: Doc) -> Article | None:
    return doc.user_data.get(USER_DATA_KEY)


def _register_extensions() -> None:
    """Register the extensions once; refuse to write into someone else's ``value`` getter."""
    if Span.has_extension(VALUE_EXTENSION):
        _default, method, getter, setter = Span.get_extension(VALUE_EXTENSION)
        if method is not None or (getter is not None and setter is None):
            raise PipelineError(
                f"Span._.{VALUE_EXTENSION} is already registered by other code as a method or "
                "read-only property; vn-union-nlp stores DATE values there. Remove it with "
                f"Span.remove_extension({VALUE_EXTENSION!r}) before importing "
                "vn_union_nlp.ner.spacy_doc."
            )
    else:
        Span.set_extension(VALUE_EXTENSION, default=None)
    if not Doc.has_extension(ARTICLE_EXTENSION):
        Doc.set_extension(ARTICLE_EXTENSION, getter=_article_of)


_register_extensions()


@functools.lru_cache(maxsize=1)
def _default_vocab() -> Vocab:
    """The vocabulary of a blank Vietnamese pipeline (stop words, lexical attributes)."""
    return spacy.blank("vi", config=SPACY_VI_CONFIG).vocab


# --------------------------------------------------------------------------------------
# Pieces: contiguous (start, end) regions covering the whole text, each either all
# whitespace or without whitespace at its edges.
def _whitespace_split(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split ``text[start:end]`` into runs of whitespace and runs of anything else."""
    i = start
    while i < end:
        j = i + 1
        space = text[i].isspace()
        while j < end and text[j].isspace() == space:
            j += 1
        yield i, j
        i = j


def _check_span(kind: str, start: int, end: int, n: int, what: object) -> None:
    if not 0 <= start < end <= n:
        raise DataFormatError(
            f"{kind} {what!r} has offsets [{start}, {end}) outside the text of length {n}; "
            "build the Article with the pipeline (vn_union_nlp.load()) or fix its offsets"
        )


def _segments(article: Article) -> list[tuple[int, int]]:
    """The body tokens as they are, the rest of the text split on whitespace."""
    text = article.text
    n = len(text)
    segments: list[tuple[int, int]] = []
    cursor = 0
    for tok in sorted(article.tokens, key=lambda t: (t.start, t.end)):
        _check_span("token", tok.start, tok.end, n, tok.text)
        if tok.start < cursor:
            raise DataFormatError(
                f"token {tok.text!r} at {tok.start} overlaps the token before it; tokens must "
                "not overlap (rebuild the Article with the pipeline)"
            )
        segments.extend(_whitespace_split(text, cursor, tok.start))
        segments.append((tok.start, tok.end))
        cursor = tok.end
    segments.extend(_whitespace_split(text, cursor, n))
    return segments


def _pieces(article: Article) -> list[tuple[int, int]]:
    text = article.text
    n = len(text)
    cuts: set[int] = set()
    for ent in article.entities:
        _check_span("entity", ent.start, ent.end, n, ent.text)
        cuts.update((ent.start, ent.end))
    for sent in article.sentences:
        if 0 <= sent.start <= n:
            cuts.add(sent.start)
    ordered_cuts = sorted(cuts)
    pieces: list[tuple[int, int]] = []
    k = 0
    for start, end in _segments(article):
        # cut the segment where an entity or sentence boundary falls strictly inside it
        while k < len(ordered_cuts) and ordered_cuts[k] <= start:
            k += 1
        bounds = [start]
        while k < len(ordered_cuts) and ordered_cuts[k] < end:
            bounds.append(ordered_cuts[k])
            k += 1
        bounds.append(end)
        for s, e in itertools.pairwise(bounds):
            pieces.extend(_trim(text, s, e))
    return _merge_whitespace(text, pieces)


def _trim(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A cut word may begin or end with a space (``huyện |Chợ``): split it off."""
    a = start
    while a < end and text[a].isspace():
        a += 1
    if a == end:
        return [(start, end)]
    b = end
    while text[b - 1].isspace():
        b -= 1
    return [p for p in ((start, a), (a, b), (b, end)) if p[0] < p[1]]


def _merge_whitespace(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if out and text[s].isspace() and text[out[-1][0]].isspace():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _words_and_spaces(text: str, pieces: list[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    words: list[str] = []
    spaces: list[bool] = []
    for s, e in pieces:
        piece = text[s:e]
        if piece.isspace() and words and not spaces[-1] and not words[-1].isspace():
            if piece[0] == " ":
                # spaCy keeps one plain space as the previous token's whitespace_
                spaces[-1] = True
                piece = piece[1:]
            if not piece:
                continue
        words.append(piece)
        spaces.append(False)
    return words, spaces


# --------------------------------------------------------------------------------------
def _set_sentences(doc: Doc, article: Article) -> None:
    if not article.sentences or not len(doc):
        return
    starts = {s.start for s in article.sentences}
    body_end = article.body_end
    after_body = False
    for i, token in enumerate(doc):
        start = i == 0 or token.idx in starts
        if not start and not after_body and token.idx >= body_end and not token.is_space:
            # the page after the body (footer boilerplate) is not part of the last sentence
            start = after_body = True
        token.is_sent_start = start


def _set_entities(doc: Doc, article: Article) -> None:
    spans: list[Span] = []
    last = None
    for ent in sorted(article.entities, key=lambda e: (e.start, e.end)):
        if last is not None and ent.start < last.end:
            raise DataFormatError(
                f"entities {last.text!r} [{last.start}, {last.end}) and {ent.text!r} "
                f"[{ent.start}, {ent.end}) overlap; doc.ents is flat, like the annotation "
                "guidelines: keep one of them"
            )
        span = doc.char_span(ent.start, ent.end, label=ent.label)
        if span is None:  # pragma: no cover - _pieces cuts at every entity boundary
            raise PipelineError(
                f"entity {ent.text!r} [{ent.start}, {ent.end}) does not align with the tokens; "
                "this is a bug in vn-union-nlp, please report it with the input text"
            )
        if ent.value is not None:
            span._.set(VALUE_EXTENSION, ent.value)
        spans.append(span)
        last = ent
    doc.ents = spans


def to_spacy(article: Article, vocab: Vocab | None = None) -> Doc:
    """A spaCy ``Doc`` over ``article.text`` with the library's tokens, sentences and entities.

    ``vocab`` defaults to that of a blank Vietnamese spaCy pipeline; pass ``nlp.vocab`` to
    use the Doc with your own spaCy pipeline. The Article is kept in
    ``doc.user_data["vn_union_nlp"]`` (``doc._.article``).
    """
    if not isinstance(article, Article):
        raise PipelineError(
            f"to_spacy() takes an Article, got {type(article).__name__}; "
            "analyse the text first: to_spacy(vn_union_nlp.load()(text))"
        )
    text = article.text
    words, spaces = _words_and_spaces(text, _pieces(article))
    doc = Doc(vocab if vocab is not None else _default_vocab(), words=words, spaces=spaces)
    if doc.text != text:  # pragma: no cover - the pieces cover the text exactly
        raise PipelineError(
            "the spaCy Doc does not reproduce the article text; this is a bug in "
            "vn-union-nlp, please report it with the input text"
        )
    _set_sentences(doc, article)
    _set_entities(doc, article)
    doc.user_data[USER_DATA_KEY] = article
    return doc


# --------------------------------------------------------------------------------------
class ArticleTokenizer:
    """A spaCy tokenizer that runs a vn-union-nlp pipeline and returns :func:`to_spacy`."""

    def __init__(self, pipeline: Callable[[str], Article], vocab: Vocab):
        self.pipeline = pipeline
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return to_spacy(self.pipeline(text), self.vocab)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # The tokenizer is code plus the library's bundled models: there is nothing to save,
    # and saving the blank config would silently reload spaCy's whitespace tokenizer.
    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise PipelineError(
            "the vn-union-nlp tokenizer cannot be serialized; save with "
            "nlp.to_disk(path, exclude=['tokenizer']) and, after spacy.load(path), set "
            "nlp.tokenizer = ArticleTokenizer(vn_union_nlp.load(), nlp.vocab)"
        )

    to_bytes = from_bytes = to_disk = from_disk = _refuse


def spacy_pipeline(nlp: Callable[[str], Article] | None = None) -> Language:
    """A blank Vietnamese spaCy ``Language`` whose tokenizer runs vn-union-nlp.

    ``nlp`` is a vn-union-nlp pipeline (default: ``vn_union_nlp.load()``). The returned
    ``Language`` gives Docs made by :func:`to_spacy`: ``spacy_pipeline()(text).ents``.
    """
    if isinstance(nlp, Language):
        raise PipelineError(
            "spacy_pipeline() takes a vn-union-nlp pipeline (vn_union_nlp.load()), not a "
            "spaCy Language; to add components, call add_pipe on the Language it returns"
        )
    if nlp is None:
        from vn_union_nlp.pipeline import load

        nlp = load()
    elif not callable(nlp):
        raise PipelineError(
            f"spacy_pipeline() takes a vn-union-nlp pipeline, got {type(nlp).__name__}"
        )
    language = spacy.blank("vi", config=SPACY_VI_CONFIG)
    language.tokenizer = ArticleTokenizer(nlp, language.vocab)
    return language
