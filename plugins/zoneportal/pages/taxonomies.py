"""Taxonomies as readers see them, declared once (Nikola's way).

`index/taxonomy.py` says how each taxonomy classifies a post; this module says, for each, which
classifications it shows and in what order, where their pages live, how they are titled, which
template draws them, whether each has an RSS feed and whether search can filter by it. Listings,
feeds, feed links and the search page read these declarations; none of them names a taxonomy.

A new taxonomy is a key function in `TAXONOMIES` and a `DeclaredTaxonomy` here (see ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..content.registry import Author, Category, Committee, Registry, display_order
from ..index.taxonomy import PortalIndex, TaxonomyName
from .model import PageKind
from .urls import UrlScheme


@dataclass(frozen=True)
class Classification:
    """One key of a taxonomy as readers see it: a category, an author, a tag, a committee, a year."""

    key: str
    name: str
    description: str | None = None
    # The registry entry behind it, for overview rows and templates; none for tags and years.
    record: Category | Author | Committee | None = None


@dataclass(frozen=True)
class Overview:
    """The page that lists every classification of a taxonomy (`/chuyen-muc/`, `/tac-gia/`)."""

    url: Callable[[UrlScheme], str]
    title: str
    template: str
    kind: PageKind


@dataclass(frozen=True)
class FeedDeclaration:
    """Each classification has an RSS feed beside its first page; `fallback` describes it when the
    registry gives no description."""

    fallback: Callable[[Classification], str]


@dataclass(frozen=True)
class FilterOption:
    value: str  # as the search documents file it (`data-pagefind-filter`)
    label: str  # in the search form
    name: str  # in the sentence that sums up a search ("Năm 2023")
    url: str | None  # the page listing every post of it, where there is one


@dataclass(frozen=True)
class SearchFilter:
    label: str
    options: Callable[[Registry, PortalIndex, UrlScheme], list[FilterOption]]


@dataclass(frozen=True)
class DeclaredTaxonomy:
    taxonomy: TaxonomyName
    kind: PageKind  # of a classification's pages
    # Every classification shown, in display order.
    classifications: Callable[[Registry, PortalIndex], list[Classification]]
    # Page `number` (from 1) of a classification's list of posts.
    url: Callable[[UrlScheme, str, int], str]
    heading: Callable[[Classification], str] = lambda c: c.name
    # Drawn by the generic paginated listing (pages/listings.py); others have a family of their own.
    listed: bool = False
    overview: Overview | None = None
    feed: FeedDeclaration | None = None
    search: SearchFilter | None = None

    def feed_path(self, urls: UrlScheme, key: str) -> str:
        return f"{self.url(urls, key, 1)}{urls.feed_name}"


def _categories(registry: Registry, index: PortalIndex) -> list[Classification]:
    ordered = sorted(registry.categories.values(), key=display_order)
    return [Classification(c.key, c.name, c.description, c) for c in ordered]


def _authors(registry: Registry, index: PortalIndex) -> list[Classification]:
    ordered = sorted(registry.authors.values(), key=lambda a: a.name)
    return [Classification(a.key, a.name, a.role, a) for a in ordered]


def _tags(registry: Registry, index: PortalIndex) -> list[Classification]:
    return [Classification(slug, index.tag_names[slug]) for slug in index.keys(TaxonomyName.TAG)]


def _committees(registry: Registry, index: PortalIndex) -> list[Classification]:
    ordered = sorted(registry.committees.values(), key=display_order)
    return [Classification(c.key, c.name, c.description, c) for c in ordered]


def _years(registry: Registry, index: PortalIndex) -> list[Classification]:
    return [Classification(y, y) for y in sorted(index.keys(TaxonomyName.YEAR), reverse=True)]


def _terms(registry: Registry, index: PortalIndex) -> list[Classification]:
    ordered = sorted(registry.committees.values(), key=display_order)
    return [Classification(f"{c.key}/{t.key}", t.label, record=c) for c in ordered for t in c.terms]


def _term_url(urls: UrlScheme, key: str, number: int) -> str:
    committee, term = key.split("/", 1)
    return urls.term(committee, term)


def _options(
    classifications: Callable[[Registry, PortalIndex], list[Classification]],
    label: Callable[[Classification], str],
    url: Callable[[UrlScheme, str, int], str],
) -> Callable[[Registry, PortalIndex, UrlScheme], list[FilterOption]]:
    def options(registry: Registry, index: PortalIndex, urls: UrlScheme) -> list[FilterOption]:
        found = classifications(registry, index)
        return [FilterOption(c.key, label(c), label(c), url(urls, c.key, 1)) for c in found]

    return options


def _committee_label(c: Classification) -> str:
    committee = c.record
    return (committee.short_name if isinstance(committee, Committee) else None) or c.name


def _term_options(registry: Registry, index: PortalIndex, urls: UrlScheme) -> list[FilterOption]:
    # One option per term span, across committees: "Nhiệm kỳ 2020-2025" of any committee.
    terms = sorted({key.split("/", 1)[1] for key in index.keys(TaxonomyName.TERM)}, reverse=True)
    return [FilterOption(t, f"Nhiệm kỳ {t}", f"Nhiệm kỳ {t}", None) for t in terms]


def _year_options(registry: Registry, index: PortalIndex, urls: UrlScheme) -> list[FilterOption]:
    return [FilterOption(c.key, c.key, f"Năm {c.key}", urls.year(int(c.key))) for c in _years(registry, index)]


CATEGORY = DeclaredTaxonomy(
    TaxonomyName.CATEGORY,
    PageKind.CATEGORY,
    _categories,
    lambda urls, key, number: urls.category(key, number),
    listed=True,
    overview=Overview(lambda urls: urls.categories + "/", "Chuyên mục", "zp/categories.html", PageKind.CATEGORIES),
    feed=FeedDeclaration(lambda c: f"Tin mới chuyên mục {c.name}."),
    search=SearchFilter("Chuyên mục", _options(_categories, lambda c: c.name, lambda u, k, n: u.category(k, n))),
)
AUTHOR = DeclaredTaxonomy(
    TaxonomyName.AUTHOR,
    PageKind.AUTHOR,
    _authors,
    lambda urls, key, number: urls.author(key, number),
    heading=lambda c: f"Tác giả: {c.name}",
    listed=True,
    overview=Overview(lambda urls: urls.authors + "/", "Tác giả", "zp/authors.html", PageKind.AUTHORS),
)
TAG = DeclaredTaxonomy(
    TaxonomyName.TAG,
    PageKind.TAG,
    _tags,
    lambda urls, key, number: urls.tag(key, number),
    heading=lambda c: f"Thẻ: {c.name}",
    listed=True,
)
COMMITTEE = DeclaredTaxonomy(
    TaxonomyName.COMMITTEE,
    PageKind.COMMITTEE,
    _committees,
    lambda urls, key, number: urls.committee(key, number),
    feed=FeedDeclaration(lambda c: f"Tin mới của {c.name}."),
    search=SearchFilter("Tổ chức", _options(_committees, _committee_label, lambda u, k, n: u.committee(k, n))),
)
TERM = DeclaredTaxonomy(
    TaxonomyName.TERM,
    PageKind.TIMELINE,
    _terms,
    _term_url,
    search=SearchFilter("Nhiệm kỳ", _term_options),
)
YEAR = DeclaredTaxonomy(
    TaxonomyName.YEAR,
    PageKind.YEAR,
    _years,
    lambda urls, key, number: urls.year(int(key)),
    heading=lambda c: f"Lưu trữ năm {c.key}",
    search=SearchFilter("Năm", _year_options),
)

# In the order the search form shows their filters.
DECLARED: tuple[DeclaredTaxonomy, ...] = (CATEGORY, AUTHOR, TAG, COMMITTEE, TERM, YEAR)
