"""Memory stays bounded on long documents (the reliability issue's item 2).

Version 0.1 grew by about 2 KB per input character (a 200,000-character document took
600 MB, a 4.9M one 7.75 GB): the segmenter's features for the whole document were built
at once and every token was a Python object. The test runs one long document in a fresh
process, so the peak resident memory it reads is that document's and the models'.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import vn_union_nlp
from vn_union_nlp.errors import InputTooLargeError

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import json, resource, sys
import vn_union_nlp
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
paragraphs = [p for r in records for p in r["text"][r["body_start"]:r["body_end"]].split("\n")[1:] if p.strip()]
text = "\n".join(paragraphs)
text = (text * (int(sys.argv[2]) // len(text) + 1))[: int(sys.argv[2])]
article = vn_union_nlp.load()(text)
assert all(text[e.start:e.end] == e.text for e in article.entities)
print(json.dumps({"words": article.words, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def test_a_long_document_stays_under_600_mb():
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT / "corpus" / "train.jsonl"), "400000"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["words"] > 50_000
    assert result["peak_mb"] < 600, result


def test_nlp_refuses_a_text_over_its_limit_with_a_clear_error():
    nlp = vn_union_nlp.load(disable=["ner", "classifier", "events"], max_chars=1_000)
    with pytest.raises(InputTooLargeError, match="over this pipeline's limit of 1,000"):
        nlp("a" * 1_001)
    assert nlp("a " * 400).text  # under the limit: analyzed
    assert isinstance(InputTooLargeError("x"), ValueError)
