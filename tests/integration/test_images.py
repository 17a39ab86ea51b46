"""The image pipeline without MkDocs: variants, probing, encoding, cache, markup, body scanning."""

from __future__ import annotations

import io
from pathlib import Path
from unittest import mock

import pytest
from PIL import Image

from kit import photokit
from kit.sitekit import Project
from zoneportal.content.body_photos import find_body_images
from zoneportal.content.problems import ProblemReport
from zoneportal.content.validate import load_content
from zoneportal.pages.albums import album_slugs
from zoneportal.photos.markup import lightbox_attributes, picture_html, rewrite_body
from zoneportal.photos.pipeline import PhotoPipeline, published_name
from zoneportal.photos.probe import PhotoError, probe
from zoneportal.photos.variants import ImageSettings, PostPhotos, SourceInfo, content_key, plan_variants

SETTINGS = ImageSettings(widths=(480, 960, 1600))


def variants_of(width: int, height: int, orientation: int = 1) -> list[tuple[int, int, str]]:
    info = SourceInfo(width=width, height=height, orientation=orientation)
    return [(v.width, v.height, v.format) for v in plan_variants(info, SETTINGS)]


# --- planning ---------------------------------------------------------------------------------------


def test_large_photo_gets_every_width_in_both_formats() -> None:
    assert variants_of(4000, 3000) == [
        (480, 360, "webp"),
        (960, 720, "webp"),
        (1600, 1200, "webp"),
        (480, 360, "jpeg"),
        (960, 720, "jpeg"),
        (1600, 1200, "jpeg"),
    ]


def test_photos_are_never_upscaled() -> None:
    assert [w for w, _, f in variants_of(1200, 800) if f == "jpeg"] == [480, 960, 1200]
    assert variants_of(300, 200) == [(300, 200, "webp"), (300, 200, "jpeg")]


def test_rotated_photo_is_planned_as_shown() -> None:
    # Stored 4000×3000 with orientation 6 (turned 90°): shown 3000×4000, portrait.
    assert (480, 640, "jpeg") in variants_of(4000, 3000, orientation=6)


def test_cache_key_depends_on_content_and_settings_only() -> None:
    other = ImageSettings(widths=(480, 960, 1600), jpeg_quality=70)
    assert content_key("abc", SETTINGS) == content_key("abc", ImageSettings())
    assert content_key("abc", SETTINGS) != content_key("abd", SETTINGS)
    assert content_key("abc", SETTINGS) != content_key("abc", other)
    # The pixel limit refuses photos; it does not change what is encoded.
    assert content_key("abc", SETTINGS) == content_key("abc", ImageSettings(max_pixels=10))


def test_published_names_are_ascii_and_change_with_the_photo() -> None:
    assert published_name("Ảnh hội nghị/Toàn cảnh.JPG", "1a2b3c4d5e") == "anh-hoi-nghi/toan-canh-1a2b3c4d"
    assert published_name("./a.jpg", "ffff0000") == "a-ffff0000"


# --- reading the body ---------------------------------------------------------------------------------


def test_body_images_are_found_in_every_syntax_but_not_in_code() -> None:
    body = (
        "Đoạn đầu.\n\n"
        '![Đại biểu biểu quyết](bieu-quyet.jpg "Biểu quyết")\n\n'
        "![Hội trường][hoi-truong]\n\n"
        '<img src="anh/dai-bieu.png" alt="Đại biểu &amp; khách mời">\n\n'
        "```\n![không phải ảnh](trong-code.jpg)\n```\n\n"
        "Mã `![x](inline.jpg)` và ảnh ngoài ![x](https://example.test/a.jpg), ![y](/assets/logo.png).\n\n"
        "![Có dấu cách](<anh 2.jpg>)\n\n"
        "[hoi-truong]: hoi-truong.jpg\n"
    )
    found = [(i.src, i.alt, i.line) for i in find_body_images(body)]
    assert found == [
        ("bieu-quyet.jpg", "Đại biểu biểu quyết", 3),
        ("hoi-truong.jpg", "Hội trường", 5),
        ("anh/dai-bieu.png", "Đại biểu & khách mời", 7),
        ("anh 2.jpg", "Có dấu cách", 15),
    ]


