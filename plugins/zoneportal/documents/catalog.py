"""Everything the render phase needs about documents and attachments, gathered once per build:
the register, every published attachment (of register entries and of post bundles) and the
first-page thumbnails of PDFs, planned on the photo pipeline."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from ..content.bundle import DEFAULT_ATTACHMENT_TYPES, classify_bundle
from ..content.post import Photo, Post
from ..content.problems import ProblemReport
from ..photos.pipeline import PhotoPipeline
from ..photos.variants import PublishedPhoto
from ..vi import slugify
from .attachments import AttachmentStore, PublishedAttachment
from .model import Document, DocumentRegister


@dataclass(frozen=True)
class Attachment:
    """A published attachment on one page: `url` is site-relative (`tin-tuc/…/ke-hoach.pdf`)."""

    file: PublishedAttachment
    url: str
    thumbnail: PublishedPhoto | None = None


@dataclass
class DocumentCatalog:
    register: DocumentRegister = field(default_factory=DocumentRegister)
    today: date = field(default_factory=date.today)
    # Register entry (number key) → its files; post source (posix) → its attachments.
    document_files: dict[str, list[Attachment]] = field(default_factory=dict)
    post_files: dict[str, list[Attachment]] = field(default_factory=dict)

    def attachments(self) -> Iterable[Attachment]:
        for group in (*self.document_files.values(), *self.post_files.values()):
            yield from group


def build_catalog(
    register: DocumentRegister,
    posts: Sequence[Post],
    *,
    post_url: Callable[[Post], str],
    document_url: Callable[[Document], str],
    store: AttachmentStore,
    photos: PhotoPipeline | None,
    report: ProblemReport,
    today: date,
    attachment_types: Sequence[str] = DEFAULT_ATTACHMENT_TYPES,
) -> DocumentCatalog:
    catalog = DocumentCatalog(register=register, today=today)

    def publish(shown: str, name: str, path: Path, base_url: str) -> Attachment | None:
        published = store.publish(name, path, shown, report)
        if published is None:
            return None
        thumbnail = None
        if photos is not None and published.first_page is not None:
            stem = PurePosixPath(name).with_suffix("").as_posix()
            photo = Photo(src=f"{slugify(stem) or 'tep'}-trang-1.png", path=published.first_page)
            thumbnail = photos.add_photo(shown, photo, base_url, report, alt=f"Trang đầu của tệp {name}")
        return Attachment(published, base_url + name, thumbnail)

    for document in register.documents.values():
        base = document_url(document)
        found = [publish(document.shown, f.name, f.path, base) for f in document.files]
        catalog.document_files[document.key] = [a for a in found if a is not None]
    for post in posts:
        if not post.is_bundle:
            continue  # a single-file post shares its folder with other posts: nothing beside it is its own
        contents = classify_bundle(post.folder, post.shown, report, attachment_types)
        base = post_url(post)
        found = [publish(post.shown, f.name, f.path, base) for f in contents.attachments]
        if any(found):
            catalog.post_files[post.source.as_posix()] = [a for a in found if a is not None]
    return catalog
