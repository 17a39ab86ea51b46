"""Search documents of the văn bản register.

A number is found however staff type it (`05-CT/TW`, `05 CT TW`, `05/CT-TW`, `nd 42 2022`,
`42/2022/NĐ-CP`, `nghi dinh 42`): Pagefind splits a query and the text into words on the same
punctuation, so every spelling becomes the same words ("05", "ct", "tw"); the document carries
those words, the serial without leading zeros, the compact forms and the type's folded name and
abbreviation ("nghi dinh", "nd") at the highest weight, which ranks the document itself above
posts that merely mention the number. The text of its files (text layer or OCR) is indexed too.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...documents.numbers import search_keywords
from ...pages.model import PageSpec
from .documents import SearchDocument, post_document


def register_documents(specs: Iterable[PageSpec]) -> list[SearchDocument]:
    documents = []
    for spec in specs:
        if spec.kind != "document":
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
        documents.append(
            SearchDocument(
                url=base.url,
                title=base.title,
                summary=base.summary,
                text=base.text,
                date_label=base.date_label,
                sort_date=base.sort_date,
                filters=base.filters,
                keywords=" ".join(keywords),
            )
        )
    return documents
