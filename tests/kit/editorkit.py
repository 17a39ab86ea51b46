"""The web editor's local backend for tests: a copy of the example project as a real git repository, and
decap-server (npm, editor/node_modules) writing into it, as `make edit` runs it on a staff member's machine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from kit.processes import stop_process
from kit.webserver import free_port

REPO = Path(__file__).resolve().parents[2]
DECAP_SERVER = REPO / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"
PROJECT_PARTS = ("posts", "docs", "documents", "overrides", "mkdocs.yml")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
GIT_IDENTITY = ["-c", "user.name=Kiểm thử", "-c", "user.email=kiem-thu@example.vn", "-c", "commit.gpgsign=false"]


def missing_for_editor() -> list[str]:
    missing = []
    if shutil.which("node") is None:
        missing.append("node not installed (apt-get install nodejs npm)")
    if not DECAP_SERVER.is_file():
        missing.append(
            f"decap-server not installed at {DECAP_SERVER.relative_to(REPO)} (npm ci --prefix editor --omit=dev)"
        )
    if shutil.which("git") is None:
        missing.append("git not installed")
    return missing


def require_editor_tools() -> None:
    """Skip (or, under CI, which installs them, fail) when node, decap-server or git is missing."""
    import pytest

    missing = missing_for_editor()
    if missing and IN_CI:
        pytest.fail("CI must run the editor tests, but: " + "; ".join(missing), pytrace=False)
    if missing:
        pytest.skip("editor tests NOT run: " + "; ".join(missing))


def git(project: Path, *args: str) -> str:
    result = subprocess.run(["git", *GIT_IDENTITY, *args], cwd=project, capture_output=True, text=True, check=True)
    return result.stdout


def copy_project(target: Path, editor_options: dict[str, Any]) -> Path:
    """The example portal copied into `target`, its editor set as given, committed in a fresh git repository."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            shutil.copy2(source, target / part)
    config_path = target / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "zoneportal" in plugin:
            plugin["zoneportal"]["editor"] = editor_options
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (target / ".gitignore").write_text("site/\n.cache/\n.site-*/\n", encoding="utf-8")
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Cổng mẫu")
    return target


def build(project: Path, site_dir: Path) -> None:
    """The project's own mkdocs.yml built in-process into `site_dir`."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir)))


class DecapServer:
    """decap-server in its file-system mode: what the editor saves lands straight in the project's files."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log = project.parent / f"decap-server-{self.port}.log"

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {
            **os.environ,
            "PORT": str(self.port),
            "BIND_HOST": "127.0.0.1",
            "MODE": "fs",
            "GIT_REPO_DIRECTORY": str(self.project),
            "LOG_LEVEL": "warn",
        }
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=log, stderr=subprocess.STDOUT)
        # A readiness wait, not a timed assertion: it bounds how long a broken start can hang.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"decap-server exited at start:\n{self.log.read_text(errors='replace')}")
            try:
                if self.info().get("type") == "local_fs":
                    return
            except (OSError, urllib.error.URLError, ValueError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"decap-server did not answer on port {self.port}")

    def info(self) -> dict[str, Any]:
        request = urllib.request.Request(
            self.api, data=b'{"action":"info"}', headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(request, timeout=2) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        stop_process(self.process, timeout=10)
        self.process = None
