"""Hostile and extreme content (kit/hostileposts.py) in Chromium: no page may run or show as markup
anything that staff typed as text. That it builds is tests/integration/test_hostile_build.py.

Payloads go where staff type text: titles, summaries, photo captions, author names and roles,
category and committee names, tags. Each payload, if it ever ran, would open a dialog and set
`window.__zpPwned`; each injected element carries the class `zp-injected`. In the browser a dialog
handler records every dialog and the DOM is searched for the markers on every page of the site.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from markupsafe import escape

from kit.browsing import SEARCH, Tab, overflowing, wait_closed, wait_for_results, wait_for_slide
from kit.examplesite import BuiltSite
from kit.hostileposts import COVER_CAPTION, EMOJI_TITLE, HOSTILE_TITLE, LONG_TITLE, PARAGRAPHS, payload, post_page

# In the browser ------------------------------------------------------------------------------------

INJECTION_STATE = """() => {
    const handlers = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            if (attr.name.startsWith('on')) handlers.push(el.tagName + ' ' + attr.name);
        }
    }
    // Executable scripts only: JSON data blocks (JSON-LD, search names) hold titles as escaped strings.
    const runs = s => ['', 'text/javascript', 'module', 'application/javascript'].includes(s.type.toLowerCase());
    const scripts = [...document.scripts].filter(s => runs(s) && s.textContent.includes('__zpPwned')).length;
    return {
        pwned: window.__zpPwned === undefined ? null : String(window.__zpPwned),
        injected: document.querySelectorAll('.zp-injected').length,
        handlers, scripts,
    };
}"""


@pytest.fixture(scope="module")
def hostile_server(serve, hostile_site: BuiltSite):
    return serve([hostile_site])


def test_no_page_runs_or_holds_injected_markup(open_tab, hostile_server, hostile_site: BuiltSite) -> None:
    tab: Tab = open_tab("desktop", server=hostile_server)
    pages = sorted(hostile_site.site.rglob("index.html"))
    assert len(pages) > 15
    dirty = {}
    for page in pages:
        path = "/" + page.parent.relative_to(hostile_site.site).as_posix() + "/"
        path = "/" if path == "/./" else path
        tab.goto(path)
        # Hover every element a payload might have put an onmouseover on (there should be none).
        tab.page.mouse.move(200, 300)
        state = tab.page.evaluate(INJECTION_STATE)
        if state["pwned"] or state["injected"] or state["handlers"] or state["scripts"]:
            dirty[path] = state
    assert dirty == {}
    assert tab.dialogs == []
    tab.assert_clean()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_hostile_text_is_shown_literally(open_tab, hostile_server, hostile_site: BuiltSite, viewport: str) -> None:
    tab = open_tab(viewport, server=hostile_server)
    page = tab.page
    tab.goto(post_page(hostile_site, HOSTILE_TITLE))
    assert page.locator("article h1").inner_text() == HOSTILE_TITLE
    assert page.title().startswith(HOSTILE_TITLE)
    assert "Nguyễn " + payload("author") in page.locator(".zp-post__meta").inner_text()
    # The cover's text alternative is what staff typed (the title, or the photo's caption), shown as text.
    assert page.locator(".zp-post__cover img").get_attribute("alt") in (HOSTILE_TITLE, COVER_CAPTION)
    assert json.dumps(page.evaluate("() => window.__zpPwned === undefined")) == "true"
    tab.screenshot("doc-hai")
    assert tab.dialogs == []
    tab.assert_clean()


def test_long_title_emoji_and_huge_post_fit_a_phone(open_tab, hostile_server, hostile_site: BuiltSite) -> None:
    tab = open_tab("phone", server=hostile_server)
    page = tab.page
    for title, step in ((LONG_TITLE, "tieu-de-300-ky-tu"), (EMOJI_TITLE, "emoji")):
        tab.goto(post_page(hostile_site, title))
        shown = page.locator("article h1").inner_text()
        assert unicodedata.normalize("NFC", shown) == unicodedata.normalize("NFC", title)
        assert overflowing(tab) == [], step
        tab.screenshot(step)
    tab.goto(post_page(hostile_site, "Báo cáo năm nghìn đoạn"))
    assert page.locator(".zp-post__body p").count() == PARAGRAPHS
    assert overflowing(tab) == []
    tab.goto("/chuyen-muc/tin-hoat-dong/")
    assert overflowing(tab) == []
    tab.screenshot("chuyen-muc")
    tab.assert_clean()


def album_of(site: BuiltSite, caption: str) -> str:
    """URL path of the photo-library album page that shows `caption` (found in the built files)."""
    wanted = str(escape(caption))
    for page in sorted((site.site / "thu-vien-anh").rglob("index.html")):
        if "zp-album" in (html := page.read_text(encoding="utf-8")) and wanted in html:
            return "/" + page.parent.relative_to(site.site).as_posix() + "/"
    raise AssertionError(f"no album page shows the caption {caption[:40]!r}")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_hostile_captions_stay_text_in_album_and_lightbox(
    open_tab, hostile_server, hostile_site: BuiltSite, viewport: str
) -> None:
    tab = open_tab(viewport, server=hostile_server)
    page = tab.page
    tab.goto(album_of(hostile_site, COVER_CAPTION))
    captions = page.locator(".zp-album figcaption").all_inner_texts()
    assert COVER_CAPTION in captions and payload("caption-2") in captions
    tab.screenshot("album-doc-hai")
    # The lightbox writes each photo's caption into the page again: it must stay text there too.
    for index in range(2):
        page.locator("a.zp-lightbox").nth(index).click()
        state = wait_for_slide(tab, index)
        assert state["title"].strip() in (COVER_CAPTION, payload("caption-2"))
        assert page.evaluate(INJECTION_STATE)["injected"] == 0
        tab.screenshot(f"lightbox-doc-hai-{index + 1}")
        page.get_by_role("button", name="Đóng").click()
        wait_closed(tab)
    state = page.evaluate(INJECTION_STATE)
    assert state["pwned"] is None and state["injected"] == 0 and state["handlers"] == []
    assert tab.dialogs == []
    tab.assert_clean()


def test_search_results_show_hostile_titles_as_text(open_tab, hostile_server) -> None:
    tab = open_tab("desktop", server=hostile_server)
    page = tab.page
    tab.goto(f"{SEARCH}?q=tin+script")
    titles = wait_for_results(tab)
    assert HOSTILE_TITLE in titles  # the search page writes titles and summaries as text too
    excerpts = page.locator(".zp-search__results .zp-search__result").all_inner_texts()
    assert any("Tóm tắt " + payload("summary") in text for text in excerpts)
    state = page.evaluate(INJECTION_STATE)
    assert state["pwned"] is None and state["injected"] == 0 and state["handlers"] == []
    tab.screenshot("tim-kiem-doc-hai")
    assert tab.dialogs == []
    tab.assert_clean()
