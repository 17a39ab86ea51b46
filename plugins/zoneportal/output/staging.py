"""Write phase: one build at a time, into a folder of its own, swapped in only when it succeeded.

- A lock per site folder (`fcntl.flock` on `.<site>.lock` beside it): a second build waits, with a
  message, and gives up after a timeout. The kernel drops the lock when a build dies, however it dies.
- Each build writes into its own folder under `.<site>-builds/` (same file system as `site/`, so
  the swap is a rename).
- The swap exchanges the build folder and `site/` in one `renameat2(RENAME_EXCHANGE)`: at every
  instant `site/` is a complete site, the old one or the new one. The old site (now in the build
  folder's place) is deleted only after that. Where the kernel or file system has no exchange, two
  renames are used and a build killed between them is repaired by the next one (the old site is put
  back before anything else happens).
- A `site` that is a symlink (to a web server's folder) is honoured: its target is what is swapped,
  and the build folders live beside the target.
- Folders left by killed builds are deleted by the next build, under the lock, so never while in use.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import logging
import os
import shutil
import signal
import time
import uuid
from pathlib import Path

from ..content.problems import StaffError

log = logging.getLogger("mkdocs.plugins.zoneportal")

# Test hook: a build kills itself (SIGKILL, no clean-up) when it reaches this step of the swap.
KILL_AT_ENV = "ZONEPORTAL_TEST_KILL_AT"
# Test hook: behave as if the kernel had no renameat2(RENAME_EXCHANGE), to test the fallback.
NO_EXCHANGE_ENV = "ZONEPORTAL_TEST_NO_EXCHANGE"
STEPS = ("staged", "exchanged", "moved-aside", "moved-in", "cleaned")

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_BUILDING = ".building"
_PREVIOUS = ".previous"


class OutputError(StaffError):
    """The site folder cannot be written; `str(exc)` is for staff, in Vietnamese."""


def _reached(step: str) -> None:
    if os.environ.get(KILL_AT_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False when the kernel, libc or file system cannot."""
    if os.environ.get(NO_EXCHANGE_ENV):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # glibc < 2.28, musl, not Linux
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first))


class BuildLock:
    """`fcntl.flock` on a lock file: held by one build of a site folder at a time."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:  # info, not warning: `--strict` must not fail because another build ran
                    log.info(
                        f"zoneportal: một lần dựng khác đang chạy cho thư mục này ({self._holder(fd)}); "
                        f"đang chờ tối đa {self.timeout:.0f} giây…"
                    )
                    told = True
                if time.monotonic() >= deadline:
                    holder = self._holder(fd)
                    os.close(fd)
                    raise OutputError(
                        f"một lần dựng khác vẫn đang chạy ({holder}) sau {self.timeout:.0f} giây chờ; "
                        "hãy đợi lần đó xong rồi dựng lại (tệp khóa: "
                        f"{self.path.name})."
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def _holder(self, fd: int) -> str:
        try:
            pid = os.pread(fd, 32, 0).decode().strip()
        except (OSError, UnicodeDecodeError):
            pid = ""
        return f"tiến trình {pid}" if pid.isdigit() else "tiến trình khác"

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class StagedOutput:
    """The output of one build: `begin()` → the folder to write into; `commit()` or `abort()`."""

    def __init__(self, site_dir: Path, lock_timeout: float = 600.0) -> None:
        site_dir = Path(os.path.abspath(site_dir))
        self.site_dir = site_dir
        # A symlinked site/ (to a web server's folder): its target is the folder that is swapped.
        self.final = Path(os.path.realpath(site_dir)) if site_dir.is_symlink() else site_dir
        self.builds = self.final.parent / f".{self.final.name}-builds"
        self.lock = BuildLock(self.final.parent / f".{self.final.name}.lock", lock_timeout)
        self.staging = self.builds / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.staging = self.staging.with_name(self.staging.name + _BUILDING)

    def begin(self) -> Path:
        """Take the lock, repair or clean what killed builds left, and make this build's folder."""
        if self.site_dir.is_symlink() and not self.final.parent.is_dir():
            raise OutputError(
                f"'{self.site_dir.name}' là liên kết tới '{self.final}', nhưng thư mục chứa nó không tồn tại; "
                "hãy tạo thư mục đó hoặc sửa liên kết."
            )
        if self.site_dir.is_symlink() and not self.final.is_dir() and not self._previous_sites():
            # A typo in the link (or a loop) must not publish into a folder no web server serves;
            # a target missing because a build died mid-swap is put back by _recover instead.
            raise OutputError(
                f"'{self.site_dir.name}' là liên kết tới '{self.final}', nhưng thư mục đó không tồn tại "
                "(hoặc liên kết vòng); hãy tạo thư mục đó hoặc sửa liên kết."
            )
        if self.final.exists() and not self.final.is_dir():
            raise OutputError(f"'{self.final}' đã có và không phải thư mục; hãy xóa hoặc đổi tên tệp này.")
        try:
            self.builds.mkdir(exist_ok=True)
            self.lock.acquire()
        except PermissionError:
            raise OutputError(
                f"không có quyền ghi vào '{self.final.parent}' (cần để dựng trang vào '{self.final.name}/' "
                "rồi thay một lần); hãy cấp quyền ghi cho thư mục đó."
            ) from None
        try:
            self._recover()
            self.staging.mkdir()
        except BaseException:
            self.lock.release()
            raise
        return self.staging

    def _previous_sites(self) -> list[Path]:
        """Old sites moved aside by the two-rename swap (left there when a build died between them)."""
        if not self.builds.is_dir():
            return []
        return sorted(p for p in self.builds.iterdir() if p.name.endswith(_PREVIOUS))

    def _recover(self) -> None:
        """Under the lock, no other build is running: whatever is in the builds folder is stale."""
        previous = self._previous_sites()
        if not self.final.exists() and previous:
            # Killed between the two renames of the fallback swap: put the last complete site back.
            log.warning(f"zoneportal: khôi phục '{self.final.name}/' của lần dựng trước (lần dựng trước bị ngắt).")
            previous[-1].rename(self.final)
        for stale in self.builds.iterdir():
            _remove(stale)

    def commit(self) -> None:
        """Put the finished build in place of `site/`, then delete the old site."""
        try:
            _reached("staged")
            if not self.final.exists():
                self.staging.rename(self.final)
                _reached("moved-in")
            elif _exchange(self.staging, self.final):
                _reached("exchanged")
                _remove(self.staging)  # the old site, now in the build folder's place
            else:
                aside = self.staging.with_name(self.staging.name.removesuffix(_BUILDING) + _PREVIOUS)
                self.final.rename(aside)
                _reached("moved-aside")
                self.staging.rename(self.final)
                _reached("moved-in")
                _remove(aside)
            _reached("cleaned")
        finally:
            self.lock.release()

    def abort(self) -> None:
        _remove(self.staging)
        self.lock.release()


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
