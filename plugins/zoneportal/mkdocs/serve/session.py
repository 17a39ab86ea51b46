"""The portal of one live preview in memory, rendered page by page when a browser asks.

`mkdocs serve` rebuilt MkDocs' files and navigation (a File and a Page for each of ~16 000 pages
at 10 000 posts), fingerprinted every page and wrote the changed ones on every save: ~13 s a save
at 10 000 posts. Here MkDocs builds once (`build`: theme assets, pages of docs/, photos, search —
none of our generated pages, `PreviewState.on_demand`) and its files, navigation and Jinja
environment are kept. A save of posts (`update`) re-plans from the posts read before (only the
changed files are read again), brings the files in line with the new plan (a File and a Page only
for a page that is new) and forgets what was rendered; `page` renders one page, through the same
plugin events and templates as a build (page_writer.page_output), and keeps it until the next save.
Search is indexed in the background after the page is served."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import queue
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ...output.feeds import FeedLinks
from ...pages import PageKind, PageSpec
from ...pages.identity import IdentityError, default_menu, keep_existing, read_menu
from ...pages.listings import ordered_categories_of
from ...pages.urls import src_uri
from ...plan import PortalPlan, plan_portal
from ...vi import today_in_vietnam
from ..documents import attachment_files
from ..output import stop_on_errors
from ..page_writer import RenderJob, page_output
from ..photos import post_files
from ..plugin import ZonePortalPlugin
from ..preview import PreviewState, planning_inputs
from .changes import SavedFiles, WatchedProject
from .search import SearchMemo

log = logging.getLogger("mkdocs.plugins.zoneportal")

# Collecting garbage and indexing search wait this long after a save: the page a browser reloads comes first.
AFTER_SAVE_DELAY = 0.5
BACKGROUND_NICENESS = 10


class NeedsBuild(Exception):
    """A save the session cannot follow by re-planning (a post took a page of docs/): build again."""


@dataclass
class LiveSite:
    """What one build left for rendering on request."""

    config: MkDocsConfig
    plugin: ZonePortalPlugin
    generated: RenderJob  # our pages: every file, as page_writer renders them in a build
    docs: RenderJob  # pages of docs/: the files MkDocs itself renders them with (ours taken out)
    pages: dict[str, File]  # page URL ("" for the home page) → its file
    ours: dict[str, File]  # src_uri → file of each of our pages
    complete: bool  # the build planned every page (a broken post leaves the plan without pages)
    rss: dict[str, bytes] = field(default_factory=dict)


def page_key(url: str) -> str:
    return "" if url in ("", "./") else url


class PreviewSession:
    def __init__(self, config_file: Path, site_dir: Path, serve_url: str) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.site: LiveSite | None = None
        self.rendered: dict[str, bytes] = {}
        self.started = False
        self._lock = threading.RLock()  # one rebuild or one render at a time: they share MkDocs' objects
        # Search after each save, in order, on one daemon thread: stopping the preview never waits for Pagefind.
        self._after: queue.SimpleQueue[tuple[PreviewState, PortalPlan, int | None] | None] = queue.SimpleQueue()
        threading.Thread(target=self._after_saves, name="zoneportal-preview-search", daemon=True).start()
        self.search = SearchMemo()
        self._saves = 0
        self.saved = SavedFiles()  # filled by the server's watcher
        self.project: WatchedProject | None = None
        # Photo variants in the site folder since the last build: a save does not look for each on disk.
        self.variants: set[Path] = set()

    # --- builds ---------------------------------------------------------------------------------

    def load_config(self) -> MkDocsConfig:
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = self.serve_url
        return config

    def build(self) -> None:
        """MkDocs' build of everything but our pages; afterwards pages are rendered on request."""
        with self._lock:
            self.site, self.rendered, self.variants = None, {}, set()
            config = self.load_config()
            if not self.started:  # as `mkdocs serve` does, once per process
                config.plugins.on_startup(command="serve", dirty=True)
                self.started = True
            plugin = config.plugins["zoneportal"]
            assert isinstance(plugin, ZonePortalPlugin)
            plugin.preview.on_demand = True
            gc.unfreeze()  # what the last build kept may be garbage now
            build(config, serve_url=self.serve_url, dirty=True)
            self.site = _live_site(config, plugin)
            # What this build keeps (files, navigation, templates, posts) lives until the next build:
            # out of the collector's sight, a save's collections do not walk it again and again.
            gc.collect()
            gc.freeze()

    def watched(self) -> WatchedProject:
        config = self.site.config if self.site is not None else self.load_config()
        root = self.config_file.parent
        plugin = config.plugins["zoneportal"]
        assert isinstance(plugin, ZonePortalPlugin)
        settings = plugin.settings
        folders = [Path(config.docs_dir), root / settings.posts_dir, root / settings.documents.dir]
        folders += [Path(item).resolve() for item in config.watch]
        return WatchedProject(self.config_file, root / settings.posts_dir, tuple(folders))

    @property
    def state(self) -> PreviewState:
        config = self.site.config if self.site is not None else self.load_config()
        plugin = config.plugins["zoneportal"]
        assert isinstance(plugin, ZonePortalPlugin)
        return plugin.preview

    # --- a save of posts ------------------------------------------------------------------------

    def rebuild(self) -> None:
        """After saves: re-planning when only posts and their photos changed, else a build."""
        paths = self.saved.take()
        if self.project is not None and paths and self.project.posts_only(paths):
            self.update(paths)
        else:
            self.build()

    def update(self, saved: set[Path] | None = None) -> None:
        """Re-plan after a save of posts; a build when the last one did not plan every page.
        `saved`: every path the watcher saw change since the last re-plan or build (None: unknown,
        every post is looked at again).

        The cyclic garbage collector is paused from the save until a moment after it (a re-plan of
        10 000 posts makes about a million objects: collections were a quarter of a save, and the
        first one after it would land on the page the browser reloads); `_collect` runs it then."""
        gc.disable()
        self._saves += 1
        collector = threading.Timer(AFTER_SAVE_DELAY, self._collect, args=(self._saves,))
        collector.daemon = True
        try:
            self._update(saved)
        finally:
            collector.start()

    def _collect(self, save: int) -> None:
        with self._lock:  # never during a re-plan or a page
            gc.collect()
            if save == self._saves:  # a later save's own timer collects after it
                gc.enable()

    def _update(self, saved: set[Path] | None) -> None:
        with self._lock:
            site = self.site
            if site is None or not site.complete:
                self.build()
                return
            started, cpu = time.perf_counter(), time.thread_time()
            plugin = site.plugin
            settings, _history = planning_inputs(plugin.settings, "serve", self.site_dir)
            cache = plugin.preview.content_cache
            # Only these files are read and statted again; the rest of the archive is as the last load left it.
            cache.changed = frozenset(saved) if saved is not None else None
            # Search documents are made in the background, after the page is served (`_after_save`).
            plan = plan_portal(
                self.config_file.parent,
                replace(settings, search=False),
                today_in_vietnam(),
                content_cache=cache,
                render_memo=plugin.preview.render_memo,
            )
            planned = time.perf_counter()
            plugin.preview.stop_on_errors(plan.problems, "serve")  # errors: the problem page
            assert plan.photos is not None
            plan.photos.start()
            stop_on_errors(plan.photos.finish(self.site_dir, self.variants))  # new or changed photos only
            try:
                changed = self._apply(site, plan)
            except NeedsBuild:
                self.build()
                return
            except BaseException:
                self.site = None  # half brought in line: the next save builds everything again
                raise
            self.rendered = {}
            shard_size = settings.search_shard_size if settings.search else None
            self._after.put((plugin.preview, plan, shard_size))
            log.info(
                f"Xem trước: lập lại {len(plan.pages.specs)} trang ({changed} trang mới hoặc đổi) trong "
                f"{time.perf_counter() - started:.2f} s ({time.thread_time() - cpu:.2f} s CPU; lập kế hoạch "
                f"{planned - started:.2f} s)."
            )

    def _apply(self, site: LiveSite, plan: PortalPlan) -> int:
        """MkDocs' files made to match `plan`: contents of pages replaced, new pages added, gone ones removed."""
        plugin, config = site.plugin, site.config
        everything, doc_files = site.generated.files, site.generated.doc_files
        assert isinstance(doc_files, list)
        old_specs = plugin.planned.by_src
        by_src: dict[str, PageSpec] = {}
        changed = 0
        for spec in plan.pages:
            uri = src_uri(spec.url)
            by_src[uri] = spec
            file = site.ours.get(uri)
            if file is None and site.docs.files.get_file_from_path(uri) is not None:
                if spec.kind is PageKind.HOME:
                    continue  # docs/index.md is the home page's introduction
                raise NeedsBuild(uri)  # the build reports the clash with a page of docs/
            if file is None:
                inclusion = InclusionLevel.INCLUDED if spec.in_overview else InclusionLevel.NOT_IN_NAV
                file = File.generated(config, uri, content=spec.markdown, inclusion=inclusion)
                Page(None, file, config)
                everything.append(file)
                doc_files.append(file)
                site.ours[uri] = file
                site.pages[page_key(file.url)] = file
                plugin.planned.pages.append(file)
                changed += 1
            elif file.content_string != spec.markdown:
                file.content_string = spec.markdown
                changed += 1
            old = old_specs.get(uri)
            if spec.view is not None and (old is None or old.view is None or old.view.post is not spec.view.post):
                photos = plan.post_photos.get(spec.view.post.source.as_posix())
                for photo_file in post_files(spec.view.post, spec.url, photos, config):
                    if everything.get_file_from_path(photo_file.src_uri) is None:
                        everything.append(photo_file)
        gone = [uri for uri in site.ours if uri not in by_src]
        for uri in gone:
            file = site.ours.pop(uri)
            everything.remove(file)
            doc_files.remove(file)
            plugin.planned.pages.remove(file)
            site.pages.pop(page_key(file.url), None)
        self._publish_files(site, plan)
        plugin.plan = plan
        plugin.planned.by_src = by_src
        plugin.feed_links = FeedLinks(plan.feeds, plugin.settings.urls)
        plugin.look.latest = list(plan.pages.latest)
        if gone or changed:
            _refresh_menu(plugin, plan, set(site.pages))
        return changed + len(gone)

    def _publish_files(self, site: LiveSite, plan: PortalPlan) -> None:
        """Feeds and attachments are served from the site folder: written there when they changed."""
        everything, config = site.generated.files, site.config
        for path, rss in plan.rss.items():
            if site.rss.get(path) != rss:
                target = self.site_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(rss)
                file = everything.get_file_from_path(path)
                if file is None:
                    everything.append(File.generated(config, path, content=rss))
                else:
                    file.content_bytes = rss
        for gone in site.rss.keys() - plan.rss.keys():
            (self.site_dir / gone).unlink(missing_ok=True)
        site.rss = dict(plan.rss)
        for file in attachment_files(plan.documents, config):
            if everything.get_file_from_path(file.src_uri) is None:
                everything.append(file)
                file.copy_file(dirty=True)

    def _after_saves(self) -> None:
        while (job := self._after.get()) is not None:
            try:
                self._after_save(*job)
            except Exception as exc:  # search stays as it was; the next save tries again
                log.warning(f"Xem trước: chưa làm lại được chỉ mục tìm kiếm ({exc}).")

    def _after_save(self, state: PreviewState, plan: PortalPlan, shard_size: int | None) -> None:
        """A moment after the save (the browser has its page), search is indexed."""
        if shard_size is None:
            return
        time.sleep(AFTER_SAVE_DELAY)
        with self._lock:
            if self.site is None or self.site.plugin.plan is not plan:
                return  # a later save planned again: its own indexing follows
        documents = self.search.documents(plan)
        _background_priority()  # Pagefind, started from here, inherits it
        state.index_for_search(documents, [], self.site_dir, shard_size)

    # --- pages on request -----------------------------------------------------------------------

    def page(self, key: str) -> bytes | None:
        """The page at URL `key` as the last build plus the saves since would have written it."""
        with self._lock:
            site = self.site
            if site is None:
                return None
            cached = self.rendered.get(key)
            if cached is not None:
                return cached
            file = site.pages.get(key)
            if file is None:
                return None
            job = site.generated if site.ours.get(file.src_uri) is file else site.docs
            documents = site.plugin.search_documents
            count = len(documents)
            try:
                html = page_output(job, file)
            finally:
                del documents[count:]  # a page of docs/ rendered again: its search document is kept already
            cached = self.rendered[key] = html.encode("utf-8", errors="xmlcharrefreplace")
            return cached

    def has_page(self, key: str) -> bool:
        with self._lock:
            return self.site is not None and key in self.site.pages

    def close(self) -> None:
        """Stop: an indexing under way is abandoned (its thread is a daemon; Pagefind shares our signal)."""
        self._after.put(None)
        if self.site is not None:
            self.site.config.plugins.on_shutdown()


