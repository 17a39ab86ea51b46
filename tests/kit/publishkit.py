"""The example portal as a board's own git repository, for `zoneportal publish` tests.

A copy of this repository's portal (mkdocs.yml, docs/, posts/, overrides/, deploy/) in a temporary
folder, with a public-looking site_url, committed to a real git repository. The photo cache is shared
with the checkout (.cache/ is a link), so the example's photos are encoded once per machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PUBLIC_URL = "https://congthongtin.bqlkcn-thanhvan.vn/"
# Everything of the example portal a board keeps in its repository (documents/: the văn bản register).
PORTAL_PARTS = ("mkdocs.yml", "docs", "posts", "documents", "overrides", "deploy")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Văn phòng",
    "GIT_AUTHOR_EMAIL": "vanphong@bqlkcn-thanhvan.vn",
    "GIT_COMMITTER_NAME": "Văn phòng",
    "GIT_COMMITTER_EMAIL": "vanphong@bqlkcn-thanhvan.vn",
}


def git(root: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True, text=True).stdout


def example_project(root: Path, site_url: str = PUBLIC_URL) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for part in PORTAL_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copyfile(source, root / part)
    config = root / "mkdocs.yml"
    text = re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    (REPO / ".cache").mkdir(exist_ok=True)
    (root / ".cache").symlink_to(REPO / ".cache")
    (root / ".gitignore").write_text("site/\n.site-*/\n.cache\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Cổng mẫu")
    return root


def zoneportal(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed `zoneportal` command, run in the project as staff or CI would run it."""
    command = [str(Path(sys.executable).parent / "zoneportal"), *args]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(command, cwd=project, env=full_env, capture_output=True, text=True, check=False)


def add_post(project: Path, name: str, title: str, date: str, body: str = "Nội dung bài.") -> Path:
    path = project / "posts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {title}\ndate: {date}\nauthor: le-minh-khoa\ncommittee: dang-bo-bql\n"
        f"categories: [tin-hoat-dong]\n---\n\n{body}\n",
        encoding="utf-8",
    )
    return path


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under `root` (symlinks followed at the top), path -> content."""
    root = root.resolve()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, headers: dict[str, str] | None = None) -> Fetched:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Fetched(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


@dataclass
class RequestLoop:
    """Fetches a fixed list of URLs over and over, as readers would while a release is switched (a page
    of the old release, then each file that page asks for), and records every answer that is not 200."""

    urls: list[str]
    failures: list[str] = field(default_factory=list)
    requests: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def start(self, readers: int = 4) -> None:
        for _ in range(readers):
            thread = threading.Thread(target=self._read, daemon=True)
            thread.start()
            self._threads.append(thread)

    def _read(self) -> None:
        while not self._stop.is_set():
            for url in self.urls:
                answer = fetch(url, {"Accept-Encoding": "gzip"})
                self.requests += 1
                if answer.status != 200:
                    self.failures.append(f"{answer.status} {url}")

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


def page_assets(html: str, page_url: str) -> list[str]:
    """Absolute URLs of the stylesheets, scripts and images a page asks for."""
    found = re.findall(r'<(?:link|script|img|source)\b[^>]*?\b(?:href|src|srcset)="([^"]+)"', html)
    urls = []
    for value in found:
        first = value.split(",")[0].split()[0]
        if first.startswith(("http:", "https:", "data:", "#")):
            continue
        urls.append(urllib.parse.urljoin(page_url, first))
    return sorted(set(urls))
