"""Indexes of published posts, built in one pass from declared taxonomies.

Each taxonomy only says how it classifies a post; `build_index` files every post under every
key of every taxonomy at once, so no page ever scans the list of posts again. What readers see of
a taxonomy (its URL, titles, template, feed, search filter) is declared in `pages/taxonomies.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from itertools import pairwise
from pathlib import Path

from ..content.post import Post
from ..vi import now_in_vietnam, slugify
from .schedule import split_schedule


class TaxonomyName(StrEnum):
    """The ways posts are classified; also the names of the search filters (`data-pagefind-filter`)."""

    CATEGORY = "category"
    COMMITTEE = "committee"
    AUTHOR = "author"
    YEAR = "year"
    TAG = "tag"
    TERM = "term"


@dataclass(frozen=True)
class Taxonomy:
    name: TaxonomyName
    # The keys a post is filed under (none, one or several).
    keys_of: Callable[[Post], Iterable[str]]
    # The values a search filter gives a post, where they are not its keys (a term's key carries
    # its committee, "ban-chap-hanh/2020-2025", the filter offers "2020-2025" across committees).
    filter_values_of: Callable[[Post], Iterable[str]] | None = None

    def filter_values(self, post: Post) -> list[str]:
        return list((self.filter_values_of or self.keys_of)(post))


TAXONOMIES: dict[TaxonomyName, Taxonomy] = {
    taxonomy.name: taxonomy
    for taxonomy in (
        Taxonomy(TaxonomyName.CATEGORY, lambda post: post.categories),
        Taxonomy(TaxonomyName.COMMITTEE, lambda post: (post.committee,)),
        Taxonomy(TaxonomyName.AUTHOR, lambda post: (post.author,)),
        Taxonomy(TaxonomyName.YEAR, lambda post: (str(post.date.year),)),
        Taxonomy(TaxonomyName.TAG, lambda post: (slugify(tag) for tag in post.tags)),
        Taxonomy(
            TaxonomyName.TERM,
            lambda post: (f"{post.committee}/{post.term}",) if post.term else (),
            filter_values_of=lambda post: (post.term,) if post.term else (),
        ),
    )
}


@dataclass
class PortalIndex:
    """Published posts, newest first, and every list a page needs, keyed for dictionary lookups."""

    posts: list[Post]
    by: dict[TaxonomyName, dict[str, list[Post]]] = field(default_factory=dict)
    tag_names: dict[str, str] = field(default_factory=dict)
    older: dict[Path, Post] = field(default_factory=dict)
    newer: dict[Path, Post] = field(default_factory=dict)

    def of(self, taxonomy: TaxonomyName, key: str) -> list[Post]:
        return self.by.get(taxonomy, {}).get(key, [])

    def keys(self, taxonomy: TaxonomyName) -> list[str]:
        return list(self.by.get(taxonomy, {}))


def build_index(posts: Iterable[Post], include_drafts: bool = False, now: datetime | None = None) -> PortalIndex:
    """Posts that are published at `now` (default: the build's clock, see `now_in_vietnam`): not drafts
    (unless asked) and not scheduled for later."""
    due = split_schedule(posts, now or now_in_vietnam()).due
    published = sorted((p for p in due if include_drafts or not p.draft), key=lambda p: p.sort_key, reverse=True)
    index = PortalIndex(posts=published, by={name: {} for name in TAXONOMIES})
    for post in published:
        for taxonomy in TAXONOMIES.values():
            bucket = index.by[taxonomy.name]
            for key in taxonomy.keys_of(post):
                bucket.setdefault(key, []).append(post)
        for tag in post.tags:
            index.tag_names.setdefault(slugify(tag), tag)
    for newer, older in pairwise(published):
        index.older[newer.source] = older
        index.newer[older.source] = newer
    return index
