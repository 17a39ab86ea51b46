"""Releases on a local target, without building: fake site folders and real git repositories."""

from __future__ import annotations

import argparse
import os
from datetime import datetime
from pathlib import Path

import pytest

from kit.releasekit import SITE_ONE, SITE_TWO, git, make_git_project, tree, write_site
from zoneportal.publish.command import list_releases, publish, publish_command, rollback
from zoneportal.publish.hosts import LocalHost, PublishError
from zoneportal.publish.manifest import Manifest, compare, page_url
from zoneportal.publish.preflight import Project
from zoneportal.publish.release import (
    carried_assets,
    is_release_name,
    release_name,
    releases_to_prune,
    rollback_target,
)
from zoneportal.vi import VIETNAM_TZ


def test_release_names_sort_in_publishing_order() -> None:
    moment = datetime(2026, 11, 29, 4, 15, tzinfo=VIETNAM_TZ)
    first = release_name(moment, "1a2b3c4d", set())
    assert first == "20261129-041500-1a2b3c4d" and is_release_name(first)
    second = release_name(moment, "00000000", {first})  # same second, a commit that sorts lower
    assert second > first and second.startswith("20261129-041501-")
    earlier_clock = release_name(datetime(2026, 1, 1, tzinfo=VIETNAM_TZ), "ff", {first, second})
    assert earlier_clock > second
    assert not is_release_name("20261129-041500-1a2b3c4d.manifest.json")


def test_prune_keeps_the_newest_and_the_live_one() -> None:
    names = [f"2026010{i}-000000-aa" for i in range(1, 8)]
    assert releases_to_prune(names, names[-1], 3) == names[:4]
    assert releases_to_prune(names, names[0], 3) == names[1:4]
    assert rollback_target(names, names[-1]) == names[-2]
    assert rollback_target(names, names[0]) is None
    assert rollback_target(names[:1], names[0]) is None


def test_carry_only_hashed_files_and_only_for_one_release() -> None:
    before = Manifest("r1", "c", "", {"a/x.1234567abc.css": "1", "a/x.css": "2", "p/index.html": "3"})
    assert carried_assets(before, {"p/index.html": "9"}) == ["a/x.1234567abc.css"]
    before.carried = ["a/x.1234567abc.css"]
    assert carried_assets(before, {}) == []


def test_change_summary_names_pages_by_url() -> None:
    old = Manifest("r1", "c", "", {"index.html": "1", "tin/a/index.html": "2", "tin/b/index.html": "3"})
    new = Manifest("r2", "c", "", {"index.html": "1", "tin/b/index.html": "4", "tin/c/index.html": "5"})
    summary = compare(old, new)
    assert (summary.added, summary.changed, summary.removed) == (["/tin/c/"], ["/tin/b/"], ["/tin/a/"])
    assert summary.files_unchanged == 1 and summary.files_changed == 2
    assert page_url("404.html") == "/404.html" and page_url("index.html") == "/"


