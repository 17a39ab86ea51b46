"""`zoneportal publish user@host:/path`: rsync and ssh against a throwaway OpenSSH server on 127.0.0.1.

The server (Debian's openssh-server) runs in the foreground on a free port with its own host key,
accepting one key made for the test; ssh reaches it through ZONEPORTAL_SSH, as a CI job would. The
"remote" web root is a folder of this machine, so the result is checked on disk. The path has a space
in it: every remote command must quote it.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kit.releasekit import SITE_ONE, SITE_TWO, make_git_project, tree, write_site
from kit.webserver import free_port
from zoneportal.publish.command import list_releases, publish, rollback
from zoneportal.publish.hosts import LocalHost, PublishError
from zoneportal.publish.lock import target_lock
from zoneportal.publish.remote import SSH_ENV, RemoteHost
from zoneportal.publish.target import open_target

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"


@pytest.fixture(scope="module")
def ssh_login(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    missing = [
        tool for tool in (SSHD, "ssh", "ssh-keygen", "rsync") if not shutil.which(tool) and not Path(tool).is_file()
    ]
    if missing:
        if IN_CI:
            pytest.fail(f"CI must run the SSH publish test, but {missing} not installed", pytrace=False)
        pytest.skip(f"not installed: {missing} (apt-get install openssh-server openssh-client rsync)")
    root = tmp_path_factory.mktemp("sshd")
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(root / key)], check=True)
    (root / "authorized_keys").write_text((root / "client_key.pub").read_text())
    os.chmod(root / "authorized_keys", 0o600)
    port = free_port()
    (root / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {root / 'host_key'}\nPidFile {root / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {root / 'authorized_keys'}\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "UsePAM no\nStrictModes no\nPermitRootLogin prohibit-password\nSubsystem sftp internal-sftp\n"
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege-separation folder (made by the service normally)
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(root / "sshd_config")], stderr=subprocess.PIPE)
    ssh = (
        f"ssh -p {port} -i {root / 'client_key'} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        "-o LogLevel=ERROR"
    )
    login = f"{getpass.getuser()}@127.0.0.1"
    deadline = time.monotonic() + 20  # a readiness wait, not a timed assertion
    while True:
        probe = subprocess.run([*ssh.split(), "-o", "BatchMode=yes", login, "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            break
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            error = server.stderr.read().decode() if server.stderr else ""
            pytest.fail(f"throwaway sshd did not accept the test key: {probe.stderr!r}\n{error}")
        time.sleep(0.2)
    previous = os.environ.get(SSH_ENV)
    os.environ[SSH_ENV] = ssh
    yield login
    if previous is None:
        os.environ.pop(SSH_ENV, None)
    else:
        os.environ[SSH_ENV] = previous
    server.terminate()
    server.wait(timeout=15)


def test_publish_over_ssh_links_carries_rolls_back(ssh_login: str, tmp_path: Path, capsys) -> None:
    project = make_git_project(tmp_path / "du an")
    webroot = tmp_path / "máy chủ" / "web root"
    host = open_target(f"{ssh_login}:{webroot}")
    assert isinstance(host, RemoteHost)
    on_disk = LocalHost(webroot)  # the same folder, read directly to check what ssh and rsync did

    write_site(project, SITE_ONE)
    assert publish(project, host, keep=5, allow_dirty=False, build=False) == 0
    first = on_disk.current()
    assert first and os.readlink(webroot / "current") == f"releases/{first}"
    served_first = tree(webroot / "current")
    assert served_first["index.html"] == SITE_ONE["index.html"].encode()
    assert oct((webroot / "current" / "index.html").stat().st_mode & 0o777) == "0o644"

    write_site(project, SITE_TWO)
    assert publish(project, host, keep=5, allow_dirty=False, build=False) == 0
    second = on_disk.current()
    assert second and second > first
    out = capsys.readouterr().out
    assert "Trang mới: /tin/c/" in out and "Trang bỏ: /tin/a/" in out
    old_dir, new_dir = webroot / "releases" / first, webroot / "releases" / second
    assert (new_dir / "sitemap.xml").stat().st_ino == (old_dir / "sitemap.xml").stat().st_ino  # rsync --link-dest
    assert (new_dir / "assets/zp.1111111111.css").stat().st_ino == (old_dir / "assets/zp.1111111111.css").stat().st_ino
    assert not (new_dir / "tin/a/index.html").exists()
    assert host.manifest(second) == on_disk.manifest(second)

    capsys.readouterr()
    assert list_releases(host) == 0
    assert f"{second}  (commit" in capsys.readouterr().out
    assert rollback(host) == 0
    assert on_disk.current() == first and tree(webroot / "current") == served_first
    assert not list((webroot / "releases").glob(".incoming-*"))


def test_a_second_publish_over_ssh_waits_then_refuses(ssh_login: str, tmp_path: Path, capsys) -> None:
    """The remote lock: while one session holds it (flock in its own ssh process on the server), a
    publish to the same `user@host:/path` waits, and refuses in Vietnamese when the wait runs out; once
    the holder lets go, the waiting publish goes through. A local publish into the same folder honours
    the same lock file."""
    project = make_git_project(tmp_path / "du an")
    webroot = tmp_path / "máy chủ" / "web root"
    target = f"{ssh_login}:{webroot}"
    write_site(project, SITE_ONE)

    holding = target_lock(open_target(target), wait=5)
    holding.__enter__()
    try:
        with pytest.raises(PublishError, match="một lần đăng khác đang chạy") as refusal:
            publish(project, open_target(target), keep=5, allow_dirty=False, build=False, wait=1)
        assert "tiến trình" in str(refusal.value)  # the holder, named from the lock file
        with pytest.raises(PublishError, match="một lần đăng khác đang chạy"):
            publish(project, LocalHost(webroot), keep=5, allow_dirty=False, build=False, wait=0.5)
        assert not (webroot / "releases").exists() or not list((webroot / "releases").iterdir())
        results: list[int] = []
        waiting = threading.Thread(
            target=lambda: results.append(
                publish(project, open_target(target), keep=5, allow_dirty=False, build=False, wait=60)
            )
        )
        waiting.start()
        time.sleep(2.0)
        assert waiting.is_alive() and results == []
    finally:
        holding.__exit__(None, None, None)
    waiting.join(timeout=120)
    assert results == [0]
    assert "Đang chờ lần đăng khác" in capsys.readouterr().out
    assert LocalHost(webroot).current() is not None
