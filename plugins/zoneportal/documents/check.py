"""`zoneportal check` for the register and attachments: the same reading and the same messages as a
build (duplicate numbers, relations, files; what a post folder would publish; scans without text),
without writing a site or encoding photos."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content.bundle import DEFAULT_ATTACHMENT_TYPES
from ..content.post import Post
from ..content.problems import ProblemReport
from ..content.registry import Registry
from ..vi import today_in_vietnam
from .attachments import AttachmentStore
from .catalog import build_catalog
from .register import check_post_documents, load_register

DEFAULT_DIR = "documents"
DEFAULT_CACHE = ".cache/zoneportal/documents"


def check_documents(
    project_root: Path, options: Any, registry: Registry, posts: list[Post], report: ProblemReport
) -> None:
    folder = getattr(options, "dir", DEFAULT_DIR)
    types = getattr(options, "attachment_types", DEFAULT_ATTACHMENT_TYPES)
    cache = getattr(options, "cache_dir", DEFAULT_CACHE)
    register = load_register(
        project_root / folder, project_root, report, committees=list(registry.committees), attachment_types=types
    )
    check_post_documents(posts, register, report)
    build_catalog(
        register,
        [p for p in posts if not p.draft],
        post_url=lambda p: "",
        document_url=lambda d: "",
        store=AttachmentStore(project_root / cache),
        photos=None,
        report=report,
        today=today_in_vietnam(),
        attachment_types=types,
    )
