"""Taxonomies declared once: listings, feeds, feed links, search filters and search documents all
come from the declarations in pages/taxonomies.py, so a new declaration needs no other code."""

from __future__ import annotations

import json

import pytest

from kit.plankit import plan, three_posts
from kit.sitekit import Project
from zoneportal.index.taxonomy import TAXONOMIES, TaxonomyName
from zoneportal.output.feeds import FeedLinks
from zoneportal.pages import PageKind, listings
from zoneportal.pages.taxonomies import DECLARED, YEAR, DeclaredTaxonomy, Overview


def test_every_declared_taxonomy_classifies_posts_and_is_declared_once() -> None:
    names = [declared.taxonomy for declared in DECLARED]
    assert len(names) == len(set(names))
    assert set(names) == set(TAXONOMIES) == set(TaxonomyName)


def test_feeds_follow_the_declarations(project: Project) -> None:
    three_posts(project)
    result = plan(project)
    paths = [feed.path for feed in result.feeds]
    # The site's feed, then each category (display order), then each committee (display order).
    assert paths == [
        "rss.xml",
        "chuyen-muc/tin-hoat-dong/rss.xml",
        "chuyen-muc/xay-dung-dang/rss.xml",
        "to-chuc/chi-bo-a/rss.xml",
        "to-chuc/dang-uy/rss.xml",
    ]
    by_path = {feed.path: feed for feed in result.feeds}
    category = by_path["chuyen-muc/xay-dung-dang/rss.xml"]
    assert category.page_url == "chuyen-muc/xay-dung-dang/"
    assert category.description == "Tin mới chuyên mục Xây dựng Đảng."  # the declared fallback
    assert [view.title for view in category.views] == ["Học tập nghị quyết"]
    committee = by_path["to-chuc/chi-bo-a/rss.xml"]
    assert committee.description == "Tin mới của Chi bộ Phòng A." and committee.title.startswith("Chi bộ Phòng A – ")
    assert set(result.rss) == set(paths)


def test_a_post_announces_the_feeds_of_its_categories_and_committee(project: Project) -> None:
    three_posts(project)
    result = plan(project)
    links = FeedLinks(result.feeds, result.settings.urls)
    post = result.page("tin-tuc/2024/01/hoc-tap-nghi-quyet/")
    assert post is not None and post.view is not None
    assert [path for _, path in links.for_page(post.url, post.view)] == [
        "rss.xml",
        "chuyen-muc/xay-dung-dang/rss.xml",
        "to-chuc/dang-uy/rss.xml",
    ]
    # A listing announces its own feed; a page without one only the site's.
    assert [path for _, path in links.for_page("to-chuc/chi-bo-a/")] == ["rss.xml", "to-chuc/chi-bo-a/rss.xml"]
    assert [path for _, path in links.for_page("tac-gia/tac-gia-a/")] == ["rss.xml"]


def test_search_filters_and_documents_follow_the_declarations(project: Project) -> None:
    three_posts(project)
    result = plan(project)
    search = result.page("tim-kiem/")
    assert search is not None
    filters = search.context["filters"]
    assert [(name, label) for name, label, _ in filters] == [
        ("category", "Chuyên mục"),
        ("committee", "Tổ chức"),
        ("term", "Nhiệm kỳ"),
        ("year", "Năm"),
    ]
    options = {name: values for name, _, values in filters}
    assert options["term"] == [("2020-2025", "Nhiệm kỳ 2020-2025")]  # across committees, not per committee
    assert options["year"] == [("2024", "2024"), ("2023", "2023")]
    names = json.loads(search.context["names_json"])
    assert names["year"]["2023"] == {"name": "Năm 2023", "url": "luu-tru/2023/"}
    assert names["committee"]["dang-uy"]["url"] == "to-chuc/dang-uy/" and names["term"]["2020-2025"]["url"] is None
    # Every search document is filed under the same filter names, a term by its span alone.
    document = next(d for d in result.search_documents if d.url == "tin-tuc/2023/05/dai-hoi-chi-bo/")
    assert dict(document.filters) == {
        "category": ["tin-hoat-dong"],
        "committee": ["chi-bo-a"],
        "term": ["2020-2025"],
        "year": ["2023"],
    }


def test_a_new_listed_taxonomy_needs_only_a_declaration(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Years as paginated listings at /nam/<year>/, with an overview: declared, not coded."""
    by_year = DeclaredTaxonomy(
        TaxonomyName.YEAR,
        PageKind.YEAR,
        YEAR.classifications,
        lambda urls, key, number: f"nam/{key}/" if number == 1 else f"nam/{key}/{urls.page}/{number}/",
        heading=lambda c: f"Năm {c.name}",
        listed=True,
        overview=Overview(lambda urls: "nam/", "Các năm", "zp/archive.html", PageKind.ARCHIVE),
    )
    monkeypatch.setattr(listings, "DECLARED", (*DECLARED, by_year))
    three_posts(project)
    result = plan(project)
    first, second = result.page("nam/2023/"), result.page("nam/2023/trang/2/")
    assert first is not None and second is None  # two posts of 2023, two a page
    assert first.title == "Năm 2023" and first.template == "zp/listing.html"
    assert [view.title for view in first.context["slice"].items] == ["Đại hội Chi bộ", "Hội nghị sơ kết"]
    overview = result.page("nam/")
    assert overview is not None and [(url, count) for _, url, count in overview.context["rows"]] == [
        ("nam/2024/", 1),
        ("nam/2023/", 2),
    ]
