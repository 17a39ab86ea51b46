"""Vietnamese text: Unicode normalisation, diacritic folding, slugs and dates.

One slug function serves URLs and heading anchors alike, so that "Đại hội" becomes `dai-hoi`
everywhere (Python-Markdown's default slugify drops "đ" and would give `ai-hoi`).
"""

from __future__ import annotations

import os
import unicodedata
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from babel.dates import format_date, format_datetime
from slugify import slugify as _slugify

# Vietnam has used UTC+7 all year since 1975; a fixed offset needs no tz database at build time.
VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")
LOCALE = "vi"


def nfc(text: str) -> str:
    """Compose text typed on systems that send decomposed Vietnamese (NFD)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case ASCII folding: "Đảng ủy" → "dang uy"; for search keys and comparisons."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


@lru_cache(maxsize=4096)
def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug: "Hội nghị sơ kết" → "hoi-nghi-so-ket".

    Vietnamese is folded here first; python-slugify then only transliterates what is left
    (other scripts, symbols), which keeps it fast on thousands of titles."""
    return _slugify(fold(nfc(text)), max_length=max_length, word_boundary=True, save_order=True)


def heading_slug(value: str, separator: str = "-") -> str:
    """`toc` extension slugify hook; same transliteration as URLs."""
    return _slugify(fold(nfc(value)), separator=separator)


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


def today_in_vietnam() -> date:
    """The build's "today" (for the "hôm nay" mark); SOURCE_DATE_EPOCH pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), VIETNAM_TZ) if epoch else datetime.now(VIETNAM_TZ)
    return moment.date()
