"""Posts read and validated by an earlier build, kept on disk so that the next build parses only
the posts whose file changed (at 10 000 posts, reading and checking every file was ~12 s of CPU).

An entry is found by the digest of the post file's bytes (content decides, not size or mtime: a
fresh CI checkout has new mtimes, an editor can keep the old ones), its path in the project, and
the store's salt: our code, the versions of the YAML and schema libraries and the registries (every
post is checked against them). Paths inside the project are stored relative to it, so a cache
restored into another checkout folder (CI runners) is still used. An entry also records the state
of every file or folder the reading looked up beside the post (photos, gallery folders, linked
attachments); it is reused only while each state is the same. Photos are probed again on every
build (through the photo cache, which knows unchanged photos), so their problems stay current.

What an entry holds is exactly what checking the file again would give: the post as read, the post
as checked against the registries, and every problem in order — a cached post's errors and
warnings are reported on every build, as if the file had been read.

The file (`posts.pickle` in the build cache folder): one JSON header line (tool, format, salt), then
a pickle of the entries. It is written by our own builds into the project's own `.cache/`; one
that cannot be read, or comes from another tool or format, is dropped with a one-line notice.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import pickle
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PosixPath, PurePath, PurePosixPath
from typing import Any, BinaryIO

from ..digests import files_digest, package_digest
from .attachments import link_state
from .bulk import in_bulk
from .post import Post
from .problems import Problem
from .reader import reference_state

FILE_NAME = "posts.pickle"
TOOL = "zoneportal-posts"
FORMAT = 1
# Libraries whose behaviour decides what a post file reads as.
READING_DISTRIBUTIONS = ("pyyaml", "pydantic", "python-frontmatter", "nh3", "pillow")
LINK = "link"


@dataclass(frozen=True)
class StoredPost:
    """One post file, checked: what `validate._check_post` found, photo problems aside."""

    read: Post | None  # as read, before the registry checks (photos are checked from it)
    checked: Post | None  # as checked against the registries; None when it cannot be published
    before_photos: tuple[Problem, ...]  # reading and registry problems
    after_photos: tuple[Problem, ...]  # attachment problems
    # (kind, src) of every file or folder looked up beside the post, with what was found.
    references: tuple[tuple[str, str], ...] = ()
    states: tuple[tuple[object, ...], ...] = ()

    def still_valid(self, folder: Path) -> bool:
        return current_states(folder, self.references) == self.states


def current_states(folder: Path, references: tuple[tuple[str, str], ...]) -> tuple[tuple[object, ...], ...]:
    return tuple(
        link_state(folder, src) if kind == LINK else reference_state(folder, kind, src) for kind, src in references
    )


@dataclass
class PostStore:
    """The entries of one build cache folder; `open(salt)` before use, `save()` after the build."""

    file: Path
    salt: str = ""
    entries: dict[str, StoredPost] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    added: int = 0
    reused: int = 0
    notice: str | None = None  # one line for staff when the stored file was unusable
    root: Path = Path()
    # Related posts of the last build (post → its related posts) and the classification they were
    # computed from (index/related.py): a post whose text alone changed does not change them.
    related_signature: str | None = None
    related: dict[Path, list[Path]] = field(default_factory=dict)
    _saved_related: str | None = None

    @in_bulk
    def open(self, salt: str, root: Path) -> None:
        """Load the entries stored under `salt`; another salt (code or registries changed) starts empty."""
        if self.salt == salt and self.root == root:
            return
        self.salt, self.root, self.entries, self.used = salt, root, {}, set()
        self.related_signature, self.related, self._saved_related = None, {}, None
        try:
            with self.file.open("rb") as handle:
                header = json.loads(handle.readline())
                if not isinstance(header, dict) or header.get("tool") != TOOL or header.get("format") != FORMAT:
                    raise ValueError("not ours")
                if header.get("salt") != salt:
                    return
                entries, related_signature, related = _RootedUnpickler(handle, root).load()
            if not isinstance(entries, dict) or not all(isinstance(v, StoredPost) for v in entries.values()):
                raise ValueError("not ours")
            if not isinstance(related, dict) or not isinstance(related_signature, str | None):
                raise ValueError("not ours")
        except FileNotFoundError:
            return
        except Exception:
            self.notice = (
                f"Bộ nhớ đệm bài viết {self.file} không dùng được (hỏng hoặc không phải của zoneportal): "
                "đọc lại toàn bộ bài viết."
            )
            return
        self.entries = entries
        self.related_signature = self._saved_related = related_signature
        self.related = related

    def key(self, path: Path, data: bytes) -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(os.fsencode(_relative(path, self.root)) + b"\0")
        h.update(data)
        return h.hexdigest()

    def get(self, key: str, folder: Path) -> StoredPost | None:
        entry = self.entries.get(key)
        if entry is None or not entry.still_valid(folder):
            return None
        self.used.add(key)
        self.reused += 1
        return entry

    def put(self, key: str, entry: StoredPost) -> None:
        self.entries[key] = entry
        self.used.add(key)
        self.added += 1

    @in_bulk
    def save(self) -> None:
        """Keep the entries this build used (deleted or edited posts' old entries go); written only
        when something changed, atomically (a build killed mid-write leaves the old file)."""
        unchanged = not self.added and self.used == set(self.entries)
        if not self.salt or (unchanged and self.related_signature == self._saved_related):
            return
        kept = {key: self.entries[key] for key in sorted(self.used)}
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_name(self.file.name + ".part")
        with partial.open("wb") as handle:
            header = {"tool": TOOL, "format": FORMAT, "salt": self.salt}
            handle.write(json.dumps(header).encode() + b"\n")
            _RootedPickler(handle, self.root).dump((kept, self.related_signature, self.related))
        os.replace(partial, self.file)
        self.entries, self._saved_related = kept, self.related_signature


def _relative(path: Path, root: Path) -> str:
    """`os.path.relpath(path, root)`, compared as text for a path inside `root` (every post's)."""
    written, base = os.path.abspath(path), os.path.abspath(root)
    inside = base if base.endswith("/") else base + "/"
    if written != base and written.startswith(inside):
        return written[len(inside) :]
    return os.path.relpath(written, base)


class _RootedPickler(pickle.Pickler):
    """Paths inside the project are written relative to it (posts and photos hold absolute ones).

    Through the dispatch table, which the pickler consults for paths alone (a `persistent_id` hook
    was called for each of the ~120 objects a post holds: half the time of saving the store)."""

    def __init__(self, handle: BinaryIO, root: Path) -> None:
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._root = root
        self.dispatch_table = {PosixPath: self._reduce_path, PurePosixPath: self._reduce_path}

    def _reduce_path(self, path: PurePath) -> tuple[Any, ...]:
        if path.is_absolute():
            try:
                return (_project_path, (path.relative_to(self._root).as_posix(),))
            except ValueError:
                pass
        return path.__reduce__()


def _project_path(relative: str) -> Path:
    """Stands for a path inside the project in a store; loading resolves it against the project
    (`_RootedUnpickler.find_class`), never by calling this."""
    raise pickle.UnpicklingError(f"not ours: {relative}")


class _RootedUnpickler(pickle.Unpickler):
    def __init__(self, handle: BinaryIO, root: Path) -> None:
        super().__init__(handle)
        self._root = root

    def _project_path(self, relative: object) -> Path:
        if not isinstance(relative, str):
            raise pickle.UnpicklingError("not ours")
        return self._root / relative if relative != "." else self._root

    def find_class(self, module: str, name: str) -> Any:
        """Only the types a store holds: a cache restored by CI from a shared store must not be able
        to name a function (a pickle calls what it names: `os.system` would run on load)."""
        if (module, name) == (__name__, _project_path.__name__):
            return self._project_path
        found = super().find_class(module, name)
        if (module, name) in _PLAIN_TYPES:
            return found
        ours = module == "zoneportal" or module.startswith("zoneportal.")
        if ours and isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)):
            return found
        raise pickle.UnpicklingError(f"not ours: {module}.{name}")


_PLAIN_TYPES = frozenset(
    {
        ("datetime", "datetime"),
        ("datetime", "date"),
        ("datetime", "time"),
        ("datetime", "timedelta"),
        ("datetime", "timezone"),
        ("pathlib", "PosixPath"),
        ("pathlib", "PurePosixPath"),
        ("builtins", "set"),
        ("builtins", "frozenset"),
    }
)


def reading_salt(registry_files: list[Path]) -> str:
    """What every entry depends on besides its own file: our code, the reading libraries and the
    registries' bytes."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{FORMAT}\0{sys.version_info[:2]}\0".encode())
    for name in READING_DISTRIBUTIONS:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-\0".encode())
    h.update(f"{package_digest()}\0{files_digest(registry_files)}".encode())
    return h.hexdigest()
