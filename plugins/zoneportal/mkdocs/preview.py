"""Live preview (`mkdocs serve --dirty`): what outlives rebuilds, and which pages a save changed.

The site folder of a dirty serve keeps its pages between rebuilds, so only pages whose fingerprint
changed are rendered again; posts are re-read only when their file changed (ContentCache), and the
views and related posts of unchanged posts are reused (RenderMemo).

A rebuild that fails never leaves the browser waiting: MkDocs' server holds every request until a
build succeeds, so the builder is wrapped (`PreviewServer`) to swallow the failure and, while it
lasts, every page answers with a Vietnamese list of the problems; its live-reload script brings the
real page back by itself once the file is fixed."""

from __future__ import annotations

import contextlib
import html
import logging
import os
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..content.post import Post
from ..content.problems import Problem, ProblemReport, Severity
from ..content.read_cache import FILE_NAME as STORED_POSTS
from ..content.read_cache import PostStore, reading_salt
from ..content.url_history import UrlHistory
from ..content.validate import REGISTRY_FILES, ContentCache
from ..output.search import BUNDLE_DIR, BundleCache, SearchDocument, SearchIndexError, write_search_index
from ..pages import PageSpec, PortalPages
from ..pages.fingerprint import Fingerprinter, changed_pages
from ..pages.model import RenderMemo
from ..plan import PortalPlan, plan_portal
from ..settings import PortalSettings
from ..vi import today_in_vietnam
from .output import stop_on_errors

log = logging.getLogger("mkdocs.plugins.zoneportal")


class TemplateCodeCache(BytecodeCache):
    """Compiled templates kept across preview rebuilds. MkDocs makes a new Jinja environment for
    every rebuild, and compiling Material's and our templates again was most of a rebuild (about
    1 s of 2 on the example portal). Jinja keys each entry by the template's source checksum, so an
    edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class PreviewState:
    def __init__(self) -> None:
        self.content_cache = ContentCache()
        self.render_memo = RenderMemo()
        self.fingerprints: dict[str, int] = {}
        self.post_tokens: dict[int, tuple[Post, int]] = {}
        # The problems of the last rebuild, when it failed: served instead of every page.
        self.problems: ProblemReport | None = None
        self.render_everything = False
        self.serving = False  # set once the live-reload server is wrapped (after the first build)
        self.docs_stale = False  # a rebuild failed: pages of docs/ are rendered again once one succeeds
        self.template_code = TemplateCodeCache()
        # `zoneportal serve` (serve/): builds render none of our pages, the preview renders each on request.
        self.on_demand = False
        self.env: Environment | None = None  # the last build's templates, for pages rendered on request
        # Search documents of pages written in docs/: a dirty rebuild renders only the changed ones.
        self.docs_documents: dict[str, SearchDocument] = {}
        self.search_digest: int | None = None
        self.indexer: threading.Thread | None = None
        # Shard bundles of this preview's earlier indexings: a save re-indexes only its post's shard.
        self.search_bundles = BundleCache(Path(tempfile.mkdtemp(prefix="zoneportal-preview-search-")))
        weakref.finalize(self, shutil.rmtree, self.search_bundles.folder, True)

    def index_for_search(
        self, posts: Iterable[SearchDocument], pages: Iterable[SearchDocument], site: Path, shard_size: int
    ) -> None:
        """Index in the background what search should hold after this rebuild (posts, and pages of
        docs/ as last rendered): the pages are served at once, search catches up a moment later
        (Pagefind takes about a second). Skipped when nothing search shows has changed."""
        for document in pages:
            self.docs_documents[document.url] = document
        everything = [*posts, *(self.docs_documents[url] for url in sorted(self.docs_documents))]
        digest = _search_digest(everything)
        if self.indexer is not None:
            self.indexer.join()  # one Pagefind at a time, in the order of the saves
        if digest == self.search_digest and (site / BUNDLE_DIR).is_dir():
            return
        self.search_digest = digest
        job = (everything, site, shard_size, self.search_bundles)
        self.indexer = threading.Thread(target=_index, args=job, name="zoneportal-search", daemon=True)
        self.indexer.start()

    def adopt(self, env: Environment) -> None:
        """A rebuild's Jinja environment: templates compiled by an earlier rebuild are reused."""
        env.bytecode_cache = self.template_code
        self.env = env

    def failed(self, report: ProblemReport) -> None:
        self.problems = report
        self.docs_stale = True

    def stop_on_errors(self, report: ProblemReport, command: str | None) -> None:
        """The build's stop (every problem logged, then one error); in a preview the problems are
        kept for the error page. The first build of a preview does not stop: MkDocs would give up
        before its server starts; what is valid is built and the server shows the problems."""
        if report.has_errors():
            self.failed(report)
            if command == "serve" and not self.serving:
                with contextlib.suppress(PluginError):
                    stop_on_errors(report)
                self.forget_output()
                return
        stop_on_errors(report)

    def refresh_docs_pages(self, files: Files, *, succeeded: bool) -> None:
        """Pages written in docs/ that a dirty rebuild would skip while their file is unchanged,
        though what they show changed: the home page (docs/index.md) lists the newest posts, so it
        is rendered on every rebuild; after a failed rebuild, once one succeeds, every docs page is
        (their navigation may be stale). Removing the output is how MkDocs is told: a page without
        output counts as modified."""
        everything = self.docs_stale and succeeded
        for file in files.documentation_pages():
            if file.generated_by is None and (everything or file.src_uri == "index.md"):
                Path(file.abs_dest_path).unlink(missing_ok=True)
        self.docs_stale = self.docs_stale and not everything

    def forget_output(self) -> None:
        """After a failed rebuild nothing on disk is trusted: the next good one renders every page."""
        self.render_everything = True
        self.docs_stale = True

    def pages_to_render(
        self,
        pages: PortalPages,
        generated: list[File],
        by_src: dict[str, PageSpec],
        config: MkDocsConfig,
        package_dir: Path,
        shared: object = None,
    ) -> list[File]:
        if self.on_demand:
            return []  # rendered when a browser asks for them (serve/session.py)
        salt = (self.content_cache.registry_key, newest_mtime(config, package_dir))
        previous = self.fingerprints
        fingerprinter = Fingerprinter(salt, self.post_tokens)
        fingerprinter.share(shared)  # site-wide context every page shows: menu, latest posts
        changed, self.fingerprints = changed_pages(pages, previous, fingerprinter)
        if self.render_everything:
            changed, self.render_everything = set(self.fingerprints), False
        for url in previous.keys() - self.fingerprints.keys():  # a renamed or deleted post
            (Path(config.site_dir) / url / "index.html").unlink(missing_ok=True)
        return [
            page_file
            for page_file in generated
            if by_src[page_file.src_uri].url in changed or not Path(page_file.abs_dest_path).exists()
        ]


