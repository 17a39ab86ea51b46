"""Integration: fixture sites with photos built by MkDocs; what reaches site/ is read back and checked."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from PIL import Image
from test_images import assert_no_metadata

from kit import photokit
from kit.sitebuilder import SiteBuilder, SiteSpec
from kit.sitecheck import broken_internal_links
from kit.sitekit import Project, make_project
from zoneportal.mkdocs.plugin import ZonePortalPlugin
from zoneportal.photos.pipeline import PipelineStats

Site = tuple[Project, PipelineStats, PipelineStats]
HOSTILE = '<script>alert("chú thích")</script>'
POST = "tin-tuc/2023/09/hoi-nghi-doi-thoai-doanh-nghiep/"
ALBUM = "thu-vien-anh/hoi-nghi-doi-thoai-doanh-nghiep/"
ORIGINAL_NAMES = ("bia.jpg", "trong-suot.png", "bang-mau.png", "cmyk.jpg", "khong-chu-thich.jpg", "anh-tin.jpg")


def build_site(project: Project) -> PipelineStats:
    """`mkdocs build` in-process; returns what the image pipeline counted (MkDocs reuses plugin objects)."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(project.config_path()))
    build(config)
    plugin = config.plugins["zoneportal"]
    assert isinstance(plugin, ZonePortalPlugin) and plugin.plan is not None and plugin.plan.photos is not None
    return replace(plugin.plan.photos.stats)


def _gallery_posts(project: Project) -> None:
    project.add_post(
        "2023/doi-thoai/index.md",
        title="Hội nghị đối thoại doanh nghiệp",
        date="2023-09-21 14:00",
        cover="bia.jpg",
        gallery=[
            {"src": "bia.jpg", "caption": "Toàn cảnh hội nghị"},
            {"src": "trong-suot.png", "caption": HOSTILE},
            {"src": "bang-mau.png", "caption": "Sơ đồ khu công nghiệp"},
            {"src": "khong-chu-thich.jpg"},
        ],
        body="Chiều 21/9, hội nghị khai mạc.\n\n![Đại biểu phát biểu](cmyk.jpg)\n\nKết thúc hội nghị.\n",
    )
    folder = "posts/2023/doi-thoai"
    project.write(f"{folder}/bia.jpg", photokit.photo((2400, 1800), orientation=6, gps=True))
    project.write(f"{folder}/trong-suot.png", photokit.alpha_png())
    project.write(f"{folder}/bang-mau.png", photokit.palette_png())
    project.write(f"{folder}/cmyk.jpg", photokit.cmyk_jpeg())
    project.write(f"{folder}/khong-chu-thich.jpg", photokit.photo((1000, 750), gps=True))
    project.write(f"{folder}/bien-ban.heic", b"\x00\x00\x00\x18ftypheic camera original with GPS")
    project.add_post("2022/tin.md", title="Tin có ảnh bìa", date="2022-05-04", cover="anh-tin.jpg")
    project.write("posts/2022/anh-tin.jpg", photokit.photo((1600, 1000), gps=True))
    project.add_post(
        "2024/dai-hoi/index.md", title="Đại hội Chi bộ", date="2024-03-03", committee="chi-bo-a", cover="hoi-truong.jpg"
    )
    project.write("posts/2024/dai-hoi/hoi-truong.jpg", photokit.photo((1800, 1200)))
    project.add_post("2024/khong-anh.md", title="Tin không có ảnh", date="2024-04-04")


def _build_twice(project: Project) -> tuple[PipelineStats, PipelineStats]:
    """The second build finds every photo in the cache."""
    return build_site(project), build_site(project)


GALLERY_SITE = SiteSpec("gallery", _gallery_posts, plugin_options={"gallery_page_size": 2}, build=_build_twice)


@pytest.fixture
def gallery_site(built_site: SiteBuilder) -> Site:
    project, (first, second) = built_site.built(GALLERY_SITE)
    return project, first, second


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_no_original_and_no_metadata_reaches_the_site(
    gallery_site: Site,
) -> None:
    project, _, _ = gallery_site
    names = {p.name for p in project.site.rglob("*")}
    for original in (*ORIGINAL_NAMES, "bien-ban.heic"):
        assert original not in names
    photos = [p for p in project.site.rglob("*") if p.suffix in {".jpg", ".webp", ".png"} and "assets" not in p.parts]
    assert len(photos) >= 30
    for path in photos:
        assert_no_metadata(path)


def test_every_photo_has_dimensions_and_a_srcset_that_resolves(
    gallery_site: Site,
) -> None:
    project, _, _ = gallery_site
    checked = 0
    for url, html in pages(project.site).items():
        page_dir = (project.site / url).parent
        for tag in re.findall(r"<img\b[^>]*>", html):
            assert re.search(r'\bwidth="\d+"', tag) and re.search(r'\bheight="\d+"', tag), (url, tag)
        for candidates in re.findall(r'\bsrcset="([^"]+)"', html):
            for candidate in candidates.split(", "):
                src, descriptor = candidate.rsplit(" ", 1)
                with Image.open(page_dir / src) as image:
                    assert f"{image.width}w" == descriptor, (url, candidate)
                checked += 1
    assert checked > 100


