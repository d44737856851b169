"""What the classifier reads: the article's own tokens, as one string.

Words come from the text layer's segmenter (``tổ chức`` -> ``tổ_chức``), lower-cased, with
act tokens for what the headline and the lead report. Word 1-2-grams are computed from this
string by the scikit-learn pipeline (:func:`vn_union_nlp.classify.model.build_estimator`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vn_union_nlp.types import Article, Span, TokenList

LEAD_SENTENCES = 2
MAX_WORDS = 5000
# What the headline and the lead say happened decides an article's type (a meeting held,
# a movement launched, people honoured, gifts handed out). The acts are given to the model
# as tokens of their own (``act:t:meeting``: a meeting act in the title; ``act:l1:award``:
# the first act of the lead is an award), so it learns from the corpus how far to trust
# them against the words of the body.
_ACTS = {
    "meeting": r"hội nghị|đại hội|tọa đàm|toạ đàm|hội thảo|diễn đàn|gặp mặt|họp mặt|mít tinh"
    r"|lễ kỷ niệm|kỷ niệm \d+ năm|giao ước thi đua",
    "launch": r"phát động|triển khai (?:chương trình|phong trào|cuộc thi|kế hoạch)|ban hành kế hoạch"
    r"|kêu gọi|khởi động|hưởng ứng|ra quân",
    "award": r"trao (?:tặng )?(?:bằng khen|giấy khen|kỷ niệm chương|cờ thi đua|giải|danh hiệu|huân)"
    r"|khen thưởng|tuyên dương|biểu dương|vinh danh|tôn vinh|đón nhận|bằng khen|kỷ niệm chương"
    r"|giải thưởng|cờ thi đua",
    "welfare": r"tặng quà|trao quà|thăm|hỗ trợ|chăm lo|sum vầy|trung thu|mái ấm|khám bệnh|ủng hộ"
    r"|nhà công đoàn|quà tết",
    "contest": r"cuộc thi|hội thi|thi viết|hội thao|giải bóng",
    "results": r"kết quả|năm qua|thời gian qua|giai đoạn|nhiệm kỳ qua",
}
# Act tokens are repeated: a handful of them stand against hundreds of body words.
ACT_WEIGHT = 3
_ACT_RES = {name: re.compile(rf"(?<!\w)(?:{pattern})(?!\w)") for name, pattern in _ACTS.items()}


def act_tokens(where: str, text: str) -> list[str]:
    """``act:<where>:<act>`` for every act the text names, ``act:<where>1:<act>`` for the
    one it names first."""
    low = text.lower()
    found = [(m.start(), name) for name, regex in _ACT_RES.items() if (m := regex.search(low))]
    if not found:
        return [f"act:{where}:none"]
    tokens = [f"act:{where}:{name}" for _, name in found]
    return [*tokens, f"act:{where}1:{min(found)[1]}"]


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
    words += _act_words(text, sentences, has_title) * ACT_WEIGHT
    return " ".join(words)


def _act_words(text: str, sentences: Sequence[Span], has_title: bool) -> list[str]:
    out = ["act:notitle"] if not has_title else []
    if has_title:
        out += act_tokens("t", text[sentences[0].start : sentences[0].end])
    lead = sentences[1 : 1 + LEAD_SENTENCES] if has_title else sentences[:LEAD_SENTENCES]
    out += act_tokens("l", " ".join(text[s.start : s.end] for s in lead))
    return out
