"""RSS of new documents in the register (`/van-ban/rss.xml`), newest issued first."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime, time
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from ..vi import VIETNAM_TZ

if TYPE_CHECKING:
    from ..pages.documents import DocumentView

FEED_SIZE = 30


def render_register_feed(views: Sequence[DocumentView], site_url: str, site_name: str) -> bytes:
    from ..pages.documents import FEED, register_url

    generator = FeedGenerator()
    generator.title(f"Văn bản mới – {site_name}")
    generator.link(href=urljoin(site_url, FEED), rel="self")
    generator.link(href=urljoin(site_url, register_url()), rel="alternate")
    generator.description("Văn bản mới ban hành: số hiệu, trích yếu, hiệu lực và tệp tải về.")
    generator.language("vi")
    generator.generator("zoneportal")
    newest = sorted(views, key=lambda v: (v.document.issued, v.number), reverse=True)[:FEED_SIZE]
    if newest:
        generator.lastBuildDate(_moment(newest[0].document.issued))
    for view in newest:
        entry = generator.add_entry(order="append")
        link = urljoin(site_url, view.url)
        entry.title(view.title)
        entry.link(href=link)
        entry.guid(link, permalink=True)
        entry.pubDate(_moment(view.document.issued))
        entry.description(html.escape(f"{view.summary} ({view.status.value})", quote=False))
        entry.category(term=view.type.name)
    return generator.rss_str(pretty=True)


def _moment(day: object) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=VIETNAM_TZ)  # type: ignore[arg-type]
