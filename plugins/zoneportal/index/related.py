"""Related posts ("Bài viết liên quan"), computed once per build for every post.

Candidates come from the taxonomy buckets a post is filed in (its committee, term, categories and
tags), and only from the posts nearest to it in time within each bucket: buckets are sorted newest
first, so a post's neighbours in a bucket are the posts closest to it in date. The work is bounded
by posts × buckets × window, not by posts², so an archive of 10 000 posts costs seconds, not hours.
"""

from __future__ import annotations

import hashlib
import heapq
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby, pairwise
from operator import itemgetter
from pathlib import Path

from ..content.post import Post
from .taxonomy import PortalIndex, TaxonomyName

LIMIT = 5
# Neighbours looked at on each side of a post in each of its buckets.
WINDOW = 25
# Weights up to this many points are counted (_related_counted): a neighbour is listed once a point.
COUNTED_POINTS = 16


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
    posts = index.posts
    number = {id(post): n for n, post in enumerate(posts)}  # by identity: hashing paths was a tenth of the work
    stamps = [post.date.timestamp() for post in posts]
    # Each bucket as post numbers (newest first), with the points it gives; and where every post
    # sits in each of its buckets, found in one pass over all buckets.
    buckets: list[tuple[float, list[int]]] = []
    places: list[list[tuple[int, int]]] = [[] for _ in posts]
    for taxonomy in (TaxonomyName.COMMITTEE, TaxonomyName.TERM, TaxonomyName.CATEGORY, TaxonomyName.TAG):
        points = getattr(weights, taxonomy.value)
        for bucket in index.by.get(taxonomy, {}).values():
            if len(bucket) < 2:
                continue
            members = [number[id(post)] for post in bucket]
            for place, member in enumerate(members):
                places[member].append((len(buckets), place))
            buckets.append((points, members))

    counted = all(float(points).is_integer() and 1 <= points <= COUNTED_POINTS for points, _ in buckets)
    if counted and _newest_first(stamps):
        return _related_counted(posts, stamps, buckets, places, limit, window)
    related: dict[Path, list[Post]] = {}
    for me, post in enumerate(posts):
        scores: dict[int, float] = {}
        for bucket_number, place in places[me]:
            points, members = buckets[bucket_number]
            for other in _around(members, place, window):
                scores[other] = scores.get(other, 0.0) + points
        when = stamps[me]
        best = heapq.nsmallest(
            limit, scores, key=lambda other: (-scores[other], abs(stamps[other] - when), -stamps[other])
        )
        related[post.source] = [posts[other] for other in best]
    return related


def _related_counted(
    posts: list[Post],
    stamps: list[float],
    buckets: list[tuple[float, list[int]]],
    places: list[list[tuple[int, int]]],
    limit: int,
    window: int,
) -> dict[Path, list[Post]]:
    """The loop above, when every weight is a whole number of points: a post's score is then how
    often it appears among the neighbours with each bucket's neighbours repeated `points` times,
    counted in C (Counter), and only the few candidates that can be among the best are ranked by
    time. Same result, ties included: Counter keeps the order candidates were first met, and every
    step below is a stable sort or selection of that order (at 10 000 posts, ~4× faster)."""
    related: dict[Path, list[Post]] = {}
    for me, post in enumerate(posts):
        candidates: list[int] = []
        for bucket_number, place in places[me]:
            points, members = buckets[bucket_number]
            near = members[max(0, place - window) : place] + members[place + 1 : place + 1 + window]
            candidates.extend(near * int(points))
        ranked = sorted(Counter(candidates).items(), key=itemgetter(1), reverse=True)  # stable
        best: list[int] = []
        for _score, scored in groupby(ranked, key=itemgetter(1)):
            need = limit - len(best)
            if need <= 0:
                break
            best.extend(_nearest([other for other, _ in scored], need, stamps, me))
        related[post.source] = [posts[other] for other in best]
    return related


def _nearest(group: list[int], need: int, stamps: list[float], me: int) -> list[int]:
    """The `need` posts of `group` (equal scores, in the order first met) nearest to post `me` in
    time, then newer, then first met. Posts are numbered newest first, so the nearest lie next to
    `me` in number on either side: only `need` a side (and whoever shares the last one's time)
    can be among them; the rest are never looked at."""
    when = stamps[me]
    if len(group) > 2 * need:
        ordered = sorted(group)
        split = bisect_left(ordered, me)
        newer, older = split - need, split + need  # ordered[newer:split] and ordered[split:older]
        while newer > 0 and stamps[ordered[newer - 1]] == stamps[ordered[newer]]:
            newer -= 1
        while split < older < len(ordered) and stamps[ordered[older]] == stamps[ordered[older - 1]]:
            older += 1
        kept = set(ordered[max(0, newer) : older])
        group = [other for other in group if other in kept]
    return heapq.nsmallest(need, group, key=lambda other: (abs(stamps[other] - when), -stamps[other]))


def _newest_first(stamps: list[float]) -> bool:
    return all(newer >= older for newer, older in pairwise(stamps))


def classification_signature(posts: Iterable[Post]) -> str:
    """What related posts are computed from (the same in every process: the result is kept on disk
    between builds). A post whose text alone changed leaves it as it was."""
    classified = [(p.shown, p.date.isoformat(), p.committee, p.term, p.categories, p.tags) for p in posts]
    return hashlib.blake2b(repr(classified).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def _around(members: list[int], place: int, window: int) -> Iterable[int]:
    yield from members[max(0, place - window) : place]
    yield from members[place + 1 : place + 1 + window]
