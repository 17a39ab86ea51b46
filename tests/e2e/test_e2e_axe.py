"""axe-core (WCAG 2.1 A and AA rules) on the pages citizens use, in light and dark schemes.

Zero serious or critical violations is the bar. Every run writes its full report (all impacts)
to test-artifacts/axe/ so moderate and minor findings stay visible too.
"""

from __future__ import annotations

import pytest

from kit.browsing import blocking, run_axe, save_axe_report

PAGES = {
    "home": "/",
    "category": "/chuyen-muc/xay-dung-dang/",
    "post": "/tin-tuc/2023/05/so-ket-giua-nhiem-ky-thuc-hien-nghi-quyet-dai-hoi-dang-bo-lan-thu-iii/",
    "timeline": "/nhiem-ky/dang-bo-bql/2020-2025/",
    "committee": "/to-chuc/dang-bo-bql/",
    "archive-year": "/luu-tru/2023/",
    "article-page": "/gioi-thieu/",
    "gallery": "/thu-vien-anh/",
    "album": "/thu-vien-anh/so-ket-giua-nhiem-ky-thuc-hien-nghi-quyet-dai-hoi-dang-bo-lan-thu-iii/",
}
MODES = [("desktop", "light"), ("desktop", "dark"), ("phone", "light")]


@pytest.mark.usefixtures("axe_available")
@pytest.mark.parametrize(("viewport", "scheme"), MODES, ids=[f"{v}-{s}" for v, s in MODES])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_axe_violations(open_tab, name: str, viewport: str, scheme: str) -> None:
    tab = open_tab(viewport, scheme=scheme)
    response = tab.goto(PAGES[name])
    assert response is not None and response.status == 200
    # The scheme really is the one under test (Material picks its palette from the media query).
    expected = "slate" if scheme == "dark" else "default"
    assert tab.page.evaluate("() => document.body.dataset.mdColorScheme") == expected
    violations = run_axe(tab.page)
    save_axe_report(f"{name}-{viewport}-{scheme}", tab.page.url, violations)
    tab.screenshot(name)
    assert blocking(violations) == []
    tab.assert_clean()


@pytest.mark.usefixtures("axe_available")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations_on_404(open_tab, scheme: str) -> None:
    tab = open_tab("desktop", scheme=scheme)
    response = tab.goto_missing("/trang-khong-ton-tai/")
    assert response is not None and response.status == 404
    violations = run_axe(tab.page)
    save_axe_report(f"404-desktop-{scheme}", tab.page.url, violations)
    assert blocking(violations) == []
    tab.assert_clean()
