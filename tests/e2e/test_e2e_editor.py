"""The web editor at /admin/ (Decap CMS) in Chromium, against its local backend (decap-server), as `make edit`
runs it: a staff member writes a post with photos, or corrects a title, and the result is a valid post in git.

Each test works on its own copy of the example project, a real git repository, built with the editor's
backend set to `local` and served by nginx; decap-server writes into that copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from kit.browsing import AXE_JS, SCREENSHOTS, Tab, run_axe, safe_name, save_axe_report
from kit.editorkit import IN_CI, DecapServer, build, copy_project, git, require_editor_tools
from kit.examplesite import BuiltSite
from kit.photokit import photo
from kit.webserver import StaticServer

TITLE = "Hội nghị thử nghiệm trình soạn bài trên trình duyệt"
SLUG = "hoi-nghi-thu-nghiem-trinh-soan-bai-tren-trinh-duyet"
CAPTION = "Đại biểu biểu quyết thông qua nghị quyết."
EDITED = "posts/2023/so-ket-giua-nhiem-ky-dai-hoi-iii/index.md"
EDITED_TITLE = "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ lần thứ III"


@dataclass
class EditorTab(Tab):
    """A tab that may also talk to decap-server (another port on this machine) and to the rebuilt site's
    server, and to nothing else."""

    allowed_origins: list[str] = field(default_factory=list)

    def _route(self, route) -> None:  # type: ignore[no-untyped-def]
        parts = urlsplit(route.request.url)
        if f"{parts.scheme}://{parts.netloc}" in self.allowed_origins:
            route.continue_()
        else:
            super()._route(route)


@dataclass
class EditingSession:
    project: Path
    backend: DecapServer
    server: StaticServer
    tab: EditorTab
    serve: Callable[[list[BuiltSite]], StaticServer]


@pytest.fixture
def editing(
    tmp_path: Path, browser, serve: Callable[[list[BuiltSite]], StaticServer], request: pytest.FixtureRequest
) -> Iterator[EditingSession]:
    require_editor_tools()
    backend_port_holder = DecapServer(tmp_path)  # picks the port the built config must name
    project = copy_project(tmp_path / "du-an", {"backend": "local", "local_url": backend_port_holder.api})
    backend = DecapServer(project)
    backend.port = backend_port_holder.port
    backend.start()
    try:
        site = tmp_path / "site"
        build(project, site)
        server = serve([BuiltSite(site=site, base_path="/", site_url="/")])
        context = browser.new_context(
            viewport={"width": 1366, "height": 900}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
        )
        shots = SCREENSHOTS / "editor" / safe_name(request.node.name)
        tab = EditorTab.open(context, server.origin, shots)
        assert isinstance(tab, EditorTab)
        tab.allowed_origins.append(backend.origin)
        yield EditingSession(project, backend, server, tab, serve)
        context.close()
    finally:
        backend.stop()


def log_in(tab: Tab, hash_path: str) -> None:
    tab.goto(f"/admin/#{hash_path}")
    tab.page.get_by_role("button", name="Đăng nhập").click()


def control(tab: Tab, name: str):  # type: ignore[no-untyped-def]
    """Decap numbers its field ids (title-field-1); the name part is ours (config.yml)."""
    return tab.page.locator(f'[id^="{name}-field-"]').first


def choose(tab: Tab, name: str, typed: str) -> None:
    """A select list (react-select): type part of the Vietnamese label, take the match."""
    control(tab, name).fill(typed)
    tab.page.keyboard.press("Enter")


def upload(tab: Tab, button_index: int, photo: Path) -> None:
    """The image widget's media dialog: upload a file, then take it."""
    tab.page.get_by_role("button", name="Chọn một hình").nth(button_index).click()
    tab.page.locator('input[type="file"]').set_input_files(str(photo))
    tab.page.get_by_role("button", name="Lấy những cái đã chọn").click()


def publish(tab: Tab) -> None:
    tab.page.get_by_role("button", name="Công bố", exact=True).click()
    tab.page.get_by_text("Công bố ngay", exact=True).click()


def axe_report(tab: Tab, name: str) -> None:
    """Reported, not asserted: the editor's own pages are third-party (README, Trình soạn bài)."""
    if not AXE_JS.is_file():
        if IN_CI:
            pytest.fail(f"CI must report axe-core on the editor, but it is not installed at {AXE_JS}")
        return
    # The page's own CSP refuses the inline <script> add_script_tag would write: evaluate axe instead.
    if not tab.page.evaluate("() => typeof window.axe === 'object'"):
        tab.page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    save_axe_report(f"editor-{name}", tab.page.url, run_axe(tab.page))


