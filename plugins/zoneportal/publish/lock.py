"""One publish (or rollback) at a time per target.

Two runs on the same target at once (the scheduled CI run meeting a push to main, or two staff machines)
would each read the same `current`, upload into releases/ and prune what the other just made. Each run
therefore holds a lock on the target for as long as it touches it: `flock(2)` on a file in the target
folder for a local target, and the same through `flock(1)` in an ssh session for `user@host:/path`. The
kernel drops a flock when its holder dies, so a crashed run never leaves a stale lock behind (a lock
folder made with `mkdir` would).

The second run waits for the first (up to `--wait` seconds), then refuses in Vietnamese.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shlex
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ..vi import VIETNAM_TZ
from .hosts import Host, LocalHost, PublishError
from .remote import RemoteHost

LOCK_FILE = ".zoneportal-publish.lock"
DEFAULT_WAIT = 600.0  # seconds: longer than one publish of a large portal, shorter than a CI job's limit
POLL = 0.2
BUSY_EXIT = 75  # EX_TEMPFAIL: the remote lock was not free in time


def _holder_line() -> str:
    now = datetime.now(VIETNAM_TZ).isoformat(timespec="seconds")
    return f"tiến trình {os.getpid()} trên máy {socket.gethostname()}, từ {now}\n"


def _busy(label: str, wait: float, holder: str) -> PublishError:
    who = f" ({holder.strip()})" if holder.strip() else ""
    return PublishError(
        f"một lần đăng khác đang chạy trên {label}{who}; đã chờ {wait:g} giây mà chưa xong. "
        "Hãy đợi lần đó kết thúc rồi đăng lại (hoặc chờ lâu hơn với --wait)."
    )


def _waiting(label: str, holder: str) -> None:
    who = f" ({holder.strip()})" if holder.strip() else ""
    print(f"Đang chờ lần đăng khác trên {label} kết thúc{who}…", flush=True)


@contextmanager
def local_lock(root: Path, label: str, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold the target's lock file (created in the target folder) while the block runs."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK_FILE
    # Opened without truncating: the holder's line stays readable until we own the lock.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = path.read_text(encoding="utf-8", errors="replace")
                if time.monotonic() >= deadline:
                    raise _busy(label, wait, holder) from None
                if not told:
                    _waiting(label, holder)
                    told = True
                time.sleep(POLL)
        os.ftruncate(fd, 0)
        os.pwrite(fd, _holder_line().encode("utf-8"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def remote_lock_script(quoted_root: str, wait: float) -> str:
    """The shell run over ssh: take flock on the lock file (saying BUSY and who holds it first if it has
    to wait), say LOCKED, write what we send (who we are) into the file, and hold the lock until our end
    closes the session's stdin (or the connection dies)."""
    lock = f"{quoted_root}/{LOCK_FILE}"
    seconds = max(0, round(wait))
    return (
        f"mkdir -p {quoted_root} && exec 9>>{lock} || exit 1; "
        f"if ! flock -n 9; then echo BUSY; cat {lock}; echo END; flock -w {seconds} 9 || exit {BUSY_EXIT}; fi; "
        f"echo LOCKED; cat > {lock}"
    )


@contextmanager
def remote_lock(command: list[str], label: str, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """`command` is the ssh invocation running `remote_lock_script`; the lock lives as long as it does."""
    session = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert session.stdin is not None and session.stdout is not None
    try:
        line = session.stdout.readline().strip()
        holder = ""
        if line == "BUSY":
            for held in iter(session.stdout.readline, ""):
                if held.strip() == "END":
                    break
                holder += held
            _waiting(label, holder)
            line = session.stdout.readline().strip()
        if line != "LOCKED":
            session.stdin.close()
            code = session.wait(timeout=30)
            if code == BUSY_EXIT:
                raise _busy(label, wait, holder)
            error = session.stderr.read().strip() if session.stderr else ""
            if "flock" in error and ("not found" in error or "không tìm thấy" in error):
                raise PublishError(f"máy chủ {label} không có lệnh flock (gói util-linux) để giữ khóa khi đăng.")
            raise PublishError(f"không giữ được khóa đăng trên {label} ({code}): {error}")
        session.stdin.write(_holder_line())
        session.stdin.flush()
        yield
    finally:
        if session.poll() is None:
            session.stdin.close()
            try:
                session.wait(timeout=30)
            except subprocess.TimeoutExpired:
                session.kill()
                session.wait()


def target_lock(host: Host, wait: float = DEFAULT_WAIT) -> contextlib.AbstractContextManager[None]:
    """The lock of whatever `host` is: a local folder or `user@host:/path`."""
    if isinstance(host, LocalHost):
        return local_lock(host.root, host.label, wait)
    if isinstance(host, RemoteHost):
        script = remote_lock_script(shlex.quote(host.path), wait)
        return remote_lock([*host.ssh, host.login, script], host.label, wait)
    raise TypeError(f"no lock for {type(host).__name__}")
