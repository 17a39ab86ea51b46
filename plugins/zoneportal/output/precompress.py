"""Precompressed copies (`page.html.gz`, `page.html.br`) written by the build, so the web server sends
compressed text without compressing on every request (nginx `gzip_static`, Caddy `precompressed`,
Apache rewrite rules in deploy/). Same bytes for the same file, build after build (gzip mtime 0), so
an unchanged page's copies are hard-linked, not uploaded again, by `zoneportal publish`."""

from __future__ import annotations

import gzip
import os
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

# Source maps (.map) are left out: only developer tools fetch them.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".xml", ".json", ".svg", ".txt", ".webmanifest"}
# Below this a compressed copy saves nothing worth a second file.
MIN_SIZE = 256
# Measured on a 32 KB article page: quality 5 takes 5 ms (7.0 KB), 9 takes 99 ms (6.8 KB), 11 takes
# 295 ms (6.4 KB); gzip -9 takes 7 ms (7.3 KB). Over 10 000 pages only 5 keeps the build fast.
BROTLI_QUALITY = 5


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


def _compress(path: Path) -> tuple[int, int, int]:
    data = path.read_bytes()
    if len(data) < MIN_SIZE:
        return (0, 0, 0)
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    br = brotli.compress(data, quality=BROTLI_QUALITY)
    written = [0, 0]
    for index, (suffix, packed) in enumerate(((".gz", gz), (".br", br))):
        if len(packed) < len(data):
            Path(f"{path}{suffix}").write_bytes(packed)
            written[index] = len(packed)
    return (len(data), written[0], written[1])


def precompress(site_dir: Path, workers: int | None = None, skip: Collection[Path] = ()) -> CompressionStats:
    """`skip`: files whose compressed copies are already in place (finished pages from the build
    cache); they are not counted in the stats."""
    files = [path for path in compressible_files(site_dir) if path not in skip]
    # zlib and brotli let go of the GIL while compressing: threads use every core.
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        sizes = list(pool.map(_compress, files))
    return CompressionStats(
        files=sum(1 for raw, _g, _b in sizes if raw),
        raw_bytes=sum(s[0] for s in sizes),
        gzip_bytes=sum(s[1] for s in sizes),
        brotli_bytes=sum(s[2] for s in sizes),
    )
