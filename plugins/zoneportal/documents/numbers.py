"""Số hiệu (document numbers) as staff type them, made comparable and searchable.

`05-CT/TW`, `05/CT-TW`, `05 CT TW` and `5-ct/tw` are one number: case, diacritics ("NĐ" / "ND"),
separators and leading zeros of the serial do not count. `nd 42 2022` and `nghi dinh 42` name
`42/2022/NĐ-CP` through the type's abbreviation and name, which the search document carries.
"""

from __future__ import annotations

import re
import unicodedata

from ..vi import fold

_TOKEN = re.compile(r"[a-z0-9]+")


def number_tokens(number: str) -> list[str]:
    """`42/2022/NĐ-CP` → ["42", "2022", "nd", "cp"]; numeric tokens without leading zeros."""
    tokens = []
    for token in _TOKEN.findall(_folded(number)):
        tokens.append((token.lstrip("0") or "0") if token.isdigit() else token)
    return tokens


def number_key(number: str) -> str:
    """The key two spellings of one number share: `05-CT/TW` and `5/ct-tw` → `5-ct-tw`."""
    return "-".join(number_tokens(number))


def search_keywords(number: str, type_name: str, type_abbr: str) -> list[str]:
    """Words a query for this number may use, typed as staff type them: every token of the number
    with and without leading zeros, the compact forms (`05cttw`, `nd42`), the type's folded name and
    abbreviation (`nghi dinh`, `nd`)."""
    raw = _TOKEN.findall(_folded(number))
    tokens = number_tokens(number)
    words = [*raw, *tokens, "".join(raw), "".join(tokens)]
    abbr = "".join(_TOKEN.findall(fold(type_abbr).lower()))
    name_words = _TOKEN.findall(fold(type_name).lower())
    digits = [t for t in tokens if t.isdigit()]
    if abbr:
        words.append(abbr)
        words.extend(f"{abbr}{d}" for d in digits[:1])
    words.extend(name_words)
    return list(dict.fromkeys(w for w in words if w))


def _folded(number: str) -> str:
    """NFKC first: a number pasted from a Word file or typed with a CJK/Vietnamese IME may hold
    full-width letters and digits (`０５-ＣＴ/ＴＷ`); they are the same number as `05-CT/TW`."""
    return fold(unicodedata.normalize("NFKC", number)).lower()
