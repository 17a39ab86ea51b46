"""What the render phase produces: page specs, and the post views that templates show."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.post import Post
from ..content.registry import Author, Category, Committee, EventType, Registry, Term
from ..documents.catalog import DocumentCatalog
from ..index.related import classification, classification_signature, related_posts
from ..index.taxonomy import PortalIndex, TaxonomyName
from ..index.timeline import TimelineIndex, build_timelines
from ..photos.variants import PostPhotos, PublishedPhoto
from ..vi import format_post_datetime, format_short_date, slugify
from .albums import album_slugs
from .urls import UrlScheme

if TYPE_CHECKING:
    from .home import HomeLayout


@dataclass(frozen=True)
class TagLink:
    name: str
    url: str


@dataclass(frozen=True)
class PostView:
    """A post as templates show it, every label and link resolved once per build."""

    post: Post
    url: str
    title: str
    date_iso: str
    date_label: str
    date_short: str
    summary: str
    author: Author
    committee: Committee
    term: Term | None
    categories: tuple[Category, ...]
    tags: tuple[TagLink, ...]
    event: EventType | None
    cover_url: str | None
    committee_url: str
    timeline_url: str | None
    # Photos (cover, body, gallery) as published by the image pipeline, and the post's album page.
    photos: PostPhotos | None = None
    album_url: str | None = None

    @property
    def cover(self) -> PublishedPhoto | None:
        return self.photos.cover if self.photos else None

    @property
    def thumb(self) -> PublishedPhoto | None:
        """What lists show beside the headline: the cover, else the first photo of the article."""
        if not self.photos:
            return None
        return self.photos.cover or self.photos.album[0]


class PageKind(StrEnum):
    """What a generated page is; templates compare `portal.page_kind` with these values."""

    POST = "post"
    HOME = "home"
    CATEGORY = "category"
    CATEGORIES = "categories"
    AUTHOR = "author"
    AUTHORS = "authors"
    TAG = "tag"
    YEAR = "year"
    ARCHIVE = "archive"
    COMMITTEE = "committee"
    COMMITTEES = "committees"
    TIMELINE = "timeline"
    TERMS = "terms"
    ALBUM = "album"
    GALLERY = "gallery"
    GALLERY_PAGE = "gallery-page"
    GALLERY_YEAR = "gallery-year"
    GALLERY_YEAR_PAGE = "gallery-year-page"
    GALLERY_COMMITTEE = "gallery-committee"
    GALLERY_COMMITTEE_PAGE = "gallery-committee-page"
    SEARCH = "search"
    # The văn bản register (pages/documents.py): /van-ban/, its other pages and filters, one page per document.
    REGISTER = "register"
    REGISTER_PAGE = "register-page"
    REGISTER_FILTER = "register-filter"
    DOCUMENT = "document"


# Overview pages are what a site's navigation links to; every other page stays out of it.
OVERVIEW_KINDS = frozenset(
    {
        PageKind.HOME,
        PageKind.CATEGORIES,
        PageKind.ARCHIVE,
        PageKind.COMMITTEES,
        PageKind.TERMS,
        PageKind.GALLERY,
        PageKind.REGISTER,
    }
)


@dataclass
class PageSpec:
    """One generated page: a host turns it into a page at `url`.

    `view` is set on article pages and only there: it is how the code asks "is this a post".
    `context` is what the page's template reads as `zp` (for a post, its view is there too)."""

    url: str
    title: str
    template: str
    kind: PageKind
    context: dict[str, Any] = field(default_factory=dict)
    markdown: str = ""
    view: PostView | None = None
    description: str | None = None

    @property
    def post(self) -> Post | None:
        return self.view.post if self.view is not None else None

    @property
    def in_overview(self) -> bool:
        return self.kind in OVERVIEW_KINDS


@dataclass(frozen=True)
class PageSizes:
    listing: int = 10
    home: int = 8
    gallery: int = 12


@dataclass
class RenderMemo:
    """Outlives rebuilds in live preview: what depends only on unchanged posts is not computed again.

    A saved post is a new `Post` object (the content cache keeps the others), so identity says
    which views still hold; related posts depend only on what classifies posts, not on their text."""

    views: dict[str, tuple[Post, Registry, tuple[object, ...], PostView]] = field(default_factory=dict)
    related_signature: str | None = None
    related: dict[Path, list[Path]] = field(default_factory=dict)
    # The last build's posts and related posts, for `related` and `related_signature` as they were
    # then: the next build compares posts by identity instead of hashing every post's classification.
    related_kept: RelatedKept | None = None


@dataclass(frozen=True)
class RelatedKept:
    signature: str
    related: dict[Path, list[Path]]  # the memo's `related` it was made with (a build may load another)
    posts: Sequence[Post]
    found: dict[Path, list[Post]]

    def replaced(self, posts: Sequence[Post]) -> dict[Path, Post] | None:
        """Posts saved since (new objects, classified as before), by source; None when any post was
        added, removed, moved in the order or classified differently: the signature decides then."""
        if len(posts) != len(self.posts):
            return None
        replaced = {}
        for old, new in zip(self.posts, posts, strict=True):
            if old is not new:
                # The same file, classified as before (MkDocs keeps a plugin, and this memo, from
                # one project's build to another's in one process: same texts, other folders).
                if old.source != new.source or classification(old) != classification(new):
                    return None
                replaced[new.source] = new
        return replaced


