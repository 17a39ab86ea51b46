"""Vietnamese text: Unicode normalisation, diacritic folding, slugs and dates.

One slug function serves URLs and heading anchors alike, so that "Đại hội" becomes `dai-hoi`
everywhere (Python-Markdown's default slugify drops "đ" and would give `ai-hoi`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from babel.dates import format_date, format_datetime
from slugify import slugify as _slugify

# Vietnam has used UTC+7 all year since 1975; a fixed offset needs no tz database at build time.
VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")
LOCALE = "vi"
_WORD = re.compile(r"[^\W_]+")


def nfc(text: str) -> str:
    """Compose text typed on systems that send decomposed Vietnamese (NFD)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case ASCII folding: "Đảng ủy" → "dang uy"; for search keys and comparisons."""
    return strip_marks(text.replace("đ", "d").replace("Đ", "D"))


def strip_marks(text: str) -> str:
    """Lower-case, without tone marks and vowel marks but keeping "đ": "Đảng ủy" → "đang uy".

    This is how the search index (Pagefind) files words: "hội", "hồi" and "hoi" under "hoi", and
    "hoà" and "hòa" alike; "đ" has no Unicode decomposition, so "đầu" stays apart from "dau"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def words(text: str) -> list[str]:
    """The words of a text, in order, NFC: letters and digits split on spaces and punctuation."""
    return _WORD.findall(nfc(text))


def _ascii_fold_table() -> dict[int, str]:
    """Precomposed Latin letters whose compatibility decomposition is ASCII letters plus combining
    marks (every Vietnamese letter: "ế" → "e", "ư" → "u"), and đ/Đ, which do not decompose."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for low, high in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):
        for code in range(low, high + 1):
            decomposed = unicodedata.normalize("NFKD", chr(code))
            base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
            if base and base.isascii() and base.isalpha() and base != decomposed:
                table[code] = base
    return table


_ASCII_FOLD = _ascii_fold_table()


def _prefold(text: str) -> str:
    """Vietnamese text folded to the ASCII that python-slugify's transliteration would make of it.

    python-slugify (9.x) looks for the optional `unidecode` package with a failing import on every
    call with non-ASCII text, a search of sys.path that cost 0.1 ms a slug (26 s of a profiled
    10 000-post build). Folded text is ASCII, so it skips that path and gives the same slug: for these
    letters its transliteration also drops the marks (tests/test_vi.py checks every letter of the
    table). Text with any other non-ASCII character is left to python-slugify.
    """
    folded = text.translate(_ASCII_FOLD)
    return folded if folded.isascii() else text


# Memoised: a tag is slugified for its index, its link on every post and its page; common headings
# ("Kết quả", "Ý kiến chỉ đạo") recur across posts. Bounded, as `mkdocs serve` keeps the process.
@lru_cache(maxsize=16384)
def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug: "Hội nghị sơ kết" → "hoi-nghi-so-ket"."""
    return _slugify(_prefold(nfc(text)), max_length=max_length, word_boundary=True, save_order=True)


@lru_cache(maxsize=16384)
def heading_slug(value: str, separator: str = "-") -> str:
    """`toc` extension slugify hook; same transliteration as URLs."""
    return _slugify(_prefold(nfc(value)), separator=separator)


def format_post_datetime(moment: datetime, with_time: bool) -> str:
    """ "Thứ Tư, 26/04/2023 14:00" (or without the time when the post gave none)."""
    local = moment.astimezone(VIETNAM_TZ)
    if with_time:
        return format_datetime(local, "EEEE, dd/MM/yyyy HH:mm", tzinfo=VIETNAM_TZ, locale=LOCALE)
    return format_date(local.date(), "EEEE, dd/MM/yyyy", locale=LOCALE)


def format_short_date(moment: datetime) -> str:
    return moment.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y")


def month_name(month: int) -> str:
    return f"Tháng {month}"


def now_in_vietnam() -> datetime:
    """The build's "now" in Vietnam time: what decides whether a scheduled post is due.
    SOURCE_DATE_EPOCH pins it (reproducible builds, tests that move the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), VIETNAM_TZ) if epoch else datetime.now(VIETNAM_TZ)


def today_in_vietnam() -> date:
    """The build's "today" (for the "hôm nay" mark); SOURCE_DATE_EPOCH pins it for reproducible builds."""
    return now_in_vietnam().date()
