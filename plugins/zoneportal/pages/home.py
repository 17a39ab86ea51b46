"""The front page, laid out like a news portal: a lead story, a grid of the next stories, the latest
albums, one block per category, notices and quick links — and no headline twice on the page.

Each block is switched and sized in mkdocs.yml (`plugins: zoneportal: home:`, see README "Nhận diện").
Blocks claim posts in the order a reader meets them; a later block skips what an earlier one showed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content.post import Post
from ..content.registry import Category
from ..index.taxonomy import TaxonomyName
from .gallery import Album, albums_of
from .identity import IdentityError
from .listings import ordered_categories
from .model import PageKind, PageSpec, PostView, RenderContext


@dataclass(frozen=True)
class QuickLink:
    title: str
    url: str

    @property
    def external(self) -> bool:
        return self.url.startswith(("http://", "https://"))


@dataclass(frozen=True)
class HomeLayout:
    """Sizes of the front page's blocks; 0 (or false) switches a block off."""

    lead: bool = True
    grid: int = 4  # next stories, with thumbnails
    albums: int = 4  # latest albums strip
    categories: int = 4  # stories per category block: the newest with its photo, then headlines
    notices: str | None = None  # key of the category shown as "Thông báo"
    notices_size: int = 5
    quick_links: tuple[QuickLink, ...] = ()


@dataclass(frozen=True)
class CategoryBlock:
    category: Category
    url: str
    feature: PostView | None
    headlines: tuple[PostView, ...]


@dataclass(frozen=True)
class FrontPage:
    lead: PostView | None = None
    grid: tuple[PostView, ...] = ()
    albums: tuple[Album, ...] = ()
    blocks: tuple[CategoryBlock, ...] = ()
    notices: CategoryBlock | None = None
    quick_links: tuple[QuickLink, ...] = ()
    shown: tuple[str, ...] = field(default=())  # every headline on the page, in order (for tests)


SIZE_KEYS = ("grid", "albums", "categories", "notices_size")


def read_home_layout(options: Mapping[str, Any]) -> HomeLayout:
    """mkdocs.yml `home:` → HomeLayout; mistakes name the key, in Vietnamese."""
    known = {"lead", "grid", "albums", "categories", "notices", "quick_links"}
    unknown = sorted(set(options) - known)
    if unknown:
        raise IdentityError(f"mkdocs.yml: home.{unknown[0]} không phải khóa được hỗ trợ ({', '.join(sorted(known))}).")
    values: dict[str, Any] = {}
    if "lead" in options:
        values["lead"] = bool(options["lead"])
    for key in ("grid", "albums", "categories"):
        if key in options:
            values[key] = _size(options[key], f"home.{key}")
    notices = options.get("notices")
    if isinstance(notices, Mapping):
        values["notices"] = str(notices.get("category") or "") or None
        if "size" in notices:
            values["notices_size"] = _size(notices["size"], "home.notices.size")
    elif notices:
        values["notices"] = str(notices)
    links = options.get("quick_links") or []
    if not isinstance(links, list):
        raise IdentityError("mkdocs.yml: home.quick_links cần một danh sách dòng 'Tên: địa chỉ'.")
    parsed = []
    for item in links:
        if not isinstance(item, Mapping) or len(item) != 1:
            raise IdentityError(
                "mkdocs.yml: mỗi mục home.quick_links cần dạng 'Tên: địa chỉ', ví dụ 'Văn bản: van-ban/'."
            )
        ((title, url),) = item.items()
        parsed.append(
            QuickLink(str(title), str(url).strip().lstrip("/") if not str(url).startswith("http") else str(url))
        )
    values["quick_links"] = tuple(parsed)
    return HomeLayout(**values)


def _size(value: Any, key: str) -> int:
    if value is False or value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise IdentityError(f"mkdocs.yml: {key} cần một số nguyên từ 0 trở lên (0 là tắt khối này).")
    return value


def front_page(ctx: RenderContext, layout: HomeLayout) -> FrontPage:
    shown: list[PostView] = []
    used: set[str] = set()

    def claim(views: Sequence[PostView]) -> tuple[PostView, ...]:
        for view in views:
            used.add(view.url)
            shown.append(view)
        return tuple(views)

    def fresh(posts: Sequence[Post], *, limit: int, exclude: set[str] | None = None) -> list[PostView]:
        out: list[PostView] = []
        for post in posts:
            if len(out) >= limit:
                break
            view = ctx.view(post)
            if view.url in used or (exclude and post.source.as_posix() in exclude):
                continue
            out.append(view)
        return out

    categories = {c.key: c for c in ordered_categories(ctx)}
    notice_posts = ctx.index.of(TaxonomyName.CATEGORY, layout.notices) if layout.notices in categories else []
    notice_sources = {p.source.as_posix() for p in notice_posts}
    news = [p for p in ctx.index.posts if p.source.as_posix() not in notice_sources]

    lead = None
    if layout.lead and news:
        featured = [p for p in news if p.featured]
        lead_post = featured[0] if featured else news[0]  # the index is newest first
        lead = claim([ctx.view(lead_post)])[0]
    grid = claim(fresh(news, limit=layout.grid))
    albums: list[Album] = []
    if layout.albums:
        for album in albums_of(ctx):
            if len(albums) >= layout.albums:
                break
            if album.view.url not in used and album.view.post.source.as_posix() not in notice_sources:
                albums.append(album)
                claim([album.view])
    notices = None
    if layout.notices and layout.notices in categories and layout.notices_size:
        found = claim(fresh(notice_posts, limit=layout.notices_size))
        if found:
            category = categories[layout.notices]
            notices = CategoryBlock(category, ctx.urls.category(category.key), None, found)
    blocks = []
    if layout.categories:
        for category in categories.values():
            if category.key == layout.notices:
                continue
            candidates = fresh(ctx.index.of(TaxonomyName.CATEGORY, category.key), limit=len(ctx.index.posts))
            feature = next((v for v in candidates if v.thumb is not None), None)
            rest = [v for v in candidates if v is not feature][: layout.categories - (1 if feature else 0)]
            if feature is None and not rest:
                continue
            claim([feature] if feature else [])
            claim(rest)
            blocks.append(CategoryBlock(category, ctx.urls.category(category.key), feature, tuple(rest)))
    return FrontPage(
        lead=lead,
        grid=grid,
        albums=tuple(albums),
        blocks=tuple(blocks),
        notices=notices,
        quick_links=layout.quick_links,
        shown=tuple(v.title for v in shown),
    )


def home_page(ctx: RenderContext) -> Iterator[PageSpec]:
    front = front_page(ctx, ctx.home or HomeLayout())
    yield PageSpec(
        url="",
        title="Trang chủ",
        template="zp/home.html",
        kind=PageKind.HOME,
        context={"front": front, "latest": [v for v in (front.lead, *front.grid) if v is not None]},
    )
