"""Site search: one small document per post and page, indexed by Pagefind into a chunked static index.

`documents` turns posts and pages into search documents (pure); `pagefind` writes them out and runs
the indexer into the built site. Why the documents look the way they do is explained in
`documents.py` and measured in `bench/SEARCH.md`.
"""

from __future__ import annotations

from .documents import (
    SearchDocument,
    html_text,
    index_keys,
    markdown_text,
    page_document,
    post_document,
    post_documents,
    render_document,
    view_document,
)
from .pagefind import BUNDLE_DIR, SearchIndexError, write_search_index

__all__ = [
    "BUNDLE_DIR",
    "SearchDocument",
    "SearchIndexError",
    "html_text",
    "index_keys",
    "markdown_text",
    "page_document",
    "post_document",
    "post_documents",
    "render_document",
    "view_document",
    "write_search_index",
]
