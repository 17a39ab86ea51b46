"""`fold` as vi.fold does it ("Đảng ủy" → "dang uy"), by one table lookup per character.

vi.fold decomposes and recomposes the whole text (NFD → drop marks → NFC), which dominated the
import of a 10 MB export: the importer folds every word of every line to find names, dates and page
chrome. Text reaching the importer is NFC already (decode.py), so the same result comes from
lower-casing and translating each precomposed letter through a table built from vi.fold itself
(tests/unit/test_importer_scaling.py checks every letter against it).
"""

from __future__ import annotations

import unicodedata

from ..vi import fold as reference_fold

# Latin-1 Supplement to Latin Extended-B, Latin Extended Additional (every Vietnamese letter), and
# the combining marks a stray NFD character leaves.
RANGES = ((0x00C0, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF))


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for low, high in RANGES:
        for code in range(low, high + 1):
            char = chr(code)
            if unicodedata.combining(char):
                table[code] = ""
                continue
            lower = char.lower()
            if len(lower) == 1:
                folded = reference_fold(lower)
                if folded != lower:
                    table[ord(lower)] = folded
    return table


_TABLE = _table()


def fold(text: str) -> str:
    return text.lower().translate(_TABLE)
