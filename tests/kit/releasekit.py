"""Fake built sites and real git projects for the release tests (no MkDocs build)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from zoneportal.publish.preflight import Project

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}


def git(root: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


def make_git_project(root: Path, site_url: str = "https://bqlkcn.thanhvan.gov.vn/") -> Project:
    (root / "posts").mkdir(parents=True)
    (root / "posts/bai.md").write_text("---\ntitle: Bài\n---\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "bài đầu")
    return Project(root / "mkdocs.yml", root, root / "posts", root / "site", site_url, keep=5)


def write_site(project: Project, files: dict[str, str]) -> None:
    """A built site as the build leaves it (sitemap.xml last, newer than every source)."""
    shutil.rmtree(project.site_dir, ignore_errors=True)
    for path, text in {**files, "sitemap.xml": "<urlset/>"}.items():
        target = project.site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    future = datetime.now().timestamp() + 5
    os.utime(project.site_dir / "sitemap.xml", (future, future))


SITE_ONE = {
    "index.html": '<link href="assets/zp.1111111111.css"><img src="tin/a/anh-aaaaaaaa-480.webp">',
    "tin/a/index.html": "bài a",
    "tin/b/index.html": "bài b",
    "assets/zp.1111111111.css": "body{}",
    "assets/zp.css": "body{}",
    "tin/a/anh-aaaaaaaa-480.webp": "ảnh",
}
SITE_TWO = {
    "index.html": '<link href="assets/zp.2222222222.css">',
    "tin/b/index.html": "bài b, sửa",
    "tin/c/index.html": "bài c",
    "assets/zp.2222222222.css": "body{color:red}",
    "assets/zp.css": "body{color:red}",
}


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def publish_when_told(project: Project, web: str, ready, go) -> None:  # type: ignore[no-untyped-def]
    """For a second process (multiprocessing "spawn"): say ready, wait for the go, publish `project`'s
    built site into `web` (a real publish, waiting for the target's lock); its exit code is publish's."""
    from zoneportal.publish.command import publish
    from zoneportal.publish.hosts import LocalHost

    ready.set()
    go.wait(30)
    raise SystemExit(publish(project, LocalHost(Path(web)), keep=5, allow_dirty=False, build=False, wait=60))
