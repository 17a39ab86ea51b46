"""bench/history.py: every run's rows kept in a JSON-lines file; a row whose peak memory grew more than
20 % over its previous record is flagged (issue 18: 662 MB became 2.1 GB unseen)."""

from __future__ import annotations

from pathlib import Path

from bench import history
from bench.rows import Measure, Run
from bench.run import report


def measure(layout: str, posts: int, tree_rss_mb: float, seconds: float = 10.0) -> Measure:
    return Measure(
        layout, posts, [Run(seconds=seconds, peak_rss_mb=tree_rss_mb / 2, pages=posts, tree_rss_mb=tree_rss_mb)]
    )


def recorded(path: Path, commit: str, *measures: Measure) -> None:
    run = history.record(measures, "full", 1.0, path.parent)
    history.append(path, history.RunRecord(commit, run.date, run.load, run.plan, run.rows))


def test_runs_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    recorded(path, "aaa1111", measure("zoneportal", 1000, 300.0), measure("plain", 1000, 56.0))
    recorded(path, "bbb2222", measure("zoneportal", 1000, 310.0))
    runs = history.read(path)
    assert [r.commit for r in runs] == ["aaa1111", "bbb2222"]
    row = runs[0].row("plain", 1000)
    assert row is not None and row.tree_rss_mb == 56.0 and row.runs == 1 and row.wall == 10.0
    assert runs[1].row("plain", 1000) is None


def test_growth_over_the_latest_record_of_the_same_row_is_flagged(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    recorded(path, "old0000", measure("zoneportal", 10000, 2000.0))
    recorded(path, "new1111", measure("zoneportal", 10000, 662.0), measure("plain", 10000, 240.0))
    earlier = history.read(path)
    now = {
        ("zoneportal", 10000): measure("zoneportal", 10000, 800.0),  # +21 % over 662, not over 2000
        ("plain", 10000): measure("plain", 10000, 288.0),  # +20 % exactly: within the allowance
        ("hugo", 10000): measure("hugo", 10000, 900.0),  # never recorded: nothing to compare
    }
    grown = history.growths(now, earlier)
    assert list(grown) == [("zoneportal", 10000)]
    assert grown[("zoneportal", 10000)].since.commit == "new1111"
    assert "662 -> 800 MB" in grown[("zoneportal", 10000)].describe()


def test_the_table_marks_a_grown_row_and_a_gap_line(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    recorded(path, "abc1234", measure("plain", 200, 40.0))
    text = report({("plain", 200): measure("plain", 200, 60.0)}, None, "quick", history.read(path))
    row = next(line for line in text.splitlines() if line.startswith("| plain"))
    assert "GREW +50 %" in row
    assert "[GAP] peak memory grew <= 20 % over the previous run: plain N=200: 40 -> 60 MB" in text
    calm = report({("plain", 200): measure("plain", 200, 44.0)}, None, "quick", history.read(path))
    assert "+10 % (abc1234)" in calm and "[met] no row's peak memory grew" in calm


def test_a_damaged_line_does_not_hide_the_others(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    recorded(path, "aaa1111", measure("zoneportal", 200, 130.0))
    with path.open("a", encoding="utf-8") as handle:
        handle.write('<<<<<<< HEAD\n{"commit": 1}\n')
    recorded(path, "ccc3333", measure("zoneportal", 200, 131.0))
    assert [r.commit for r in history.read(path)] == ["aaa1111", "ccc3333"]


def test_commit_names_the_checkout(tmp_path: Path) -> None:
    assert history.commit_of(tmp_path) == "unknown"  # not a git checkout
    commit = history.commit_of(Path(__file__).parent)
    assert commit != "unknown" and len(commit.removesuffix("-dirty")) >= 7
