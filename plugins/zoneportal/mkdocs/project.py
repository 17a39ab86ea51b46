"""A project as the CLI sees it: where its posts are and the plugin's options, read from mkdocs.yml
the way MkDocs reads it, so defaults live in one place (mkdocs/config.py) and the CLI imports
nothing from MkDocs itself."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProjectConfig:
    project_root: Path
    posts_dir: Path
    import_category: str


def locate_project(config_file: Path) -> ProjectConfig:
    """Raises LookupError with a message for staff (in Vietnamese) when mkdocs.yml is missing,
    invalid or does not enable the plugin."""
    if not config_file.is_file():
        raise LookupError(f"không tìm thấy {config_file}; hãy chạy lệnh trong thư mục dự án.")
    # MkDocs is imported only here, so `zoneportal --help` and the core stay free of it.
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, SystemExit) as exc:
        raise LookupError(f"{config_file} không hợp lệ: {exc}") from None
    plugin = config.plugins.get("zoneportal")
    if plugin is None:
        raise LookupError(f"{config_file} chưa bật plugin 'zoneportal' (mục plugins).")
    project_root = config_file.resolve().parent
    return ProjectConfig(project_root, project_root / plugin.config.posts_dir, plugin.config.import_category)
