"""MkDocs glue: maps build events to the core (read → validate → index → render → write)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from ..content.problems import ProblemReport, Severity
from ..content.registry import Registry
from ..content.url_history import UrlHistory, write_url_map
from ..content.validate import load_content
from ..index.taxonomy import PortalIndex, build_index
from ..output.feeds import FeedLinks, SiteInfo, portal_feeds, render_rss
from ..output.search import (
    SearchDocument,
    SearchIndexError,
    html_text,
    page_document,
    post_documents,
    write_search_index,
)
from ..output.seo import HeadTags, SiteMeta, page_head, post_head
from ..output.sitemap import sitemap_entries, write_sitemap
from ..output.staging import StagedOutput
from ..pages import PageClash, PageSizes, PageSpec, PortalPages, build_pages
from ..pages.urls import UrlScheme, src_uri
from ..photos.pipeline import PhotoPipeline
from ..vi import heading_slug, today_in_vietnam
from .config import PortalConfig
from .page_writer import RenderError, RenderJob, render_pages, worker_count
from .photos import (
    LIGHTBOX_JS,
    VENDOR_FILES,
    add_lightbox,
    image_settings,
    post_files,
    register_filters,
    rewrite_post_body,
)
from .preview import PreviewServer, PreviewState, refresh_home

log = logging.getLogger("mkdocs.plugins.zoneportal")

PACKAGE_DIR = Path(__file__).parents[1]
ASSETS = ("zp.css", "gallery.css", "zp-access.css", "zp-print.css", "zp-textsize.js", "zp-keyboard.js")
# Served from the site, linked only from pages that show a lightbox.
LAZY_ASSETS = (LIGHTBOX_JS[1], *(f"assets/zoneportal/vendor/glightbox/{name}" for name in VENDOR_FILES))
# Scripts that only some pages load (the search page, the share buttons of posts).
SCRIPTS = ("search.js", "share.js")
# Overview pages are what the site's nav links to; everything else stays out of the nav.
NAV_KINDS = {"home", "categories", "archive", "committees", "terms", "gallery"}


class ZonePortalPlugin(BasePlugin[PortalConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.preview = PreviewState()  # outlives rebuilds in `mkdocs serve`
        self._reset()

    def _reset(self) -> None:
        self.pages: PortalPages | None = None
        self.by_src: dict[str, PageSpec] = {}
        self.generated: list[File] = []
        self.render_job: tuple[Navigation, Files, list[File]] | None = None
        self.output: StagedOutput | None = None
        self.urls = UrlScheme()
        self.photos: PhotoPipeline | None = None
        self.site = SiteMeta(name="", url="")
        self.feed_links = FeedLinks([], self.urls)
        self.search_documents: list[SearchDocument] = []
        self.post_urls: dict[str, str] = {}  # recorded in the site: the next check warns when one moves

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()  # `mkdocs serve` keeps this object across rebuilds
        self.urls = UrlScheme(**dict(self.config.urls))
        theme_dirs = config.theme.dirs
        theme_dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE_DIR / "templates"))
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", heading_slug)
        if "toc" not in config.markdown_extensions:
            config.markdown_extensions.append("toc")
        for asset in ASSETS:
            target = f"assets/zoneportal/{asset}"
            bucket = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if target not in bucket:
                bucket.append(target)
        self.site = SiteMeta.of(
            name=config.site_name,
            site_url=config.site_url,
            description=config.site_description,
            publisher=self.config.legal.agency,
            logo=config.theme.get("logo"),
        )
        if self.config.atomic_output and self.command != "serve":
            self.output = StagedOutput(Path(config.site_dir))
            config.site_dir = str(self.output.begin())
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        project_root = Path(config.config_file_path or ".").resolve().parent
        posts_dir = project_root / self.config.posts_dir
        images = self.config.images
        self.photos = PhotoPipeline(image_settings(images), project_root / images.cache_dir, images.workers)
        cache = self.preview.content_cache
        history = None if self.command == "serve" else UrlHistory.read(self._published_site(config), self.urls.post)
        registry, posts, report = load_content(posts_dir, project_root, cache, self.photos.inspect, history)
        self._stop_on_errors(report)
        # Drafts show in live preview (with a banner), never in a build.
        index = build_index(posts, include_drafts=self.config.drafts or self.command == "serve")
        self.post_urls = {p.shown: self.urls.post(p) for p in posts if not p.draft}
        photo_report = ProblemReport()
        photos = {p.source.as_posix(): self.photos.add_post(p, self.urls.post(p), photo_report) for p in index.posts}
        self._stop_on_errors(photo_report)
        self.photos.start()  # encoding runs on every core while MkDocs renders the pages
        sizes = PageSizes(
            listing=self.config.page_size, home=self.config.home_size, gallery=self.config.gallery_page_size
        )
        try:
            self.pages = build_pages(
                index, registry, self.urls, sizes, today_in_vietnam(), photos=photos, memo=self.preview.render_memo
            )
        except PageClash as exc:
            raise PluginError(str(exc)) from None
        clashes = ProblemReport()
        for spec in self.pages:
            uri = src_uri(spec.url)
            self.by_src[uri] = spec
            existing = files.get_file_from_path(uri)
            if existing is not None:
                if spec.kind == "home":
                    if self._previewing():
                        refresh_home(Path(existing.abs_dest_path))
                    continue  # docs/index.md is the home page's introduction
                clashes.error(f"docs/{uri}", f"trùng địa chỉ /{spec.url} với trang do cổng sinh tự động.")
                continue
            inclusion = InclusionLevel.INCLUDED if spec.kind in NAV_KINDS else InclusionLevel.NOT_IN_NAV
            page_file = File.generated(config, uri, content=spec.markdown, inclusion=inclusion)
            files.append(page_file)
            self.generated.append(page_file)
            if spec.post is not None:
                for file in post_files(spec.post, spec.url, photos.get(spec.post.source.as_posix()), config, clashes):
                    files.append(file)
        self._stop_on_errors(clashes)
        for asset in ASSETS:
            source = str(PACKAGE_DIR / "assets" / asset)
            files.append(File.generated(config, f"assets/zoneportal/{asset}", abs_src_path=source))
        for target in (*LAZY_ASSETS, *(f"assets/zoneportal/{name}" for name in SCRIPTS)):
            source = str(PACKAGE_DIR / "assets" / target.removeprefix("assets/zoneportal/"))
            files.append(File.generated(config, target, abs_src_path=source, inclusion=InclusionLevel.NOT_IN_NAV))
        self._add_feeds(index, registry, files, config)
        return files

    def _published_site(self, config: MkDocsConfig) -> Path:
        return self.output.final if self.output is not None else Path(config.site_dir)

    def _add_feeds(self, index: PortalIndex, registry: Registry, files: Files, config: MkDocsConfig) -> None:
        if not self.site.url or self.pages is None:
            log.warning("mkdocs.yml chưa có site_url: không tạo RSS (RSS cần địa chỉ tuyệt đối).")
            return
        views = self.pages.views
        newest = max((post.modified for post in index.posts), default=None)
        info = SiteInfo(self.site.name, self.site.url, self.site.description, updated=newest)
        feeds = portal_feeds(index, registry, self.urls, lambda post: views[post.source.as_posix()], info)
        self.feed_links = FeedLinks(feeds, self.urls)
        for feed in feeds:
            files.append(File.generated(config, feed.path, content=render_rss(feed, info)))

    def _stop_on_errors(self, report: ProblemReport) -> None:
        """The same report as `zoneportal check`: grouped by file, errors before warnings."""
        for problem in report.ordered():
            (log.error if problem.severity is Severity.ERROR else log.warning)(str(problem))
        if report.has_errors():
            self.preview.failed(report)
            raise PluginError(report.render().splitlines()[-1])

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # Our pages leave MkDocs' one-by-one render loop; on_env renders them on every core.
        everything = Files(list(files))
        doc_files = everything.documentation_pages()
        for page_file in self.generated:
            files.remove(page_file)
        self.render_job = (nav, everything, doc_files)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        register_filters(env)  # before any page is rendered: templates show photos with them
        if self.command == "serve":
            env.bytecode_cache = self.preview.template_code  # a rebuild does not compile templates again
        if self.render_job is not None:
            nav, everything, doc_files = self.render_job
            job = RenderJob(self._pages_to_render(config), everything, doc_files, config, nav, env)
            try:
                render_pages(job, worker_count(self.config.workers))
            except RenderError as exc:
                raise PluginError(str(exc)) from None
        return env

    def _previewing(self) -> bool:
        """`mkdocs serve --dirty`: the site folder outlives rebuilds, so unchanged output is kept."""
        return self.command == "serve" and self.dirty

    def _pages_to_render(self, config: MkDocsConfig) -> list[File]:
        """All our pages; in `mkdocs serve --dirty`, only those whose content changed since the
        last rebuild (the site folder keeps the others), so a save previews in about a second."""
        if not (self._previewing() and self.pages is not None):
            return self.generated
        return self.preview.pages_to_render(self.pages, self.generated, self.by_src, config, PACKAGE_DIR)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.by_src.get(page.file.src_uri)
        if spec is not None:
            # Material prints page.meta.title unescaped: hand it escaped text.
            page.meta["title"] = escape(spec.title)
            page.meta.setdefault("template", spec.template)
            if spec.description:
                page.meta["description"] = escape(spec.description)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.by_src.get(page.file.src_uri)
        # Pages written in docs/ are rendered here, in this process; posts' search documents come
        # from their Markdown (post_documents), since posts are rendered in worker processes.
        if self.config.search and spec is None and not page.is_homepage:
            text, description = html_text(html), page.meta.get("description")
            document = page_document(url=page.url, title=page.title or "", body_text=text, description=description)
            self.search_documents.append(document)
        view = spec.context.get("view") if spec is not None and spec.post is not None else None
        if view is not None and view.photos:
            return rewrite_post_body(html, view.photos, view.url, page.url)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return add_lightbox(output, page.url)

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        spec = self.by_src.get(page.file.src_uri)
        context["portal"] = self._portal_context(spec)
        context["zp_head"] = self._head(spec, page)
        if spec is not None:
            context["zp"] = spec.context
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        # Static templates (404.html) get no page context: give them the legal footer, URL scheme and search too.
        context["portal"] = self._portal_context(None)
        return context

    def _portal_context(self, spec: PageSpec | None) -> dict[str, Any]:
        return {
            "legal": self.config.legal,
            "urls": self.urls,
            "search_url": self.urls.search_page() if self.config.search else None,
            "page_kind": spec.kind if spec else None,
        }

    def _head(self, spec: PageSpec | None, page: Page) -> HeadTags:
        view = spec.context.get("view") if spec is not None and spec.kind == "post" else None
        feeds = self.feed_links.for_page(page.url, view)
        if view is not None:
            return post_head(self.site, view, page.canonical_url, feeds)
        description = spec.description if spec is not None else page.meta.get("description")
        title = spec.title if spec is not None else (page.title or self.site.name)
        return page_head(self.site, title=title, description=description, canonical=page.canonical_url, feeds=feeds)

    def _write_sitemap(self, config: MkDocsConfig) -> None:
        if self.render_job is None or self.pages is None or self._previewing():
            return
        pages = [(f.url, self.by_src.get(f.src_uri)) for f in self.render_job[2] if f.inclusion.is_included()]
        write_sitemap(Path(config.site_dir), sitemap_entries(pages, config.site_url or "", self.pages.newest_date))

    @event_priority(0)
    def _write_search_index(self, *, config: MkDocsConfig) -> None:
        """Index the site for search, into the staging folder, before `_publish` swaps it in."""
        site_dir = Path(config.site_dir)
        if not self.config.search:
            return
        assert self.pages is not None
        if self._previewing():
            self.preview.index_for_search(post_documents(self.pages), self.search_documents, site_dir)
            return
        documents = [*post_documents(self.pages), *self.search_documents]
        try:
            write_search_index(documents, site_dir)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None

    @event_priority(-100)  # after every other plugin has written its files
    def _publish(self, *, config: MkDocsConfig) -> None:
        self._write_sitemap(config)
        if not self._previewing():
            write_url_map(Path(config.site_dir), self.post_urls)
        if self.photos is not None:  # variants go into the staging folder, before it is swapped in
            report = self.photos.finish(Path(config.site_dir))
            stats = self.photos.stats
            log.info(
                f"zoneportal: {stats.distinct} ảnh, {stats.encoded} ảnh mã hóa mới, {stats.reused} lấy từ bộ đệm "
                f"({stats.encode_cpu_seconds:.1f} s CPU)."
            )
            self._stop_on_errors(report)
        if self.output is None or _strict_mode_will_abort(config):
            return
        self.output.commit()
        config.site_dir = str(self.output.final)

    on_post_build = CombinedEvent(_write_search_index, _publish)

    def on_build_error(self, *, error: Exception) -> None:
        if self.photos is not None:
            self.photos.abort()
        if self.output is not None:
            self.output.abort()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        project_root = Path(config.config_file_path or ".").resolve().parent
        server.watch(str(project_root / self.config.posts_dir))
        PreviewServer(server, self.preview)  # a failed rebuild shows its problems, never hangs
        return server


def _strict_mode_will_abort(config: MkDocsConfig) -> bool:
    """MkDocs raises its strict-mode abort after post_build: do not publish such a build."""
    if not config.strict:
        return False
    return any(
        isinstance(handler, CountHandler) and handler.get_counts() for handler in logging.getLogger("mkdocs").handlers
    )
