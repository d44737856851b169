"""What the classifier reads: the article's own tokens, as one string.

Words come from the text layer's segmenter (``tổ chức`` -> ``tổ_chức``), lower-cased; the
title's words appear a second time with a ``t:`` prefix because a headline says more about
the article's type than any body sentence. Word n-grams and character n-grams are computed
from this string by the scikit-learn pipeline.
"""

from __future__ import annotations

from vn_union_nlp.types import Article


def article_document(article: Article) -> str:
    """The classifier's input string for an article processed by the text layer."""
    norm = article.normalized
    text = norm.text if norm is not None else article.text
    words = [text[t.start : t.end].lower().replace(" ", "_") for t in article.norm_tokens]
    title_words: list[str] = []
    if article.norm_sentences:
        first = article.norm_sentences[0]
        title_words = [
            "t:" + text[t.start : t.end].lower().replace(" ", "_")
            for t in article.norm_tokens
            if t.start >= first.start and t.end <= first.end
        ]
    return " ".join(title_words + words)
