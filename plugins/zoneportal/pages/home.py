"""The home page: latest posts, then the latest of each category."""

from __future__ import annotations

from collections.abc import Iterator

from ..index.taxonomy import TaxonomyName
from .listings import ordered_categories
from .model import PageKind, PageSpec, RenderContext

SECTION_SIZE = 4


def home_page(ctx: RenderContext) -> Iterator[PageSpec]:
    yield PageSpec(
        url="",
        title="Trang chủ",
        template="zp/home.html",
        kind=PageKind.HOME,
        context={
            "latest": ctx.views_of(ctx.index.posts[: ctx.sizes.home]),
            "sections": [
                (
                    category,
                    ctx.urls.category(category.key),
                    ctx.views_of(ctx.index.of(TaxonomyName.CATEGORY, category.key)[:SECTION_SIZE]),
                )
                for category in ordered_categories(ctx)
            ],
        },
    )
