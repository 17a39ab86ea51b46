"""`zoneportal serve`: MkDocs' live-reload server around a PreviewSession.

What MkDocs' server did stays: its long-poll live reload (`/livereload/<epoch>/…`, the script it
adds to every page), theme assets and photos served from a temporary site folder, its 404 page.
What changes:
- pages are rendered when asked for (session.page), not written on each save;
- the watcher is inotify (watchdog's native observer) instead of polling every file every 0.5 s —
  on 10 000 posts a poll is itself a noticeable share of a core, and up to half a second late;
  where inotify is unavailable (or out of watches) polling is kept;
- a save of posts re-plans (session.update); anything else builds again (session.build);
- a broken save shows the Vietnamese problem page (mkdocs/preview.py: PreviewServer) until fixed.
"""

from __future__ import annotations

import logging
import posixpath
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from ..preview import PreviewServer
from .changes import SavedFiles, WatchedProject
from .session import PreviewSession, page_key

log = logging.getLogger("mkdocs.plugins.zoneportal")

# Editors write a file in several steps (truncate, write, rename): saves this close together are one.
SETTLE_SECONDS = 0.05


class SaveWatcher(FileSystemEventHandler):
    """Records saves that matter and asks the server for a rebuild (LiveReloadServer's own watch
    rebuilds on any event, including a log file written in the project folder)."""

    def __init__(self, project: WatchedProject, saved: SavedFiles, server: LiveReloadServer) -> None:
        self.project, self.saved, self.server = project, saved, server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        found = [Path(_text(path)) for path in paths if path]
        found = [path for path in found if self.project.matters(path)]
        if not found:
            return
        for path in found:
            self.saved.add(path)
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def _text(path: str | bytes) -> str:
    return path.decode("utf-8", "surrogateescape") if isinstance(path, bytes) else path


def start_watching(project: WatchedProject, handler: SaveWatcher) -> BaseObserver:
    """inotify where it works; polling (MkDocs' own way) when it cannot watch every folder."""
    targets = [(folder, True) for folder in project.folders if folder.is_dir()]
    targets.append((project.config_file.parent, False))
    for observer_type in (Observer, PollingObserver):
        observer = observer_type() if observer_type is Observer else PollingObserver(timeout=0.5)
        try:
            for folder, recursive in targets:
                observer.schedule(handler, str(folder), recursive=recursive)
            observer.start()
            return observer
        except OSError as exc:  # e.g. fs.inotify.max_user_watches reached on a huge archive
            log.warning(f"Xem trước: không theo dõi được bằng inotify ({exc}); chuyển sang dò định kỳ.")
            observer.stop()
    raise RuntimeError("unreachable")


class PageRequests:
    """Pages rendered on request; everything else (assets, photos, search, feeds) as MkDocs serves it."""

    def __init__(self, server: LiveReloadServer, session: PreviewSession) -> None:
        self.server = server
        self.session = session
        self._static: Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes] | None] = server._serve_request

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        mount = self.server.mount_path
        if path.startswith("/livereload/") or not (path + "/").startswith(mount):
            return self._static(environ, start_response)
        relative = path[len(mount) :]
        key = _page_key(relative)
        if key is None:
            return self._static(environ, start_response)
        if relative and not relative.endswith(("/", ".html")) and self.session.has_page(key):
            start_response("302 Found", [("Location", quote(path) + "/")])
            return []
        server = self.server
        with server._epoch_cond:  # as MkDocs: never a page of a half-done rebuild
            server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
            epoch = server._visible_epoch
        body = self.session.page(key)
        if body is None:
            return self._static(environ, start_response)
        body = server._inject_js_into_html(body, epoch)
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))])
        return [body]


def _page_key(relative: str) -> str | None:
    """`tin-tuc/2023/05/x/`, `…/x/index.html` and `…/x` (redirected) → `tin-tuc/2023/05/x/`; None for a file."""
    relative = posixpath.normpath("/" + relative).lstrip("/") + ("/" if relative.endswith("/") else "")
    if relative in ("", "/", "index.html"):
        return ""
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    if relative.endswith("/") or relative.endswith(".html"):
        return page_key(relative)
    if "." in relative.rsplit("/", 1)[-1]:
        return None
    return relative + "/"


def serve_preview(config_file: Path, host: str, port: int) -> None:
    """Build once, then serve until Ctrl+C (or SIGTERM); pages are rendered on request."""
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a service manager or a test: the folder goes too
    site_dir = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    session: PreviewSession | None = None
    observer: BaseObserver | None = None
    try:
        mount_path = urlsplit(load_config(str(config_file)).site_url or "/").path  # as `mkdocs serve`
        session = PreviewSession(config_file, site_dir, _serve_url(host, port, mount_path))
        server = LiveReloadServer(
            builder=session.rebuild, host=host, port=port, root=str(site_dir), mount_path=mount_path
        )
        server.build_delay = SETTLE_SECONDS
        server.error_handler = lambda code: _error_page(site_dir, code)
        session.build()  # the first build: its problems are shown, the server starts all the same
        server._serve_request = PageRequests(server, session)  # type: ignore[method-assign]
        PreviewServer(server, session.state)  # a failed rebuild shows its problems, never hangs
        session.project = session.watched()
        observer = start_watching(session.project, SaveWatcher(session.project, session.saved, server))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Đang dừng xem trước…")
        finally:
            server.shutdown()
    finally:
        if observer is not None:
            observer.stop()
        if session is not None:
            session.close()
        shutil.rmtree(site_dir, ignore_errors=True)


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
