"""Write phase for generated pages: Markdown and templates rendered on every core.

MkDocs renders pages one after another in one process; with thousands of posts that loop is
the whole build. The plugin takes its generated pages out of MkDocs' loop (`on_nav`) and
renders them here (`on_env`, when navigation, theme and every other page are ready), in this process
and forked workers that share the build's state copy-on-write. Each page still passes through every
plugin's page events, in MkDocs' order, so other plugins see what they would have seen.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass, field

import jinja2
import markdown
import mkdocs
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

from ..workers import map_alongside_forks

log = logging.getLogger("mkdocs.plugins.zoneportal")

# Below this many pages per worker, forking costs more than it saves (templates are compiled before
# the fork, so a worker's start is the fork itself: a few milliseconds; a page is ~5 ms).
PARALLEL_THRESHOLD = 50


@dataclass
class RenderJob:
    pages: list[File]
    files: Files
    doc_files: Sequence[File]
    config: MkDocsConfig
    nav: Navigation
    env: jinja2.Environment
    templates: dict[str, str] = field(default_factory=dict)  # src_uri → template name, where known


@dataclass
class ChunkResult:
    written: int = 0
    failures: list[str] = field(default_factory=list)
    records: list[logging.LogRecord] = field(default_factory=list)


class RenderError(Exception):
    pass


# Set just before forking: workers inherit it instead of receiving a pickled copy of the build.
_JOB: RenderJob | None = None


def render_pages(job: RenderJob, workers: int) -> int:
    """Render and write every page of `job`; returns how many were written."""
    global _JOB
    count = len(job.pages)
    workers = min(workers, max(1, count // PARALLEL_THRESHOLD))
    _JOB = job
    try:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            results = [_render_chunk(list(range(count)), capture=False)]
        else:
            # One page of each template here first: Jinja compiles a template (and what it includes)
            # on first use, ~0.3 s for the theme; compiled before the fork, every worker shares it.
            first = _first_of_each_template(job)
            results = [_render_chunk(first, capture=False)]
            done = set(first)
            rest = [index for index in range(count) if index not in done]
            chunks = [rest[start::workers] for start in range(workers)]
            results += map_alongside_forks(chunks, workers, _render_here, _render_in_worker)
    finally:
        _JOB = None
    failures = []
    for result in results:
        for record in result.records:
            logging.getLogger(record.name).handle(record)
        failures.extend(result.failures)
    if failures:
        raise RenderError("\n".join(failures))
    return sum(result.written for result in results)


def _first_of_each_template(job: RenderJob) -> list[int]:
    """Index of the first page of each template (from our page plan: `template` in the page's meta
    is set when its Markdown is read; the file's page spec knows it before)."""
    seen: dict[str, int] = {}
    for index, file in enumerate(job.pages):
        seen.setdefault(job.templates.get(file.src_uri, "main.html"), index)
    return sorted(seen.values())


def _render_here(indices: list[int]) -> ChunkResult:
    return _render_chunk(indices, capture=False)


def _render_in_worker(indices: list[int]) -> ChunkResult:
    return _render_chunk(indices, capture=True)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # picklable, formatted once
        record.exc_info = None
        self.records.append(record)


def _render_chunk(indices: list[int], *, capture: bool) -> ChunkResult:
    job = _JOB
    assert job is not None, "render_pages sets the job before rendering"
    result = ChunkResult()
    capture_handler = _Capture() if capture else None
    mkdocs_log = logging.getLogger("mkdocs")
    saved = list(mkdocs_log.handlers)
    if capture_handler is not None:
        # The parent prints what workers log, so strict mode counts it and nothing prints twice.
        mkdocs_log.handlers = [capture_handler]
    try:
        for index in indices:
            file = job.pages[index]
            try:
                _render_one(job, file)
                result.written += 1
            except Exception as exc:  # one page's failure is reported with its name, not a traceback
                result.failures.append(f"Không dựng được trang '{file.src_uri}': {exc}")
    finally:
        mkdocs_log.handlers = saved
    if capture_handler is not None:
        result.records = capture_handler.records
    return result


def _render_one(job: RenderJob, file: File) -> None:
    write_file(page_output(job, file).encode("utf-8", errors="xmlcharrefreplace"), file.abs_dest_path)


def page_output(job: RenderJob, file: File) -> str:
    """One page through every plugin's page events and its template, as MkDocs builds it (the live
    preview serves this on demand, without writing it)."""
    config, plugins, files = job.config, job.config.plugins, job.files
    page = file.page if file.page is not None else Page(None, file, config)
    config._current_page = page
    try:
        page = plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        if page.markdown.strip() and not REUSE_MARKDOWN:
            page.render(config, files)
        elif page.markdown.strip():
            _render_markdown(page, config, files)
        else:
            _render_without_markdown(page)
        page.content = plugins.on_page_content(page.content or "", page=page, config=config, files=files)
        page.active = True
        context = get_context(job.nav, job.doc_files, config, page)
        template = job.env.get_template(page.meta.get("template", "main.html"))
        context = plugins.on_page_context(context, page=page, config=config, nav=job.nav)
        output = plugins.on_post_page(template.render(context), page=page, config=config)
        page.markdown, page.content = None, None  # thousands of pages: keep only what nav needs
        return output
    finally:
        page.active = False
        config._current_page = None


# One Markdown instance per process and build, reset between pages: building one with every extension
# is ~1 ms, a fifth of converting a post. Python-Markdown's `reset()` is its documented way to reuse an
# instance (extensions that keep state register for it).
_MARKDOWN: tuple[MkDocsConfig, markdown.Markdown] | None = None
# `_render_markdown` repeats MkDocs 1.6's `Page.render`; another MkDocs renders its own way.
REUSE_MARKDOWN = mkdocs.__version__.startswith("1.6.")


def _markdown_for(config: MkDocsConfig) -> markdown.Markdown:
    global _MARKDOWN
    if _MARKDOWN is None or _MARKDOWN[0] is not config:
        md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        _MARKDOWN = (config, md)
    return _MARKDOWN[1].reset()


def _render_markdown(page: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` of MkDocs 1.6 with a reused Markdown instance: the same page processors,
    registered afresh for each page (a processor registered under a taken name replaces it)."""
    assert page.markdown is not None
    md = _markdown_for(config)
    raw_html = _RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    relative_paths = _RelativePathTreeprocessor(page.file, files, config)
    relative_paths._register(md)
    title = _ExtractTitleTreeprocessor()
    title._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:  # as Page.render does
        page.links_to_anchors = relative_paths.links_to_anchors


def _render_without_markdown(page: Page) -> None:
    """What `Page.render` gives a page whose Markdown is blank (every listing and index page: ~6 000
    of 16 000 pages at 10 000 posts), without building a Markdown instance with every extension for
    it (~2 ms a page): Python-Markdown returns "" for blank text before any processor runs."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:  # as Page.render does
        page.links_to_anchors = {}


def render_or_stop(job: RenderJob, workers: int) -> None:
    """Render the pages; a page that cannot be rendered stops the build with its message."""
    try:
        render_pages(job, workers)
    except RenderError as exc:
        raise PluginError(str(exc)) from None
