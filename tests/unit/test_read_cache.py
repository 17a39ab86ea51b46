"""Posts kept between builds (content/read_cache.py): a post file an earlier build checked is not
parsed again, and what the build gets — posts and every problem — is what reading the files gives."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

from kit.photokit import photo
from kit.sitekit import Project, post_text
from zoneportal.content.post import Post
from zoneportal.content.problems import ProblemReport
from zoneportal.content.read_cache import FILE_NAME, PostStore
from zoneportal.content.registry import Registry
from zoneportal.content.validate import ContentCache, load_content

STORE = ".cache/zoneportal/build/" + FILE_NAME


def _fields(post: Post) -> tuple[object, ...]:
    return tuple(getattr(post, f.name) for f in dataclasses.fields(Post))


def load_stored(project: Project) -> tuple[list[Post], ProblemReport, PostStore]:
    """One build's reading: a fresh store on the project's file, saved afterwards (as the plugin does)."""
    store = PostStore(project.root / STORE)
    _registry, posts, report = load_content(project.posts, project.root, ContentCache(store=store, by_stat=False))
    store.save()
    return posts, report, store


def load_plain(project: Project) -> tuple[Registry, list[Post], ProblemReport]:
    return load_content(project.posts, project.root)


def assert_same_as_reading(project: Project) -> PostStore:
    """The stored build's posts and problems equal those of reading every file afresh."""
    posts, report, store = load_stored(project)
    _registry, fresh_posts, fresh_report = load_plain(project)
    assert [_fields(p) for p in posts] == [_fields(p) for p in fresh_posts]
    assert report.problems == fresh_report.problems
    assert report.checked == fresh_report.checked
    return store


def _three_posts(project: Project) -> None:
    project.add_post("2023/04-hoi-nghi.md", title="Hội nghị sơ kết", date="2023-04-26 14:00")
    project.add_post("2023/05-dai-hoi.md", title="Đại hội chi bộ", date="2023-05-02", committee="chi-bo-a")
    project.add_post("2024/01-thi-dua/index.md", title="Phát động thi đua", date="2024-01-10", cover="anh.jpg")
    project.write("posts/2024/01-thi-dua/anh.jpg", photo((320, 200)))


def test_second_build_parses_nothing_and_gets_the_same_posts(project: Project) -> None:
    _three_posts(project)
    first = assert_same_as_reading(project)
    assert (first.added, first.reused) == (3, 0)
    second = assert_same_as_reading(project)
    assert (second.added, second.reused) == (0, 3)


