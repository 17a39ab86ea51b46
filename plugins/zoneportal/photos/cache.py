"""Content-hash cache of encoded variants, in a folder outside site/ (default `.cache/zoneportal/images/`).

    sources.json        path → size, mtime, SHA-256 and header of each photo seen: a rebuild with
                        unchanged photos reads no photo at all
    ab/<key>/           one entry per photo content and settings (`variants.content_key`):
        480.webp …      the variants
        manifest.json   written last; an entry is complete when it exists

Entries are written to a temporary folder and renamed into place, so an interrupted build never
leaves half an entry that a later build would trust.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .variants import SourceInfo

SOURCES_FILE = "sources.json"
MANIFEST = "manifest.json"
_FORMAT = 1


class ImageCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._sources: dict[str, dict[str, Any]] | None = None
        self._seen: set[str] = set()

    # --- entries -------------------------------------------------------------------------------

    def entry(self, key: str) -> Path:
        return self.root / key[:2] / key

    def has(self, key: str) -> bool:
        return (self.entry(key) / MANIFEST).is_file()

    def variant_path(self, key: str, name: str) -> Path:
        return self.entry(key) / name

    def store(self, key: str, files: Mapping[str, bytes], manifest: Mapping[str, Any]) -> None:
        """Write one complete entry atomically; if another process won the race, keep theirs."""
        final = self.entry(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=final.parent))
        try:
            for name, data in files.items():
                (staging / name).write_bytes(data)
            (staging / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
            try:
                staging.rename(final)
            except OSError:
                if not self.has(key):
                    shutil.rmtree(final, ignore_errors=True)
                    staging.rename(final)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def prune(self, keep: set[str]) -> int:
        """Drop entries no photo of this build uses (and leftovers of interrupted writes)."""
        removed = 0
        if not self.root.is_dir():
            return removed
        for bucket in self.root.iterdir():
            if not bucket.is_dir() or len(bucket.name) != 2:
                continue
            for entry in bucket.iterdir():
                if entry.name not in keep:
                    shutil.rmtree(entry, ignore_errors=True)
                    removed += 1
            if not any(bucket.iterdir()):
                bucket.rmdir()
        return removed

    # --- what each source file was, by path and stat ---------------------------------------------

    def _load_sources(self) -> dict[str, dict[str, Any]]:
        if self._sources is None:
            self._sources = {}
            try:
                data = json.loads((self.root / SOURCES_FILE).read_text(encoding="utf-8"))
                if data.get("format") == _FORMAT and isinstance(data.get("sources"), dict):
                    self._sources = data["sources"]
            except (OSError, ValueError):
                pass  # no cache yet, or a damaged one: start again
        return self._sources

    def known_source(self, path: Path) -> tuple[str, SourceInfo] | None:
        """Digest and header of a photo unchanged since a previous build (same size and mtime)."""
        stat = path.stat()
        record = self._load_sources().get(str(path))
        self._seen.add(str(path))
        if not record or record.get("size") != stat.st_size or record.get("mtime_ns") != stat.st_mtime_ns:
            return None
        try:
            return record["digest"], SourceInfo(**record["info"])
        except (KeyError, TypeError):
            return None

    def remember_source(self, path: Path, digest: str, info: SourceInfo) -> None:
        stat = path.stat()
        self._seen.add(str(path))
        self._load_sources()[str(path)] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "digest": digest,
            "info": asdict(info),
        }

    def save_sources(self) -> None:
        """Keep only the photos this build saw, written atomically."""
        sources = {path: record for path, record in self._load_sources().items() if path in self._seen}
        self.root.mkdir(parents=True, exist_ok=True)
        target = self.root / SOURCES_FILE
        fd, temporary = tempfile.mkstemp(prefix=".sources.", dir=self.root)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"format": _FORMAT, "sources": sources}, handle, ensure_ascii=False)
        os.replace(temporary, target)


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
