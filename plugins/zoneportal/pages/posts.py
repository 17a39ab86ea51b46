"""Article pages: one per published post, with its older and newer neighbours and related posts."""

from __future__ import annotations

from collections.abc import Iterator

from ..index.taxonomy import TaxonomyName
from .model import PageKind, PageSpec, RenderContext

MORE_IN_CATEGORY = 5


def post_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    related = ctx.related
    for post in ctx.index.posts:
        category = post.categories[0]
        older, newer = ctx.index.older.get(post.source), ctx.index.newer.get(post.source)
        view = ctx.view(post)
        yield PageSpec(
            url=view.url,
            title=post.title,
            template="zp/post.html",
            kind=PageKind.POST,
            markdown=post.body,
            view=view,
            description=post.summary,
            context={
                "view": view,
                "older": ctx.view(older) if older else None,
                "newer": ctx.view(newer) if newer else None,
                "related": ctx.views_of(related.get(post.source, [])),
                # The side column's "Cùng chuyên mục" (from about 1220 px wide).
                "more_in_category": ctx.views_of(
                    [p for p in ctx.index.of(TaxonomyName.CATEGORY, category)[: MORE_IN_CATEGORY + 1] if p is not post][
                        :MORE_IN_CATEGORY
                    ]
                ),
            },
        )
