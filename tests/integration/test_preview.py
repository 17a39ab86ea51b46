"""Live preview tells the truth: `zoneportal serve` (mkdocs/serve/: pages rendered on request) on a copy
of the example portal, each kind of save made in turn, and after every save each page of the preview
compared with a clean build of the same files — every page, so any page that shows the post
(home, listings, archive, committee, timeline, tag, author, related posts, feeds) is covered, every
page the preview showed before and the build no longer has answers 404, and search is compared by
what it returns. A bad save shows a Vietnamese error page, never a hung request."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest

from kit.examplesite import example_copy
from kit.pagefindkit import PagefindBundle
from kit.photokit import photo
from kit.previewkit import LIVERELOAD, Preview, running_preview

pytestmark = pytest.mark.build

# The budget: a save is on every page within 2 s on the example portal.
BUDGET = float(os.environ.get("ZP_PREVIEW_BUDGET", "2.0"))
POST = "posts/2023/so-ket-giua-nhiem-ky-dai-hoi-iii/index.md"
DRAFT = "posts/2025/khoi-cong-ha-tang-giai-doan-2-cua-ngan.md"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    root = tmp_path_factory.mktemp("preview-project")
    example_copy(root)
    with running_preview(root, tmp_path_factory.mktemp("preview-tmp")) as running:
        yield running


def clean_build(preview: Preview, target: Path, *, drafts: bool = True) -> Path:
    """A full build of the same files, as the preview shows them (drafts included, its address)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    shutil.rmtree(target, ignore_errors=True)
    config = load_config(str(preview.root / "mkdocs.yml"), site_dir=str(target), site_url=preview.url)
    config.plugins["zoneportal"].config.drafts = drafts
    # No page cache: cached pages come back finished in the finish step, which is left out here.
    config.plugins["zoneportal"].config.build_cache = ""
    # The preview serves pages as rendered; a build then readies them for a public server (hashed
    # asset names, inline scripts moved to files, .gz/.br): compare with the build before that step.
    with mock.patch("zoneportal.mkdocs.output.finish_site", lambda *_args, **_kw: SimpleNamespace(warnings=[])):
        build(config)
    return target


def pages(site: Path) -> set[str]:
    """Every page and feed of a site, as paths (`tin-tuc/2023/05/x/index.html`, `rss.xml`)."""
    found = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} | {
        p.relative_to(site).as_posix() for p in site.rglob("rss.xml")
    }
    return {p for p in found if not p.startswith(("pagefind/", ".")) and "/." not in p}


def differences(preview: Preview, clean: Path) -> list[str]:
    """Pages the preview serves differently from the clean build, pages it misses, and pages it still
    serves that the build no longer has (any page it had on disk or that an earlier build had)."""
    expected = pages(clean)
    problems = []
    for page in sorted(expected):
        url = page.removesuffix("index.html")
        status, body = preview.get(url)
        if status != 200:
            problems.append(f"missing in preview: {page} (HTTP {status})")
        elif LIVERELOAD.sub(b"", body) != (clean / page).read_bytes():
            problems.append(f"differs: {page}")
    for page in sorted((_SEEN | pages(preview.site)) - expected):
        status, _body = preview.get(page.removesuffix("index.html"))
        if status != 404:
            problems.append(f"only in preview: {page} (HTTP {status})")
    _SEEN.update(expected)
    return problems


# Every page some clean build of this module had: a page gone from the site must be gone from the preview.
_SEEN: set[str] = set()


def search_results(site: Path) -> list[tuple[str, str]]:
    bundle = PagefindBundle(site / "pagefind")
    return sorted((f["url"], f["meta"].get("title", "")) for f in map(bundle.fragment, range(len(bundle.page_hashes))))


def search_seconds(preview: Preview, clean: Path, saved_at: float) -> float:
    """Search is indexed in the background after the pages: once it returns what the clean build's
    returns, the seconds from the save to when its index was written."""
    expected = search_results(clean)
    deadline = time.monotonic() + 30
    while True:
        try:
            if search_results(preview.site) == expected:
                (meta,) = (preview.site / "pagefind").glob("pagefind.*.pf_meta")
                return max(meta.stat().st_mtime - saved_at, 0.0)
        except (OSError, ValueError, AssertionError, EOFError):
            pass  # the index is being swapped in
        if time.monotonic() > deadline:
            pytest.fail("search in the preview never matched the clean build")
        time.sleep(0.05)


