"""`zoneportal import` end to end, into fixture projects made in code."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from kit.legacykit import CAPTION, PARAGRAPHS, LegacyPage, encode_cp1258
from kit.sitekit import Project
from zoneportal.cli import main
from zoneportal.content.validate import load_content


def run_import(project: Project, *args: str) -> tuple[int, list[dict]]:
    report = project.root / "report.json"
    code = main(["-f", str(project.config_path()), "import", *args, "--json", str(report)])
    return code, json.loads(report.read_text(encoding="utf-8")) if report.exists() else []


def check(project: Project):
    registry, posts, report = load_content(project.posts, project.root)
    assert not report.has_errors(), report.render()
    return registry, posts, report


def export(project: Project, name: str, page: LegacyPage | str | bytes) -> Path:
    content = page.text() if isinstance(page, LegacyPage) else page
    return project.write(f"exports/{name}", content)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


MEETING = LegacyPage()  # Chi bộ Phòng Quản lý môi trường, nhiệm kỳ 2020-2025, ISO date, byline
BCH = LegacyPage(
    header=["Trang chủ", "Tin hoạt động"],
    title="Ban Chấp hành Đảng ủy Ban Quản lý Khu kinh tế Mẫu họp Hội nghị lần thứ 7",
    date_line="Ngày đăng 12/01/2022 | 9:15 AM",
    paragraphs=("Đảng ủy Ban Quản lý Khu kinh tế Mẫu đánh giá kết quả năm, nhiệm kỳ 2020-2025.", *PARAGRAPHS[1:]),
    repeat_title=True,
    byline="Nguyễn Thị An",
)
OLD_STORY = LegacyPage(
    title="Chi bộ Phòng A tập trung hoàn thành chỉ tiêu năm 2017",
    date_line="25/10/2017 - 07:30",
    paragraphs=("Năm 2017, Chi bộ Phòng A đề ra chín chỉ tiêu, nhiệm kỳ 2015 - 2020.", *PARAGRAPHS[1:]),
    byline="K. Ngân",
    footer=["Chia sẻ bài viết", "BÌNH LUẬN", "Liên kết hữu ích"],
)
NO_AUTHOR = LegacyPage(
    header=["Cổng thông tin điện tử Ban Quản lý Khu kinh tế Mẫu", "Tin Đảng ủy", "Xem với cỡ chữAA"],
    title="Thông tin về Đại hội Chi bộ Phòng Quản lý môi trường lần thứ II",
    date_line="(09:12 | 22/05/2020)",
    byline=None,
)
WITH_PHOTOS = LegacyPage(
    title="CHI BỘ PHÒNG QUẢN LÝ MÔI TRƯỜNG SINH HOẠT CHUYÊN ĐỀ QUÝ II",
    date_line="2023-06-20T02:15:00Z",
    photos={0: ("sinh-hoat-quy-2", CAPTION)},
    byline="Tin, ảnh: Lương Thảo - Văn phòng Đảng ủy",
)


def test_import_a_folder_of_exports_then_check_passes(project: Project) -> None:
    for name, page in [
        ("a.txt", MEETING),
        ("b.txt", BCH),
        ("c.txt", OLD_STORY),
        ("d.txt", NO_AUTHOR),
        ("e.txt", WITH_PHOTOS),
    ]:
        export(project, name, page)
    code, rows = run_import(project, str(project.root / "exports"))
    assert code == 0
    assert [r["status"] for r in rows] == ["đã nhập"] * 5
    registry, posts, report = check(project)
    by_source = {p.origin: p for p in posts}
    assert set(by_source) == {"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"}

    meeting = by_source["a.txt"]
    assert (meeting.title, meeting.date.strftime("%Y-%m-%d %H:%M")) == (MEETING.title, "2024-03-15 08:30")
    assert registry.authors[meeting.author].name == "Đỗ Minh Châu"
    assert registry.committees[meeting.committee].name == "Chi bộ Phòng Quản lý môi trường"
    assert meeting.term == "2020-2025" and meeting.event == "so-ket"
    assert meeting.categories == ("tin-hoat-dong",)

    # Known author and committee are matched, not added again.
    bch = by_source["b.txt"]
    assert (bch.author, bch.committee, bch.event, bch.number) == ("tac-gia-a", "dang-uy", "hoi-nghi-bch", "7")
    assert bch.date.strftime("%Y-%m-%d %H:%M") == "2022-01-12 09:15"

    old = by_source["c.txt"]
    assert (old.committee, old.term) == ("chi-bo-a", "2015-2020")
    assert registry.committees["chi-bo-a"].term("2015-2020") is not None

    assert by_source["d.txt"].author == "chua-ro-tac-gia"
    assert registry.authors["chua-ro-tac-gia"].name == "Chưa rõ tác giả"
    warnings = {r["file"].split("/")[-1]: r["warnings"] for r in rows}
    assert any("tác giả" in w for w in warnings["d.txt"])

    photos = by_source["e.txt"]
    assert photos.title == "Chi bộ Phòng Quản lý môi trường sinh hoạt chuyên đề quý II"
    assert photos.date.strftime("%Y-%m-%d %H:%M") == "2023-06-20 09:15"
    assert photos.is_bundle and photos.event == "sinh-hoat-chuyen-de"
    assert registry.authors[photos.author].unit == "Văn phòng Đảng ủy"
    # The photo file was not exported: announced, not invented.
    assert next(r for r in rows if r["file"].endswith("e.txt"))["missing_photos"] == ["sinh-hoat-quy-2"]
    assert any("sinh-hoat-quy-2" in p.message for p in report.warnings)
    assert not any(photos.folder.glob("sinh-hoat-quy-2*"))

    authors = yaml.safe_load((project.posts / "authors.yml").read_text(encoding="utf-8"))
    added = {key for key, entry in authors.items() if entry.get("imported")}
    assert added == {meeting.author, old.author, "chua-ro-tac-gia", photos.author}


def test_every_dropped_line_is_in_the_report(project: Project) -> None:
    export(project, "b.txt", BCH)
    _code, (row,) = run_import(project, str(project.root / "exports" / "b.txt"))
    dropped = {d["text"]: d["reason"] for d in row["dropped"]}
    assert set(dropped) == {"Trang chủ", "Tin hoạt động", BCH.title, BCH.date_line, "Nguyễn Thị An"}
    post = (project.root / row["post"]).read_text(encoding="utf-8")
    body = post.split("---\n", 2)[2]
    assert all(p in body for p in BCH.paragraphs)


def test_reimport_creates_nothing_and_force_rewrites_in_place(project: Project) -> None:
    for name, page in [("a.txt", MEETING), ("e.txt", WITH_PHOTOS), ("d.txt", NO_AUTHOR)]:
        export(project, name, page)
    assert run_import(project, str(project.root / "exports"))[0] == 0
    first = snapshot(project.posts)

    code, rows = run_import(project, str(project.root / "exports"))
    assert code == 0 and [r["status"] for r in rows] == ["bỏ qua"] * 3
    assert snapshot(project.posts) == first

    code, rows = run_import(project, str(project.root / "exports"), "--force")
    assert code == 0 and [r["status"] for r in rows] == ["đã nhập"] * 3
    assert snapshot(project.posts) == first
    check(project)


def test_a_post_written_by_staff_is_never_overwritten(project: Project) -> None:
    staff = project.add_post(
        "2024/chi-bo-phong-quan-ly-moi-truong-so-ket-cong-tac-quy-i.md",
        title=MEETING.title,
        date="2024-03-20",
        body="Bài do cán bộ viết.",
    )
    before = staff.read_bytes()
    export(project, "a.txt", MEETING)
    code, (row,) = run_import(project, str(project.root / "exports"), "--force")
    assert code == 0 and staff.read_bytes() == before
    imported = project.root / row["post"]
    assert imported != staff and front(imported)["slug"] == "chi-bo-phong-quan-ly-moi-truong-so-ket-cong-tac-quy-i-2"
    _registry, posts, _report = check(project)
    assert len(posts) == 2


def test_bad_files_are_reported_and_the_rest_still_imports(project: Project) -> None:
    export(project, "good.txt", MEETING)
    export(project, "empty.txt", "")
    export(project, "only-chrome.txt", "Trang chủ\n\nChia sẻ bài viết\n")
    export(project, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    export(project, "western.txt", "Tiêu đề\n".encode() + "Café crème brûlée, déjà vu à Paris.\n".encode("cp1252"))
    code, rows = run_import(project, str(project.root / "exports"))
    assert code == 1
    status = {Path(r["file"]).name: r for r in rows}
    assert status["good.txt"]["status"] == "đã nhập"
    for name in ("empty.txt", "only-chrome.txt", "binary.txt", "western.txt"):
        assert status[name]["status"] == "lỗi" and status[name]["error"], name
    assert "UTF-8" in status["western.txt"]["error"] and "dòng 2" in status["western.txt"]["error"]
    _registry, posts, _report = check(project)
    assert [p.origin for p in posts] == ["good.txt"]


def test_missing_date_is_a_clearly_marked_draft(project: Project) -> None:
    path = export(project, "a.txt", LegacyPage(date_line=None))
    code, (row,) = run_import(project, str(path))
    assert code == 0
    text = (project.root / row["post"]).read_text(encoding="utf-8")
    assert "CHƯA RÕ" in text and front(project.root / row["post"])["draft"] is True
    assert any("ngày đăng" in w for w in row["warnings"])
    _registry, (post,), _report = check(project)
    assert post.draft


def test_dry_run_writes_nothing(project: Project) -> None:
    export(project, "a.txt", MEETING)
    before = snapshot(project.posts)
    code, (row,) = run_import(project, str(project.root / "exports"), "--dry-run")
    assert code == 0 and row["status"] == "sẽ nhập (chạy thử)" and row["post"].startswith("posts/2024/")
    assert snapshot(project.posts) == before


def test_category_must_exist(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    export(project, "a.txt", MEETING)
    code, rows = run_import(project, str(project.root / "exports"), "--category", "khong-co")
    assert code == 2 and rows == []
    assert "khong-co" in capsys.readouterr().out
    code, (row,) = run_import(project, str(project.root / "exports"), "--category", "xay-dung-dang")
    assert code == 0
    assert front(project.root / row["post"])["categories"] == ["xay-dung-dang"]


def test_default_category_comes_from_mkdocs_yml(tmp_path: Path) -> None:
    from kit.sitekit import make_project

    project = make_project(tmp_path, plugin_options={"import_category": "xay-dung-dang"})
    export(project, "a.txt", MEETING)
    _code, (row,) = run_import(project, str(project.root / "exports"))
    assert front(project.root / row["post"])["categories"] == ["xay-dung-dang"]


COMMITTEES_WITH_COMMENTS = """\
# Tổ chức đảng của Ban (ghi chú của cán bộ: giữ nguyên)
dang-uy:
  name: Đảng ủy Ban Quản lý Khu kinh tế Mẫu
  level: Đảng ủy
  terms:
    - start: 2020
      end: 2025   # nhiệm kỳ hiện tại
