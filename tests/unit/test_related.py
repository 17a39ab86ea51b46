"""Related posts: scored by what posts share, nearer and newer first, from taxonomy buckets."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from zoneportal.content.post import Post
from zoneportal.content.registry import Registry
from zoneportal.index import related as related_module
from zoneportal.index.related import Weights, related_posts
from zoneportal.index.taxonomy import build_index
from zoneportal.vi import VIETNAM_TZ

START = datetime(2023, 1, 1, 8, 0, tzinfo=VIETNAM_TZ)


def post(
    name: str,
    days: int,
    committee: str = "dang-uy",
    categories: tuple[str, ...] = ("tin",),
    tags: tuple[str, ...] = (),
    term: str | None = "2020-2025",
) -> Post:
    return Post(
        source=Path(f"posts/{name}.md"),
        shown=f"posts/{name}.md",
        title=name,
        date=START + timedelta(days=days),
        has_time=True,
        author="a",
        committee=committee,
        term=term,
        categories=categories,
        tags=tags,
        summary="",
        body="",
        body_line=1,
        slug=name,
    )


def names(posts: list[Post]) -> list[str]:
    return [p.title for p in posts]


def test_best_shared_first_never_itself_never_unrelated() -> None:
    me = post("me", 10, tags=("Đại hội",))
    tagged = post("tagged", 200, tags=("Đại hội",))
    same_committee = post("same-committee", 11)
    other_committee = post("other", 12, committee="chi-bo", categories=("khac",), term=None)
    index = build_index([me, tagged, same_committee, other_committee])
    related = related_posts(index)
    assert names(related[me.source]) == ["tagged", "same-committee"]
    assert other_committee.source not in {p.source for p in related[me.source]}
    assert related[other_committee.source] == []


def test_equal_scores_nearer_in_time_then_newer() -> None:
    me = post("me", 100)
    posts = [me, post("far", 10), post("near-older", 98), post("near-newer", 102), post("nearest", 101)]
    related = related_posts(build_index(posts))
    assert names(related[me.source]) == ["nearest", "near-newer", "near-older", "far"]


def test_at_most_five_and_window_bounds_the_candidates() -> None:
    posts = [post(f"p{i}", i) for i in range(30)]
    related = related_posts(build_index(posts), limit=5, window=3)
    middle = posts[15]
    assert len(related[middle.source]) == 5
    assert {p.title for p in related[middle.source]} <= {f"p{i}" for i in range(12, 19)}


def test_term_counts_on_top_of_committee() -> None:
    me = post("me", 50, term="2020-2025")
    same_term = post("same-term", 10, term="2020-2025")
    other_term = post("other-term", 49, term="2015-2020")
    related = related_posts(build_index([me, same_term, other_term]))
    assert names(related[me.source]) == ["same-term", "other-term"]


@st.composite
def archives(draw: st.DrawFn) -> list[Post]:
    """Small archives where ties abound: few committees, categories and tags, and many posts on
    the same day at the same time (posts without a time are all at midnight)."""
    count = draw(st.integers(2, 40))
    return [
        post(
            f"p{number}",
            draw(st.integers(0, 12)),
            committee=draw(st.sampled_from(["dang-uy", "chi-bo", "doan"])),
            categories=tuple(draw(st.lists(st.sampled_from(["tin", "su-kien", "van-ban"]), min_size=1, max_size=2))),
            tags=tuple(draw(st.lists(st.sampled_from(["Đại hội", "Sơ kết", "An toàn"]), max_size=2, unique=True))),
            term=draw(st.sampled_from(["2020-2025", "2015-2020", None])),
        )
        for number in range(count)
    ]


@settings(max_examples=100, deadline=None)
@given(archives(), st.integers(1, 6), st.integers(1, 8))
def test_counting_gives_what_scoring_each_pair_gives(posts: list[Post], limit: int, window: int) -> None:
    """Whole-number weights are counted (related._related_counted); the same index scored pair by pair
    (the loop for any weights) gives the same posts in the same order, ties included."""
    index = build_index(posts)
    counted = related_posts(index, limit=limit, window=window)
    with patch.object(related_module, "COUNTED_POINTS", 0):  # no weight is counted: the pair loop
        scored = related_posts(index, limit=limit, window=window)
    assert {source: names(found) for source, found in counted.items()} == {
        source: names(found) for source, found in scored.items()
    }


def test_weights_that_are_not_whole_points_are_scored() -> None:
    me = post("me", 10, tags=("Đại hội",))
    others = [post("tagged", 200, tags=("Đại hội",)), post("near", 11)]
    index = build_index([me, *others])
    assert names(related_posts(index, weights=Weights(tag=0.5, committee=1.25))[me.source]) == ["tagged", "near"]
    assert names(related_posts(index, weights=Weights(tag=0.0))[me.source]) == ["near", "tagged"]


def test_a_preview_reuses_related_posts_only_while_nothing_was_reclassified() -> None:
    """RenderMemo keeps the last build's related posts: a saved post (a new object, same
    classification) takes its old place in them; a reclassified one computes them again."""
    from dataclasses import replace

    from zoneportal.pages.model import PageSizes, RenderContext, RenderMemo
    from zoneportal.pages.urls import UrlScheme

    def related(posts: list[Post], memo: RenderMemo) -> dict[Path, list[Post]]:
        index = build_index(posts)
        return RenderContext(index, Registry(), UrlScheme(), PageSizes(), memo=memo).related

    posts = [post(f"p{n}", n % 9, tags=(f"t{n % 3}",), categories=(f"c{n % 2}",)) for n in range(30)]
    memo = RenderMemo()
    related(posts, memo)
    edited = replace(posts[4], body="Nội dung đã sửa.")
    saved = [edited if p is posts[4] else p for p in posts]
    with patch.object(related_module, "related_posts", side_effect=AssertionError("computed again")):
        kept = related(saved, memo)
    assert kept == related(saved, RenderMemo())
    assert any(edited in others for others in kept.values())  # the new object, never the old one
    assert not any(posts[4] in others for others in kept.values())
    retagged = [replace(p, tags=("the-moi",)) if p is edited else p for p in saved]
    assert related(retagged, memo) == related(retagged, RenderMemo())
    # MkDocs keeps a plugin (and its memo) from one project's build to another's in one process:
    # the same posts in another folder are other files.
    elsewhere = [replace(p, source=Path("khac") / p.source) for p in retagged]
    found = related(elsewhere, memo)
    assert found == related(elsewhere, RenderMemo())
    assert all(other.source.parts[0] == "khac" for others in found.values() for other in others)


def test_related_kept_for_another_copy_of_the_project_are_computed_anew() -> None:
    """MkDocs keeps one plugin instance (and its memo) per process: a second copy of the same posts,
    at other paths, has the same classification but none of the kept paths."""
    from dataclasses import replace

    from zoneportal.pages.model import RenderContext, RenderMemo
    from zoneportal.pages.urls import UrlScheme

    first = [post("a", 1, tags=("Đại hội",)), post("b", 2, tags=("Đại hội",)), post("c", 3)]
    copy = [replace(p, source=Path("/elsewhere") / p.source) for p in first]
    memo = RenderMemo()
    kept = RenderContext(index=build_index(first), registry=None, urls=UrlScheme(), sizes=None, today=None, memo=memo)  # type: ignore[arg-type]
    assert names(kept.related[first[0].source]) == ["b", "c"]
    again = RenderContext(index=build_index(copy), registry=None, urls=UrlScheme(), sizes=None, today=None, memo=memo)  # type: ignore[arg-type]
    assert names(again.related[copy[0].source]) == ["b", "c"]
    assert {s for others in memo.related.values() for s in others} <= {p.source for p in copy}
