"""Tokens and CRF features for the entity model.

The model tags *fine* tokens: runs of letters, numbers, and single punctuation marks. They
are finer than underthesea's words on purpose: entity boundaries fall inside hyphenated
pieces such as ``Tuyên-LĐLĐ`` (a byline: person, then organization), and a fine token never
straddles an entity boundary.

Features are strings, one list per token, as ``underthesea_core``'s CRF expects. Beside
the word and its neighbours they say which lexicon entries and gazetteer names a token
belongs to (``B``/``I`` of the longest match), so the model learns *how much* to trust the
knowledge layer instead of the rules hard-coding it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from vn_union_nlp.ner.gazetteer import load_gazetteer
from vn_union_nlp.ner.lexicon import (
    FAMOUS_PEOPLE,
    HONORIFICS,
    LEVEL_WORDS,
    ORG_HEADS,
    SURNAMES,
    TITLES,
)

TOKEN_RE = re.compile(r"\d+(?:[.,/]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")


@dataclass(frozen=True)
class FineToken:
    start: int
    end: int
    text: str


def fine_tokens(text: str, start: int = 0, end: int | None = None) -> list[FineToken]:
    end = len(text) if end is None else end
    return [FineToken(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]


def _split(phrase: str) -> tuple[str, ...]:
    return tuple(m.group() for m in TOKEN_RE.finditer(phrase))


class PhraseTable:
    """Longest-match lookup of token sequences, with a tag per phrase."""

    def __init__(self, lowercase: bool):
        self.lowercase = lowercase
        self.phrases: dict[tuple[str, ...], str] = {}
        self.max_len = 0

    def add(self, phrase: str, tag: str) -> None:
        key = _split(phrase.lower() if self.lowercase else phrase)
        if key and key not in self.phrases:
            self.phrases[key] = tag
            self.max_len = max(self.max_len, len(key))

    def matches(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping longest matches as (start index, end index, tag)."""
        out = []
        i = 0
        n = len(words)
        phrases = self.phrases
        while i < n:
            found = None
            for length in range(min(self.max_len, n - i), 0, -1):
                tag = phrases.get(tuple(words[i : i + length]))
                if tag is not None:
                    found = (i, i + length, tag)
                    break
            if found:
                out.append(found)
                i = found[1]
            else:
                i += 1
        return out


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[PhraseTable, PhraseTable]:
    lexicon = PhraseTable(lowercase=True)
    for phrase in ORG_HEADS:
        lexicon.add(phrase, "ORGHEAD")
    for phrase in TITLES:
        lexicon.add(phrase, "TITLE")
    for phrase in HONORIFICS:
        lexicon.add(phrase, "HON")
    for phrase in LEVEL_WORDS:
        lexicon.add(phrase, "LEVEL")
    places = PhraseTable(lowercase=False)
    for name in FAMOUS_PEOPLE:  # first: a person's name wins over a commune named after them
        places.add(name, "FAMOUS")
    gaz = load_gazetteer()
    for name, kinds in gaz.names.items():
        if "region" in kinds:
            tag = "REGION"
        elif "province" in kinds or "province_new" in kinds:
            tag = "PROV"
        elif "district" in kinds:
            tag = "DIST"
        else:
            tag = "COMM"
        places.add(name, tag)
    return lexicon, places


def _shape(word: str) -> str:
    if word.isdigit():
        return "d" if len(word) < 3 else "dddd" if len(word) == 4 else "dd"
    if any(c.isdigit() for c in word):
        return "dsep"
    if not word[0].isalnum():
        return word if len(word) == 1 else "punct"
    if word.isupper():
        return "XX" if len(word) > 1 else "X"
    if word[0].isupper():
        return "Xx"
    return "x"


def sentence_features(tokens: Sequence[FineToken]) -> list[list[str]]:
    """CRF features for the tokens of one sentence."""
    lexicon, places = _tables()
    words = [t.text for t in tokens]
    lowers = [w.lower() for w in words]
    shapes = [_shape(w) for w in words]
    n = len(words)
    lex_tags = [""] * n
    for s, e, tag in lexicon.matches(lowers):
        lex_tags[s] = "B-" + tag
        for k in range(s + 1, e):
            lex_tags[k] = "I-" + tag
    place_tags = [""] * n
    for s, e, tag in places.matches(words):
        place_tags[s] = "B-" + tag
        for k in range(s + 1, e):
            place_tags[k] = "I-" + tag

    def at(seq: Sequence[str], i: int) -> str:
        return seq[i] if 0 <= i < n else ("<s>" if i < 0 else "</s>")

    feats = []
    for i in range(n):
        lw = lowers[i]
        f = [
            "bias",
            "w=" + lw,
            "s=" + shapes[i],
            "s-1=" + at(shapes, i - 1),
            "s+1=" + at(shapes, i + 1),
            "s-1s=" + at(shapes, i - 1) + "|" + shapes[i],
            "ss+1=" + shapes[i] + "|" + at(shapes, i + 1),
            "w-1=" + at(lowers, i - 1),
            "w+1=" + at(lowers, i + 1),
            "w-2=" + at(lowers, i - 2),
            "w+2=" + at(lowers, i + 2),
            "w-1w=" + at(lowers, i - 1) + "|" + lw,
            "ww+1=" + lw + "|" + at(lowers, i + 1),
            "w-2w-1=" + at(lowers, i - 2) + "|" + at(lowers, i - 1),
            "lex=" + lex_tags[i],
            "lex-1=" + at(lex_tags, i - 1),
            "lex+1=" + at(lex_tags, i + 1),
            "lex-2=" + at(lex_tags, i - 2),
            "place=" + place_tags[i],
            "place-1=" + at(place_tags, i - 1),
            "place+1=" + at(place_tags, i + 1),
        ]
        if words[i] in SURNAMES:
            f.append("surname")
        if i > 0 and words[i - 1] in SURNAMES:
            f.append("surname-1")
        if i == 0:
            f.append("first")
        if i == n - 1:
            f.append("last")
        if n <= 6:
            f.append("shortline")
        if len(lw) > 2:
            f.append("suf=" + lw[-2:])
        feats.append(f)
    return feats
