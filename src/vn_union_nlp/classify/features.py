"""What the classifier reads: the article's own tokens, as one string.

Words come from the text layer's segmenter (``tổ chức`` -> ``tổ_chức``), lower-cased. Word
n-grams and character n-grams are computed from this string by the scikit-learn pipeline.
"""

from __future__ import annotations

from vn_union_nlp.types import Article, TokenList

LEAD_SENTENCES = 2
MAX_WORDS = 5000


def article_document(article: Article) -> str:
    """The classifier's input string for an article processed by the text layer.

    Words of the title and of the first ``LEAD_SENTENCES`` body sentences appear twice:
    plain, and with a ``t:`` / ``l:`` prefix, so the model can weigh what the headline and
    the lead say (who held a meeting, who launched what) apart from the rest of the body,
    where every type of article mentions movements and awards. An excerpt without a
    headline has no ``t:`` words: its first sentence is the lead. Only the first
    ``MAX_WORDS`` words are read, so a huge document costs no more than a long article.
    """
    norm = article.normalized
    text = norm.text if norm is not None else article.text
    tokens = article.norm_tokens
    spans = tokens.spans() if isinstance(tokens, TokenList) else ((t.start, t.end) for t in tokens)
    title = article.norm_title
    sentences = article.norm_sentences
    has_title = bool(sentences) and title is not None and sentences[0].start == title.start
    words: list[str] = []
    count = 0
    span = next(spans, None)
    for i, sentence in enumerate(sentences):
        if count >= MAX_WORDS or span is None:
            break
        lead_index = i if has_title else i + 1
        prefix = "t:" if has_title and i == 0 else "l:" if lead_index <= LEAD_SENTENCES else ""
        while span is not None and span[0] < sentence.start:
            span = next(spans, None)
        sentence_words = []
        while span is not None and span[1] <= sentence.end:
            sentence_words.append(text[span[0] : span[1]].lower().replace(" ", "_"))
            span = next(spans, None)
        count += len(sentence_words)
        words += sentence_words
        if prefix:
            words += [prefix + w for w in sentence_words]
    return " ".join(words)