def test_missing_and_escaping_body_photos_are_errors_with_lines(project: Project) -> None:
    project.add_post("2023/bai/index.md", body="Mở đầu.\n\n![Ảnh](khong-co.jpg)\n\n![Ngoài](../../../bi-mat.jpg)\n")
    project.write("bi-mat.jpg", photokit.photo((100, 100)))
    _registry, posts, report = load_content(project.posts, project.root)
    assert posts == []
    messages = sorted(str(p) for p in report.errors)
    assert len(messages) == 2, report.render()
    assert "posts/2023/bai/index.md:12:" in messages[0] and "khong-co.jpg" in messages[0]
    assert "posts/2023/bai/index.md:14:" in messages[1] and "nằm ngoài thư mục" in messages[1]


# --- probing bad files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("van-ban.jpg", "Đây là văn bản, không phải ảnh.\n".encode(), "không phải là ảnh"),
        ("rong.jpg", b"", "rỗng"),
        ("iphone.heic", b"\x00\x00\x00\x18ftypheic", "HEIC"),
        ("bom.png", photokit.bomb_png(), "400 triệu điểm ảnh"),
        ("bom-nho.png", photokit.bomb_png(12000, 10000), "12000×10000 điểm ảnh"),
    ],
)
def test_probe_refuses_what_cannot_be_published(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PhotoError) as caught:
        probe(path, name, SETTINGS)
    assert expected in str(caught.value) and name in str(caught.value)


def test_probe_reads_orientation_and_transparency(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(photokit.photo((300, 200), orientation=6, gps=True))
    (tmp_path / "b.png").write_bytes(photokit.alpha_png())
    rotated = probe(tmp_path / "a.jpg", "a.jpg", SETTINGS)
    assert (rotated.orientation, rotated.displayed_size) == (6, (200, 300))
    assert probe(tmp_path / "b.png", "b.png", SETTINGS).has_alpha


# --- encoding through the pipeline ------------------------------------------------------------------------


def pipeline_for(project: Project) -> PhotoPipeline:
    return PhotoPipeline(SETTINGS, project.root / ".cache" / "images", workers=2, progress=False)


def run_pipeline(
    project: Project, written: set[Path] | None = None
) -> tuple[PhotoPipeline, dict[str, PostPhotos], ProblemReport]:
    _registry, posts, report = load_content(project.posts, project.root)
    assert not report.has_errors(), report.render()
    pipeline = pipeline_for(project)
    photos = {p.shown: pipeline.add_post(p, f"tin-tuc/{p.slug}/", report) for p in posts}
    pipeline.start()
    report.extend(pipeline.finish(project.site, written))
    return pipeline, photos, report


def gallery_post(project: Project, photos: dict[str, bytes], folder: str = "2023/hoi-nghi") -> None:
    names = list(photos)
    project.add_post(
        f"{folder}/index.md",
        title="Hội nghị có ảnh",
        cover=names[0],
        gallery=[{"src": n, "caption": f"Chú thích {n}"} for n in names],
    )
    for name, data in photos.items():
        project.write(f"posts/{folder}/{name}", data)


def published_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in {".jpg", ".webp", ".png"})


def assert_no_metadata(path: Path) -> None:
    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif(), path
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"):
            assert key not in image.info, (path, key)
    assert b"Exif\x00\x00" not in data, path


