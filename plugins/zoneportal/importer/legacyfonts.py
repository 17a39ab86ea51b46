"""Vietnamese text typed in the old font encodings, TCVN3 (ABC) and VNI, back to Unicode.

Before Unicode, Vietnamese pages showed accented letters by drawing ordinary Western bytes with a
special font: `.VnTime` (TCVN3, one byte per letter) or `VNI-Times` (VNI, a base letter followed by
a mark byte). Read as Windows-1252, such text looks like "Héi nghÞ" or "Hoäi nghò"; the font named
on the element says which table applies. Without a font name, the text itself is scored for each
table and converted only when one table clearly fits; otherwise the caller refuses by name.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum


class LegacyFont(Enum):
    TCVN3 = "TCVN3 (ABC)"
    VNI = "VNI"


# TCVN3: each byte (as a Windows-1252 character) → its letter, lower case in `.VnTime` fonts; the
# same bytes show capitals in the `.VnTimeH` ("H" for hoa) fonts.
_TCVN3_LETTERS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
TCVN3_TABLE = {pair[0]: pair[1] for pair in _TCVN3_LETTERS.split(" ")}

# VNI: standalone letters, and the mark bytes that follow a vowel (combining marks to add).
_VNI_STANDALONE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}
_VNI_STANDALONE |= {"î": "ỵ", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ"}
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_VNI_MARKS_LOWER = {
    "ù": _ACUTE,
    "ø": _GRAVE,
    "û": _HOOK,
    "õ": _TILDE,
    "ï": _DOT,
    "â": _CIRCUMFLEX,
    "ê": _BREVE,
    "á": _CIRCUMFLEX + _ACUTE,
    "à": _CIRCUMFLEX + _GRAVE,
    "å": _CIRCUMFLEX + _HOOK,
    "ã": _CIRCUMFLEX + _TILDE,
    "ä": _CIRCUMFLEX + _DOT,
    "é": _BREVE + _ACUTE,
    "è": _BREVE + _GRAVE,
    "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
}
VNI_MARKS = _VNI_MARKS_LOWER | {mark.upper(): combining for mark, combining in _VNI_MARKS_LOWER.items()}
_VNI_VOWELS = "aeiouyAEIOUYơưƠƯ"
_VNI_SEQUENCE = re.compile(f"([{_VNI_VOWELS}])([{''.join(VNI_MARKS)}])")
# Mark bytes after a vowel that Unicode Vietnamese never writes there (á, à, â, ê, é, è, ú, ã do:
# "giám", "hoà", "quân", "tiêu", "hoè").
_VNI_SIGNATURE = re.compile(f"[{_VNI_VOWELS}][ùøûïåäëüõÙØÛÏÅÄËÜÕ]")
# Bytes that TCVN3 text is full of and neither Western nor Unicode Vietnamese text holds.
_TCVN3_SIGNATURE = re.compile("[®¬µ¸¶·¹¨©ª«»¾¼½ÆÇËÐÑÖ×ØÜÞß¡¢§£¤¥¦\u00ad]")

_TCVN3_FACES = re.compile(r"^\.?vn[a-z0-9 ]*$|^abc\b|tcvn", re.IGNORECASE)
_VNI_FACES = re.compile(r"^vni[- ]", re.IGNORECASE)
# Faces of other legacy encodings (VPS, BK HCM, VIQR, VISCII …) whose tables we do not carry.
_OTHER_FACES = re.compile(r"^(vps|bk ?hcm|viscii|vietware|vn ?i?times? ?new)\b", re.IGNORECASE)


def font_of_face(face: str) -> LegacyFont | str | None:
    """The legacy encoding a font face names: TCVN3 or VNI; the face itself when it is an other
    legacy face (refused by name); None for a Unicode font."""
    for name in (part.strip(" '\"") for part in face.split(",")):
        if not name:
            continue
        if _VNI_FACES.match(name):
            return LegacyFont.VNI
        if _TCVN3_FACES.search(name):
            return LegacyFont.TCVN3
        if _OTHER_FACES.match(name):
            return name
    return None


def capitals_face(face: str) -> bool:
    """`.VnTimeH`, `.VnArialH`: the TCVN3 font that draws every letter as a capital."""
    first = face.split(",")[0].strip(" '\"")
    return first.lower().startswith(".vn") and first.endswith("H")


def tcvn3_to_unicode(text: str, *, capitals: bool = False) -> str:
    converted = "".join(TCVN3_TABLE.get(ch, ch) for ch in text)
    return converted.upper() if capitals else converted


def vni_to_unicode(text: str) -> str:
    text = "".join(_VNI_STANDALONE.get(ch, ch) for ch in text)
    text = _VNI_SEQUENCE.sub(lambda m: m[1] + VNI_MARKS[m[2]], text)
    return unicodedata.normalize("NFC", text)


def convert(text: str, font: LegacyFont, *, capitals: bool = False) -> str:
    if font is LegacyFont.TCVN3:
        return tcvn3_to_unicode(text, capitals=capitals)
    return vni_to_unicode(text)


def guess_font(text: str) -> LegacyFont | str | None:
    """For text with no font name: TCVN3 or VNI when one table clearly fits, None when the text
    shows neither, or "TCVN3 hoặc VNI" when it cannot be decided (the caller refuses)."""
    letters = sum(ch.isalpha() for ch in text) or 1
    tcvn3 = len(_TCVN3_SIGNATURE.findall(text))
    vni = len(_VNI_SIGNATURE.findall(text))
    # Unicode Vietnamese is full of letters beyond Latin-1 (đ, ư, ạ …); legacy text has none.
    unicode_letters = sum(1 for ch in text if "\u0100" <= ch <= "\u1eff")
    if max(tcvn3, vni) < 3 or max(tcvn3, vni) / letters < 0.01 or unicode_letters >= max(tcvn3, vni):
        return None
    if tcvn3 >= 3 * vni:
        return LegacyFont.TCVN3
    if vni >= 3 * tcvn3:
        return LegacyFont.VNI
    return "TCVN3 hoặc VNI"


def encode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as a `.VnTime` page stores it (used to build test pages; lower case only,
    capitals of marked letters have no place in the `.VnTime` table)."""
    reverse = {letter: byte for byte, letter in TCVN3_TABLE.items()}
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def encode_vni(text: str) -> str:
    """Unicode → VNI as a `VNI-Times` page stores it (for test pages)."""
    standalone = {letter: byte for byte, letter in _VNI_STANDALONE.items()}
    marks = {frozenset(combining): mark for mark, combining in _VNI_MARKS_LOWER.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in standalone:
            out.append(standalone[ch])
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, combining = parts[0], parts[1:]
        if base in "oOuU" and "\u031b" in combining:  # ơ, ư carry a horn: their own byte
            base = standalone["ơ" if base == "o" else "ư" if base == "u" else "Ơ" if base == "O" else "Ư"]
            combining = combining.replace("\u031b", "")
        if (
            base in "iIyY"
            and combining in (_HOOK, _TILDE, _DOT)
            and (base + combining) in {unicodedata.normalize("NFD", k) for k in standalone}
        ):
            out.append(standalone[unicodedata.normalize("NFC", base + combining)])
            continue
        if base in "iI" and combining in (_ACUTE, _GRAVE):
            out.append(ch)  # í, ì are bytes of Windows-1252 already
            continue
        if not combining:
            out.append(base)
            continue
        mark = marks.get(frozenset(combining))
        if mark is None:
            out.append(ch)
            continue
        out.append(base + (mark.upper() if base.isupper() else mark))
    return "".join(out)
