"""Two publishes to the same target at once: the second waits for the first, or refuses in Vietnamese.

The first run is a real second process holding the target's lock (zoneportal.publish.lock), the same
code `zoneportal publish` uses; the publish under test runs in this process.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kit.releasekit import SITE_ONE, SITE_TWO, make_git_project, publish_when_told, tree, write_site
from zoneportal.publish.command import publish, rollback
from zoneportal.publish.hosts import LocalHost, PublishError
from zoneportal.publish.lock import LOCK_FILE

HOLD = """
import sys
from pathlib import Path
from zoneportal.publish.lock import local_lock
with local_lock(Path(sys.argv[1]), sys.argv[1]):
    print("HELD", flush=True)
    sys.stdin.read()  # until the test closes our stdin
print("RELEASED", flush=True)
"""


class Holder:
    """Another process holding the lock of `target` until `release()`."""

    def __init__(self, target: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(target)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "HELD"

    def release(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        assert self.process.stdout.readline().strip() == "RELEASED"
        assert self.process.wait(timeout=30) == 0


def test_a_second_publish_waits_for_the_first(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    project = make_git_project(tmp_path / "du-an")
    host = LocalHost(tmp_path / "web")
    write_site(project, SITE_ONE)
    holder = Holder(host.root)
    results: list[int] = []
    second = threading.Thread(
        target=lambda: results.append(publish(project, host, keep=5, allow_dirty=False, build=False, wait=60))
    )
    second.start()
    time.sleep(1.0)  # give it time to (wrongly) go ahead
    assert second.is_alive() and results == [], "the second publish did not wait for the lock"
    assert not (host.root / "releases").exists()
    holder.release()
    second.join(timeout=60)
    assert results == [0]
    out = capsys.readouterr().out
    assert "Đang chờ lần đăng khác" in out and "tiến trình" in out  # who holds it, named
    assert tree(host.root / "current") == {k: v.encode() for k, v in {**SITE_ONE, "sitemap.xml": "<urlset/>"}.items()}


def test_a_second_publish_refuses_after_waiting_in_vietnamese(tmp_path: Path) -> None:
    project = make_git_project(tmp_path / "du-an")
    host = LocalHost(tmp_path / "web")
    write_site(project, SITE_ONE)
    publish(project, host, keep=5, allow_dirty=False, build=False)
    live = host.current()
    write_site(project, SITE_TWO)
    holder = Holder(host.root)
    try:
        with pytest.raises(PublishError) as refusal:
            publish(project, host, keep=5, allow_dirty=False, build=False, wait=0.5)
        message = str(refusal.value)
        assert "một lần đăng khác đang chạy" in message and str(host.root) in message
        assert f"tiến trình {holder.process.pid}" in message  # the holder, by process id
        with pytest.raises(PublishError, match="một lần đăng khác đang chạy"):
            rollback_waiting(host)
    finally:
        holder.release()
    assert host.current() == live and len(host.releases()) == 1  # nothing touched


def rollback_waiting(host: LocalHost) -> int:
    from zoneportal.publish.lock import target_lock

    with target_lock(host, 0.3):
        return rollback(host)


def test_two_publish_processes_at_once_both_land_whole(tmp_path: Path) -> None:
    """Two processes started together on one target: each release complete, `current` one of them,
    and the lock file left free (a third publish goes straight through)."""
    first = make_git_project(tmp_path / "du-an-1")
    second = make_git_project(tmp_path / "du-an-2")
    write_site(first, SITE_ONE)
    write_site(second, SITE_TWO)
    web = tmp_path / "web"
    spawn = multiprocessing.get_context("spawn")
    go = spawn.Event()
    readies = [spawn.Event(), spawn.Event()]
    workers = [
        spawn.Process(target=publish_when_told, args=(p, str(web), ready, go))
        for p, ready in zip((first, second), readies, strict=True)
    ]
    for worker in workers:
        worker.start()
    try:
        for ready in readies:
            assert ready.wait(60)
        go.set()
        for worker in workers:
            worker.join(120)
        assert [worker.exitcode for worker in workers] == [0, 0]
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
    host = LocalHost(web)
    releases = host.releases()
    assert len(releases) == 2 and host.current() in releases
    expected = [
        {k: v.encode() for k, v in {**site, "sitemap.xml": "<urlset/>"}.items()} for site in (SITE_ONE, SITE_TWO)
    ]
    for name in releases:
        manifest = host.manifest(name)
        assert manifest is not None
        own = {path: (host.releases_dir / name / path).read_bytes() for path in manifest.own_files()}
        assert own in expected, name
    assert (web / LOCK_FILE).read_text(encoding="utf-8") == ""  # released, nobody named as holder
    assert publish(first, host, keep=5, allow_dirty=False, build=False, wait=0) == 0
