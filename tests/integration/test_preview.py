"""Live preview tells the truth: `zoneportal serve` (mkdocs serve --dirty with our plugin) on a copy
of the example portal, each kind of save made in turn, and after every save each page of the preview
compared with a clean build of the same files — every page, so any page that shows the post
(home, listings, archive, committee, timeline, tag, author, related posts, feeds) is covered, and
search compared by what it returns. A bad save shows a Vietnamese error page, never a hung request."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest

from kit.examplesite import example_copy
from kit.pagefindkit import PagefindBundle
from kit.photokit import photo

pytestmark = pytest.mark.build

# The budget: a save is on every page within 2 s on the example portal.
BUDGET = float(os.environ.get("ZP_PREVIEW_BUDGET", "2.0"))
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>", re.DOTALL)
EPOCH = re.compile(rb"livereload\((\d+), \d+\)")
POST = "posts/2023/so-ket-giua-nhiem-ky-dai-hoi-iii/index.md"
DRAFT = "posts/2025/khoi-cong-ha-tang-giai-doan-2-cua-ngan.md"


@dataclass
class Preview:
    root: Path  # the project (a copy of the example portal)
    site: Path  # the folder MkDocs serves from
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def get(self, path: str, timeout: float = 20) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def epoch(self) -> int:
        _status, body = self.get("/")
        match = EPOCH.search(body)
        assert match, body[-500:]
        return int(match[1])

    def save(self, change: callable) -> float:  # type: ignore[valid-type]
        """Apply `change` to the files, and wait until the preview has rebuilt: seconds taken."""
        before = self.epoch()
        started = time.monotonic()
        change()
        # MkDocs' live-reload endpoint answers once a rebuild newer than `before` is visible.
        _status, body = self.get(f"/livereload/{before}/1", timeout=90)
        assert int(body) > before, "no rebuild within 90 s"
        return time.monotonic() - started

    def edit(self, relative: str, pattern: str, replacement: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert changed != text, pattern
        path.write_text(changed, encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_preview(root: Path, served: Path) -> Iterator[Preview]:
    """`zoneportal serve` on a free port in `root`; MkDocs serves from a temporary folder in `served`."""
    port = free_port()
    log = root / "serve.log"
    env = {**os.environ, "TMPDIR": str(served), "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "zoneportal.cli", "serve", "--port", str(port)],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240
    try:
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except urllib.error.HTTPError:
                break  # it answers (the error page of a broken first build is a 500)
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the preview did not start:\n" + log.read_text(encoding="utf-8", errors="replace"))
                time.sleep(0.5)
        (site,) = served.glob("mkdocs_*")
        yield Preview(root, site, url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


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
    """Pages the preview serves differently from the clean build, and pages only one of them has."""
    expected = pages(clean)
    shown = pages(preview.site)
    problems = [f"only in preview: {p}" for p in sorted(shown - expected)]
    problems += [f"missing in preview: {p}" for p in sorted(expected - shown)]
    for page in sorted(expected & shown):
        url = page.removesuffix("index.html")
        status, body = preview.get(url)
        if status != 200:
            problems.append(f"{page}: HTTP {status}")
        elif LIVERELOAD.sub(b"", body) != (clean / page).read_bytes():
            problems.append(f"differs: {page}")
    return problems


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
}


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
