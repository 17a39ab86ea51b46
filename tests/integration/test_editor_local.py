"""`zoneportal edit` (`make edit`): decap-server and `zoneportal serve` side by side on this machine. A post the
editor saves (here through decap-server's own API, as the editor sends it) lands in posts/ and shows on the
live preview; the editor's backend is the local one whatever mkdocs.yml names; Ctrl+C stops both."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from kit.editorkit import REPO, copy_project, require_editor_tools
from kit.webserver import free_port

POST = """---
title: Tin soạn trên máy
date: 2026-11-21 08:00
author: le-minh-khoa
committee: dang-bo-bql
categories:
  - tin-hoat-dong
---
Nội dung viết trong trình soạn bài.
"""


def fetch(url: str, data: dict | None = None) -> bytes:  # type: ignore[type-arg]
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"{url}: {exc.code} {exc.read()[:300]!r}") from None


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 180) -> bytes:
    """Poll until `url` answers 200 (bounded; the first build of the example takes a while)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "zoneportal edit stopped early"
        try:
            return fetch(url)
        except (OSError, urllib.error.URLError, AssertionError):
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer")


def test_make_edit_serves_the_local_editor_and_previews_what_it_saves(tmp_path: Path) -> None:
    require_editor_tools()
    forgejo = {"backend": "forgejo", "repo": "bql/cong", "base_url": "https://git.example.vn", "app_id": "x"}
    project = copy_project(tmp_path / "du-an", forgejo)
    (project / "editor").symlink_to(REPO / "editor", target_is_directory=True)
    site_port, backend_port = free_port(), free_port()
    command = [sys.executable, "-m", "zoneportal.cli", "edit", "--port", str(site_port)]
    process = subprocess.Popen(
        [*command, "--backend-port", str(backend_port)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        config = yaml.safe_load(wait_for(f"http://127.0.0.1:{site_port}/admin/config.yml", process))
        assert config["backend"]["name"] == "proxy"  # mkdocs.yml says forgejo: `make edit` is local
        assert config["backend"]["proxy_url"] == f"http://127.0.0.1:{backend_port}/api/v1"

        api = f"http://127.0.0.1:{backend_port}/api/v1"
        entry = {"slug": "2026/tin-soan-tren-may/index", "path": "posts/2026/tin-soan-tren-may/index.md", "raw": POST}
        options = {"collectionName": "posts", "commitMessage": "Tạo bài", "useWorkflow": False, "status": "draft"}
        fetch(
            api,
            {"action": "persistEntry", "params": {"branch": "main", "entry": entry, "assets": [], "options": options}},
        )
        assert (project / "posts/2026/tin-soan-tren-may/index.md").read_text(encoding="utf-8") == POST

        page = wait_for(f"http://127.0.0.1:{site_port}/tin-tuc/2026/11/tin-soan-tren-may/", process).decode()
        assert "Nội dung viết trong trình soạn bài." in page
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    text = output.decode(errors="replace")
    assert process.returncode == 0, text
    assert f"http://127.0.0.1:{site_port}/admin/" in text and "Ctrl+C" in text
    with pytest.raises((OSError, urllib.error.URLError)):
        fetch(f"http://127.0.0.1:{backend_port}/api/v1", {"action": "info"})  # decap-server stopped too
