"""MkDocs side of the web editor: /admin/ as generated files, kept out of the nav, search and sitemap."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

import material
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..documents.model import DocumentRegister
from ..editor import ADMIN_DIR, BackendError, BackendKind, EditorBackend, EditorSite, admin_files
from ..editor.config import REGISTRY_FILES, editor_register
from ..editor.local import BACKEND_VARIABLE, LOCAL_URL_VARIABLE
from ..plan import PortalPlan
from ..settings import PortalSettings
from .config import EditorOptions

MATERIAL_CSS = Path(material.__file__).resolve().parent / "templates" / "assets" / "stylesheets"


def editor_backend(options: EditorOptions) -> EditorBackend:
    """The backend of mkdocs.yml, or the local one when `zoneportal edit` runs `mkdocs serve`."""
    forced = os.environ.get(BACKEND_VARIABLE)
    backend = EditorBackend(
        kind=BackendKind(forced or options.backend),
        repo=options.repo,
        base_url=options.base_url,
        api_root=options.api_root,
        app_id=options.app_id,
        branch=options.branch,
        local_url=os.environ.get(LOCAL_URL_VARIABLE) or options.local_url,
    )
    try:
        backend.check()
    except BackendError as exc:
        raise PluginError(str(exc)) from None
    return backend


def preview_styles(config: MkDocsConfig) -> list[str]:
    """The portal's stylesheets as /admin/ reaches them: Material's, then ours (extra_css)."""
    material_css = [f"assets/stylesheets/{p.name}" for p in sorted(MATERIAL_CSS.glob("*.min.css"))]
    return [posixpath.relpath(path, ADMIN_DIR) for path in (*material_css, *config.extra_css)]


def add_admin_files(
    files: Files, config: MkDocsConfig, plan: PortalPlan, options: EditorOptions, settings: PortalSettings
) -> None:
    """/admin/ as generated files: never in the nav, the sitemap or the search index (those list pages only)."""
    if not options.enabled:
        return
    registry, register = plan.registry, plan.documents.register
    posts_dir, documents_dir = settings.posts_dir, settings.documents.dir
    root = Path(config.config_file_path or ".").resolve().parent
    posts = root / posts_dir
    present = tuple(name for name, file in REGISTRY_FILES.items() if (posts / file).is_file())
    numbers = tuple((d.number, f"{d.number} — {d.summary}") for d in register.newest_first()) if register else ()
    site = EditorSite(
        posts_dir=posts_dir,
        site_url=config.site_url or "",
        registries=present,
        documents=numbers,
        register=editor_register(register or DocumentRegister(), root / documents_dir, documents_dir),
    )
    admin = admin_files(
        registry,
        editor_backend(options),
        site,
        site_name=config.site_name,
        preview_styles=preview_styles(config),
        icon=posixpath.relpath(config.theme.get("favicon") or "assets/images/favicon.png", ADMIN_DIR),
    )
    for file in admin:
        if file.text is not None:
            files.append(File.generated(config, file.path, content=file.text, inclusion=InclusionLevel.NOT_IN_NAV))
        elif file.source is not None:
            source = str(file.source)
            files.append(File.generated(config, file.path, abs_src_path=source, inclusion=InclusionLevel.NOT_IN_NAV))
