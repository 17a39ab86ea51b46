"""Hostile and extreme content, generated here: it must build (or fail with a clear message), and no
page may run or contain anything that staff typed as markup.

Payloads go where staff type text: titles, summaries, photo captions, author names and roles,
category and committee names, tags. Each payload, if it ever ran, would open a dialog and set
`window.__zpPwned`; each injected element carries the class `zp-injected`. In the browser a dialog
handler records every dialog and the DOM is searched for the markers on every page of the site.
"""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest
import yaml
from markupsafe import escape
from mkdocs.exceptions import Abort
from PIL import Image

from kit.browsing import SEARCH, Tab, overflowing, wait_closed, wait_for_results, wait_for_slide
from kit.examplesite import BuiltSite
from kit.sitekit import Project, make_project, post_text

SCRIPT = '<script>window.__zpPwned="{where}";alert("{where}")</script>'
IMG = "<img src=x class=zp-injected onerror=\"window.__zpPwned='{where}';alert('{where}')\">"
SVG = "<svg class=zp-injected onload=alert('{where}')>"
BREAKOUT = "\"><b class=zp-injected onmouseover=alert('{where}')>x</b><a x='"


def payload(where: str) -> str:
    return " ".join(p.format(where=where) for p in (SCRIPT, IMG, SVG, BREAKOUT))


HOSTILE_TITLE = "Tin " + payload("title")
LONG_TITLE = (
    "Hội nghị tổng kết công tác xây dựng Đảng và phát triển các khu công nghiệp, khu kinh tế tỉnh Thanh Vân "
    "giai đoạn 2020-2025, phương hướng nhiệm vụ giai đoạn 2025-2030 với sự tham dự của đại diện các doanh nghiệp "
    "Khucongnghiepcuangan-bacthanhvan-mo-rong-giai-doan-hai-ha-tang-dong-bo "
)
LONG_TITLE = (LONG_TITLE + "x" * 300)[:300]
COVER_CAPTION = "Chú thích " + payload("caption")
EMOJI_TITLE = "Tết sum vầy 🎉🧧 cùng công nhân 👷‍♀️ các khu công nghiệp"
PARAGRAPHS = 5000


def jpeg(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 427), colour).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def hostile_project(root: Path) -> Project:
    project = make_project(root, plugin_options={"page_size": 5})
    authors = {
        "tac-gia-a": {"name": "Nguyễn " + payload("author"), "role": payload("role")},
        "tac-gia-b": {"name": "Đỗ Văn Bình"},
    }
    categories = {
        "tin-hoat-dong": {"name": "Tin hoạt động", "order": 1, "description": payload("category-description")},
        "xay-dung-dang": {"name": "Xây dựng " + payload("category"), "order": 2},
    }
    committees = yaml.safe_load((root / "posts" / "committees.yml").read_text(encoding="utf-8"))
    committees["chi-bo-a"]["name"] = "Chi bộ " + payload("committee")
    project.write("posts/authors.yml", yaml.safe_dump(authors, allow_unicode=True))
    project.write("posts/categories.yml", yaml.safe_dump(categories, allow_unicode=True))
    project.write("posts/committees.yml", yaml.safe_dump(committees, allow_unicode=True))

    project.write("posts/2023/doc-hai/a.jpg", jpeg((40, 90, 160)))
    project.write("posts/2023/doc-hai/b.jpg", jpeg((160, 60, 40)))
    project.write(
        "posts/2023/doc-hai/index.md",
        post_text(
            title=HOSTILE_TITLE,
            date="2023-06-01 09:00",
            summary="Tóm tắt " + payload("summary"),
            tags=["Thẻ " + payload("tag")],
            categories=["tin-hoat-dong", "xay-dung-dang"],
            cover="a.jpg",
            gallery=[
                {"src": "a.jpg", "caption": COVER_CAPTION},
                {"src": "b.jpg", "caption": payload("caption-2")},
            ],
            body="Nội dung bài có chú thích ảnh độc hại.",
        ),
    )
    project.add_post(
        "2023/chi-bo.md", title="Sinh hoạt chi bộ", date="2023-06-02", committee="chi-bo-a", author="tac-gia-b"
    )
    project.add_post("2023/dai.md", title=LONG_TITLE, date="2023-06-03 10:00")
    project.add_post("2023/emoji.md", title=EMOJI_TITLE, date="2023-06-04", body="Chúc mừng năm mới 🎆 🌸 🇻🇳")
    body = "\n\n".join(f"Đoạn văn số {n}: hoạt động của Ban Quản lý trong các khu công nghiệp." for n in range(1, 5001))
    project.add_post("2023/rat-dai.md", title="Báo cáo năm nghìn đoạn", date="2023-06-05", body=body)
    project.add_post("2023/trong.md", title="Bài không có nội dung", date="2023-06-06", body="")
    return project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = hostile_project(tmp_path_factory.mktemp("hostile"))
    project.build()
    return BuiltSite(site=project.site, base_path="/", site_url="https://example.test/")


def post_page(site: BuiltSite, title: str) -> str:
    """URL path of the post whose <h1> is `title` (found in the built files, not guessed)."""
    wanted = f"<h1>{escape(title)}</h1>"  # escaped the way the templates' `| e` does
    for page in sorted((site.site / "tin-tuc").rglob("index.html")):
        if wanted in page.read_text(encoding="utf-8"):
            return "/" + page.parent.relative_to(site.site).as_posix() + "/"
    raise AssertionError(f"no post page with title {title[:60]!r}")


# Builds or fails cleanly ----------------------------------------------------------------------------


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
