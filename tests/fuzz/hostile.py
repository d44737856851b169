"""Generators of hostile inputs for the fuzz suite: texts for ``nlp()`` and files for
``annotate``. Deterministic for a seed, so a failure can be replayed."""

from __future__ import annotations

import codecs
import json
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vn_union_nlp.corpus import apply_noise, read_gold

ROOT = Path(__file__).resolve().parents[2]

_SCRIPTS = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ",
    "漢字かなカナ한국어",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "αβγδεζηθικλμνξοπρστυφχψω",
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "🙂🎉👍🏽🇻🇳‍♀️",
    "0123456789.,;:!?()[]{}\"'“”«»–—-/\\|@#$%^&*_+=<>~`",
    "\x00\x01\x02\x07\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029",
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u202e\u202d\u0300\u0301\u0309\u0303\u0323",
    "\ud800\udbff\udc00\udfff",  # lone surrogates: JSON can carry them, no encoding can
    "\n\r\t ",
)


def corpus_texts() -> list[str]:
    """The compiled corpus's articles: real-style material to cut and twist."""
    return [record["text"] for record in read_gold(ROOT / "corpus" / "dev.jsonl")]


def _soup(rng: random.Random, size: int) -> str:
    alphabet = "".join(rng.sample(_SCRIPTS, k=rng.randint(1, 4)))
    return "".join(rng.choice(alphabet) for _ in range(size))


def hostile_text(rng: random.Random, articles: list[str], max_chars: int = 6000) -> str:
    """One text of a randomly chosen hostile kind, at most ``max_chars`` long (long
    documents are the memory benchmark's business)."""
    return _hostile_text(rng, articles)[:max_chars]


def _hostile_text(rng: random.Random, articles: list[str]) -> str:
    article = rng.choice(articles)
    kind = rng.randrange(12)
    if kind == 0:
        return _soup(rng, rng.randint(0, 400))
    if kind == 1:  # a piece of an article, cut anywhere (mid-word, mid-surrogate pair)
        a = rng.randrange(len(article))
        return article[a : a + rng.randint(1, 1500)]
    if kind == 2:  # NFD, old tone marks, CRLF, no-break spaces, in any combination
        noises = [n for n in ("nfd", "old_tone", "crlf", "nbsp") if rng.random() < 0.5]
        return apply_noise(article, noises)[0]
    if kind == 3:  # deep repetition
        unit = article[: rng.randint(1, 60)] or "Hội nghị "
        return unit * rng.randint(50, 400)
    if kind == 4:  # one huge line
        return article.replace("\n", " ") * rng.randint(1, 3)
    if kind == 5:  # many short lines
        return "\n".join(article.split())
    if kind == 6:  # an article with soup spliced in
        a = rng.randrange(len(article))
        return article[:a] + _soup(rng, rng.randint(1, 80)) + article[a:]
    if kind == 7:  # control characters and invisible ones between the words
        junk = "\x00\u200b\ufeff\u00ad\x0b\u202e"
        return "".join(c + (rng.choice(junk) if rng.random() < 0.1 else "") for c in article)
    if kind == 8:  # no diacritics
        plain = unicodedata.normalize("NFD", article)
        return "".join(c for c in plain if not unicodedata.combining(c)).replace("đ", "d")
    if kind == 9:  # brackets, quotes and markup
        return "[[" + "(" * 50 + article[:300] + "“" * 30 + "{{|}}" + ")" * 50
    if kind == 10:  # numbers and dates everywhere
        return " ".join(
            rng.choice(["31/2/2024", "ngày 0/0", "quý V/2024", "2015 – 2020", "1.000.000", "28-7"])
            for _ in range(rng.randint(1, 300))
        )
    return rng.choice(["", " ", "\n\n", "\t \r\n"])  # empty or white space


@dataclass
class HostileFile:
    name: str
    data: bytes
    records: int  # output records it must yield (one per document it holds)


def hostile_files(rng: random.Random, articles: list[str], count: int) -> Iterator[HostileFile]:
    """Files of every kind ``annotate`` meets: broken encodings, binary, JSONL of all sorts."""
    for i in range(count):
        text = hostile_text(rng, articles)
        kind = rng.randrange(8)
        name = f"f{i:05d}"
        encoded = text.encode("utf-8", "surrogatepass")
        if kind == 0:
            yield HostileFile(f"{name}.txt", encoded, 1)
        elif kind == 1:  # random bytes
            yield HostileFile(f"{name}.txt", rng.randbytes(rng.randint(0, 2000)), 1)
        elif kind == 2:  # UTF-16 with and without its byte-order mark
            bom = codecs.BOM_UTF16_LE if rng.random() < 0.5 else b""
            yield HostileFile(f"{name}.txt", bom + text.encode("utf-16-le", "surrogatepass"), 1)
        elif kind == 3:  # Windows-1258 bytes (not UTF-8)
            data = text.encode("cp1258", "replace")
            yield HostileFile(f"{name}.txt", data, 1)
        elif kind == 4:  # a JSONL file of good, broken, odd records
            lines, records = [], 0
            for j in range(rng.randint(1, 6)):
                choice = rng.randrange(6)
                if choice == 0:
                    lines.append(json.dumps({"id": f"{name}-{j}", "text": text}))
                elif choice == 1:
                    lines.append('{"id": "x", "text": "unterminated')
                elif choice == 2:
                    lines.append(json.dumps({"text": rng.choice([42, None, ["a"], {"b": 1}])}))
                elif choice == 3:
                    lines.append(json.dumps([1, 2, 3]))
                elif choice == 4:
                    lines.append(json.dumps({"id": j, "text": text[:50], "published": "hôm qua"}))
                else:  # bytes that are no JSON (no line break among them)
                    junk = rng.randbytes(30).replace(b"\n", b"x").replace(b"\r", b"x")
                    lines.append(junk.decode("latin-1") + "x")
                records += 1
            data = "\n".join(lines).encode("utf-8", "surrogatepass")
            yield HostileFile(f"{name}.jsonl", data, records)
        elif kind == 5:  # CRLF JSONL with blank lines, which yield nothing
            line = json.dumps({"id": name, "text": text}) + "\r\n\r\n"
            data = line.encode("utf-8", "surrogatepass")
            yield HostileFile(f"{name}.jsonl", data, 1)
        elif kind == 6:  # NUL bytes
            yield HostileFile(f"{name}.txt", b"\x00" * rng.randint(1, 100) + encoded, 1)
        else:  # a truncated multi-byte character at the end
            yield HostileFile(f"{name}.txt", encoded + "ệ".encode()[:2], 1)
