"""One build at a time, atomic to the end: concurrent real builds, and a kill at each step of the swap."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from kit.sitekit import Project, make_project
from zoneportal.output.staging import KILL_AT_ENV, NO_EXCHANGE_ENV, STEPS

MKDOCS = [sys.executable, "-m", "mkdocs", "build", "-q"]


def _project(root: Path, posts: int = 4, **options: object) -> Project:
    project = make_project(root, plugin_options={"search": False, "workers": 1, **options})
    for number in range(posts):
        project.add_post(f"2023/bai-{number}.md", title=f"Bài số {number}", date=f"2023-04-{number + 1:02d} 08:00")
    return project


def _run(project: Project, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(MKDOCS, cwd=project.root, env=environment, capture_output=True, text=True, timeout=600)


def _assert_complete(site: Path, titles: list[str]) -> None:
    """A whole site: home page, sitemap, and the page of every post named in `titles`."""
    assert (site / "index.html").is_file(), sorted(p.name for p in site.parent.iterdir())
    assert (site / "sitemap.xml").is_file()
    for number, title in enumerate(titles):
        page = site / f"tin-tuc/2023/04/bai-so-{number}/index.html"
        assert title in page.read_text(encoding="utf-8")


def _leftovers(project: Project) -> list[str]:
    builds = project.root / ".site-builds"
    return sorted(p.name for p in builds.iterdir()) if builds.is_dir() else []


def test_two_builds_at_once_both_publish_a_whole_site(tmp_path: Path) -> None:
    project = _project(tmp_path, posts=12)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    logs = [tmp_path / f"build-{n}.log" for n in range(2)]
    # The test holds the lock until both builds say they are waiting: they then race for it for real.
    with open(tmp_path / ".site.lock", "w") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        builds = []
        for log in logs:
            with open(log, "w") as stream:
                command = MKDOCS[:-1]  # not -q: the waiting message is information
                builds.append(subprocess.Popen(command, cwd=project.root, env=environment, stderr=stream))
        deadline = time.monotonic() + 300
        while not all("một lần dựng khác đang chạy" in log.read_text() for log in logs):
            assert time.monotonic() < deadline, [log.read_text() for log in logs]
            assert all(build.poll() is None for build in builds), [log.read_text() for log in logs]
            time.sleep(0.1)
    for build in builds:
        build.wait(timeout=600)
    errors = [log.read_text() for log in logs]
    assert [build.returncode for build in builds] == [0, 0], errors
    assert "Traceback" not in "".join(errors)
    _assert_complete(project.site, [f"Bài số {n}" for n in range(12)])
    assert _leftovers(project) == []


def test_second_build_gives_up_after_the_timeout(tmp_path: Path) -> None:
    project = _project(tmp_path, posts=1, build_lock_timeout=1)
    assert _run(project).returncode == 0
    with open(tmp_path / ".site.lock", "w") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        holder.write("4242\n")
        holder.flush()
        started = time.monotonic()
        result = _run(project)
    assert result.returncode != 0
    assert time.monotonic() - started < 60
    assert "một lần dựng khác vẫn đang chạy (tiến trình 4242)" in result.stderr
    assert "Traceback" not in result.stderr
    _assert_complete(project.site, ["Bài số 0"])


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_leaves_a_whole_site(tmp_path: Path, step: str, exchange: bool) -> None:
    project = _project(tmp_path, posts=2)
    fallback = {} if exchange else {NO_EXCHANGE_ENV: "1"}
    assert _run(project, **fallback).returncode == 0
    project.add_post("2023/bai-2.md", title="Bài số 2", date="2023-04-03 08:00")
    killed = _run(project, **fallback, **{KILL_AT_ENV: step})
    on_path = ("staged", "exchanged", "cleaned") if exchange else ("staged", "moved-aside", "moved-in", "cleaned")
    if step in on_path:
        assert killed.returncode == -9, killed.stderr
    # Either the old site or the new one, whole, at the path the web server reads; never nothing.
    if (project.site / "tin-tuc/2023/04/bai-so-2/index.html").exists():
        _assert_complete(project.site, ["Bài số 0", "Bài số 1", "Bài số 2"])
    elif step == "moved-aside" and not exchange:
        assert not project.site.exists()  # the one instant the fallback cannot cover: the next build repairs it
    else:
        _assert_complete(project.site, ["Bài số 0", "Bài số 1"])
    project.add_post("2023/bai-3.md", title="Bài số 3", date="2023-04-04 08:00")
    recovered = _run(project, **fallback)
    assert recovered.returncode == 0, recovered.stderr
    _assert_complete(project.site, ["Bài số 0", "Bài số 1", "Bài số 2", "Bài số 3"])
    assert _leftovers(project) == []


def test_a_site_symlinked_to_a_web_folder_is_updated_in_place(tmp_path: Path) -> None:
    project = _project(tmp_path / "project", posts=1)
    web = tmp_path / "www" / "portal"
    web.mkdir(parents=True)
    (web / "old.html").write_text("cũ", encoding="utf-8")
    project.site.symlink_to(web, target_is_directory=True)
    project.build()
    assert project.site.is_symlink() and os.readlink(project.site) == str(web)
    _assert_complete(web, ["Bài số 0"])
    assert not (web / "old.html").exists()
    project.add_post("2023/bai-1.md", title="Bài số 1", date="2023-04-02 08:00")
    project.build()
    _assert_complete(web, ["Bài số 0", "Bài số 1"])
    assert sorted(p.name for p in (tmp_path / "www").iterdir()) == [".portal-builds", ".portal.lock", "portal"]
    assert list((tmp_path / "www" / ".portal-builds").iterdir()) == []


def test_a_dangling_site_symlink_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path / "project", posts=1)
    project.site.symlink_to(tmp_path / "khong-co" / "portal", target_is_directory=True)
    result = _run(project)
    assert result.returncode != 0
    assert "là liên kết tới" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("target", ["missing", "loop"])
def test_a_site_symlink_to_a_missing_folder_or_itself_is_refused(tmp_path: Path, target: str) -> None:
    """The link's folder is missing though its parent exists (a typo in the link): the site was
    published into a new folder no web server serves, with exit 0. A link to itself: a traceback."""
    project = _project(tmp_path / "project", posts=1)
    (tmp_path / "www").mkdir()
    project.site.symlink_to(tmp_path / "www" / "portl" if target == "missing" else project.site)
    result = _run(project)
    assert result.returncode != 0
    assert "thư mục đó không tồn tại" in result.stderr and "Traceback" not in result.stderr
    assert list((tmp_path / "www").iterdir()) == []


def test_failed_build_keeps_site_and_releases_the_lock(tmp_path: Path) -> None:
    project = _project(tmp_path, posts=1)
    project.build()
    project.add_post("2023/hong.md", title="Hỏng", author="khong-co")
    with pytest.raises(Abort):
        project.build()
    _assert_complete(project.site, ["Bài số 0"])
    assert _leftovers(project) == []
    (project.posts / "2023/hong.md").unlink()
    project.build()  # same process: the lock of the failed build was released
    _assert_complete(project.site, ["Bài số 0"])