def _background_priority() -> None:
    """This thread, and the Pagefind it starts (a thread and a process inherit it on Linux), yield the
    cores to the next save and the pages a browser asks for."""
    # Not Linux, or not allowed: search just competes a little more.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)


def _live_site(config: MkDocsConfig, plugin: ZonePortalPlugin) -> LiveSite:
    assert plugin.render_job is not None and plugin.preview.env is not None and plugin.plan is not None
    nav, everything, doc_files = plugin.render_job
    env = plugin.preview.env
    ours = {file.src_uri: file for file in plugin.planned.pages}
    planned = {id(file) for file in plugin.planned.pages}
    docs_files = Files([file for file in everything if id(file) not in planned])
    docs_pages = docs_files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    templates = {src: spec.template for src, spec in plugin.planned.by_src.items()}
    generated = RenderJob([], everything, list(doc_files), config, nav, env, templates)
    docs = RenderJob([], docs_files, docs_pages, config, nav, env)
    pages = {page_key(file.url): file for file in everything.documentation_pages()}
    for file in everything.documentation_pages():
        if file.page is None:  # pages not in the nav: MkDocs makes their Page when it reads them
            Page(None, file, config)
    complete = not plugin.plan.problems.has_errors()
    return LiveSite(config, plugin, generated, docs, pages, ours, complete, dict(plugin.plan.rss))


def _refresh_menu(plugin: ZonePortalPlugin, plan: PortalPlan, pages: set[str]) -> None:
    """The top menu leaves out pages the site does not have (mkdocs/look.py): a category's first post
    makes its page, its last one removes it."""
    urls = plugin.settings.urls
    categories = [(c.name, urls.category(c.key)) for c in ordered_categories_of(plan.registry)]
    raw = list(plugin.settings.menu) or default_menu(categories, urls.albums(), urls.archive + "/")
    try:
        plugin.look.menu = keep_existing(read_menu(raw, categories), pages)
    except IdentityError as exc:  # the registry was read by the build already: cannot newly fail here
        log.error(str(exc))
