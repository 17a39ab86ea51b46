"""Bytes of an exported article → normalised text, or a clear refusal.

Old portals export UTF-8 (sometimes with a BOM, CRLF or decomposed NFD text), UTF-16 from Windows
tools, or Windows-1258, the legacy Vietnamese code page. Those are read; anything else (TCVN3/VNI
font encodings, binary files, Western code pages that cannot hold Vietnamese) is refused with a
message staff can act on, never guessed into mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..content.problems import StaffError
from ..vi import nfc

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32_le"),
    (codecs.BOM_UTF32_BE, "utf_32_be"),
    (codecs.BOM_UTF8, "utf_8"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)
_BINARY_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "Word/Excel (docx, xlsx) hoặc tệp nén zip"),
    (b"\xd0\xcf\x11\xe0", "Word/Excel đời cũ (doc, xls)"),
    (b"\x89PNG", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF8", "ảnh GIF"),
    (b"{\\rtf", "RTF"),
)
_ENCODING_NAMES = {"utf_8": "UTF-8", "cp1258": "Windows-1258", "utf_16": "UTF-16", "utf_32": "UTF-32"}
# Characters that carry no text: zero-width spaces and joiners, soft hyphens, stray BOMs.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


class Undecodable(StaffError):
    """The file cannot be read as Vietnamese text; `message` is for staff, in Vietnamese."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str

    @property
    def encoding_label(self) -> str:
        base = self.encoding.removesuffix("_le").removesuffix("_be")
        return _ENCODING_NAMES.get(base, self.encoding)


def decode_export(raw: bytes) -> DecodedText:
    """Decode, then normalise: LF line endings, NFC, no invisible characters."""
    text, encoding = _decode(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return DecodedText(nfc(text).translate(_INVISIBLE), encoding)


def _decode(raw: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise Undecodable(
                    f"tệp bắt đầu bằng dấu BOM của {encoding.upper()} nhưng nội dung không đúng mã đó.",
                    _line_of(raw, exc.start),
                ) from None
    for magic, kind in _BINARY_MAGIC:
        if raw.startswith(magic):
            raise Undecodable(f"đây là tệp {kind}, không phải văn bản; hãy xuất bài viết ra tệp văn bản (.txt).")
    if b"\x00" in raw:
        # UTF-16 without a BOM is full of NUL bytes; any other file with NULs is binary.
        encoding = _guess(raw)
        if encoding is not None and encoding.startswith(("utf_16", "utf_32")):
            return raw.decode(encoding), encoding
        raise Undecodable("tệp có byte NUL: đây là tệp nhị phân, không phải văn bản.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        if _control_ratio(raw) > 0.1:
            raise Undecodable("tệp có nhiều byte điều khiển: đây là tệp nhị phân, không phải văn bản.")
        return text, "utf_8"
    encoding = _guess(raw)
    if encoding == "cp1258":
        text = raw.decode(encoding)
        if _is_vietnamese_cp1258(text):
            return text, encoding
    if _control_ratio(raw) > 0.1:
        raise Undecodable("tệp có nhiều byte điều khiển: đây là tệp nhị phân, không phải văn bản.")
    found = f" (mã đoán được: {encoding})" if encoding else ""
    raise Undecodable(
        "tệp không phải UTF-8, UTF-16 hay Windows-1258" + found + "; có thể là TCVN3, VNI hoặc tệp hỏng. "
        "Hãy mở tệp bằng trình soạn thảo (hoặc Unikey: chuyển mã) và lưu lại với mã UTF-8.",
        _line_of(raw, first_bad),
    )


def _guess(raw: bytes) -> str | None:
    guess = from_bytes(raw).best()
    return guess.encoding if guess is not None else None


def _is_vietnamese_cp1258(text: str) -> bool:
    """Windows-1258 stores tones as combining marks after a vowel: after NFC none may be left
    over. TCVN3 bytes read as Windows-1258 leave marks on consonants and digits."""
    composed = nfc(text)
    stray = sum(1 for ch in composed if unicodedata.combining(ch))
    return stray == 0


def _control_ratio(raw: bytes) -> float:
    if not raw:
        return 0.0
    controls = sum(1 for byte in raw if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(raw)


def _line_of(raw: bytes, index: int) -> int:
    return raw[:index].count(b"\n") + 1
