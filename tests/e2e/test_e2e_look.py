"""Every kind of page of the example portal at 360, 768 and 1366 px: screenshots for people to look at
(test-artifacts/screenshots/look/), and what can be measured of the look — the masthead's identity,
no empty side areas, no name cut off, the cover capped, nothing sticking out of the screen."""

from __future__ import annotations

import pytest

from conftest import TabFactory
from kit.browsing import overflowing

PAGE_KINDS = {
    "home": "/",
    "post": "/tin-tuc/2025/06/dai-hoi-dai-bieu-dang-bo-ban-quan-ly-khu-cong-nghiep-tinh-thanh-van"
    "-lan-thu-iv-nhiem-ky-2025-2030/",
    "category": "/chuyen-muc/xay-dung-dang/",
    "categories": "/chuyen-muc/",
    "tag": "/the/dai-hoi-dang-bo/",
    "author": "/tac-gia/le-minh-khoa/",
    "archive": "/luu-tru/",
    "archive-year": "/luu-tru/2023/",
    "committees": "/to-chuc/",
    "committee": "/to-chuc/dang-bo-bql/",
    "terms": "/nhiem-ky/",
    "timeline": "/nhiem-ky/dang-bo-bql/2020-2025/",
    "gallery": "/thu-vien-anh/",
    "album": "/thu-vien-anh/so-ket-giua-nhiem-ky-thuc-hien-nghi-quyet-dai-hoi-dang-bo-lan-thu-iii/",
    "search": "/tim-kiem/?q=dai+hoi",
    "about": "/gioi-thieu/",
}

LAYOUT = """() => {
  const box = (el) => el ? el.getBoundingClientRect() : null;
  const grid = box(document.querySelector('.md-main__inner'));
  const content = box(document.querySelector('.md-content'));
  const aside = document.querySelector('.zp-aside');
  const asideBox = aside && getComputedStyle(aside).display !== 'none' ? box(aside) : null;
  const sidebars = [...document.querySelectorAll('.md-sidebar')].filter((el) => el.offsetWidth > 0).length;
  const brand = [...document.querySelectorAll('.zp-brand__name')].filter((el) => el.offsetWidth > 1)
    .map((el) => ({text: el.innerText,
                   cut: el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow === 'ellipsis'}));
  const cover = document.querySelector('.zp-post__cover img');
  return {
    gridWidth: grid.width, contentWidth: content.width, asideWidth: asideBox ? asideBox.width : 0,
    emptyRight: grid.right - Math.max(content.right, asideBox ? asideBox.right : 0),
    sidebars, brand, emblem: !!document.querySelector('.zp-brand__emblem'),
    coverHeight: cover ? cover.getBoundingClientRect().height : 0, screenHeight: window.innerHeight,
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["phone", "tablet", "desktop"])
def test_every_page_kind_looks_like_the_portal(open_tab: TabFactory, viewport: str) -> None:
    tab = open_tab(viewport)
    for kind, path in PAGE_KINDS.items():
        response = tab.goto(path)
        assert response is not None and response.ok, path
        if kind == "search":
            tab.page.locator(".zp-search__result").first.wait_for()
        tab.screenshot(kind, full_page=True)
        layout = tab.page.evaluate(LAYOUT)
        assert layout["emblem"], kind
        assert layout["sidebars"] == 0, f"{kind}: Material's navigation sidebars are gone"
        # No empty side area: the content (and side column, if any) spans the page's grid.
        assert layout["emptyRight"] < 40, f"{kind} at {viewport}: {layout}"
        assert layout["contentWidth"] + layout["asideWidth"] > 0.85 * layout["gridWidth"] - 40, f"{kind}: {layout}"
        if viewport == "desktop" and kind in ("post", "category", "timeline"):
            assert layout["asideWidth"] > 200, f"{kind}: a side column from 1220 px"
        [name] = layout["brand"]
        assert not name["cut"], f"{kind} at {viewport}: masthead name cut: {name}"
        if viewport == "phone":
            assert name["text"].upper() == "BQL CÁC KCN THANH VÂN"  # the configured short name, whole
        if kind == "post":
            assert 0 < layout["coverHeight"] <= 0.75 * layout["screenHeight"] + 1, layout
        assert overflowing(tab) == [], f"{kind} at {viewport}"
    tab.assert_clean()
