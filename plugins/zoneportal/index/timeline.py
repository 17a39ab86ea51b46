"""Term timelines: a committee's posts over one term, in time order, grouped by year and quarter,
with the term's start, mid-term point, end and (when current) today placed among them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from itertools import groupby

from ..content.post import Post
from ..content.registry import Committee, Registry, Term


class MarkerKind(Enum):
    START = "start"
    MIDPOINT = "mid"
    TODAY = "today"
    END = "end"


MARKER_LABELS = {
    MarkerKind.START: "Bắt đầu nhiệm kỳ",
    MarkerKind.MIDPOINT: "Giữa nhiệm kỳ",
    MarkerKind.TODAY: "Hôm nay",
    MarkerKind.END: "Kết thúc nhiệm kỳ",
}


@dataclass(frozen=True)
class TimelineMarker:
    kind: MarkerKind
    day: date

    @property
    def label(self) -> str:
        return MARKER_LABELS[self.kind]


@dataclass(frozen=True)
class TimelinePost:
    post: Post
    day: date


TimelineEntry = TimelinePost | TimelineMarker


@dataclass(frozen=True)
class Quarter:
    number: int
    entries: tuple[TimelineEntry, ...]

    @property
    def label(self) -> str:
        return f"Quý {('I', 'II', 'III', 'IV')[self.number - 1]}"


@dataclass(frozen=True)
class TimelineYear:
    year: int
    quarters: tuple[Quarter, ...]


@dataclass(frozen=True)
class TermTimeline:
    committee: Committee
    term: Term
    years: tuple[TimelineYear, ...]
    post_count: int
    is_current: bool

    @property
    def posts(self) -> list[Post]:
        return [
            entry.post
            for year in self.years
            for quarter in year.quarters
            for entry in quarter.entries
            if isinstance(entry, TimelinePost)
        ]


@dataclass
class TimelineIndex:
    timelines: dict[tuple[str, str], TermTimeline] = field(default_factory=dict)

    def get(self, committee: str, term: str) -> TermTimeline | None:
        return self.timelines.get((committee, term))


def _order(entry: TimelineEntry) -> tuple[date, int, object]:
    # On one day, the term's start comes first, then posts in time order, then other markers.
    if isinstance(entry, TimelineMarker):
        rank = 0 if entry.kind is MarkerKind.START else 2
        return (entry.day, rank, "")
    return (entry.day, 1, entry.post.date)


def term_timeline(committee: Committee, term: Term, posts: Iterable[Post], today: date) -> TermTimeline:
    """`posts` are the committee's posts filed under `term`, in any order."""
    entries: list[TimelineEntry] = [TimelinePost(p, p.date.date()) for p in posts]
    post_count = len(entries)
    is_current = term.contains(today)
    entries.append(TimelineMarker(MarkerKind.START, term.first_day))
    entries.append(TimelineMarker(MarkerKind.MIDPOINT, term.midpoint))
    entries.append(TimelineMarker(MarkerKind.END, term.last_day))
    if is_current:
        entries.append(TimelineMarker(MarkerKind.TODAY, today))
    entries.sort(key=_order)
    years = []
    for year, in_year in groupby(entries, key=lambda e: e.day.year):
        by_quarter = groupby(in_year, key=lambda e: (e.day.month - 1) // 3 + 1)
        quarters = tuple(Quarter(number, tuple(group)) for number, group in by_quarter)
        years.append(TimelineYear(year, quarters))
    return TermTimeline(committee, term, tuple(years), post_count, is_current)


def build_timelines(registry: Registry, posts_by_term: dict[str, list[Post]], today: date) -> TimelineIndex:
    """One timeline for every term of every committee, including terms without posts."""
    index = TimelineIndex()
    for committee in registry.committees.values():
        for term in committee.terms:
            posts = posts_by_term.get(f"{committee.key}/{term.key}", [])
            index.timelines[(committee.key, term.key)] = term_timeline(committee, term, posts, today)
    return index


def current_term(committee: Committee, today: date) -> Term | None:
    """The term under way today, else the latest one that has begun, else the first."""
    if not committee.terms:
        return None
    running = committee.term_on(today)
    if running is not None:
        return running
    begun = [t for t in committee.terms if t.first_day <= today]
    return begun[-1] if begun else committee.terms[0]
