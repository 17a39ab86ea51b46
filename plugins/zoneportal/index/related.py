"""Related posts ("Bài viết liên quan"), computed once per build for every post.

Candidates come from the taxonomy buckets a post is filed in (its committee, term, categories and
tags), and only from the posts nearest to it in time within each bucket: buckets are sorted newest
first, so a post's neighbours in a bucket are the posts closest to it in date. The work is bounded
by posts × buckets × window, not by posts², so an archive of 10 000 posts costs seconds, not hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..content.post import Post
from .taxonomy import PortalIndex

LIMIT = 5
# Neighbours looked at on each side of a post in each of its buckets.
WINDOW = 40


@dataclass(frozen=True)
class Weights:
    """Points for what two posts share."""

    committee: float = 2.0
    term: float = 2.0
    category: float = 1.0
    tag: float = 3.0


def related_posts(
    index: PortalIndex, limit: int = LIMIT, window: int = WINDOW, weights: Weights = Weights()
) -> dict[Path, list[Post]]:
    """For each published post (by source path), up to `limit` others, best first: the most shared
    committee, term, categories and tags; then the nearest in time; then the newer. Never the post
    itself, never a post that shares nothing."""
    buckets: list[tuple[str, list[Post]]] = []
    for taxonomy in ("committee", "term", "category", "tag"):
        buckets.extend((taxonomy, posts) for posts in index.by.get(taxonomy, {}).values() if len(posts) > 1)
    # Where each post sits in each of its buckets, found in one pass over all buckets.
    positions: dict[Path, list[tuple[int, int]]] = {}
    for number, (_, posts) in enumerate(buckets):
        for place, post in enumerate(posts):
            positions.setdefault(post.source, []).append((number, place))

    related: dict[Path, list[Post]] = {}
    for post in index.posts:
        scores: dict[Path, float] = {}
        found: dict[Path, Post] = {}
        for number, place in positions.get(post.source, ()):
            taxonomy, posts = buckets[number]
            points = getattr(weights, taxonomy)
            for other in _around(posts, place, window):
                scores[other.source] = scores.get(other.source, 0.0) + points
                found[other.source] = other
        ranked = sorted(
            found.values(),
            key=lambda other: (
                -scores[other.source],
                abs((other.date - post.date).total_seconds()),
                -other.date.timestamp(),
            ),
        )
        related[post.source] = ranked[:limit]
    return related


def _around(posts: list[Post], place: int, window: int) -> Iterable[Post]:
    yield from posts[max(0, place - window) : place]
    yield from posts[place + 1 : place + 1 + window]
