"""What `zoneportal publish` needs from mkdocs.yml, read the way MkDocs reads it (site_dir, site_url,
the plugin's `publish` options)."""

from __future__ import annotations

from pathlib import Path

from ..publish.preflight import Project


def publish_project(config_file: Path) -> Project:
    """mkdocs.yml was already read once by `locate_project`, so it is valid here."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    plugin = config.plugins["zoneportal"]
    root = config_file.resolve().parent
    return Project(
        config_file=config_file.resolve(),
        root=root,
        posts_dir=root / plugin.config.posts_dir,
        site_dir=Path(config.site_dir),
        site_url=config.site_url,
        keep=plugin.config.publish.keep,
    )
