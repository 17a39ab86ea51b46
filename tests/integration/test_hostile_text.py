"""Markup in every registry field, site and legal setting is text on every page; post bodies are
sanitised; nothing makes Material fetch mermaid.js. (The same project is walked in Chromium by
tests/e2e/test_e2e_injection.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.hostilekit import hostile_project, injected_elements


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = hostile_project(tmp_path_factory.mktemp("hostile"))
    project.build()
    return project.site


def test_no_page_has_an_injected_element_or_handler(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    kinds = {p.relative_to(site).parts[0] for p in pages}
    assert {"index.html", "tin-tuc", "chuyen-muc", "tac-gia", "to-chuc", "nhiem-ky", "luu-tru", "the"} <= kinds
    found = {p.relative_to(site).as_posix(): injected_elements(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: bad for page, bad in found.items() if bad} == {}
    # Escaped once, not twice: "&amp;lt;" would show staff "&lt;" on the page.
    twice = [p.relative_to(site).as_posix() for p in pages if re.search(r"&amp;(lt|gt|#3\d|amp);", p.read_text())]
    assert twice == []


def test_body_keeps_what_staff_write_and_loses_the_rest(site: Path) -> None:
    (post,) = [p for p in site.glob("tin-tuc/2023/04/*/index.html")]
    html = post.read_text(encoding="utf-8")
    article = html[html.index('class="zp-post__body') :] if 'class="zp-post__body' in html else html
    assert "<table>" in article and 'style="text-align:right"' in article
    assert "<details><summary>Xem thêm</summary>" in article
    assert 'id="zp-kept-remote"' in article and "cdn.example.invalid" not in html
    assert 'id="zp-kept-tab"' in article
    # The body cannot drive our scripts: no lightbox hook (GLightbox writes data-title as HTML).
    hook = re.search(r'<a id="zp-kept-hook"[^>]*>', article)
    assert hook is not None and "zp-lightbox" not in hook[0] and "data-zp-copy" not in hook[0]
    assert "<script" not in article.split("</article>")[0] or 'dataset.owned = "script"' not in html
    assert 'dataset.owned = "script"' not in html and "<iframe" not in html and "<svg id=" not in html


def test_mermaid_blocks_stay_plain_code(site: Path) -> None:
    for page in site.rglob("*.html"):
        assert not re.search(r"<pre[^>]*class=\"[^\"]*\bmermaid\b", page.read_text(encoding="utf-8")), page
    assert "graph TD" in (site / "tin-tuc/2023/05/so-do-quy-trinh/index.html").read_text(encoding="utf-8")
    assert "graph TD" in (site / "so-do-tai-lieu/index.html").read_text(encoding="utf-8")