def test_post_page_shows_cover_body_photo_and_the_rest_of_its_gallery(
    gallery_site: Site,
) -> None:
    project, _, _ = gallery_site
    html = project.html(POST)
    cover = re.search(r'<figure class="zp-post__cover">.*?</figure>', html, re.DOTALL)
    assert cover is not None
    assert 'fetchpriority="high"' in cover[0] and 'loading="lazy"' not in cover[0]
    assert 'width="960" height="1280"' in cover[0]  # shown upright: portrait
    assert 'alt="Toàn cảnh hội nghị"' in cover[0]
    assert "<figcaption>Đại biểu phát biểu</figcaption>" in html  # the body photo became a figure
    section = html[html.index('<section class="zp-post-album"') :]
    section = section[: section.index("</section>")]  # related posts follow with lists of their own
    assert section.count("<li>") == 3  # the cover is not shown twice
    assert f'href="../../../../{ALBUM}"' in section
    assert 'data-gallery="bai-viet"' in html
    assert html.count('class="zp-lightbox"') == 5


def test_album_page_links_back_and_opens_every_photo_in_the_lightbox(
    gallery_site: Site,
) -> None:
    project, _, _ = gallery_site
    html = project.html(ALBUM)
    assert f'href="../../{POST}"' in html
    assert html.count('data-gallery="album"') == 5  # cover, body photo, three more gallery photos
    # Linked under content-hashed names (output/hashed_assets.py); the plain names stay beside them.
    assert re.search(
        r'<link rel="stylesheet" href="\.\./\.\./assets/zoneportal/vendor/glightbox/'
        r'glightbox\.min\.[0-9a-f]{10}\.css">',
        html,
    )
    for script in ("vendor/glightbox/glightbox.min", "lightbox"):
        linked = re.search(
            rf'<script src="\.\./\.\./assets/zoneportal/({re.escape(script)}\.[0-9a-f]{{10}}\.js)"'
            r" defer></script>",
            html,
        )
        assert linked, script
        assert (project.site / "assets/zoneportal" / linked.group(1)).is_file()
        assert (project.site / "assets/zoneportal" / f"{script}.js").is_file()
    assert (project.site / "assets/zoneportal/vendor/glightbox/LICENSE.txt").is_file()
    assert "glightbox" not in project.html("chuyen-muc/")  # pages without photos load no lightbox


def test_hostile_caption_is_shown_as_text(gallery_site: Site) -> None:
    project, _, _ = gallery_site
    for url, html in pages(project.site).items():
        assert '<script>alert("chú thích")' not in html, url
    assert "<figcaption>&lt;script&gt;alert(&#34;chú thích&#34;)&lt;/script&gt;</figcaption>" in project.html(ALBUM)


def test_gallery_index_is_newest_first_paginated_and_filtered(
    gallery_site: Site,
) -> None:
    project, _, _ = gallery_site

    def titles(url: str) -> list[str]:
        return re.findall(r'class="zp-album-card__title">([^<]+)<', project.html(url))

    assert titles("thu-vien-anh/") + titles("thu-vien-anh/trang/2/") == [
        "Đại hội Chi bộ",
        "Hội nghị đối thoại doanh nghiệp",
        "Tin có ảnh bìa",
    ]
    assert titles("thu-vien-anh/nam/2023/") == ["Hội nghị đối thoại doanh nghiệp"]
    assert titles("thu-vien-anh/to-chuc/chi-bo-a/") == ["Đại hội Chi bộ"]
    index = project.html("thu-vien-anh/")
    assert re.search(r'href="nam/2024/">2024 <span class="zp-count">\(1\)', index)
    assert 'aria-current="page">Tất cả' in index
    assert "2024 <" in index and 'href="to-chuc/dang-uy/"' in index
    assert not list(project.site.glob("thu-vien-anh/khong-anh*"))
    # Cards use the small variants only.
    assert "-1600." not in re.sub(r'data-srcset="[^"]*"|href="[^"]*"', "", index)


