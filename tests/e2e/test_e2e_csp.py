"""The published portal in Chromium behind deploy/nginx.conf, its Content-Security-Policy enforced.

The example portal is published with `zoneportal publish` into a web root and served by nginx with
the shipped configuration (only port and root changed). Every page kind is opened, search is run
and the lightbox is used; any CSP violation (the `securitypolicyviolation` event, or Chromium's
console message) fails the test, as does any other console error, failed request or outside request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import skip_or_fail
from kit.browsing import SCREENSHOTS, Tab, wait_for_results, wait_for_slide
from kit.csp import violations, watched_tab
from kit.publishkit import example_project, zoneportal
from kit.webserver import StaticServer, find_nginx

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def published_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[StaticServer, Path]]:
    nginx = find_nginx()
    if nginx is None:
        skip_or_fail("nginx not installed (apt-get install nginx)")
    assert nginx is not None
    root = tmp_path_factory.mktemp("csp")
    project = example_project(root / "cong")
    result = zoneportal(project, "publish", str(root / "web"))
    assert result.returncode == 0, result.stdout + result.stderr
    server = StaticServer(root / "nginx", [], nginx, shipped_root=root / "web" / "current")
    server.start()
    yield server, root / "web" / "current"
    server.stop()


def first_page(site: Path, folder: str, depth: int) -> str:
    """URL of the first page `depth` folders below `folder` (a post, a category, a term …)."""
    pattern = "/".join(["*"] * depth) + "/index.html"
    page = sorted((site / folder).glob(pattern))[0]
    return "/" + page.parent.relative_to(site).as_posix() + "/"


def page_kinds(site: Path) -> dict[str, str]:
    album = next(
        "/" + p.parent.relative_to(site).as_posix() + "/"
        for p in sorted((site / "thu-vien-anh").glob("*/index.html"))
        if p.parent.name not in ("trang", "nam", "to-chuc")
    )
    return {
        "home": "/",
        "categories": "/chuyen-muc/",
        "category": first_page(site, "chuyen-muc", 1),
        "post": first_page(site, "tin-tuc", 3),
        "archive": "/luu-tru/",
        "archive-year": first_page(site, "luu-tru", 1),
        "authors": "/tac-gia/",
        "author": first_page(site, "tac-gia", 1),
        "tag": first_page(site, "the", 1),
        "committees": "/to-chuc/",
        "committee": first_page(site, "to-chuc", 1),
        "terms": "/nhiem-ky/",
        "term": first_page(site, "nhiem-ky", 2),
        "gallery": "/thu-vien-anh/",
        "album": album,
        "docs": "/gioi-thieu/",
        "contact": "/lien-he/",
    }


@pytest.fixture
def csp_tab(browser, published_server, request: pytest.FixtureRequest) -> Iterator[Tab]:
    server, _site = published_server
    with watched_tab(browser, server.origin, SCREENSHOTS / "csp" / request.node.name) as tab:
        yield tab


def test_every_page_kind_runs_under_the_policy(csp_tab: Tab, published_server) -> None:
    _server, site = published_server
    for kind, path in page_kinds(site).items():
        response = csp_tab.goto(path)
        assert response is not None and response.status == 200, (kind, path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        # The moved inline scripts ran: Material's storage helpers and its config exist.
        assert csp_tab.page.evaluate("() => typeof __md_get === 'function' && typeof __md_scope === 'object'"), kind
        assert violations(csp_tab) == [], (kind, path)
    csp_tab.assert_clean()


def test_colour_scheme_switch_and_text_size_work(csp_tab: Tab) -> None:
    page = csp_tab.page
    csp_tab.goto("/")
    before = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("(b) => document.body.getAttribute('data-md-color-scheme') !== b", arg=before)
    csp_tab.goto("/gioi-thieu/")  # the scheme is remembered by the moved inline script
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") != before
    assert violations(csp_tab) == []
    csp_tab.assert_clean()


def test_search_runs_under_the_policy(csp_tab: Tab) -> None:
    csp_tab.goto("/tim-kiem/?q=dai+hoi")
    titles = wait_for_results(csp_tab)
    assert titles, "Pagefind found nothing: its WebAssembly may have been blocked"
    csp_tab.screenshot("tim-kiem")
    assert violations(csp_tab) == []
    csp_tab.assert_clean()


def test_lightbox_runs_under_the_policy(csp_tab: Tab, published_server) -> None:
    _server, site = published_server
    csp_tab.goto(page_kinds(site)["album"])
    csp_tab.page.locator("a.zp-lightbox").first.click()
    state = wait_for_slide(csp_tab, 0)
    assert state["open"] and state["loaded"]
    csp_tab.page.keyboard.press("ArrowRight")
    wait_for_slide(csp_tab, 1)
    csp_tab.screenshot("lightbox")
    csp_tab.page.keyboard.press("Escape")
    assert violations(csp_tab) == []
    csp_tab.assert_clean()


def test_404_page_under_the_policy(csp_tab: Tab) -> None:
    response = csp_tab.goto_missing("/tin-tuc/khong-co-bai-nay/")
    assert response is not None and response.status == 404
    assert re.search("Không tìm thấy", csp_tab.page.content())
    assert violations(csp_tab) == []
    csp_tab.assert_clean()


def test_an_inline_script_is_really_blocked(csp_tab: Tab, published_server) -> None:
    """The policy is not a formality: a script the build did not move (say, pasted into a post body)
    does not run, and Chromium reports it."""
    _server, site = published_server
    page = site / "gioi-thieu" / "index.html"
    probe = page.parent / "thu-csp.html"
    probe.write_text(
        "<!doctype html><html lang=vi><body><script>window.__ran = true</script></body></html>", encoding="utf-8"
    )
    try:
        csp_tab.goto("/gioi-thieu/thu-csp.html")
        assert csp_tab.page.evaluate("() => window.__ran === undefined")
        assert any("script-src" in v for v in violations(csp_tab))
    finally:
        probe.unlink()
