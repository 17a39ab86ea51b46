"""RSS 2.0 feeds: the whole site and each classification of a taxonomy declared with a feed
(each category, each committee), latest posts first.

Built with feedgen (an RSS library), never by joining strings. Dates keep Vietnam's +07:00 offset;
the channel's lastBuildDate is the newest post's date, so an unchanged site gives unchanged feeds.
"""

from __future__ import annotations

import html
import mimetypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from ..content.post import Post
from ..content.registry import Registry
from ..index.taxonomy import TAXONOMIES, PortalIndex
from ..pages.taxonomies import DECLARED
from ..pages.urls import UrlScheme

if TYPE_CHECKING:
    from ..pages.model import PostView

FEED_SIZE = 20


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str  # absolute, with a trailing slash: every link in a feed must be absolute
    description: str = ""
    language: str = "vi"
    updated: datetime | None = None  # the newest post's date, for feeds that have no post yet


@dataclass(frozen=True)
class Feed:
    """One feed: written at `path` (site-relative), following the HTML page at `page_url`."""

    path: str
    title: str
    page_url: str
    description: str
    views: Sequence[PostView]


def portal_feeds(
    index: PortalIndex,
    registry: Registry,
    urls: UrlScheme,
    view_of: Callable[[Post], PostView],
    site: SiteInfo,
    size: int = FEED_SIZE,
) -> list[Feed]:
    """The site's feed, then one per classification of every taxonomy declared with a feed."""

    def latest(posts: Sequence[Post]) -> list[PostView]:
        return [view_of(post) for post in posts[:size]]

    feeds = [Feed(urls.feed(), site.name, "", site.description or site.name, latest(index.posts))]
    for declared in DECLARED:
        if declared.feed is None:
            continue
        for classification in declared.classifications(registry, index):
            feeds.append(
                Feed(
                    declared.feed_path(urls, classification.key),
                    f"{classification.name} – {site.name}",
                    declared.url(urls, classification.key, 1),
                    classification.description or declared.feed.fallback(classification),
                    latest(index.of(declared.taxonomy, classification.key)),
                )
            )
    return feeds


def render_rss(feed: Feed, site: SiteInfo) -> bytes:
    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.load_extension("media")
    generator.title(feed.title)
    # feedgen writes the last link as the channel's <link>: the page the feed follows.
    generator.link(href=urljoin(site.url, feed.path), rel="self")
    generator.link(href=urljoin(site.url, feed.page_url), rel="alternate")
    generator.description(feed.description)
    generator.language(site.language)
    generator.generator("zoneportal")
    # feedgen would stamp the build time: an unchanged site must give unchanged feeds.
    newest = max((view.post.modified for view in feed.views), default=site.updated)
    if newest is not None:
        generator.lastBuildDate(newest)
    for view in feed.views:
        entry = generator.add_entry(order="append")
        link = urljoin(site.url, view.url)
        entry.title(view.title)
        entry.link(href=link)
        entry.guid(link, permalink=True)
        entry.pubDate(view.post.date)
        # RSS descriptions are HTML: the summary is plain text, so its "<" must show, not open a tag.
        entry.description(html.escape(view.summary or view.title, quote=False))
        entry.dc.dc_creator(view.author.name)
        for category in view.categories:
            entry.category(term=category.name)
        if view.cover_url:
            # Media RSS rather than <enclosure>: the published cover is an image variant encoded
            # after the feeds are written, so its length in bytes is not known yet. A bare
            # media:content on the item (group=None): feedgen's default wraps each in a media:group,
            # which the W3C validator rejects when the group holds only one.
            cover = urljoin(site.url, view.cover_url)
            content = {"url": cover, "medium": "image", "type": _image_type(cover)}
            if view.cover is not None:
                largest = view.cover.largest
                content.update(width=str(largest.width), height=str(largest.height))
            entry.media.content(content, group=None)
    return generator.rss_str(pretty=True)


class FeedLinks:
    """Which feeds a page announces with <link rel="alternate">: the site's feed on every page, and
    the feeds of the classifications (categories, committee) the page or its post belongs to."""

    def __init__(self, feeds: Sequence[Feed], urls: UrlScheme) -> None:
        self.urls = urls
        self.by_path = {feed.path: feed for feed in feeds}
        self.by_page = {feed.page_url: feed for feed in feeds[1:]}
        self.site = feeds[0] if feeds else None

    def for_page(self, url: str, view: PostView | None = None) -> list[tuple[str, str]]:
        found = [self.site] if self.site else []
        if view is not None:
            paths = [
                declared.feed_path(self.urls, key)
                for declared in DECLARED
                if declared.feed is not None
                for key in TAXONOMIES[declared.taxonomy].keys_of(view.post)
            ]
            found += [self.by_path[p] for p in paths if p in self.by_path]
        elif url in self.by_page:
            found.append(self.by_page[url])
        return [(feed.title, feed.path) for feed in found]


def _image_type(url: str) -> str:
    return mimetypes.guess_type(url)[0] or "image/jpeg"
