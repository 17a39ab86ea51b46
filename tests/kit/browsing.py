"""A browser tab that watches what a citizen's browser would see go wrong.

Every tab records failed or 4xx/5xx responses, requests to anything but our own server (the
site must work with no internet), JavaScript errors, console errors and dialogs (an `alert()`
from injected content). Tests assert on these records; nothing here waits on a clock.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:  # playwright is imported only when a browser test runs (it may be absent)
    from playwright.sync_api import BrowserContext, ConsoleMessage, Dialog, Locator, Page, Request, Response, Route

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_REPORTS = ARTIFACTS / "axe"
AXE_JS = REPO / "tests" / "e2e" / "node" / "node_modules" / "axe-core" / "axe.min.js"

VIEWPORTS: dict[str, dict[str, int]] = {
    "phone": {"width": 360, "height": 740},
    "tablet": {"width": 768, "height": 1024},
    "desktop": {"width": 1366, "height": 768},
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:120] or "page"


@dataclass
class Tab:
    """One browser context + page at a viewport and colour scheme, with its watchers."""

    context: BrowserContext
    page: Page
    origin: str
    shots: Path
    prefix: str = ""
    bad_responses: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    expected_missing: str | None = None  # the one URL allowed to answer 404 (a 404-page test)
    _shot_count: int = 0

    @classmethod
    def open(cls, context: BrowserContext, origin: str, shots: Path, prefix: str = "") -> Tab:
        page = context.new_page()
        tab = cls(context=context, page=page, origin=origin, shots=shots, prefix=prefix)
        context.route("**/*", tab._route)
        page.on("response", tab._on_response)
        page.on("requestfailed", tab._on_failed)
        page.on("pageerror", lambda exc: tab.js_errors.append(f"{page.url}: {exc}"))
        page.on("console", tab._on_console)
        page.on("dialog", tab._on_dialog)
        return tab

    def _route(self, route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            route.continue_()
        elif f"{parts.scheme}://{parts.netloc}" != self.origin:
            # Nothing may be fetched from the internet: record it and refuse, as an offline LAN would.
            self.outside_requests.append(url)
            route.abort()
        else:
            route.continue_()

    def _on_response(self, response: Response) -> None:
        if response.status == 404 and response.url == self.expected_missing:
            return
        if response.status >= 400:
            self.bad_responses.append(f"{response.status} {response.url}")

    def _on_failed(self, request: Request) -> None:
        # ERR_ABORTED is the browser cancelling a fetch because the reader moved on (a favicon still
        # loading when a link is followed); a missing file shows up as a 404 response instead.
        if request.url.startswith(self.origin) and request.failure != "net::ERR_ABORTED":
            self.bad_responses.append(f"failed {request.url}: {request.failure}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if self.expected_missing and message.location.get("url") == self.expected_missing and "404" in message.text:
            return  # Chromium's own log line for the expected 404 document
        self.js_errors.append(f"console: {message.text}")

    def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message} on {self.page.url}")
        dialog.dismiss()

    def goto(self, path: str) -> Response | None:
        return self.page.goto(self.origin + path, wait_until="load")

    def goto_missing(self, path: str) -> Response | None:
        """Visit a URL that is expected to answer 404 (the 404 page itself must load cleanly)."""
        self.expected_missing = self.origin + path
        return self.page.goto(self.expected_missing, wait_until="load")

    def path(self) -> str:
        parts = urlsplit(self.page.url)
        return parts.path

    def screenshot(self, step: str, *, full_page: bool = False) -> Path:
        self._shot_count += 1
        self.shots.mkdir(parents=True, exist_ok=True)
        name = "-".join(p for p in (self.prefix, f"{self._shot_count:02d}", safe_name(step)) if p)
        target = self.shots / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=full_page)
        return target

    def problems(self) -> dict[str, list[str]]:
        return {
            name: values
            for name, values in {
                "bad responses": self.bad_responses,
                "requests outside the site": self.outside_requests,
                "JavaScript errors": self.js_errors,
                "dialogs": self.dialogs,
            }.items()
            if values
        }

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "the browser met problems:\n" + json.dumps(problems, ensure_ascii=False, indent=2)


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA rules on the current page; returns the violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
            }));
        }""",
        WCAG_TAGS,
    )
    return list(result)


