"""A citizen's walk through the portal in a real browser, on a phone and on a desktop.

home → category → post → committee → term timeline → back to the post, then the post's term link
straight to its place on the timeline → photo library → album → lightbox → search, typed without
diacritics as on a phone keyboard. Screenshots of every step go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import pytest

from kit.browsing import (
    Tab,
    follow,
    open_menu_link,
    overflowing,
    search_from_header,
    wait_closed,
    wait_for_results,
    wait_for_slide,
)

VIEWPORT_NAMES = ["phone", "desktop"]


def heading(tab: Tab) -> str:
    return tab.page.locator("article h1").first.inner_text().strip()


def breadcrumbs(tab: Tab) -> list[str]:
    return [t.strip() for t in tab.page.locator(".zp-breadcrumbs li").all_inner_texts()]


@pytest.mark.parametrize("viewport", VIEWPORT_NAMES)
def test_citizen_walk(open_tab, viewport: str) -> None:
    tab = open_tab(viewport)
    page = tab.page

    response = tab.goto("/")
    assert response is not None and response.status == 200
    assert page.locator("h1.zp-home__title").inner_text().startswith("Cổng thông tin")
    assert page.locator(".zp-lead").count() == 1 and page.locator(".zp-cards--grid .zp-card").count() > 0
    assert overflowing(tab) == []
    tab.screenshot("trang-chu")

    open_menu_link(tab, viewport, "Chuyên mục")
    assert tab.path() == "/chuyen-muc/" and heading(tab) == "Chuyên mục"
    follow(tab, page.locator(".zp-overview").get_by_role("link", name="Xây dựng Đảng", exact=True))
    assert tab.path() == "/chuyen-muc/xay-dung-dang/"
    assert heading(tab) == "Xây dựng Đảng"
    assert breadcrumbs(tab)[0] == "Trang chủ" and breadcrumbs(tab)[-1].endswith("Xây dựng Đảng")
    assert overflowing(tab) == []
    tab.screenshot("chuyen-muc")

    teaser = page.locator(".zp-teaser__title a").first
    title = teaser.inner_text().strip()
    follow(tab, teaser)
    post_path = tab.path()
    assert post_path.startswith("/tin-tuc/")
    assert heading(tab) == title
    assert "Xây dựng Đảng" in " ".join(breadcrumbs(tab))
    assert page.locator(".zp-post__body p").count() > 0
    assert "Ban Quản lý các khu công nghiệp tỉnh Thanh Vân" in page.locator(".zp-legal").inner_text()
    assert overflowing(tab) == []
    tab.screenshot("bai-viet")
    tab.screenshot("bai-viet-ca-trang", full_page=True)

    term = page.locator(".zp-post__term a").inner_text().strip()
    committee = page.locator(".zp-post__committee a")
    committee_name = committee.inner_text().strip()
    follow(tab, committee)
    assert tab.path().startswith("/to-chuc/")
    assert heading(tab) == committee_name
    tab.screenshot("to-chuc")

    follow(tab, page.locator(f'.zp-terms a[href*="/{term}/"]'))
    assert tab.path().endswith(f"/{term}/") and tab.path().startswith("/nhiem-ky/")
    assert term in heading(tab)
    entry = page.locator(".zp-tl__title", has_text=title)
    assert entry.count() == 1
    assert overflowing(tab) == []
    tab.screenshot("dong-thoi-gian")

    follow(tab, entry)
    assert tab.path() == post_path

    follow(tab, page.locator(".zp-post__term a"))
    # The term link lands on the post's own entry, in view and not under the sticky header.
    target = page.evaluate(
        """() => {
            const t = document.querySelector(':target');
            if (!t) return null;
            const r = t.getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, headerBottom: header.bottom, height: innerHeight,
                    text: t.innerText};
        }"""
    )
    assert target is not None and title in target["text"]
    assert target["top"] >= target["headerBottom"] and target["top"] < target["height"]
    tab.screenshot("vi-tri-tren-dong-thoi-gian")

    open_menu_link(tab, viewport, "Thư viện ảnh")
    assert tab.path() == "/thu-vien-anh/"
    album = page.locator(".zp-album-card__link").first
    album_title = album.locator(".zp-album-card__title").inner_text().strip()
    follow(tab, album)
    assert heading(tab) == album_title
    tab.screenshot("album-anh")
    page.locator("a.zp-lightbox").first.click()
    assert wait_for_slide(tab, 0)["open"]
    tab.screenshot("xem-anh")
    page.get_by_role("button", name="Đóng").click()
    wait_closed(tab)

    search_from_header(tab, "so ket giua nhiem ky")
    results = wait_for_results(tab)
    assert results and "sơ kết giữa nhiệm kỳ" in results[0].lower()
    tab.screenshot("tim-kiem")
    follow(tab, page.locator(".zp-search__results .zp-search__title a").first)
    assert tab.path().startswith("/tin-tuc/")
    assert heading(tab) == results[0]

    follow(tab, page.locator(".zp-breadcrumbs").get_by_role("link", name="Trang chủ"))
    assert tab.path() == "/"
    tab.assert_clean()
