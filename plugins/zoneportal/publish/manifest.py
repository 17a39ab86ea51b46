"""What a release holds: every file's path and content hash. Decides what is hard-linked, what is carried
over from the previous release and what changed, without reading the previous release's files again."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

SUFFIX = ".manifest.json"


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass
class Manifest:
    release: str
    commit: str
    created: str
    files: dict[str, str] = field(default_factory=dict)  # site path -> sha256
    # Files kept from the release before (hashed assets a page of that release may still ask for);
    # they are not carried again, so they live for one release only.
    carried: list[str] = field(default_factory=list)

    @classmethod
    def of_tree(cls, root: Path, release: str, commit: str, created: str) -> Manifest:
        files = {}
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder, name)
                if path.is_symlink():
                    continue  # a site has no symlinks; one would point outside the release
                files[path.relative_to(root).as_posix()] = file_digest(path)
        return cls(release, commit, created, dict(sorted(files.items())))

    def own_files(self) -> dict[str, str]:
        carried = set(self.carried)
        return {path: digest for path, digest in self.files.items() if path not in carried}

    def to_json(self) -> str:
        data = {
            "release": self.release,
            "commit": self.commit,
            "created": self.created,
            "files": self.files,
            "carried": self.carried,
        }
        return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(data["release"], data["commit"], data["created"], dict(data["files"]), list(data["carried"]))


@dataclass(frozen=True)
class ChangeSummary:
    """Pages (HTML files, shown as their URLs) added, changed and removed between two releases."""

    added: list[str]
    changed: list[str]
    removed: list[str]
    files_changed: int
    files_unchanged: int

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def page_url(path: str) -> str:
    if path == "index.html":
        return "/"
    return "/" + path.removesuffix("index.html") if path.endswith("/index.html") else "/" + path


def compare(before: Manifest | None, after: Manifest) -> ChangeSummary:
    old = before.own_files() if before else {}
    new = after.own_files()
    pages_old = {p for p in old if p.endswith(".html")}
    pages_new = {p for p in new if p.endswith(".html")}
    unchanged = sum(1 for path, digest in new.items() if old.get(path) == digest)
    return ChangeSummary(
        added=sorted(page_url(p) for p in pages_new - pages_old),
        changed=sorted(page_url(p) for p in pages_new & pages_old if old[p] != new[p]),
        removed=sorted(page_url(p) for p in pages_old - pages_new),
        files_changed=len(new) - unchanged,
        files_unchanged=unchanged,
    )
