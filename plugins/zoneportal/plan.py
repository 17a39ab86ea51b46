"""The portal planned in one call, without a host: read → validate → index → photos → pages → feeds.

    plan = plan_portal(project_root, settings, today)
    if plan.problems.has_errors(): ...            # every problem found, reported at once
    plan.pages, plan.photos, plan.rss, plan.search_documents, plan.sitemap

A host adapter (mkdocs/) turns the plan into its own files, renders the pages with the templates
and writes what the plan holds; nothing here knows which host that is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .content.bulk import in_bulk
from .content.post import Post
from .content.problems import ProblemReport
from .content.registry import Registry
from .content.review import hold_for_review
from .content.textfile import unprintable_message
from .content.url_history import UrlHistory
from .content.validate import ContentCache, load_content
from .documents.catalog import DocumentCatalog
from .documents.feed import render_register_feed
from .documents.plan import plan_documents
from .index.taxonomy import PortalIndex, build_index
from .output.feeds import Feed, SiteInfo, portal_feeds, render_rss
from .output.search import SearchDocument, post_documents
from .output.search.register import register_documents, with_attachment_text
from .output.sitemap import lastmod_of
from .pages import PageClash, PageKind, PageSpec, PortalPages, build_pages
from .pages.documents import FEED as REGISTER_FEED
from .pages.model import RenderMemo
from .photos.pipeline import PhotoPipeline
from .photos.variants import PostPhotos
from .settings import PortalSettings


@dataclass
class PortalPlan:
    """Everything one build writes, decided before anything is written."""

    settings: PortalSettings
    problems: ProblemReport
    registry: Registry = field(default_factory=Registry)
    index: PortalIndex | None = None
    # Every generated page by URL, with the post views they share; empty when there are errors.
    pages: PortalPages = field(default_factory=lambda: PortalPages(specs={}, views={}))
    # Photo jobs planned (headers probed, variants named), not started: `photos.start()` encodes them.
    photos: PhotoPipeline | None = None
    # Post source (posix) → its published photos.
    post_photos: dict[str, PostPhotos] = field(default_factory=dict)
    # The văn bản register and every published attachment (cleaned copies), of documents and posts.
    documents: DocumentCatalog = field(default_factory=DocumentCatalog)
    feeds: list[Feed] = field(default_factory=list)
    # Feed path (site-relative) → its RSS document; none without an absolute site URL.
    rss: dict[str, bytes] = field(default_factory=dict)
    # One per published post; pages a host renders itself add theirs when they are rendered.
    search_documents: list[SearchDocument] = field(default_factory=list)
    # Page URL → lastmod for the sitemap.
    sitemap: dict[str, date | None] = field(default_factory=dict)
    # Post file (from the project root) → its URL: recorded in the site, compared by the next check.
    post_urls: dict[str, str] = field(default_factory=dict)
    drafts: int = 0  # valid drafts (not published; shown in live preview)
    # Valid, public, not drafts: published now or, when dated ahead, by the first build after that time.
    posts_to_publish: list[Post] = field(default_factory=list)

    def page(self, url: str) -> PageSpec | None:
        return self.pages.specs.get(url)


@in_bulk
def plan_portal(
    project_root: Path,
    settings: PortalSettings,
    today: date,
    *,
    content_cache: ContentCache | None = None,
    render_memo: RenderMemo | None = None,
    url_history: UrlHistory | None = None,
) -> PortalPlan:
    """Plan the whole portal under `project_root`. Problems are collected, never raised: when the
    report has errors, the plan holds no pages (nothing may be written)."""
    problems = ProblemReport()
    plan = PortalPlan(settings=settings, problems=problems)
    # The photo pipeline probes photos for the validate phase too, so a probe is shared with encoding.
    options = settings.photos
    plan.photos = PhotoPipeline(options.encoding, project_root / options.cache_dir, options.workers)
    posts_dir = project_root / settings.posts_dir
    registry, posts, report = load_content(posts_dir, project_root, content_cache, plan.photos.inspect, url_history)
    problems.extend(report)
    for name, character in settings.unprintable_texts():
        problems.error("mkdocs.yml", unprintable_message(character), field=name)
    # Entries an import added wait for review: neither they nor their posts are public yet.
    registry, posts = hold_for_review(registry, posts, problems)
    index = build_index(posts, include_drafts=settings.drafts)
    plan.registry, plan.index = registry, index
    plan.post_urls = {post.shown: settings.urls.post(post) for post in posts if not post.draft}
    plan.drafts = sum(1 for post in posts if post.draft)
    plan.posts_to_publish = [post for post in posts if not post.draft]
    for post in index.posts:
        plan.post_photos[post.source.as_posix()] = plan.photos.add_post(post, settings.urls.post(post), problems)
    plan.documents = plan_documents(
        project_root, settings.documents, registry, posts, index.posts, settings.urls, plan.photos, problems, today
    )
    if problems.has_errors():
        return plan
    try:
        plan.pages = build_pages(
            index,
            registry,
            settings.urls,
            settings.sizes,
            today,
            photos=plan.post_photos,
            memo=render_memo,
            home=settings.home,
            documents=plan.documents,
        )
    except PageClash as exc:
        problems.error("mkdocs.yml", str(exc), field="urls")
        return plan
    newest = plan.pages.newest_date
    plan.sitemap = {spec.url: lastmod_of(spec, newest) for spec in plan.pages}
    if settings.search:
        posts_found = with_attachment_text(post_documents(plan.pages), plan.pages, plan.documents)
        plan.search_documents = [*posts_found, *register_documents(plan.pages)]
    _plan_feeds(plan, index, registry)
    return plan


def _plan_feeds(plan: PortalPlan, index: PortalIndex, registry: Registry) -> None:
    site = plan.settings.site
    if not site.url:
        plan.problems.warning("mkdocs.yml", "chưa có site_url: không tạo RSS (RSS cần địa chỉ tuyệt đối).")
        return
    views = plan.pages.views
    newest = max((post.modified for post in index.posts), default=None)
    info = SiteInfo(site.name, site.url, site.description, updated=newest)
    plan.feeds = portal_feeds(index, registry, plan.settings.urls, lambda post: views[post.source.as_posix()], info)
    plan.rss = {feed.path: render_rss(feed, info) for feed in plan.feeds}
    register = [spec.context["document"] for spec in plan.pages if spec.kind is PageKind.DOCUMENT]
    if register:
        plan.rss[REGISTER_FEED] = render_register_feed(register, site.url, site.name)
