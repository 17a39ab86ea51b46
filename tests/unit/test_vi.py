"""Slugs: the ASCII fast path and the memo give exactly what python-slugify gives (URLs must not move)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from slugify import slugify as library_slugify

from zoneportal import vi
from zoneportal.vi import VIETNAM_TZ, format_post_datetime

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"


def reference_slug(text: str) -> str:
    """python-slugify's slug without a length limit: what vi.slugify gives for titles that fit."""
    return library_slugify(vi.nfc(text), save_order=True)


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
    assert vi.slugify(text, max_length=0) == reference_slug(text)
    assert vi.heading_slug(text) == reference_heading(text)
    if len(reference_slug(text)) <= vi.SLUG_MAX:
        assert vi.slugify(text) == reference_slug(text)
    shortened = vi.slugify(text, max_length=20)
    assert len(shortened) <= 20
    words = reference_slug(text).split("-")
    if max(map(len, words)) <= 20:  # a single word longer than the limit can only be cut inside
        # Shortening keeps whole words of the full slug, in order.
        kept = iter(words)
        assert all(any(word == w for w in kept) for word in shortened.split("-") if shortened)


CONGRESS = "Đại hội đại biểu Đảng bộ Ban Quản lý các khu công nghiệp tỉnh Thanh Vân lần thứ IV, nhiệm kỳ 2025-2030"


def test_the_congress_keeps_its_ordinal_and_term() -> None:
    slug = vi.slugify(CONGRESS)
    assert slug.endswith("lan-thu-iv-nhiem-ky-2025-2030")
    assert len(slug) <= vi.SLUG_MAX
    assert "-cac-" not in slug  # filler went first


@pytest.mark.parametrize(
    ("title", "tail"),
    [
        (
            "Hội nghị Ban Chấp hành Đảng bộ cho ý kiến về công tác chuẩn bị Đại hội các chi bộ trực thuộc "
            "và Đại hội đại biểu Đảng bộ các khu công nghiệp lần thứ 18",
            "lan-thu-18",
        ),
        (
            "Tổng kết công tác xây dựng Đảng và thực hiện nhiệm vụ chính trị của Đảng bộ các khu công nghiệp "
            "khu kinh tế cửa khẩu năm 2024",
            "nam-2024",
        ),
        (
            "Đại hội Chi bộ Văn phòng Ban Quản lý các khu công nghiệp và khu kinh tế cửa khẩu tỉnh Thanh Vân "
            "khóa XII nhiệm kỳ 2025-2030",
            "khoa-xii-nhiem-ky-2025-2030",
        ),
    ],
)
def test_long_titles_keep_their_numbers(title: str, tail: str) -> None:
    slug = vi.slugify(title)
    assert len(vi.slugify(title, max_length=0)) > vi.SLUG_MAX
    assert len(slug) <= vi.SLUG_MAX
    assert slug.endswith(tail), slug
    assert not slug.endswith("-"), slug
    # Cut at word boundaries: every word of the slug is a word of the full slug.
    assert set(slug.split("-")) <= set(vi.slugify(title, max_length=0).split("-"))


def test_filler_words_go_before_meaningful_ones() -> None:
    title = "Hội nghị " + " ".join(["của các và với"] * 12) + " tổng kết năm 2024"
    slug = vi.slugify(title)
    assert len(slug) <= vi.SLUG_MAX
    assert slug.startswith("hoi-nghi-") and slug.endswith("-tong-ket-nam-2024")
    # Only filler went: every meaningful word is still there.
    folded_fillers = {vi.fold(w) for w in vi.FILLER_WORDS}
    assert [w for w in slug.split("-") if w not in folded_fillers] == ["hoi", "nghi", "tong", "ket", "nam", "2024"]


def test_known_slugs() -> None:
    assert vi.slugify("Hội nghị sơ kết") == "hoi-nghi-so-ket"
    assert vi.heading_slug("Đại hội Đảng bộ") == "dai-hoi-dang-bo"
    assert vi.heading_slug("Đại hội Đảng bộ", "_") == "dai_hoi_dang_bo"


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        (
            "Hội nghị xúc tiến đầu tư vào các khu công nghiệp và khu kinh tế cửa khẩu của tỉnh Thanh Vân "
            "với các nhà đầu tư Nhật Bản, Hàn Quốc tại Hà Nội năm 2024",
            "xuc-tien-dau-tu-vao",
        ),
        (
            "Triển khai nhiệm vụ trọng tâm của các khu công nghiệp và khu kinh tế cửa khẩu trong sáu tháng "
            "cuối năm 2025 tại tỉnh Thanh Vân",
            "nhiem-vu-trong-tam",
        ),
        (
            "Tập huấn công tác bảo vệ môi trường và phòng cháy chữa cháy cho các doanh nghiệp trong khu công "
            "nghiệp Cửa Ngàn và khu kinh tế ven biển tỉnh Thanh Vân năm 2025",
            "bao-ve-moi-truong",
        ),
    ],
)
def test_fillers_are_judged_with_their_diacritics(title: str, kept: str) -> None:
    """'trong' (filler) and 'trọng' (trọng tâm), 'từ' and the 'tư' of 'đầu tư', 'về' and 'vệ'
    fold to the same letters; shortening must drop only the filler."""
    slug = vi.slugify(title)
    assert len(vi.slugify(title, max_length=0)) > vi.SLUG_MAX
    assert len(slug) <= vi.SLUG_MAX
    assert kept in slug, slug


def test_post_dates_read_as_babel_writes_them_every_day() -> None:
    """format_post_datetime asks babel only for weekday names: every day of fifty years, at a time
    that moves through the day, reads as babel's own "EEEE, dd/MM/yyyy HH:mm" in Vietnamese."""
    from babel.dates import format_date, format_datetime

    first = date(1995, 1, 1)
    for number in range((date(2045, 12, 31) - first).days + 1):
        day = first + timedelta(days=number)
        moment = datetime(day.year, day.month, day.day, number % 24, (number * 7) % 60, tzinfo=VIETNAM_TZ)
        assert format_post_datetime(moment, True) == format_datetime(
            moment, "EEEE, dd/MM/yyyy HH:mm", tzinfo=VIETNAM_TZ, locale="vi"
        )
        assert format_post_datetime(moment, False) == format_date(day, "EEEE, dd/MM/yyyy", locale="vi")
    # Another zone is shown in Vietnam's time.
    utc = datetime(2023, 4, 26, 20, 30, tzinfo=UTC)
    assert format_post_datetime(utc, True) == "Thứ Năm, 27/04/2023 03:30"
