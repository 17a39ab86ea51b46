"""The search page: the form, its filters (every declared taxonomy with a search filter) and the result list.

Results come from the Pagefind index in the browser; this page only lists what can be filtered, so
the browser never has to load every filter to draw the form."""

from __future__ import annotations

from collections.abc import Iterator

from ..output.seo import script_json
from .model import PageKind, PageSpec, RenderContext
from .taxonomies import DECLARED


def search_page(ctx: RenderContext) -> Iterator[PageSpec]:
    filters = []
    # Option → its name in the summary of a search, and the page where every post of it is listed
    # already: a search with filters and no words links there instead of asking the index for
    # everything (Pagefind 1.5 would fetch every chunk).
    names: dict[str, dict[str, dict[str, str | None]]] = {}
    for declared in DECLARED:
        if declared.search is None:
            continue
        options = declared.search.options(ctx.registry, ctx.index, ctx.urls)
        filters.append((declared.taxonomy.value, declared.search.label, [(o.value, o.label) for o in options]))
        names[declared.taxonomy.value] = {o.value: {"name": o.name, "url": o.url} for o in options}
    yield PageSpec(
        url=ctx.urls.search_page(),
        title="Tìm kiếm",
        template="zp/search.html",
        kind=PageKind.SEARCH,
        description="Tìm bài viết theo từ khóa, chuyên mục, tổ chức, nhiệm kỳ và năm.",
        context={"filters": filters, "names_json": script_json(names)},
    )
