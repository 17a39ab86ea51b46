"""plan_portal on plain folders: everything a build writes, decided without MkDocs."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

import zoneportal
from kit import photokit
from kit.plankit import TODAY, plan, three_posts
from kit.sitekit import Project
from zoneportal.output.seo import SiteMeta
from zoneportal.pages import PageKind
from zoneportal.pages.urls import UrlScheme
from zoneportal.plan import plan_portal
from zoneportal.settings import LegalInfo, PortalSettings


def test_every_post_gets_a_typed_page(project: Project) -> None:
    three_posts(project)
    result = plan(project)
    assert not result.problems.problems, result.problems.render()
    posts = [spec for spec in result.pages if spec.view is not None]
    assert [spec.url for spec in posts] == [
        "tin-tuc/2024/01/hoc-tap-nghi-quyet/",
        "tin-tuc/2023/05/dai-hoi-chi-bo/",
        "tin-tuc/2023/04/hoi-nghi-so-ket/",
    ]
    spec = result.page("tin-tuc/2023/04/hoi-nghi-so-ket/")
    assert spec is not None and spec.view is not None and spec.post is not None
    assert spec.kind is PageKind.POST and spec.template == "zp/post.html"
    assert spec.title == "Hội nghị sơ kết" and spec.markdown.strip() == "Nội dung."
    assert spec.view.committee.key == "dang-uy" and spec.view.term is not None and spec.view.term.key == "2020-2025"
    assert [t.url for t in spec.view.tags] == ["the/chuyen-doi-so/"]
    # Neighbours are views of the posts before and after, newest first.
    assert spec.context["newer"].url == "tin-tuc/2023/05/dai-hoi-chi-bo/" and spec.context["older"] is None
    # Only post pages carry a view: that is how "is this a post" is asked.
    assert all((s.kind is PageKind.POST) == (s.view is not None) for s in result.pages)


def test_listings_committees_archive_and_overviews_are_planned(project: Project) -> None:
    three_posts(project)
    result = plan(project)
    kinds = {spec.url: spec.kind for spec in result.pages}
    assert kinds[""] is PageKind.HOME
    assert kinds["chuyen-muc/"] is PageKind.CATEGORIES
    assert kinds["chuyen-muc/tin-hoat-dong/"] is PageKind.CATEGORY
    assert kinds["chuyen-muc/xay-dung-dang/"] is PageKind.CATEGORY
    assert kinds["tac-gia/tac-gia-a/"] is PageKind.AUTHOR and kinds["tac-gia/"] is PageKind.AUTHORS
    assert kinds["the/chuyen-doi-so/"] is PageKind.TAG
    assert kinds["luu-tru/2023/"] is PageKind.YEAR and kinds["luu-tru/"] is PageKind.ARCHIVE
    assert kinds["to-chuc/dang-uy/"] is PageKind.COMMITTEE and kinds["to-chuc/"] is PageKind.COMMITTEES
    assert kinds["nhiem-ky/dang-uy/2020-2025/"] is PageKind.TIMELINE and kinds["nhiem-ky/"] is PageKind.TERMS
    assert kinds["tim-kiem/"] is PageKind.SEARCH
    # Two posts in "tin-hoat-dong" and a page size of 2: one page; three by one author: two pages.
    assert "chuyen-muc/tin-hoat-dong/trang/2/" not in kinds
    assert kinds["tac-gia/tac-gia-a/trang/2/"] is PageKind.AUTHOR
    home = result.page("")
    assert home is not None and [v.title for v in home.context["latest"]] == [
        "Học tập nghị quyết",
        "Đại hội Chi bộ",
        "Hội nghị sơ kết",
    ]
    overview = {spec.url for spec in result.pages if spec.in_overview}
    assert overview == {"", "chuyen-muc/", "luu-tru/", "to-chuc/", "nhiem-ky/", "thu-vien-anh/"}


def test_url_prefixes_come_from_settings(project: Project) -> None:
    three_posts(project)
    result = plan(project, urls=UrlScheme(posts="bai-viet", categories="muc"))
    assert result.page("bai-viet/2023/04/hoi-nghi-so-ket/") is not None
    assert result.page("muc/tin-hoat-dong/") is not None
    assert "muc/tin-hoat-dong/rss.xml" in result.rss


def test_feeds_are_rss_documents_of_the_site_categories_and_committees(project: Project) -> None:
    three_posts(project)
    result = plan(project)
    assert set(result.rss) == {
        "rss.xml",
        "chuyen-muc/tin-hoat-dong/rss.xml",
        "chuyen-muc/xay-dung-dang/rss.xml",
        "to-chuc/dang-uy/rss.xml",
        "to-chuc/chi-bo-a/rss.xml",
    }
    channel = ElementTree.fromstring(result.rss["chuyen-muc/xay-dung-dang/rss.xml"]).find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Xây dựng Đảng – Cổng thử"
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links == ["https://example.test/tin-tuc/2024/01/hoc-tap-nghi-quyet/"]
    site = ElementTree.fromstring(result.rss["rss.xml"]).find("channel")
    assert site is not None and len(site.findall("item")) == 3
    assert [feed.path for feed in result.feeds] == list(result.rss)


def test_no_feeds_without_a_site_url_and_a_warning_says_why(project: Project) -> None:
    three_posts(project)
    result = plan(project, site=SiteMeta(name="Cổng thử", url=""))
    assert result.rss == {} and result.feeds == []
    assert not result.problems.has_errors()
    (warning,) = result.problems.warnings
    assert "site_url" in warning.message and result.pages.specs  # the pages are still planned


def test_a_control_character_in_a_site_setting_is_an_error_not_a_crash(project: Project) -> None:
    """`site_name: "\\x0b…"` in mkdocs.yml crashed the RSS writer (lxml) with a traceback."""
    three_posts(project)
    legal = replace(LegalInfo(), address="Số 1\x0b đường A")
    result = plan(project, site=SiteMeta(name="Cổng\x0b thử", url="https://example.test/"), legal=legal)
    assert result.rss == {} and not result.pages.specs
    assert {(p.file, p.field) for p in result.problems.errors} == {
        ("mkdocs.yml", "site_name"),
        ("mkdocs.yml", "legal.address"),
    }
    assert all("U+000B" in p.message for p in result.problems.errors)


def test_search_documents_one_per_published_post(project: Project) -> None:
    three_posts(project)
    result = plan(project)
    by_url = {doc.url: doc for doc in result.search_documents}
    assert set(by_url) == {spec.url for spec in result.pages if spec.view is not None}
    doc = by_url["tin-tuc/2023/05/dai-hoi-chi-bo/"]
    assert doc.title == "Đại hội Chi bộ" and doc.filters["committee"] == ["chi-bo-a"]
    assert "Chi bộ Phòng A" in doc.text  # the committee's name finds the post
    assert plan(project, search=False).search_documents == []


def test_sitemap_dates_posts_by_their_own_date_and_lists_by_the_newest(project: Project) -> None:
    three_posts(project)
    result = plan(project)
    assert set(result.sitemap) == set(result.pages.specs)
    assert result.sitemap["tin-tuc/2023/04/hoi-nghi-so-ket/"] == date(2023, 4, 26)
    assert result.sitemap["tin-tuc/2024/01/hoc-tap-nghi-quyet/"] == date(2024, 2, 1)  # its `updated`
    assert result.sitemap["chuyen-muc/"] == date(2024, 1, 10)


def test_drafts_are_left_out_unless_settings_ask_for_them(project: Project) -> None:
    three_posts(project)
    project.add_post("2024/nhap.md", title="Bản nháp", date="2024-03-01", draft=True)
    published = plan(project)
    assert published.page("tin-tuc/2024/03/ban-nhap/") is None
    assert all(doc.title != "Bản nháp" for doc in published.search_documents)
    assert b"ban-nhap" not in published.rss["rss.xml"]
    with_drafts = plan(project, drafts=True)
    assert with_drafts.page("tin-tuc/2024/03/ban-nhap/") is not None


def test_every_error_is_reported_at_once_and_nothing_is_planned(project: Project) -> None:
    three_posts(project)
    project.add_post("2023/sai-tac-gia.md", title="Sai tác giả", author="khong-co")
    project.add_post("2023/sai-muc.md", title="Sai chuyên mục", categories=["khong-co"])
    project.add_post("2023/anh-hong/index.md", title="Ảnh hỏng", cover="hong.png")
    project.write("posts/2023/anh-hong/hong.png", b"")  # refused when its header is read, before encoding
    result = plan(project)
    shown = {(p.file, p.field) for p in result.problems.errors}
    assert ("posts/2023/sai-tac-gia.md", "author") in shown
    assert ("posts/2023/sai-muc.md", "categories") in shown
    assert any(file == "posts/2023/anh-hong/index.md" for file, _ in shown), result.problems.render()
    assert not result.pages.specs and not result.rss and not result.search_documents and not result.sitemap


def test_pages_that_would_share_a_url_are_an_error(project: Project) -> None:
    three_posts(project)
    result = plan(project, urls=UrlScheme(categories="danh-sach", authors="danh-sach"))
    (error,) = result.problems.errors
    assert "danh-sach/" in error.message and error.field == "urls"
    assert not result.pages.specs


def test_photos_are_planned_as_jobs_and_shown_by_the_views(project: Project) -> None:
    project.add_post(
        "2023/co-anh/index.md",
        title="Tin có ảnh",
        date="2023-06-01",
        cover="bia.jpg",
        gallery=[{"src": "bia.jpg", "caption": "Toàn cảnh"}, {"src": "hoi-truong.jpg", "caption": "Hội trường"}],
    )
    project.write("posts/2023/co-anh/bia.jpg", photokit.photo((2000, 1500)))
    project.write("posts/2023/co-anh/hoi-truong.jpg", photokit.photo((1200, 800), color=(10, 10, 10)))
    project.add_post("2023/khong-anh.md", title="Tin không ảnh", date="2023-06-02")
    result = plan(project)
    assert not result.problems.has_errors(), result.problems.render()
    assert result.photos is not None
    assert result.photos.stats.distinct == 0  # planned only: nothing is encoded before `start()`
    spec = result.page("tin-tuc/2023/06/tin-co-anh/")
    assert spec is not None and spec.view is not None
    photos = result.post_photos[spec.view.post.source.as_posix()]
    assert photos.cover is not None and len(photos.album) == 2 and spec.view.photos == photos
    plain = result.page("tin-tuc/2023/06/tin-khong-anh/")
    assert plain is not None and plain.view is not None and plain.view.photos is None
    assert not result.post_photos[plain.view.post.source.as_posix()]
    assert spec.view.cover_url == photos.cover.url(photos.cover.largest)
    assert spec.view.album_url == "thu-vien-anh/tin-co-anh/"
    album = result.page("thu-vien-anh/tin-co-anh/")
    assert album is not None and album.kind is PageKind.ALBUM
    gallery = result.page("thu-vien-anh/")
    assert gallery is not None and gallery.kind is PageKind.GALLERY


def test_a_missing_posts_folder_is_an_error(tmp_path: Path) -> None:
    result = plan_portal(tmp_path, PortalSettings(), TODAY)
    (error,) = result.problems.errors
    assert "posts_dir" in error.message and not result.pages.specs


@pytest.mark.parametrize("module", ["zoneportal.plan", "zoneportal.settings", "zoneportal.cli"])
def test_the_core_imports_nothing_from_mkdocs(module: str) -> None:
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert found.strip() == "[]"


def test_only_the_adapter_names_mkdocs_in_an_import() -> None:
    """Lazy imports count too: every `import mkdocs…` lives under zoneportal/mkdocs/."""
    package = Path(zoneportal.__file__).parent
    found = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if "mkdocs" not in path.relative_to(package).parts[:-1]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.match(r"\s*(from|import)\s+mkdocs\b", line)
    ]
    assert found == []
    assert (package / "mkdocs" / "plugin.py").is_file()  # the walk really saw the package