def test_new_post_with_cover_and_gallery(editing: EditingSession, tmp_path: Path) -> None:
    tab, page, project = editing.tab, editing.tab.page, editing.project
    cover, album = tmp_path / "anh-bia.jpg", tmp_path / "bieu-quyet.jpg"
    cover.write_bytes(photo((1600, 1000), color=(170, 40, 40)))
    album.write_bytes(photo((1200, 800), color=(40, 110, 170)))

    log_in(tab, "/collections/posts")
    page.get_by_text("Tạo bài viết mới", exact=True).click()
    control(tab, "title").wait_for()
    axe_report(tab, "new-post")
    tab.screenshot("new-post-empty")

    # Field-level errors before anything is written: required fields, and a slug's format.
    control(tab, "slug").fill("Hội Nghị")
    publish(tab)
    assert page.get_by_text("Tiêu đề bắt buộc nhập.").is_visible()
    assert page.get_by_text("Chỉ gồm chữ thường không dấu").first.is_visible()
    tab.screenshot("field-errors")
    # Decap refuses the save by rejecting a promise it never handles (an "undefined" page error): that one
    # error is expected here, and only here.
    assert [e.rsplit(": ", 1)[-1] for e in tab.js_errors] == ["undefined"]
    tab.js_errors.clear()
    assert git(project, "status", "--porcelain") == ""
    control(tab, "slug").press("Control+a")
    control(tab, "slug").press("Delete")

    control(tab, "title").fill(TITLE)
    control(tab, "date").fill("2026-11-20T09:30")
    choose(tab, "author", "Lê Minh Khoa")
    choose(tab, "committee", "Chi bộ Văn phòng")
    choose(tab, "categories", "Tin hoạt động")
    choose(tab, "categories", "Xây dựng Đảng")
    # The term list holds the chosen committee's terms only.
    terms = control(tab, "term").locator("option").all_inner_texts()
    assert terms[0].startswith("— Tự suy ra") and any("2025-2030" in t and "lần thứ VI" in t for t in terms)
    upload(tab, 0, cover)
    page.get_by_role("button", name="Thêm ảnh").click()
    upload(tab, 0, album)  # the cover now shows "Chọn hình khác": the first "Chọn một hình" is the album's
    control(tab, "caption").fill(CAPTION)
    draft = control(tab, "draft")
    if draft.get_attribute("aria-checked") == "true":
        draft.click()
    page.locator('[contenteditable="true"]').first.click()
    page.keyboard.type("Sáng 20/11, Chi bộ Văn phòng tổ chức hội nghị thử nghiệm trình soạn bài.")

    preview = page.frame_locator("iframe").first
    assert preview.locator("h1").inner_text() == TITLE
    assert preview.get_by_text("Thứ Sáu, 20/11/2026 09:30").is_visible()
    assert preview.get_by_text(CAPTION).is_visible()
    tab.screenshot("filled-with-preview")

    publish(tab)
    page.wait_for_function("() => location.hash.includes('/entries/2026/')")
    tab.screenshot("saved")

    folder = project / "posts" / "2026" / SLUG
    assert sorted(p.name for p in folder.iterdir()) == ["anh-bia.jpg", "bieu-quyet.jpg", "index.md"]
    assert (folder / "anh-bia.jpg").read_bytes() == cover.read_bytes()
    text = (folder / "index.md").read_text(encoding="utf-8")
    assert f"title: {TITLE}" in text and "date: 2026-11-20 09:30" in text
    assert "categories:\n  - tin-hoat-dong\n  - xay-dung-dang" in text
    assert "cover: anh-bia.jpg" in text and "src: bieu-quyet.jpg" in text and f"caption: {CAPTION}" in text
    assert "slug:" not in text and "term:" not in text  # left empty: left out (check reads '' as wrong)

    from zoneportal.cli import main as zoneportal

    assert zoneportal(["-f", str(project / "mkdocs.yml"), "check"]) == 0

    rebuilt = tmp_path / "site-after"
    build(project, rebuilt)
    post_url = f"/tin-tuc/2026/11/{SLUG}/"
    html = (rebuilt / post_url.strip("/") / "index.html").read_text(encoding="utf-8")
    assert TITLE in html and CAPTION in html
    # …and in the browser, served like the portal: the post with both photos, loaded.
    server = editing.serve([BuiltSite(site=rebuilt, base_path="/", site_url="/")])
    tab.allowed_origins.append(server.origin)
    reader = tab.context.new_page()
    try:
        reader.goto(server.origin + post_url, wait_until="load")
        reader.wait_for_function("() => document.images.length > 0 && [...document.images].every(i => i.complete)")
        photos = reader.evaluate(
            "() => [...document.querySelectorAll('.zp-post img')].map(i => [i.currentSrc, i.naturalWidth, i.alt])"
        )
        sources = " ".join(src for src, _width, _alt in photos)
        assert "anh-bia-" in sources and "bieu-quyet-" in sources
        assert all(width > 0 for _src, width, _alt in photos)
        assert CAPTION in [alt for _src, _width, alt in photos]
        reader.screenshot(path=str(tab.shots / "published-post.png"), full_page=True)
    finally:
        reader.close()
    tab.assert_clean()


