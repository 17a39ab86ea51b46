"""Encodings of legacy exports: what is read, what is refused, and how it is said."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from kit.legacykit import LegacyPage, encode_cp1258
from zoneportal.importer.article import parse_article
from zoneportal.importer.decode import Undecodable, decode_export

TEXT = LegacyPage(title="Đảng ủy Khu kinh tế Mẫu tổng kết công tác năm 2023", date_line="28/12/2023 - 16:00").text()


def test_nfd_crlf_and_bom_read_the_same_as_clean_utf8() -> None:
    messy = codecs.BOM_UTF8 + unicodedata.normalize("NFD", TEXT).replace("\n", "\r\n").encode("utf-8")
    decoded = decode_export(messy)
    assert decoded.text == TEXT and decoded.encoding == "utf_8"
    clean, legacy = parse_article(TEXT), parse_article(decoded.text)
    assert (legacy.title, legacy.date, legacy.byline) == (clean.title, clean.date, clean.byline)
    assert [b.text for b in legacy.blocks] == [b.text for b in clean.blocks]


def test_invisible_characters_and_old_mac_line_endings() -> None:
    decoded = decode_export(TEXT.replace("\n", "\r").replace("Đảng", "Đả\u200bng").encode("utf-8"))
    assert decoded.text == TEXT


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_or_without_bom(codec: str) -> None:
    decoded = decode_export(TEXT.encode(codec))
    assert decoded.text == TEXT
    assert decoded.encoding_label in ("UTF-16", "UTF-32")


def test_windows_1258_is_detected_and_composed() -> None:
    raw = encode_cp1258(TEXT)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    decoded = decode_export(raw)
    assert decoded.text == TEXT and decoded.encoding_label == "Windows-1258"


def test_western_code_page_is_refused_with_a_line_number() -> None:
    raw = "Tiêu đề\n\nĐoạn một.\n".encode() + "Café crème à la française, déjà vu.\n".encode("cp1252")
    with pytest.raises(Undecodable) as caught:
        decode_export(raw)
    assert "UTF-8" in caught.value.message and caught.value.line == 4


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Word"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(0, 32)) * 20, "nhị phân"),
        (b"abc\x00\x01\x02\x03\xfe\xfd" * 40, "nhị phân"),
    ],
)
def test_binary_files_are_refused(raw: bytes, words: str) -> None:
    with pytest.raises(Undecodable) as caught:
        decode_export(raw)
    assert words in caught.value.message
