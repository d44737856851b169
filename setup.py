"""Packaging glue that pyproject.toml cannot express: the top-level ``models/`` folder is
shipped inside the wheel as the package ``vn_union_nlp.bundled_models`` so that a plain
``pip install .`` carries the default models and nothing is downloaded at run time."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "vn_union_nlp.bundled_models"],
    package_dir={"": "src", "vn_union_nlp.bundled_models": "models"},
    package_data={"vn_union_nlp": ["py.typed"], "vn_union_nlp.bundled_models": ["*", "*/*", "*/*/*"]},
    include_package_data=True,
)
