"""Search as citizens type it: from the header box, without diacritics, by touch, mouse and keyboard."""

from __future__ import annotations

import pytest

from kit.browsing import (
    SEARCH,
    blocking,
    focus_state,
    fold,
    follow,
    is_visible_focus,
    run_axe,
    save_axe_report,
    search_from_header,
    wait_for_results,
)


@pytest.mark.parametrize("query", ["dai hoi", "dang bo"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_search_without_diacritics_from_the_header(open_tab, viewport: str, query: str) -> None:
    tab = open_tab(viewport)
    page = tab.page
    tab.goto("/")
    search_from_header(tab, query)
    assert tab.path() == SEARCH
    titles = wait_for_results(tab)
    assert titles, "no result for a query typed without diacritics"
    # Results carry the words with their marks: "dai hoi" finds "Đại hội", "dang bo" finds "Đảng bộ".
    # (Lower results may match in the article body only, which the result list does not show.)
    assert any(query in fold(title) for title in titles)
    top = page.locator(".zp-search__results .zp-search__result").first.inner_text()
    assert query in fold(top)
    assert "Tìm thấy" in page.locator("[data-zp-status]").inner_text()
    tab.screenshot(f"ket-qua-{query}")
    first = page.locator(".zp-search__results .zp-search__title a").first
    title = first.inner_text().strip()
    follow(tab, first)
    assert tab.path().startswith("/tin-tuc/")
    assert page.locator("article h1").inner_text().strip() == title
    tab.assert_clean()


def test_search_by_keyboard_only(open_tab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto("/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "zp-header-q":
            break
    else:
        raise AssertionError("the header search box is not reached by Tab")
    page.keyboard.type("tong ket")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    titles = wait_for_results(tab)
    assert titles
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.zp-search__title')"):
            break
    else:
        raise AssertionError("no result link reached by Tab")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert tab.path().startswith("/tin-tuc/")
    tab.assert_clean()


@pytest.mark.usefixtures("axe_available")
@pytest.mark.parametrize(("viewport", "scheme"), [("desktop", "light"), ("desktop", "dark"), ("phone", "light")])
def test_no_serious_axe_violations_on_search_results(open_tab, viewport: str, scheme: str) -> None:
    tab = open_tab(viewport, scheme=scheme)
    tab.goto(f"{SEARCH}?q=dai+hoi")
    assert wait_for_results(tab)
    violations = run_axe(tab.page)
    save_axe_report(f"search-results-{viewport}-{scheme}", tab.page.url, violations)
    tab.screenshot("ket-qua")
    assert blocking(violations) == []
    tab.assert_clean()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_search_page_focus_is_always_visible(open_tab, viewport: str) -> None:
    tab = open_tab(viewport)
    tab.goto(f"{SEARCH}?q=dai+hoi")
    assert wait_for_results(tab)
    stops, invisible = 0, []
    for _ in range(30):
        tab.page.keyboard.press("Tab")
        state = focus_state(tab)
        if state is None:
            break
        stops += 1
        if not is_visible_focus(state):
            invisible.append(state)
    assert stops >= 10 and invisible == []
    tab.assert_clean()
