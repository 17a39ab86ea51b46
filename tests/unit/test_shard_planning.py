"""Shard planning (output/search/shards.py) and the shard bundle cache (output/search/bundles.py)."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoneportal.output.search import SearchDocument, plan_shards
from zoneportal.output.search.bundles import BundleCache, shard_key


def _doc(month: str | None, n: int, title: str = "Bài") -> SearchDocument:
    sort_date = f"{month}-{1 + n % 28:02d}T08:00" if month else None
    return SearchDocument(url=f"tin-tuc/{n}/", title=f"{title} {n}", summary="", text="chữ", sort_date=sort_date)


def _docs(counts: dict[str, int]) -> list[SearchDocument]:
    docs, n = [], 0
    for month, count in counts.items():
        for _ in range(count):
            docs.append(_doc(month, n))
            n += 1
    return docs


def _bounds(shards) -> list[tuple[str, str]]:
    return [(s.name, s.last_month) for s in shards]


def test_below_the_limit_one_primary_index() -> None:
    [shard] = plan_shards([*_docs({"2023-01": 3, "2024-05": 2}), _doc(None, 99)], limit=10)
    assert shard.primary and shard.folder == "" and len(shard.documents) == 6


def test_months_are_packed_oldest_first_up_to_the_limit() -> None:
    shards = plan_shards(_docs({"2020-01": 2, "2020-02": 2, "2020-03": 1, "2021-07": 3, "2022-01": 1}), limit=4)
    assert _bounds(shards) == [("2020-01", "2020-02"), ("2020-03", "2021-07"), ("2022-01", "2022-01")]
    assert [len(s.documents) for s in shards] == [4, 4, 1]
    assert [s.primary for s in shards] == [False, False, True]
    assert [s.folder for s in shards] == ["2020-01/", "2020-03/", ""]


def test_a_month_larger_than_the_limit_is_its_own_shard() -> None:
    shards = plan_shards(_docs({"2020-01": 1, "2020-02": 9, "2020-03": 1}), limit=4)
    assert _bounds(shards) == [("2020-01", "2020-01"), ("2020-02", "2020-02"), ("2020-03", "2020-03")]
    assert len(shards[1].documents) == 9


def test_undated_documents_go_with_the_newest_shard() -> None:
    pages = [_doc(None, 100), _doc(None, 101)]
    shards = plan_shards([pages[0], *_docs({"2020-01": 3, "2024-02": 3}), pages[1]], limit=3)
    assert [len(s.documents) for s in shards] == [3, 5]
    urls = [[d.url for d in s.documents] for s in shards]
    assert shards[-1].primary and {"tin-tuc/100/", "tin-tuc/101/"} <= set(urls[-1])
    assert not {"tin-tuc/100/", "tin-tuc/101/"} & set(urls[0])


def test_no_dated_documents_one_primary_shard() -> None:
    [shard] = plan_shards([_doc(None, 1), _doc(None, 2)], limit=1)
    assert shard.primary and shard.name == ""


MONTHS = [f"{y}-{m:02d}" for y in range(2015, 2025) for m in range(1, 13)]


@given(
    counts=st.lists(st.integers(0, 7), min_size=3, max_size=40),
    limit=st.integers(1, 12),
    edited=st.integers(0, 10_000),
)
def test_editing_a_post_moves_no_boundary(counts: list[int], limit: int, edited: int) -> None:
    docs = _docs({MONTHS[i]: c for i, c in enumerate(counts) if c})
    if not docs:
        return
    before = plan_shards(docs, limit)
    i = edited % len(docs)
    docs[i] = dataclasses.replace(docs[i], title="Tiêu đề đã sửa", text="chữ khác")  # same date
    after = plan_shards(docs, limit)
    assert _bounds(after) == _bounds(before)
    changed = [a for a, b in zip(after, before, strict=True) if a.documents != b.documents]
    assert len(changed) == 1 and any(d is docs[i] for d in changed[0].documents)


@given(counts=st.lists(st.integers(1, 7), min_size=2, max_size=40), limit=st.integers(1, 12))
def test_a_post_in_the_newest_month_touches_only_the_newest_shard(counts: list[int], limit: int) -> None:
    docs = _docs({MONTHS[i]: c for i, c in enumerate(counts)})
    before = plan_shards(docs, limit)
    after = plan_shards([*docs, _doc(MONTHS[len(counts) - 1], 999)], limit)
    # Every older shard is kept as it was (same documents: its bundle comes from the cache); the
    # newest one gains the post, or, when full, gives its newest month to a new shard.
    assert [s.documents for s in after[: len(before) - 1]] == [s.documents for s in before[:-1]]
    assert len(after) in (len(before), len(before) + 1)
    assert all(len(s.documents) <= limit or s.name == s.last_month for s in after)


@given(counts=st.lists(st.integers(0, 9), min_size=1, max_size=60), limit=st.integers(1, 15))
def test_every_document_in_exactly_one_shard_within_the_limit(counts: list[int], limit: int) -> None:
    docs = _docs({MONTHS[i]: c for i, c in enumerate(counts) if c})
    shards = plan_shards(docs, limit)
    placed = [d for s in shards for d in s.documents]
    assert sorted(placed, key=lambda d: d.url) == sorted(docs, key=lambda d: d.url)
    assert sum(s.primary for s in shards) == 1 and shards[-1].primary
    for shard in shards:
        assert len(shard.documents) <= limit or shard.name == shard.last_month  # one big month
    assert [s.name for s in shards] == sorted(s.name for s in shards)  # date ranges, oldest first
    for older, newer in itertools.pairwise(shards):
        assert older.last_month < newer.name


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        plan_shards([], 0)


def test_a_shard_key_is_its_documents() -> None:
    [a] = plan_shards(_docs({"2020-01": 2}), 10)
    [b] = plan_shards(_docs({"2020-01": 2}), 10)
    assert shard_key(a, "vi", "") == shard_key(b, "vi", "")
    edited = dataclasses.replace(a, documents=(a.documents[0], dataclasses.replace(a.documents[1], summary="x")))
    assert shard_key(edited, "vi", "") != shard_key(a, "vi", "")
    assert shard_key(a, "en", "") != shard_key(a, "vi", "") != shard_key(a, "vi", "other code")


def _bundle(folder: Path) -> Path:
    for name in ("pagefind.js", "pagefind-entry.json", "pagefind.vi_1.pf_meta", "index/vi_2.pf_index"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name)
    return folder


def test_bundle_cache_places_stored_bundles_and_drops_damaged_ones(tmp_path: Path) -> None:
    cache = BundleCache(tmp_path / "cache")
    assert not cache.place("k1", tmp_path / "site-a", everything=True)
    cache.store("k1", _bundle(tmp_path / "out"))
    assert cache.place("k1", tmp_path / "site-a", everything=True)
    assert (tmp_path / "site-a" / "pagefind.js").read_text() == "pagefind.js"
    assert (tmp_path / "site-a" / "index" / "vi_2.pf_index").stat().st_nlink > 1  # linked, not copied
    # An older shard publishes only what mergeIndex loads: no script.
    assert cache.place("k1", tmp_path / "site-b", everything=False)
    assert sorted(p.name for p in (tmp_path / "site-b").rglob("*") if p.is_file()) == [
        "pagefind-entry.json",
        "pagefind.vi_1.pf_meta",
        "vi_2.pf_index",
    ]
    (tmp_path / "cache" / "k1" / "bundle" / "pagefind.vi_1.pf_meta").write_text("truncated")
    assert not cache.place("k1", tmp_path / "site-c", everything=True)  # damaged: indexed again
    assert not (tmp_path / "cache" / "k1").exists()


def test_bundle_cache_prunes_what_a_build_did_not_use(tmp_path: Path) -> None:
    cache = BundleCache(tmp_path / "cache")
    cache.store("kept", _bundle(tmp_path / "a"))
    cache.store("old", _bundle(tmp_path / "b"))
    cache.prune({"kept"})
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["kept"]