def test_gps_and_orientation_photo_is_published_upright_without_metadata(project: Project) -> None:
    # Stored landscape with the red marker top-left; orientation 6 shows it portrait, marker top-right.
    gallery_post(project, {"dien-thoai.jpg": photokit.photo((2400, 1800), orientation=6, gps=True)})
    pipeline, photos, report = run_pipeline(project)
    assert not report.problems, report.render()
    files = published_files(project.site)
    assert len(files) == 6  # 480, 960, 1600 × WebP, JPEG
    for path in files:
        assert_no_metadata(path)
        with Image.open(path) as image:
            width, height = image.size
            assert height > width, path
            top_right = image.convert("RGB").getpixel((width - 5, 5))
            top_left = image.convert("RGB").getpixel((5, 5))
        assert top_right[0] > 180 and top_right[1] < 80, (path, top_right)
        assert top_left[2] > 120, (path, top_left)
    cover = photos["posts/2023/hoi-nghi/index.md"].cover
    assert cover is not None and (cover.width, cover.height) == (1800, 2400)
    for variant in cover.variants:
        with Image.open(project.site / cover.url(variant)) as image:
            assert image.size == (variant.width, variant.height)
            assert image.format == variant.format.upper()
    assert pipeline.stats.encoded == 1


def test_second_run_encodes_nothing_and_a_changed_photo_only_itself(project: Project) -> None:
    gallery_post(project, {"a.jpg": photokit.photo((1000, 700)), "b.jpg": photokit.photo((1100, 700), gps=True)})
    first, _, _ = run_pipeline(project)
    assert (first.stats.encoded, first.stats.reused, first.stats.probed) == (2, 0, 2)

    second, _, report = run_pipeline(project)
    assert not report.has_errors()
    assert (second.stats.encoded, second.stats.reused, second.stats.probed) == (0, 2, 0)

    project.write("posts/2023/hoi-nghi/b.jpg", photokit.photo((1100, 700), color=(200, 200, 30)))
    third, _, _ = run_pipeline(project)
    assert (third.stats.encoded, third.stats.reused, third.stats.probed) == (1, 1, 1)
    # The old variants of b.jpg left the cache with it.
    entries = [p for p in (project.root / ".cache/images").glob("*/*") if p.is_dir()]
    assert len(entries) == 2


def test_a_preview_save_does_not_look_for_variants_it_wrote_before(project: Project) -> None:
    """A live preview keeps the variants it put in its site folder (session.variants): a save looks
    on disk only for a photo that changed, and keeps the cache entry of the photo as it was."""
    gallery_post(project, {"a.jpg": photokit.photo((1000, 700)), "b.jpg": photokit.photo((1100, 700))})
    written: set[Path] = set()
    first, _, _ = run_pipeline(project, written)
    assert written and written == {p for p in published_files(project.site)}
    looked: list[Path] = []
    real = Path.is_file

    def is_file(path: Path) -> bool:
        if path.is_relative_to(project.site):
            looked.append(path)
        return real(path)

    with mock.patch.object(Path, "is_file", is_file):
        second, _, report = run_pipeline(project, written)
    assert not report.has_errors() and looked == [] and second.stats.files == first.stats.files
    before = set(written)
    project.write("posts/2023/hoi-nghi/b.jpg", photokit.photo((1100, 700), color=(200, 200, 30)))
    with mock.patch.object(Path, "is_file", is_file):
        third, _, _ = run_pipeline(project, written)
    new = written - before
    assert new and set(looked) == new and all(path.is_file() for path in new)
    assert third.stats.encoded == 1
    entries = [p for p in (project.root / ".cache/images").glob("*/*") if p.is_dir()]
    assert len(entries) == 3  # b.jpg as it was stays in the cache until a build prunes it


def test_same_photo_in_two_posts_is_encoded_once(project: Project) -> None:
    data = photokit.photo((900, 600))
    gallery_post(project, {"chung.jpg": data}, folder="2023/bai-a")
    project.add_post("2023/bai-b/index.md", title="Bài khác", date="2023-05-01", cover="chung.jpg")
    project.write("posts/2023/bai-b/chung.jpg", data)
    pipeline, _photos, _ = run_pipeline(project)
    assert pipeline.stats.distinct == 1 and pipeline.stats.encoded == 1
    assert len(published_files(project.site)) == 8  # 480, 900 × 2 formats × 2 posts


