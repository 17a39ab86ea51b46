"""The register and the attachments planned for one build, without a host: read and validate
`documents/`, check what posts name, decide what every post folder publishes, clean each attachment
(cached) and plan the first-page thumbnails of PDFs on the photo pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..content.post import Post
from ..content.problems import ProblemReport
from ..content.registry import Registry
from ..pages.documents import document_url
from ..pages.urls import UrlScheme
from ..photos.pipeline import PhotoPipeline
from ..settings import DocumentSettings
from .attachments import AttachmentStore
from .catalog import DocumentCatalog, build_catalog
from .register import check_post_documents, load_register


def plan_documents(
    project_root: Path,
    settings: DocumentSettings,
    registry: Registry,
    posts: Sequence[Post],
    published: Sequence[Post],
    urls: UrlScheme,
    photos: PhotoPipeline | None,
    problems: ProblemReport,
    today: date,
    *,
    report_read_scans: bool = False,
) -> DocumentCatalog:
    """`posts`: every valid post (drafts too: what they name is checked); `published`: the posts
    this build publishes, whose folders are looked at. `report_read_scans`: `check` names every
    scanned PDF, a build only those OCR could not read."""
    register = load_register(
        project_root / settings.dir,
        project_root,
        problems,
        committees=list(registry.committees),
        attachment_types=settings.attachment_types,
    )
    check_post_documents(posts, register, problems)
    store = AttachmentStore(project_root / settings.cache_dir, report_read_scans=report_read_scans)
    catalog = build_catalog(
        register,
        published,
        post_url=urls.post,
        document_url=document_url,
        store=store,
        photos=photos,
        report=problems,
        today=today,
        attachment_types=settings.attachment_types,
    )
    store.save()
    return catalog
