"""The photo gallery: an album page per post with photos, and `/thu-vien-anh/`, newest first.

The index is filtered statically, one paginated list per year and per committee
(`/thu-vien-anh/nam/2023/`, `/thu-vien-anh/to-chuc/<khóa>/`): plain links that work with a keyboard,
without JavaScript, and cost one small page each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..content.registry import display_order
from ..photos.variants import PublishedPhoto
from .model import PageKind, PageSpec, PostView, RenderContext
from .paging import paginate

GALLERY_TITLE = "Thư viện ảnh"


@dataclass(frozen=True)
class Album:
    view: PostView
    url: str
    photos: tuple[PublishedPhoto, ...]

    @property
    def cover(self) -> PublishedPhoto:
        return self.photos[0]

    @property
    def count(self) -> int:
        return len(self.photos)

    @property
    def year(self) -> int:
        return self.view.post.date.year


@dataclass(frozen=True)
class FilterLink:
    label: str
    url: str
    count: int
    active: bool


def albums_of(ctx: RenderContext) -> list[Album]:
    """Albums newest first, in the order of the index (posts are already sorted)."""
    albums = []
    for post in ctx.index.posts:
        view = ctx.view(post)
        if view.photos and view.album_url:
            albums.append(Album(view=view, url=view.album_url, photos=view.photos.album))
    return albums


def gallery_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    albums = albums_of(ctx)
    crumbs = [(GALLERY_TITLE, ctx.urls.albums())]
    for album in albums:
        yield PageSpec(
            url=album.url,
            title=f"Ảnh: {album.view.title}",
            template="zp/album.html",
            kind=PageKind.ALBUM,
            description=f"{album.count} ảnh: {album.view.title}",
            context={"album": album, "breadcrumbs": crumbs},
        )

    years = sorted({a.year for a in albums}, reverse=True)
    committees = sorted({a.view.committee.key: a.view.committee for a in albums}.values(), key=display_order)

    def filters(active: str) -> dict[str, list[FilterLink]]:
        return {
            "years": [
                FilterLink("Tất cả", ctx.urls.albums(), len(albums), active == "all"),
                *(
                    FilterLink(str(y), ctx.urls.albums_of_year(y), sum(a.year == y for a in albums), active == f"y{y}")
                    for y in years
                ),
            ],
            "committees": [
                FilterLink(
                    c.short_name or c.name,
                    ctx.urls.albums_of_committee(c.key),
                    sum(a.view.committee.key == c.key for a in albums),
                    active == f"c{c.key}",
                )
                for c in committees
            ],
        }

    yield from _listing(
        ctx, albums, ctx.urls.albums, GALLERY_TITLE, (PageKind.GALLERY, PageKind.GALLERY_PAGE), filters("all"), []
    )
    for year in years:
        yield from _listing(
            ctx,
            [a for a in albums if a.year == year],
            lambda n, y=year: ctx.urls.albums_of_year(y, n),
            f"{GALLERY_TITLE} năm {year}",
            (PageKind.GALLERY_YEAR, PageKind.GALLERY_YEAR_PAGE),
            filters(f"y{year}"),
            crumbs,
        )
    for committee in committees:
        yield from _listing(
            ctx,
            [a for a in albums if a.view.committee.key == committee.key],
            lambda n, k=committee.key: ctx.urls.albums_of_committee(k, n),
            f"{GALLERY_TITLE}: {committee.short_name or committee.name}",
            (PageKind.GALLERY_COMMITTEE, PageKind.GALLERY_COMMITTEE_PAGE),
            filters(f"c{committee.key}"),
            crumbs,
        )


def _listing(
    ctx: RenderContext,
    albums: list[Album],
    url_of: Callable[[int], str],
    heading: str,
    kinds: tuple[PageKind, PageKind],  # of the first page, of the pages after it
    filters: dict[str, list[FilterLink]],
    breadcrumbs: list[tuple[str, str]],
) -> Iterator[PageSpec]:
    for page in paginate(albums, ctx.sizes.gallery, url_of):
        first = page.is_first
        yield PageSpec(
            url=page.url,
            title=heading if first else f"{heading} (trang {page.number})",
            template="zp/gallery.html",
            kind=kinds[0] if first else kinds[1],
            description="Ảnh các hội nghị, đại hội và hoạt động, mới nhất trước.",
            context={"heading": heading, "slice": page, "filters": filters, "breadcrumbs": breadcrumbs},
        )
