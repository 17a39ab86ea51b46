"""`zoneportal build` and `zoneportal serve`: MkDocs run in-process, its output said in Vietnamese.

MkDocs' own command line ends a failed build with "Aborted with a BuildError!" and a busy port
with a long English traceback. Here our problem list is printed as the plugin logs it, MkDocs'
chatter is kept out (unless --verbose), and every run ends with one Vietnamese line."""

from __future__ import annotations

import errno
import logging
import socket
import sys
import time
from pathlib import Path
from typing import TextIO

PLUGIN_LOGGER = "mkdocs.plugins.zoneportal"
# MkDocs' info lines ("Cleaning site directory", "Building documentation to directory", …).
_QUIET_INFO = ("mkdocs.commands", "mkdocs.structure", "mkdocs.config", "mkdocs.livereload", "mkdocs.utils")
# MkDocs repeats the plugin's error as the reason of its BuildError: said once, by our summary.
_BUILD_LOGGER = "mkdocs.commands.build"
_DIRTY_NOTICE = "A 'dirty' build is being performed"


class PortalLogHandler(logging.Handler):
    """Our messages as they are (already Vietnamese, with file:line); MkDocs' warnings marked as
    such; MkDocs' progress lines only when asked."""

    def __init__(self, stream: TextIO, verbose: bool) -> None:
        super().__init__(logging.DEBUG)
        self.stream = stream
        self.verbose = verbose
        self.errors = 0
        self.warnings = 0
        self.build_error: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        ours = record.name.startswith(PLUGIN_LOGGER)
        if record.levelno >= logging.ERROR:
            self.errors += 1
        elif record.levelno >= logging.WARNING:
            self.warnings += 1
        if message.startswith(_DIRTY_NOTICE):
            return  # `zoneportal serve` is a dirty build on purpose; the preview keeps pages exact
        if record.name == _BUILD_LOGGER and record.levelno >= logging.ERROR and not self.verbose:
            self.build_error = message  # the summary of the report printed above
            return
        if record.name.startswith("mkdocs.livereload") and '"GET ' in message and not self.verbose:
            return  # one line per request (the preview's error page answers 500): noise
        if not ours and record.levelno < logging.WARNING:
            if not self.verbose:
                return
            text = f"MkDocs: {message}"
        elif ours:
            text = message
        else:
            level = "lỗi" if record.levelno >= logging.ERROR else "cảnh báo"
            text = f"[{level} của MkDocs] {message}"
        self.stream.write(text + "\n")
        self.stream.flush()


def install_logging(verbose: bool, stream: TextIO | None = None) -> PortalLogHandler:
    handler = PortalLogHandler(stream or sys.stderr, verbose)
    root = logging.getLogger("mkdocs")
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False
    return handler


def build_portal(config_file: Path, *, verbose: bool = False, strict: bool = False) -> int:
    """One build; the last line says, in Vietnamese, whether site/ was replaced."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    if not config_file.is_file():
        print(f"Lỗi: không tìm thấy {config_file}; hãy chạy lệnh trong thư mục dự án.", file=sys.stderr)
        return 2
    handler = install_logging(verbose)
    started = time.monotonic()
    try:
        config = load_config(str(config_file), strict=strict or None)
    except (ConfigurationError, SystemExit) as exc:
        print(f"Xây dựng thất bại: {config_file} không hợp lệ ({exc}).", file=sys.stderr)
        return 1
    site = _shown(Path(config.site_dir), config_file)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    except (MkDocsException, SystemExit, Exception) as exc:  # every failure ends in the one line below
        reason = handler.build_error or _reason(exc)
        print(f"Xây dựng thất bại: {reason} Thư mục {site}/ cũ được giữ nguyên.", file=sys.stderr)
        return 1
    finally:
        config.plugins.on_shutdown()
    seconds = time.monotonic() - started
    warned = f", {handler.warnings} cảnh báo (xem ở trên)" if handler.warnings else ""
    print(f"Đã xây dựng cổng vào {site}/ trong {seconds:.1f} giây{warned}.".replace(".", ",", 1), file=sys.stderr)
    return 0


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    if text.startswith("Aborted with") and "strict mode" in text:
        return "có cảnh báo trong chế độ nghiêm ngặt (--strict)."
    if not text or text.startswith("Aborted with"):
        return "có lỗi (xem ở trên)."
    return text if text.endswith(".") else text + "."


def _shown(path: Path, config_file: Path) -> str:
    try:
        return path.resolve().relative_to(config_file.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As MkDocs' server binds: a port left in TIME_WAIT by a stopped preview is free to use.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def busy_port_message(host: str, port: int) -> str:
    return (
        f"Lỗi: cổng {port} trên {host} đang được một chương trình khác dùng (có thể là một lần "
        f"'make serve' khác). Hãy tắt chương trình đó, hoặc chọn cổng khác: make serve PORT={port + 1}"
    )


def serve_portal(config_file: Path, host: str, port: int) -> int:
    """The live preview (mkdocs/serve/server.py) on host:port; a busy port is one Vietnamese line, not a traceback."""
    from mkdocs.exceptions import MkDocsException

    from .serve.server import serve_preview

    if not config_file.is_file():
        print(f"Lỗi: không tìm thấy {config_file}; hãy chạy lệnh trong thư mục dự án.", file=sys.stderr)
        return 2
    if port_in_use(host, port):
        print(busy_port_message(host, port), file=sys.stderr)
        return 1
    install_logging(verbose=False)
    print(f"Xem trước tại http://{host}:{port}/ — trang tự cập nhật sau mỗi lần lưu. Dừng: Ctrl+C.", file=sys.stderr)
    try:
        serve_preview(config_file.resolve(), host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(busy_port_message(host, port), file=sys.stderr)
            return 1
        print(f"Lỗi: không chạy được xem trước ({exc.strerror or exc}).", file=sys.stderr)
        return 1
    except (MkDocsException, SystemExit) as exc:
        print(f"Xem trước dừng vì lỗi: {_reason(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    print("Đã dừng xem trước.", file=sys.stderr)
    return 0