def newest_mtime(config: MkDocsConfig, package_dir: Path) -> int:
    """Templates, styles and mkdocs.yml change every page: their newest mtime salts fingerprints."""
    roots = [package_dir / "templates", package_dir / "assets"]
    if config.theme.custom_dir:
        roots.append(Path(config.theme.custom_dir))
    stamps = [Path(config.config_file_path).stat().st_mtime_ns] if config.config_file_path else [0]
    stamps.extend(p.stat().st_mtime_ns for root in roots if root.is_dir() for p in root.rglob("*") if p.is_file())
    return max(stamps)


def _search_digest(documents: list[SearchDocument]) -> int:
    """What search shows of every document, hashed: the strings of documents kept from the last
    rebuild keep their hash (Python caches it), so this costs little more than a pass over them."""
    return hash(
        tuple(
            (d.url, d.title, d.summary, d.text, d.date_label, d.sort_date, d.keywords, *_filters(d)) for d in documents
        )
    )


def _filters(document: SearchDocument) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((name, tuple(values)) for name, values in sorted(document.filters.items()))


def _index(documents: list[SearchDocument], site: Path, shard_size: int, bundles: BundleCache) -> None:
    """Pagefind into a fresh folder, then swapped in: search never sees a half-written index."""
    fresh = site / f".{BUNDLE_DIR}-new"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        write_search_index(documents, fresh, shard_size=shard_size, bundles=bundles)
        built = fresh / BUNDLE_DIR
    except SearchIndexError as exc:
        log.error(str(exc))
        return
    old = site / f".{BUNDLE_DIR}-old"
    shutil.rmtree(old, ignore_errors=True)
    live = site / BUNDLE_DIR
    if live.exists():
        os.replace(live, old)
    os.replace(built, live)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(fresh, ignore_errors=True)


def plan_with_state(
    state: PreviewState,
    root: Path,
    settings: PortalSettings,
    command: str | None,
    published_site: Path,
    build_cache: str = "",
) -> PortalPlan:
    """The plan of this build, reusing what the live preview kept from the last rebuild; a
    `mkdocs build` with a build cache folder reuses the posts earlier builds read (read_cache.py)."""
    settings, history = planning_inputs(settings, command, published_site)
    cache, memo = state.content_cache, state.render_memo
    store = None
    if command != "serve" and build_cache:
        store = PostStore(root / build_cache / STORED_POSTS)
        posts_dir = root / settings.posts_dir
        store.open(reading_salt([posts_dir / name for name in REGISTRY_FILES]), root)
        cache.store, cache.by_stat = store, False
        memo.related_signature, memo.related = store.related_signature, store.related
    plan = plan_portal(root, settings, today_in_vietnam(), content_cache=cache, render_memo=memo, url_history=history)
    if store is not None:
        store.related_signature, store.related = memo.related_signature, memo.related
        if store.notice:
            log.warning(store.notice)
        try:
            store.save()
        except OSError as exc:  # a read-only cache folder slows the next build, nothing more
            log.warning(f"Không ghi được bộ nhớ đệm bài viết {store.file} ({exc.strerror}).")
        log.info(f"zoneportal: {store.reused} bài lấy từ bộ nhớ đệm, {store.added} bài đọc lại.")
    return plan


