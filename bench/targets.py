"""Issue 18's targets, checked on one run's rows: each a [met] or [GAP] line with the figures behind it.

A target is printed only when its rows were measured in this run (a `--plan` subset or `--only`
leaves the others out); time(100 000) / time(10 000) falls back on the latest recorded 10 000-post
run (bench/history.jsonl) when the huge plan runs without it, and says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .history import RunRecord, previous
from .rows import (
    ARCHIVE,
    BLOG_SIZE,
    EDIT,
    HUGE,
    PREVIEW,
    SEARCH,
    SMALL_SITE,
    TARGET_HUGE_EDIT_SECONDS,
    TARGET_HUGE_RSS_MB,
    TARGET_PREVIEW_SECONDS,
    TARGET_RSS_MB,
    TARGET_SCALING,
    TARGET_SEARCH_KB,
    TARGET_VS_BLOG,
    TARGET_VS_PLAIN,
    TARGET_VS_PLAIN_SMALL,
    Measure,
    dominant,
)

Rows = Mapping[tuple[str, int], Measure]


@dataclass(frozen=True)
class Check:
    label: str
    met: bool
    value: str
    why: str = ""  # for a gap: what the measured time or memory went to (bench/clock.py's phases)

    def line(self) -> str:
        line = f"  [{'met' if self.met else 'GAP'}] {self.label}: {self.value}"
        return line if self.met or not self.why else f"{line}\n        what dominates: {self.why}"


def memory_split(m: Measure) -> str:
    """Peak RSS summed over the tree vs the largest process: the rest is forked workers (counting the
    pages they share with the build again) and Pagefind."""
    return (
        f"the build's largest process peaked at {m.rss:.0f} MB, the tree at {m.tree_rss:.0f} MB RSS "
        f"({m.tree_pss:.0f} MB PSS, shared pages counted once): at least {max(m.tree_rss - m.rss, 0):.0f} MB "
        "were other processes (forked render/finish workers, Pagefind)"
    )


def measured(rows: Rows, layout: str, posts: int) -> Measure | None:
    found = rows.get((layout, posts))
    return found if found is not None and found.runs else None


def checks(rows: Rows, earlier: list[RunRecord]) -> list[Check]:
    found: list[Check] = []
    found += _edit_vs_hugo(rows)
    found += _cold_vs_plain(rows)
    found += _memory(rows)
    found += _preview(rows)
    found += _blog(rows)
    found += _huge(rows, earlier)
    found += _search(rows)
    return found


def _edit_vs_hugo(rows: Rows) -> list[Check]:
    """The issue's figure is at 10 000 posts; smaller plans (make bench-quick) check the same at their
    sizes, which says early whether the edit path keeps its lead."""
    found = []
    for posts in sorted({n for layout, n in rows if layout == EDIT}):
        edit, hugo = measured(rows, EDIT, posts), measured(rows, "hugo", posts)
        if not (edit and hugo):
            continue
        found.append(
            Check(
                f"one edited post at {posts} (zoneportal-edit) faster than Hugo's full build at {posts}",
                edit.median < hugo.median,
                f"{edit.median:.2f} s vs {hugo.median:.2f} s wall ({edit.median / hugo.median:.2f}x); "
                f"CPU {edit.cpu:.2f} s vs {hugo.cpu:.2f} s ({edit.cpu / hugo.cpu:.2f}x)",
                dominant(edit.phases),
            )
        )
    return found


def _cold_vs_plain(rows: Rows) -> list[Check]:
    found = []
    for posts in sorted({n for layout, n in rows if layout == "zoneportal"}):
        zoneportal, plain = measured(rows, "zoneportal", posts), measured(rows, "plain", posts)
        if not (zoneportal and plain):
            continue
        limit = TARGET_VS_PLAIN_SMALL if posts <= SMALL_SITE else TARGET_VS_PLAIN
        ratio = zoneportal.median / plain.median
        found.append(
            Check(
                f"cold build at {posts} <= {limit}x plain MkDocs (wall)",
                ratio <= limit,
                f"{ratio:.2f}x ({zoneportal.median:.2f} s vs {plain.median:.2f} s); "
                f"CPU {zoneportal.cpu / plain.cpu:.2f}x ({zoneportal.cpu:.2f} s vs {plain.cpu:.2f} s)",
                f"zoneportal {dominant(zoneportal.phases)}; plain MkDocs {dominant(plain.phases, top=2)}",
            )
        )
    return found


def _memory(rows: Rows) -> list[Check]:
    """Peak memory at 10 000 posts: the largest of the cold and the one-edit builds."""
    builds = [m for m in (measured(rows, "zoneportal", ARCHIVE), measured(rows, EDIT, ARCHIVE)) if m]
    if not builds:
        return []
    heaviest = max(builds, key=lambda m: m.tree_rss)
    return [
        Check(
            f"peak memory at {ARCHIVE} <= {TARGET_RSS_MB} MB (RSS summed over the process tree)",
            heaviest.tree_rss <= TARGET_RSS_MB,
            "; ".join(
                f"{m.layout} {m.tree_rss:.0f} MB (PSS {m.tree_pss:.0f} MB, largest process {m.rss:.0f} MB)"
                for m in builds
            ),
            memory_split(heaviest),
        )
    ]


def _preview(rows: Rows) -> list[Check]:
    found = []
    for (layout, posts), preview in sorted(rows.items()):
        if layout != PREVIEW or not preview.runs:
            continue
        found.append(
            Check(
                f"live preview at {posts} <= {TARGET_PREVIEW_SECONDS:.0f} s (edit-to-preview median)",
                preview.median <= TARGET_PREVIEW_SECONDS,
                f"{preview.median:.2f} s ({preview.runs[-1].detail}); server memory {preview.tree_rss:.0f} MB summed",
                dominant(preview.phases),
            )
        )
    return found


def _blog(rows: Rows) -> list[Check]:
    """Issue 8's target against Material's blog plugin, set at 2 000 posts (the other sizes are in the
    ratio lines of the report)."""
    blog, zoneportal = measured(rows, "blog", BLOG_SIZE), measured(rows, "zoneportal", BLOG_SIZE)
    if not (blog and zoneportal):
        return []
    ratio = blog.median / zoneportal.median
    return [
        Check(
            f"cold build at {BLOG_SIZE} >= {TARGET_VS_BLOG:.0f}x faster than Material's blog plugin",
            ratio >= TARGET_VS_BLOG,
            f"{ratio:.2f}x ({blog.median:.2f} s vs {zoneportal.median:.2f} s); CPU {blog.cpu / zoneportal.cpu:.2f}x",
        )
    ]


def ratios(rows: Rows) -> list[str]:
    """Side-by-side figures at every size, targets or not: each generator against zoneportal's cold build."""
    lines = []
    for posts in sorted({n for _, n in rows}):
        zoneportal = measured(rows, "zoneportal", posts)
        if not zoneportal:
            continue
        parts = []
        for layout in ("plain", "blog", "hugo", EDIT):
            other = measured(rows, layout, posts)
            if other:
                parts.append(
                    f"{layout} {other.median:.2f} s ({zoneportal.median / other.median:.2f}x wall, "
                    f"{zoneportal.cpu / other.cpu:.2f}x CPU)"
                )
        if parts:
            lines.append(f"  zoneportal {zoneportal.median:.2f} s at {posts} vs " + "; ".join(parts))
    return lines


