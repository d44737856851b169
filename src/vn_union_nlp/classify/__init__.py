"""Article-type classification: conference_report, campaign_launch, award_ceremony, other
(or the user's own labels after retraining)."""

from __future__ import annotations

from vn_union_nlp.classify.features import article_document
from vn_union_nlp.classify.model import TypeClassifier, load_classifier
from vn_union_nlp.classify.training import read_labelled_jsonl, train_classifier
from vn_union_nlp.types import ARTICLE_TYPES, Article

__all__ = [
    "ClassifierComponent",
    "TypeClassifier",
    "article_document",
    "load_classifier",
    "read_labelled_jsonl",
    "train_classifier",
]


class ClassifierComponent:
    """Pipeline component: fills ``article.type`` and ``article.type_scores``.

    A retrained model (``path``) whose labels are exactly the built-in four article types
    replaces the bundled model. One with labels of its own does not: the events layer
    reads ``article.type`` to decide which events to look for, so the bundled model keeps
    filling ``type`` and ``type_scores`` and the user model fills ``user_label`` and
    ``user_label_scores``.
    """

    name = "classifier"

    def __init__(self, path: str | None = None):
        model = load_classifier(str(path) if path else None)
        self.user_model: TypeClassifier | None = None
        if path and set(model.labels) != set(ARTICLE_TYPES):
            self.user_model = model
            model = load_classifier(None)
        self.model = model

    def __call__(self, article: Article) -> Article:
        if not article.norm_tokens or not article.readable:
            return article
        document = article_document(article)
        (scores,) = self.model.predict_documents([document])
        article.type_scores = scores
        article.type = max(scores, key=scores.__getitem__)
        if self.user_model is not None:
            (user_scores,) = self.user_model.predict_documents([document])
            article.user_label_scores = user_scores
            article.user_label = max(user_scores, key=user_scores.__getitem__)
        return article
