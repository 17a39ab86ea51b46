"""`zoneportal serve` on a copy of a project, for the preview's integration and browser tests."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kit.webserver import free_port

LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>", re.DOTALL)
EPOCH = re.compile(rb"livereload\((\d+), \d+\)")


@dataclass
class Preview:
    root: Path  # the project (a copy of the example portal)
    site: Path  # the preview's temporary site folder (assets, photos, feeds, search; pages are rendered on request)
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def get(self, path: str, timeout: float = 20) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def epoch(self) -> int:
        _status, body = self.get("/")
        match = EPOCH.search(body)
        assert match, body[-500:]
        return int(match[1])

    def save(self, change: Callable[[], object]) -> float:
        """Apply `change` to the files, and wait until the preview has rebuilt: seconds taken."""
        before = self.epoch()
        started = time.monotonic()
        change()
        # The live-reload endpoint answers once a rebuild newer than `before` is visible.
        _status, body = self.get(f"/livereload/{before}/1", timeout=90)
        assert int(body) > before, "no rebuild within 90 s"
        return time.monotonic() - started

    def edit(self, relative: str, pattern: str, replacement: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert changed != text, pattern
        path.write_text(changed, encoding="utf-8")


@contextlib.contextmanager
def running_preview(root: Path, served: Path, *, mkdocs_serve: bool = False) -> Iterator[Preview]:
    """`zoneportal serve` (or MkDocs' own `mkdocs serve --dirty` with the plugin) on a free port in
    `root`; its site folder is a temporary folder in `served`."""
    port = free_port()
    log = root.parent / f"{root.name}-serve.log"  # outside the project: the preview watches it
    env = {**os.environ, "TMPDIR": str(served), "NO_MKDOCS_2_WARNING": "1"}
    command = ["zoneportal.cli", "serve", "--port", str(port)]
    if mkdocs_serve:
        command = ["mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", *command],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240
    try:
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except urllib.error.HTTPError:
                break  # it answers (the error page of a broken first build is a 500)
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the preview did not start:\n" + log.read_text(encoding="utf-8", errors="replace"))
                time.sleep(0.5)
        (site,) = served.glob("mkdocs_*")
        yield Preview(root, site, url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
