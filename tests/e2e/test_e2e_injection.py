"""In Chromium: markup typed into every registry field and every site/legal setting creates no
element on any page kind; post bodies run nothing; no page (a post with a mermaid block included)
fetches anything from outside the site. The project is tests/kit/hostilekit.py; the fast static
variant of these checks is tests/integration/test_hostile_text.py."""

from __future__ import annotations

import pytest

from kit.browsing import Tab
from kit.examplesite import BuiltSite
from kit.hostilekit import INJECTED, hostile_project

DOM_STATE = f"""() => ({{
  injected: [...document.querySelectorAll('[id^="{INJECTED}"]')].map(e => e.outerHTML.slice(0, 80)),
  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
      .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map(a => e.tagName + ' ' + a.name)),
  owned: document.body.dataset.owned || null,
  mermaid: document.querySelectorAll('.mermaid, svg[id^="__mermaid"]').length,
  escapedTwice: /&(lt|gt|amp|#3\\d);/.test(document.body.innerText + document.title),
}})"""


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = hostile_project(tmp_path_factory.mktemp("injection"))
    project.build()
    return BuiltSite(site=project.site, base_path="/", site_url="https://example.test/")


@pytest.fixture(scope="module")
def injected_server(serve, injected_site: BuiltSite):
    return serve([injected_site])


def test_no_page_kind_holds_an_injected_element_or_loads_from_outside(
    open_tab, injected_server, injected_site: BuiltSite
) -> None:
    tab: Tab = open_tab("desktop", server=injected_server)
    pages = sorted(injected_site.site.rglob("index.html"))
    kinds = {p.relative_to(injected_site.site).parts[0] for p in pages if p.parent != injected_site.site}
    assert {"tin-tuc", "chuyen-muc", "tac-gia", "to-chuc", "nhiem-ky", "luu-tru", "the", "so-do-tai-lieu"} <= kinds
    dirty = {}
    for page in [*pages, injected_site.site / "404.html"]:
        relative = page.relative_to(injected_site.site).as_posix()
        path = "/" + relative.removesuffix("index.html")
        tab.goto(path)
        tab.page.mouse.move(200, 300)
        tab.page.wait_for_timeout(150)  # Material mounts components (and would fetch mermaid.js) after load
        state = tab.page.evaluate(DOM_STATE)
        if any(state.values()):
            dirty[path] = state
    assert dirty == {}
    assert tab.outside_requests == []
    assert tab.dialogs == []
    # The markup is shown as the text staff typed.
    tab.goto("/")
    assert '<b id="zp-injected-' in (tab.page.locator(".zp-brand__name--full").first.text_content() or "")
    assert '<b id="zp-injected-' in (tab.page.locator(".zp-legal__agency").text_content() or "")


def test_a_body_link_cannot_open_the_lightbox_with_its_own_html(
    open_tab, injected_server, injected_site: BuiltSite
) -> None:
    (post,) = injected_site.site.glob("tin-tuc/2023/04/*/index.html")
    tab: Tab = open_tab("desktop", server=injected_server)
    tab.goto("/" + post.parent.relative_to(injected_site.site).as_posix() + "/")
    tab.page.locator("#zp-kept-hook").click()
    tab.page.wait_for_timeout(500)  # GLightbox animates in before it writes the title
    state = tab.page.evaluate(DOM_STATE)
    assert state["injected"] == [] and state["owned"] is None
    assert tab.dialogs == [] and tab.outside_requests == []
