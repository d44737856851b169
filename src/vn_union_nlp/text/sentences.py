"""Sentence splitting for Vietnamese news text.

Rules, in order of trust:

1. A line break always ends a sentence: titles, publication lines, photo captions and
   bylines stand on their own lines in this genre.
2. Inside a line, ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) ends a
   sentence when white space and then an upper-case letter, a digit or an opening quote
   follow.
3. ...except after abbreviations that take a period (``TP.``, ``ThS.``, ``PGS.``, ``v.v.``
   before a lower-case word, single initials such as ``T.``). File names (``bk5.jpg``),
   dates (``28/6/2022``, ``15.8.2024``) and numbers (``3.625``) never split because no
   space follows their dots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that end in a period and are usually followed by a capitalised name.
_ABBREVIATIONS = frozenset(
    {
        "tp",
        "tx",
        "tt",
        "ts",
        "ths",
        "pgs",
        "gs",
        "bs",
        "ks",
        "cn",
        "ncs",
        "st",
        "mr",
        "mrs",
        "ms",
        "dr",
        "q",
        "p",
        "h",
        "x",
        "tr",
        "đ/c",
        "đc",
        "ô",
        "b",
        "th.s",
        "v.v",
        "vv",
        "tel",
        "fax",
        "no",
        "sđt",
    }
)

_BOUNDARY_RE = re.compile(r"[.!?…]+[\"')\]]*[ \t]+(?=[\"'(\-–]*\w)")
_WORD_BEFORE_RE = re.compile(r"([\w./]+)$")


@dataclass(frozen=True)
class SentenceSpan:
    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE_RE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1)
    if word.lower() in _ABBREVIATIONS:
        return True
    # single initial "T." or "Nguyễn V. An"
    return len(word) == 1 and word.isalpha() and word.isupper()


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[SentenceSpan]:
    """Split ``text[start:end]`` into sentences; offsets are into ``text``."""
    if end is None:
        end = len(text)
    spans: list[SentenceSpan] = []

    def add(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(SentenceSpan(s, e))

    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        s = pos
        for m in _BOUNDARY_RE.finditer(text, pos, line_end):
            punct_end = m.start() + len(m.group().rstrip(" \t"))
            nxt = text[m.end()] if m.end() < line_end else ""
            if nxt.isalpha() and not nxt.isupper():
                continue  # "v.v. và ..." or a lower-case continuation
            if _is_abbreviation(text, m.start()):
                continue
            add(s, punct_end)
            s = m.end()
        add(s, line_end)
        pos = line_end + 1
    return spans
