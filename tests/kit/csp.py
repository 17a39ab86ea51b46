"""Content-Security-Policy violations as Chromium reports them: an init script records each
`securitypolicyviolation` event; the console catches what happens before it runs."""

from __future__ import annotations

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