def test_teaser_covers_use_small_variants(gallery_site: Site) -> None:
    project, _, _ = gallery_site
    home = project.html("")
    # The front page: the lead story's photo (the LCP image: loaded at once, high priority), then cards.
    lead = re.findall(r'<a class="zp-lead__cover".*?</a>', home, re.DOTALL)
    cards = re.findall(r'<a class="zp-card__cover".*?</a>', home, re.DOTALL)
    for cover in lead + cards:
        assert "-1600." not in cover and 'alt=""' in cover
    for cover in lead:
        assert 'fetchpriority="high"' in cover and 'loading="lazy"' not in cover
    category = project.html("chuyen-muc/tin-hoat-dong/")
    covers = re.findall(r'<a class="zp-teaser__cover".*?</a>', category, re.DOTALL)
    assert covers
    for cover in covers:
        assert "<picture" in cover and "-1600." not in cover and "-960." not in cover and 'alt=""' in cover
    # The first teaser is at the top of the page: its photo loads at once.
    assert 'loading="lazy"' not in covers[0]


def test_internal_links_and_images_resolve(gallery_site: Site) -> None:
    project, _, _ = gallery_site
    assert broken_internal_links(project.site) == []


def test_rebuild_encodes_nothing(gallery_site: Site) -> None:
    _, first, second = gallery_site
    assert (first.published, first.distinct, first.encoded, first.probed) == (8, 7, 7, 7)  # the cover is in the gallery
    assert (second.encoded, second.reused, second.probed) == (0, 7, 0)
    assert second.files == first.files == 42


def test_uncaptioned_photo_warns_naming_post_and_photo(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = make_project(tmp_path)
    project.add_post("2023/bai/index.md", body="![](anh-1.jpg)\n")
    project.write("posts/2023/bai/anh-1.jpg", photokit.photo((500, 400)))
    with caplog.at_level(logging.WARNING):
        build_site(project)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("posts/2023/bai/index.md:10:" in w and "'anh-1.jpg'" in w and "chú thích" in w for w in warnings)


BAD_INPUTS = {
    "missing": ({"cover": "khong-co.jpg"}, {}, "không tìm thấy ảnh 'khong-co.jpg'"),
    "escaping": ({"cover": "../../../bi-mat.jpg"}, {}, "ảnh '../../../bi-mat.jpg' nằm ngoài thư mục"),
    "text-as-jpg": ({"cover": "anh.jpg"}, {"anh.jpg": "Biên bản hội nghị.\n".encode()}, "'anh.jpg' không phải là ảnh"),
    "bomb": ({"cover": "bom.png"}, {"bom.png": photokit.bomb_png()}, "ảnh 'bom.png' quá lớn"),
    "truncated": ({"cover": "cut.jpg"}, {"cut.jpg": photokit.truncated_jpeg()}, "ảnh 'cut.jpg' bị hỏng"),
    "corrupt": (
        {"gallery": [{"src": "hong.png", "caption": "Ảnh hỏng"}]},
        {"hong.png": photokit.corrupt_png()},
        "ảnh 'hong.png' bị hỏng",
    ),
    "bad-body-photo": ({"body": "![Ảnh](thieu.jpg)\n"}, {}, "không tìm thấy ảnh 'thieu.jpg'"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_photo_stops_the_build_with_a_clear_message_and_keeps_the_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    project = make_project(tmp_path)
    project.add_post("2023/tot/index.md", title="Bài đã đăng", cover="tot.jpg", gallery=[])
    project.write("posts/2023/tot/tot.jpg", photokit.photo((900, 600)))
    build_site(project)
    before = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}

    fields, files, expected = BAD_INPUTS[case]
    project.add_post("2023/bai/index.md", title="Bài có ảnh lỗi", date="2023-06-01", **fields)
    project.write("bi-mat.jpg", photokit.photo((300, 200), gps=True))
    for name, data in files.items():
        project.write(f"posts/2023/bai/{name}", data)
    caplog.clear()
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project)

    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(m.startswith("posts/2023/bai/index.md:") and expected in m for m in errors), errors
    assert not any("Traceback" in m for m in errors)
    after = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert after == before
    assert not any((tmp_path / ".site-builds").iterdir())


def test_photos_survive_pages_rendered_in_forked_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Generated pages may render in forked workers: filters, body rewrite and lightbox must come along."""
    monkeypatch.setattr("zoneportal.mkdocs.page_writer.PARALLEL_THRESHOLD", 1)
    project = make_project(tmp_path, plugin_options={"workers": 2})
    project.add_post("2023/bai/index.md", cover="bia.jpg", body="![Đại biểu dự hội nghị](trong-bai.jpg)\n")
    project.write("posts/2023/bai/bia.jpg", photokit.photo((900, 600)))
    project.write("posts/2023/bai/trong-bai.jpg", photokit.photo((900, 600)))
    build_site(project)
    html = project.html("tin-tuc/2023/04/hoi-nghi-so-ket/")
    assert html.count("<picture") == 2 and "<figcaption>Đại biểu dự hội nghị</figcaption>" in html
    assert re.search(r"glightbox\.min\.[0-9a-f]{10}\.js", html)  # hashed name (output/hashed_assets.py)
    assert "<picture" in project.html("thu-vien-anh/hoi-nghi-so-ket/")
