"""Query a Pagefind 1.x bundle from Python, the way pagefind.js does, to test the built index.

pagefind.js normalises a query (lower case, no tone or vowel marks: "Hội" → "hoi", "đầu" → "đau"),
loads the index chunk whose word range holds each term, matches indexed words that start with the
term (with their diacritic variants), intersects the pages of all terms and the pages of any
filter, and then loads each result's fragment. Files are gzip; index files are CBOR after a
12-byte "pagefind_dcd" signature, fragments JSON after the same signature.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2

from zoneportal.vi import strip_marks, words

SIGNATURE = b"pagefind_dcd"


def _decode(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return cbor2.loads(data[len(SIGNATURE) :])


@dataclass
class PagefindBundle:
    root: Path
    meta: Any = field(init=False)

    def __post_init__(self) -> None:
        [meta_file] = self.root.glob("pagefind.*.pf_meta")
        self.meta = _decode(meta_file)

    @property
    def page_hashes(self) -> list[str]:
        return [page[0] for page in self.meta[1]]

    def _chunk_for(self, term: str) -> list[Any]:
        for start, end, chunk_hash in self.meta[2]:
            if start <= term <= end:
                return _decode(self.root / "index" / f"{chunk_hash}.pf_index")[0]
        return []

    def pages_with(self, term: str) -> set[int]:
        """Pages holding a word that starts with `term` (in any diacritic variant)."""
        pages: set[int] = set()
        for entry in self._chunk_for(term):
            word, plain_pages, variants = entry[0], entry[1], entry[2] if len(entry) > 2 else []
            if not word.startswith(term):
                continue
            for page_list in [plain_pages, *(variant[1] for variant in variants)]:
                number = 0
                for page in page_list:
                    number += page[0]  # page numbers are delta-encoded
                    pages.add(number)
        return pages

    def forms(self, key: str) -> dict[str, set[str]]:
        """For the indexed word `key` (no marks): each page's URL → the forms it was indexed in
        ("hoa" for a plain key, "hoà", "hòa" … for variants with their marks)."""
        found: dict[str, set[str]] = {}
        for entry in self._chunk_for(key):
            if entry[0] != key:
                continue
            variants = entry[2] if len(entry) > 2 else []
            for form, page_list in [(key, entry[1]), *((v[0], v[1]) for v in variants)]:
                number = 0
                for page in page_list:
                    number += page[0]
                    found.setdefault(self.fragment(number)["url"], set()).add(form)
        return found

    def filter_pages(self, name: str, value: str) -> set[int]:
        for filter_name, chunk_hash in self.meta[3]:
            if filter_name == name:
                data = _decode(self.root / "filter" / f"{chunk_hash}.pf_filter")
                for entry in data[1]:
                    if entry[0] == value:
                        return set(entry[1])
        return set()

    def fragment(self, page: int) -> dict[str, Any]:
        path = self.root / "fragment" / f"{self.page_hashes[page]}.pf_fragment"
        return json.loads(gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE))

    def search(self, query: str, **filters: str) -> list[str]:
        """URLs of the pages matching every word of `query` and every filter, sorted."""
        found: set[int] | None = None
        for term in (strip_marks(word) for word in words(query)):
            pages = self.pages_with(term)
            found = pages if found is None else found & pages
        for name, value in filters.items():
            pages = self.filter_pages(name, value)
            found = pages if found is None else found & pages
        return sorted(self.fragment(page)["url"] for page in found or ())


def search_metadata(site: Path) -> Any:
    """The decoded metadata of a site's search index, filters in name order (Pagefind 1.5 writes
    them in a hash map's order, which changes from run to run)."""
    meta = PagefindBundle(site / "pagefind").meta
    return [*meta[:3], sorted(meta[3]), *meta[4:]]
