"""Paginated lists of posts for every taxonomy declared `listed` (categories, authors, tags), and
their overview pages: one renderer, the differences are in pages/taxonomies.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..content.registry import Category, Registry, display_order
from .model import PageKind, PageSpec, PostView, RenderContext
from .paging import paginate
from .taxonomies import DECLARED, DeclaredTaxonomy


def ordered_categories(ctx: RenderContext) -> list[Category]:
    return ordered_categories_of(ctx.registry)


def ordered_categories_of(registry: Registry) -> list[Category]:
    return sorted(registry.categories.values(), key=display_order)


def listing_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    for declared in DECLARED:
        if declared.listed:
            yield from taxonomy_pages(ctx, declared)


def taxonomy_pages(ctx: RenderContext, declared: DeclaredTaxonomy) -> Iterator[PageSpec]:
    """Each classification's list of posts, then the overview page that counts them."""
    overview = declared.overview
    breadcrumbs = [(overview.title, overview.url(ctx.urls))] if overview else []
    rows = []
    for classification in declared.classifications(ctx.registry, ctx.index):
        posts = ctx.index.of(declared.taxonomy, classification.key)
        rows.append((classification.record, declared.url(ctx.urls, classification.key, 1), len(posts)))
        yield from listing(
            ctx,
            ctx.views_of(posts),
            lambda n, k=classification.key: declared.url(ctx.urls, k, n),
            title=declared.heading(classification),
            kind=declared.kind,
            description=classification.description,
            breadcrumbs=breadcrumbs,
        )
    if overview:
        yield PageSpec(
            url=overview.url(ctx.urls),
            title=overview.title,
            template=overview.template,
            kind=overview.kind,
            context={"rows": rows},
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
