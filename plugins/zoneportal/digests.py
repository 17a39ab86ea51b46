"""Digests of files by name and content, for the caches' keys and salts (never by mtime: a fresh CI
checkout has new ones)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """Digest of files' names (relative to `root`, or the bare name without one) and contents."""
    h = hashlib.blake2b(digest_size=20)
    for path in sorted(paths):
        name = path.relative_to(root).as_posix() if root is not None else path.name
        h.update(name.encode("utf-8", "surrogatepass") + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"\1missing")
        h.update(b"\0")
    return h.hexdigest()


def tree_digest(folder: Path) -> str:
    if not folder.is_dir():
        return "-"
    return files_digest((p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts), folder)


PACKAGE = Path(__file__).resolve().parent


@cache
def package_digest() -> str:
    """Our package's files (code, templates, assets), read once a process: every cache salts with it,
    and it cannot change under a running build (new code needs a new process)."""
    return tree_digest(PACKAGE)
