"""The byline: who wrote the article, usually alone on the last line.

Shapes seen on portals: "Minh Hà", "T. Lan", "Lê Thu Hà!", "Tin, ảnh: Quang Huy",
"Bài và ảnh: Ngọc Anh - Văn phòng Đảng ủy", "Ngọc Anh (Chi bộ Phòng Quản lý đầu tư)",
"Ngọc Anh, Văn phòng Ban Quản lý", "Tác giả: Ngọc Anh". A photo credit alone ("Ảnh: …") names
a photographer, not the author, and a source ("Nguồn: …", "Theo …") names another paper: neither
is a byline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .folding import fold

_CREDIT = re.compile(
    r"^(tin|bai|bai viet|tin va anh|tin, anh|tin - anh|tin/anh|bai va anh|bai, anh|bai - anh|bai/anh|noi dung"
    r"|tac gia|nguoi viet|but danh|thuc hien|phong vien|pv|ctv)\s*:\s*",
)
# "Tin: A; Ảnh: B" names the author first; the photo credit is cut off.
_PHOTO_CREDIT = re.compile(r"\s*[;,|-]?\s*\(?\b(anh|hinh anh)\s*:.*$")
_UNIT_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*,\s+|\s*\(")
_INITIAL = re.compile(r"^[^\W\d_]{1,3}\.$")
_NOT_NAMES = {"tran trong", "kinh gui", "noi nhan", "xin cam on", "het", "the end"}
_SOURCE_WORDS = {"theo", "nguon", "anh"}
_MAX_NAME_WORDS = 5


@dataclass(frozen=True)
class Byline:
    name: str
    unit: str | None = None


def read_byline(text: str, *, labelled_only: bool = False) -> Byline | None:
    """The byline on this line, or None. `labelled_only`: accept only "Tác giả: …"-style lines
    (used away from the end of the article, where a short line is more likely a heading)."""
    line = " ".join(text.split())
    folded = fold(line)
    credit = _CREDIT.match(folded)
    if credit:
        line = line[credit.end() :]
    elif labelled_only:
        return None
    photo_credit = _PHOTO_CREDIT.search(fold(line))
    if photo_credit:
        line = line[: photo_credit.start()]
    line = line.strip(" .!;,")
    if not line or fold(line).split()[0] in _SOURCE_WORDS:
        return None
    name, unit = _split_unit(line)
    words = name.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or fold(name) in _NOT_NAMES:
        return None
    if not all(_is_name_word(word) for word in words):
        return None
    # One bare word at the end of an article is as likely a stray heading as a pen name.
    if len(words) == 1 and not credit and not words[0].isupper():
        return None
    if not any(len(w.rstrip(".")) >= 2 for w in words):
        return None
    return Byline(name, unit)


def _split_unit(line: str) -> tuple[str, str | None]:
    match = _UNIT_SEPARATOR.search(line)
    if match is None:
        return line, None
    name, unit = line[: match.start()], line[match.end() :].strip(" ()")
    if not unit or not unit[:1].isupper() or len(unit.split()) > 15:
        # "(tổng hợp)", "(theo …)": a note about the article, not the author's unit.
        return (name, None) if unit[:1].islower() else (line, None)
    return name.strip(), unit


def _is_name_word(word: str) -> bool:
    if _INITIAL.match(word):
        return word[0].isupper()
    letters = word.replace("-", "")
    if not letters.isalpha():
        return False
    # "Hà", or an all-capitals pen name ("PV", "BBT"), or an initial run together ("N.T.Hà" is split above).
    return letters[0].isupper() and (letters[1:].islower() or letters.isupper() or len(letters) == 1)