@dataclass
class RenderContext:
    """Everything a page family needs; views are shared by every page that lists a post."""

    index: PortalIndex
    registry: Registry
    urls: UrlScheme
    sizes: PageSizes
    today: date = field(default_factory=date.today)
    views: dict[str, PostView] = field(default_factory=dict)
    # Post source (posix) → its photos; empty when the build has no image pipeline.
    photos: Mapping[str, PostPhotos] = field(default_factory=dict)
    memo: RenderMemo = field(default_factory=RenderMemo)
    # Front-page blocks (mkdocs.yml `home:`); None is the default layout.
    home: HomeLayout | None = None
    # The văn bản register and every published attachment (empty when the site has none).
    documents: DocumentCatalog = field(default_factory=DocumentCatalog)
    _viewed: dict[Post, PostView] = field(default_factory=dict, repr=False)

    @cached_property
    def related(self) -> dict[Path, list[Post]]:
        """Related posts of every post, once per build (reused while no post was reclassified)."""
        posts, memo = self.index.posts, self.memo
        kept = memo.related_kept
        if kept is not None and kept.signature == memo.related_signature and kept.related is memo.related:
            replaced = kept.replaced(posts)
            if replaced is not None:
                found = kept.found
                if replaced:  # the saved posts' new objects, wherever they are listed
                    found = {source: [replaced.get(p.source, p) for p in others] for source, others in found.items()}
                memo.related_kept = replace(kept, posts=posts, found=found)
                return found
        signature = classification_signature(posts)
        found = _kept_related(memo.related, posts) if signature == memo.related_signature else None
        if found is None:
            found = related_posts(self.index)
            memo.related = {source: [p.source for p in others] for source, others in found.items()}
            memo.related_signature = signature
        memo.related_kept = RelatedKept(signature, memo.related, posts, found)
        return found

    @cached_property
    def album_urls(self) -> dict[str, str]:
        """Post source (posix) → its album page, for every published post that has photos."""
        with_photos = [p for p in self.index.posts if self.photos.get(p.source.as_posix())]
        slugs = album_slugs(with_photos, self.urls.reserved_album_slugs())
        return {source.as_posix(): self.urls.album(slug) for source, slug in slugs.items()}

    @cached_property
    def timelines(self) -> TimelineIndex:
        return build_timelines(self.registry, self.index.by.get(TaxonomyName.TERM, {}), self.today)

    def view(self, post: Post) -> PostView:
        # By the post itself first (identity: a post is listed on ~25 pages, and its path's text
        # was made each time); `views` by path is what the plan hands on.
        found = self._viewed.get(post)
        if found is not None:
            return found
        key = post.source.as_posix()
        found = self.views.get(key)
        if found is None:
            photos, album_url = self.photos.get(key), self.album_urls.get(key)
            settings = (self.urls, photos, album_url)
            kept = self.memo.views.get(key)
            if kept is not None and kept[0] is post and kept[1] is self.registry and kept[2] == settings:
                found = kept[3]
            else:
                found = post_view(post, self.registry, self.urls, photos=photos, album_url=album_url)
                self.memo.views[key] = (post, self.registry, settings, found)
            self.views[key] = found
        self._viewed[post] = found
        return found

    def views_of(self, posts: Sequence[Post]) -> list[PostView]:
        return [self.view(p) for p in posts]


@dataclass
class PortalPages:
    """Every generated page of one build, keyed by URL for per-page lookups."""

    specs: dict[str, PageSpec]
    views: dict[str, PostView]
    newest_date: date | None = None
    # The side column's "Tin mới" on every page.
    latest: list[PostView] = field(default_factory=list)

    def __iter__(self) -> Iterator[PageSpec]:
        return iter(self.specs.values())


def post_view(
    post: Post,
    registry: Registry,
    urls: UrlScheme,
    *,
    photos: PostPhotos | None = None,
    album_url: str | None = None,
) -> PostView:
    committee = registry.committees[post.committee]
    url = urls.post(post)
    cover_url = f"{url}{post.cover.src}" if post.cover else None
    if photos is not None and photos.cover is not None:
        cover_url = photos.cover.url(photos.cover.largest)  # the original is never published
    return PostView(
        post=post,
        url=url,
        title=post.title,
        date_iso=post.date.isoformat(),
        date_label=format_post_datetime(post.date, post.has_time),
        date_short=format_short_date(post.date),
        summary=post.summary,
        author=registry.authors[post.author],
        committee=committee,
        term=committee.term(post.term) if post.term else None,
        categories=tuple(registry.categories[key] for key in post.categories),
        tags=tuple(TagLink(tag, urls.tag(slugify(tag))) for tag in post.tags),
        event=registry.events.get(post.event) if post.event else None,
        cover_url=cover_url,
        committee_url=urls.committee(post.committee),
        timeline_url=f"{urls.term(post.committee, post.term)}#{timeline_anchor(post)}" if post.term else None,
        photos=photos or None,
        album_url=album_url,
    )


def timeline_anchor(post: Post) -> str:
    """Slugs are unique within a month only, so the anchor carries the month too."""
    return f"bai-{post.date:%Y-%m}-{post.slug}"


def _kept_related(kept: dict[Path, list[Path]], posts: list[Post]) -> dict[Path, list[Post]] | None:
    """Kept related paths mapped back to `posts`; None when they name other files. The signature names
    files from the project root: the same classification may be another copy of the project built in
    this process (MkDocs keeps a plugin instance, and its memo, per process)."""
    by_source = {p.source: p for p in posts}
    try:
        return {by_source[source].source: [by_source[s] for s in others] for source, others in kept.items()}
    except KeyError:
        return None
