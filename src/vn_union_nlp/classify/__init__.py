"""Article-type classification: conference_report, campaign_launch, award_ceremony, other
(or the user's own labels after retraining)."""

from __future__ import annotations

from vn_union_nlp.classify.features import article_document
from vn_union_nlp.classify.model import TypeClassifier, load_classifier
from vn_union_nlp.classify.training import read_labelled_jsonl, train_classifier
from vn_union_nlp.types import Article

__all__ = [
    "ClassifierComponent",
    "TypeClassifier",
    "article_document",
    "load_classifier",
    "read_labelled_jsonl",
    "train_classifier",
]


class ClassifierComponent:
    """Pipeline component: fills ``article.type`` and ``article.type_scores``."""

    name = "classifier"

    def __init__(self, path: str | None = None):
        self.model = load_classifier(str(path) if path else None)

    def __call__(self, article: Article) -> Article:
        if not article.norm_tokens:
            return article
        (scores,) = self.model.predict_documents([article_document(article)])
        article.type_scores = scores
        article.type = max(scores, key=scores.__getitem__)
        return article
