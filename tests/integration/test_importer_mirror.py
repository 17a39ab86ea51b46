"""`zoneportal import` of a mirrored old portal (HTML pages and their photos), into fixture projects."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from kit.mirrorkit import HOST, build_mirror, rendered_text
from kit.photokit import GPS_IFD, photo
from kit.sitekit import Project
from zoneportal.cli import main
from zoneportal.content.validate import load_content


def run_import(project: Project, *args: str) -> tuple[int, list[dict]]:
    report = project.root / "report.json"
    report.unlink(missing_ok=True)
    code = main(["-f", str(project.config_path()), "import", *args, "--json", str(report)])
    return code, json.loads(report.read_text(encoding="utf-8")) if report.exists() else []


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def by_page(rows: list[dict]) -> dict[str, dict]:
    return {r["file"].split(f"{HOST}/", 1)[-1]: r for r in rows}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test: an import never fetches."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the importer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_mirror_in_posts_with_their_photos_out(project: Project, no_network: None) -> None:
    site = build_mirror(project.root / "mirror")
    code, rows = run_import(project, str(site.root))
    assert code == 0, rows
    pages = by_page(rows)
    for path, kind in site.not_articles.items():
        assert pages[path]["status"] == "không phải bài viết" and pages[path]["reason"], path
        assert kind.split()[0] in pages[path]["reason"] or kind == "trang tĩnh", (path, pages[path]["reason"])
    _registry, posts, report = load_content(project.posts, project.root)
    assert not report.has_errors(), report.render()
    by_source = {p.origin: p for p in posts}
    for article in site.articles:
        row = pages[article.path]
        assert row["status"] == "đã nhập", row
        post = by_source[f"{HOST}/{article.path}"]
        assert post.title.lower() == article.title.lower()
        assert post.date.strftime("%Y-%m-%d %H:%M") == article.date
        shown = rendered_text(post.body)
        for paragraph in article.paragraphs:
            assert paragraph in shown, (article.path, paragraph)
        present = [caption for _src, caption, there in article.photos if there]
        absent = [caption for _src, caption, there in article.photos if not there]
        gallery = front(post.source).get("gallery") or []
        # The lead photo is the cover (shown above the body, not again in it); its caption is kept
        # in a gallery entry of the same file, which the cover shows as its caption.
        if present:
            assert post.cover is not None and (post.folder / post.cover.src).is_file()
            cover_captions = [g["caption"] for g in gallery if g["src"] == post.cover.src]
            assert cover_captions == present[:1]
            assert all(p.src != post.cover.src for p in post.body_photos)
        else:
            assert post.cover is None
        assert sorted(p.caption for p in post.body_photos) == sorted(present[1:])
        assert sorted(g["caption"] for g in gallery if g.get("missing")) == sorted(absent)
        for photo_ in post.body_photos:
            assert (post.folder / photo_.src).is_file()  # copied into the bundle, under an NFC, URL-safe name
            assert photo_.src == photo_.src.encode("ascii", "ignore").decode()
    # The Liferay page links to the ASPX one: the link now points to its new post.
    liferay = by_source[f"{HOST}/{site.articles[0].path}"]
    assert "../../../2020/07/dai-hoi-chi-bo-van-phong-lan-thu-v-nhiem-ky-2020-2025/index.md" in liferay.body
    # Breadcrumb categories: new ones wait for review, like new authors and committees.
    categories = yaml.safe_load((project.posts / "categories.yml").read_text(encoding="utf-8"))
    assert categories["hoat-dong-dang"] == {"name": "Hoạt động Đảng", "imported": True, "review": True}
    assert liferay.categories == ("hoat-dong-dang",)
    authors = yaml.safe_load((project.posts / "authors.yml").read_text(encoding="utf-8"))
    assert authors["chua-ro-tac-gia"]["review"] is True
    assert all(entry.get("review") is True for entry in authors.values() if entry.get("imported"))
    committees = yaml.safe_load((project.posts / "committees.yml").read_text(encoding="utf-8"))
    assert all(entry.get("review") is True for entry in committees.values() if entry.get("imported"))
    # The TCVN3 and VNI pages read as Unicode.
    tcvn3 = by_source[f"{HOST}/tin-tuc/chi-bo-dau-tu-sinh-hoat-chuyen-de"]
    assert "hồ chí minh" in tcvn3.body and any("TCVN3" in w for w in pages[site.articles[3].path]["warnings"])
    vni = by_source[f"{HOST}/tin-tuc/chi-bo-moi-truong-tong-ket.htm"]
    assert "xử lý nước thải đạt chuẩn" in vni.body
    # An absolute URL to another host was recorded as missing, never fetched (no_network).
    php = pages[site.articles[2].path]
    assert php["missing_photos"] == ["https://anh.baodientu.example/2016/07/anh-hoi-nghi.jpg"]


def test_a_second_import_adds_nothing_and_dry_run_writes_nothing(project: Project) -> None:
    site = build_mirror(project.root / "mirror")
    before = snapshot(project.posts)
    code, rows = run_import(project, str(site.root), "--dry-run")
    assert code == 0 and snapshot(project.posts) == before
    assert sum(r["status"] == "sẽ nhập (chạy thử)" for r in rows) == len(site.articles)

    assert run_import(project, str(site.root))[0] == 0
    first = snapshot(project.posts)
    code, rows = run_import(project, str(site.root))
    assert code == 0 and snapshot(project.posts) == first
    assert sum(r["status"] == "bỏ qua" for r in rows) == len(site.articles)
    # The same mirror saved again elsewhere (another folder name, other chrome): still the same articles.
    copy = build_mirror(project.root / "mirror-2026")
    for article in copy.articles:
        page = copy.host / article.path
        page.write_bytes(page.read_bytes().replace(b"Tin m\xe1\xbb\x9bi nh\xe1\xba\xa5t", b"Tin n\xc3\xb3ng"))
    code, rows = run_import(project, str(copy.root))
    assert code == 0 and snapshot(project.posts) == first


@pytest.mark.build
def test_imported_mirror_builds_with_inline_photos_gallery_and_no_gps(project: Project) -> None:
    site = build_mirror(project.root / "mirror")
    assert run_import(project, str(site.root))[0] == 0
    # Staff review what the import added, then approve it (issue 13: `review: true` keeps it private).
    for name in ("authors.yml", "categories.yml", "committees.yml"):
        path = project.posts / name
        path.write_text(path.read_text(encoding="utf-8").replace("  review: true\n", ""), encoding="utf-8")
    assert main(["-f", str(project.config_path()), "check"]) == 0
    project.build()
    page = project.html("tin-tuc/2024/04/dang-bo-ban-quan-ly-so-ket-giua-nhiem-ky-2020-2025")
    # The lead photo is the cover, with its caption, and is not shown a second time in the body.
    cover = page[page.index('<figure class="zp-post__cover">') :]
    cover = cover[: cover.index("</figure>")]
    assert "<figcaption>Toàn cảnh hội nghị sơ kết giữa nhiệm kỳ</figcaption>" in cover
    assert page.count('<figure class="zp-figure">') == 1
    assert page.count("<figcaption>Toàn cảnh hội nghị sơ kết giữa nhiệm kỳ</figcaption>") == 1
    assert "Đồng chí Bí thư Đảng ủy phát biểu" in page
    # Home and listings show the imported article with its thumbnail (the cover).
    thumbnails = [
        a
        for a in BeautifulSoup(project.html(""), "html.parser").select(
            "a.zp-lead__cover, a.zp-card__cover, a.zp-teaser__cover"
        )
        if a.find("img")
    ]
    assert any("dang-bo-ban-quan-ly-so-ket-giua-nhiem-ky-2020-2025" in a["href"] for a in thumbnails)
    assert 'href="../../../2020/07/dai-hoi-chi-bo-van-phong-lan-thu-v-nhiem-ky-2020-2025/"' in page
    album = project.html("thu-vien-anh/dang-bo-ban-quan-ly-so-ket-giua-nhiem-ky-2020-2025")
    assert "Toàn cảnh hội nghị sơ kết" in album
    published = [p for p in project.site.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".webp")]
    assert published
    for file in published:
        with Image.open(file) as image:
            exif = image.getexif()
            assert not exif.get_ifd(GPS_IFD) and GPS_IFD not in exif, file


def test_nothing_outside_the_import_folder_is_read(project: Project, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("ngoai")
    (outside / "bi-mat.jpg").write_bytes(photo((64, 48)))
    (outside / "bai-ngoai.html").write_text("<html><body><h1>Bài ngoài</h1></body></html>", encoding="utf-8")
    mirror = project.root / "mirror"
    mirror.mkdir()
    (mirror / "anh-lien-ket.jpg").symlink_to(outside / "bi-mat.jpg")
    (mirror / "trang-lien-ket.html").symlink_to(outside / "bai-ngoai.html")
    body = " ".join(["Chi bộ Phòng A tổ chức hội nghị sơ kết công tác quý I năm nay với đầy đủ đảng viên."] * 3)
    (mirror / "bai.html").write_text(
        '<html><head><meta charset="utf-8"></head><body><h1>Chi bộ Phòng A sơ kết quý I</h1>'
        f"<p>Ngày đăng 05/04/2024 | 6:16 AM</p><p>{body}</p>"
        '<p><img src="../../../../../../../../../ngoai/bi-mat.jpg"></p><p><em>Ảnh ngoài thư mục</em></p>'
        '<p><img src="anh-lien-ket.jpg"></p><p><em>Ảnh là symlink</em></p>'
        f'<p><img src="file://{outside}/bi-mat.jpg"></p><p><em>Ảnh file://</em></p></body></html>',
        encoding="utf-8",
    )
    code, rows = run_import(project, str(mirror))
    assert code == 1  # the symlinked page is refused
    pages = {Path(r["file"]).name: r for r in rows}
    assert pages["trang-lien-ket.html"]["status"] == "lỗi" and "symlink" in pages["trang-lien-ket.html"]["error"]
    row = pages["bai.html"]
    assert row["status"] == "đã nhập" and len(row["missing_photos"]) == 3
    assert sum("ngoài thư mục nhập" in w or "symlink" in w or "không đọc" in w for w in row["warnings"]) == 3
    post_folder = (project.root / row["post"]).parent
    assert not [p for p in post_folder.iterdir() if p.suffix == ".jpg"]
    _registry, _posts, report = load_content(project.posts, project.root)
    assert not report.has_errors(), report.render()


def test_a_page_saved_with_its_files_folder(project: Project) -> None:
    """Firefox/Chrome "Save page as": trang.html beside trang_files/ with the photos."""
    saved = project.root / "luu"
    (saved / "Hội nghị_files").mkdir(parents=True)
    (saved / "Hội nghị_files" / "IMG_2041.JPG").write_bytes(photo((320, 240), gps=True))
    body = "Đảng ủy Ban Quản lý tổ chức Hội nghị Ban Chấp hành lần thứ 9, nhiệm kỳ 2020-2025 để đánh giá kết quả."
    (saved / "Hội nghị.html").write_text(
        '<html><head><meta charset="utf-8"></head><body><div class="title">Hội nghị Ban Chấp hành lần thứ 9</div>'
        f'<div>14:05 19/11/2021</div><div><p>{body}</p><p><img src="Hội%20nghị_files/IMG_2041.JPG" '
        'alt="Quang cảnh hội nghị"></p><p>Nguyễn Thị An</p></div></body></html>',
        encoding="utf-8",
    )
    code, (row,) = run_import(project, str(saved / "Hội nghị.html"))
    assert code == 0 and row["status"] == "đã nhập" and row["photos"] == 1
    _registry, (post,), report = load_content(project.posts, project.root)
    assert not report.has_errors(), report.render()
    assert post.cover is not None and post.cover.src == "img-2041.jpg" and not post.body_photos
    assert [(p.src, p.caption) for p in post.gallery] == [("img-2041.jpg", "Quang cảnh hội nghị")]
    assert post.date.strftime("%Y-%m-%d %H:%M") == "2021-11-19 14:05" and post.author == "tac-gia-a"


def test_undecidable_legacy_page_is_refused_by_name(project: Project) -> None:
    from zoneportal.importer.legacyfonts import encode_tcvn3, encode_vni

    mixed = encode_tcvn3("sáng nay chi bộ họp bàn kế hoạch đầu tư") + " " + encode_vni("Đảng viên thảo luận sôi nổi")
    html = f'<html><head><meta charset="windows-1252"></head><body><h1>Tieu de</h1><p>{mixed}</p></body></html>'
    project.write("cu/trang.html", html.encode("cp1252"))
    code, (row,) = run_import(project, str(project.root / "cu"))
    assert code == 1 and row["status"] == "lỗi" and "TCVN3 hay VNI" in row["error"]


@pytest.mark.skipif(os.name != "posix", reason="file names with '?' are POSIX-only")
def test_extension_less_and_query_named_pages_are_found(project: Project) -> None:
    site = build_mirror(project.root / "mirror")
    code, rows = run_import(project, str(site.root), "--dry-run")
    assert code == 0
    names = {r["file"].split(f"{HOST}/", 1)[-1] for r in rows if r["status"] == "sẽ nhập (chạy thử)"}
    assert "tin-tuc/chi-bo-dau-tu-sinh-hoat-chuyen-de" in names
    assert "chi-bo/Default.aspx?tabid=57&id=345" in names
    assert not any(name.endswith((".css", ".png")) for name in (r["file"] for r in rows))


def test_control_characters_of_an_old_page_are_not_written_into_the_post(project: Project) -> None:
    """A Word line break (U+000B) or `&#11;` in an old page: the post is written without it, since
    `check` refuses control characters (no feed can hold them) and the build would stop."""
    body = (
        "Đảng ủy Ban Quản lý tổ chức hội nghị&#11;quán triệt nghị quyết\x0b mới, nhiệm kỳ 2020-2025."
        "</p><p>Đoạn thứ hai\x01 có ký tự lạ&#xFFFE;."
    )
    project.write(
        "cu/bai.html",
        '<html><head><meta charset="utf-8"></head><body><h1 class="title">Hội nghị quán triệt nghị quyết</h1>'
        f"<div>14:05 19/11/2021</div><div><p>{body}</p><p>Nguyễn Thị An</p></div></body></html>",
    )
    code, (row,) = run_import(project, str(project.root / "cu"))
    assert code == 0 and row["status"] == "đã nhập"
    _registry, (post,), report = load_content(project.posts, project.root)
    assert not report.has_errors(), report.render()
    assert "quán triệt nghị quyết" in post.body and "Đoạn thứ hai" in post.body


def test_an_undated_article_becomes_a_draft_that_check_accepts(project: Project, no_network: None) -> None:
    mirror = project.root / "mirror" / HOST / "tin"
    mirror.mkdir(parents=True)
    paragraphs = "".join(
        f"<p>Phần {n}: Ban Quản lý làm việc với các doanh nghiệp về tiến độ xây dựng nhà ở cho công nhân.</p>"
        for n in range(1, 8)
    )
    (mirror / "nha-o.html").write_text(
        f'<html><head><meta charset="utf-8"></head><body><h1>Nhà ở cho công nhân</h1>{paragraphs}</body></html>',
        encoding="utf-8",
    )
    code, rows = run_import(project, str(project.root / "mirror"))
    assert code == 0, rows
    [row] = rows
    assert row["status"] == "đã nhập", row
    assert any("không tìm thấy ngày đăng" in w for w in row["warnings"]), row["warnings"]
    post = project.root / row["post"]
    assert front(post)["draft"] is True and front(post)["title"] == "Nhà ở cho công nhân"
    assert "Phần 7:" in post.read_text(encoding="utf-8")
    _registry, _posts, report = load_content(project.posts, project.root)
    assert not report.has_errors(), report.render()
