"""Every bench run's rows, one JSON line per run in bench/history.jsonl, so a memory regression shows.

Issue 18: peak memory at 10 000 posts went from 662 MB to 2.1 GB between two speed rounds and nobody
saw it, because nothing kept the earlier figure. Each run appends its commit, date, load and every
row's figures; the next run compares each row's peak memory (RSS summed over the process tree) with
the latest earlier record of the same row (generator and N) and flags growth above MEMORY_GROWTH.
The file is committed by whoever runs the bench.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from .rows import Measure

MEMORY_GROWTH = 0.20


@dataclass(frozen=True)
class RowRecord:
    layout: str
    posts: int
    runs: int
    wall: float  # median seconds (the preview row: median edit-to-preview)
    cpu: float
    tree_rss_mb: float
    tree_pss_mb: float
    process_rss_mb: float
    search_kb: float = 0.0


@dataclass(frozen=True)
class RunRecord:
    commit: str
    date: str  # ISO 8601, local time of the machine
    load: float  # median 1-minute load average over the run's rows
    plan: str
    rows: tuple[RowRecord, ...]

    def row(self, layout: str, posts: int) -> RowRecord | None:
        return next((r for r in self.rows if r.layout == layout and r.posts == posts), None)


@dataclass(frozen=True)
class Growth:
    """A row whose peak memory grew more than MEMORY_GROWTH over its previous record."""

    layout: str
    posts: int
    before_mb: float
    after_mb: float
    since: RunRecord

    @property
    def share(self) -> float:
        return self.after_mb / self.before_mb - 1

    def describe(self) -> str:
        return (
            f"{self.layout} N={self.posts}: {self.before_mb:.0f} -> {self.after_mb:.0f} MB "
            f"(+{self.share * 100:.0f} % over {self.since.commit}, {self.since.date})"
        )


def record(measures: Iterable[Measure], plan: str, load: float, root: Path) -> RunRecord:
    rows = tuple(
        RowRecord(
            layout=m.layout,
            posts=m.posts,
            runs=len(m.runs),
            wall=round(m.median, 3),
            cpu=round(m.cpu, 3),
            tree_rss_mb=round(m.tree_rss, 1),
            tree_pss_mb=round(m.tree_pss, 1),
            process_rss_mb=round(m.rss, 1),
            search_kb=round(m.search_kb, 1),
        )
        for m in measures
        if m.runs
    )
    return RunRecord(commit_of(root), datetime.now().astimezone().isoformat(timespec="seconds"), load, plan, rows)


def commit_of(root: Path) -> str:
    """Short commit of the checkout, with "-dirty" when tracked files differ from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("-dirty" if changed else "")


def read(path: Path) -> list[RunRecord]:
    """The recorded runs, oldest first; a line that does not parse is skipped (a hand edit, a
    conflict marker), since one bad line must not hide every other record."""
    if not path.exists():
        return []
    runs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(line)
            rows = tuple(RowRecord(**row) for row in data.pop("rows"))
            runs.append(RunRecord(**data, rows=rows))
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    return runs


def append(path: Path, run: RunRecord) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(asdict(run), ensure_ascii=False) + "\n")


def previous(earlier: list[RunRecord], layout: str, posts: int) -> tuple[RunRecord, RowRecord] | None:
    """The latest earlier record of this row that has a memory figure."""
    for run in reversed(earlier):
        row = run.row(layout, posts)
        if row is not None and row.tree_rss_mb > 0:
            return run, row
    return None


def growths(measures: Mapping[tuple[str, int], Measure], earlier: list[RunRecord]) -> dict[tuple[str, int], Growth]:
    found = {}
    for key, measure in measures.items():
        if not measure.runs or measure.tree_rss <= 0:
            continue
        last = previous(earlier, *key)
        if last is None:
            continue
        run, row = last
        if measure.tree_rss > row.tree_rss_mb * (1 + MEMORY_GROWTH):
            found[key] = Growth(key[0], key[1], row.tree_rss_mb, measure.tree_rss, run)
    return found
