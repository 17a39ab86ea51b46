"""What our templates get besides the page's own `zp` context: the portal's settings and the
page's head tags (SEO, sharing, feeds), for our pages and for pages written in docs/."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from markupsafe import escape
from mkdocs.structure.pages import Page

from ..output.feeds import FeedLinks
from ..output.seo import HeadTags, page_head, post_head
from ..pages import PageKind, PageSpec
from ..pages.urls import UrlScheme
from ..settings import LegalInfo, PortalSettings


@dataclass(frozen=True)
class PortalContext:
    """`portal` in every template (404.html included)."""

    legal: LegalInfo
    urls: UrlScheme
    search_url: str | None
    page_kind: PageKind | None


def portal_context(settings: PortalSettings, spec: PageSpec | None) -> PortalContext:
    return PortalContext(
        legal=settings.legal,
        urls=settings.urls,
        search_url=settings.urls.search_page() if settings.search else None,
        page_kind=spec.kind if spec else None,
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
        return post_head(settings.site, view, page.canonical_url, feeds)
    description = spec.description if spec is not None else page.meta.get("description")
    title = spec.title if spec is not None else (page.title or settings.site.name)
    head = page_head(settings.site, title=title, description=description, canonical=page.canonical_url, feeds=feeds)
    if spec is not None and spec.kind is PageKind.DOCUMENT:
        # A register entry: schema.org Legislation or DigitalDocument (pages/documents.py says which, why).
        head = dataclasses.replace(head, jsonld=spec.context["jsonld"])
    return head
