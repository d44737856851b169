"""Gazetteers of Vietnamese administrative units, built from underthesea's bundled table.

underthesea's wheel carries ``address/data/mapping.json``: the 63 provinces in use before
the July 2025 merger with their districts and communes, and the 34 provinces after it with
their new communes. Articles of the genre use both generations of names, so both are
loaded. Names are stored without their level word (``Huyện Chợ Mới`` -> ``Chợ Mới``),
normalized like the text (NFC, ``hòa`` placement).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
from dataclasses import dataclass, field

from vn_union_nlp.errors import ModelError
from vn_union_nlp.ner.lexicon import COUNTRIES_REGIONS
from vn_union_nlp.text.normalize import normalize

_LEVEL_PREFIX_RE = re.compile(
    r"^(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s+", re.IGNORECASE
)

# Extra spellings of province names seen in the press.
_PROVINCE_VARIANTS = {
    "Hồ Chí Minh": (
        "TP Hồ Chí Minh",
        "TP. Hồ Chí Minh",
        "Thành phố Hồ Chí Minh",
        "TP.HCM",
        "TP HCM",
        "TPHCM",
        "Sài Gòn",
    ),
    # underthesea's table names the old province "Huế"; the press of 2020-2025 writes both
    "Huế": ("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên – Huế"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu", "Vũng Tàu", "Bà Rịa"),
    "Đắk Lắk": ("Đắc Lắc", "Daklak"),
    "Đắk Nông": ("Đắc Nông",),
    "Hà Nội": ("Thủ đô",),
}


@dataclass
class Gazetteer:
    """Place names by kind: ``province``, ``province_new``, ``district``, ``commune``, ``region``."""

    names: dict[str, set[str]] = field(default_factory=dict)
    max_len: int = 0

    def add(self, name: str, kind: str) -> None:
        name = name.strip()
        if not name.isascii():
            name = normalize(name).text
        if not name or name[0].isdigit():
            return
        self.names.setdefault(name, set()).add(kind)
        self.max_len = max(self.max_len, len(name.split()))

    def kinds(self, name: str) -> set[str]:
        return self.names.get(name, set())

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def provinces(self) -> list[str]:
        return sorted(n for n, k in self.names.items() if "province" in k)


def _strip_level(name: str) -> str:
    return _LEVEL_PREFIX_RE.sub("", name.strip())


def _mapping_path() -> str:
    # find_spec locates the package without importing it (importing underthesea costs ~0.6 s)
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise ModelError("underthesea (>= 9.5) is required for the place gazetteer")
    path = os.path.join(spec.submodule_search_locations[0], "address", "data", "mapping.json")
    if not os.path.exists(path):  # pragma: no cover
        raise ModelError(
            f"underthesea's administrative-unit table is missing at {path}; "
            "install underthesea >= 9.5, whose wheel ships it"
        )
    return path


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer once per process."""
    with open(_mapping_path(), encoding="utf-8") as fh:
        data = json.load(fh)
    gaz = Gazetteer()
    for info in data["old_province_names"].values():
        # bare "Hồ Chí Minh" is the President far more often than the city, which the press
        # writes "TP Hồ Chí Minh" (variants below)
        if info["short"] != "Hồ Chí Minh":
            gaz.add(info["short"], "province")
        for variant in _PROVINCE_VARIANTS.get(info["short"], ()):
            gaz.add(variant, "province")
    for info in data["province_names"].values():
        gaz.add(info["short"], "province_new")
    districts: set[str] = set()
    communes: set[str] = set()
    for row in data["ward_mapping"]:
        districts.add(_strip_level(row["old_district"]))
        communes.add(_strip_level(row["old_ward"]))
        communes.add(_strip_level(row["new_ward"]))
    # One-syllable district and commune names ("Ba", "Hồ", "Tư") are ordinary words far more
    # often than places; only multi-syllable names make useful evidence.
    for name in districts:
        if " " in name:
            gaz.add(name, "district")
    for name in communes:
        if " " in name:
            gaz.add(name, "commune")
    for name in COUNTRIES_REGIONS:
        gaz.add(name, "region")
    return gaz