def _huge(rows: Rows, earlier: list[RunRecord]) -> list[Check]:
    found = []
    huge = measured(rows, "zoneportal", HUGE)
    if huge:
        found.append(
            Check(
                f"cold build at {HUGE} completes, peak memory <= {TARGET_HUGE_RSS_MB} MB summed",
                huge.tree_rss <= TARGET_HUGE_RSS_MB,
                f"{huge.tree_rss:.0f} MB (PSS {huge.tree_pss:.0f} MB, largest process {huge.rss:.0f} MB); "
                f"{huge.median:.0f} s wall, {huge.cpu:.0f} s CPU",
                memory_split(huge),
            )
        )
    for small, large in ((1000, ARCHIVE), (ARCHIVE, HUGE)):
        big = measured(rows, "zoneportal", large)
        if not big:
            continue
        base = measured(rows, "zoneportal", small)
        if base:
            before, before_cpu, source = base.median, base.cpu, "this run"
        else:
            last = previous(earlier, "zoneportal", small) if large == HUGE else None
            if last is None:
                continue
            before, before_cpu, source = last[1].wall, last[1].cpu, f"recorded {last[0].commit}, {last[0].date}"
        found.append(
            Check(
                f"time({large}) / time({small}) <= {TARGET_SCALING:.0f}",
                big.median / before <= TARGET_SCALING,
                f"{big.median / before:.1f} wall ({big.median:.1f} s / {before:.1f} s, {source}); "
                f"CPU {big.cpu / before_cpu:.1f}",
                f"at {large}: {dominant(big.phases)}",
            )
        )
    edit = measured(rows, EDIT, HUGE)
    if edit:
        found.append(
            Check(
                f"one edited post at {HUGE} <= {TARGET_HUGE_EDIT_SECONDS:.0f} s",
                edit.median <= TARGET_HUGE_EDIT_SECONDS,
                f"{edit.median:.1f} s wall, {edit.cpu:.1f} s CPU, {edit.tree_rss:.0f} MB summed",
                dominant(edit.phases),
            )
        )
    return found


def _search(rows: Rows) -> list[Check]:
    found = []
    for (layout, posts), search in sorted(rows.items()):
        if layout != SEARCH or not search.runs:
            continue
        found.append(
            Check(
                f"a search query at {posts} fetches <= {TARGET_SEARCH_KB} KB in Chromium",
                search.search_kb * 1024 <= TARGET_SEARCH_KB * 1000,  # KB as the issue writes it
                f"{search.search_kb:.0f} KiB at most ({search.runs[-1].detail}); "
                f"plus {search.fixed_kb:.0f} KiB fixed once per visit",
            )
        )
    return found
