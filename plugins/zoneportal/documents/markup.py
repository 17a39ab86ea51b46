"""What an article shows under its body: "Văn bản liên quan" and "Tệp đính kèm".

Rendered from the template `zp/partials/attachments.html` (a site may override it from
`overrides/`) and appended to the article's HTML, with links relative to the article."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import Markup

from ..photos.markup import picture_html
from .catalog import Attachment, DocumentCatalog
from .model import Document

TEMPLATE = "zp/partials/attachments.html"


@dataclass(frozen=True)
class AttachmentItem:
    name: str
    extension: str
    href: str
    label: str
    icon: str
    size: str
    pages: int | None
    thumbnail: Markup | None


@dataclass(frozen=True)
class DocumentItem:
    title: str
    summary: str
    href: str
    status: str
    status_slug: str


def relative(url: str, page_url: str) -> str:
    """Site-relative `url` as seen from the directory URL `page_url`, path segments percent-encoded."""
    return quote(posixpath.relpath(url or ".", page_url or ".") + ("/" if url.endswith("/") else ""))


def post_extras(
    env: Environment,
    page_url: str,
    attachments: Sequence[Attachment],
    documents: Sequence[Document],
    catalog: DocumentCatalog,
    document_url: Callable[[Document], str],
) -> str:
    if not attachments and not documents:
        return ""
    register = catalog.register

    def href(url: str) -> str:
        return relative(url, page_url)

    files = [
        AttachmentItem(
            name=a.file.name,
            extension=a.file.extension,
            href=href(a.url),
            label=a.file.label,
            icon=a.file.icon,
            size=a.file.size_label,
            pages=a.file.pages,
            thumbnail=Markup(picture_html(a.thumbnail, href, sizes="160px", img_class="zp-attachments__img"))
            if a.thumbnail
            else None,
        )
        for a in attachments
    ]
    items = []
    for document in documents:
        status = register.status(document, catalog.today)
        items.append(
            DocumentItem(
                title=f"{register.types[document.type].name} {document.number}",
                summary=document.summary,
                href=href(document_url(document)),
                status=status.value,
                status_slug=status.slug,
            )
        )
    return "\n" + env.get_template(TEMPLATE).render(files=files, documents=items)
