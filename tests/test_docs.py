"""The examples in docs/api.md are doctests: they run here, so the documentation stays true."""

from __future__ import annotations

import doctest
from pathlib import Path

API_DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def test_api_doc_examples_run():
    result = doctest.testfile(
        str(API_DOC),
        module_relative=False,
        encoding="utf-8",
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
        verbose=False,
    )
    # a page whose examples were all lost to a formatting slip would "pass" with 0 attempted
    assert result.attempted >= 60, f"only {result.attempted} examples found in {API_DOC}"
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {API_DOC} failed"
