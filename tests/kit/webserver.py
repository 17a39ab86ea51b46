"""A real static web server for the end-to-end tests: Debian's nginx on 127.0.0.1, started and stopped here.

The configuration is the minimum a board's IT staff would write for a static site: a root (or an
alias for a sub-path), an index file and the 404 page. No rewrite rules, so every link the site
makes must point at a file that exists.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")


def find_nginx() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return next((c for c in NGINX_CANDIDATES if Path(c).is_file()), None)


def free_port() -> int:
    """A port nobody listens on now; nginx binds it a moment later (a clash fails loudly at start)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Mount:
    """A built site served at `prefix` ("/" or "/cong-thong-tin/")."""

    prefix: str
    site: Path


SHIPPED_CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


def adapt_shipped_config(text: str, port: int, webroot: Path) -> str:
    """deploy/nginx.conf as a board would install it, changed only where the board changes it: the
    listening address (a free loopback port) and the root (the test's `current`)."""
    adapted = text.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("listen [::]:80;", "")
    adapted = adapted.replace("root /srv/zoneportal/current;", f"root {webroot};")
    assert adapted.count(f"root {webroot};") == 1 and f"127.0.0.1:{port}" in adapted, "deploy/nginx.conf changed shape"
    return adapted


def render_config(workdir: Path, port: int, mounts: list[Mount], shipped_root: Path | None = None) -> str:
    root = next((m for m in mounts if m.prefix == "/"), None)
    locations = []
    for mount in mounts:
        if mount.prefix == "/":
            continue
        # `alias` maps the sub-path onto the folder; the 404 page is the one built for that sub-path.
        locations.append(
            f"""
        location {mount.prefix} {{
            alias {mount.site}/;
            index index.html;
            error_page 404 {mount.prefix}404.html;
        }}"""
        )
    mime = f"include {MIME_TYPES};" if MIME_TYPES.is_file() else FALLBACK_TYPES
    if shipped_root is not None:
        server = adapt_shipped_config(SHIPPED_CONFIG.read_text(encoding="utf-8"), port, shipped_root)
    else:
        server = f"""server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        {f"root {root.site};" if root else ""}
        index index.html;
        error_page 404 /404.html;
        {"".join(locations)}
    }}"""
    # Running as root (CI), workers would otherwise switch to an account that cannot read pytest's 0700 temp dirs.
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""
{user}
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    {mime}
    default_type application/octet-stream;
    access_log {workdir}/access.log;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    {server}
}}
"""


FALLBACK_TYPES = """types {
        text/html html; text/css css; text/javascript js mjs; application/json json;
        image/svg+xml svg; image/png png; image/jpeg jpg jpeg; image/webp webp; image/avif avif;
        image/gif gif; font/woff2 woff2; application/wasm wasm; application/xml xml; image/x-icon ico;
    }"""


class StaticServer:
    """nginx in the foreground (daemon off) as a child process of the test session."""

    def __init__(self, workdir: Path, mounts: list[Mount], nginx: str, shipped_root: Path | None = None) -> None:
        """`shipped_root`: serve that folder (a publish target's `current`) with deploy/nginx.conf instead."""
        self.workdir = workdir
        self.mounts = mounts
        self.shipped_root = shipped_root
        self.nginx = nginx
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.origin + path

    def start(self, port: int | None = None) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        conf = self.workdir / "nginx.conf"
        conf.write_text(render_config(self.workdir, self.port, self.mounts, self.shipped_root), encoding="utf-8")
        check = subprocess.run(
            [self.nginx, "-t", "-q", "-p", str(self.workdir), "-e", str(self.workdir / "error.log"), "-c", str(conf)],
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected its test configuration:\n{check.stderr}")
        self.process = subprocess.Popen(
            [self.nginx, "-p", str(self.workdir), "-e", str(self.workdir / "error.log"), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_until_serving()

    def _wait_until_serving(self) -> None:
        # A readiness wait, not a timed assertion: it only bounds how long a broken start can hang.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"nginx exited at start ({self.process.returncode}):\n{err}\n{self.error_log()}")
            try:
                with urllib.request.urlopen(self.url("/"), timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answered (a 404 at "/" is still an answer)
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"nginx did not answer on port {self.port}:\n{self.error_log()}")

    def error_log(self) -> str:
        log = self.workdir / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: nginx's fast shutdown, master then workers
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stderr:
            self.process.stderr.close()
        self.process = None
