"""Registries beside the posts: authors, categories, committees (with their terms), event types."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import ProblemReport, did_you_mean, display_path
from .schema import KEY_PATTERN, AuthorEntry, CategoryEntry, CommitteeEntry, EventEntry, validation_errors
from .textfile import TextDecodeError, YamlSyntaxError, decode_text, load_yaml

AUTHORS_FILE = "authors.yml"
CATEGORIES_FILE = "categories.yml"
COMMITTEES_FILE = "committees.yml"
EVENTS_FILE = "events.yml"


@dataclass(frozen=True)
class Author:
    key: str
    name: str
    role: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    description: str | None = None
    order: int = 100


@dataclass(frozen=True)
class Term:
    committee: str
    start: int
    end: int
    congress: str | None = None
    first_day: date = date.min
    last_day: date = date.max

    @property
    def key(self) -> str:
        return f"{self.start}-{self.end}"

    @property
    def label(self) -> str:
        return f"Nhiệm kỳ {self.key}"

    @property
    def midpoint(self) -> date:
        return self.first_day + (self.last_day - self.first_day) / 2

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class Committee:
    key: str
    name: str
    level: str
    short_name: str | None = None
    parent: str | None = None
    description: str | None = None
    order: int = 100
    terms: tuple[Term, ...] = ()

    def term(self, key: str) -> Term | None:
        for term in self.terms:  # a plain loop: a generator for a few terms cost more than the search
            if term.key == key:
                return term
        return None

    def term_on(self, day: date) -> Term | None:
        """The term a post of that day belongs to; where two terms meet in one year, the newer
        one, since a congress opens a term early in its first year (set start_date to be exact)."""
        matching = [t for t in self.terms if t.contains(day)]
        return max(matching, key=lambda t: t.first_day) if matching else None


@dataclass(frozen=True)
class EventType:
    key: str
    name: str
    short: str
    highlight: bool = False


DEFAULT_EVENTS: tuple[EventType, ...] = (
    EventType("dai-hoi", "Đại hội", "ĐH", highlight=True),
    EventType("hoi-nghi-bch", "Hội nghị Ban Chấp hành", "BCH"),
    EventType("so-ket", "Sơ kết", "SK", highlight=True),
    EventType("tong-ket", "Tổng kết", "TK"),
    EventType("sinh-hoat-chuyen-de", "Sinh hoạt chuyên đề", "CĐ"),
    EventType("hoi-nghi", "Hội nghị", "HN"),
    EventType("khac", "Sự kiện khác", "K"),
)


def display_order(entry: Category | Committee) -> tuple[int, str]:
    """How categories and committees are listed everywhere: by their `order`, then by name."""
    return (entry.order, entry.name)


@dataclass
class Registry:
    authors: dict[str, Author] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    committees: dict[str, Committee] = field(default_factory=dict)
    events: dict[str, EventType] = field(default_factory=lambda: {e.key: e for e in DEFAULT_EVENTS})
    # Lines of each key in its registry file, for messages that point at a registry entry.
    lines: dict[tuple[str, str], int] = field(default_factory=dict)
    # Entries marked `review: true` (created by an import, not yet approved), by (file, key).
    pending: dict[tuple[str, str], int | None] = field(default_factory=dict)

    def children_of(self, key: str) -> list[Committee]:
        return sorted((c for c in self.committees.values() if c.parent == key), key=display_order)


def load_registry(posts_dir: Path, project_root: Path, report: ProblemReport) -> Registry:
    registry = Registry()
    authors = _load_entries(posts_dir / AUTHORS_FILE, AuthorEntry, project_root, report, required=True)
    for key, (entry, line) in authors.items():
        registry.authors[key] = Author(key, entry.name, entry.role, entry.unit)
        if entry.review:
            registry.pending[(AUTHORS_FILE, key)] = line
    categories = _load_entries(posts_dir / CATEGORIES_FILE, CategoryEntry, project_root, report, required=True)
    for key, (entry, line) in categories.items():
        registry.categories[key] = Category(key, entry.name, entry.description, entry.order)
        if entry.review:
            registry.pending[(CATEGORIES_FILE, key)] = line
    events = _load_entries(posts_dir / EVENTS_FILE, EventEntry, project_root, report, required=False)
    for key, (entry, _line) in events.items():
        short = entry.short or "".join(word[0] for word in entry.name.split()[:3]).upper()
        registry.events[key] = EventType(key, entry.name, short, entry.highlight)
    committees_path = posts_dir / COMMITTEES_FILE
    committees = _load_entries(committees_path, CommitteeEntry, project_root, report, required=True)
    for key, (entry, line) in committees.items():
        registry.lines[(COMMITTEES_FILE, key)] = line
        if entry.review:
            registry.pending[(COMMITTEES_FILE, key)] = line
        registry.committees[key] = Committee(
            key=key,
            name=entry.name,
            level=entry.level,
            short_name=entry.short_name,
            parent=entry.parent,
            description=entry.description,
            order=entry.order,
            terms=_build_terms(key, entry),
        )
    _check_committees(registry, display_path(committees_path, project_root), report)
    return registry


def _build_terms(committee: str, entry: CommitteeEntry) -> tuple[Term, ...]:
    ordered = sorted(entry.terms, key=lambda t: t.start)
    terms = [
        Term(
            committee=committee,
            start=t.start,
            end=t.end,
            congress=t.congress,
            first_day=t.start_date or date(t.start, 1, 1),
            last_day=t.end_date or date(t.end, 12, 31),
        )
        for t in ordered
    ]
    # A known congress date of the next term closes the previous one the day before.
    for index in range(len(terms) - 1):
        current, following = terms[index], terms[index + 1]
        explicit_end = ordered[index].end_date is not None
        if ordered[index + 1].start_date and not explicit_end and current.end == following.start:
            terms[index] = replace(current, last_day=following.first_day - timedelta(days=1))
    return tuple(terms)


def _check_committees(registry: Registry, shown: str, report: ProblemReport) -> None:
    for key, committee in registry.committees.items():
        line = registry.lines.get((COMMITTEES_FILE, key))
        if committee.parent and committee.parent not in registry.committees:
            report.error(
                shown,
                f"tổ chức '{key}' có cấp trên '{committee.parent}' không có trong {COMMITTEES_FILE}."
                + did_you_mean(committee.parent, registry.committees),
                line=line,
                field="parent",
            )
        seen: set[str] = set()
        for term in committee.terms:
            if term.key in seen:
                report.error(shown, f"tổ chức '{key}' khai báo nhiệm kỳ {term.key} hai lần.", line=line, field="terms")
            seen.add(term.key)
        for earlier, later in pairwise(committee.terms):
            if later.start < earlier.end:
                report.error(
                    shown,
                    f"tổ chức '{key}': nhiệm kỳ {earlier.key} và {later.key} chồng lên nhau.",
                    line=line,
                    field="terms",
                )
    # A cycle in parents would make the committee tree endless.
    for key in registry.committees:
        seen_chain = {key}
        parent = registry.committees[key].parent
        while parent and parent in registry.committees:
            if parent in seen_chain:
                report.error(
                    shown,
                    f"tổ chức '{key}': quan hệ cấp trên tạo thành vòng lặp.",
                    line=registry.lines.get((COMMITTEES_FILE, key)),
                    field="parent",
                )
                break
            seen_chain.add(parent)
            parent = registry.committees[parent].parent


def _load_entries(
    path: Path, model: type[BaseModel], project_root: Path, report: ProblemReport, *, required: bool
) -> dict[str, tuple[Any, int | None]]:
    shown = display_path(path, project_root)
    if not path.exists():
        if required:
            report.error(shown, "thiếu tệp danh mục này (xem README, mục Danh mục).")
        return {}
    try:
        document = load_yaml(decode_text(path.read_bytes()))
    except TextDecodeError as exc:
        report.error(shown, exc.message, line=exc.line)
        return {}
    except YamlSyntaxError as exc:
        report.error(shown, exc.message, line=exc.line)
        return {}
    except OSError as exc:  # a folder named like the file, a link that loops, no permission
        report.error(shown, f"không đọc được tệp ({exc.strerror}).")
        return {}
    for key_path, line in document.duplicate_keys:
        report.error(shown, f"khóa '{key_path[-1]}' xuất hiện hai lần; mục sau sẽ ghi đè mục trước.", line=line)
    if document.data is None:
        return {}
    if not isinstance(document.data, dict):
        report.error(shown, "tệp cần dạng 'khóa: thông tin' cho mỗi mục.", line=1)
        return {}
    entries: dict[str, tuple[Any, int | None]] = {}
    for raw_key, value in document.data.items():
        key = str(raw_key)
        line = document.lines.get((raw_key,))
        if not _is_key(key):
            report.error(
                shown,
                f"khóa '{key}' chỉ được gồm chữ thường không dấu, số và dấu gạch ngang.",
                line=line,
            )
            continue
        if isinstance(value, str) and model is not CommitteeEntry:
            value = {"name": value}
        try:
            entries[key] = (model.model_validate(value if value is not None else {}), line)
        except ValidationError as exc:
            for location, message, _found in validation_errors(exc):
                field_name = ".".join(str(p) for p in location)
                report.error(
                    shown,
                    f"mục '{key}': {message}",
                    line=document.line_of((raw_key, *location), line),
                    field=field_name or None,
                )
    return entries


def _is_key(key: str) -> bool:
    return re.match(KEY_PATTERN, key) is not None
