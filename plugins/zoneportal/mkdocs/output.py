"""Problems as MkDocs reports them, and after MkDocs has written the site: the search index, the
sitemap of every page, and whether the build may be published."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ..content.problems import ProblemReport, Severity
from ..content.url_history import write_url_map
from ..output.build_cache import CacheUnusable
from ..output.finish import finish_site
from ..output.finish_cache import FinishedPages
from ..output.search import (
    BundleCache,
    SearchDocument,
    SearchIndexError,
    SearchIndexRun,
    html_text,
    page_document,
    write_search_index,
)
from ..output.sitemap import sitemap_entries, write_sitemap
from ..output.staging import OutputError, StagedOutput
from ..pages import PageSpec
from ..plan import PortalPlan
from ..settings import PortalSettings

if TYPE_CHECKING:
    from ..output.build_cache import BuildCache
    from .build_cache import PageCache

log = logging.getLogger("mkdocs.plugins.zoneportal")
# Pagefind bundles of search shards, inside the build cache's folder (output/search/bundles.py).
SEARCH_BUNDLES = "search"


def stop_on_errors(report: ProblemReport) -> None:
    """The same report as `zoneportal check`, grouped by file, errors before warnings; errors stop
    the build once, after every problem was logged."""
    for problem in report.ordered():
        (log.error if problem.severity is Severity.ERROR else log.warning)(str(problem))
    if report.has_errors():
        raise PluginError(report.render().splitlines()[-1])


def log_warnings(warnings: Iterable[str]) -> None:
    for warning in warnings:
        log.warning(warning)


def write_portal_sitemap(
    plan: PortalPlan, doc_files: Iterable[File], by_src: dict[str, PageSpec], config: MkDocsConfig
) -> None:
    """Every page in the order MkDocs knows them; pages written in docs/ get no lastmod."""
    pages = []
    for file in doc_files:
        if file.inclusion.is_included():
            spec = by_src.get(file.src_uri)
            pages.append((file.url, plan.sitemap.get(spec.url) if spec is not None else None))
    write_sitemap(Path(config.site_dir), sitemap_entries(pages, config.site_url or ""))


def write_portal_search_index(
    documents: list[SearchDocument],
    site_dir: Path,
    settings: PortalSettings,
    cache: BuildCache | None = None,
) -> SearchIndexRun:
    """The Pagefind index of the site, in shards of `search_shard_size` documents; with the build
    cache, documents are linked from it and only shards whose documents changed run Pagefind."""
    try:
        if cache is None:
            run = write_search_index(documents, site_dir, shard_size=settings.search_shard_size)
        else:
            bundles = BundleCache(cache.folder / SEARCH_BUNDLES, cache.code_salt)
            run = write_search_index(
                documents,
                site_dir,
                write=cache.search_document,
                shard_size=settings.search_shard_size,
                bundles=bundles,
                reused=cache.keep_search_documents,
            )
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    if len(run.shards) > 1 or run.reused:
        log.info(
            f"Chỉ mục tìm kiếm: {len(run.shards)} phần, {len(run.indexed)} phần chạy Pagefind, "
            f"{len(run.reused)} phần lấy từ bộ nhớ đệm."
        )
    for name, peak in run.peak_rss.items():
        log.debug(f"Pagefind, phần {name or 'chính'}: bộ nhớ tối đa {peak / 2**20:.0f} MB")
    return run


def strict_mode_will_abort(config: MkDocsConfig) -> bool:
    """MkDocs raises its strict-mode abort after post_build: do not publish such a build."""
    if not config.strict:
        return False
    return any(
        isinstance(handler, CountHandler) and handler.get_counts() for handler in logging.getLogger("mkdocs").handlers
    )


def docs_search_document(html: str, page: Page) -> SearchDocument:
    """A page written in docs/, as MkDocs rendered it in this process; posts' search documents are
    in the plan (from their Markdown), since posts are rendered in worker processes."""
    text, description = html_text(html), page.meta.get("description")
    return page_document(url=page.url, title=page.title or "", body_text=text, description=description)


def finish_for_web(config: MkDocsConfig, settings: PortalSettings, cached: FinishedPages | None = None) -> None:
    """Ready the staged site for a public web server (hashed names, scripts out of pages, .gz/.br);
    `cached`: pages finished by an earlier build, linked from the build cache."""
    search_page = settings.urls.search_page() if settings.search else None
    try:
        finished = finish_site(Path(config.site_dir), config.site_url, search_page, cached, settings.workers)
    except CacheUnusable as exc:  # a stored page went missing while this build ran
        cache = cached.cache.folder if cached is not None else "?"
        raise PluginError(f"Bộ nhớ đệm dựng trang {cache} bị thay đổi trong lúc dựng ({exc}); hãy dựng lại.") from None
    log_warnings(finished.warnings)


def finish_build(
    config: MkDocsConfig, settings: PortalSettings, cache: PageCache | None, rendered: list[File], serving: bool
) -> None:
    """Pages as rendered go into the build cache; then, unless a live preview serves them as they
    are, the site is finished for the web (finished pages are written as new files) and the cache saved."""
    finished = cache.finish(rendered) if cache is not None else None
    if not serving:
        finish_for_web(config, settings, finished)
    if cache is not None:
        cache.save()


def begin_staging(config: MkDocsConfig, settings: PortalSettings) -> StagedOutput:
    """Take the build lock and point MkDocs at a fresh staging folder; `commit()` swaps it in."""
    output = StagedOutput(Path(config.site_dir), settings.build_lock_timeout)
    try:
        config.site_dir = str(output.begin())
    except OutputError as exc:
        raise PluginError(f"zoneportal: {exc}") from None
    return output


def write_site_maps(
    plan: PortalPlan, doc_files: Iterable[File], by_src: dict[str, PageSpec], config: MkDocsConfig
) -> None:
    """The sitemap for search engines and the URL map the next `check` compares post URLs with."""
    write_portal_sitemap(plan, doc_files, by_src, config)
    write_url_map(Path(config.site_dir), plan.post_urls)


def index_for_search(
    plan: PortalPlan,
    docs_pages: list[SearchDocument],
    site_dir: Path,
    settings: PortalSettings,
    cache: BuildCache | None,
) -> SearchIndexRun:
    """The Pagefind index of a build: posts and register entries from the plan, pages of docs/ as
    MkDocs rendered them; `cache`: the build cache (documents and shard bundles of earlier builds)."""
    return write_portal_search_index([*plan.search_documents, *docs_pages], site_dir, settings, cache)
