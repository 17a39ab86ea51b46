"""Integration: build fixture sites with MkDocs and read the HTML they produce."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from kit.pdfkit import assert_no_pdf_metadata, pdf_bytes
from kit.sitebuilder import SiteBuilder, SiteSpec
from kit.sitecheck import broken_internal_links
from kit.sitekit import Project, make_project
from zoneportal.documents.pdf import pdf_text

HOSTILE = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def _portal_posts(project: Project) -> None:
    for day in range(1, 8):
        project.add_post(f"2023/tin-{day}.md", title=f"Tin hoạt động số {day}", date=f"2023-05-{day:02d} 08:30")
    project.add_post(
        "2022/dai-hoi/index.md",
        title="Đại hội Chi bộ Phòng A lần thứ I",
        date="2022-03-03",
        committee="chi-bo-a",
        categories=["xay-dung-dang"],
        event="dai-hoi",
        number="I",
        author="tac-gia-b",
        tags=["Đại hội", "Nhiệm kỳ"],
    )
    project.write("posts/2022/dai-hoi/anh.jpg", b"\xff\xd8\xff\xe0 not shown by the post, so never decoded")
    project.write("posts/2022/dai-hoi/bien-ban.pdf", pdf_bytes("Biên bản đại hội chi bộ"))
    project.add_post("2021/nhap.md", title="Bản nháp chưa đăng", date="2021-01-01", draft=True)
    project.add_post("2021/doc.md", title=HOSTILE, date="2021-06-01", summary=HOSTILE)


PORTAL = SiteSpec("portal", _portal_posts)


@pytest.fixture
def portal(built_site: SiteBuilder) -> Project:
    return built_site(PORTAL)


def test_every_page_exists(portal: Project) -> None:
    site = portal.site
    for url in [
        "",
        "tin-tuc/2023/05/tin-hoat-dong-so-1/",
        "tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/",
        "chuyen-muc/",
        "chuyen-muc/tin-hoat-dong/",
        "chuyen-muc/tin-hoat-dong/trang/2/",
        "chuyen-muc/tin-hoat-dong/trang/3/",
        "chuyen-muc/xay-dung-dang/",
        "luu-tru/",
        "luu-tru/2023/",
        "luu-tru/2022/",
        "luu-tru/2021/",
        "tac-gia/",
        "tac-gia/tac-gia-a/",
        "tac-gia/tac-gia-b/",
        "the/dai-hoi/",
        "gioi-thieu/",
    ]:
        assert (site / url / "index.html").is_file(), url
    assert not (site / "chuyen-muc/tin-hoat-dong/trang/4").exists()
    assert not (portal.root / "docs" / "tin-tuc").exists(), "generated pages must stay virtual"


def test_internal_links_resolve(portal: Project) -> None:
    assert broken_internal_links(portal.site) == []


def test_post_page_shows_vietnamese_date_and_metadata(portal: Project) -> None:
    html = portal.html("tin-tuc/2023/05/tin-hoat-dong-so-3/")
    assert '<time datetime="2023-05-03T08:30:00+07:00">Thứ Tư, 03/05/2023 08:30</time>' in html
    assert "Nguyễn Thị An" in html and "Đảng ủy Ban Quản lý Khu kinh tế Mẫu" in html
    assert "2020-2025" in html
    assert 'lang="vi"' in html
    assert 'class="zp-post__older" href="../tin-hoat-dong-so-2/"' in html
    assert 'class="zp-post__newer" href="../tin-hoat-dong-so-4/"' in html


def test_date_without_time_shows_only_the_day(portal: Project) -> None:
    html = portal.html("tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/")
    assert ">Thứ Năm, 03/03/2022</time>" in html
    assert "Đại hội lần thứ I" in html


def test_bundle_attachment_is_copied_beside_its_post_but_photos_never_are(portal: Project) -> None:
    folder = portal.site / "tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i"
    # Published as a copy without its author metadata (tests/integration/test_documents_build.py has the rest).
    assert_no_pdf_metadata(folder / "bien-ban.pdf")
    assert "Biên bản đại hội chi bộ" in pdf_text(folder / "bien-ban.pdf")
    assert not (folder / "anh.jpg").exists()  # originals carry EXIF: only pipeline variants are published


def test_pagination_is_newest_first_and_complete(portal: Project) -> None:
    titles = []
    for url in ["chuyen-muc/tin-hoat-dong/", "chuyen-muc/tin-hoat-dong/trang/2/", "chuyen-muc/tin-hoat-dong/trang/3/"]:
        titles += re.findall(r'class="zp-teaser__title"><a href="[^"]+">([^<]+)</a>', portal.html(url))
    expected = [f"Tin hoạt động số {d}" for d in range(7, 0, -1)] + ["&lt;script&gt;"]
    assert titles[:7] == expected[:7] and len(titles) == 8
    page2 = portal.html("chuyen-muc/tin-hoat-dong/trang/2/")
    assert 'rel="prev"' in page2 and 'rel="next"' in page2 and 'aria-current="page">2<' in page2


def test_draft_is_not_published(portal: Project) -> None:
    assert not list(portal.site.rglob("ban-nhap-chua-dang"))
    for page in portal.site.rglob("*.html"):
        assert "Bản nháp chưa đăng" not in page.read_text(encoding="utf-8")


def test_hostile_title_is_escaped_everywhere(portal: Project) -> None:
    pages = list(portal.site.rglob("*.html"))
    shown_in = [p for p in pages if "&lt;script&gt;alert(" in p.read_text(encoding="utf-8")]
    assert len(shown_in) >= 5  # post, home, category, author, year archive
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("xss")' not in html, page
        assert "<img src=x onerror" not in html, page
    post = next(p for p in pages if "/tin-tuc/2021/06/" in p.as_posix())
    html = post.read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;" in html


def test_headings_keep_d_in_anchors(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.add_post("2023/a.md", body="## Đại hội Đảng bộ\n\nNội dung.")
    project.build()
    assert 'id="dai-hoi-ang-bo"' not in project.html("tin-tuc/2023/04/hoi-nghi-so-ket/")
    assert 'id="dai-hoi-dang-bo"' in project.html("tin-tuc/2023/04/hoi-nghi-so-ket/")


def test_failed_build_leaves_previous_site_untouched(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.add_post("2023/a.md")
    project.build()
    before = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    project.add_post("2023/b.md", title="Tin mới", author="khong-ai")
    with pytest.raises(Abort):
        project.build()
    after = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert after == before
    assert not any((tmp_path / ".site-builds").iterdir())


def test_generated_page_clashing_with_docs_is_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.add_post("2023/a.md")
    project.write("docs/chuyen-muc/index.md", "# Trang tự viết\n")
    with pytest.raises(Abort):
        project.build()
    assert not project.site.exists()


def test_url_prefixes_and_page_size_come_from_mkdocs_yml(tmp_path: Path) -> None:
    project = make_project(tmp_path, plugin_options={"page_size": 2, "urls": {"posts": "bai-viet", "page": "p"}})
    for day in range(1, 4):
        project.add_post(f"2024/t{day}.md", title=f"Tin {day}", date=f"2024-02-0{day}")
    project.build()
    assert (project.site / "bai-viet/2024/02/tin-1/index.html").is_file()
    assert (project.site / "chuyen-muc/tin-hoat-dong/p/2/index.html").is_file()
    assert not (project.site / "tin-tuc").exists()
    assert broken_internal_links(project.site) == []
