"""The văn bản register in the web editor (/admin/, Decap CMS) in Chromium, against its local backend
(decap-server) on a git copy of the example project: a staff member who does not use git adds a decision
with its PDF, or corrects one field of an existing document, and the result is a valid register entry.

The session (copy, decap-server, build, nginx, tab) is the posts editor's (test_e2e_editor.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_e2e_editor import EditingSession, axe_report, choose, control, editing, log_in, publish

from kit.editorkit import build, git
from kit.examplesite import BuiltSite
from kit.pdfkit import assert_no_pdf_metadata, pdf_bytes
from zoneportal.vi import slugify

pytestmark = pytest.mark.browser
__all__ = ["editing"]  # the fixture, used by name

NUMBER = "45/QĐ-BQL"
FOLDER = "documents/2025/45-qd-bql"  # the year of issue; the number as the document's address writes it
SUMMARY = "Ban hành Quy chế phối hợp tiếp nhận hồ sơ đầu tư tại bộ phận một cửa của Ban Quản lý"
PHRASE = "Quy chế này quy định việc phối hợp tiếp nhận hồ sơ dự án đầu tư"
REPLACED = "40/QĐ-BQL"  # an example document of 2024, replaced by the new one
EDITED = "documents/2016/05-ct-tw/index.md"
EDITED_SUMMARY = "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"


def new_document(tab) -> None:  # type: ignore[no-untyped-def]
    log_in(tab, "/collections/documents")
    tab.page.get_by_text("Tạo văn bản mới", exact=True).click()
    control(tab, "number").wait_for()


def test_new_document_with_its_pdf(editing: EditingSession, tmp_path: Path) -> None:
    tab, page, project = editing.tab, editing.tab.page, editing.project
    pdf = tmp_path / "quyet-dinh-45.pdf"
    pdf.write_bytes(pdf_bytes(PHRASE + " tại bộ phận một cửa. Điều 2. Quyết định có hiệu lực từ ngày ký."))

    new_document(tab)
    axe_report(tab, "new-document")
    tab.screenshot("new-document-empty")

    # Field-level errors before anything is written: the required fields, and a number without a letter or digit.
    control(tab, "number").fill("—")
    publish(tab)
    for message in ("Loại văn bản bắt buộc nhập.", "Cơ quan ban hành bắt buộc nhập.", "Trích yếu bắt buộc nhập."):
        assert page.get_by_text(message).is_visible(), message
    assert page.get_by_text("Ngày ban hành bắt buộc nhập.").is_visible()
    assert page.get_by_text("Số hiệu cần có chữ hoặc số").is_visible()
    tab.screenshot("field-errors")
    assert [e.rsplit(": ", 1)[-1] for e in tab.js_errors] == ["undefined"]  # Decap's refused save (see posts)
    tab.js_errors.clear()
    assert git(project, "status", "--porcelain") == ""

    control(tab, "number").press("Control+a")
    control(tab, "number").press("Delete")
    control(tab, "number").fill(NUMBER)
    choose(tab, "type", "Quyết định")
    choose(tab, "issuer", "Ban Quản lý các khu")
    control(tab, "signer").fill("TRƯỞNG BAN Hoàng Văn Tùng")
    control(tab, "issued").fill("2025-11-20")
    control(tab, "effective").fill("2025-12-01")
    control(tab, "summary").fill(SUMMARY)
    control(tab, "field").fill("Cải cách hành chính, Thu hút đầu tư")
    choose(tab, "replaces", REPLACED)
    page.get_by_role("button", name="Thêm tệp").click()
    page.get_by_role("button", name="Chọn một tập tin").first.click()
    page.locator('input[type="file"]').set_input_files(str(pdf))
    page.get_by_role("button", name="Lấy những cái đã chọn").click()

    preview = page.frame_locator("iframe").first
    assert preview.locator("h1").inner_text() == f"Quyết định {NUMBER}"
    assert preview.get_by_text("20/11/2025").is_visible()
    assert preview.get_by_text(SUMMARY).is_visible()
    tab.screenshot("filled-with-preview")

    publish(tab)
    page.wait_for_function("() => location.hash.includes('/entries/2025/')")
    tab.screenshot("saved")

    folder = project / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == ["index.md", pdf.name]
    assert (folder / pdf.name).read_bytes() == pdf.read_bytes()
    assert slugify(NUMBER) == folder.name
    front = yaml.safe_load((folder / "index.md").read_text(encoding="utf-8").split("---")[1])
    assert front["number"] == NUMBER and front["type"] == "quyet-dinh" and front["issuer"] == "bql"
    assert str(front["issued"]) == "2025-11-20" and str(front["effective"]) == "2025-12-01"
    assert front["field"] == ["Cải cách hành chính", "Thu hút đầu tư"]
    assert front["replaces"] == [REPLACED] and front["files"] == [pdf.name]
    assert not {"expires", "status", "amends", "implements"} & set(front)  # left empty: left out
    assert sorted(git(project, "status", "--porcelain", "-uall").splitlines()) == [
        f"?? {FOLDER}/index.md",
        f"?? {FOLDER}/{pdf.name}",
    ]

    from zoneportal.cli import main as zoneportal

    assert zoneportal(["-f", str(project / "mkdocs.yml"), "check"]) == 0

    rebuilt = tmp_path / "site-after"
    build(project, rebuilt)
    server = editing.serve([BuiltSite(site=rebuilt, base_path="/", site_url="/")])
    tab.allowed_origins.append(server.origin)
    reader = tab.context.new_page()
    try:
        reader.goto(server.origin + "/van-ban/", wait_until="load")
        listed = reader.get_by_role("link", name=NUMBER).first
        assert listed.is_visible()
        listed.click()
        reader.wait_for_url("**/van-ban/45-qd-bql/")
        assert reader.locator("article h1").inner_text().strip() == f"Quyết định {NUMBER}"
        assert reader.get_by_text(SUMMARY).first.is_visible()
        assert reader.get_by_text("Ban Quản lý các khu công nghiệp tỉnh Thanh Vân").first.is_visible()
        download = reader.locator(".zp-attachments__name").first
        href = download.get_attribute("href") or ""
        assert href.endswith(".pdf")
        reader.screenshot(path=str(tab.shots / "published-document.png"), full_page=True)
        # The replaced decision now says so, both ways.
        reader.goto(server.origin + "/van-ban/40-qd-bql/", wait_until="load")
        assert reader.get_by_text("Bị thay thế bởi").first.is_visible()
        assert reader.get_by_role("link", name=NUMBER).first.is_visible()
    finally:
        reader.close()
    published = next((rebuilt / "van-ban" / "45-qd-bql").rglob("*.pdf"), None) or next(rebuilt.rglob(pdf.name))
    assert_no_pdf_metadata(published)
    tab.assert_clean()


def test_edit_one_field_changes_only_that_file(editing: EditingSession) -> None:
    tab, page, project = editing.tab, editing.tab.page, editing.project
    log_in(tab, "/collections/documents")
    axe_report(tab, "document-list")
    page.get_by_text("05-CT/TW", exact=False).first.click()
    signer = control(tab, "signer")
    signer.wait_for()
    assert control(tab, "number").input_value() == "05-CT/TW"
    axe_report(tab, "edit-document")
    signer.fill("T/M BỘ CHÍNH TRỊ, Tổng Bí thư")
    publish(tab)
    page.get_by_text("Thay đổi đã được lưu").first.wait_for()
    tab.screenshot("edited")

    assert git(project, "status", "--porcelain").splitlines() == [f" M {EDITED}"]
    before = yaml.safe_load(git(project, "show", f"HEAD:{EDITED}").split("---")[1])
    after = yaml.safe_load((project / EDITED).read_text(encoding="utf-8").split("---")[1])
    assert after.pop("signer") == "T/M BỘ CHÍNH TRỊ, Tổng Bí thư"
    before.pop("signer")
    assert {k: str(v) for k, v in after.items()} == {k: str(v) for k, v in before.items()}
    assert after["summary"] == EDITED_SUMMARY
    print("edit of one field:", git(project, "diff", "--numstat").strip())

    from zoneportal.cli import main as zoneportal

    assert zoneportal(["-f", str(project / "mkdocs.yml"), "check"]) == 0
    tab.assert_clean()


def test_types_and_issuers_are_edited_in_the_registries(editing: EditingSession, tmp_path: Path) -> None:
    """A new type and a new issuer (one of our committees) on the web: the files stay valid registries with
    their opening comments, and the next build offers both in the document form."""
    tab, page, project = editing.tab, editing.tab.page, editing.project
    types_before = yaml.safe_load((project / "documents/types.yml").read_text(encoding="utf-8"))
    issuers_before = yaml.safe_load((project / "documents/issuers.yml").read_text(encoding="utf-8"))

    log_in(tab, "/collections/registries/entries/types")
    page.get_by_role("button", name="Thêm loại văn bản").click()
    page.locator('[id^="key-field-"]').last.wait_for()
    # Decap's icon-only buttons of each list item are named by zp-editor.js (axe: button-name).
    assert page.get_by_role("button", name="Xóa mục này").count() == len(types_before) + 1
    axe_report(tab, "document-types")
    page.locator('[id^="key-field-"]').last.fill("huong-dan")
    page.locator('[id^="name-field-"]').last.fill("Hướng dẫn")
    page.locator('[id^="abbr-field-"]').last.fill("HD")
    page.locator('[id^="order-field-"]').last.fill("11")
    tab.screenshot("new-type")
    publish(tab)
    page.get_by_text("Thay đổi đã được lưu").first.wait_for()

    text = (project / "documents/types.yml").read_text(encoding="utf-8")
    assert text.startswith("# Loại văn bản")  # the file's opening comment, kept
    # One entry a line, as the file was written: the new type is one added line.
    assert git(project, "diff", "--numstat", "documents/types.yml").split()[:2] == ["1", "0"]
    types = yaml.safe_load(text)
    assert types["huong-dan"] == {"name": "Hướng dẫn", "abbr": "HD", "order": 11}
    assert {k: v for k, v in types.items() if k != "huong-dan"} == types_before

    tab.goto("/admin/#/collections/registries/entries/issuers")
    page.get_by_role("button", name="Thêm cơ quan ban hành văn bản").click()
    page.locator('[id^="key-field-"]').last.wait_for()
    page.locator('[id^="key-field-"]').last.fill("chi-bo-van-phong")
    page.locator('[id^="name-field-"]').last.fill("Chi bộ Văn phòng Ban Quản lý")
    page.locator('[id^="committee-field-"]').last.fill("Chi bộ Văn phòng")
    page.keyboard.press("Enter")
    tab.screenshot("new-issuer")
    publish(tab)
    page.get_by_text("Thay đổi đã được lưu").first.wait_for()

    issuers = yaml.safe_load((project / "documents/issuers.yml").read_text(encoding="utf-8"))
    assert issuers["chi-bo-van-phong"] == {"name": "Chi bộ Văn phòng Ban Quản lý", "committee": "chi-bo-van-phong"}
    assert {k: v for k, v in issuers.items() if k != "chi-bo-van-phong"} == issuers_before
    assert git(project, "diff", "--numstat", "documents/issuers.yml").split()[:2] == ["1", "0"]
    assert sorted(git(project, "status", "--porcelain").splitlines()) == [
        " M documents/issuers.yml",
        " M documents/types.yml",
    ]

    from zoneportal.cli import main as zoneportal

    assert zoneportal(["-f", str(project / "mkdocs.yml"), "check"]) == 0
    rebuilt = tmp_path / "site-after"
    build(project, rebuilt)
    config = yaml.safe_load((rebuilt / "admin" / "config.yml").read_text(encoding="utf-8"))
    documents = next(c for c in config["collections"] if c["name"] == "documents")
    fields = {f["name"]: f for f in documents["fields"]}
    assert {"label": "Hướng dẫn", "value": "huong-dan"} in fields["type"]["options"]
    assert {"label": "Chi bộ Văn phòng Ban Quản lý", "value": "chi-bo-van-phong"} in fields["issuer"]["options"]
    tab.assert_clean()
