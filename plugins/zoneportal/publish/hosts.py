"""Where releases live. `LocalHost` is a folder on this machine (a web root, or a mounted share);
`RemoteHost` (remote.py) is `user@host:/path`, reached with rsync and ssh. Both do the same six things,
so publish, rollback and list are written once (command.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Protocol

from .manifest import SUFFIX, Manifest
from .release import is_release_name

RELEASES = "releases"
CURRENT = "current"
INCOMING = ".incoming-"
DIR_MODE = 0o755  # the web server's account must read every file
FILE_MODE = 0o644


class PublishError(Exception):
    """A refusal or failure to tell staff, in Vietnamese."""


class Host(Protocol):
    label: str

    def releases(self) -> list[str]: ...

    def current(self) -> str | None: ...

    def manifest(self, release: str) -> Manifest | None: ...

    def upload(self, site_dir: Path, manifest: Manifest, previous: str | None, extras: dict[str, Path]) -> None:
        """Put the new release in place (not yet live): files of `site_dir` plus `extras` (release path ->
        local file), unchanged files hard-linked to `previous`, and `manifest.carried` linked from it."""
        ...

    def switch(self, release: str) -> None: ...

    def remove(self, release: str) -> None: ...


class LocalHost:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = str(root)

    @property
    def releases_dir(self) -> Path:
        return self.root / RELEASES

    def releases(self) -> list[str]:
        if not self.releases_dir.is_dir():
            return []
        return sorted(p.name for p in self.releases_dir.iterdir() if p.is_dir() and is_release_name(p.name))

    def current(self) -> str | None:
        link = self.root / CURRENT
        if not link.is_symlink():
            return None
        return Path(os.readlink(link)).name

    def manifest(self, release: str) -> Manifest | None:
        path = self.releases_dir / f"{release}{SUFFIX}"
        return Manifest.from_json(path.read_text(encoding="utf-8")) if path.is_file() else None

    def upload(self, site_dir: Path, manifest: Manifest, previous: str | None, extras: dict[str, Path]) -> None:
        self.releases_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, os.stat(self.root).st_mode | 0o055)
        os.chmod(self.releases_dir, DIR_MODE)
        incoming = self.releases_dir / f"{INCOMING}{manifest.release}"
        shutil.rmtree(incoming, ignore_errors=True)  # a publish that died half-way
        old = self.manifest(previous) if previous else None
        old_files = old.files if old else {}
        old_dir = self.releases_dir / previous if previous else None
        sources = {path: site_dir / path for path in manifest.files if path not in manifest.carried}
        sources.update(extras)
        for path, digest in manifest.files.items():
            target = incoming / path
            target.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
            if old_dir is not None and old_files.get(path) == digest:
                os.link(old_dir / path, target)  # unchanged since the previous release: no second copy
            else:
                shutil.copyfile(sources[path], target)
                os.chmod(target, FILE_MODE)
        for folder, _dirs, _names in os.walk(incoming):
            os.chmod(folder, DIR_MODE)
        (self.releases_dir / f"{manifest.release}{SUFFIX}").write_text(manifest.to_json(), encoding="utf-8")
        incoming.rename(self.releases_dir / manifest.release)

    def switch(self, release: str) -> None:
        """A new symlink beside `current`, renamed over it: rename(2) is atomic, so every request sees
        either the old release or the new one, never a missing `current`."""
        live = self.root / CURRENT
        if live.exists() and not live.is_symlink():
            raise PublishError(
                f"{live} là thư mục thật, không phải liên kết do zoneportal tạo; hãy đổi tên nó rồi đăng lại."
            )
        temporary = self.root / f".{CURRENT}-{release}"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        temporary.symlink_to(f"{RELEASES}/{release}")
        os.replace(temporary, self.root / CURRENT)

    def remove(self, release: str) -> None:
        shutil.rmtree(self.releases_dir / release, ignore_errors=True)
        (self.releases_dir / f"{release}{SUFFIX}").unlink(missing_ok=True)
