"""Indexes of published posts, built in one pass from declared taxonomies.

Each taxonomy only says how it classifies a post; `build_index` files every post under every
key of every taxonomy at once, so no page ever scans the list of posts again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from pathlib import Path

from ..content.post import Post
from ..vi import now_in_vietnam, slugify
from .schedule import split_schedule


@dataclass(frozen=True)
class Taxonomy:
    name: str
    keys_of: Callable[[Post], Iterable[str]]


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy("category", lambda post: post.categories),
    Taxonomy("committee", lambda post: (post.committee,)),
    Taxonomy("author", lambda post: (post.author,)),
    Taxonomy("year", lambda post: (str(post.date.year),)),
    Taxonomy("tag", lambda post: (slugify(tag) for tag in post.tags)),
    Taxonomy("term", lambda post: (f"{post.committee}/{post.term}",) if post.term else ()),
)


@dataclass
class PortalIndex:
    """Published posts, newest first, and every list a page needs, keyed for dictionary lookups."""

    posts: list[Post]
    by: dict[str, dict[str, list[Post]]] = field(default_factory=dict)
    tag_names: dict[str, str] = field(default_factory=dict)
    older: dict[Path, Post] = field(default_factory=dict)
    newer: dict[Path, Post] = field(default_factory=dict)

    def of(self, taxonomy: str, key: str) -> list[Post]:
        return self.by.get(taxonomy, {}).get(key, [])

    def keys(self, taxonomy: str) -> list[str]:
        return list(self.by.get(taxonomy, {}))


def build_index(posts: Iterable[Post], include_drafts: bool = False, now: datetime | None = None) -> PortalIndex:
    """Posts that are published at `now` (default: the build's clock, see `now_in_vietnam`): not drafts
    (unless asked) and not scheduled for later."""
    due = split_schedule(posts, now or now_in_vietnam()).due
    published = sorted((p for p in due if include_drafts or not p.draft), key=lambda p: p.sort_key, reverse=True)
    index = PortalIndex(posts=published, by={t.name: {} for t in TAXONOMIES})
    for post in published:
        for taxonomy in TAXONOMIES:
            bucket = index.by[taxonomy.name]
            for key in taxonomy.keys_of(post):
                bucket.setdefault(key, []).append(post)
        for tag in post.tags:
            index.tag_names.setdefault(slugify(tag), tag)
    for newer, older in pairwise(published):
        index.older[newer.source] = older
        index.newer[older.source] = newer
    return index
