"""Search in shards: which search documents go into which Pagefind index.

Pagefind holds its whole index in memory while it writes it (~180 KB per search document of ours:
1.7 GB at 10 000 posts), so a large site is indexed in shards, one Pagefind run after the other,
and the search page merges them (`mergeIndex`). A shard is a run of consecutive months (by the
document's date), packed oldest first up to `limit` documents; a month larger than the limit is a
shard of its own. Documents without a date (pages written in docs/) go with the newest shard, the
*primary* one, published at `pagefind/` with Pagefind's script and WebAssembly; every older shard
sits in a folder of its own under it, named after its first month.

Boundaries are stable: they depend only on how many documents each month holds, so editing a post
never moves one, and a post added to the newest month only changes the newest shard (which splits
off a new shard once it is full). Moving a post's date into another shard, or adding one to an
old month, can shift the boundaries after that month (packing is oldest first): those shards are
indexed again, the others come from the build cache.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from .documents import SearchDocument

# A site with a single index (below the limit) keeps its bundle where it always was.
PRIMARY = ""


@dataclass(frozen=True)
class SearchShard:
    """Documents indexed together. `name` is the first month ("2019-01"), or "" for a site without
    dated documents; `folder` is where its bundle goes, relative to the bundle root."""

    name: str
    last_month: str
    documents: tuple[SearchDocument, ...]
    primary: bool

    @property
    def folder(self) -> str:
        return "" if self.primary else f"{self.name}/"


def document_month(doc: SearchDocument) -> str | None:
    """The month ("2023-04") a dated document is filed under; None for one without (a page of docs/)."""
    return doc.sort_date[:7] if doc.sort_date else None


def plan_shards(documents: Iterable[SearchDocument], limit: int) -> list[SearchShard]:
    """Shards oldest first; the last one is the primary (newest months and every undated document).
    Documents keep their order inside a shard (Pagefind numbers pages in the order it reads them,
    and reads them sorted by path anyway)."""
    if limit < 1:
        raise ValueError("search_shard_size must be at least 1")
    dated: list[tuple[str, SearchDocument]] = []
    undated: list[SearchDocument] = []
    for doc in documents:
        month = document_month(doc)
        if month is None:
            undated.append(doc)
        else:
            dated.append((month, doc))
    dated.sort(key=lambda pair: pair[0])  # stable: same-month documents keep their order
    groups: list[list[tuple[str, list[SearchDocument]]]] = []
    count = 0
    for month, pairs in groupby(dated, key=lambda pair: pair[0]):
        docs = [doc for _, doc in pairs]
        if not groups or count + len(docs) > limit:
            groups.append([])
            count = 0
        groups[-1].append((month, docs))
        count += len(docs)
    if not groups:
        return [SearchShard(PRIMARY, PRIMARY, tuple(undated), primary=True)]
    shards = []
    for number, months in enumerate(groups):
        newest = number == len(groups) - 1
        docs = [doc for _, month_docs in months for doc in month_docs]
        if newest:
            docs.extend(undated)
        shards.append(SearchShard(months[0][0], months[-1][0], tuple(docs), primary=newest))
    return shards
