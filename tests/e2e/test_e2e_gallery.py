"""The photo library (Thư viện ảnh) and its lightbox, by touch-size screen, mouse and keyboard."""

from __future__ import annotations

import pytest

from kit.browsing import (
    blocking,
    follow,
    open_menu_link,
    run_axe,
    save_axe_report,
    swipe,
    wait_closed,
    wait_for_slide,
)

GALLERY = "/thu-vien-anh/"
ALBUM = "/thu-vien-anh/so-ket-giua-nhiem-ky-thuc-hien-nghi-quyet-dai-hoi-dang-bo-lan-thu-iii/"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_gallery_album_and_lightbox(open_tab, viewport: str) -> None:
    tab = open_tab(viewport)
    page = tab.page
    tab.goto("/")
    open_menu_link(tab, viewport, "Thư viện ảnh")
    assert tab.path() == GALLERY
    assert page.locator(".zp-breadcrumbs li").first.inner_text().strip() == "Trang chủ"
    cards = page.locator(".zp-album-card__link")
    assert cards.count() > 0
    tab.screenshot("thu-vien-anh")

    card = cards.first
    title = card.locator(".zp-album-card__title").inner_text().strip()
    follow(tab, card)
    assert tab.path().startswith(GALLERY) and tab.path() != GALLERY
    assert page.locator("article h1").inner_text().strip() == title
    photos = page.locator("a.zp-lightbox")
    assert photos.count() >= 2
    captions = [c.strip() for c in page.locator(".zp-album figcaption").all_inner_texts()]
    tab.screenshot("album")

    photos.first.click()
    state = wait_for_slide(tab, 0)
    assert state["open"]
    assert page.get_by_role("dialog", name="Xem ảnh").is_visible()
    if captions:
        assert state["title"].strip() == captions[0]
    tab.screenshot("lightbox-anh-1")

    if viewport == "phone":
        size = page.viewport_size
        swipe(tab, from_x=size["width"] * 0.8, to_x=size["width"] * 0.15, y=size["height"] / 2)
    else:
        page.get_by_role("button", name="Ảnh sau").click()
    state = wait_for_slide(tab, 1)
    if len(captions) > 1:
        assert state["title"].strip() == captions[1]
    tab.screenshot("lightbox-anh-2")

    page.get_by_role("button", name="Đóng").click()  # the close button stays on screen on phones too
    wait_closed(tab)
    tab.assert_clean()


def test_lightbox_by_keyboard(open_tab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto(ALBUM)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('zp-lightbox')"):
            break
    else:
        raise AssertionError("no photo link reached by Tab")
    opener = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    state = wait_for_slide(tab, 0)
    print("STATE", state)
    assert state["open"] and state["focusInside"]
    page.keyboard.press("ArrowRight")
    wait_for_slide(tab, 1)
    page.keyboard.press("ArrowLeft")
    wait_for_slide(tab, 0)
    tab.screenshot("lightbox-ban-phim")
    page.keyboard.press("Escape")
    wait_closed(tab)
    # Focus goes back to the photo that was opened, so the reader continues from there.
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == opener
    tab.assert_clean()


@pytest.mark.usefixtures("axe_available")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations_in_the_open_lightbox(open_tab, scheme: str) -> None:
    tab = open_tab("desktop", scheme=scheme)
    page = tab.page
    tab.goto(ALBUM)
    page.locator("a.zp-lightbox").first.click()
    wait_for_slide(tab, 0)
    violations = run_axe(page)
    save_axe_report(f"lightbox-desktop-{scheme}", page.url, violations)
    assert blocking(violations) == []
    tab.assert_clean()
