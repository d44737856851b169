"""vn-union-nlp: structured data from Vietnamese trade-union news.

>>> import vn_union_nlp
>>> nlp = vn_union_nlp.load()
>>> article = nlp("Hội nghị tổng kết công tác công đoàn năm 2024\\n\\nSáng 10/1, LĐLĐ tỉnh tổ chức hội nghị.")
>>> article.title
'Hội nghị tổng kết công tác công đoàn năm 2024'
"""

from __future__ import annotations

from vn_union_nlp.errors import (
    DataFormatError,
    InputTooLargeError,
    InputTypeError,
    ModelError,
    ModelIntegrityError,
    PipelineError,
    VnUnionNlpError,
)
from vn_union_nlp.pipeline import Pipeline, analyze, load
from vn_union_nlp.types import (
    Article,
    AwardEvent,
    CampaignEvent,
    ConferenceEvent,
    Entity,
    Participant,
    Span,
    Token,
    TokenList,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "AwardEvent",
    "CampaignEvent",
    "ConferenceEvent",
    "DataFormatError",
    "Entity",
    "InputTooLargeError",
    "InputTypeError",
    "ModelError",
    "ModelIntegrityError",
    "Participant",
    "Pipeline",
    "PipelineError",
    "Span",
    "Token",
    "TokenList",
    "VnUnionNlpError",
    "__version__",
    "analyze",
    "load",
]
