"""The archive: an overview of years, and one page per year grouped by month."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from ..vi import month_name
from .model import PageKind, PageSpec, RenderContext
from .taxonomies import YEAR


def archive_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    rows = []
    for classification in YEAR.classifications(ctx.registry, ctx.index):
        year, url = int(classification.key), YEAR.url(ctx.urls, classification.key, 1)
        posts = ctx.index.of(YEAR.taxonomy, classification.key)
        by_month = groupby(posts, key=lambda p: p.date.month)
        months = [(month_name(month), ctx.views_of(list(group))) for month, group in by_month]
        rows.append((year, url, len(posts), [label for label, _ in months]))
        yield PageSpec(
            url=url,
            title=YEAR.heading(classification),
            template="zp/archive-year.html",
            kind=YEAR.kind,
            context={
                "year": year,
                "months": months,
                "count": len(posts),
                "breadcrumbs": [("Lưu trữ", ctx.urls.archive + "/")],
            },
        )
    yield PageSpec(
        url=ctx.urls.archive + "/",
        title="Lưu trữ",
        template="zp/archive.html",
        kind=PageKind.ARCHIVE,
        context={"rows": rows, "total": len(ctx.index.posts)},
    )
