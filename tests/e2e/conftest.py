"""End-to-end fixtures: the example portal built fresh, served by nginx, read by headless Chromium.

Browser tests need Chromium (/usr/bin/chromium, or $ZP_CHROMIUM), the `playwright` Python package,
nginx and, for the accessibility tests, axe-core (npm, in tests/e2e/node). When one is missing the
tests are skipped with the reason in pytest's summary, and a closing line says so plainly; under
CI (CI=true) a missing piece is a failure instead, since CI installs all of them.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from kit.browsing import ARTIFACTS, AXE_JS, AXE_REPORTS, SCREENSHOTS, VIEWPORTS, Tab, safe_name
from kit.examplesite import REPO, BuiltSite
from kit.webserver import Mount, StaticServer, find_nginx

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path(os.environ.get("ZP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

_browser_runs: list[str] = []
_browser_skip_reasons: set[str] = set()


def missing_for_browser() -> list[str]:
    missing = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("Python package playwright not installed (pip install -e '.[test]')")
    if find_nginx() is None:
        missing.append("nginx not installed (apt-get install nginx)")
    return missing


def skip_or_fail(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI must run the browser tests, but: {reason}", pytrace=False)
    _browser_skip_reasons.add(reason)
    pytest.skip(f"browser tests NOT run: {reason}")


@pytest.fixture(scope="session", autouse=True)
def _fresh_artifacts() -> None:
    # Screenshots and reports of an earlier run would pass for this one's. (A fixture, not a
    # sessionstart hook: this conftest is loaded after the session starts when pytest runs all tests.)
    for folder in (AXE_REPORTS, SCREENSHOTS, ARTIFACTS / "print"):
        if folder.is_dir():
            shutil.rmtree(folder)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """One table of every axe report of this run (test-artifacts/axe/summary.txt), for people to read."""
    reports = sorted(AXE_REPORTS.glob("*.json")) if AXE_REPORTS.is_dir() else []
    if not reports:
        return
    lines = ["axe-core, WCAG 2.1 A/AA: violations (elements) by impact", ""]
    for report in reports:
        counts = json.loads(report.read_text(encoding="utf-8"))["counts"]
        shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
        lines.append(f"{report.stem:40} {shown}")
    (AXE_REPORTS / "summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _browser_skip_reasons:
        reasons = "; ".join(sorted(_browser_skip_reasons))
        terminalreporter.write_line(f"zoneportal: browser tests were SKIPPED: {reasons}", yellow=True, bold=True)
    elif _browser_runs:
        terminalreporter.write_line(
            f"zoneportal: {len(_browser_runs)} browser tests ran in {CHROMIUM} behind nginx; "
            f"screenshots in {SCREENSHOTS.relative_to(REPO)}/",
            green=True,
        )


@pytest.fixture(scope="session")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[list[BuiltSite]], StaticServer]]:
    """Starts an nginx for some built sites; every server is stopped at the end of the session."""
    servers: list[StaticServer] = []

    def start(sites: list[BuiltSite]) -> StaticServer:
        nginx = find_nginx()
        if nginx is None:
            skip_or_fail("nginx not installed (apt-get install nginx)")
        assert nginx is not None
        mounts = [Mount(prefix=s.base_path, site=s.site) for s in sites]
        server = StaticServer(tmp_path_factory.mktemp("nginx"), mounts, nginx)
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def portal_server(serve: Callable[[list[BuiltSite]], StaticServer], example_site: BuiltSite, subpath_site: BuiltSite):
    """The example portal at "/" and the same portal built for a sub-path at /cong-thong-tin/."""
    return serve([example_site, subpath_site])


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    missing = missing_for_browser()
    if missing:
        skip_or_fail("; ".join(missing))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def axe_available() -> None:
    if not AXE_JS.is_file():
        skip_or_fail(f"axe-core not installed at {AXE_JS.relative_to(REPO)} (npm ci --prefix tests/e2e/node)")


TabFactory = Callable[..., Tab]


@pytest.fixture
def open_tab(request: pytest.FixtureRequest, browser: Browser, portal_server: StaticServer) -> Iterator[TabFactory]:
    """Opens tabs on the portal server: open_tab("phone"), open_tab("desktop", scheme="dark", server=…)."""
    _browser_runs.append(request.node.nodeid)
    contexts = []
    test_name = safe_name(request.node.name)
    shot_root = SCREENSHOTS / safe_name(request.node.module.__name__.removeprefix("test_e2e_")) / test_name
    if shot_root.exists():
        shutil.rmtree(shot_root)

    def factory(viewport: str = "desktop", *, scheme: str = "light", server: StaticServer | None = None) -> Tab:
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],
            has_touch=viewport == "phone",  # phones are touch screens (swipes in the lightbox)
            color_scheme=scheme,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        contexts.append(context)
        origin = (server or portal_server).origin
        prefix = safe_name("-".join(p for p in (viewport, scheme) if p))
        return Tab.open(context, origin, shot_root, prefix)

    yield factory
    for context in contexts:
        context.close()
