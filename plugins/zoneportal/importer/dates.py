"""The publication line of an exported article, in any of the shapes portals print it.

"2021-09-14 15:20:07", "2021-09-14T08:20:07Z", "Ngày đăng 03/02/2022 | 8:40 AM", "25/10/2018 - 07:30",
"14:05 19/11/2021", "(09:12 | 22/05/2019)", "Thứ Sáu, 03/02/2022, 08:40 (GMT+7)",
"Cập nhật lúc 9h30 ngày 5 tháng 4 năm 2024" … Numeric dates are day first (Vietnamese usage);
only a date that cannot be read that way (04/25/2024) is read month first, and flagged.
A line is a date line only when little else is on it, so a body sentence that mentions a date
("Ngày 07/4, Đảng ủy …") is never taken for the publication line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..vi import VIETNAM_TZ
from .folding import fold

_ISO = re.compile(
    r"(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:t|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?(?![\d:])"
)
_NUMERIC = re.compile(r"(?<![\d/.:-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d/.-])")
_WORDS = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,|nam)?\s*(\d{4})(?!\d)")
_TIME = re.compile(
    r"(?<![\d/.:-])(\d{1,2})\s*(?::|h|gio)\s*(\d{2})?(?:\s*(?::|phut)\s*(\d{2}))?"
    r"(?:\s*(am|pm|sa|ch|sang|chieu|toi)\b)?(?![\d/])"
)
_LABELS = re.compile(
    r"\b(ngay dang|dang ngay|ngay cap nhat|cap nhat( luc| ngay| lan cuoi)?|dang luc|vao luc|thoi gian( dang)?"
    r"|ngay xuat ban|xuat ban( luc| ngay)?|ngay|luc|dang|posted( on)?|published|updated|date"
    r"|thu (hai|ba|tu|nam|sau|bay|[2-7])|chu nhat|cn|t[2-7]|gmt ?\+ ?0?7(:?00)?|utc ?\+ ?0?7(:?00)?|ict"
    r"|gio viet nam)\b"
)
_PUNCTUATION = re.compile(r"[|()\[\],:;/–—\-•·*_]+")
# What else may share the publication line: a view counter, a byline, a source.
_COMPANIONS = re.compile(r"^(tac gia|nguoi viet|but danh|luot xem|so luot xem|luot doc|nguon|chuyen muc)\b")
_MAX_OTHER_WORDS = 3


@dataclass(frozen=True)
class FoundDate:
    moment: datetime
    has_time: bool
    month_first: bool = False
    # What else stood on the line (a byline, a view counter), in its original spelling.
    rest: str = ""

    @property
    def front_matter(self) -> str:
        return self.moment.strftime("%Y-%m-%d %H:%M" if self.has_time else "%Y-%m-%d")


def read_date_line(text: str) -> FoundDate | None:
    """The date on a publication line, or None when the line is not one."""
    folded = _same_length_fold(text)
    removed = [False] * len(folded)

    def take(match: re.Match[str]) -> None:
        for index in range(match.start(), match.end()):
            removed[index] = True

    found = _find_date(folded, take)
    if found is None:
        return None
    moment, has_time, month_first = found
    if not has_time:
        remaining = "".join(" " if gone else ch for ch, gone in zip(folded, removed, strict=True))
        clock = _find_time(remaining)
        if clock is not None:
            match, hour, minute = clock
            take(match)
            moment = moment.replace(hour=hour, minute=minute)
            has_time = True
    rest_folded = "".join(" " if gone else ch for ch, gone in zip(folded, removed, strict=True))
    rest_folded = _LABELS.sub(" ", rest_folded)
    other = _PUNCTUATION.sub(" ", rest_folded).split()
    rest = _original_rest(text, folded, removed)
    if len(other) > _MAX_OTHER_WORDS and not _COMPANIONS.match(" ".join(other)):
        return None
    return FoundDate(moment, has_time, month_first, rest)


def _find_date(folded: str, take) -> tuple[datetime, bool, bool] | None:
    for match in _ISO.finditer(folded):
        moment = _iso_moment(match)
        if moment is not None:
            take(match)
            return moment, match[4] is not None, False
    for match in _NUMERIC.finditer(folded):
        first, second, year = int(match[1]), int(match[3]), _year(match[4])
        day, month, month_first = first, second, False
        if second > 12 >= first:
            day, month, month_first = second, first, True
        moment = _moment(year, month, day)
        if moment is not None:
            take(match)
            return moment, False, month_first
    for match in _WORDS.finditer(folded):
        moment = _moment(int(match[3]), int(match[2]), int(match[1]))
        if moment is not None:
            take(match)
            return moment, False, False
    return None


def _find_time(text: str) -> tuple[re.Match[str], int, int] | None:
    for match in _TIME.finditer(text):
        if match[2] is None and ":" in match[0]:
            continue  # "15:" is not a time
        hour, minute = int(match[1]), int(match[2] or 0)
        marker = match[4]
        if marker in ("pm", "ch", "chieu", "toi") and hour < 12:
            hour += 12
        elif marker in ("am", "sa", "sang") and hour == 12:
            hour = 0
        if hour <= 23 and minute <= 59:
            return match, hour, minute
    return None


def _iso_moment(match: re.Match[str]) -> datetime | None:
    moment = _moment(int(match[1]), int(match[2]), int(match[3]))
    if moment is None or match[4] is None:
        return moment
    hour, minute = int(match[4]), int(match[5])
    if hour > 23 or minute > 59:
        return None
    zone = match[7]
    if zone is None:
        return moment.replace(hour=hour, minute=minute)
    stamp = f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}T{hour:02d}:{minute:02d}"
    offset = "+00:00" if zone == "z" else _offset(zone)
    try:
        aware = datetime.fromisoformat(stamp + offset)
    except ValueError:
        return None
    # Posts are dated in Vietnam time; an export in UTC would otherwise land on the wrong day.
    return aware.astimezone(VIETNAM_TZ)


def _offset(zone: str) -> str:
    digits = zone[1:].replace(":", "")
    return f"{zone[0]}{digits[:2]}:{digits[2:4] or '00'}"


def _moment(year: int, month: int, day: int) -> datetime | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return datetime(year, month, day, tzinfo=VIETNAM_TZ)
    except ValueError:
        return None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _same_length_fold(text: str) -> str:
    """fold() character by character, so that positions in the folded text are positions in the text."""
    return "".join((fold(ch) or " ")[0] for ch in text)


def _original_rest(text: str, folded: str, removed: list[bool]) -> str:
    kept = "".join(" " if gone else ch for ch, gone in zip(text, removed, strict=True))
    kept_folded = "".join(" " if gone else ch for ch, gone in zip(folded, removed, strict=True))
    # Drop the labels, keeping the original spelling of what remains.
    for match in reversed(list(_LABELS.finditer(kept_folded))):
        kept = kept[: match.start()] + " " * (match.end() - match.start()) + kept[match.end() :]
    return " ".join(kept.split()).strip(" |()[]-–—,:;•·")
