"""The repository's own example portal, built for tests: at "/" and under a sub-path.

Integration tests read its files; end-to-end tests serve the same builds to a browser. Each build
is made once per test session (fixtures `example_site` and `subpath_site` in tests/conftest.py).

Tests never read the live `posts/`, where a staff member's half-written draft (fields still
`chua-chon`) may lie: the example is built from a copy of the files git tracks."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SUB_PATH = "/cong-thong-tin/"
# The public address a sub-path deployment would have; printed on paper and in canonical links.
SUB_PATH_SITE_URL = "https://banquanly.example.vn/cong-thong-tin/"
# What a build of the example reads; the plugin's code comes from the installed package.
EXAMPLE_PARTS = ("mkdocs.yml", "docs", "overrides", "posts", "documents")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class BuiltSite:
    site: Path
    base_path: str  # where the web server mounts it
    site_url: str


def tracked_files(root: Path, parts: tuple[str, ...] = EXAMPLE_PARTS) -> list[str]:
    """Paths (relative to `root`) git tracks under `parts`; untracked files are left out."""
    result = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--", *parts], capture_output=True, check=True, timeout=60
    )
    return [name for name in result.stdout.decode("utf-8").split("\0") if name]


def example_copy(target: Path, source: Path = REPO) -> Path:
    """A copy of the example portal's tracked files in `target`; returns its mkdocs.yml."""
    if shutil.which("git") is None or not (source / ".git").exists():
        if IN_CI:
            raise RuntimeError("CI must run from a git checkout with git installed: tests copy the tracked files")
        # A source tarball holds no one's drafts: copying its parts is the same thing.
        for part in EXAMPLE_PARTS:
            origin = source / part
            if origin.is_dir():
                shutil.copytree(origin, target / part)
            elif origin.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, target / part)
        return target / "mkdocs.yml"
    for name in tracked_files(source):
        origin = source / name
        if not origin.is_file():
            continue  # deleted in the working tree, not yet in the index
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(origin, destination)
    return target / "mkdocs.yml"


def build_example(target: Path, site_url: str | None = None, project: Path | None = None) -> BuiltSite:
    """The example portal built in-process into `target`, from `project` (a copy made by
    example_copy), or from a fresh copy of the repository's tracked files beside `target`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if project is None:
        project = target.parent / "example-project"
        example_copy(project)
    overrides: dict[str, Any] = {"site_dir": str(target)}
    if site_url:
        overrides["site_url"] = site_url
    config = load_config(str(project / "mkdocs.yml"), **overrides)
    build(config)
    base_path = SUB_PATH if site_url == SUB_PATH_SITE_URL else "/"
    return BuiltSite(site=target, base_path=base_path, site_url=config.site_url or "/")
