"""Incremental builds (output/build_cache.py): after any sequence of edits, a build that reuses the
cache writes exactly the site a clean build writes — every file, byte for byte. Pagefind names its
index files by hashes that differ between two clean builds of the same site, so its bundle is
compared by what it holds: the decoded fragments (one per search document) and the file list
outside the hashed index."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.photokit import photo
from kit.sitekit import Project, make_project, post_text
from zoneportal.output.build_cache import MANIFEST, OBJECTS

CACHE = ".cache/zoneportal/build"
# Pagefind's bundle files named by content hashes that change between identical builds.
PAGEFIND_HASHED = ("pagefind/index/", "pagefind/filter/", "pagefind/fragment/", "pagefind/pagefind.")


def _base(root: Path) -> Project:
    project = make_project(
        root,
        theme={"name": "material", "language": "vi", "font": False, "custom_dir": "overrides"},
        extra_css=["assets/extra.css"],
    )
    project.write("overrides/partials/copyright.html", "<div class='md-copyright'>Bản quyền 1</div>\n")
    # Finishing points every page at the stylesheet's hashed name (output/hashed_assets.py).
    project.write("docs/assets/extra.css", ".md-header { color: #123; }\n")
    project.add_post("2023/04-hoi-nghi.md", title="Hội nghị sơ kết", date="2023-04-26 14:00", tags=["Đầu tư"])
    project.add_post("2023/05-dai-hoi.md", title="Đại hội chi bộ", date="2023-05-02", committee="chi-bo-a")
    project.add_post("2024/01-thi-dua/index.md", title="Phát động thi đua", date="2024-01-10", cover="anh.jpg")
    project.write("posts/2024/01-thi-dua/anh.jpg", photo((320, 200)))
    project.add_post("2024/03-hoc-tap.md", title="Học tập nghị quyết", date="2024-03-05", categories=["xay-dung-dang"])
    # Older than the side column's latest posts (shown on every page): editing one of them must
    # not render the whole site again.
    for month in (2, 3, 4):
        project.add_post(f"2021/0{month}-ban-tin.md", title=f"Bản tin tháng {month}", date=f"2021-0{month}-15")
    # A photo still to come (`missing: true`): whether its file is there changes the post, not its file.
    gallery = [{"src": "sau.jpg", "caption": "Ảnh gửi sau", "missing": True}]
    project.add_post("2022/11-hoi-dien/index.md", title="Hội diễn văn nghệ", date="2022-11-20", gallery=gallery)
    return project


def _post_files(project: Project) -> list[Path]:
    return sorted(p for p in project.posts.rglob("*.md"))


def _front(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def _rewrite(path: Path, **changes: object) -> None:
    fields, body = _front(path)
    fields.update(changes)
    fields = {k: v for k, v in fields.items() if v is not None}
    path.write_text(
        "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n" + body.lstrip("\n"), "utf-8"
    )


Edit = Callable[[Project, int], None]


def edit_title(project: Project, n: int) -> None:
    posts = _post_files(project)
    _rewrite(posts[n % len(posts)], title=f"Tiêu đề đã sửa số {n}")


def edit_date(project: Project, n: int) -> None:
    posts = _post_files(project)
    _rewrite(posts[n % len(posts)], date=f"202{2 + n % 3}-0{1 + n % 9}-1{n % 9} 08:00")


def edit_category(project: Project, n: int) -> None:
    posts = _post_files(project)
    _rewrite(posts[n % len(posts)], categories=[["tin-hoat-dong"], ["xay-dung-dang"]][n % 2])


def edit_committee(project: Project, n: int) -> None:
    posts = _post_files(project)
    _rewrite(posts[n % len(posts)], committee=["dang-uy", "chi-bo-a"][n % 2])


def edit_photo(project: Project, n: int) -> None:
    project.write("posts/2024/01-thi-dua/anh.jpg", photo((320, 200), color=(20 * (n % 12), 90, 160)))


def new_post(project: Project, n: int) -> None:
    project.write(
        f"posts/2022/0{1 + n % 9}-bai-moi-{n}.md", post_text(title=f"Bài mới {n}", date=f"2022-0{1 + n % 9}-03")
    )


def delete_post(project: Project, n: int) -> None:
    posts = [p for p in _post_files(project) if p.name != "index.md"]
    if len(posts) > 1:
        posts[n % len(posts)].unlink()


def edit_same_size_and_time(project: Project, n: int) -> None:
    # Stored posts (content/read_cache.py) are found by their bytes: an edit that keeps the file's
    # size and mtime (editors, checkouts and copies can) must still be read.
    posts = _post_files(project)
    path = posts[n % len(posts)]
    before = path.stat()
    data = bytearray(path.read_bytes())
    start = data.index(b"title:") + len(b"title:")
    at = next(i for i in range(start, len(data)) if chr(data[i]).isalpha() and data[i] < 128)
    data[at] = ord("X") if data[at] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def toggle_missing_photo(project: Project, n: int) -> None:
    later = project.posts / "2022/11-hoi-dien/sau.jpg"
    if later.exists():
        later.unlink()
    else:
        later.write_bytes(photo((240, 160), color=(30, 20 * (n % 12), 90)))


def edit_registry(project: Project, n: int) -> None:
    path = project.posts / "categories.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["tin-hoat-dong"]["name"] = f"Tin hoạt động {n}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def edit_template(project: Project, n: int) -> None:
    project.write("overrides/partials/copyright.html", f"<div class='md-copyright'>Bản quyền {n}</div>\n")


def edit_stylesheet(project: Project, n: int) -> None:
    # Not an input of any rendered page: only finished pages change (the stylesheet's hashed name).
    project.write("docs/assets/extra.css", f".md-header {{ color: #{n:03d}; }}\n")


EDITS: list[Edit] = [
    edit_title, edit_date, edit_category, edit_committee, edit_photo,
    new_post, delete_post, edit_registry, edit_template, edit_stylesheet,
    edit_same_size_and_time, toggle_missing_photo,
]  # fmt: skip


def _fragment(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    return json.loads(data[len(b"pagefind_dcd") :])


def site_files(site: Path) -> dict[str, object]:
    """Every file of a built site: bytes, or for Pagefind's hashed files what they hold."""
    found: dict[str, object] = {}
    fragments = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name.startswith("pagefind/") and name.endswith((".gz", ".br")):
            continue  # precompressed copies of Pagefind's files: as nondeterministic as the files
        if name.startswith("pagefind/fragment/"):
            fragments.append(json.dumps(_fragment(path), sort_keys=True, ensure_ascii=False))
        elif name.startswith(PAGEFIND_HASHED):
            found.setdefault("pagefind hashed files", 0)
            found["pagefind hashed files"] += 1  # type: ignore[operator]
        elif name == "pagefind/pagefind-entry.json":
            entry = json.loads(path.read_text())
            found[name] = {lang: info["page_count"] for lang, info in entry["languages"].items()}
        else:
            found[name] = path.read_bytes()
    found["pagefind fragments"] = sorted(fragments)
    return found


