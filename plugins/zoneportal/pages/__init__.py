"""Render phase, without MkDocs: indexes become page specs (URL, title, template, context).

Each page family is a function of the render context; adding a kind of page means adding a
family to `FAMILIES`, not editing the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from ..content.bulk import in_bulk
from ..content.problems import StaffError
from ..content.registry import Registry
from ..documents.catalog import DocumentCatalog
from ..index.taxonomy import PortalIndex
from ..photos.variants import PostPhotos
from .archive import archive_pages
from .committees import committee_pages, term_pages
from .describe import distinct_descriptions
from .documents import document_pages
from .gallery import gallery_pages
from .home import HomeLayout, home_page
from .listings import listing_pages
from .model import PageKind, PageSizes, PageSpec, PortalPages, PostView, RenderContext, RenderMemo
from .posts import post_pages
from .search import search_page
from .urls import UrlScheme

# Headlines in the side column's "Tin mới" (posts and listings, from about 1220 px).
SIDE_LATEST = 6

PageFamily = Callable[[RenderContext], Iterable[PageSpec]]

FAMILIES: tuple[PageFamily, ...] = (
    post_pages,
    home_page,
    listing_pages,
    archive_pages,
    committee_pages,
    term_pages,
    gallery_pages,
    search_page,
    document_pages,
)

__all__ = [
    "FAMILIES",
    "HomeLayout",
    "PageClash",
    "PageKind",
    "PageSizes",
    "PageSpec",
    "PortalPages",
    "PostView",
    "RenderContext",
    "build_pages",
]


class PageClash(StaffError):
    def __init__(self, url: str) -> None:
        super().__init__(f"hai trang sinh tự động cùng địa chỉ /{url}: kiểm tra mục urls trong mkdocs.yml.")


@in_bulk
def build_pages(
    index: PortalIndex,
    registry: Registry,
    urls: UrlScheme,
    sizes: PageSizes,
    today: date | None = None,
    photos: Mapping[str, PostPhotos] | None = None,
    memo: RenderMemo | None = None,
    home: HomeLayout | None = None,
    documents: DocumentCatalog | None = None,
) -> PortalPages:
    ctx = RenderContext(
        index=index,
        registry=registry,
        urls=urls,
        sizes=sizes,
        today=today or date.today(),
        photos=photos or {},
        memo=memo or RenderMemo(),
        home=home,
        documents=documents or DocumentCatalog(),
    )
    specs: dict[str, PageSpec] = {}
    for family in FAMILIES:
        for spec in family(ctx):
            if spec.url in specs:
                raise PageClash(spec.url)
            specs[spec.url] = spec
    distinct_descriptions(specs.values())
    newest = index.posts[0].date.date() if index.posts else None
    latest = ctx.views_of(index.posts[:SIDE_LATEST])
    return PortalPages(specs=specs, views=ctx.views, newest_date=newest, latest=latest)
