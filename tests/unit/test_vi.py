"""Slugs: the ASCII fast path and the memo give exactly what python-slugify gives (URLs must not move)."""

from __future__ import annotations

import pytest
from slugify import slugify as library_slugify

from zoneportal import vi

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"


def reference_slug(text: str) -> str:
    return library_slugify(vi.nfc(text), max_length=80, word_boundary=True, save_order=True)


def reference_heading(text: str) -> str:
    return library_slugify(vi.nfc(text), separator="-")


def test_every_folded_letter_slugs_as_the_library_does() -> None:
    for code in vi._ASCII_FOLD:
        letter = chr(code)
        for text in (letter, f"a{letter}b", f"{letter.upper()} x{letter}", f"Hội {letter} nghị"):
            assert vi.slugify(text) == reference_slug(text), (hex(code), text)
            assert vi.heading_slug(text) == reference_heading(text), (hex(code), text)


def test_every_vietnamese_letter_takes_the_fast_path() -> None:
    for letter in VIETNAMESE + VIETNAMESE.upper():
        assert vi._prefold(letter).isascii(), letter


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị Ban Chấp hành Đảng bộ lần thứ 12",
        "Đại hội Chi bộ Văn phòng lần thứ VI (nhiệm kỳ 2025-2030)",
        "ĐOÀN THANH NIÊN: “Tháng Thanh niên” năm 2024",
        "Công đoàn’s báo cáo",  # curly quote: not folded, left to the library
        "Tin &amp; sự kiện &#273;ặc biệt",  # entities are decoded after transliteration
        "Straße Ørsted Łódź",  # letters with no decomposition: the library's transliteration
        "Hợp tác với 中国 và 한국",
        "Cafe\u0301 đã tách dấu",  # NFD input is composed first
        "",
        "   ",
        "x" * 200 + " ế",
    ],
)
def test_slugs_match_the_library(text: str) -> None:
    assert vi.slugify(text) == reference_slug(text)
    assert vi.heading_slug(text) == reference_heading(text)
    assert vi.slugify(text, max_length=20) == library_slugify(
        vi.nfc(text), max_length=20, word_boundary=True, save_order=True
    )


def test_known_slugs() -> None:
    assert vi.slugify("Hội nghị sơ kết") == "hoi-nghi-so-ket"
    assert vi.heading_slug("Đại hội Đảng bộ") == "dai-hoi-dang-bo"
    assert vi.heading_slug("Đại hội Đảng bộ", "_") == "dai_hoi_dang_bo"