def impact_counts(violations: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for violation in violations:
        impact = violation.get("impact") or "unknown"
        counts[impact] = counts.get(impact, 0) + len(violation["nodes"])
    return counts


def save_axe_report(name: str, url: str, violations: list[dict[str, Any]]) -> Path:
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    target = AXE_REPORTS / f"{safe_name(name)}.json"
    report = {"url": url, "counts": impact_counts(violations), "violations": violations}
    target.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def blocking(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['impact']} {v['id']} ({v['help']}): " + "; ".join(n["target"] for n in v["nodes"][:5])
        for v in violations
        if v.get("impact") in BLOCKING_IMPACTS
    ]


def follow(tab: Tab, locator: Locator) -> None:
    """Click a link and wait for the page it leads to (a navigation wait, not a timed assertion)."""
    with tab.page.expect_navigation(wait_until="load"):
        locator.click()


# Material sets `overflow-x: hidden` on <html>, so content wider than the screen is clipped rather than
# scrollable: look for elements of the page body (not the header, whose hidden scrolled-title sits
# just off-screen by design) that reach past the right edge.
OVERFLOW = """() => {
    const out = [];
    for (const el of document.querySelectorAll('.md-main *, .md-footer *')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > innerWidth + 0.5) {
            const text = (el.innerText || '').slice(0, 40);
            out.push(`${el.tagName}.${el.className} right=${Math.round(r.right)}: ${text}`);
        }
    }
    return out.slice(0, 10);
}"""


def overflowing(tab: Tab) -> list[str]:
    """Elements sticking out past the right edge of the screen (empty when the page reflows)."""
    return list(tab.page.evaluate(OVERFLOW))


def open_menu_link(tab: Tab, viewport: str, name: str) -> None:
    """The main menu (the same bar on phones and desktops; drop-downs are <details>), or for pages the
    menu does not list (Tổ chức, Nhiệm kỳ …), the footer's "Tra cứu" links."""
    page = tab.page
    menu = page.locator(".zp-menu")
    assert menu.is_visible()
    link = menu.get_by_role("link", name=name, exact=True)
    if link.count():
        group = menu.locator(".zp-menu__group", has=link)
        if group.count() and not link.is_visible():
            group.locator("summary").click()
        follow(tab, link.first)
        return
    follow(tab, page.locator(".zp-legal__links").get_by_role("link", name=name, exact=True))


def swipe(tab: Tab, *, from_x: float, to_x: float, y: float, steps: int = 8) -> None:
    """A one-finger horizontal swipe, as real touch events (the page sees touchstart/move/end)."""
    cdp = tab.context.new_cdp_session(tab.page)
    try:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": from_x, "y": y}]})
        for step in range(1, steps + 1):
            x = from_x + (to_x - from_x) * step / steps
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()


# The photo lightbox (GLightbox) -----------------------------------------------------------------

LIGHTBOX_STATE = """() => {
    const box = document.querySelector('.glightbox-container');
    const slides = [...document.querySelectorAll('.gslide')];
    const current = document.querySelector('.gslide.current');
    const img = current && current.querySelector('img');
    return {
        open: !!box && getComputedStyle(box).display !== 'none' && document.body.classList.contains('glightbox-open'),
        index: slides.indexOf(current),
        loaded: !!img && img.complete && img.naturalWidth > 0,
        title: current ? (current.querySelector('.gslide-title') || {}).textContent || '' : '',
        focusInside: !!box && box.contains(document.activeElement),
        focused: document.activeElement ? document.activeElement.className : '',
    };
}"""


def lightbox(tab: Tab) -> dict:
    return tab.page.evaluate(LIGHTBOX_STATE)


