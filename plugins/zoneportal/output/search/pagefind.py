"""Write phase of search: search documents → shards (shards.py) → one Pagefind run per shard → the
bundles in the built site.

Pagefind runs as `python -m pagefind` (the `pagefind[bin]` wheel ships the binary but no console
script) over a temporary folder of search documents, one shard after the other, so at most one
shard's index is in memory. Layout in the site:

    pagefind/                      the primary (newest) shard: pagefind.js, its worker and WebAssembly,
                                   pagefind-entry.json, pf_meta, index/, filter/, fragment/
    pagefind/<first month>/        each older shard: only what `mergeIndex` loads (entry, pf_meta,
                                   index/, filter/, fragment/); merged indexes use the primary's wasm

With more than one shard the primary's pagefind-entry.json carries the list of the others, newest
first, under "zoneportal" (Pagefind reads only its own keys): the search page fetches that file
anyway, so a sharded site costs no extra request to find its shards, and a small site is unchanged.
Each shard's entry has its first and last month (a year filter searches only the shards reaching
into that year), its largest index chunk (what a word may cost there) and its page count (its
metadata, which mergeIndex fetches first, is ~9 bytes a page; not its size, which varies by a byte or
two between two builds of the same pages): the search page merges older shards lazily, newest
first, a byte budget (`step_bytes`) per step.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...content.problems import StaffError
from ..folders import Folders
from .bundles import ENTRY, BundleCache, bundle_files, link_or_copy, shard_key
from .documents import SearchDocument, render_document
from .shards import SearchShard, plan_shards

BUNDLE_DIR = "pagefind"
# The key of our shard list in the primary's pagefind-entry.json, and the filter each shard's pages
# get from the search page (mergeFilter) so that a date-sorted search can ask one shard at a time.
MANIFEST_KEY = "zoneportal"
SHARD_FILTER = "shard"
DEFAULT_SHARD_SIZE = 2000
# What one step of a search on a sharded site may fetch in index chunks (search.js estimates each
# shard's cost as its mean chunk size per word): the first step shows results at once, "Tìm tiếp
# trong các bài cũ hơn" goes this much further back. Issue 18: a query fetches at most 300 KB.
STEP_BYTES = 250 * 1024


class SearchIndexError(StaffError):
    """Pagefind failed; the message says so in Vietnamese, with Pagefind's own words."""


@dataclass
class SearchIndexRun:
    """What one indexing did: shard names (first months) indexed by Pagefind and taken from the
    cache, and Pagefind's peak memory per shard it ran on (bytes, where the OS reports it)."""

    shards: list[str] = field(default_factory=list)
    indexed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    peak_rss: dict[str, int] = field(default_factory=dict)
    documents: int = 0


def write_document(doc: SearchDocument, target: Path) -> None:
    target.write_text(render_document(doc), encoding="utf-8")


def write_search_index(
    documents: Iterable[SearchDocument],
    site_dir: Path,
    *,
    language: str = "vi",
    write: Callable[[SearchDocument, Path], None] = write_document,
    shard_size: int = DEFAULT_SHARD_SIZE,
    bundles: BundleCache | None = None,
    reused: Callable[[tuple[SearchDocument, ...]], None] | None = None,
) -> SearchIndexRun:
    """Index `documents` into `site_dir/pagefind/` (replacing any older bundle). `write` puts one
    document's HTML at a path (the build cache links documents it rendered before); `bundles` keeps
    each shard's Pagefind output between builds, so only shards whose documents changed are indexed;
    `reused` is told the documents of each shard taken from there."""
    bundle = site_dir / BUNDLE_DIR
    # Pagefind never deletes files; `mkdocs serve` builds again and again into one folder.
    shutil.rmtree(bundle, ignore_errors=True)
    docs = list(documents)
    run = SearchIndexRun(documents=len(docs))
    if not docs:
        return run
    shards = plan_shards(docs, shard_size)
    salt = bundles.salt if bundles is not None else ""
    keys = [shard_key(shard, language, salt) for shard in shards]
    # Bundles no shard uses any more are deleted while Pagefind runs (thousands of files: seconds
    # of file-system time the main process would otherwise spend waiting after it).
    pruning = threading.Thread(target=bundles.prune, args=(set(keys),)) if bundles is not None else None
    if pruning is not None:
        pruning.start()
    try:
        _index_shards(shards, keys, bundle, run, language, write, bundles, reused)
    finally:
        if pruning is not None:
            pruning.join()
    if len(shards) > 1:
        _write_manifest(bundle / ENTRY, shards[-1], [s for s in reversed(shards) if not s.primary])
    return run


