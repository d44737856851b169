"""The text layer: normalization, body, publication date, sentences, words.

:func:`analyze_text` is the pipeline's first component. It fills an :class:`Article`
with the normalized text (and its offset map), the body span, title, publication date,
sentences and tokens, every offset mapped back to the caller's string.
"""

from __future__ import annotations

import datetime as dt

from vn_union_nlp.errors import InputTypeError
from vn_union_nlp.text.body import BodySpan, find_body
from vn_union_nlp.text.language import detect_language, language_warning
from vn_union_nlp.text.normalize import NormalizedText, normalize
from vn_union_nlp.text.published import PublicationDate, find_publication_date
from vn_union_nlp.text.segment import segment, segment_spans
from vn_union_nlp.text.sentences import SentenceSpan, split_sentences
from vn_union_nlp.types import Article, Span, TokenList

__all__ = [
    "BodySpan",
    "NormalizedText",
    "PublicationDate",
    "SentenceSpan",
    "TextComponent",
    "analyze_text",
    "detect_language",
    "find_body",
    "find_publication_date",
    "normalize",
    "segment",
    "split_sentences",
]


def analyze_text(article: Article, *, tokenize: bool = True) -> Article:
    """Fill ``article`` with everything the text layer knows (in place; returns it)."""
    norm = normalize(article.text)
    article.normalized = norm
    text = norm.text
    body = find_body(text)
    article.norm_body = Span(body.start, body.end)
    article.body_start, article.body_end = norm.to_original_span(body.start, body.end)
    if body.title_start is not None and body.title_end is not None:
        article.norm_title = Span(body.title_start, body.title_end)
        ts, te = norm.to_original_span(body.title_start, body.title_end)
        article.title = article.text[ts:te].strip() or None
    if article.published is None:
        found = find_publication_date(text, body.start, body.end)
        if found is None and body.start > 0:
            found = find_publication_date(text, 0, body.start, max_lines=60)
        if found is not None:
            article.published = found.date
    article.language = detect_language(text[body.start : body.end])
    warning = language_warning(article.language)
    if warning is not None:
        article.warnings.append(warning)
    sentences = split_sentences(text, body.start, body.end)
    article.norm_sentences = [Span(s.start, s.end) for s in sentences]
    article.sentences = [Span(*norm.to_original_span(s.start, s.end)) for s in sentences]
    if tokenize:
        norm_tokens = segment_spans(text, [(s.start, s.end) for s in sentences])
        article.norm_tokens = norm_tokens
        to_original = norm.to_original_span
        article.tokens = TokenList(
            article.text, (to_original(a, b) for a, b in norm_tokens.spans())
        )
    return article


class TextComponent:
    """Pipeline component wrapping :func:`analyze_text`."""

    name = "text"

    def __init__(self, tokenize: bool = True):
        self.tokenize = tokenize

    def __call__(self, article: Article) -> Article:
        return analyze_text(article, tokenize=self.tokenize)


def parse_published(value: object) -> dt.date | None:
    """Accept a date, datetime or ISO string (``2024-03-18``) as a publication date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise InputTypeError(
                f"published={value!r} is not an ISO date; pass 'YYYY-MM-DD' or a datetime.date"
            ) from None
    raise InputTypeError(f"published must be a date or an ISO string, got {type(value).__name__}")