def wait_for_slide(tab: Tab, index: int) -> dict:
    """Wait (no timed assertion: Playwright's default wait bound) until slide `index` shows a loaded photo."""
    tab.page.wait_for_function(
        """(i) => { const s = [...document.querySelectorAll('.gslide')];
                    const c = document.querySelector('.gslide.current');
                    const img = c && c.querySelector('img');
                    return s.indexOf(c) === i && img && img.complete && img.naturalWidth > 0; }""",
        arg=index,
    )
    # Let the slide-in animation finish, so the screenshot shows the photo rather than the transition.
    tab.page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    return lightbox(tab)


def wait_closed(tab: Tab) -> None:
    tab.page.wait_for_function("() => !document.body.classList.contains('glightbox-open')")
    tab.page.wait_for_selector(".glightbox-container", state="detached")


# Search (Pagefind, /tim-kiem/) ----------------------------------------------------------------

SEARCH = "/tim-kiem/"


def fold(text: str) -> str:
    """Lower case without tone or vowel marks, đ as d: how a reader types on a phone without a Vietnamese keyboard."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def wait_for_results(tab: Tab) -> list[str]:
    """Wait for the search script to finish (its status line says how many), then read the result titles."""
    tab.page.wait_for_function(
        "() => /Tìm thấy|Không tìm thấy/.test(document.querySelector('[data-zp-status]').textContent)"
    )
    return [t.strip() for t in tab.page.locator(".zp-search__results .zp-search__title a").all_inner_texts()]


def search_from_header(tab: Tab, query: str) -> None:
    """Type a query where the reader meets it: the header's box on a desktop; on a phone the header
    has only the magnifier button, which opens the search page and its own box."""
    page = tab.page
    box = page.locator("#zp-header-q")
    if box.is_visible():
        box.fill(query)
        with page.expect_navigation(wait_until="load"):
            box.press("Enter")
    else:
        follow(tab, page.locator(".zp-header-search__button"))
        assert tab.path() == SEARCH
        page.locator("#zp-search-q").fill(query)
        page.locator("#zp-search-q").press("Enter")


# Keyboard focus ------------------------------------------------------------------------------------

# What the focused element looks like: its own outline, or its label's when it is one of Material's
# hidden radio inputs (the palette switch shows its focus on the label next to it).
FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const shown = el.matches('input.md-option') ? el.nextElementSibling : el;
    const cs = getComputedStyle(shown);
    const r = shown.getBoundingClientRect();
    // A ring cut off by a scrolling or clipping box (a sidebar, a card) is not visible either.
    const grow = Math.max(0, parseFloat(cs.outlineWidth) + (parseFloat(cs.outlineOffset) || 0));
    let clippedBy = null;
    for (let a = shown.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        if (r.left - grow < c.left - 0.5 || r.right + grow > c.right + 0.5 ||
            r.top - grow < c.top - 0.5 || r.bottom + grow > c.bottom + 0.5) { clippedBy = a.className; break; }
    }
    return {
        clippedBy,
        tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
        cls: el.className, href: el.getAttribute('href'),
        outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth),
        left: r.left, right: r.right, top: r.top, bottom: r.bottom, vw: innerWidth, vh: innerHeight,
        inContent: !!el.closest('.md-content'), inDrawer: !!el.closest('.md-sidebar--primary'),
        inMenu: !!el.closest('.zp-menu'), inDropdown: !!el.closest('.zp-menu__sub'),
    };
}"""


def focus_state(tab: Tab) -> dict[str, Any] | None:
    return tab.page.evaluate(FOCUS_STATE)


def is_visible_focus(state: dict[str, Any]) -> bool:
    horizontally = state["right"] > 0 and state["left"] < state["vw"]
    on_screen = horizontally and state["bottom"] > 0 and state["top"] < state["vh"]
    return state["outline"] != "none" and state["width"] >= 2 and on_screen and not state["clippedBy"]