def _index_shards(
    shards: list[SearchShard],
    keys: list[str],
    bundle: Path,
    run: SearchIndexRun,
    language: str,
    write: Callable[[SearchDocument, Path], None],
    bundles: BundleCache | None,
    reused: Callable[[tuple[SearchDocument, ...]], None] | None,
) -> None:
    for shard, key in zip(shards, keys, strict=True):
        run.shards.append(shard.name)
        target = bundle / shard.folder
        if bundles is not None and bundles.place(key, target, everything=shard.primary):
            run.reused.append(shard.name)
            if reused is not None:
                reused(shard.documents)
            continue
        with tempfile.TemporaryDirectory(prefix="zoneportal-search-") as tmp:
            output = Path(tmp) / "bundle"
            peak = _run_pagefind(shard, Path(tmp) / "documents", output, language, write)
            if peak:
                run.peak_rss[shard.name] = peak
            if bundles is not None:
                bundles.store(key, output)
                bundles.place(key, target, everything=shard.primary)
            else:
                _place(output, target, everything=shard.primary)
        run.indexed.append(shard.name)


def _run_pagefind(
    shard: SearchShard, source: Path, output: Path, language: str, write: Callable[[SearchDocument, Path], None]
) -> int:
    """Pagefind over one shard's documents; returns its peak resident memory in bytes (0: unknown)."""
    folders = Folders()
    for doc in shard.documents:
        target = source / doc.path
        folders.make(str(target.parent))
        write(doc, target)
    command = [
        sys.executable, "-m", "pagefind",
        "--site", str(source),
        "--output-path", str(output.resolve()),
        "--force-language", language,
        "--quiet",
    ]  # fmt: skip
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        peak = _watch_peak_memory(process)
        out.seek(0)
        said = out.read().decode("utf-8", "replace")
    if process.returncode != 0:
        detail = said.strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind không tạo được chỉ mục tìm kiếm: " + " | ".join(detail))
    return peak


def _watch_peak_memory(process: subprocess.Popen[bytes]) -> int:
    """Wait for Pagefind; its peak resident memory in bytes, read from /proc while it runs (0 where
    there is none). Not wait4's ru_maxrss: a child forked from this process inherits the build's
    own peak (hundreds of MB) at exec, which would hide the shard's."""
    status = Path(f"/proc/{process.pid}/status")
    peak = 0
    while process.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):  # the high-water mark: sampling misses no earlier peak
                    peak = max(peak, int(line.split()[1]) * 1024)
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    return peak


def _place(output: Path, target: Path, *, everything: bool) -> None:
    """Copy (link) a Pagefind output into the site: all of it for the primary shard."""
    folders = Folders()
    for path in bundle_files(output, everything=everything):
        destination = target / path.relative_to(output)
        folders.make(str(destination.parent))
        link_or_copy(path, destination)


def _write_manifest(entry: Path, primary: SearchShard, older: list[SearchShard]) -> None:
    """The older shards, newest first, in the primary's entry file: written as a new file, since
    the one in the site may be a hard link into the build cache."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    bundle = entry.parent
    data[MANIFEST_KEY] = {
        "filter": SHARD_FILTER,
        "primary": primary.name,
        "primary_last": primary.last_month,
        "primary_chunk": _largest_chunk(bundle),
        "step_bytes": STEP_BYTES,
        "shards": [
            {
                "path": shard.folder,
                "name": shard.name,
                "last": shard.last_month,
                "chunk": _largest_chunk(bundle / shard.folder),
                "pages": len(shard.documents),
            }
            for shard in older
        ],
    }
    entry.unlink()
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _largest_chunk(bundle: Path) -> int:
    """Size in bytes of a bundle's largest index chunk (gzip, as fetched): the search page's estimate
    of what one word costs in that shard, to keep each step of a search within its byte budget. Not
    the mean: at 10 000 posts a word cost 37 KB a shard where chunks average 22 KB (the largest is
    38 KB), and a step planned on the mean fetched 305 KB for 250."""
    return max((p.stat().st_size for p in (bundle / "index").glob("*.pf_index")), default=0)


def shard_names(site_dir: Path) -> list[str]:
    """The older shards a built site lists (newest first); [] for a single index."""
    entry = site_dir / BUNDLE_DIR / ENTRY
    if not entry.is_file():
        return []
    manifest = json.loads(entry.read_text(encoding="utf-8")).get(MANIFEST_KEY)
    return [shard["name"] for shard in manifest["shards"]] if manifest else []
