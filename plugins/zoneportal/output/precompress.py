"""Precompressed copies (`page.html.gz`, `page.html.br`) written by the build, so the web server sends
compressed text without compressing on every request (nginx `gzip_static`, Caddy `precompressed`,
Apache rewrite rules in deploy/). Same bytes for the same file, build after build (gzip mtime 0), so
an unchanged page's copies are hard-linked, not uploaded again, by `zoneportal publish`."""

from __future__ import annotations

import gzip
import hashlib
import os
from collections import defaultdict
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import brotli

# Source maps (.map) are left out: only developer tools fetch them.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".xml", ".json", ".svg", ".txt", ".webmanifest"}
# Below this a compressed copy saves nothing worth a second file.
MIN_SIZE = 256
# Measured on a 32 KB article page: quality 5 takes 5 ms (7.0 KB), 9 takes 99 ms (6.8 KB), 11 takes
# 295 ms (6.4 KB); gzip -9 takes 7 ms (7.3 KB). Over 10 000 pages only 5 keeps the build fast.
BROTLI_QUALITY = 5
# Measured on the 1 000-post benchmark site (1 851 files, 54 MB): level 9 took 1.31 s CPU for
# 14.07 MB, level 6 1.05 s for 14.10 MB (+0.2 %); on Material's lunr/wordcut.js (677 KB) 9 took
# 146 ms and 6 38 ms for 0.7 % more. Browsers that take gzip and not brotli are few: not worth it.
GZIP_LEVEL = 6


@dataclass(frozen=True)
class CompressionStats:
    files: int
    raw_bytes: int
    gzip_bytes: int
    brotli_bytes: int


def compressible_files(site_dir: Path) -> Iterator[Path]:
    for folder, _dirs, names in os.walk(site_dir):
        for name in names:
            path = Path(folder, name)
            if path.suffix.lower() in COMPRESSIBLE:
                yield path


def is_compressible(path: Path) -> bool:
    return path.suffix.lower() in COMPRESSIBLE


def compressed_copies(data: bytes) -> tuple[bytes | None, bytes | None]:
    """The gzip and brotli copies of `data`; None for one that would not be smaller (or too small a file)."""
    if len(data) < MIN_SIZE:
        return (None, None)
    gz = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    br = brotli.compress(data, quality=BROTLI_QUALITY)
    return (gz if len(gz) < len(data) else None, br if len(br) < len(data) else None)


def write_compressed(path: Path, data: bytes) -> tuple[int, int, int]:
    """Write `path`'s compressed copies next to it, from its bytes `data`; (raw, gzip, brotli) sizes."""
    return _write(path, data, compressed_copies(data))


def _write(
    path: Path, data: bytes, copies: tuple[bytes | None, bytes | None], fresh: bool = False
) -> tuple[int, int, int]:
    """`fresh`: each copy written as a new file, never through the old one (which may be a hard
    link into the build cache, when the site folder is built into again)."""
    if len(data) < MIN_SIZE:
        return (0, 0, 0)
    written = [0, 0]
    for index, (suffix, packed) in enumerate(zip((".gz", ".br"), copies, strict=True)):
        if packed is not None:
            target = Path(f"{path}{suffix}")
            if fresh:
                partial = target.with_name(f"{target.name}.part")
                partial.write_bytes(packed)
                os.replace(partial, target)
            else:
                target.write_bytes(packed)
            written[index] = len(packed)
    return (len(data), written[0], written[1])


class KeptCopies(Protocol):
    """Compressed copies kept between builds (the build cache), found by the bytes they compress."""

    def link(self, data: bytes, path: Path) -> tuple[int, int, int] | None: ...

    def keep(self, data: bytes, path: Path, sizes: tuple[int, int, int]) -> None: ...


def _compress_alike(paths: list[Path], kept: KeptCopies | None = None) -> list[tuple[int, int, int]]:
    """Files of one content (an asset and its hashed copy: the 5 MB editor bundle twice) compressed once."""
    data = paths[0].read_bytes()
    if kept is not None and len(data) >= MIN_SIZE:
        found = [kept.link(data, path) for path in paths]
        if all(sizes is not None for sizes in found):
            return found  # type: ignore[return-value]
    copies = compressed_copies(data)
    written = [_write(path, data, copies, fresh=kept is not None) for path in paths]
    if kept is not None:
        for path, sizes in zip(paths, written, strict=True):
            kept.keep(data, path, sizes)
    return written


def _same_content(files: list[Path]) -> list[list[Path]]:
    by_size: dict[int, list[Path]] = defaultdict(list)
    for path in files:
        by_size[path.stat().st_size].append(path)
    groups: list[list[Path]] = []
    for same_size in by_size.values():
        if len(same_size) == 1 or same_size[0].stat().st_size < MIN_SIZE:
            groups.extend([path] for path in same_size)
            continue
        by_digest: dict[bytes, list[Path]] = defaultdict(list)
        for path in same_size:
            by_digest[hashlib.sha256(path.read_bytes()).digest()].append(path)
        groups.extend(by_digest.values())
    return groups


def precompress(
    site_dir: Path, workers: int | None = None, skip: Collection[Path] = (), kept: KeptCopies | None = None
) -> CompressionStats:
    """`skip`: files whose compressed copies are already in place (finished pages from the build
    cache, pages finished on the workers); they are not counted in the stats. `kept`: copies made
    by earlier builds (the editor, Material's scripts, Pagefind's: the same bytes every build)."""
    files = [path for path in compressible_files(site_dir) if path not in skip]
    groups = _same_content(files)
    # zlib and brotli let go of the GIL while compressing: threads use every core. Largest first,
    # so one big file does not start last and leave the other cores idle.
    groups.sort(key=lambda group: -group[0].stat().st_size)
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        done = pool.map(lambda group: _compress_alike(group, kept), groups)
        sizes = [size for group_sizes in done for size in group_sizes]
    return stats_of(sizes)


def stats_of(sizes: list[tuple[int, int, int]]) -> CompressionStats:
    return CompressionStats(
        files=sum(1 for raw, _g, _b in sizes if raw),
        raw_bytes=sum(s[0] for s in sizes),
        gzip_bytes=sum(s[1] for s in sizes),
        brotli_bytes=sum(s[2] for s in sizes),
    )
