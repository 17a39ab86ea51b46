"""What the render phase produces: page specs, and the post views that templates show."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ..content.post import Post
from ..content.registry import Author, Category, Committee, EventType, Registry, Term
from ..index.taxonomy import PortalIndex
from ..index.timeline import TimelineIndex, build_timelines
from ..index.urls import UrlScheme
from ..vi import format_post_datetime, format_short_date, slugify


@dataclass(frozen=True)
class TagLink:
    name: str
    url: str


@dataclass(frozen=True)
class PostView:
    """A post as templates show it, every label and link resolved once per build."""

    post: Post
    url: str
    title: str
    date_iso: str
    date_label: str
    date_short: str
    summary: str
    author: Author
    committee: Committee
    term: Term | None
    categories: tuple[Category, ...]
    tags: tuple[TagLink, ...]
    event: EventType | None
    cover_url: str | None
    committee_url: str
    timeline_url: str | None


@dataclass
class PageSpec:
    """One generated page: the plugin turns it into a virtual file at `url`."""

    url: str
    title: str
    template: str
    kind: str
    context: dict[str, Any] = field(default_factory=dict)
    markdown: str = ""
    post: Post | None = None
    description: str | None = None


@dataclass(frozen=True)
class PageSizes:
    listing: int = 10
    home: int = 8


@dataclass
class RenderContext:
    """Everything a page family needs; views are shared by every page that lists a post."""

    index: PortalIndex
    registry: Registry
    urls: UrlScheme
    sizes: PageSizes
    today: date = field(default_factory=date.today)
    views: dict[str, PostView] = field(default_factory=dict)

    @cached_property
    def timelines(self) -> TimelineIndex:
        return build_timelines(self.registry, self.index.by.get("term", {}), self.today)

    def view(self, post: Post) -> PostView:
        key = post.source.as_posix()
        found = self.views.get(key)
        if found is None:
            found = self.views[key] = post_view(post, self.registry, self.urls)
        return found

    def views_of(self, posts: Sequence[Post]) -> list[PostView]:
        return [self.view(p) for p in posts]


@dataclass
class PortalPages:
    """Every generated page of one build, keyed by URL for per-page lookups."""

    specs: dict[str, PageSpec]
    views: dict[str, PostView]
    newest_date: date | None = None

    def __iter__(self) -> Iterator[PageSpec]:
        return iter(self.specs.values())


def post_view(post: Post, registry: Registry, urls: UrlScheme) -> PostView:
    committee = registry.committees[post.committee]
    url = urls.post(post)
    return PostView(
        post=post,
        url=url,
        title=post.title,
        date_iso=post.date.isoformat(),
        date_label=format_post_datetime(post.date, post.has_time),
        date_short=format_short_date(post.date),
        summary=post.summary,
        author=registry.authors[post.author],
        committee=committee,
        term=committee.term(post.term) if post.term else None,
        categories=tuple(registry.categories[key] for key in post.categories),
        tags=tuple(TagLink(tag, urls.tag(slugify(tag))) for tag in post.tags),
        event=registry.events.get(post.event) if post.event else None,
        cover_url=f"{url}{post.cover.src}" if post.cover else None,
        committee_url=urls.committee(post.committee),
        timeline_url=f"{urls.term(post.committee, post.term)}#{timeline_anchor(post)}" if post.term else None,
    )


def timeline_anchor(post: Post) -> str:
    """Slugs are unique within a month only, so the anchor carries the month too."""
    return f"bai-{post.date:%Y-%m}-{post.slug}"