def test_content_decides_not_size_and_mtime(project: Project) -> None:
    _three_posts(project)
    load_stored(project)
    path = project.posts / "2023/04-hoi-nghi.md"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    # Same size, same mtime: an editor (or a checkout) can leave both as they were.
    path.write_text(text.replace("sơ kết", "sơ kếT"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    posts, _report, store = load_stored(project)
    assert "Hội nghị sơ kếT" in {p.title for p in posts}
    assert (store.added, store.reused) == (1, 2)


def test_problems_of_a_stored_post_are_reported_on_every_build(project: Project) -> None:
    _three_posts(project)
    # A warning (uncaptioned photo) and errors (unknown author, unknown tag field) in one file.
    project.write(
        "posts/2023/06-loi.md",
        post_text(title="Bài có lỗi", date="2023-06-01", author="khong-co", mau="xanh", body="![](anh.jpg)\n"),
    )
    project.write("posts/2023/anh.jpg", photo((200, 100)))
    project.write("posts/2023/07-hong.md", "---\ntitle: [không đóng\n---\nNội dung.\n")
    first = load_stored(project)[1].problems
    assert len(first) >= 4
    for _build in range(2):
        posts, report, store = load_stored(project)
        assert report.problems == first
        assert store.reused == 5 and store.added == 0
        assert "Bài có lỗi" not in {p.title for p in posts}  # a post with errors stays unpublished


def test_a_photo_that_appears_beside_the_post_is_seen(project: Project) -> None:
    _three_posts(project)
    project.write(
        "posts/2024/02-anh/index.md",
        post_text(title="Ảnh hội diễn", date="2024-02-01", gallery=[{"src": "sau.jpg", "missing": True}]),
    )
    assert_same_as_reading(project)
    (post,) = [p for p in load_stored(project)[0] if p.title == "Ảnh hội diễn"]
    assert post.gallery == ()
    project.write("posts/2024/02-anh/sau.jpg", photo((300, 200)))
    store = assert_same_as_reading(project)
    (post,) = [p for p in load_stored(project)[0] if p.title == "Ảnh hội diễn"]
    assert [p.src for p in post.gallery] == ["sau.jpg"]
    assert store.added == 1  # only the post whose folder changed was read again


def test_a_replaced_photo_is_probed_again(project: Project) -> None:
    _three_posts(project)
    load_stored(project)
    project.write("posts/2024/01-thi-dua/anh.jpg", b"not a photo any more")
    posts, report, store = load_stored(project)
    assert store.reused == 3  # the post file did not change ...
    assert any("anh.jpg" in p.message and p.field == "cover" for p in report.errors)  # ... its photo did
    assert "Phát động thi đua" not in {p.title for p in posts}


def test_an_attachment_link_follows_the_folder(project: Project) -> None:
    project.add_post("2024/03-nghi-quyet/index.md", title="Nghị quyết", date="2024-03-01", body="[Tải](nq.pdf)\n")
    assert any("nq.pdf" in p.message for p in load_stored(project)[1].errors)
    project.write("posts/2024/03-nghi-quyet/nq.pdf", b"%PDF-1.4\n")
    store = assert_same_as_reading(project)
    assert store.added == 1


def test_a_registry_change_checks_every_post_again(project: Project) -> None:
    _three_posts(project)
    load_stored(project)
    committees = project.posts / "committees.yml"
    committees.write_text(committees.read_text(encoding="utf-8").replace("chi-bo-a:", "chi-bo-b:"), "utf-8")
    store = assert_same_as_reading(project)
    assert store.reused == 0
    assert any(p.field == "committee" for p in load_stored(project)[1].errors)


def test_a_cache_moved_to_another_folder_is_used_with_its_paths(project: Project, tmp_path: Path) -> None:
    _three_posts(project)
    load_stored(project)
    moved = Project(tmp_path / "checkout-2")
    shutil.copytree(project.root, moved.root)
    posts, _report, store = load_stored(moved)
    assert store.reused == 3
    assert all(p.source.is_relative_to(moved.root) for p in posts)
    cover = next(p.cover for p in posts if p.cover is not None)
    assert cover.path == moved.posts / "2024/01-thi-dua/anh.jpg"


def test_a_damaged_or_foreign_file_is_read_again_with_one_notice(project: Project) -> None:
    _three_posts(project)
    load_stored(project)
    stored = project.root / STORE
    for damage in (b"\x00garbage", b'{"tool": "hugo"}\n', stored.read_bytes()[:200]):
        stored.write_bytes(damage)
        posts, report, store = load_stored(project)
        assert store.notice is not None and "\n" not in store.notice and "đọc lại" in store.notice
        assert (store.added, store.reused) == (3, 0) and len(posts) == 3
        assert not report.errors
        assert PostStore(stored).notice is None
        assert load_stored(project)[2].notice is None  # written whole again


class _Planted:
    """What a tampered store could hold: loading it would call `os.system`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_store_that_names_a_function_is_refused_without_running_it(project: Project, tmp_path: Path) -> None:
    import pickle

    _three_posts(project)
    load_stored(project)
    stored = project.root / STORE
    header = stored.read_bytes().split(b"\n", 1)[0]  # a valid header: the salt of this very project
    marker = tmp_path / "ran"
    stored.write_bytes(header + b"\n" + pickle.dumps(({}, None, {"x": _Planted(marker)})))
    posts, _report, store = load_stored(project)
    assert not marker.exists()
    assert store.notice is not None and "đọc lại" in store.notice and len(posts) == 3
