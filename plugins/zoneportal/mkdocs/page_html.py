"""The HTML MkDocs made of a page's Markdown, as the portal shows it: post bodies sanitised, then
their photos rewritten; Mermaid blocks elsewhere left as code (Material would fetch mermaid.js from
a CDN)."""

from __future__ import annotations

from markupsafe import Markup

from ..pages import PageSpec
from ..pages.body_html import BodyPolicy, clean_body_html, without_mermaid
from ..settings import PortalSettings
from .photos import rewrite_post_body


def page_html(html: str, spec: PageSpec | None, settings: PortalSettings, page_url: str) -> str:
    if spec is None:  # a page written in docs/
        return without_mermaid(html)
    view = spec.view
    if view is not None:
        # Sanitised before our own photo markup is added, so that markup is never filtered.
        html = clean_body_html(html, BodyPolicy(frozenset(settings.iframe_hosts)))
        if view.photos:
            html = rewrite_post_body(html, view.photos, view.url, page_url)
    else:
        html = without_mermaid(html)
    return Markup(html)  # our templates autoescape: the page's HTML is printed as HTML
