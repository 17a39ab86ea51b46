"""Portal conventions in the browser: text size, printing, the 404 page, hosting under a sub-path."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO
from kit.browsing import ARTIFACTS, Tab, follow, overflowing
from kit.examplesite import SUB_PATH, SUB_PATH_SITE_URL

POST = "/tin-tuc/2023/05/so-ket-giua-nhiem-ky-thuc-hien-nghi-quyet-dai-hoi-dang-bo-lan-thu-iii/"
ROOT_SIZE = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"


def identity_primary() -> str:
    """The primary colour the example portal configures (mkdocs.yml → zoneportal → identity.colors)."""
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    options = next(p["zoneportal"] for p in settings["plugins"] if isinstance(p, dict) and "zoneportal" in p)
    return options["identity"]["colors"]["primary"]


def root_size(tab: Tab) -> float:
    return tab.page.evaluate(ROOT_SIZE)


# Text size ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_text_size_control_by_keyboard_is_remembered_across_pages(open_tab, viewport: str) -> None:
    tab = open_tab(viewport)
    page = tab.page
    tab.goto("/")
    group = page.get_by_role("group", name="Cỡ chữ:")
    smaller = group.get_by_role("button", name="Giảm cỡ chữ A−")
    default = group.get_by_role("button", name="Cỡ chữ mặc định A")
    larger = group.get_by_role("button", name="Tăng cỡ chữ A+")
    assert [b.inner_text() for b in (smaller, default, larger)] == ["A−", "A", "A+"]
    base = root_size(tab)
    assert base == 20  # Material's 125 % of 16px

    larger.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert root_size(tab) == pytest.approx(base * 1.25)
    assert group.get_by_role("status").inner_text() == "Cỡ chữ 125%"
    tab.screenshot("chu-lon")

    tab.goto(POST)  # another page: the size is remembered
    assert root_size(tab) == pytest.approx(base * 1.25)
    tab.screenshot("bai-viet-chu-lon")

    page.get_by_role("button", name="Cỡ chữ mặc định A").click()
    assert root_size(tab) == pytest.approx(base)
    minus = page.get_by_role("button", name="Giảm cỡ chữ A−")
    minus.click()
    assert root_size(tab) == pytest.approx(base * 0.875)
    assert minus.get_attribute("aria-disabled") == "true"  # the smallest step
    minus.focus()  # disabled by aria-disabled, so still focusable: a key press changes nothing
    page.keyboard.press("Enter")
    assert root_size(tab) == pytest.approx(base * 0.875)

    tab.goto("/luu-tru/")
    assert root_size(tab) == pytest.approx(base * 0.875)
    tab.assert_clean()


def test_largest_text_still_fits_a_phone(open_tab) -> None:
    tab = open_tab("phone")
    page = tab.page
    tab.goto(POST)
    larger = page.get_by_role("button", name="Tăng cỡ chữ A+")
    while larger.get_attribute("aria-disabled") != "true":
        larger.click()
    assert root_size(tab) == pytest.approx(40)  # 200 %, WCAG's "resize text" bar
    assert overflowing(tab) == []
    tab.screenshot("chu-lon-nhat")
    tab.assert_clean()


# Printing -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_article_has_no_menus_and_shows_its_address(open_tab, scheme: str) -> None:
    tab = open_tab("desktop", scheme=scheme)
    page = tab.page
    tab.goto(POST)
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical and canonical.endswith(POST)
    source = page.locator(".zp-print-source")
    assert not source.is_visible()  # on screen it is not shown

    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".zp-menu",
        ".zp-share",
        ".md-footer",
        ".zp-textsize",
        ".zp-breadcrumbs",
        ".zp-post__neighbours",
    ):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator("article h1").is_visible()
    assert page.locator(".zp-post__body").is_visible()
    assert source.is_visible()
    assert canonical in source.inner_text()
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(255, 255, 255)"  # paper stays white in the dark scheme too
    pdf = ARTIFACTS / "print" / f"bai-viet-{scheme}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 0
    tab.assert_clean()


# 404 and sub-path hosting -------------------------------------------------------------------------


@pytest.mark.parametrize("base", ["/", SUB_PATH], ids=["root", "sub-path"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_missing_page_shows_the_vietnamese_404_styled_and_linked(open_tab, base: str, viewport: str) -> None:
    tab = open_tab(viewport)
    page = tab.page
    response = tab.goto_missing(f"{base}tin-tuc/2099/01/khong-co-bai-nay/")
    assert response is not None and response.status == 404
    assert page.locator("article h1").inner_text() == "Không tìm thấy trang"
    # The stylesheets loaded at this depth: the masthead has the board's primary colour (identity.colors).
    primary = identity_primary()
    rgb = f"rgb({int(primary[1:3], 16)}, {int(primary[3:5], 16)}, {int(primary[5:7], 16)})"
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).backgroundColor") == rgb
    assert "Ban Quản lý các khu công nghiệp tỉnh Thanh Vân" in page.locator(".zp-legal").inner_text()
    tab.screenshot("404")
    follow(tab, page.get_by_role("link", name="Lưu trữ", exact=True).last)
    assert tab.path() == f"{base}luu-tru/"
    tab.goto_missing(f"{base}khong-co/")
    follow(tab, page.locator("article").get_by_role("link", name="Tìm kiếm", exact=True))
    assert tab.path() == f"{base}tim-kiem/"
    tab.goto_missing(f"{base}khong-co/")
    follow(tab, page.get_by_role("link", name="Về trang chủ"))
    assert tab.path() == base
    tab.assert_clean()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_portal_works_under_a_sub_path(open_tab, viewport: str) -> None:
    tab = open_tab(viewport)
    page = tab.page
    tab.goto(SUB_PATH)
    assert page.locator("h1.zp-home__title").is_visible()
    tab.screenshot("duong-dan-con-trang-chu")
    follow(tab, page.locator(".zp-block h2 a").first)
    assert tab.path().startswith(f"{SUB_PATH}chuyen-muc/")
    follow(tab, page.locator(".zp-teaser__title a").first)
    assert tab.path().startswith(f"{SUB_PATH}tin-tuc/")
    assert page.locator('link[rel="canonical"]').get_attribute("href").startswith(SUB_PATH_SITE_URL)
    tab.screenshot("duong-dan-con-bai-viet")
    follow(tab, page.locator(".zp-post__committee a"))
    assert tab.path().startswith(f"{SUB_PATH}to-chuc/")
    follow(tab, page.locator(".zp-breadcrumbs").get_by_role("link", name="Trang chủ"))
    assert tab.path() == SUB_PATH
    # The text size chosen here belongs to this portal only (Material scopes storage by the site's path).
    page.get_by_role("button", name="Tăng cỡ chữ A+").click()
    stored = page.evaluate("() => Object.keys(localStorage).filter(k => k.endsWith('zp.textsize'))")
    assert stored == [f"{SUB_PATH}.zp.textsize"]
    tab.assert_clean()
