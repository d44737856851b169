"""Unicode normalization with an offset map back to the caller's string.

Everything downstream (sentences, tokens, entities, events) works on the *normalized*
text, and every span is mapped back through :class:`NormalizedText` so results point into
the string the caller passed.

What is normalized, and why:

- NFC composition: web pages and Word exports often carry decomposed (NFD) Vietnamese;
  ``Hòa`` written as ``Ho`` + U+0300 + ``a`` must look like ``Hòa`` to every rule.
- One tone-mark placement. On the open diphthongs ``oa``, ``oe`` and ``uy`` (not after
  ``q``) the library writes the mark on the first vowel: ``hòa``, ``khỏe``, ``thủy``.
  ``hoà``, ``khoẻ``, ``thuỷ`` are rewritten to that form. The annotation guidelines call
  ``hoà`` the old style and ``hòa`` the form to map to; gazetteers use it too.
- Line endings: CRLF and lone CR become LF.
- Spaces: no-break and other Unicode spaces become an ASCII space; zero-width characters
  and soft hyphens are removed.
- Quotes: curly and angle quotes become straight ``"`` and ``'``.
- Lone surrogates (which JSON can carry but no encoding can) become U+FFFD, so the
  segmenter, written in Rust, always gets valid text.

The map is stored as a list of *changed segments* only (identity runs between them cost
nothing), so normalizing already clean text is a single regex scan.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

# Tone marks on the second vowel of an open oa/oe/uy syllable -> mark on the first vowel.
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def _with_tone(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


_SECOND_VOWEL_TONE: dict[str, tuple[str, str]] = {}
for _tone in _TONES:
    for _vowel in "aeyAEY":
        _SECOND_VOWEL_TONE[_with_tone(_vowel, _tone)] = (_vowel, _tone)

_FIRST_VOWEL_OK = {"a": "oO", "e": "oO", "y": "uU"}

_COMBINING = "\u0300-\u036f"
_WORD_CHAR = rf"[^\W_]|[{_COMBINING}]"

_SPACE_CHARS = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_DELETED_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_QUOTES = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
}

_second_vowels = "".join(_SECOND_VOWEL_TONE)
_BRANCHES = (
    r"(?P<crlf>\r\n?)"
    rf"|(?P<space>[{_SPACE_CHARS}])"
    rf"|(?P<deleted>[{_DELETED_CHARS}]+)"
    rf"|(?P<quote>[{''.join(_QUOTES)}])"
    # a lone surrogate (from "\\ud800" in JSON) is no character: U+FFFD stands in for it
    "|(?P<surrogate>[\ud800-\udfff])"
    # old placement: mark on the second vowel of a final oa/oe/uy (never after q: quý)
    rf"|(?P<tone>(?<![qQ])[oOuU][{_second_vowels}](?![\w{_COMBINING}]))"
)
# One pattern finds every piece of text that needs a change; named groups say which.
_CHANGE_RE = re.compile(_BRANCHES)
# Decomposed text is rare, so the costlier branch that recomposes whole words is only used
# when the text holds a combining mark at all.
_CHANGE_NFD_RE = re.compile(rf"(?P<nfd>(?:[^\W_])*[{_COMBINING}](?:{_WORD_CHAR})*)|" + _BRANCHES)
_HAS_COMBINING_RE = re.compile(f"[{_COMBINING}]")


def _fix_tone_placement(word: str) -> str:
    """Move a tone mark from the second to the first vowel of a final oa/oe/uy."""
    if len(word) < 2:
        return word
    last = word[-1]
    found = _SECOND_VOWEL_TONE.get(last)
    if found is None:
        return word
    vowel, tone = found
    first = word[-2]
    if first not in _FIRST_VOWEL_OK[vowel.lower()]:
        return word
    if first in "uU" and len(word) >= 3 and word[-3] in "qQ":
        return word  # "quý": u belongs to the consonant qu, the mark stays on y
    return word[:-2] + _with_tone(first, tone) + vowel


@dataclass(frozen=True)
class _Segment:
    orig_start: int
    orig_end: int
    norm_start: int
    norm_end: int


@dataclass
class NormalizedText:
    """A normalized string plus the map from its offsets to the original string's."""

    original: str
    text: str
    _segments: list[_Segment] = field(default_factory=list, repr=False)
    _norm_starts: list[int] = field(default_factory=list, repr=False)
    _orig_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def is_identity(self) -> bool:
        """True when normalization changed nothing (offsets are the same)."""
        return not self._segments

    def to_original_start(self, pos: int) -> int:
        """Map a normalized *start* offset to the original string.

        A position inside a changed piece (e.g. the middle of a recomposed word) snaps to
        the start of that piece in the original.
        """
        if not self._segments:
            return pos
        i = bisect.bisect_right(self._norm_starts, pos) - 1
        if i < 0:
            return pos
        seg = self._segments[i]
        if pos < seg.norm_end:
            return seg.orig_start
        return pos + (seg.orig_end - seg.norm_end)

    def to_original_end(self, pos: int) -> int:
        """Map a normalized *end* offset (exclusive) to the original string."""
        if not self._segments:
            return pos
        i = bisect.bisect_left(self._norm_starts, pos) - 1
        if i < 0:
            return pos
        seg = self._segments[i]
        if pos <= seg.norm_end:
            return seg.orig_end
        return pos + (seg.orig_end - seg.norm_end)

    def to_original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized ``[start, end)`` span to the original string."""
        if start >= end:
            s = self.to_original_start(start)
            return s, s
        return self.to_original_start(start), self.to_original_end(end)

    def to_normalized_start(self, pos: int) -> int:
        """Map an original offset to the normalized text (used for caller-given spans)."""
        if not self._segments:
            return pos
        i = bisect.bisect_right(self._orig_starts, pos) - 1
        if i < 0:
            return pos
        seg = self._segments[i]
        if pos < seg.orig_end:
            return seg.norm_start
        return pos + (seg.norm_end - seg.orig_end)


def normalize(text: str) -> NormalizedText:
    """Normalize Vietnamese text and keep an offset map to ``text``.

    >>> n = normalize("Ho\\u0300a Bi\\u0300nh\\r\\nthuỷ")
    >>> n.text
    'Hòa Bình\\nthủy'
    >>> start, end = n.to_original_span(4, 8)
    >>> n.original[start:end] == "Bi\\u0300nh"
    True
    """
    segments: list[_Segment] = []
    delta = 0  # len(normalized) - len(original) so far

    def replace(m: re.Match[str]) -> str:
        nonlocal delta
        kind = m.lastgroup
        piece = m.group()
        if kind == "crlf":
            new = "\n"
        elif kind == "space":
            new = " "
        elif kind == "deleted":
            new = ""
        elif kind == "quote":
            new = _QUOTES[piece]
        elif kind == "surrogate":
            new = "\ufffd"
        elif kind == "nfd":
            new = _fix_tone_placement(unicodedata.normalize("NFC", piece))
        else:  # tone
            new = _fix_tone_placement(piece)
        if new == piece:
            return piece
        start, end = m.span()
        norm_start = start + delta
        segments.append(_Segment(start, end, norm_start, norm_start + len(new)))
        delta += len(new) - len(piece)
        return new

    pattern = _CHANGE_NFD_RE if _HAS_COMBINING_RE.search(text) else _CHANGE_RE
    normalized = pattern.sub(replace, text)
    return NormalizedText(
        original=text,
        text=normalized,
        _segments=segments,
        _norm_starts=[s.norm_start for s in segments],
        _orig_starts=[s.orig_start for s in segments],
    )


QUOTE_CHARS = '"“”„«»'
QUOTES_RE = re.compile("[" + QUOTE_CHARS + "]")


def unquote(text: str) -> str:
    """``text`` without quotation marks, spaces collapsed: the words of a quoted name."""
    return re.sub(r"\s{2,}", " ", QUOTES_RE.sub("", text)).strip()