def test_cmyk_palette_and_transparent_photos_are_converted(project: Project) -> None:
    gallery_post(
        project,
        {
            "cmyk.jpg": photokit.cmyk_jpeg(),
            "bang-mau.png": photokit.palette_png(),
            "trong-suot.png": photokit.alpha_png(),
        },
    )
    _pipeline, photos, report = run_pipeline(project)
    assert not report.has_errors(), report.render()
    album = {p.src: p for p in photos["posts/2023/hoi-nghi/index.md"].album}
    for photo in album.values():
        for variant in photo.variants:
            with Image.open(project.site / photo.url(variant)) as image:
                if photo.src == "trong-suot.png" and variant.format == "webp":
                    assert image.mode == "RGBA" and image.getpixel((5, 5))[3] == 0
                else:
                    assert image.mode == "RGB", (photo.src, variant)
    alpha = album["trong-suot.png"]
    with Image.open(project.site / alpha.url(alpha.largest)) as jpeg:
        assert jpeg.getpixel((5, 5)) >= (245, 245, 245)  # laid on white, not black
        assert jpeg.getpixel((320, 240))[2] > 150
    cmyk = album["cmyk.jpg"]
    with Image.open(project.site / cmyk.url(cmyk.smallest)) as jpeg:
        red, _green, blue = jpeg.getpixel((10, 10))
        assert red > 200 and blue < 120  # CMYK (0, 80, 200, 0) is a warm orange-yellow


def test_truncated_photo_fails_naming_post_and_photo_and_writes_nothing(project: Project) -> None:
    """Caught by the validate phase (its missing end marker), so `check` reports it as the build does."""
    gallery_post(project, {"tot.jpg": photokit.photo((800, 600)), "hong.jpg": photokit.truncated_jpeg()})
    _registry, posts, report = load_content(project.posts, project.root)
    (error,) = report.errors
    assert error.file == "posts/2023/hoi-nghi/index.md"
    assert "'hong.jpg'" in error.message and "bị hỏng" in error.message
    assert error.line is not None
    assert posts == []  # the post with the broken photo is not published
    assert published_files(project.site) == []


def test_photo_without_caption_is_a_warning_naming_post_and_photo(project: Project) -> None:
    project.add_post("2023/bai/index.md", gallery=[{"src": "a.jpg"}, {"src": "b.jpg", "caption": "Có chú thích"}])
    project.write("posts/2023/bai/a.jpg", photokit.photo((600, 400)))
    project.write("posts/2023/bai/b.jpg", photokit.photo((600, 400)))
    _, photos, report = run_pipeline(project)
    (warning,) = report.warnings
    assert (
        warning.file == "posts/2023/bai/index.md" and "'a.jpg'" in warning.message and "'b.jpg'" not in warning.message
    )
    first = photos["posts/2023/bai/index.md"].gallery[0]
    assert first.alt == "Hội nghị sơ kết (ảnh 1)"  # still described, by the post's title


# --- markup ------------------------------------------------------------------------------------------------


def sample_photo(project: Project, caption: str = "Toàn cảnh hội nghị") -> PostPhotos:
    project.add_post("2023/bai/index.md", gallery=[{"src": "a.jpg", "caption": caption}])
    project.write("posts/2023/bai/a.jpg", photokit.photo((2000, 1500)))
    _registry, (post,), report = load_content(project.posts, project.root)
    return pipeline_for(project).add_post(post, "tin-tuc/2023/04/bai/", report)


