"""MkDocs adapter: the core plans the portal (plan.py); this turns the plan into MkDocs files,
hands our pages to the page writer, and publishes the staged site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..output.feeds import FeedLinks
from ..output.search import SearchDocument
from ..output.staging import StagedOutput
from ..plan import PortalPlan
from ..settings import PortalSettings
from ..workers import worker_count
from . import output as out
from .build_cache import PageCache, open_page_cache
from .config import PortalConfig, portal_settings
from .context import head_tags, portal_context, set_page_meta
from .editor import add_admin_files
from .escaping import autoescape_portal_templates, escape_site_settings
from .files import PACKAGE_DIR, PlannedFiles, add_assets, add_planned_files, register_theme, watched_folders
from .look import PortalLook, add_look_files, prepare_look
from .page_html import page_html
from .page_writer import RenderJob, render_or_stop
from .photos import add_lightbox, finish_photos, register_filters
from .preview import PreviewServer, PreviewState, plan_with_state


class ZonePortalPlugin(BasePlugin[PortalConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.preview = PreviewState()  # outlives rebuilds in `mkdocs serve`
        self._reset()

    def _reset(self) -> None:
        self.settings = PortalSettings()
        self.plan: PortalPlan | None = None
        self.planned = PlannedFiles()
        self.render_job: tuple[Navigation, Files, list[File]] | None = None
        self.output: StagedOutput | None = None
        self.feed_links = FeedLinks([], self.settings.urls)
        self.search_documents: list[SearchDocument] = []  # pages of docs/, as MkDocs renders them
        self.look = PortalLook()
        self.page_cache: PageCache | None = None  # `mkdocs build`: pages kept from earlier builds
        self.rendered: list[File] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.on_shutdown()  # a build in this process that never reached commit/abort
        self._reset()  # `mkdocs serve` keeps this object across rebuilds
        self.settings, self.look = prepare_look(self.config, config, portal_settings)
        escape_site_settings(config)  # after the settings took the plain text
        register_theme(config)
        if self.settings.atomic_output and self.command != "serve":
            self.output = out.begin_staging(config, self.settings)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path or ".").resolve().parent
        published = self.output.final if self.output is not None else Path(config.site_dir)
        self.plan = plan = plan_with_state(
            self.preview, root, self.settings, self.command, published, self.config.build_cache
        )
        self.preview.stop_on_errors(plan.problems, self.command)
        assert plan.photos is not None
        plan.photos.start()  # encoding runs on every core while MkDocs renders the pages
        self.planned = add_planned_files(plan, files, config)
        self.preview.stop_on_errors(self.planned.problems, self.command)
        if self._previewing():
            self.preview.refresh_docs_pages(files, succeeded=not plan.problems.has_errors())
        add_assets(files, config)
        add_look_files(self.look, self.settings, plan, files, config)
        add_admin_files(files, config, plan, self.config.editor, self.settings)
        self.feed_links = FeedLinks(plan.feeds, self.settings.urls)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # Our pages leave MkDocs' one-by-one render loop; on_env renders them on every core.
        everything = Files(list(files))
        doc_files = everything.documentation_pages()
        for page_file in self.planned.pages:
            files.remove(page_file)
        self.render_job = (nav, everything, doc_files)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        register_filters(env)  # before any page is rendered: templates show photos with them
        autoescape_portal_templates(env, PACKAGE_DIR / "templates")
        if self.command == "serve":
            self.preview.adopt(env)  # templates compiled once; kept for pages rendered on request
        if self.render_job is not None:
            nav, everything, doc_files = self.render_job
            self.rendered = self._pages_to_render(config)
            templates = {src: spec.template for src, spec in self.planned.by_src.items()}
            job = RenderJob(self.rendered, everything, doc_files, config, nav, env, templates)
            render_or_stop(job, worker_count(self.settings.workers))
        return env

    def _previewing(self) -> bool:  # `mkdocs serve --dirty`: the site folder outlives rebuilds
        return self.command == "serve" and self.dirty

    def _pages_to_render(self, config: MkDocsConfig) -> list[File]:
        """All our pages; in `mkdocs serve --dirty`, only those whose content changed since the
        last rebuild (the site folder keeps the others), so a save previews in about a second."""
        plan, pages, by_src = self.plan, self.planned.pages, self.planned.by_src
        if plan is not None and self.command != "serve" and self.render_job:
            self.page_cache = open_page_cache(config, self.config.build_cache)
        if plan is not None and self.page_cache is not None and self.render_job:
            return self.page_cache.select(plan, pages, by_src, config, self.render_job[0], self.look)
        if not (self._previewing() and plan is not None):
            return pages
        return self.preview.pages_to_render(plan.pages, pages, by_src, config, PACKAGE_DIR, self.look)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.planned.by_src.get(page.file.src_uri)
        if spec is not None:
            set_page_meta(page, spec)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.planned.by_src.get(page.file.src_uri)
        if self.settings.search and spec is None and not page.is_homepage:
            self.search_documents.append(out.docs_search_document(html, page))
        documents = self.plan.documents if self.plan is not None else None
        return page_html(html, spec, self.settings, page.url, documents, self.planned.templates)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return add_lightbox(output, page.url)

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        spec = self.planned.by_src.get(page.file.src_uri)
        context["portal"] = portal_context(self.settings, spec, self.look)
        context["zp_head"] = head_tags(self.settings, self.feed_links, spec, page)
        if spec is not None:
            context["zp"] = spec.context
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        # Static templates (404.html) get no page context: give them the legal footer, URL scheme and search too.
        context["portal"] = portal_context(self.settings, None, self.look)
        return context

    @event_priority(0)
    def _write_search_index(self, *, config: MkDocsConfig) -> None:
        """Index the site for search, into the staging folder, before `_publish` swaps it in."""
        if self.settings.search and self.plan is not None:
            site, documents = Path(config.site_dir), self.search_documents
            if self._previewing():  # indexed in the background: pages are served at once
                shard_size = self.settings.search_shard_size
                return self.preview.index_for_search(self.plan.search_documents, documents, site, shard_size)
            out.index_for_search(self.plan, documents, site, self.settings, self.page_cache and self.page_cache.cache)

    @event_priority(-100)  # after every other plugin has written its files
    def _publish(self, *, config: MkDocsConfig) -> None:
        if self.render_job is not None and self.plan is not None and not self._previewing():
            out.write_site_maps(self.plan, self.render_job[2], self.planned.by_src, config)
        if self.plan is not None and self.plan.photos is not None:  # variants: into staging, before the swap
            out.stop_on_errors(finish_photos(self.plan.photos, Path(config.site_dir)))
        out.finish_build(config, self.settings, self.page_cache, self.rendered, serving=self.command == "serve")
        if self.output is None or out.strict_mode_will_abort(config):
            return  # strict mode: MkDocs aborts next and on_build_error drops the staging folder
        self.output.commit()
        config.site_dir = str(self.output.site_dir)
        self.output = None

    on_post_build = CombinedEvent(_write_search_index, _publish)

    def on_build_error(self, *, error: Exception) -> None:
        if self.plan is not None and self.plan.photos is not None:
            self.plan.photos.abort()
        self.on_shutdown()

    def on_shutdown(self) -> None:
        if self.output is not None:
            self.output.abort()
            self.output = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in watched_folders(Path(config.config_file_path or ".").resolve().parent, self.settings):
            server.watch(folder)
        PreviewServer(server, self.preview)  # a failed rebuild shows its problems, never hangs
        return server
