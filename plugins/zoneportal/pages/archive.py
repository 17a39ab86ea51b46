"""The archive: an overview of years, and one page per year grouped by month."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from ..vi import month_name
from .model import PageKind, PageSpec, RenderContext


def archive_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    rows = []
    for year_key in sorted(ctx.index.keys("year"), reverse=True):
        year = int(year_key)
        posts = ctx.index.of("year", year_key)
        by_month = groupby(posts, key=lambda p: p.date.month)
        months = [(month_name(month), ctx.views_of(list(group))) for month, group in by_month]
        rows.append((year, ctx.urls.year(year), len(posts), [label for label, _ in months]))
        yield PageSpec(
            url=ctx.urls.year(year),
            title=f"Lưu trữ năm {year}",
            template="zp/archive-year.html",
            kind=PageKind.YEAR,
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
