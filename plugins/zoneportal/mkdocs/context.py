"""What our templates get besides the page's own `zp` context: the portal's settings and the
page's head tags (SEO, sharing, feeds), for our pages and for pages written in docs/."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from markupsafe import escape
from mkdocs.structure.pages import Page

from ..output.assets import PORTAL_CSS, PORTAL_JS, PRINT_CSS
from ..output.feeds import FeedLinks
from ..output.icons import SiteIcons
from ..output.seo import HeadTags, home_head, page_head, post_head
from ..pages import PageKind, PageSpec
from ..pages.identity import Identity, MenuEntry
from ..pages.model import PostView
from ..pages.urls import UrlScheme
from ..settings import LegalInfo, PortalSettings
from .look import PortalLook


@dataclass(frozen=True)
class PortalContext:
    """`portal` in every template (404.html included)."""

    legal: LegalInfo
    urls: UrlScheme
    search_url: str | None
    page_kind: PageKind | None
    identity: Identity | None = None
    icons: SiteIcons | None = None
    menu: tuple[MenuEntry, ...] = ()
    # The side column's "Tin mới".
    latest: tuple[PostView, ...] = ()
    css: str = PORTAL_CSS
    js: str = PORTAL_JS
    print_css: str = PRINT_CSS


def portal_context(settings: PortalSettings, spec: PageSpec | None, look: PortalLook | None = None) -> PortalContext:
    look = look or PortalLook()
    return PortalContext(
        legal=settings.legal,
        urls=settings.urls,
        search_url=settings.urls.search_page() if settings.search else None,
        page_kind=spec.kind if spec else None,
        identity=settings.identity,
        icons=look.icons,
        menu=tuple(look.menu),
        latest=tuple(look.latest),
    )


def set_page_meta(page: Page, spec: PageSpec) -> None:
    """A generated page's title, template and description, where MkDocs and Material look for them."""
    # Material prints page.meta.title unescaped: hand it escaped text.
    page.meta["title"] = escape(spec.title)
    page.meta.setdefault("template", spec.template)
    if spec.description:
        page.meta["description"] = escape(spec.description)


def head_tags(settings: PortalSettings, feed_links: FeedLinks, spec: PageSpec | None, page: Page) -> HeadTags:
    view = spec.view if spec is not None else None
    feeds = feed_links.for_page(page.url, view)
    if view is not None:
        author = settings.urls.author(view.author.key)
        return post_head(settings.site, view, page.canonical_url, feeds, author)
    if spec is not None and spec.kind is PageKind.HOME:
        search = settings.urls.search_page() if settings.search else None
        site = settings.site
        return home_head(site, title=site.name, canonical=page.canonical_url, feeds=feeds, search_url=search)
    description = spec.description if spec is not None else page.meta.get("description")
    title = spec.title if spec is not None else (page.title or settings.site.name)
    head = page_head(settings.site, title=title, description=description, canonical=page.canonical_url, feeds=feeds)
    if spec is not None and spec.kind is PageKind.DOCUMENT:
        # A register entry: schema.org Legislation or DigitalDocument (pages/documents.py says which, why).
        head = dataclasses.replace(head, jsonld=spec.context["jsonld"])
    return head
