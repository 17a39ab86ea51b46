"""Search over a site indexed in shards (output/search/shards.py), in Chromium behind deploy/nginx.conf
with its Content-Security-Policy: the search page merges every shard, so a word only in the oldest
or only in the newest post is found, filters and the date sort work across shards, and paging
("Xem thêm kết quả") walks from one shard into the next."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import skip_or_fail
from kit.browsing import SCREENSHOTS, Tab
from kit.csp import WATCH_CSP, violations
from kit.sitekit import Project, make_project
from kit.webserver import StaticServer, find_nginx
from zoneportal.output.search import shard_names

pytestmark = pytest.mark.browser

# (year, month, committee): 24 posts over ten years, shards of at most 4 documents.
POSTS = [(2015 + i // 3, 1 + (i * 5) % 12, "chi-bo-a" if i % 3 == 0 else "dang-uy") for i in range(24)]
SHARD_SIZE = 4


def _project(root: Path) -> Project:
    project = make_project(root, plugin_options={"search_shard_size": SHARD_SIZE})
    for number, (year, month, committee) in enumerate(POSTS):
        body = "Bản tin hoạt động thường kỳ của khu công nghiệp."
        if number == 0:
            body += " Lễ đón nhận cờ thi đua kỳ lân."  # only in the oldest post
        if number == len(POSTS) - 1:
            body += " Khánh thành nhà máy phượng hoàng."  # only in the newest post
        project.add_post(
            f"{year}/ban-tin-{number:02d}.md",
            title=f"Bản tin số {number:02d}",
            date=f"{year}-{month:02d}-{1 + number % 27:02d} 09:00",
            committee=committee,
            body=body,
        )
    project.build()
    return project


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[StaticServer, Project]]:
    nginx = find_nginx()
    if nginx is None:
        skip_or_fail("nginx not installed (apt-get install nginx)")
    assert nginx is not None
    root = tmp_path_factory.mktemp("shards")
    project = _project(root / "cong")
    server = StaticServer(root / "nginx", [], nginx, shipped_root=project.site)
    server.start()
    yield server, project
    server.stop()


@pytest.fixture
def tab(browser, sharded, request: pytest.FixtureRequest) -> Iterator[Tab]:
    server, _ = sharded
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    context.add_init_script(WATCH_CSP)
    opened = Tab.open(context, server.origin, SCREENSHOTS / "search-shards" / request.node.name)
    yield opened
    context.close()


def _search(tab: Tab, query: str) -> tuple[str, list[str]]:
    tab.goto(f"/tim-kiem/?{query}")
    status = tab.page.locator("[data-zp-status]")
    status.filter(has_text="kết quả").or_(status.filter(has_text="Không tìm thấy")).wait_for()
    tab.page.wait_for_load_state("networkidle")
    return status.inner_text(), [t.strip() for t in tab.page.locator(".zp-search__title").all_inner_texts()]


def _all_titles(tab: Tab) -> list[str]:
    """Every result, "Xem thêm kết quả" clicked until the count the page reported is shown."""
    status = tab.page.locator("[data-zp-status]").inner_text()
    total = int(re.search(r"Tìm thấy (\d+) kết quả", status).group(1))  # type: ignore[union-attr]
    titles = tab.page.locator(".zp-search__title")
    while (count := titles.count()) < total:
        tab.page.locator("[data-zp-more]").click()
        titles.nth(min(count + 10, total) - 1).wait_for()  # the next page, each result in
    expect(tab.page.locator("[data-zp-more]")).to_be_hidden()
    return [t.strip() for t in titles.all_inner_texts()]


def _title(number: int) -> str:
    return f"Bản tin số {number:02d}"


def _newest_first() -> list[str]:
    order = sorted(range(len(POSTS)), key=lambda n: (POSTS[n][0], POSTS[n][1], 1 + n % 27), reverse=True)
    return [_title(n) for n in order]


def test_the_fixture_is_indexed_in_several_shards(sharded) -> None:
    _, project = sharded
    older = shard_names(project.site)
    assert len(older) >= 4
    for name in older:
        assert (project.site / "pagefind" / name / "pagefind-entry.json").is_file()
        assert not (project.site / "pagefind" / name / "pagefind.js").exists()  # the primary's is used


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("q=lan", 0),
        # Every post says "thường kỳ": a shard without "lân" must not answer with all of them.
        ("q=ky+lan", 0),
        ("q=k%E1%BB%B3+l%C3%A2n", 0),
        ("q=phuong+hoang", len(POSTS) - 1),
        ("q=hoang+ban+tin&sort=date", len(POSTS) - 1),
    ],
)
def test_a_word_only_in_the_oldest_or_the_newest_shard_is_found(tab: Tab, query: str, number: int) -> None:
    status, titles = _search(tab, query)
    assert titles == [_title(number)], status
    assert "Tìm thấy 1 kết quả" in status
    assert violations(tab) == []
    tab.assert_clean()


def test_relevance_results_page_through_every_shard(tab: Tab) -> None:
    status, _ = _search(tab, "q=ban+tin")
    assert f"Tìm thấy {len(POSTS)} kết quả" in status
    titles = _all_titles(tab)
    assert sorted(titles) == sorted(_title(n) for n in range(len(POSTS)))  # each once, from every shard
    assert violations(tab) == []
    tab.assert_clean()


def test_date_sort_is_newest_first_across_shards(tab: Tab) -> None:
    status, first_page = _search(tab, "q=ban+tin&sort=date")
    assert f"Tìm thấy {len(POSTS)} kết quả" in status
    assert first_page == _newest_first()[:10]
    assert _all_titles(tab) == _newest_first()  # "Xem thêm" continues into the older shards in order
    assert violations(tab) == []
    tab.assert_clean()


def test_filters_work_across_shards(tab: Tab) -> None:
    expected = [_title(n) for n in range(len(POSTS)) if POSTS[n][2] == "chi-bo-a"]
    status, _ = _search(tab, "q=ban+tin&committee=chi-bo-a")
    assert f"Tìm thấy {len(expected)} kết quả" in status
    assert sorted(_all_titles(tab)) == sorted(expected)
    status, titles = _search(tab, "q=ban+tin&committee=chi-bo-a&sort=date")
    assert titles == [t for t in _newest_first() if t in expected][:10]
    assert violations(tab) == []
    tab.assert_clean()
