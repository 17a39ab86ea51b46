"""`zoneportal import` of page shapes held out from mirrorkit (Joomla-like, DNN/ASP.NET), with the
documents the old pages link to: imported with title, date, photos and cover, the documents copied
into the post's folder and published without their author metadata."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from kit.heldoutkit import HeldOutArticle, dnn_page, joomla_page
from kit.pdfkit import AUTHOR, assert_no_pdf_metadata, docx_bytes, pdf_bytes
from kit.photokit import GPS_IFD, photo
from kit.sitekit import Project
from zoneportal.cli import main
from zoneportal.content.validate import load_content

HOST = "kcn-thanhvan.example.vn"
JOOMLA = HeldOutArticle(
    title="Công đoàn khu công nghiệp tổ chức hội thao công nhân năm 2021",
    date="2021-05-03 14:15",
    paragraphs=(
        "Sáng ngày 3/5/2021, Công đoàn các khu công nghiệp tổ chức hội thao chào mừng Tháng Công nhân.",
        "Hội thao thu hút hơn ba trăm công nhân của mười hai doanh nghiệp tham gia các môn thi đấu.",
    ),
    photos=(
        ("/images/tin-tuc/hoi-thao.jpg", "Các vận động viên thi kéo co"),
        ("/images/tin-tuc/Trao giải.JPG", "Trao giải cho các đội đạt thành tích cao"),
    ),
    byline="Minh Châu",
    documents=(
        ("/images/van-ban/Kế hoạch hội thao.pdf", "Kế hoạch tổ chức hội thao"),
        ("/images/van-ban/du-thao-dieu-le.docx", "Dự thảo điều lệ giải"),
        ("/images/van-ban/da-xoa.pdf", "Danh sách vận động viên"),
        ("/images/van-ban/lien-ket.pdf", "Thể lệ"),
    ),
)
DNN = HeldOutArticle(
    title="Đảng ủy Ban Quản lý triển khai nghị quyết về phát triển khu công nghiệp xanh",
    date="2022-08-19 09:30",
    paragraphs=(
        "Chiều ngày 18/8/2022, Đảng ủy Ban Quản lý tổ chức hội nghị triển khai nghị quyết chuyên đề của tỉnh.",
        "Hội nghị thống nhất lộ trình chuyển đổi ba khu công nghiệp hiện có sang mô hình sinh thái đến năm 2030.",
    ),
    photos=(("/Portals/0/Images/2022/hoi-nghi-trien-khai.jpg", "Quang cảnh hội nghị triển khai nghị quyết"),),
    byline="Văn phòng Đảng ủy",
    documents=(("/Portals/0/VanBan/nghi-quyet-12.pdf", "Toàn văn nghị quyết"),),
)
PAGES = {
    "hoat-dong-doan-the/hoi-thao-cong-nhan.html": (JOOMLA, joomla_page),
    "tin-tuc/tabid/57/ArticleID/123/Default.aspx": (DNN, dnn_page),
}


def _href(src: str) -> str:
    return quote(src, safe="/")


def build_heldout_mirror(root: Path, outside: Path) -> Path:
    host = root / HOST
    for path, (article, page) in PAGES.items():
        linked = HeldOutArticle(
            title=article.title,
            date=article.date,
            paragraphs=article.paragraphs,
            photos=tuple((_href(src), caption) for src, caption in article.photos),
            byline=article.byline,
            documents=tuple((_href(href), text) for href, text in article.documents),
        )
        (host / path).parent.mkdir(parents=True, exist_ok=True)
        (host / path).write_text(page(linked), encoding="utf-8")
        for src, _caption in article.photos:
            (host / src.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
            (host / src.lstrip("/")).write_bytes(photo((800, 600), gps=True))
    documents = host / "images/van-ban"
    documents.mkdir(parents=True, exist_ok=True)
    (documents / "Kế hoạch hội thao.pdf").write_bytes(pdf_bytes("Kế hoạch tổ chức hội thao công nhân năm 2021"))
    (documents / "du-thao-dieu-le.docx").write_bytes(docx_bytes("Dự thảo điều lệ giải"))
    (outside / "bi-mat.pdf").write_bytes(pdf_bytes("Tài liệu ngoài thư mục nhập"))
    os.symlink(outside / "bi-mat.pdf", documents / "lien-ket.pdf")
    (host / "Portals/0/VanBan").mkdir(parents=True)
    (host / "Portals/0/VanBan/nghi-quyet-12.pdf").write_bytes(pdf_bytes("Nghị quyết về khu công nghiệp xanh"))
    return root


@pytest.fixture
def imported(project: Project, tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[dict]]:
    mirror = build_heldout_mirror(project.root / "ban-luu", tmp_path_factory.mktemp("ngoai"))
    report = project.root / "report.json"
    code = main(["-f", str(project.config_path()), "import", str(mirror), "--json", str(report)])
    rows = json.loads(report.read_text(encoding="utf-8"))
    # The symlink in the mirror is reported as a file refused by name (exit status 1); the rest imports.
    failed = [r["file"] for r in rows if r["status"] == "lỗi"]
    assert code == 1 and failed == [f"ban-luu/{HOST}/images/van-ban/lien-ket.pdf"], rows
    return project, [r for r in rows if r["status"] != "lỗi"]


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_held_out_shapes_import_with_title_date_cover_photos_and_documents(
    imported: tuple[Project, list[dict]],
) -> None:
    project, rows = imported
    assert sorted(r["status"] for r in rows) == ["đã nhập", "đã nhập"], rows
    _registry, posts, report = load_content(project.posts, project.root)
    assert not report.has_errors(), report.render()
    by_title = {p.title: p for p in posts}
    for article, _page in PAGES.values():
        post = by_title[article.title]
        assert post.date.strftime("%Y-%m-%d %H:%M") == article.date
        (_lead_src, lead_caption), *others = article.photos
        assert post.cover is not None and (post.folder / post.cover.src).is_file()
        assert [g["caption"] for g in _front(post.source)["gallery"] if g["src"] == post.cover.src] == [lead_caption]
        assert [p.caption for p in post.body_photos] == [caption for _src, caption in others]
        for paragraph in article.paragraphs:
            assert paragraph in post.body
    joomla = by_title[JOOMLA.title]
    folder = sorted(p.name for p in joomla.folder.iterdir())
    assert "ke-hoach-hoi-thao.pdf" in folder and "du-thao-dieu-le.docx" in folder
    assert "lien-ket.pdf" not in folder and "da-xoa.pdf" not in folder and "bi-mat.pdf" not in folder
    assert not any((joomla.folder / name).is_symlink() for name in folder)
    assert "[Kế hoạch tổ chức hội thao](ke-hoach-hoi-thao.pdf)" in joomla.body
    assert "[Dự thảo điều lệ giải](du-thao-dieu-le.docx)" in joomla.body
    # Absent and refused documents: the link text stays, without a link, and the report says why.
    assert "Danh sách vận động viên" in joomla.body and "da-xoa.pdf" not in joomla.body
    assert "Thể lệ" in joomla.body and "lien-ket.pdf" not in joomla.body
    warnings = " ".join(next(r for r in rows if r["title"] == JOOMLA.title)["warnings"])
    assert "da-xoa.pdf" in warnings and "lien-ket.pdf" in warnings
    assert "[Toàn văn nghị quyết](nghi-quyet-12.pdf)" in by_title[DNN.title].body


def _article_html(site: Path, title: str) -> tuple[Path, str]:
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        heading = BeautifulSoup(html, "html.parser").select_one("article.zp-post h1")
        if heading is not None and heading.get_text(" ", strip=True) == title:
            return page, html
    raise AssertionError(f"no page for {title}")


@pytest.mark.build
def test_held_out_import_builds_with_cover_gallery_and_clean_attachments(imported: tuple[Project, list[dict]]) -> None:
    project, _rows = imported
    for name in ("authors.yml", "categories.yml", "committees.yml"):
        path = project.posts / name
        path.write_text(path.read_text(encoding="utf-8").replace("  review: true\n", ""), encoding="utf-8")
    assert main(["-f", str(project.config_path()), "check"]) == 0
    project.build()
    for article, _page in PAGES.values():
        page, html = _article_html(project.site, article.title)
        soup = BeautifulSoup(html, "html.parser")
        cover = soup.select_one("figure.zp-post__cover")
        assert cover is not None and cover.figcaption is not None
        assert cover.figcaption.get_text(strip=True) == article.photos[0][1]
        # Each photo once: the cover above the body, the others inline with their captions.
        captions = [f.get_text(strip=True) for f in soup.select("figure figcaption")]
        for _src, caption in article.photos:
            assert captions.count(caption) == 1, (caption, captions)
        assert len(soup.select("figure.zp-figure")) == len(article.photos) - 1
    # Home and listings show each imported article with its thumbnail (the cover).
    home = BeautifulSoup((project.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    covers = "a.zp-lead__cover, a.zp-card__cover, a.zp-teaser__cover"  # the front page: lead story and cards
    thumbnails = [a["href"] for a in home.select(covers) if a.find("img")]
    assert len(thumbnails) == len(PAGES), thumbnails
    # The Joomla article lists its documents as attachments, published without author metadata.
    page, html = _article_html(project.site, JOOMLA.title)
    attachments = html[html.index("Tệp đính kèm") :]
    assert "ke-hoach-hoi-thao.pdf" in attachments and "du-thao-dieu-le.docx" in attachments
    published = page.parent / "ke-hoach-hoi-thao.pdf"
    assert published.is_file() and AUTHOR.encode() not in published.read_bytes()
    assert_no_pdf_metadata(published)
    assert not list(project.site.rglob("bi-mat.pdf")) and not list(project.site.rglob("lien-ket.pdf"))
    # The album pages (/thu-vien-anh/) show every photo of the imported articles, GPS-free.
    albums = project.site / "thu-vien-anh"
    album_text = " ".join(p.read_text(encoding="utf-8") for p in albums.rglob("index.html"))
    for article, _page in PAGES.values():
        assert article.title in album_text
        for _src, caption in article.photos:
            assert caption in album_text
    for file in project.site.rglob("*"):
        if file.suffix.lower() in (".jpg", ".jpeg", ".webp"):
            with Image.open(file) as image:
                assert not image.getexif().get_ifd(GPS_IFD), file