def test_picture_has_srcsets_sizes_and_dimensions(project: Project) -> None:
    (photo,) = sample_photo(project).gallery
    html = picture_html(photo, lambda url: "/" + url, sizes="teaser", max_width=960)
    key = photo.key[:8]
    assert f'<source type="image/webp" srcset="/tin-tuc/2023/04/bai/a-{key}-480.webp 480w, ' in html
    assert f'/tin-tuc/2023/04/bai/a-{key}-960.webp 960w"' in html
    assert "1600" not in html  # lists never need the largest variant
    assert f'src="/tin-tuc/2023/04/bai/a-{key}-960.jpg"' in html
    assert 'width="960" height="720"' in html
    assert 'sizes="(min-width: 30em) 240px, 34vw"' in html  # the teaser's rendered width (zp-portal.css)
    assert 'loading="lazy"' in html and 'alt="Toàn cảnh hội nghị"' in html


def test_hostile_caption_is_escaped_in_alt_and_twice_for_the_lightbox(project: Project) -> None:
    hostile = '<img src=x onerror=alert(1)> "quote" & more'
    (photo,) = sample_photo(project, caption=hostile).gallery
    html = picture_html(photo, str) + lightbox_attributes(photo, str, "album")
    assert "<img src=x" not in html and '"quote"' not in html
    assert 'alt="&lt;img src=x onerror=alert(1)&gt; &#34;quote&#34; &amp; more"' in html
    # GLightbox puts data-title into innerHTML: the attribute value itself must still be escaped text.
    assert 'data-title="&amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;#34;quote&amp;#34; &amp;amp; more"' in html


def test_body_rewrite_replaces_own_photos_only(project: Project) -> None:
    (photo,) = sample_photo(project).gallery
    html = (
        '<p><img alt="Ảnh bìa" src="a.jpg" /></p>\n'
        '<p>Chữ <img alt="" src="./a.jpg" /> giữa dòng, <a href="a.jpg">ảnh gốc</a>, '
        '<a href="../khac/"><img alt="liên kết" src="a.jpg" /></a>, <img src="https://example.test/x.jpg" /></p>'
    )
    out = rewrite_body(html, {"a.jpg": photo}.get, "bai-viet", lambda url: url.removeprefix(photo.base_url))
    key = photo.key[:8]
    assert out.startswith('<figure class="zp-figure"><a class="zp-lightbox" href="a-')
    assert "<figcaption>Ảnh bìa</figcaption></figure>" in out
    assert out.count("<picture") == 3
    assert f'<a class="zp-lightbox" href="a-{key}-1600.jpg"' in out and ">ảnh gốc</a>" in out
    assert '<a href="../khac/"><picture' in out  # staff's own link is kept, with no link nested inside
    assert 'src="a.jpg"' not in out and 'href="a.jpg"' not in out
    assert '<img src="https://example.test/x.jpg" />' in out


# --- album addresses ----------------------------------------------------------------------------------------


def test_album_slugs_are_unique_and_stable(project: Project) -> None:
    project.add_post("2023/a.md", title="Hội nghị", date="2023-04-01")
    project.add_post("2024/b.md", title="Hội nghị", date="2024-05-01")
    project.add_post("2024/c.md", title="Năm", slug="nam", date="2024-06-01")
    _registry, posts, report = load_content(project.posts, project.root)
    assert not report.has_errors(), report.render()
    slugs = {p.shown: s for p, s in ((p, album_slugs(posts, {"nam", "trang"})[p.source]) for p in posts)}
    assert slugs == {
        "posts/2023/a.md": "hoi-nghi",
        "posts/2024/b.md": "hoi-nghi-2024-05",
        "posts/2024/c.md": "nam-2024-06",
    }


def test_without_a_process_pool_photos_are_encoded_in_this_process(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr("zoneportal.photos.pool.ProcessPoolExecutor", no_pool)
    gallery_post(project, {"a.jpg": photokit.photo((700, 500), gps=True)})
    pipeline, _, report = run_pipeline(project)
    assert not report.has_errors(), report.render()
    assert pipeline.stats.encoded == 1 and len(published_files(project.site)) == 4
