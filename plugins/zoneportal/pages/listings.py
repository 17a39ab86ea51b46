"""Paginated lists of posts by category, author and tag, and their overview pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..content.registry import Category
from .model import PageKind, PageSpec, PostView, RenderContext
from .paging import paginate


def ordered_categories(ctx: RenderContext) -> list[Category]:
    return sorted(ctx.registry.categories.values(), key=lambda c: (c.order, c.name))


def category_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    rows = []
    for category in ordered_categories(ctx):
        posts = ctx.index.of("category", category.key)
        rows.append((category, ctx.urls.category(category.key), len(posts)))
        yield from listing(
            ctx,
            ctx.views_of(posts),
            lambda n, k=category.key: ctx.urls.category(k, n),
            title=category.name,
            kind=PageKind.CATEGORY,
            description=category.description,
            breadcrumbs=[("Chuyên mục", ctx.urls.categories + "/")],
        )
    yield PageSpec(
        url=ctx.urls.categories + "/",
        title="Chuyên mục",
        template="zp/categories.html",
        kind=PageKind.CATEGORIES,
        context={"rows": rows},
    )


def author_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    rows = []
    for author in sorted(ctx.registry.authors.values(), key=lambda a: a.name):
        posts = ctx.index.of("author", author.key)
        rows.append((author, ctx.urls.author(author.key), len(posts)))
        yield from listing(
            ctx,
            ctx.views_of(posts),
            lambda n, k=author.key: ctx.urls.author(k, n),
            title=f"Tác giả: {author.name}",
            kind=PageKind.AUTHOR,
            description=author.role,
            breadcrumbs=[("Tác giả", ctx.urls.authors + "/")],
        )
    yield PageSpec(
        url=ctx.urls.authors + "/",
        title="Tác giả",
        template="zp/authors.html",
        kind=PageKind.AUTHORS,
        context={"rows": rows},
    )


def tag_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    for slug in ctx.index.keys("tag"):
        yield from listing(
            ctx,
            ctx.views_of(ctx.index.of("tag", slug)),
            lambda n, s=slug: ctx.urls.tag(s, n),
            title=f"Thẻ: {ctx.index.tag_names[slug]}",
            kind=PageKind.TAG,
            description=None,
            breadcrumbs=[],
        )


def listing(
    ctx: RenderContext,
    views: list[PostView],
    url_of: Callable[[int], str],
    *,
    title: str,
    kind: PageKind,
    description: str | None,
    breadcrumbs: list[tuple[str, str]],
) -> Iterator[PageSpec]:
    for page in paginate(views, ctx.sizes.listing, url_of):
        yield PageSpec(
            url=page.url,
            title=title if page.is_first else f"{title} (trang {page.number})",
            template="zp/listing.html",
            kind=kind,
            description=description,
            context={"heading": title, "slice": page, "description": description, "breadcrumbs": breadcrumbs},
        )
