"""The rows of the benchmark table (one generator or scenario at one archive size), their runs, and
issue 18's targets."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from .layouts import LAYOUTS

# "zoneportal-edit": one post of the zoneportal project edited, then `mkdocs build` with the build
# cache of the previous build (.cache/zoneportal/build/ kept, site/ removed, as on a CI runner).
EDIT = "zoneportal-edit"
# "zoneportal-preview": `zoneportal serve` on the zoneportal project; the row's time is the median
# of EDITS_PER_PREVIEW edit-to-preview latencies (bench/preview_latency.py), its memory the server's tree.
PREVIEW = "zoneportal-preview"
# "zoneportal-search": the built zoneportal site searched in Chromium (bench/search_payload.py); the
# row's figure is the largest number of bytes one query fetched (index chunks, filters, fragments).
SEARCH = "zoneportal-search"
ALL_LAYOUTS = (*LAYOUTS, EDIT, PREVIEW, SEARCH)
EDITS_PER_PREVIEW = 5

# Targets of issue 18 (and issue 8's that still stand).
TARGET_VS_PLAIN = 1.0  # cold build at 1 000, 2 000, 10 000 posts, wall time
TARGET_VS_PLAIN_SMALL = 1.5  # ... and at 200 posts
SMALL_SITE = 200
TARGET_VS_BLOG = 5.0  # issue 8, at BLOG_SIZE posts
BLOG_SIZE = 2000
TARGET_SCALING = 11.0  # time(10 N) / time(N)
TARGET_RSS_MB = 1024  # peak memory at 10 000 posts, summed over the process tree
TARGET_PREVIEW_SECONDS = 1.0  # live preview at 10 000 posts, one edit
TARGET_HUGE_RSS_MB = 4096  # 100 000 posts, summed over the process tree
TARGET_HUGE_EDIT_SECONDS = 30.0  # one edited post at 100 000
TARGET_SEARCH_KB = 300  # bytes one query fetches (index chunks, filters, fragments), Chromium
TARGET_ARTICLE_KB = 150
ARCHIVE, HUGE = 10000, 100000


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    pages: int
    load: float = 0.0  # 1-minute load average when the run started: the machine is shared
    cpu: float = 0.0  # user + system CPU seconds of the build and its workers: steadier than wall time
    tree_rss_mb: float = 0.0  # sampled peak of the RSS summed over the build's process tree
    tree_pss_mb: float = 0.0  # the same with shared pages split between processes (PSS)
    search_kb: float = 0.0  # zoneportal-search: the most one query fetched (KiB), fixed part excluded
    fixed_kb: float = 0.0  # zoneportal-search: pagefind.js, its WebAssembly and metadata, once per visit
    detail: str = ""  # what the row's figure is made of, printed under the table
    # bench/clock.py: a build's phases, name → (wall, CPU) seconds, "total" among them; empty for Hugo
    phases: dict[str, tuple[float, float]] = field(default_factory=dict)


@dataclass
class Measure:
    layout: str
    posts: int
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss(self) -> float:
        return max(r.peak_rss_mb for r in self.runs)

    @property
    def tree_rss(self) -> float:
        return max(r.tree_rss_mb for r in self.runs)

    @property
    def tree_pss(self) -> float:
        return max(r.tree_pss_mb for r in self.runs)

    @property
    def pages(self) -> int:
        return self.runs[-1].pages

    @property
    def search_kb(self) -> float:
        return max(r.search_kb for r in self.runs)

    @property
    def fixed_kb(self) -> float:
        return max(r.fixed_kb for r in self.runs)

    @property
    def phases(self) -> dict[str, tuple[float, float]]:
        """The phases of the run whose time is the median (the lower middle one of an even count)."""
        ordered = sorted(self.runs, key=lambda r: r.seconds)
        return ordered[(len(ordered) - 1) // 2].phases if ordered else {}

    @property
    def load(self) -> float:
        return statistics.median(r.load for r in self.runs)


def dominant(phases: dict[str, tuple[float, float]], top: int = 4, floor: float = 0.03) -> str:
    """The phases that took most of a build's wall time, largest first: "render our pages 48 % (…)"."""
    total_wall, total_cpu = phases.get("total", (0.0, 0.0))
    if total_wall <= 0:
        return "no phases recorded"
    parts = sorted(((wall, cpu, name) for name, (wall, cpu) in phases.items() if name != "total"), reverse=True)
    shown = [
        f"{name} {wall / total_wall * 100:.0f} % ({wall:.2f} s wall, {cpu:.2f} s CPU)"
        for wall, cpu, name in parts[:top]
        if wall / total_wall >= floor
    ]
    return f"of {total_wall:.2f} s wall / {total_cpu:.2f} s CPU: " + ", ".join(shown)
