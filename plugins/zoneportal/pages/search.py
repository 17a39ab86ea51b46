"""The search page: the form, its filters (category, committee, term, year) and the result list.

Results come from the Pagefind index in the browser; this page only lists what can be filtered, so
the browser never has to load every filter to draw the form."""

from __future__ import annotations

from collections.abc import Iterator

from ..output.seo import script_json
from .listings import ordered_categories
from .model import PageKind, PageSpec, RenderContext


def search_page(ctx: RenderContext) -> Iterator[PageSpec]:
    committees = sorted(ctx.registry.committees.values(), key=lambda c: (c.order, c.name))
    terms = sorted({key.split("/", 1)[1] for key in ctx.index.keys("term")}, reverse=True)
    years = sorted(ctx.index.keys("year"), reverse=True)
    filters = [
        ("category", "Chuyên mục", [(c.key, c.name) for c in ordered_categories(ctx)]),
        ("committee", "Tổ chức", [(c.key, c.short_name or c.name) for c in committees]),
        ("term", "Nhiệm kỳ", [(t, f"Nhiệm kỳ {t}") for t in terms]),
        ("year", "Năm", [(y, y) for y in years]),
    ]
    # Where every post of one filter value is listed already: a search with filters and no words
    # links there instead of asking the index for everything (Pagefind 1.5 would fetch every chunk).
    pages = {
        "category": {c.key: ctx.urls.category(c.key) for c in ctx.registry.categories.values()},
        "committee": {c.key: ctx.urls.committee(c.key) for c in committees},
        "year": {y: ctx.urls.year(int(y)) for y in years},
    }
    names = {
        name: {key: {"name": text, "url": pages.get(name, {}).get(key)} for key, text in options}
        for name, _, options in filters
    }
    for year in years:
        names["year"][year]["name"] = f"Năm {year}"
    yield PageSpec(
        url=ctx.urls.search_page(),
        title="Tìm kiếm",
        template="zp/search.html",
        kind=PageKind.SEARCH,
        description="Tìm bài viết theo từ khóa, chuyên mục, tổ chức, nhiệm kỳ và năm.",
        context={"filters": filters, "names_json": script_json(names)},
    )
