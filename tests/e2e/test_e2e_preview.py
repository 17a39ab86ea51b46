"""Live preview in Chromium: `zoneportal serve` (`make serve`) on a copy of the example portal, a post
open in a tab. Saving the post brings the change into the open tab by itself (live reload, nobody
clicks); a broken save turns the tab into the Vietnamese problem page and fixing the file brings the
post back. Everything the tab loads comes from the preview itself (no internet)."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kit.browsing import SCREENSHOTS, VIEWPORTS, Tab
from kit.examplesite import example_copy
from kit.previewkit import Preview, running_preview

pytestmark = pytest.mark.browser

POST = "posts/2023/so-ket-giua-nhiem-ky-dai-hoi-iii/index.md"
SENTENCE = "Câu này được thêm khi xem trước trên trình duyệt."
# The example portal previews a save well within a second; a busy 2-core machine may take longer.
BUDGET = float(os.environ.get("ZP_PREVIEW_BUDGET", "2.0"))


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    root = tmp_path / "project"
    example_copy(root)
    served = tmp_path / "served"
    served.mkdir()
    with running_preview(root, served) as running:
        yield running


@pytest.fixture
def tab(browser, preview: Preview, request: pytest.FixtureRequest) -> Iterator[Tab]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    shots = SCREENSHOTS / "preview" / request.node.name
    yield Tab.open(context, preview.url.rstrip("/"), shots)
    context.close()


def post_path(preview: Preview) -> str:
    """The post's address, as the portal plans it (the same plan the preview serves)."""
    from mkdocs.config import load_config

    from zoneportal.mkdocs.config import portal_settings
    from zoneportal.plan import plan_portal
    from zoneportal.vi import today_in_vietnam

    config = load_config(str(preview.root / "mkdocs.yml"))
    settings = portal_settings(config.plugins["zoneportal"].config, config)
    plan = plan_portal(preview.root, settings, today_in_vietnam())
    (url,) = [spec.url for spec in plan.pages if spec.post is not None and spec.post.shown == POST]
    return "/" + url


def append(preview: Preview, text: str) -> None:
    path = preview.root / POST
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def test_a_save_shows_in_the_open_tab_by_itself(preview: Preview, tab: Tab) -> None:
    url = post_path(preview)
    tab.goto(url)
    title = tab.page.locator("article h1").first.inner_text()
    assert tab.page.get_by_text(SENTENCE).count() == 0
    tab.screenshot("before")

    saved = time.monotonic()
    append(preview, SENTENCE)
    tab.page.get_by_text(SENTENCE).wait_for(timeout=60_000)  # the tab reloads itself: no goto here
    seconds = time.monotonic() - saved
    print(f"\nsave to the open tab: {seconds:.2f} s")
    assert tab.path() == url
    assert tab.page.locator("article h1").first.inner_text() == title
    tab.screenshot("after-save")
    tab.assert_clean()
    assert seconds <= BUDGET * 1.5, f"the open tab showed the save after {seconds:.2f} s"


def test_a_broken_save_shows_the_problems_in_the_tab_until_fixed(preview: Preview, tab: Tab) -> None:
    url = post_path(preview)
    tab.goto(url)
    preview.edit(POST, r"^date: .*$", "date: 2023-02-30")
    heading = tab.page.get_by_role("heading", name=re.compile("Chưa xem trước được"))
    heading.wait_for(timeout=60_000)
    text = tab.page.locator("main").inner_text()
    assert POST in text and "2023-02-30" in text and "không tồn tại trong lịch" in text
    assert tab.path() == url  # the reader stays where they were
    tab.screenshot("problems")
    # The problem page answers 500 (Chromium logs that in its console too); nothing else may fail.
    assert [r for r in tab.bad_responses if not r.startswith("500 ")] == []
    assert [e for e in tab.js_errors if "status of 500" not in e] == []
    tab.bad_responses.clear()
    tab.js_errors.clear()

    preview.edit(POST, r"^date: .*$", "date: 2023-05-16 16:30")
    tab.page.locator("article h1").first.wait_for(timeout=60_000)
    assert tab.page.get_by_role("heading", name=re.compile("Chưa xem trước được")).count() == 0
    assert tab.path() == url
    tab.screenshot("fixed")
    tab.assert_clean()
