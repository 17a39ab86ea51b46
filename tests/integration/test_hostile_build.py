"""Hostile and extreme content (kit/hostileposts.py) builds, or fails with a clear message, and no
page file contains anything staff typed as markup. The browser half is tests/e2e/test_e2e_hostile.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from kit.examplesite import BuiltSite
from kit.hostileposts import EMOJI_TITLE, HOSTILE_TITLE, IMG, LONG_TITLE, PARAGRAPHS, SCRIPT, SVG, post_page
from kit.sitekit import make_project


def test_hostile_and_extreme_posts_build(hostile_site: BuiltSite) -> None:
    for title in (HOSTILE_TITLE, LONG_TITLE, EMOJI_TITLE, "Báo cáo năm nghìn đoạn", "Bài không có nội dung"):
        assert post_page(hostile_site, title)
    long_post = hostile_site.site / post_page(hostile_site, "Báo cáo năm nghìn đoạn").strip("/") / "index.html"
    assert long_post.read_text(encoding="utf-8").count("<p>Đoạn văn số ") == PARAGRAPHS


@pytest.mark.parametrize(
    ("case", "title", "body"),
    [
        ("emoji-only title", "🎉🎉🎉", "Nội dung."),
        ("only whitespace in the body", "Bài trắng", "   \n\n   \n"),
        ("title of markup only", "<script></script>", "Nội dung."),
    ],
)
def test_edge_cases_build_or_fail_with_a_message(tmp_path: Path, case: str, title: str, body: str) -> None:
    project = make_project(tmp_path)
    project.add_post("2023/bai.md", title=title, date="2023-06-01", body=body)
    try:
        project.build()
    except Abort as exc:
        # A clean failure is MkDocs' Abort with a message for the editor, not a traceback.
        assert str(exc).strip(), case
        return
    pages = list((project.site / "tin-tuc").rglob("index.html"))
    assert len(pages) == 1, case
    html = pages[0].read_text(encoding="utf-8")
    assert "<script></script>" not in html.split("<article", 1)[1]


def test_no_page_file_contains_the_injected_markup(hostile_site: BuiltSite) -> None:
    raw = [p.format(where="")[:18] for p in (SCRIPT, IMG, SVG)] + ["<b class=zp-injected"]
    pages = sorted(hostile_site.site.rglob("*.html"))
    found = {
        p.relative_to(hostile_site.site).as_posix(): [r for r in raw if r in p.read_text(encoding="utf-8")]
        for p in pages
    }
    assert {k: v for k, v in found.items() if v} == {}
    shown = [p for p in pages if "&lt;script&gt;window.__zpPwned=" in p.read_text(encoding="utf-8")]
    assert len(shown) >= 10  # the payloads are really on the pages, as text
