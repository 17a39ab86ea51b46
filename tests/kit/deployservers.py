"""Caddy and Apache (Debian's packages) serving a publish target with the shipped deploy/Caddyfile and
deploy/.htaccess, changed only in address, port and paths, started and stopped by the tests.
(nginx with deploy/nginx.conf is in webserver.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from kit.processes import stop_process

from .webserver import free_port

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
APACHE_MODULES = Path("/usr/lib/apache2/modules")


class ShippedServer:
    """A web server process in the foreground, for one test module."""

    name = "server"

    def __init__(self, workdir: Path, webroot: Path) -> None:
        self.workdir = workdir
        self.webroot = webroot  # the publish target: `current` is served
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def command(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        return dict(os.environ)

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        log = (self.workdir / "server.log").open("wb")
        self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT, env=self.env())
        deadline = time.monotonic() + 20  # a readiness wait, not a timed assertion
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url("/"), timeout=2):
                    return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer on port {self.port}:\n{self.log()}")

    def log(self) -> str:
        path = self.workdir / "server.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        stop_process(self.process, timeout=15)
        self.process = None


class CaddyServer(ShippedServer):
    name = "caddy"

    def command(self) -> list[str]:
        text = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
        adapted = text.replace("cong-thong-tin.tinh.gov.vn {", f"http://127.0.0.1:{self.port} {{")
        adapted = adapted.replace("root * /srv/zoneportal/current", f"root * {self.webroot / 'current'}")
        assert str(self.port) in adapted and str(self.webroot) in adapted, "deploy/Caddyfile changed shape"
        # No admin endpoint: other test runs on this machine may hold Caddy's default port 2019.
        config = self.workdir / "Caddyfile"
        config.write_text("{\n\tadmin off\n}\n\n" + adapted, encoding="utf-8")
        return [find_caddy() or "caddy", "run", "--config", str(config), "--adapter", "caddyfile"]

    def env(self) -> dict[str, str]:
        return {**os.environ, "XDG_DATA_HOME": str(self.workdir), "XDG_CONFIG_HOME": str(self.workdir)}


class ApacheServer(ShippedServer):
    """Apache reads deploy/.htaccess from the release itself (`zoneportal publish` puts it there)."""

    name = "apache"

    def command(self) -> list[str]:
        modules = ["mpm_event", "authz_core", "dir", "mime", "rewrite", "headers"]
        loads = "\n".join(f"LoadModule {m}_module {APACHE_MODULES / f'mod_{m}.so'}" for m in modules)
        current = self.webroot / "current"
        # Apache refuses to serve as root: as root (CI) its workers run as www-data, who can read the
        # release (publish makes it world-readable) when the path to it is world-traversable.
        user = "User www-data\nGroup www-data" if os.geteuid() == 0 else ""
        config = self.workdir / "httpd.conf"
        config.write_text(
            f"""ServerRoot {self.workdir}
ServerName 127.0.0.1
Listen 127.0.0.1:{self.port}
PidFile {self.workdir}/httpd.pid
ErrorLog {self.workdir}/error.log
Mutex file:{self.workdir}
{loads}
{user}
TypesConfig /etc/mime.types
DocumentRoot {current}
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory {current}>
    Options FollowSymLinks
    AllowOverride All
    Require all granted
</Directory>
""",
            encoding="utf-8",
        )
        return [find_apache() or "apache2", "-f", str(config), "-DFOREGROUND"]


def find_caddy() -> str | None:
    return shutil.which("caddy")


def find_apache() -> str | None:
    return shutil.which("apache2") or next((p for p in ("/usr/sbin/apache2",) if Path(p).is_file()), None)
