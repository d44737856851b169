"""Bundled models of vn-union-nlp (installed as the package ``vn_union_nlp.bundled_models``).

One folder per model, named ``<task>_<algorithm>_<data>_<yyyymmdd>``, each with a
``meta.json`` that records its version, labels, training-data hash, metrics and the
SHA-256 of every file the loader reads.
"""