def test_publish_switch_hard_links_carry_rollback_and_prune(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    project = make_git_project(tmp_path / "du-an")
    host = LocalHost(tmp_path / "web")
    write_site(project, SITE_ONE)
    assert publish(project, host, keep=2, allow_dirty=False, build=False) == 0
    first = host.current()
    assert first and first.endswith(git(project.root, "rev-parse", "--short=8", "HEAD").strip())
    assert (host.root / "current").is_symlink() and os.readlink(host.root / "current") == f"releases/{first}"
    served_first = tree(host.root / "current")
    assert served_first == {k: v.encode() for k, v in {**SITE_ONE, "sitemap.xml": "<urlset/>"}.items()}
    assert "Bản đầu tiên: 3 trang" in capsys.readouterr().out

    write_site(project, SITE_TWO)
    assert publish(project, host, keep=2, allow_dirty=False, build=False) == 0
    second = host.current()
    assert second and second > first
    out = capsys.readouterr().out
    assert "1 trang mới, 2 trang sửa, 1 trang bỏ" in out
    assert "Trang mới: /tin/c/" in out and "Trang bỏ: /tin/a/" in out
    new_dir, old_dir = host.releases_dir / second, host.releases_dir / first
    # Unchanged files are the same inode, not a second copy.
    assert (new_dir / "sitemap.xml").stat().st_ino == (old_dir / "sitemap.xml").stat().st_ino
    assert (new_dir / "index.html").stat().st_ino != (old_dir / "index.html").stat().st_ino
    # The first release's hashed files stay reachable from the new one; its removed page does not.
    assert (new_dir / "assets/zp.1111111111.css").read_text(encoding="utf-8") == "body{}"
    assert (new_dir / "tin/a/anh-aaaaaaaa-480.webp").is_file()
    assert not (new_dir / "tin/a/index.html").exists()
    manifest = host.manifest(second)
    assert manifest and sorted(manifest.carried) == ["assets/zp.1111111111.css", "tin/a/anh-aaaaaaaa-480.webp"]

    assert rollback(host) == 0
    assert host.current() == first
    assert tree(host.root / "current") == served_first  # byte for byte
    with pytest.raises(PublishError):
        rollback(host)  # nothing older than the first release

    # Publishing after a rollback builds on the live release; keep=2 prunes the oldest but never the live one.
    write_site(project, {**SITE_TWO, "tin/d/index.html": "bài d"})
    publish(project, host, keep=2, allow_dirty=False, build=False)
    third = host.current()
    assert third and host.releases() == [second, third]
    assert not (host.releases_dir / f"{first}.manifest.json").exists()
    capsys.readouterr()
    list_releases(host)
    listing = capsys.readouterr().out
    assert f"{third}  (commit" in listing and listing.rstrip().endswith("← đang chạy")


def test_nothing_changed_makes_no_new_release(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    project = make_git_project(tmp_path / "du-an")
    host = LocalHost(tmp_path / "web")
    write_site(project, SITE_ONE)
    publish(project, host, keep=5, allow_dirty=False, build=False)
    write_site(project, {**SITE_ONE, "pagefind/pagefind-entry.json": "{}"})  # Pagefind differs build to build
    publish(project, host, keep=5, allow_dirty=False, build=False)
    assert len(host.releases()) == 1
    assert "Không có thay đổi" in capsys.readouterr().out


def test_refusals_leave_the_target_alone(tmp_path: Path) -> None:
    project = make_git_project(tmp_path / "du-an", site_url="http://127.0.0.1:8000/")
    host = LocalHost(tmp_path / "web")
    write_site(project, SITE_ONE)
    with pytest.raises(PublishError, match=r"127\.0\.0\.1"):
        publish(project, host, keep=5, allow_dirty=False, build=False)
    project = make_git_project(tmp_path / "du-an-2")
    write_site(project, SITE_ONE)
    (project.posts_dir / "moi.md").write_text("---\ntitle: Mới\n---\n", encoding="utf-8")
    (project.posts_dir / "bai.md").write_text("---\ntitle: Bài sửa\n---\n", encoding="utf-8")
    with pytest.raises(PublishError, match="chưa commit") as refusal:
        publish(project, host, keep=5, allow_dirty=False, build=False)
    assert "posts/moi.md" in str(refusal.value) and "posts/bai.md" in str(refusal.value)
    assert not host.root.exists()
    write_site(project, SITE_ONE)
    assert publish(project, host, keep=5, allow_dirty=True, build=False) == 0


def test_no_build_refuses_a_site_older_than_its_sources(tmp_path: Path) -> None:
    project = make_git_project(tmp_path / "du-an")
    write_site(project, SITE_ONE)
    later = datetime.now().timestamp() + 60
    os.utime(project.posts_dir / "bai.md", (later, later))
    with pytest.raises(PublishError, match=r"posts/bai\.md"):
        publish(project, LocalHost(tmp_path / "web"), keep=5, allow_dirty=False, build=False)


def test_a_real_folder_named_current_is_not_replaced(tmp_path: Path) -> None:
    project = make_git_project(tmp_path / "du-an")
    write_site(project, SITE_ONE)
    (tmp_path / "web/current").mkdir(parents=True)
    with pytest.raises(PublishError, match="thư mục thật"):
        publish(project, LocalHost(tmp_path / "web"), keep=5, allow_dirty=False, build=False)
    assert (tmp_path / "web/current").is_dir() and not (tmp_path / "web/current").is_symlink()


def test_not_a_git_repository_needs_allow_dirty(tmp_path: Path) -> None:
    root = tmp_path / "khong-git"
    (root / "posts").mkdir(parents=True)
    project = Project(root / "mkdocs.yml", root, root / "posts", root / "site", "https://cong.gov.vn/", keep=5)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    write_site(project, SITE_ONE)
    with pytest.raises(PublishError, match="không phải kho git"):
        publish(project, LocalHost(tmp_path / "web"), keep=5, allow_dirty=False, build=False)
    assert publish(project, LocalHost(tmp_path / "web"), keep=5, allow_dirty=True, build=False) == 0
    assert LocalHost(tmp_path / "web").current().endswith("-khonggit")


def test_uncommitted_posts_with_vietnamese_names_are_named_as_written(tmp_path: Path) -> None:
    """git quotes non-ASCII paths as octal escapes ("b\\303\\240i") unless told not to: staff must see
    the file name they typed, and a name with a space must not lose its first letters."""
    project = make_git_project(tmp_path / "du-an")
    write_site(project, SITE_ONE)
    folder = project.posts_dir / "2026" / "hội nghị"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("---\ntitle: Mới\n---\n", encoding="utf-8")
    with pytest.raises(PublishError, match="chưa commit") as refusal:
        publish(project, LocalHost(tmp_path / "web"), keep=5, allow_dirty=False, build=False)
    assert "posts/2026/hội nghị/index.md" in str(refusal.value)


@pytest.mark.parametrize("where", ["tep-web", "tep-web/con"])
def test_a_target_that_cannot_be_a_folder_is_refused_in_a_sentence(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture
) -> None:
    """A file where the web folder should be (or above it) is a refusal naming the path, not a traceback."""
    project = make_git_project(tmp_path / "du-an")
    write_site(project, SITE_ONE)
    (tmp_path / "tep-web").write_text("không phải thư mục", encoding="utf-8")
    args = argparse.Namespace(
        target=str(tmp_path / where), list=False, rollback=False, keep=None, allow_dirty=False, no_build=True
    )
    assert publish_command(args, project) == 1
    out = capsys.readouterr().out
    assert out.startswith("Không đăng:") and "tep-web" in out
    assert (tmp_path / "tep-web").read_text(encoding="utf-8") == "không phải thư mục"


@pytest.mark.parametrize(("option", "setting", "named"), [(0, 5, "--keep"), (None, 0, "publish: keep trong")])
def test_keep_below_one_names_where_it_was_set(
    tmp_path: Path, option: int | None, setting: int, named: str, capsys: pytest.CaptureFixture
) -> None:
    project = make_git_project(tmp_path / "du-an")
    project = Project(**{**vars(project), "keep": setting})
    write_site(project, SITE_ONE)
    args = argparse.Namespace(
        target=str(tmp_path / "web"), list=False, rollback=False, keep=option, allow_dirty=False, no_build=True
    )
    assert publish_command(args, project) == 1
    assert named in capsys.readouterr().out
    assert not (tmp_path / "web").exists()
