"""Site search: one small document per post and page, indexed by Pagefind into a chunked static index.

`documents` turns posts and pages into search documents (pure); `shards` splits a large site's
documents into date ranges; `pagefind` writes them out and runs the indexer once per shard into
the built site; `bundles` keeps each shard's index between builds. Why the documents look the way
they do is explained in `documents.py` and measured in `bench/SEARCH.md`.
"""

from __future__ import annotations

from .bundles import BundleCache
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
from .pagefind import BUNDLE_DIR, SearchIndexError, SearchIndexRun, shard_names, write_search_index
from .shards import SearchShard, plan_shards

__all__ = [
    "BUNDLE_DIR",
    "BundleCache",
    "SearchDocument",
    "SearchIndexError",
    "SearchIndexRun",
    "SearchShard",
    "html_text",
    "index_keys",
    "markdown_text",
    "page_document",
    "plan_shards",
    "post_document",
    "post_documents",
    "render_document",
    "shard_names",
    "view_document",
    "write_search_index",
]
