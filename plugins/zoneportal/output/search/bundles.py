"""Pagefind bundles of search shards kept between builds, so a shard whose documents did not change
is not indexed again (Pagefind over 10 000 documents is ~16 s of CPU; one shard of 2 000, ~3 s).

    <cache>/search/<key>/bundle/...   Pagefind's output for one shard, as it wrote it
    <cache>/search/<key>/files.json   [[relative path, size], ...], written last: a bundle without
                                      it (a build died while storing) or with a file of another size
                                      is dropped and the shard indexed again

The key is a digest of the shard's documents (every field, in order), the Pagefind version, the
language, a format number and a salt (the code that renders documents). Files are hard-linked into
the site; nothing in the site is ever written through such a link (the manifest of shards is a new
file).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
from functools import cache
from importlib import metadata
from pathlib import Path

from ..folders import Folders
from .shards import SearchShard

FORMAT = 1
ENTRY = "pagefind-entry.json"
# What an older shard needs in the site: Pagefind's mergeIndex loads the entry, the metadata and
# the chunks; its script, worker, wasm and UI files come from the primary.
_MERGED_PARTS = ("index", "filter", "fragment")
FILES = "files.json"
BUNDLE = "bundle"


@cache
def pagefind_version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:  # pragma: no cover - pagefind is a dependency
        return "?"


@cache
def code_salt() -> str:
    """What renders a search document and lays out a bundle: these modules' source."""
    here = Path(__file__).parent
    h = hashlib.blake2b(digest_size=20)
    for name in ("documents.py", "pagefind.py", "shards.py", "bundles.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()


def shard_key(shard: SearchShard, language: str, salt: str) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(repr((FORMAT, pagefind_version(), language, code_salt(), salt)).encode())
    for doc in shard.documents:
        h.update(b"\0" + repr(doc).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class BundleCache:
    """`folder`: where bundles are kept (inside the build cache); `salt`: the build cache's code salt."""

    def __init__(self, folder: Path, salt: str = "") -> None:
        self.folder = folder
        self.salt = salt

    def _files(self, key: str) -> list[tuple[str, int]] | None:
        try:
            listed = json.loads((self.folder / key / FILES).read_text(encoding="utf-8"))
            return [(str(name), int(size)) for name, size in listed]
        except (OSError, ValueError, TypeError):
            return None

    def place(self, key: str, target: Path, *, everything: bool) -> bool:
        """Link the stored bundle `key` into `target`; False when it is not stored or is damaged."""
        files = self._files(key)
        root = self.folder / key / BUNDLE
        if files is None or not all(_size(root / name) == size for name, size in files):
            shutil.rmtree(self.folder / key, ignore_errors=True)
            return False
        # Named from files.json, not found by walking the bundle again; each folder made once.
        folders = Folders()
        for name in published([name for name, _size in files], everything=everything):
            destination = f"{target}/{name}"
            folders.make(os.path.dirname(destination))
            link_or_copy(root / name, Path(destination))
        return True

    def store(self, key: str, output: Path) -> None:
        """Keep a fresh Pagefind output (moved, not copied) under `key`."""
        stored = self.folder / key
        shutil.rmtree(stored, ignore_errors=True)
        stored.mkdir(parents=True)
        shutil.move(str(output), stored / BUNDLE)
        root = stored / BUNDLE
        files = [[p.relative_to(root).as_posix(), p.stat().st_size] for p in sorted(root.rglob("*")) if p.is_file()]
        partial = stored / f"{FILES}.part"
        partial.write_text(json.dumps(files), encoding="utf-8")
        partial.replace(stored / FILES)

    def prune(self, used: set[str]) -> None:
        """Drop every bundle this build did not use."""
        if not self.folder.is_dir():
            return
        for stored in self.folder.iterdir():
            if stored.name not in used:
                shutil.rmtree(stored, ignore_errors=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def bundle_files(output: Path, *, everything: bool) -> list[Path]:
    """The files of a Pagefind output a shard publishes (all of them for the primary)."""
    files = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())
    return [output / name for name in published(files, everything=everything)]


def published(names: list[str], *, everything: bool) -> list[str]:
    """Of a Pagefind output's files (relative posix names), those a shard publishes."""
    if everything:
        return names
    return [
        name
        for name in names
        if posixpath.basename(name) == ENTRY or name.endswith(".pf_meta") or name.split("/")[0] in _MERGED_PARTS
    ]


def link_or_copy(source: Path, destination: Path) -> None:
    try:
        os.link(source, destination)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, destination)
