"""The example portal, as committed: tests build a copy of the files git tracks, never the live
`posts/` folder, where a staff member's half-written draft (fields still `chua-chon`) may lie."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
# What a build of the example reads; the plugin's code comes from the installed package.
EXAMPLE_PARTS = ("mkdocs.yml", "docs", "overrides", "posts")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def tracked_files(root: Path, parts: tuple[str, ...] = EXAMPLE_PARTS) -> list[str]:
    """Paths (relative to `root`) git tracks under `parts`; untracked files are left out."""
    result = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--", *parts],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return [name for name in result.stdout.decode("utf-8").split("\0") if name]


def example_copy(target: Path, source: Path = REPO) -> Path:
    """A copy of the example portal's tracked files in `target`; returns its mkdocs.yml."""
    if shutil.which("git") is None or not (source / ".git").exists():
        if IN_CI:
            raise RuntimeError("CI must run from a git checkout with git installed: tests copy the tracked files")
        # A source tarball has no drafts of anyone's: copying its parts is the same thing.
        for part in EXAMPLE_PARTS:
            origin = source / part
            if origin.is_dir():
                shutil.copytree(origin, target / part)
            elif origin.is_file():
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


def build_example(target: Path, site_url: str | None = None, project: Path | None = None) -> None:
    """The example portal built in-process into `target`: from `project` (a copy made by
    example_copy), or from the repository when a test means the live checkout."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides: dict[str, Any] = {"site_dir": str(target)}
    if site_url:
        overrides["site_url"] = site_url
    config = load_config(str((project or REPO) / "mkdocs.yml"), **overrides)
    build(config)
