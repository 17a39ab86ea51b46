"""Render phase, without MkDocs: the indexes become page specs (URL, title, template, context).

The plugin turns each spec into a virtual file. Everything a template shows of a post is
prepared once here, in a `PostView`, and shared by every page that lists the post.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from .content.post import Post
from .content.registry import Author, Category, Committee, EventType, Registry, Term
from .index.paging import PageSlice, paginate
from .index.taxonomy import PortalIndex
from .index.urls import UrlScheme
from .vi import format_post_datetime, format_short_date, month_name, slugify


@dataclass(frozen=True)
class TagLink:
    name: str
    url: str


@dataclass(frozen=True)
class PostView:
    """A post as templates show it, with every label and link resolved."""

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


@dataclass
class PageSpec:
    url: str
    title: str
    template: str
    kind: str
    context: dict[str, Any] = field(default_factory=dict)
    markdown: str = ""
    post: Post | None = None
    description: str | None = None


@dataclass
class PortalPages:
    """Every generated page of one build, keyed by URL for the per-page lookups."""

    specs: dict[str, PageSpec]
    views: dict[str, PostView]

    def __iter__(self):
        return iter(self.specs.values())


@dataclass(frozen=True)
class PageSizes:
    listing: int = 10
    home: int = 8


def build_pages(index: PortalIndex, registry: Registry, urls: UrlScheme, sizes: PageSizes) -> PortalPages:
    views = {post.source.as_posix(): post_view(post, registry, urls) for post in index.posts}

    def view(post: Post) -> PostView:
        return views[post.source.as_posix()]

    def views_of(posts: Sequence[Post]) -> list[PostView]:
        return [view(p) for p in posts]

    specs: list[PageSpec] = []
    for post in index.posts:
        older, newer = index.older.get(post.source), index.newer.get(post.source)
        specs.append(
            PageSpec(
                url=view(post).url,
                title=post.title,
                template="zp/post.html",
                kind="post",
                markdown=post.body,
                post=post,
                description=post.summary,
                context={
                    "view": view(post),
                    "older": view(older) if older else None,
                    "newer": view(newer) if newer else None,
                },
            )
        )

    specs.append(
        PageSpec(
            url="",
            title="Trang chủ",
            template="zp/home.html",
            kind="home",
            context={
                "latest": views_of(index.posts[: sizes.home]),
                "sections": [
                    (category, urls.category(category.key), views_of(index.of("category", category.key)[:4]))
                    for category in _ordered_categories(registry)
                ],
            },
        )
    )

    category_rows = []
    for category in _ordered_categories(registry):
        posts = index.of("category", category.key)
        category_rows.append((category, urls.category(category.key), len(posts)))
        specs.extend(
            _listing(
                slices=paginate(views_of(posts), sizes.listing, lambda n, k=category.key: urls.category(k, n)),
                title=category.name,
                kind="category",
                description=category.description,
                breadcrumbs=[("Chuyên mục", urls.categories + "/")],
            )
        )
    specs.append(
        PageSpec(
            url=urls.categories + "/",
            title="Chuyên mục",
            template="zp/categories.html",
            kind="categories",
            context={"rows": category_rows},
        )
    )

    author_rows = []
    for author in sorted(registry.authors.values(), key=lambda a: a.name):
        posts = index.of("author", author.key)
        author_rows.append((author, urls.author(author.key), len(posts)))
        specs.extend(
            _listing(
                slices=paginate(views_of(posts), sizes.listing, lambda n, k=author.key: urls.author(k, n)),
                title=f"Tác giả: {author.name}",
                kind="author",
                description=author.role,
                breadcrumbs=[("Tác giả", urls.authors + "/")],
            )
        )
    specs.append(
        PageSpec(
            url=urls.authors + "/",
            title="Tác giả",
            template="zp/authors.html",
            kind="authors",
            context={"rows": author_rows},
        )
    )

    for slug in index.keys("tag"):
        posts = index.of("tag", slug)
        specs.extend(
            _listing(
                slices=paginate(views_of(posts), sizes.listing, lambda n, s=slug: urls.tag(s, n)),
                title=f"Thẻ: {index.tag_names[slug]}",
                kind="tag",
                description=None,
                breadcrumbs=[],
            )
        )

    year_rows = []
    for year_key in sorted(index.keys("year"), reverse=True):
        posts = index.of("year", year_key)
        months = [
            (month_name(month), views_of(list(group))) for month, group in groupby(posts, key=lambda p: p.date.month)
        ]
        year_rows.append((int(year_key), urls.year(int(year_key)), len(posts), [m[0] for m in months]))
        specs.append(
            PageSpec(
                url=urls.year(int(year_key)),
                title=f"Lưu trữ năm {year_key}",
                template="zp/archive-year.html",
                kind="year",
                context={
                    "year": int(year_key),
                    "months": months,
                    "count": len(posts),
                    "breadcrumbs": [("Lưu trữ", urls.archive + "/")],
                },
            )
        )
    specs.append(
        PageSpec(
            url=urls.archive + "/",
            title="Lưu trữ",
            template="zp/archive.html",
            kind="archive",
            context={"rows": year_rows, "total": len(index.posts)},
        )
    )

    return PortalPages(specs={spec.url: spec for spec in specs}, views=views)


def _listing(
    slices: list[PageSlice[PostView]],
    title: str,
    kind: str,
    description: str | None,
    breadcrumbs: list[tuple[str, str]],
) -> list[PageSpec]:
    return [
        PageSpec(
            url=page.url,
            title=title if page.is_first else f"{title} (trang {page.number})",
            template="zp/listing.html",
            kind=kind,
            description=description,
            context={"heading": title, "slice": page, "description": description, "breadcrumbs": breadcrumbs},
        )
        for page in slices
    ]


def _ordered_categories(registry: Registry) -> list[Category]:
    return sorted(registry.categories.values(), key=lambda c: (c.order, c.name))


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
    )
