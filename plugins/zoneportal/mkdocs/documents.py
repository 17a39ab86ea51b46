"""MkDocs side of the register and of attachments: reading them (through the host-free core),
the files MkDocs publishes (cleaned copies, never the originals), the feed of new documents, and
the blocks appended under articles."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from ..content.post import Post
from ..content.problems import ProblemReport
from ..documents.attachments import AttachmentStore
from ..documents.catalog import Attachment, DocumentCatalog, build_catalog
from ..documents.feed import render_register_feed
from ..documents.markup import post_extras
from ..documents.model import DocumentRegister
from ..documents.register import check_post_documents, load_register
from ..output.search import SearchDocument
from ..pages.documents import FEED, document_url
from ..pages.model import PageSpec, PortalPages
from ..pages.urls import UrlScheme
from ..photos.pipeline import PhotoPipeline


@dataclass
class DocumentSetup:
    root: Path
    options: Any  # mkdocs.config DocumentOptions

    @property
    def folder(self) -> Path:
        return self.root / self.options.dir


def load_documents(
    setup: DocumentSetup, committees: list[str], posts: list[Post], report: ProblemReport
) -> DocumentRegister:
    register = load_register(
        setup.folder, setup.root, report, committees=committees, attachment_types=setup.options.attachment_types
    )
    check_post_documents(posts, register, report)
    return register


def plan_catalog(
    setup: DocumentSetup,
    register: DocumentRegister,
    posts: list[Post],
    urls: UrlScheme,
    photos: PhotoPipeline | None,
    report: ProblemReport,
    today: date,
) -> DocumentCatalog:
    return build_catalog(
        register,
        posts,
        post_url=urls.post,
        document_url=document_url,
        store=AttachmentStore(setup.root / setup.options.cache_dir, report_read_scans=False),
        photos=photos,
        report=report,
        today=today,
        attachment_types=setup.options.attachment_types,
    )


def attachment_files(attachments: list[Attachment], config: MkDocsConfig) -> list[File]:
    """The cleaned copy of each attachment, published at its URL (NFC name)."""
    return [
        File.generated(config, a.url, abs_src_path=str(a.file.published), inclusion=InclusionLevel.NOT_IN_NAV)
        for a in attachments
    ]


def register_feed(specs: list[PageSpec], site_url: str, site_name: str, config: MkDocsConfig) -> File | None:
    views = [spec.context["document"] for spec in specs if spec.kind == "document"]
    if not views:
        return None
    return File.generated(config, FEED, content=render_register_feed(views, site_url, site_name))


def article_extras(env: Environment, spec: PageSpec, catalog: DocumentCatalog) -> str:
    post = spec.post
    if post is None:
        return ""
    attachments = catalog.post_files.get(post.source.as_posix(), [])
    documents = [d for number in post.documents if (d := catalog.register.find(number)) is not None]
    return post_extras(env, spec.url, attachments, documents, catalog, document_url)


def attachment_text(
    documents: list[SearchDocument], pages: PortalPages, catalog: DocumentCatalog
) -> list[SearchDocument]:
    """A post's search document holds the text of its attachments too (a phrase of an attached
    plan finds the article)."""
    by_url = {spec.url: spec.post for spec in pages if spec.post is not None}
    out = []
    for document in documents:
        post = by_url.get(document.url)
        attachments = catalog.post_files.get(post.source.as_posix(), []) if post is not None else []
        text = " ".join(a.file.text for a in attachments if a.file.text)
        out.append(dataclasses.replace(document, text=f"{document.text} {text}") if text else document)
    return out
