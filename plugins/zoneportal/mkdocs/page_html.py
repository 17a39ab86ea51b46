"""The HTML MkDocs made of a page's Markdown, as the portal shows it: post (and register entry)
bodies sanitised, then their photos rewritten and their attachments and documents listed; Mermaid
blocks elsewhere left as code (Material would fetch mermaid.js from a CDN)."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from ..documents.catalog import DocumentCatalog
from ..pages import PageKind, PageSpec
from ..pages.body_html import BodyPolicy, clean_body_html, without_mermaid
from ..settings import PortalSettings
from .documents import article_extras
from .photos import rewrite_post_body


def page_html(
    html: str,
    spec: PageSpec | None,
    settings: PortalSettings,
    page_url: str,
    documents: DocumentCatalog | None = None,
    env: Environment | None = None,
) -> str:
    """`documents` and `env` (the theme's templates): an article gets its "Văn bản liên quan" and
    "Tệp đính kèm" appended, after sanitising, like its photos."""
    if spec is None:  # a page written in docs/
        return without_mermaid(html)
    view = spec.view
    if view is not None or spec.kind is PageKind.DOCUMENT:  # staff-written bodies: posts, register entries
        # Sanitised before our own photo markup is added, so that markup is never filtered.
        html = clean_body_html(html, BodyPolicy(frozenset(settings.iframe_hosts)))
        if view is not None and view.photos:
            html = rewrite_post_body(html, view.photos, view.url, page_url)
        if documents is not None and env is not None:
            html += article_extras(env, spec, documents)
    else:
        html = without_mermaid(html)
    return Markup(html)  # our templates autoescape: the page's HTML is printed as HTML
