"""The repository's own example portal, built for tests: at "/" and under a sub-path.

Integration tests read its files; end-to-end tests serve the same builds to a browser. Each build
is made once per test session (fixtures `example_site` and `subpath_site` in tests/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SUB_PATH = "/cong-thong-tin/"
# The public address a sub-path deployment would have; printed on paper and in canonical links.
SUB_PATH_SITE_URL = "https://banquanly.example.vn/cong-thong-tin/"


@dataclass(frozen=True)
class BuiltSite:
    site: Path
    base_path: str  # where the web server mounts it
    site_url: str


def build_example(target: Path, site_url: str | None = None) -> BuiltSite:
    """The repository's own mkdocs.yml, built in-process into `target`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides: dict[str, Any] = {"site_dir": str(target)}
    if site_url:
        overrides["site_url"] = site_url
    config = load_config(str(REPO / "mkdocs.yml"), **overrides)
    build(config)
    base_path = SUB_PATH if site_url == SUB_PATH_SITE_URL else "/"
    return BuiltSite(site=target, base_path=base_path, site_url=config.site_url or "/")
