"""Photos on a saved page: where the file may be, whether it is decoration, and its caption.

A caption is the italic (or centred, or caption-classed) line under the photo, the next cell of the
layout table around it, a `figcaption` (read with the figure), or the `title`/`alt` text when it is
not a file name. The batch answers where a source is in the mirror (`PhotoLookup`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bs4 import Tag

from .article import is_caption
from .htmlblocks import HtmlBlock, escape_inline

_DECORATION = re.compile(r"icon|spacer|blank|pixel|bullet|arrow|logo|banner|btn|button|share|facebook|zalo|print", re.I)
PHOTO_TOKEN = "\ue001"
_FRAME_WORDS = 60  # a caption is a line or two; a table with more text is the page's layout


@dataclass
class PhotoLookup:
    """What the batch tells the page reader about an image source: its mirror file, or why not."""

    file: str | None = None
    refused: str | None = None


PhotoFinder = Callable[[str], PhotoLookup]


def caption_after(run: list[HtmlBlock], index: int, photo: HtmlBlock) -> HtmlBlock | None:
    if index + 1 >= len(run):
        return None
    following = run[index + 1]
    if following.kind != "text" or not is_caption(following.text):
        return None
    same_cell = False
    if photo.in_table is not None and following.in_table is not None:
        frame = photo.in_table.find_parent("table")
        # A small table framing the photo and its caption, not a layout table holding the whole
        # article (ASP.NET modules, old CMSs): there any next paragraph would pass for a caption.
        same_cell = (
            frame is following.in_table.find_parent("table")
            and frame is not None
            and len(frame.get_text(" ").split()) <= _FRAME_WORDS
        )
    if following.italic or following.caption_like or following.centered or same_cell:
        return following
    return None


def photo_sources(image: Tag) -> list[str]:
    """Where the photo's file may be, best first: the full-size copy a thumbnail links to (a mirror
    made with --page-requisites often lacks it), then the <img>'s own source."""
    sources = []
    parent = image.parent
    if isinstance(parent, Tag) and parent.name == "a":
        href = str(parent.get("href") or "")
        if re.search(r"\.(jpe?g|png|gif|webp|tiff?|jfif)(\?.*)?$", href, re.IGNORECASE):
            sources.append(href.strip())
    for attribute in ("src", "data-src", "data-original", "data-lazy-src"):
        value = image.get(attribute)
        if value and not str(value).startswith("data:"):
            sources.append(str(value).strip())
            break
    return list(dict.fromkeys(sources))


def is_decoration(image: Tag, src: str) -> bool:
    for attribute in ("width", "height"):
        value = str(image.get(attribute) or "").removesuffix("px")
        if value.isdigit() and int(value) <= 40:
            return True
    name = src.rsplit("/", 1)[-1]
    return bool(_DECORATION.search(name))


def attribute_caption(image: Tag) -> str | None:
    for attribute in ("title", "alt"):
        value = " ".join(str(image.get(attribute) or "").split())
        if value and not re.fullmatch(r"[\w.-]+\.(jpe?g|png|gif|webp)|(img|image|anh|dsc|photo)?[_-]?\d*", value, re.I):
            return value
    return None


def photo_markdown(name: str, caption: str | None) -> str:
    return f"![{escape_inline(caption or '')}]({name})"
