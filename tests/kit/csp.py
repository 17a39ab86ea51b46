"""Content-Security-Policy violations as Chromium reports them: an init script records each
`securitypolicyviolation` event; the console catches what happens before it runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kit.browsing import Tab

WATCH_CSP = """
window.__zpCsp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__zpCsp.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile || e.documentURI}`));
"""


def violations(tab: Tab) -> list[str]:
    reported = tab.page.evaluate("() => window.__zpCsp || []")
    console = [e for e in tab.js_errors if "Content Security Policy" in e or "Content-Security-Policy" in e]
    return reported + console


@contextmanager
def watched_tab(browser: Any, origin: str, screenshots: Path) -> Iterator[Tab]:
    """A desktop-sized Vietnamese tab on `origin` that records every CSP violation from the first byte."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    context.add_init_script(WATCH_CSP)
    try:
        yield Tab.open(context, origin, screenshots)
    finally:
        context.close()
