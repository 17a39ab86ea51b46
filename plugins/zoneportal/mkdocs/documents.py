"""MkDocs side of the register and of attachments: the files MkDocs publishes (cleaned copies,
never the originals) and the blocks appended under articles, rendered with the theme's templates.
Everything else (reading, validation, cleaning, pages, feed, search) is planned in the core."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from ..documents.catalog import DocumentCatalog
from ..documents.markup import post_extras
from ..pages.documents import document_url
from ..pages.model import PageSpec


def attachment_files(catalog: DocumentCatalog, config: MkDocsConfig) -> list[File]:
    """The cleaned copy of each attachment, published at its URL (NFC name)."""
    return [
        File.generated(config, a.url, abs_src_path=str(a.file.published), inclusion=InclusionLevel.NOT_IN_NAV)
        for a in catalog.attachments()
    ]


def article_extras(env: Environment, spec: PageSpec, catalog: DocumentCatalog) -> str:
    """ "Văn bản liên quan" and "Tệp đính kèm" under an article ("" for other pages)."""
    post = spec.post
    if post is None:
        return ""
    attachments = catalog.post_files.get(post.source.as_posix(), [])
    documents = [d for number in post.documents if (d := catalog.register.find(number)) is not None]
    return post_extras(env, spec.url, attachments, documents, catalog, document_url)
