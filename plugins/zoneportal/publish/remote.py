"""`user@host:/path`: releases on another machine, through Debian's `rsync` and `openssh-client`.

rsync sends only files whose content changed (`--checksum`) and hard-links the rest to the previous
release on the server (`--link-dest`); small shell commands over ssh do the rest, each a single step
that cannot leave the server half-switched (`mv -T` is one rename). ssh runs with BatchMode (a CI
job has no one to type a password): the key must be in the agent or given in ZONEPORTAL_SSH.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from .hosts import CURRENT, INCOMING, RELEASES, PublishError
from .manifest import SUFFIX, Manifest
from .release import is_release_name

# How to run ssh, for rsync's -e as well: e.g. "ssh -p 2222 -i /duong/dan/khoa" (environment variable).
SSH_ENV = "ZONEPORTAL_SSH"


class RemoteHost:
    def __init__(self, login: str, path: str) -> None:
        self.login = login  # user@host
        self.path = path.rstrip("/") or "/"
        self.label = f"{login}:{self.path}"
        # One connection for the dozen commands of a publish (ControlMaster), closed soon after.
        control = f"{tempfile.gettempdir()}/zoneportal-ssh-%C"
        self.ssh = [
            *shlex.split(os.environ.get(SSH_ENV, "ssh")),
            *("-o", "BatchMode=yes", "-o", "ControlMaster=auto", "-o", f"ControlPath={control}"),
            *("-o", "ControlPersist=20s"),
        ]
        for tool in (self.ssh[0], "rsync"):
            if shutil.which(tool) is None:
                raise PublishError(
                    f"không tìm thấy lệnh '{tool}' để đăng lên {self.label} (cài gói rsync và openssh-client)."
                )

    def _run(self, script: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [*self.ssh, self.login, script], input=stdin, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise PublishError(
                f"lệnh trên máy chủ {self.login} thất bại ({result.returncode}): {result.stderr.strip()}"
            )
        return result.stdout

    def _quoted(self, *parts: str) -> str:
        return shlex.quote("/".join([self.path, *parts]))

    def releases(self) -> list[str]:
        listing = self._run(f"mkdir -p {self._quoted(RELEASES)} && ls -1 {self._quoted(RELEASES)}")
        names = [name for name in listing.splitlines() if is_release_name(name)]
        return sorted(name for name in names)

    def current(self) -> str | None:
        target = self._run(f"readlink {self._quoted(CURRENT)} || true").strip()
        return target.rsplit("/", 1)[-1] or None

    def manifest(self, release: str) -> Manifest | None:
        text = self._run(f"cat {self._quoted(RELEASES, release + SUFFIX)} 2>/dev/null || true")
        return Manifest.from_json(text) if text.strip() else None

    def upload(self, site_dir: Path, manifest: Manifest, previous: str | None, extras: dict[str, Path]) -> None:
        incoming = f"{INCOMING}{manifest.release}"
        with tempfile.TemporaryDirectory(prefix=".publish-", dir=site_dir.parent) as staging:
            tree = Path(staging) / "tree"
            _link_tree(site_dir, tree, [p for p in manifest.files if p not in manifest.carried], extras)
            command = ["rsync", "-rlc", "--delete", "--chmod=D755,F644", "-e", shlex.join(self.ssh)]
            if previous:
                command.append(f"--link-dest=../{previous}/")
            command += [f"{tree}/", f"{self.login}:{self.path}/{RELEASES}/{incoming}/"]
            self._run(f"rm -rf {self._quoted(RELEASES, incoming)}")
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise PublishError(f"rsync tới {self.label} thất bại ({result.returncode}): {result.stderr.strip()}")
        if manifest.carried and previous:
            releases = self._quoted(RELEASES)
            self._run(
                f'cd {releases} && while IFS= read -r p; do mkdir -p "{incoming}/$(dirname "$p")" '
                f'&& ln -f "{previous}/$p" "{incoming}/$p" || exit 1; done',
                stdin="".join(f"{path}\n" for path in manifest.carried),
            )
        self._run(f"cat > {self._quoted(RELEASES, manifest.release + SUFFIX)}", stdin=manifest.to_json())
        self._run(f"mv {self._quoted(RELEASES, incoming)} {self._quoted(RELEASES, manifest.release)}")

    def switch(self, release: str) -> None:
        temporary = self._quoted(f".{CURRENT}-{release}")
        self._run(
            f"ln -sfn {shlex.quote(RELEASES + '/' + release)} {temporary} && mv -T {temporary} {self._quoted(CURRENT)}"
        )

    def remove(self, release: str) -> None:
        self._run(f"rm -rf {self._quoted(RELEASES, release)} {self._quoted(RELEASES, release + SUFFIX)}")


def _link_tree(site_dir: Path, tree: Path, paths: list[str], extras: dict[str, Path]) -> None:
    """What rsync sends: the site's files plus extras, as hard links where the file system allows."""
    for path, source in [*((p, site_dir / p) for p in paths), *extras.items()]:
        target = tree / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
