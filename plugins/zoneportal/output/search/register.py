"""Search documents of the văn bản register.

A number is found however staff type it (`05-CT/TW`, `05 CT TW`, `05/CT-TW`, `nd 42 2022`,
`42/2022/NĐ-CP`, `nghi dinh 42`): Pagefind splits a query and the text into words on the same
punctuation, so every spelling becomes the same words ("05", "ct", "tw"); the document carries
those words, the serial without leading zeros, the compact forms and the type's folded name and
abbreviation ("nghi dinh", "nd") at the highest weight, which ranks the document itself above
posts that merely mention the number. The text of its files (text layer or OCR) is indexed too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ...documents.numbers import search_keywords
from ...pages.model import PageKind, PageSpec, PortalPages
from .documents import SearchDocument, post_document

if TYPE_CHECKING:
    from ...documents.catalog import DocumentCatalog


def register_documents(specs: Iterable[PageSpec]) -> list[SearchDocument]:
    documents = []
    for spec in specs:
        if spec.kind is not PageKind.DOCUMENT:
            continue
        view = spec.context["document"]
        document = view.document
        file_text = " ".join(a.file.text for a in view.files)
        base = post_document(
            url=view.url,
            title=view.title,
            summary=document.summary,
            body_text=f"{document.body} {file_text}",
            date_label=view.issued_label,
            sort_date=document.issued.isoformat(),
            labels=[view.type.name, view.issuer.name, document.signer or "", *document.fields, view.status.value],
            filters={"kind": ["van-ban"], "year": [str(document.issued.year)], "doctype": [view.type.key]},
        )
        keywords = search_keywords(document.number, view.type.name, view.type.abbr)
        documents.append(replace(base, keywords=" ".join(keywords)))
    return documents


def with_attachment_text(
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