def test_edit_title_changes_only_that_file(editing: EditingSession) -> None:
    tab, page, project = editing.tab, editing.tab.page, editing.project
    log_in(tab, "/collections/posts")
    axe_report(tab, "post-list")
    page.get_by_text(EDITED_TITLE, exact=False).first.click()
    title = control(tab, "title")
    title.wait_for()
    assert title.input_value() == EDITED_TITLE
    axe_report(tab, "edit-post")
    title.fill(EDITED_TITLE + " (đã sửa)")
    publish(tab)
    page.get_by_text("Thay đổi đã được lưu").first.wait_for()
    tab.screenshot("edited")

    changed = git(project, "status", "--porcelain").splitlines()
    assert changed == [f" M {EDITED}"]
    text = (project / EDITED).read_text(encoding="utf-8")
    assert f"title: {EDITED_TITLE} (đã sửa)" in text
    diff = git(project, "diff", "--numstat").split()
    # Decap writes the front matter back in its own YAML style; the body is kept as it was.
    before = git(project, "show", f"HEAD:{EDITED}")
    assert before.split("\n---\n", 1)[1] == text.split("\n---\n", 1)[1]
    print(f"edit of one title: {diff[0]} lines added, {diff[1]} removed in {EDITED}")

    from zoneportal.cli import main as zoneportal

    assert zoneportal(["-f", str(project / "mkdocs.yml"), "check"]) == 0
    tab.assert_clean()


def test_registries_are_edited_as_their_own_collection(editing: EditingSession, tmp_path: Path) -> None:
    """Add an author and a new term of a committee on the web; the files stay valid registries, keep their
    opening comments, and the next build offers the new author in the post form."""
    tab, page, project = editing.tab, editing.tab.page, editing.project
    authors_before = yaml.safe_load((project / "posts/authors.yml").read_text(encoding="utf-8"))

    log_in(tab, "/collections/registries/entries/authors")
    page.get_by_role("button", name="Thêm tác giả").click()
    page.locator('[id^="key-field-"]').last.wait_for()  # the new entry, open; the others are folded
    page.locator('[id^="key-field-"]').last.fill("nguyen-van-moi")
    page.locator('[id^="name-field-"]').last.fill("Nguyễn Văn Mới")
    page.locator('[id^="role-field-"]').last.fill("Phóng viên")
    tab.screenshot("new-author")
    publish(tab)
    page.get_by_text("Thay đổi đã được lưu").first.wait_for()

    text = (project / "posts/authors.yml").read_text(encoding="utf-8")
    assert text.startswith("# Tác giả: khóa")  # the file's opening comment, kept
    authors = yaml.safe_load(text)
    assert authors["nguyen-van-moi"] == {"name": "Nguyễn Văn Mới", "role": "Phóng viên"}
    assert {k: v for k, v in authors.items() if k != "nguyen-van-moi"} == authors_before

    # Straight from one entry to another (as the browser's Back button does): the committees, not the
    # authors just edited under the committees' name.
    tab.goto("/admin/#/collections/registries/entries/committees")
    page.get_by_text("dang-bo-bql: Đảng bộ Ban Quản lý").wait_for()
    assert page.get_by_text("le-minh-khoa: Lê Minh Khoa").count() == 0
    summary = page.get_by_text("chi-bo-van-phong: Chi bộ Văn phòng Ban Quản lý", exact=True)
    committee = page.locator('[class*="listControlItem"]', has=summary)  # that committee's folded form
    committee.locator("button").first.click()  # unfold it
    committee.get_by_role("button", name="Thêm nhiệm kỳ").click()
    committee.locator('[id^="start-field-"]').last.fill("2030")
    committee.locator('[id^="end-field-"]').last.fill("2035")
    committee.locator('[id^="congress-field-"]').last.fill("lần thứ VII")
    tab.screenshot("new-term")
    publish(tab)
    page.get_by_text("Thay đổi đã được lưu").first.wait_for()

    committees = yaml.safe_load((project / "posts/committees.yml").read_text(encoding="utf-8"))
    terms = committees["chi-bo-van-phong"]["terms"]
    assert terms[-1] == {"start": 2030, "end": 2035, "congress": "lần thứ VII"}
    assert str(terms[1]["start_date"]) == "2025-04-17"  # dates stay dates
    assert sorted(git(project, "status", "--porcelain").splitlines()) == [
        " M posts/authors.yml",
        " M posts/committees.yml",
    ]

    from zoneportal.cli import main as zoneportal

    assert zoneportal(["-f", str(project / "mkdocs.yml"), "check"]) == 0
    rebuilt = tmp_path / "site-after"
    build(project, rebuilt)
    config = yaml.safe_load((rebuilt / "admin" / "config.yml").read_text(encoding="utf-8"))
    author = next(f for f in config["collections"][0]["fields"] if f["name"] == "author")
    assert {"label": "Nguyễn Văn Mới — Phóng viên", "value": "nguyen-van-moi"} in author["options"]
    tab.assert_clean()