def cover_of(preview: Preview) -> Path:
    return preview.root / Path(POST).parent / "quang-canh-hoi-nghi-so-ket.jpg"


SAVES = {
    "title": lambda p: p.edit(
        POST, r"^title: .*$", "title: Sơ kết giữa nhiệm kỳ (đã sửa tiêu đề) Nghị quyết lần thứ III"
    ),
    "date": lambda p: p.edit(POST, r"^date: .*$", "date: 2023-07-02 08:00"),
    "category": lambda p: p.edit(POST, r"^categories: .*$", "categories: [tin-hoat-dong]"),
    "tags": lambda p: p.edit(POST, r"^tags: .*$", "tags: [Sơ kết giữa nhiệm kỳ, Thẻ mới khi xem trước]"),
    "photo": lambda p: cover_of(p).write_bytes(photo((900, 600), color=(200, 40, 40))),
    "new post": lambda p: (p.root / "posts/2025/bai-moi-khi-xem-truoc.md").write_text(
        "---\ntitle: Bài mới khi xem trước\ndate: 2025-11-20 09:00\nauthor: le-minh-khoa\n"
        "committee: dang-bo-bql\ncategories: [tin-hoat-dong]\ntags: [Nghị quyết Đại hội]\n---\n\nNội dung mới.\n",
        encoding="utf-8",
    ),
    "deleted post": lambda p: (p.root / "posts/2022/hoi-nghi-bch-lan-thu-9.md").unlink(),
    # The watcher's events are all a re-plan looks at (nothing else is statted or walked): a post
    # renamed, a bundle's folder renamed, a photo replaced as editors save (a scratch file renamed
    # over it), a bundle deleted and a new one added must each be seen.
    "renamed post": lambda p: (p.root / "posts/2024/hoi-nghi-bch-lan-thu-18.md").rename(
        p.root / "posts/2024/hoi-nghi-bch-lan-thu-18-da-doi-ten.md"
    ),
    "renamed bundle": lambda p: (p.root / "posts/2021/khoi-cong-nha-may-linh-kien-song-may").rename(
        p.root / "posts/2021/khoi-cong-nha-may-linh-kien-song-may-doi-ten"
    ),
    "gallery photo": lambda p: replace_photo(p.root / Path(POST).parent / "bi-thu-cac-chi-bo.jpg"),
    "deleted bundle": lambda p: shutil.rmtree(p.root / "posts/2023/hoi-nghi-doi-thoai-doanh-nghiep-2023"),
    "new bundle": lambda p: new_bundle(p.root / "posts/2025/bundle-moi-khi-xem-truoc"),
}


def replace_photo(target: Path) -> None:
    scratch = target.with_name(".cho-luu.jpg")  # hidden: not a save by itself
    scratch.write_bytes(photo((640, 960), color=(30, 90, 200)))
    os.replace(scratch, target)


def new_bundle(folder: Path) -> None:
    """The photo first: the post names it, and a post naming a missing photo would be a (shown) error."""
    folder.mkdir()
    (folder / "anh-bia.jpg").write_bytes(photo((1200, 800), color=(20, 160, 60)))
    (folder / "index.md").write_text(
        "---\ntitle: Bài có ảnh mới khi xem trước\ndate: 2025-11-21 10:00\nauthor: le-minh-khoa\n"
        "committee: dang-bo-bql\ncategories: [tin-hoat-dong]\ncover: anh-bia.jpg\n---\n\nNội dung kèm ảnh.\n",
        encoding="utf-8",
    )


