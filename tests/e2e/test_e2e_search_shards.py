"""Search over a site indexed in shards (output/search/shards.py), in Chromium behind deploy/nginx.conf
with its Content-Security-Policy: the search page merges older shards lazily, newest first, within a
byte budget per step, so a word only in the oldest or only in the newest post is found (by "Tìm tiếp
trong các bài cũ hơn" when the budget stops short), filters and the date sort work across shards,
paging ("Xem thêm kết quả") walks from one shard into the next, and a year filter fetches only the
shards reaching into that year."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Route, expect

from conftest import skip_or_fail
from kit.browsing import SCREENSHOTS, Tab
from kit.csp import violations, watched_tab
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
    with watched_tab(browser, server.origin, SCREENSHOTS / "search-shards" / request.node.name) as opened:
        yield opened


def _settled(tab: Tab) -> str:
    status = tab.page.locator("[data-zp-status]")
    status.filter(has_text="kết quả").or_(status.filter(has_text="Không tìm thấy")).wait_for()
    tab.page.wait_for_load_state("networkidle")
    return status.inner_text()


def _titles(tab: Tab) -> list[str]:
    return [t.strip() for t in tab.page.locator(".zp-search__title").all_inner_texts()]


def _search(tab: Tab, query: str) -> tuple[str, list[str]]:
    tab.goto(f"/tim-kiem/?{query}")
    return _settled(tab), _titles(tab)


def _all_titles(tab: Tab) -> list[str]:
    """Every result: "Xem thêm kết quả" clicked (into older shards too) until it is gone; the page
    then reports the exact count (no "ít nhất"), which must be what it shows."""
    titles = tab.page.locator(".zp-search__title")
    more = tab.page.locator("[data-zp-more]")
    while more.is_visible():
        count = titles.count()
        more.click()
        expect(titles).not_to_have_count(count)
        tab.page.wait_for_load_state("networkidle")
        _settled(tab)
    status = _settled(tab)
    total = int(re.search(r"Tìm thấy (\d+) kết quả", status).group(1))  # type: ignore[union-attr]
    assert "ít nhất" not in status and titles.count() == total, status
    expect(tab.page.locator("[data-zp-older]")).to_be_hidden()
    return _titles(tab)


def _shard_requests(tab: Tab) -> list[str]:
    """Watch the page's requests; the returned list fills with the older shards' names fetched from."""
    fetched: list[str] = []

    def on_request(request) -> None:  # type: ignore[no-untyped-def]
        parts = urlsplit(request.url).path.split("/")
        if len(parts) > 3 and parts[1] == "pagefind" and re.fullmatch(r"\d{4}-\d{2}", parts[2]):
            fetched.append(parts[2])

    tab.page.on("request", on_request)
    return fetched


def _step_bytes(tab: Tab, budget: int) -> None:
    """The budget of one search step, as a 100 000-post site's chunks would make it: every step
    searches one shard (the manifest's `step_bytes`, rewritten as the browser receives it)."""

    def rewrite(route: Route) -> None:
        response = route.fetch()
        entry = json.loads(response.text())
        entry["zoneportal"]["step_bytes"] = budget
        route.fulfill(response=response, body=json.dumps(entry))

    tab.page.route(lambda url: urlsplit(url).path == "/pagefind/pagefind-entry.json", rewrite)


def _manifest(project: Project) -> dict:
    return json.loads((project.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["zoneportal"]


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
    status, first_page = _search(tab, "q=ban+tin")
    # A page is filled from the newest shards; the older ones wait for "Xem thêm".
    assert len(first_page) == 10 and "Tìm thấy ít nhất" in status and "đến nay" in status, status
    titles = _all_titles(tab)
    assert sorted(titles) == sorted(_title(n) for n in range(len(POSTS)))  # each once, from every shard
    assert violations(tab) == []
    tab.assert_clean()


def test_date_sort_is_newest_first_across_shards(tab: Tab) -> None:
    status, first_page = _search(tab, "q=ban+tin&sort=date")
    assert "Tìm thấy ít nhất" in status, status
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


def test_a_common_word_searches_the_newest_shard_only(tab: Tab, sharded) -> None:
    _, project = sharded
    manifest = _manifest(project)
    _step_bytes(tab, 1)
    fetched = _shard_requests(tab)
    status, titles = _search(tab, "q=ban+tin")
    primary = [_title(n) for n in range(len(POSTS)) if f"{POSTS[n][0]}-{POSTS[n][1]:02d}" >= manifest["primary"]]
    assert sorted(titles) == sorted(primary)
    assert fetched == []  # no older shard's entry, metadata or chunk
    month = manifest["primary"]
    assert status == (
        f"Tìm thấy ít nhất {len(primary)} kết quả cho “ban tin”. "
        f"Đã tìm trong các bài từ {month[5:]}/{month[:4]} đến nay."
    )
    expect(tab.page.locator("[data-zp-older]")).to_have_text("Tìm tiếp trong các bài cũ hơn")
    assert violations(tab) == []
    tab.assert_clean()


def test_a_word_only_in_the_oldest_post_is_found_step_by_step(tab: Tab, sharded) -> None:
    _, project = sharded
    older = [shard["name"] for shard in _manifest(project)["shards"]]
    _step_bytes(tab, 1)
    fetched = _shard_requests(tab)
    status, titles = _search(tab, "q=ky+lan")
    assert titles == [] and status.startswith("Chưa có kết quả nào cho “ky lan”."), status
    button = tab.page.locator("[data-zp-older]")
    steps = 0
    while button.is_visible():
        steps += 1
        button.click()
        tab.page.wait_for_load_state("networkidle")
        status = _settled(tab)
        assert sorted(set(fetched)) == sorted(older[:steps])  # one more shard a step, newest first
    assert steps == len(older)
    assert _titles(tab) == [_title(0)]
    assert status == "Tìm thấy 1 kết quả cho “ky lan”."  # everything searched: an exact count
    assert violations(tab) == []
    tab.assert_clean()


def test_xem_them_goes_on_into_older_shards(tab: Tab) -> None:
    _step_bytes(tab, 1)
    _search(tab, "q=ban+tin&sort=date")
    assert _all_titles(tab) == _newest_first()
    assert violations(tab) == []
    tab.assert_clean()


def test_a_year_filter_fetches_only_that_years_shards(tab: Tab, sharded) -> None:
    _, project = sharded
    manifest = _manifest(project)
    fetched = _shard_requests(tab)
    year = 2017
    status, titles = _search(tab, f"q=ban+tin&year={year}")
    expected = [_title(n) for n in range(len(POSTS)) if POSTS[n][0] == year]
    assert sorted(titles) == sorted(expected)
    assert status == f"Tìm thấy {len(expected)} kết quả cho “ban tin”."
    covering = {s["name"] for s in manifest["shards"] if s["name"][:4] <= str(year) <= s["last"][:4]}
    assert covering and set(fetched) == covering
    assert violations(tab) == []
    tab.assert_clean()


def test_a_year_older_than_the_newest_shard_is_searched_at_once(tab: Tab, sharded) -> None:
    """Even when the step's budget is spent on the primary, a year it cannot hold reaches the newest
    shard of that year in the first step; the rest of that year follows by "Tìm tiếp"."""
    _, project = sharded
    manifest = _manifest(project)
    year = 2016
    covering = [s["name"] for s in manifest["shards"] if s["name"][:4] <= str(year) <= s["last"][:4]]
    _step_bytes(tab, 1)
    fetched = _shard_requests(tab)
    status, titles = _search(tab, f"q=ban+tin&year={year}")
    assert sorted(set(fetched)) == [covering[0]]
    expected = sorted(_title(n) for n in range(len(POSTS)) if POSTS[n][0] == year)
    assert titles and set(titles) <= set(expected)
    while tab.page.locator("[data-zp-older]").is_visible():
        tab.page.locator("[data-zp-older]").click()
        tab.page.wait_for_load_state("networkidle")
        status = _settled(tab)
    assert sorted(_titles(tab)) == expected and set(fetched) == set(covering)
    assert status == f"Tìm thấy {len(expected)} kết quả cho “ban tin”."
    assert violations(tab) == []
    tab.assert_clean()
