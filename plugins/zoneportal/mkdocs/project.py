"""A project as the CLI sees it: where its posts are and the plugin's options, read from mkdocs.yml
the way MkDocs reads it, so defaults live in one place (mkdocs/config.py) and the CLI imports
nothing from MkDocs itself."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..settings import DocumentSettings, PortalSettings


@dataclass(frozen=True)
class ProjectConfig:
    project_root: Path
    posts_dir: Path
    import_category: str
    documents: DocumentSettings = field(default_factory=DocumentSettings)
    # The core settings a build would use (photo limits, URL scheme, documents) and where the last
    # build is: `check` plans the portal with them, and compares URLs with the last build's.
    settings: PortalSettings = field(default_factory=PortalSettings)
    site_dir: Path = Path("site")
    # Where identity.logo is looked for, as the build does.
    docs_dir: Path = Path("docs")


def locate_project(config_file: Path) -> ProjectConfig:
    """Raises LookupError with a message for staff (in Vietnamese) when mkdocs.yml is missing,
    invalid or does not enable the plugin."""
    if not config_file.is_file():
        raise LookupError(f"không tìm thấy {config_file}; hãy chạy lệnh trong thư mục dự án.")
    # MkDocs is imported only here, so `zoneportal --help` and the core stay free of it.
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    # MkDocs logs what is wrong and raises a bare "Aborted": keep what it logged for our message.
    collected = _Collect()
    logging.getLogger("mkdocs.config").addHandler(collected)
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, SystemExit) as exc:
        details = "; ".join(collected.messages) or str(exc)
        raise LookupError(f"{config_file} không hợp lệ: {details}") from None
    finally:
        logging.getLogger("mkdocs.config").removeHandler(collected)
    plugin = config.plugins.get("zoneportal")
    if plugin is None:
        raise LookupError(f"{config_file} chưa bật plugin 'zoneportal' (mục plugins).")
    from .config import portal_settings

    project_root = config_file.resolve().parent
    from ..pages.identity import IdentityError

    try:
        settings = portal_settings(plugin.config, config)
    except IdentityError as exc:  # identity/home/menu keys: every command says it as the build does
        raise LookupError(str(exc)) from None
    return ProjectConfig(
        project_root,
        project_root / plugin.config.posts_dir,
        plugin.config.import_category,
        documents=settings.documents,
        settings=settings,
        site_dir=Path(config.site_dir),
        docs_dir=Path(config.docs_dir),
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
