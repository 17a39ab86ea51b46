"""HTML for photos: `<picture>` with WebP and JPEG srcsets, lightbox links, and the rewrite of a post body.

Pure functions of a `PublishedPhoto` and a `href` callable that turns a site-relative URL into one
relative to the page being written (templates pass MkDocs' `url` filter). Every attribute value is
escaped; captions are staff text.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote

from markupsafe import escape

from ..content.body_photos import html_attributes, is_local
from .variants import PublishedPhoto

Href = Callable[[str], str]

LIGHTBOX_CLASS = "zp-lightbox"
# How wide a photo is shown, for the browser's choice in srcset: these follow the portal's layout
# (assets/zp-portal.css; 1 rem = 20 px; the page is at most 61 rem wide, with a 16 rem side column
# from 76.25 em). A `sizes` wider than the rendered photo makes phones fetch the 960 w variant for a
# 120 px thumbnail.
SIZES = {
    "body": "(min-width: 76.25em) 840px, (min-width: 45em) calc(100vw - 4rem), calc(100vw - 1.6rem)",
    "lead": "(min-width: 76.25em) 500px, (min-width: 60em) 55vw, calc(100vw - 1.6rem)",
    "card": "(min-width: 76.25em) 280px, (min-width: 45em) 23vw, 46vw",
    "block": "(min-width: 30em) 200px, 36vw",
    "teaser": "(min-width: 30em) 240px, 34vw",
    "thumb": "(min-width: 76.25em) 240px, (min-width: 45em) 25vw, 46vw",
}
BODY_SIZES = SIZES["body"]


def srcset(photo: PublishedPhoto, fmt: str, href: Href, max_width: int | None = None) -> str:
    variants = photo.of_format(fmt)
    if max_width is not None:
        variants = tuple(v for v in variants if v.width <= max_width) or variants[:1]
    return ", ".join(f"{href(photo.url(v))} {v.width}w" for v in variants)


def picture_html(
    photo: PublishedPhoto,
    href: Href,
    *,
    sizes: str = BODY_SIZES,
    loading: str = "lazy",
    alt: str | None = None,
    css_class: str = "",
    img_class: str = "",
    priority: bool = False,
    max_width: int | None = None,
) -> str:
    """`<picture>`: WebP first, JPEG for the rest; width and height set, so nothing moves while loading.

    `sizes` is a media-condition list or a name in `SIZES`; `max_width` leaves larger variants out.
    """
    sizes = SIZES.get(sizes, sizes)
    fallback = photo.fallback if max_width is None or photo.fallback.width <= max_width else photo.smallest
    attributes = [
        f'src="{escape(href(photo.url(fallback)))}"',
        f'srcset="{escape(srcset(photo, "jpeg", href, max_width))}"',
        f'sizes="{escape(sizes)}"',
        f'width="{fallback.width}" height="{fallback.height}"',
        f'alt="{escape(photo.alt if alt is None else alt)}"',
    ]
    if img_class:
        attributes.append(f'class="{escape(img_class)}"')
    if loading == "lazy" and not priority:
        attributes.append('loading="lazy"')
    if priority:
        attributes.append('fetchpriority="high"')
    attributes.append('decoding="async"')
    picture_class = " ".join(filter(None, ["zp-picture", css_class]))
    return (
        f'<picture class="{escape(picture_class)}">'
        f'<source type="image/webp" srcset="{escape(srcset(photo, "webp", href, max_width))}" sizes="{escape(sizes)}">'
        f"<img {' '.join(attributes)}></picture>"
    )


def lightbox_attributes(photo: PublishedPhoto, href: Href, gallery: str, caption: str | None = None) -> str:
    """Attributes of the `<a>` that opens a photo in GLightbox (and, without JavaScript, the photo itself).

    GLightbox writes `data-title` into the page with innerHTML: the caption is escaped twice, so the
    attribute holds escaped text and the lightbox shows the characters staff typed, never markup.
    """
    text = photo.caption if caption is None else caption
    parts = [
        f'class="{LIGHTBOX_CLASS}"',
        f'href="{escape(href(photo.url(photo.largest)))}"',
        f'data-gallery="{escape(gallery)}"',
        f'data-srcset="{escape(srcset(photo, "webp", href))}"',
        'data-sizes="100vw"',
    ]
    if text:
        parts.append(f'data-title="{escape(str(escape(text)))}"')
    return " ".join(parts)


def lightbox_picture(
    photo: PublishedPhoto,
    href: Href,
    gallery: str,
    *,
    sizes: str = BODY_SIZES,
    loading: str = "lazy",
    priority: bool = False,
    css_class: str = "",
    max_width: int | None = None,
    alt: str | None = None,
) -> str:
    """A photo that opens in the lightbox: what templates show for covers and album thumbnails."""
    picture = picture_html(
        photo, href, sizes=sizes, loading=loading, priority=priority, css_class=css_class, max_width=max_width, alt=alt
    )
    return f"<a {lightbox_attributes(photo, href, gallery)}>{picture}</a>"


# --- the body of a post ---------------------------------------------------------------------------

_PARAGRAPH_IMAGE = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>", re.IGNORECASE)
_TAGS = re.compile(r"<a\b[^>]*>|</a\s*>|<img\b[^>]*>", re.IGNORECASE)


def rewrite_body(html: str, lookup: Callable[[str], PublishedPhoto | None], gallery: str, href: Href) -> str:
    """Replace the post's own photos in rendered HTML: `<img>` → lightbox `<picture>`, a paragraph holding
    only a photo → `<figure>` with its caption, and links to a photo → its largest published variant.

    `lookup` maps a `src` relative to the post page to the photo published from it (None: leave alone).
    Within a link staff made themselves, a photo becomes a `<picture>` without a second link.
    """

    def resolve(url: str | None) -> PublishedPhoto | None:
        if not url or not is_local(url):
            return None
        return lookup(posixpath.normpath(unquote(url.split("#", 1)[0].split("?", 1)[0])))

    def figure(match: re.Match[str]) -> str:
        attributes = html_attributes(match[1])
        photo = resolve(attributes.get("src"))
        if photo is None:
            return match[0]
        caption = attributes.get("title") or attributes.get("alt") or photo.caption
        picture = picture_html(
            photo, href, alt=attributes.get("alt") or photo.alt, img_class=attributes.get("class", "")
        )
        caption_html = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
        link = f"<a {lightbox_attributes(photo, href, gallery, caption)}>{picture}</a>"
        return f'<figure class="zp-figure">{link}{caption_html}</figure>'

    html = _PARAGRAPH_IMAGE.sub(figure, html)
    depth = 0

    def tag(match: re.Match[str]) -> str:
        nonlocal depth
        text = match[0]
        lowered = text[:4].lower()
        if lowered.startswith("</a"):
            depth = max(0, depth - 1)
            return text
        if lowered.startswith("<a"):
            depth += 1
            attributes = html_attributes(text)
            photo = resolve(attributes.get("href"))
            if photo is None or LIGHTBOX_CLASS in attributes.get("class", ""):
                return text
            return f"<a {lightbox_attributes(photo, href, gallery)}>"
        attributes = html_attributes(text)
        photo = resolve(attributes.get("src"))
        if photo is None:
            return text
        picture = picture_html(
            photo, href, alt=attributes.get("alt") or photo.alt, img_class=attributes.get("class", "")
        )
        if depth:
            return picture
        return f"<a {lightbox_attributes(photo, href, gallery)}>{picture}</a>"

    return _TAGS.sub(tag, html)


# --- GLightbox, only on pages that show a lightbox --------------------------------------------------


def needs_lightbox(html: str) -> bool:
    return f'class="{LIGHTBOX_CLASS}"' in html


def add_lightbox_assets(html: str, css: str, scripts: list[str]) -> str:
    """Link the vendored GLightbox (served from the site) into a page that has lightbox links.

    Its stylesheet goes at the end of the body, not in the head: it styles only the lightbox, which
    opens on a tap, so it must not hold back the first paint of the article (a phone's LCP)."""
    link = f'<link rel="stylesheet" href="{escape(css)}">'
    tags = "".join(f'<script src="{escape(src)}" defer></script>' for src in scripts)
    if "</body>" in html:
        head, _, tail = html.rpartition("</body>")
        html = f"{head}{link}{tags}</body>{tail}"
    return html