def _clean_build(project: Project, where: Path) -> dict[str, object]:
    shutil.rmtree(where, ignore_errors=True)
    shutil.copytree(project.root, where, ignore=shutil.ignore_patterns("site", ".cache", ".site*"))
    clean = Project(where)
    clean.build()
    return site_files(clean.site)


def _compare(incremental: dict[str, object], clean: dict[str, object]) -> None:
    assert sorted(incremental) == sorted(clean)
    different = [name for name in clean if incremental[name] != clean[name]]
    assert different == []


@pytest.fixture(scope="module")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cache-base") / "project"
    _base(root).build()
    return root


def test_second_build_reuses_every_page_and_matches(built_base: Path, tmp_path: Path) -> None:
    project = Project(tmp_path / "p")
    shutil.copytree(built_base, project.root)
    objects = sorted((project.root / CACHE / OBJECTS).rglob("*.html"))
    assert len(objects) > 10
    stamps = {p: (p.stat().st_ino, p.read_bytes()) for p in objects}
    project.build()
    # Pages come from the cache as hard links; finishing the site (hashed asset names …) writes
    # new files over them, so the cached pages stay as rendered: same files, same bytes.
    again = sorted((project.root / CACHE / OBJECTS).rglob("*.html"))
    assert {p: (p.stat().st_ino, p.read_bytes()) for p in again} == stamps
    _compare(site_files(project.site), _clean_build(project, tmp_path / "clean"))