# Chi bộ trực thuộc
chi-bo-a:
  name: Chi bộ Phòng A
  level: Chi bộ
  parent: dang-uy
"""


def test_new_term_goes_into_the_existing_committee_and_comments_stay(project: Project) -> None:
    project.write("posts/committees.yml", COMMITTEES_WITH_COMMENTS)
    export(project, "c.txt", OLD_STORY)
    export(
        project,
        "b.txt",
        LegacyPage(
            title="Đảng ủy Ban Quản lý Khu kinh tế Mẫu sơ kết năm 2018",
            date_line="20/12/2018",
            paragraphs=(
                "Đảng ủy Ban Quản lý Khu kinh tế Mẫu sơ kết một năm thực hiện nghị quyết, nhiệm kỳ 2015-2020.",
            ),
        ),
    )
    assert run_import(project, str(project.root / "exports"))[0] == 0
    text = (project.posts / "committees.yml").read_text(encoding="utf-8")
    for comment in ("# Tổ chức đảng của Ban", "# nhiệm kỳ hiện tại", "# Chi bộ trực thuộc"):
        assert comment in text
    registry, posts, _report = check(project)
    assert [t.key for t in registry.committees["dang-uy"].terms] == ["2015-2020", "2020-2025"]
    assert [t.key for t in registry.committees["chi-bo-a"].terms] == ["2015-2020"]
    assert sorted(p.term for p in posts) == ["2015-2020", "2015-2020"]


def test_photo_exported_beside_the_article_is_copied_into_the_bundle(project: Project) -> None:
    from PIL import Image

    export(project, "e.txt", WITH_PHOTOS)
    Image.new("RGB", (8, 6), "navy").save(project.root / "exports" / "sinh-hoat-quy-2.jpg")
    code, (row,) = run_import(project, str(project.root / "exports" / "e.txt"))
    assert code == 0 and row["missing_photos"] == []
    _registry, (post,), report = check(project)
    assert not report.warnings, report.render()
    assert [(p.src, p.caption) for p in post.gallery] == [("sinh-hoat-quy-2.jpg", CAPTION)]


@pytest.mark.parametrize("encode", [encode_cp1258, lambda text: text.encode("utf-16")])
def test_legacy_encodings_import_with_a_note(project: Project, encode) -> None:
    export(project, "a.txt", encode(MEETING.text()))
    code, (row,) = run_import(project, str(project.root / "exports"))
    assert code == 0 and row["title"] == MEETING.title
    assert any("mã" in w for w in row["warnings"])


def test_csv_report(project: Project) -> None:
    export(project, "a.txt", MEETING)
    export(project, "empty.txt", "")
    report = project.root / "bao-cao.csv"
    code = main(["-f", str(project.config_path()), "import", str(project.root / "exports"), "--csv", str(report)])
    assert code == 1
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert [(Path(r["file"]).name, r["status"]) for r in rows] == [("a.txt", "đã nhập"), ("empty.txt", "lỗi")]
    assert rows[0]["author"] == "Đỗ Minh Châu" and rows[0]["term"] == "2020-2025"
    assert MEETING.date_line in rows[0]["dropped"]


def test_report_names_each_file(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    export(project, "a.txt", MEETING)
    main(["-f", str(project.config_path()), "import", str(project.root / "exports")])
    out = capsys.readouterr().out
    assert "Kết quả nhập bài" in out and "a.txt" in out and "Đã nhập 1 bài" in out


def test_imported_posts_build_into_pages(project: Project) -> None:
    export(project, "a.txt", MEETING)
    export(project, "e.txt", WITH_PHOTOS)
    assert run_import(project, str(project.root / "exports"))[0] == 0
    url = "tin-tuc/2023/06/chi-bo-phong-quan-ly-moi-truong-sinh-hoat-chuyen-de-quy-ii"
    project.build()
    # The committee and author the import added wait for review: their posts are not public yet.
    assert not (project.site / url).exists()
    for registry in ("authors.yml", "committees.yml", "categories.yml"):  # staff approve them
        path = project.posts / registry
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if line.strip() != "review: true"), encoding="utf-8")
    project.build()
    page = project.html(url)
    assert CAPTION in page and PARAGRAPHS[1].split(";")[0] in page


def test_out_folder_holds_the_posts_and_registries_stay_in_posts(project: Project) -> None:
    export(project, "a.txt", MEETING)
    code, (row,) = run_import(project, str(project.root / "exports"), "--out", str(project.posts / "nhap-tu-cong-cu"))
    assert code == 0 and row["post"].startswith("posts/nhap-tu-cong-cu/2024/")
    assert "Đỗ Minh Châu" in (project.posts / "authors.yml").read_text(encoding="utf-8")
    _registry, (post,), _report = check(project)
    assert post.origin == "a.txt"


# --- identity by content (issue 14) ---------------------------------------------------------------


def test_same_file_name_different_article_is_a_new_post_never_skipped_or_overwritten(project: Project) -> None:
    export(project, "A/bai.txt", MEETING)
    code, (first,) = run_import(project, str(project.root / "exports" / "A"))
    assert code == 0 and first["status"] == "đã nhập"
    meeting_post = project.root / first["post"]
    meeting_text = meeting_post.read_bytes()
    assert front(meeting_post)["source"] == "bai.txt" and front(meeting_post)["source_hash"].startswith("sha256:")

    export(project, "C/bai.txt", OLD_STORY)
    code, (second,) = run_import(project, str(project.root / "exports" / "C"))
    assert code == 0 and second["status"] == "đã nhập" and second["post"] != first["post"]
    assert any("nội dung khác" in w for w in second["warnings"])
    assert meeting_post.read_bytes() == meeting_text

    # --force rewrites only the post made from that same article, never the other one.
    old_post = project.root / second["post"]
    old_post.write_text(old_post.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8")
    code, (again,) = run_import(project, str(project.root / "exports" / "A"), "--force")
    assert code == 0 and again["status"] == "đã nhập" and again["post"] == first["post"]
    assert meeting_post.read_bytes() == meeting_text
    assert old_post.read_text(encoding="utf-8").endswith("Sửa tay.\n")
    _registry, posts, _report = check(project)
    assert len(posts) == 2


def test_the_same_article_under_another_name_or_encoding_is_not_imported_twice(project: Project) -> None:
    export(project, "a.txt", MEETING)
    assert run_import(project, str(project.root / "exports" / "a.txt"))[0] == 0
    export(project, "ban-sao/bai-khac-ten.txt", encode_cp1258(MEETING.text().replace("\n", "\r\n")))
    code, (row,) = run_import(project, str(project.root / "exports" / "ban-sao"))
    assert code == 0 and row["status"] == "bỏ qua" and "cùng nội dung" in row["reason"]
    # Two copies in one run: one post.
    export(project, "hai/x.txt", BCH)
    export(project, "hai/y.txt", BCH)
    code, rows = run_import(project, str(project.root / "exports" / "hai"))
    assert [r["status"] for r in rows] == ["đã nhập", "bỏ qua"]


def test_posts_imported_before_content_keys_are_still_recognised(project: Project) -> None:
    export(project, "a.txt", MEETING)
    _code, (row,) = run_import(project, str(project.root / "exports"))
    post = project.root / row["post"]
    lines = [line for line in post.read_text(encoding="utf-8").split("\n") if not line.startswith("source_hash:")]
    post.write_text("\n".join(lines), encoding="utf-8")
    code, (again,) = run_import(project, str(project.root / "exports"))
    assert code == 0 and again["status"] == "bỏ qua"


def test_empty_title_line_is_a_warning(project: Project) -> None:
    text = "\n" + MEETING.text().replace(MEETING.title + "\n", "", 1)
    export(project, "a.txt", text)
    code, (row,) = run_import(project, str(project.root / "exports"))
    assert code == 0 and any("dòng tiêu đề trống" in w for w in row["warnings"])


def test_photo_named_in_nfd_on_disk_is_found_and_copied_under_its_nfc_name(project: Project) -> None:
    import unicodedata

    from PIL import Image

    page = LegacyPage(photos={0: ("Ảnh hội nghị.jpg", CAPTION)})
    export(project, "e.txt", page)
    nfd = unicodedata.normalize("NFD", "Ảnh hội nghị.jpg")
    Image.new("RGB", (8, 6), "navy").save(project.root / "exports" / nfd)
    code, (row,) = run_import(project, str(project.root / "exports" / "e.txt"))
    assert code == 0 and row["missing_photos"] == []
    _registry, (post,), _report = check(project)
    names = [p.name for p in post.folder.iterdir() if p.suffix == ".jpg"]
    assert names == [unicodedata.normalize("NFC", n) for n in names] and len(names) == 1
    assert [p.caption for p in post.gallery] == [CAPTION]


# --- review marks, dates, the piped report (issue 13) ---------------------------------------------


def test_everything_an_import_adds_to_the_registries_waits_for_review(project: Project) -> None:
    export(project, "a.txt", MEETING)
    export(project, "d.txt", NO_AUTHOR)
    assert run_import(project, str(project.root / "exports"))[0] == 0
    for name in ("authors.yml", "committees.yml"):
        data = yaml.safe_load((project.posts / name).read_text(encoding="utf-8"))
        added = {key: entry for key, entry in data.items() if entry.get("imported")}
        assert added and all(entry["review"] is True for entry in added.values()), name
    authors = yaml.safe_load((project.posts / "authors.yml").read_text(encoding="utf-8"))
    assert authors["chua-ro-tac-gia"]["review"] is True  # the placeholder never gets a public page
    # Entries that were there before are untouched.
    assert "review" not in authors["tac-gia-a"]


def test_posting_date_far_from_the_dates_in_the_body_is_a_warning(project: Project) -> None:
    export(project, "a.txt", LegacyPage(date_line="2025-06-20 08:30:00"))  # the body names 14/3/2024
    code, (row,) = run_import(project, str(project.root / "exports"))
    assert code == 0 and any("14/03/2024" in w and "ngày đăng" in w for w in row["warnings"])
    export(project, "b.txt", BCH)
    _code, rows = run_import(project, str(project.root / "exports" / "b.txt"))
    assert not any("cách" in w for w in rows[0]["warnings"])


def test_piped_report_is_one_readable_block_per_file(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    export(project, "a.txt", MEETING)
    export(project, "empty.txt", "")
    main(["-f", str(project.config_path()), "import", str(project.root / "exports")])
    out = capsys.readouterr().out
    assert "┃" not in out and "│" not in out and "━" not in out  # no table squeezed into 80 columns
    blocks = [b for b in out.split("\n\n") if "trạng thái:" in b]
    assert len(blocks) == 2
    meeting = next(b for b in blocks if "a.txt" in b)
    assert f"tiêu đề: {MEETING.title}" in meeting and "tác giả: Đỗ Minh Châu" in meeting
    assert "trạng thái: lỗi" in next(b for b in blocks if "empty.txt" in b)
