"""What the classifier reads: the article's own tokens, as one string.

Words come from the text layer's segmenter (``tổ chức`` -> ``tổ_chức``), lower-cased. Word
n-grams and character n-grams are computed from this string by the scikit-learn pipeline.
"""

from __future__ import annotations

from vn_union_nlp.types import Article

LEAD_SENTENCES = 2


def article_document(article: Article) -> str:
    """The classifier's input string for an article processed by the text layer.

    Words of the title and of the first ``LEAD_SENTENCES`` body sentences appear twice:
    plain, and with a ``t:`` / ``l:`` prefix, so the model can weigh what the headline and
    the lead say (who held a meeting, who launched what) apart from the rest of the body,
    where every type of article mentions movements and awards.
    """
    norm = article.normalized
    text = norm.text if norm is not None else article.text
    tokens = article.norm_tokens
    words: list[str] = []
    k = 0
    for i, sentence in enumerate(article.norm_sentences):
        prefix = "t:" if i == 0 else "l:" if i <= LEAD_SENTENCES else ""
        while k < len(tokens) and tokens[k].start < sentence.start:
            k += 1
        sentence_words = []
        while k < len(tokens) and tokens[k].end <= sentence.end:
            sentence_words.append(text[tokens[k].start : tokens[k].end].lower().replace(" ", "_"))
            k += 1
        words += sentence_words
        if prefix:
            words += [prefix + w for w in sentence_words]
    return " ".join(words)