def test_one_edited_post_renders_only_its_pages(
    built_base: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = Project(tmp_path / "p")
    shutil.copytree(built_base, project.root)
    edit_title(project, 0)
    with caplog.at_level("INFO", logger="mkdocs.plugins.zoneportal"):
        project.build()
    reused, rendered, _finished = _counts(caplog)
    assert 0 < rendered < reused  # the post, its neighbours and the lists it is on; not the whole site
    _compare(site_files(project.site), _clean_build(project, tmp_path / "clean"))


def test_stored_posts_are_not_read_again_and_keep_their_warnings(
    built_base: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A copy in another folder, as a CI runner restores .cache/: the stored posts are still used.
    project = Project(tmp_path / "p")
    shutil.copytree(built_base, project.root)
    posts = len(_post_files(project))
    for edited in (False, True):
        caplog.clear()
        if edited:
            edit_title(project, 1)
        with caplog.at_level("INFO", logger="mkdocs.plugins.zoneportal"):
            project.build()
        messages = [r.getMessage() for r in caplog.records]
        [line] = [m for m in messages if "bài lấy từ bộ nhớ đệm" in m]
        assert line == f"zoneportal: {posts - edited} bài lấy từ bộ nhớ đệm, {int(edited)} bài đọc lại."
        # The gallery photo still to come is a warning of a stored post: said on every build.
        assert any("posts/2022/11-hoi-dien/index.md" in m and "'sau.jpg' còn thiếu" in m for m in messages)
    _compare(site_files(project.site), _clean_build(project, tmp_path / "clean"))


def _counts(caplog: pytest.LogCaptureFixture) -> tuple[int, int, int]:
    [line] = [r.getMessage() for r in caplog.records if "dựng mới" in r.getMessage()]
    reused, rendered, finished = (int(w) for w in line.replace(",", " ").replace("(", " ").split() if w.isdigit())
    return reused, rendered, finished


def test_finished_pages_are_reused_until_a_stylesheet_changes(
    built_base: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = Project(tmp_path / "p")
    shutil.copytree(built_base, project.root)
    with caplog.at_level("INFO", logger="mkdocs.plugins.zoneportal"):
        project.build()
    reused, rendered, finished = _counts(caplog)
    assert rendered == 0 and finished == reused > 10  # not finished nor compressed again
    page = next(project.site.rglob("index.html"))
    assert page.with_name("index.html.gz").stat().st_nlink > 1  # the compressed copy comes from the cache
    # Files that are not pages (scripts, stylesheets, the sitemap) are not compressed again either.
    others = [p for p in project.site.rglob("*.gz") if not p.name.endswith(".html.gz") and "pagefind" not in p.parts]
    assert len(others) > 5 and all(p.stat().st_nlink > 1 for p in others)
    assert not list(project.site.rglob("*.part"))
    caplog.clear()
    edit_stylesheet(project, 7)
    with caplog.at_level("INFO", logger="mkdocs.plugins.zoneportal"):
        project.build()
    reused, rendered, finished = _counts(caplog)
    assert rendered == 0 and finished == 0  # a new hashed name: every page finished again
    _compare(site_files(project.site), _clean_build(project, tmp_path / "clean"))


@pytest.mark.parametrize("damage", ["garbage", "foreign", "truncated page"])
def test_corrupt_or_foreign_cache_falls_back_to_a_clean_build(
    built_base: Path, tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    project = Project(tmp_path / "p")
    shutil.copytree(built_base, project.root)
    cache = project.root / CACHE
    pages = sorted((cache / OBJECTS).rglob("*.html"))
    if damage == "garbage":
        (cache / MANIFEST).write_bytes(b"\x00{not json")
    elif damage == "foreign":
        (cache / MANIFEST).write_text(json.dumps({"tool": "hugo", "format": 1, "objects": {}}))
    elif damage == "truncated page":
        for page in pages:
            page.write_bytes(page.read_bytes()[:10])
    with caplog.at_level("WARNING", logger="mkdocs.plugins.zoneportal"):
        project.build()
    notices = [r.getMessage() for r in caplog.records if "Bộ nhớ đệm dựng trang" in r.getMessage()]
    assert len(notices) == 1 and "dựng lại toàn bộ trang" in notices[0] and "\n" not in notices[0]
    assert "Traceback" not in notices[0]
    _compare(site_files(project.site), _clean_build(project, tmp_path / "clean"))
    # The cache is whole again: the next build reuses it.
    assert json.loads((cache / MANIFEST).read_text())["objects"]


@settings(
    max_examples=int(os.environ.get("ZP_CACHE_EXAMPLES", "3")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 50)), min_size=1, max_size=2))
def test_any_edits_give_the_clean_build(built_base: Path, tmp_path: Path, steps: list[tuple[Edit, int]]) -> None:
    work = tmp_path / "work"
    shutil.rmtree(work, ignore_errors=True)
    project = Project(work / "p")
    shutil.copytree(built_base, project.root)
    for edit, n in steps:
        edit(project, n)
        project.build()  # every step reuses and refills the cache
    _compare(site_files(project.site), _clean_build(project, work / "clean"))
