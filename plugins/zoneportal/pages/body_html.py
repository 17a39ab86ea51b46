"""Post bodies as HTML the site can trust: what Markdown made of staff text, cleaned by nh3.

Staff are trusted, but imported text, HTML copied from elsewhere and a compromised account are
not. nh3 (the Rust `ammonia` sanitiser) keeps an allowlist of elements and attributes: what staff
legitimately write (tables, images, links, headings, lists, figure, details, picture) and what our
Markdown extensions produce (header links, admonitions, tabs); it drops scripts, event handlers,
`javascript:` URLs, styles other than text alignment, and anything unknown.

Two rules nh3 has no option for are in `_attribute`:
- No resource is loaded from outside the site: `src`/`srcset`/`poster` must be relative (or a
  `data:image/...` URL on an image); `iframe` only from the hosts the site allows (none by default).
- No `mermaid` class: Material fetches mermaid.js from a CDN for `pre.mermaid`; the block stays as
  plain code.
- None of our own script hooks: a `zp-…` class or a `data-zp-…` attribute in a body would drive the
  site's scripts (GLightbox opens any `.zp-lightbox` and writes its `data-title`/`data-description`
  with innerHTML; share.js copies any `data-zp-copy`). Our photo markup adds its hooks after this.
- URLs are judged as the browser reads them: it drops tabs and newlines anywhere in a URL and
  control characters at its ends, so `/<TAB>/host/x.png` is `//host/x.png`, fetched from outside.

Runs after Markdown and before our own photo markup (lightbox links, `<picture>`) is added, so that
markup — ours — is never filtered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3

TAGS = {
    *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "blockquote", "pre", "code"),
    *("a", "abbr", "b", "strong", "i", "em", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "kbd"),
    *("q", "cite", "dfn", "time", "var", "samp", "bdi", "bdo", "wbr"),
    *("ul", "ol", "li", "dl", "dt", "dd"),
    *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col"),
    *("img", "figure", "figcaption", "picture", "source", "video", "audio", "track"),
    *("details", "summary", "section", "article", "aside", "header", "footer", "nav", "address"),
    *("input", "label"),  # Material's content tabs and task lists
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex"},
    "a": {"href", "hreflang", "target", "rel", "download", "type"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"src", "srcset", "sizes", "type", "media", "width", "height"},
    "video": {"src", "poster", "controls", "width", "height", "preload", "muted", "loop", "playsinline"},
    "audio": {"src", "controls", "preload", "loop"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "iframe": {"src", "width", "height", "title", "loading", "allowfullscreen", "referrerpolicy"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "headers", "style", "align"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "style", "align"},
    "col": {"span", "style"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "details": {"open"},
    "label": {"for"},
    "input": {"type", "name", "checked", "disabled"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "data"}
# Attributes that make the browser fetch something as the page loads.
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster"}
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:")
# What the URL parser removes before reading a URL (WHATWG URL standard: tab or newline anywhere,
# C0 control or space at either end).
_URL_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(chr(c) for c in range(0x21))
OUR_CLASS_PREFIX = "zp-"
OUR_DATA_PREFIX = "data-zp-"
_INPUT_TYPES = {"radio", "checkbox"}


@dataclass(frozen=True)
class BodyPolicy:
    """What the site allows beyond the fixed allowlist (plugin options)."""

    iframe_hosts: frozenset[str] = frozenset()


def clean_body_html(html: str, policy: BodyPolicy = BodyPolicy()) -> str:
    tags = TAGS | {"iframe"} if policy.iframe_hosts else TAGS
    return nh3.clean(
        html,
        tags=tags,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        attribute_filter=lambda element, name, value: _attribute(element, name, value, policy),
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        filter_style_properties={"text-align"},
        strip_comments=True,
    )


def _attribute(element: str, name: str, value: str, policy: BodyPolicy) -> str | None:
    if name == "class":
        kept = [token for token in value.split() if token != "mermaid" and not token.startswith(OUR_CLASS_PREFIX)]
        return " ".join(kept) or None
    if name.startswith(("data-md-", OUR_DATA_PREFIX)):  # Material's and our hooks: not for staff text to drive
        return None
    if name in ("id", "for", "name") and value.startswith("__"):
        return None  # Material's own elements (__drawer, __search, __mode…): a clash breaks the page
    if element == "input" and name == "type":
        return value if value.lower() in _INPUT_TYPES else None
    if name in RESOURCE_ATTRIBUTES:
        if element == "iframe":
            return value if _host(value) in policy.iframe_hosts else None
        if name == "srcset":
            candidates = [part.strip().split()[0] for part in value.split(",") if part.strip()]
            return value if all(_is_local(url, element) for url in candidates) else None
        return value if _is_local(value, element) else None
    if name == "href" and _is_data(value):
        return None  # a data: link opens a document of the page's choosing
    return value


def _is_local(url: str, element: str) -> bool:
    """Relative to the site (or an inline image), not fetched from another host."""
    url = browser_url(url).replace("\\", "/")  # browsers read `\\host` as `//host`
    if url.startswith("//"):
        return False
    if _is_data(url):
        return element in ("img", "source") and url[5:].strip().lower().startswith("image/")
    return not _SCHEME.match(url.lower())


def _is_data(url: str) -> bool:
    return browser_url(url).lower().startswith("data:")


def browser_url(url: str) -> str:
    """The URL as the browser's parser reads it."""
    return _URL_TAB_OR_NEWLINE.sub("", url).strip(_URL_EDGES)


def _host(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return (parts.hostname or "") if parts.scheme == "https" else ""


_MERMAID_PRE = re.compile(r'(<pre\b[^>]*?\bclass=")([^"]*)(")', re.IGNORECASE)


def without_mermaid(html: str) -> str:
    """Pages not written as posts (docs/) are not sanitised, but Material must not fetch mermaid.js
    from a CDN for them either: `pre.mermaid` loses its `mermaid` class and stays a code block."""
    if "mermaid" not in html:
        return html

    def strip(match: re.Match[str]) -> str:
        kept = " ".join(token for token in match[2].split() if token.lower() != "mermaid")
        return f"{match[1]}{kept}{match[3]}"

    return _MERMAID_PRE.sub(strip, html)