def planning_inputs(
    settings: PortalSettings, command: str | None, published_site: Path
) -> tuple[PortalSettings, UrlHistory | None]:
    """What a preview plans differently from a build: drafts are shown (with a banner; a build
    never publishes one), and URLs are not compared with the last published build's."""
    if command == "serve":
        return replace(settings, drafts=True), None
    return settings, UrlHistory.read(published_site, settings.urls.post)


class PreviewServer:
    """Wraps MkDocs' live-reload server (mkdocs<2: its `builder` attribute and `_serve_request`)."""

    def __init__(self, server: Any, state: PreviewState) -> None:
        self.server = server
        self.state = state
        self._build: Callable[..., None] = server.builder
        self._serve: Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes] | None] = server._serve_request
        server.builder = self.build
        server._serve_request = self.serve_request
        state.serving = True

    def build(self, config: Any = None) -> None:
        self.state.problems = None
        try:
            if config is None:
                self._build()
            else:
                self._build(config)
        except BaseException as exc:  # MkDocs' Abort is a SystemExit
            if isinstance(exc, KeyboardInterrupt):
                raise
            if self.state.problems is None:  # not our content report: a template or MkDocs error
                report = ProblemReport()
                report.error("(xây dựng)", _exception_text(exc))
                self.state.problems = report
            self.state.forget_output()
            log.error(
                "Xem trước: %d lỗi, trình duyệt đang hiện trang báo lỗi; lưu lại tệp sau khi sửa.",
                len(self.state.problems.errors),
            )

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes] | None:
        problems = self.state.problems
        path = environ.get("PATH_INFO", "")
        if problems is None or path.startswith("/livereload/") or not _is_page(path):
            return self._serve(environ, start_response)
        page = error_page(problems).encode("utf-8")
        page = self.server._inject_js_into_html(page, self.server._visible_epoch)
        start_response(
            "500 Internal Server Error",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page)))],
        )
        return [page]


def _is_page(path: str) -> bool:
    return path.endswith(("/", ".html")) or "." not in path.rsplit("/", 1)[-1]


def _exception_text(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if text == "Aborted with a BuildError!":
        text = "xây dựng bị dừng vì lỗi; xem thông báo trong cửa sổ lệnh."
    return text


def error_page(report: ProblemReport) -> str:
    """Every problem, grouped by file, in Vietnamese; no asset of the site is needed to show it."""
    groups: dict[str, list[Problem]] = {}
    for problem in report.ordered():
        groups.setdefault(problem.file, []).append(problem)
    errors = len(report.errors)
    sections = []
    for file, problems in groups.items():
        items = "".join(
            f'<li class="{"loi" if p.severity is Severity.ERROR else "canh-bao"}">'
            f"<span>{'Lỗi' if p.severity is Severity.ERROR else 'Cảnh báo'}</span> "
            f"{html.escape(_where(p))}{html.escape(p.message)}</li>"
            for p in problems
        )
        sections.append(f"<section><h2>{html.escape(file)}</h2><ul>{items}</ul></section>")
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Xem trước: có {errors} lỗi cần sửa</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; }}
h1 {{ color: #991b1b; font-size: 1.5rem; }} h2 {{ font-size: 1rem; font-family: monospace; margin: 1.5rem 0 .5rem; }}
ul {{ padding-left: 0; list-style: none; }} li {{ margin: .4rem 0; padding: .4rem .6rem; border-left: 4px solid; }}
li.loi {{ border-color: #b91c1c; background: #fef2f2; }} li.canh-bao {{ border-color: #b45309; background: #fffbeb; }}
li span {{ font-weight: 700; }}
</style></head>
<body><main>
<h1>Chưa xem trước được: có {errors} lỗi cần sửa</h1>
<p>Sửa các lỗi dưới đây rồi lưu tệp: trang này tự tải lại và hiện bài khi không còn lỗi.</p>
{"".join(sections)}
<p>{html.escape(report.render().splitlines()[-1])}</p>
</main></body></html>
"""


def _where(problem: Problem) -> str:
    parts = []
    if problem.line is not None:
        parts.append(f"dòng {problem.line}")
    if problem.field:
        parts.append(f"trường '{problem.field}'")
    return (", ".join(parts) + ": ") if parts else ""
