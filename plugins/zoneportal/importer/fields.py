"""Terms ("nhiệm kỳ 2020-2025") and the kind of event an article reports (Đại hội, Hội nghị BCH …)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .folding import fold

_TERM = re.compile(r"\b(?:nhiem ky|nk)\s*:?\s*\(?\s*(\d{4})\s*[-–—/]\s*(\d{4})(?!\d)")
_LONGEST_TERM = 10  # years; a party term is five, a span of ten or more is not a term


@dataclass(frozen=True)
class TermMention:
    start: int
    end: int

    @property
    def key(self) -> str:
        return f"{self.start}-{self.end}"


def find_terms(title: str, body: Sequence[str]) -> list[TermMention]:
    """Every term the article names, title first, each once, in order."""
    found: list[TermMention] = []
    for text in (title, *body):
        for match in _TERM.finditer(fold(text)):
            start, end = int(match[1]), int(match[2])
            term = TermMention(start, end)
            if start < end <= start + _LONGEST_TERM and term not in found:
                found.append(term)
    return found


@dataclass(frozen=True)
class EventMention:
    kind: str
    number: str | None = None


# (kind, pattern on folded text). Where several match, the one that starts first wins, then the
# longest: "Hội nghị sơ kết …" is a sơ kết, "Ban Chấp hành … tổ chức Hội nghị lần thứ 9" a
# Hội nghị BCH, "… thực hiện Nghị quyết Đại hội" no Đại hội at all.
_EVENTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("sinh-hoat-chuyen-de", r"\bsinh hoat chuyen de\b"),
        ("so-ket", r"\b(hoi nghi (\w+ ){0,3}?)?so ket\b"),
        ("tong-ket", r"\b(hoi nghi (\w+ ){0,3}?)?tong ket\b"),
        ("hoi-nghi-bch", r"\bhoi nghi (lan thu \w+ (cua )?)?(ban chap hanh|bch)\b"),
        ("hoi-nghi-bch", r"\b(ban chap hanh|bch)\b.{0,120}?\bhoi nghi\b"),
        ("dai-hoi", r"(?<!nghi quyet )(?<!tien toi )(?<!chuan bi )(?<!phuc vu )\bdai hoi\b(?! dong)"),
        ("hoi-nghi", r"\bhoi nghi\b"),
    )
)
_NUMBER = re.compile(r"\blan thu\s+([0-9]+|[ivxlc]+)\b")


def find_event(title: str, lead: str) -> EventMention | None:
    """The event of the title, else of the lead paragraph; with its number ("lần thứ III")."""
    for text in (title, lead):
        folded = fold(text)
        matches = [(m.start(), -(m.end() - m.start()), kind, m) for kind, p in _EVENTS for m in [p.search(folded)] if m]
        if not matches:
            continue
        _start, _length, kind, match = min(matches, key=lambda item: (item[0], item[1]))
        number = None
        if kind in ("dai-hoi", "hoi-nghi-bch", "hoi-nghi"):
            found = _NUMBER.search(folded, match.start())
            if found is not None and found.start() - match.end() < 120:
                number = found[1].upper() if not found[1].isdigit() else found[1]
        return EventMention(kind, number)
    return None
