"""Keyboard only: every Tab stop shows where it is, and the menu, skip link and timeline work without a mouse."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest

from kit.browsing import Tab, focus_state, is_visible_focus

TIMELINE = "/nhiem-ky/dang-bo-bql/2020-2025/"
POST = "/tin-tuc/2023/05/so-ket-giua-nhiem-ky-thuc-hien-nghi-quyet-dai-hoi-dang-bo-lan-thu-iii/"
ALBUM = "/thu-vien-anh/so-ket-giua-nhiem-ky-thuc-hien-nghi-quyet-dai-hoi-dang-bo-lan-thu-iii/"


def tab_until(tab: Tab, predicate, limit: int) -> dict[str, Any]:
    """Press Tab until the focused element matches; fail after `limit` presses."""
    seen = []
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        state = focus_state(tab)
        if state is not None and predicate(state):
            return state
        seen.append(state and state["text"])
    raise AssertionError(f"not reached in {limit} Tab presses; focus went through {seen}")


@pytest.mark.parametrize("path", ["/", POST, TIMELINE, ALBUM], ids=["home", "post", "timeline", "album"])
@pytest.mark.parametrize(("viewport", "scheme"), [("phone", "light"), ("desktop", "light"), ("desktop", "dark")])
def test_every_tab_stop_is_on_screen_with_a_visible_focus_ring(open_tab, viewport: str, scheme: str, path: str) -> None:
    tab = open_tab(viewport, scheme=scheme)
    tab.goto(path)
    stops, invisible = [], []
    for _ in range(30):
        tab.page.keyboard.press("Tab")
        state = focus_state(tab)
        if state is None:
            break
        stops.append(state)
        if not is_visible_focus(state):
            invisible.append(state)
        if len(stops) == 12:
            tab.screenshot("tieu-diem-thu-12")
    assert len(stops) >= 10  # the walk really went through the page
    assert invisible == []
    tab.assert_clean()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_menu_dropdown_opens_moves_and_closes_by_keyboard(open_tab, viewport: str) -> None:
    """The menu bar is the navigation on every screen; "Tin tức ▾" is a <details> drop-down."""
    tab = open_tab(viewport)
    page = tab.page
    tab.goto("/")

    first = tab_until(tab, lambda s: True, 1)
    assert first["text"] == "Chuyển đến nội dung chính" and is_visible_focus(first)

    summary = tab_until(tab, lambda s: s["tag"] == "SUMMARY" and s["text"] == "Tin tức", 12)
    assert is_visible_focus(summary)
    group = page.locator(".zp-menu__group")
    assert group.get_attribute("open") is None
    tab.screenshot("trinh-don")

    page.keyboard.press("Enter")
    assert group.get_attribute("open") is not None
    inside = tab_until(tab, lambda s: True, 1)
    assert inside["inDropdown"] and is_visible_focus(inside)
    tab.screenshot("trinh-don-mo")

    page.keyboard.press("Escape")
    assert group.get_attribute("open") is None
    assert focus_state(tab)["tag"] == "SUMMARY"

    page.keyboard.press(" ")
    assert group.get_attribute("open") is not None
    tab_until(tab, lambda s: s["inDropdown"] and s["text"] == "Lưu trữ", 12)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert tab.path() == "/luu-tru/"
    tab.assert_clean()


def test_closed_dropdown_keeps_its_links_out_of_the_tab_order(open_tab) -> None:
    tab = open_tab("phone")
    tab.goto("/")
    menu_stops = 0
    for _ in range(15):
        tab.page.keyboard.press("Tab")
        state = focus_state(tab)
        assert state is not None and not state["inDropdown"], state
        menu_stops += state["inMenu"]
    assert menu_stops >= 4  # the walk did go through the menu bar


def test_desktop_menu_and_skip_link_by_keyboard(open_tab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto("/")
    skip = tab_until(tab, lambda s: True, 1)
    assert skip["text"] == "Chuyển đến nội dung chính"
    page.keyboard.press("Enter")
    after_skip = tab_until(tab, lambda s: True, 1)
    assert after_skip["inContent"]  # the menu was skipped

    tab.goto("/")
    tab_until(tab, lambda s: "zp-menu__link" in s["cls"] and s["text"] == "Thư viện ảnh", 15)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert tab.path() == "/thu-vien-anh/"
    tab.assert_clean()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_timeline_entries_are_reached_and_opened_by_keyboard(open_tab, viewport: str) -> None:
    tab = open_tab(viewport)
    page = tab.page
    tab.goto(TIMELINE)
    entry = tab_until(tab, lambda s: "zp-tl__title" in (s["cls"] or ""), 40)
    assert is_visible_focus(entry)
    tab.screenshot("muc-dong-thoi-gian")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert tab.path() == urljoin(TIMELINE, entry["href"])
    assert tab.path().startswith("/tin-tuc/")
    tab.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_scheme_switch_by_keyboard(open_tab, scheme: str) -> None:
    tab = open_tab("desktop", scheme=scheme)
    page = tab.page
    tab.goto("/")
    body_scheme = "() => document.body.dataset.mdColorScheme"
    start = page.evaluate(body_scheme)
    assert start == ("slate" if scheme == "dark" else "default")
    switch = tab_until(tab, lambda s: "md-option" in (s["cls"] or ""), 10)
    assert is_visible_focus(switch)  # the ring is on the switch the reader sees
    page.keyboard.press("Enter")
    assert page.evaluate(body_scheme) != start
    assert is_visible_focus(focus_state(tab))
    tab.screenshot("doi-giao-dien")
    page.keyboard.press(" ")
    assert page.evaluate(body_scheme) == start
    tab.assert_clean()