def test_every_page_is_current_after_each_kind_of_save(preview: Preview, tmp_path: Path) -> None:
    timings: dict[str, tuple[float, float]] = {}
    for name, change in SAVES.items():
        saved_at = time.time()
        pages_after = preview.save(lambda change=change: change(preview))
        clean = clean_build(preview, tmp_path / "clean")
        assert differences(preview, clean) == [], f"after saving the {name}"
        timings[name] = (pages_after, search_seconds(preview, clean, saved_at))
    report = ", ".join(f"{name} {pages:.2f} s (search {search:.2f} s)" for name, (pages, search) in timings.items())
    print(f"\npreview current after: {report}")
    page_times = sorted(pages for pages, _search in timings.values())
    # The median save must be within budget; one slow save on a busy machine may take 1.5 times it.
    assert page_times[len(page_times) // 2] <= BUDGET, report
    assert page_times[-1] <= BUDGET * 1.5, report
    search_times = sorted(search for _pages, search in timings.values())
    assert search_times[len(search_times) // 2] <= BUDGET * 1.5, report


def test_drafts_show_in_preview_with_a_banner_never_in_a_build(preview: Preview, tmp_path: Path) -> None:
    published = clean_build(preview, tmp_path / "published", drafts=False)
    with_drafts = clean_build(preview, tmp_path / "with-drafts", drafts=True)
    draft_pages = sorted(pages(with_drafts) - pages(published))
    (draft_page,) = [p for p in draft_pages if p.startswith("tin-tuc/")]
    status, body = preview.get(draft_page.removesuffix("index.html"))
    assert status == 200 and "Bản nháp — chưa đăng".encode() in body
    assert not (published / draft_page).exists()
    assert "Bản nháp — chưa đăng".encode() not in b"".join(
        (published / p).read_bytes() for p in pages(published) if p.endswith(".html")
    )


def test_a_bad_save_shows_the_problems_and_the_page_recovers(preview: Preview, tmp_path: Path) -> None:
    post_page = "luu-tru/"  # any page: the browser may be anywhere
    preview.save(lambda: preview.edit(POST, r"^date: .*$", "date: 2023-02-30"))
    started = time.monotonic()
    status, body = preview.get(post_page, timeout=10)
    assert time.monotonic() - started < 5, "the request hung"
    text = body.decode("utf-8")
    assert status == 500
    assert "Chưa xem trước được" in text and "2023-02-30" in text and "không tồn tại trong lịch" in text
    assert POST in text
    assert "livereload" in text  # the page reloads by itself once the file is fixed
    preview.save(lambda: preview.edit(POST, r"^date: .*$", "date: 2023-05-16 16:30"))
    status, body = preview.get(post_page)
    assert status == 200 and "Chưa xem trước được" not in body.decode("utf-8")
    clean = clean_build(preview, tmp_path / "clean")
    assert differences(preview, clean) == []


def test_a_preview_started_on_a_broken_post_shows_the_problems(tmp_path: Path) -> None:
    """Staff start `make serve` with a half-written post: the preview starts all the same."""
    root = tmp_path / "project"
    example_copy(root)
    post = root / POST
    good = post.read_text(encoding="utf-8")
    post.write_text(good.replace("author: le-minh-khoa", "author: chua-chon"), encoding="utf-8")
    served = tmp_path / "served"
    served.mkdir()
    with running_preview(root, served) as broken:
        status, body = broken.get("luu-tru/", timeout=10)
        assert status == 500 and "chưa chọn tác giả" in body.decode("utf-8")
        broken.save(lambda: post.write_text(good, encoding="utf-8"))
        status, body = broken.get("luu-tru/")
        assert status == 200 and "Chưa xem trước được" not in body.decode("utf-8")
        assert differences(broken, clean_build(broken, tmp_path / "clean")) == []


def test_mkdocs_serve_with_the_plugin_still_previews_every_kind_of_page(tmp_path: Path) -> None:
    """`mkdocs serve --dirty` with the plugin (no on-request rendering: fingerprints choose the pages
    written again) stays exact too, for sites that run MkDocs' own command."""
    root = tmp_path / "project"
    example_copy(root)
    served = tmp_path / "served"
    served.mkdir()
    with running_preview(root, served, mkdocs_serve=True) as mkdocs_preview:
        for name in ("title", "new post"):
            mkdocs_preview.save(lambda name=name: SAVES[name](mkdocs_preview))
            assert differences(mkdocs_preview, clean_build(mkdocs_preview, tmp_path / "clean")) == [], name
