"""The web editor at /admin/ (Decap CMS): its configuration generated from the content model, its files
in the built site, and the local editing session of `make edit`."""

from __future__ import annotations

from .admin import ADMIN_DIR, AdminFile, admin_files, write_admin
from .backend import BackendError, BackendKind, EditorBackend
from .config import EditorSite, editor_config, render_config

__all__ = [
    "ADMIN_DIR",
    "AdminFile",
    "BackendError",
    "BackendKind",
    "EditorBackend",
    "EditorSite",
    "admin_files",
    "editor_config",
    "render_config",
    "write_admin",
]
