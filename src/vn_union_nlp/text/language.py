"""Is a text Vietnamese written with its diacritics?

The models read Vietnamese with tone and vowel marks. On English, on another script, or on
Vietnamese typed without its marks (``cong doan``), they would still tag something, and
what they tag is noise. The text layer therefore says what it sees, and the later
components leave such text alone rather than invent entities.

The test counts words, not letters: a Vietnamese text has a marked letter (``ơ``, ``đ``,
``á``...) in a third or more of its words; English and unmarked Vietnamese have almost
none. Unmarked Vietnamese is told from other Latin-script text by its frequent syllables.
"""

from __future__ import annotations

import re
import unicodedata

VIETNAMESE = "vi"
VIETNAMESE_NO_DIACRITICS = "vi-no-diacritics"
OTHER = "other"
UNKNOWN = "unknown"  # too little text to tell

_WORD_RE = re.compile(r"[^\W\d_]+")
_MIN_WORDS = 8
# Share of words with a Vietnamese marked letter above which a text counts as Vietnamese.
_MARKED_SHARE = 0.15
# Frequent Vietnamese syllables, as they look with their marks dropped.
_BARE_SYLLABLES = frozenset(
    "va cua cac cho voi trong nhung duoc nguoi cong doan lao dong tinh huyen nam ngay thang "
    "hoi nghi to chuc viet chu tich phong trao thi dua khen thuong dai tai da la co khong "
    "mot nay cung ve theo cap tren nhieu dang vien nhan dan xa hien thuc hien dia ban".split()
)
# English function words: text full of them is not unmarked Vietnamese.
_ENGLISH = frozenset("the of and to in on for with is was are by at from that this".split())
_BARE_SHARE = 0.2


def _marked(word: str) -> bool:
    for ch in word:
        if ch in "đĐ":
            return True
        if ord(ch) > 127 and unicodedata.decomposition(ch) and "LATIN" in unicodedata.name(ch, ""):
            return True
    return False


def _latin(word: str) -> bool:
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in word)


def detect_language(text: str, *, sample: int = 20_000) -> str:
    """``vi``, ``vi-no-diacritics``, ``other`` or ``unknown`` for a (normalized) text.

    Reads at most ``sample`` characters from the middle of long texts, so the cost does
    not grow with the document.
    """
    if len(text) > sample:
        middle = len(text) // 2
        text = text[middle - sample // 2 : middle + sample // 2]
    words = _WORD_RE.findall(unicodedata.normalize("NFC", text))
    if len(words) < _MIN_WORDS:
        return UNKNOWN
    latin = [w for w in words if _latin(w)]
    if len(latin) < len(words) / 2:
        return OTHER
    marked = sum(_marked(w) for w in latin)
    if marked >= _MARKED_SHARE * len(latin):
        return VIETNAMESE
    lower = [w.lower() for w in latin]
    if sum(w in _ENGLISH for w in lower) >= 0.1 * len(lower):
        return OTHER
    bare = sum(w in _BARE_SYLLABLES for w in lower)
    return VIETNAMESE_NO_DIACRITICS if bare >= _BARE_SHARE * len(latin) else OTHER


def language_warning(language: str) -> str | None:
    """The warning an article carries for a language the models do not read."""
    if language == VIETNAMESE_NO_DIACRITICS:
        return (
            "the text is Vietnamese without its diacritics (tone and vowel marks); the "
            "models read marked Vietnamese, so no entities, type or events were extracted"
        )
    if language == OTHER:
        return "the text does not look like Vietnamese; no entities, type or events were extracted"
    return None
