"""A posting date far from the dates the article itself names: a sign of a wrong date line.

A report of a congress held on 14/3/2024 is posted within days of it; an import that dates it a
year away has read the wrong line (an "updated" stamp, a date in the related list). Only full
dates (day, month and year) named in the body count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .folding import fold

FAR_DAYS = 180
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/.-])")
_WORDS = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,|nam)\s*(\d{4})(?!\d)")


def body_dates(texts: Iterable[str]) -> list[date]:
    found: list[date] = []
    for text in texts:
        folded = fold(text)
        for day, month, year in [(m[1], m[3], m[4]) for m in _NUMERIC.finditer(folded)] + [
            (m[1], m[2], m[3]) for m in _WORDS.finditer(folded)
        ]:
            try:
                found.append(date(int(year), int(month), int(day)))
            except ValueError:
                continue
    return found


def far_from_body_dates(posted: date, texts: Iterable[str]) -> str | None:
    """A warning when every date the body names is more than FAR_DAYS days from the posting date."""
    named = body_dates(texts)
    if not named:
        return None
    nearest = min(named, key=lambda d: abs((d - posted).days))
    distance = abs((nearest - posted).days)
    if distance <= FAR_DAYS:
        return None
    return (
        f"ngày đăng {posted:%d/%m/%Y} cách {distance} ngày so với ngày gần nhất mà bài nêu ({nearest:%d/%m/%Y}): "
        "hãy kiểm tra lại ngày đăng."
    )
