"""Search documents: what the search index knows about each post and page.

Pagefind 1.5 stores every word under its form without tone marks ("hội" under "hoi") and keeps the
original forms as variants, so "hoi nghi" finds "Hội nghị" and a query typed with diacritics ranks
exact matches first. Two things it does not do for Vietnamese, measured on 10 000 posts:

* it does not fold "đ" ("dang uy" does not find "Đảng ủy"), and
* words kept only as diacritic variants do not count towards its index-chunk size, so nearly every
  Vietnamese word lands in a few huge chunks and a two-word query downloads 0.5-1.5 MB.

So a search document is not the article page. It holds the title and the summary as running text
(exact forms: a query typed with marks ranks them first), and then the *keys* of every other
distinct word of the post: the word without tone marks (as Pagefind files it), plus the fully
folded form when it contains "đ" ("đầu" → "đau" and "dau"). Keys are plain words, so they count
towards chunk sizes, and each word costs one entry per post instead of one per occurrence.
Results show the title and summary from the metadata, highlighted by the search page itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from jinja2 import Environment

from ...index.taxonomy import TAXONOMIES
from ...pages.taxonomies import DECLARED
from ...vi import fold, strip_marks, words

if TYPE_CHECKING:
    from ...pages.model import PortalPages, PostView

SUMMARY_WORDS = 40

_DOCUMENT = Environment(autoescape=True, keep_trailing_newline=True).from_string(
    """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{{ doc.title }}</title>
<meta data-pagefind-meta="title[content]" content="{{ doc.title }}">
{%- if doc.summary %}
<meta data-pagefind-meta="summary[content]" content="{{ doc.summary }}">
{%- endif %}
{%- if doc.date_label %}
<meta data-pagefind-meta="date[content]" content="{{ doc.date_label }}">
{%- endif %}
{%- if doc.sort_date %}
<meta data-pagefind-sort="date[content]" content="{{ doc.sort_date }}">
{%- endif %}
{%- for name, values in doc.filters.items() %}{% for value in values %}
<meta data-pagefind-filter="{{ name }}[content]" content="{{ value }}">
{%- endfor %}{% endfor %}
</head>
<body>
<main data-pagefind-body>
<h1>{{ doc.title }}</h1>
{%- if doc.keywords %}
<p data-pagefind-weight="10">{{ doc.keywords }}</p>
{%- endif %}
{%- if title_keys %}
<p data-pagefind-weight="7">{{ title_keys }}</p>
{%- endif %}
{%- if doc.summary %}
<p>{{ doc.summary }}</p>
{%- endif %}
<p>{{ keys }}</p>
</main>
</body>
</html>
"""
)


@dataclass(frozen=True)
class SearchDocument:
    """One search result: `url` is site-relative with directory URLs (`tin-tuc/2023/04/slug/`)."""

    url: str
    title: str
    summary: str
    text: str
    date_label: str | None = None
    sort_date: str | None = None
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # Words a query should find this document by first (a register entry's number spellings).
    keywords: str = ""

    @property
    def path(self) -> str:
        """Where the document is written so that Pagefind gives it `url`."""
        return f"{self.url}index.html" if self.url else "index.html"


def index_keys(text: str) -> list[str]:
    """Distinct search keys of a text, in order of first use: "Đầu tư" → ["đau", "dau", "tu"]."""
    seen: set[str] = set()
    keys: list[str] = []
    for word in words(text):
        for key in _word_keys(word):
            if key not in seen:
                seen.add(key)
                keys.append(key)
    return keys


@cache
def _word_keys(word: str) -> tuple[str, ...]:
    """A whole archive has a few tens of thousands of distinct words but millions of occurrences."""
    plain, folded = strip_marks(word), fold(word)
    return (plain,) if plain == folded else (plain, folded)


# Markdown that is not text: link and image targets, HTML tags, attribute lists, reference links.
_MARKUP = re.compile(r"\]\([^)]*\)|<[^>]+>|\{[:#.][^}]*\}|^\s*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)


def markdown_text(markdown: str) -> str:
    """The words of a post's Markdown, without link targets, tags or attribute lists."""
    return " ".join(_MARKUP.sub(" ", markdown).split())


def post_document(
    *,
    url: str,
    title: str,
    summary: str,
    body_text: str,
    date_label: str,
    sort_date: str,
    labels: Sequence[str],
    filters: Mapping[str, Sequence[str]],
) -> SearchDocument:
    """`labels` are names that should find the post though its text may not say them (committee,
    categories, tags, author)."""
    text = " ".join((title, summary, body_text, *labels))
    return SearchDocument(
        url=url,
        title=title,
        summary=summary,
        text=text,
        date_label=date_label,
        sort_date=sort_date,
        filters={name: list(values) for name, values in filters.items() if values},
    )


def page_document(*, url: str, title: str, body_text: str, description: str | None = None) -> SearchDocument:
    """A page written in `docs/`: its description, or the beginning of its text, is the summary."""
    summary = description or " ".join(body_text.split()[:SUMMARY_WORDS])
    if not description and len(body_text.split()) > SUMMARY_WORDS:
        summary += " …"
    return SearchDocument(url=url, title=title, summary=summary, text=f"{title} {body_text}")


def render_document(doc: SearchDocument) -> str:
    """The HTML file Pagefind indexes for `doc`: metadata, filters, title, summary and keys."""
    # Title words with "đ" get their folded form at title weight, so "dau tu" ranks a post titled
    # "Thu hút đầu tư" as high as "đầu tư" does.
    title_keys = [fold(w) for w in words(doc.title) if fold(w) != strip_marks(w)]
    # Words of the title and summary are indexed there already, with their marks; a plain copy of
    # them in the keys would hide the exact-form bonus that Pagefind gives a query typed with marks
    # (it scores a page by the first form it finds, and plain forms come first).
    shown = {strip_marks(word) for word in words(f"{doc.title} {doc.summary}")}
    keys = [key for key in index_keys(doc.text) if key not in shown]
    return _DOCUMENT.render(doc=doc, title_keys=" ".join(dict.fromkeys(title_keys)), keys=" ".join(keys))


class _TextExtractor(HTMLParser):
    """Text of rendered HTML, without scripts, the page's own title (h1, known already) and the
    "¶" permalinks that the toc extension adds to headings."""

    SKIPPED = frozenset({"script", "style", "template", "noscript", "h1"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[str] = []  # skipped elements we are inside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in self.SKIPPED or (tag == "a" and "headerlink" in classes):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not self._open:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The readable text of rendered HTML (a post body), whitespace collapsed."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return " ".join(" ".join(extractor.parts).split())


def post_documents(pages: PortalPages) -> list[SearchDocument]:
    """The search documents of every published post, in the render phase (no HTML needed)."""
    return [view_document(spec.view) for spec in pages if spec.view is not None]


def view_document(view: PostView) -> SearchDocument:
    """The search document of a published post, from its view and the text of its Markdown."""
    return post_document(
        url=view.url,
        title=view.title,
        summary=view.summary,
        body_text=markdown_text(view.post.body),
        date_label=view.date_short,
        sort_date=view.date_iso[:16],
        labels=[
            view.committee.name,
            *(c.name for c in view.categories),
            *(t.name for t in view.tags),
            view.author.name,
        ],
        filters={
            declared.taxonomy.value: TAXONOMIES[declared.taxonomy].filter_values(view.post)
            for declared in DECLARED
            if declared.search is not None
        },
    )
