"""The web editor (/admin/, Decap CMS) in Chromium behind the shipped deploy/nginx.conf, its own
Content-Security-Policy enforced, while the rest of the portal keeps the strict one.

The example portal, its editor set to a Forgejo server as a board would set it, is published with
`zoneportal publish` and served by nginx with the shipped configuration (only port and root changed).
Decap must boot to its login screen with no CSP violation; the same page under the portal's policy
must not (the check can fail).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Route

from conftest import skip_or_fail
from kit.browsing import SCREENSHOTS, Tab
from kit.csp import violations, watched_tab
from kit.publishkit import example_project, git, zoneportal
from kit.webserver import StaticServer, find_nginx

pytestmark = pytest.mark.browser

GIT_SERVER = "https://git.banquanly-thanhvan.vn"


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    nginx = find_nginx()
    if nginx is None:
        skip_or_fail("nginx not installed (apt-get install nginx)")
    assert nginx is not None
    root = tmp_path_factory.mktemp("editor-csp")
    project = example_project(root / "cong")
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "zoneportal" in plugin:
            plugin["zoneportal"]["editor"] = {
                "backend": "forgejo",
                "repo": "ban-quan-ly/cong-thong-tin",
                "base_url": GIT_SERVER,
                "app_id": "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
            }
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    git(project, "commit", "-qam", "Trình soạn bài dùng Forgejo của Ban")
    result = zoneportal(project, "publish", str(root / "web"))
    assert result.returncode == 0, result.stdout + result.stderr
    server = StaticServer(root / "nginx", [], nginx, shipped_root=root / "web" / "current")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def tab(browser, editor_server: StaticServer, request: pytest.FixtureRequest) -> Iterator[Tab]:
    with watched_tab(browser, editor_server.origin, SCREENSHOTS / "editor-csp" / request.node.name) as opened:
        yield opened


def wait_for_login(tab: Tab) -> None:
    """Decap's login screen: its app rendered a login button (it only gets there after compiling and
    validating config.yml, the step 'unsafe-eval' is for)."""
    # In Vietnamese: Decap's own locale has no Forgejo phrase, zp-editor.js supplies it.
    tab.page.get_by_role("button", name="Đăng nhập bằng Forgejo").wait_for(timeout=30_000)


def test_editor_boots_under_its_own_policy(tab: Tab) -> None:
    response = tab.goto("/admin/")
    assert response is not None and response.status == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-eval'" in policy and "'wasm-unsafe-eval'" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    wait_for_login(tab)
    tab.screenshot("dang-nhap")
    assert violations(tab) == []
    tab.assert_clean()
    # The rest of the portal keeps the strict policy.
    home = tab.goto("/")
    assert home is not None and home.status == 200
    assert re.search(r"script-src 'self' 'wasm-unsafe-eval'(;|$)", home.headers["content-security-policy"])
    assert "unsafe-eval'" not in home.headers["content-security-policy"].replace("'wasm-unsafe-eval'", "")
    assert violations(tab) == []
    tab.assert_clean()


def test_the_portal_policy_would_break_the_editor(tab: Tab, editor_server: StaticServer) -> None:
    """The control: the same /admin/ answered with the portal's policy (what the configs sent before)
    does not boot, and Chromium reports it — so the test above would see a wrong policy."""
    portal_policy = tab.goto("/").headers["content-security-policy"]  # type: ignore[union-attr]

    def with_portal_policy(route: Route) -> None:
        answer = route.fetch()
        route.fulfill(response=answer, headers={**answer.headers, "content-security-policy": portal_policy})

    tab.page.route(re.compile(r".*/admin/$"), with_portal_policy)
    tab.page.goto(editor_server.url("/admin/"), wait_until="load")
    tab.page.wait_for_function("() => window.__zpCsp.length > 0", timeout=30_000)
    assert any("script-src" in v for v in violations(tab)), violations(tab)
    assert tab.page.get_by_role("button", name=re.compile("(Đăng nhập|Login).*Forgejo", re.I)).count() == 0
