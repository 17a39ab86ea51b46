"""The last step of a build, on the finished site folder before it is swapped in: the changes that make
it ready for a public web server (see deploy/). Inline scripts into files (CSP), hashed names for our
CSS/JS (long caching), robots.txt, and precompressed copies of every text file (last: it compresses
what the steps before wrote).

Every page is finished on its own (read, scripts moved out, asset names hashed, written, compressed),
so pages are finished on every core, in forked workers, each compressing the page it just finished
instead of reading it back; what a page wrote elsewhere (script files, which hashed copies it links)
comes back to this process, which makes each hashed copy once and compresses the other files."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..workers import map_alongside_forks, worker_count
from .finish_cache import FinishedPage, FinishedPages, KeptCompressedCopies
from .hashed_assets import AssetNamer
from .inline_scripts import InlineFindings, ScriptStore, externalize_scripts
from .precompress import CompressionStats, precompress, stats_of, write_compressed
from .robots import write_robots
from .site_url import site_url_problem

# Below this many pages per worker, forking costs more than it saves (~5 ms of work a page).
PAGES_PER_WORKER = 50
# Pages handed to a worker at a time: small enough to keep both cores busy to the end.
CHUNK = 16


@dataclass
class FinishReport:
    warnings: list[str] = field(default_factory=list)
    compression: CompressionStats | None = None


@dataclass(frozen=True)
class PageFinished:
    """What finishing one page wrote and found; sent back from a worker."""

    page_path: str
    page: FinishedPage
    sizes: tuple[int, int, int]  # raw, gzip, brotli bytes (0 when no copy was written)


@dataclass(frozen=True)
class _FinishJob:
    site_dir: Path
    base_path: str


# Set just before forking: workers inherit it.
_JOB: _FinishJob | None = None


def _relative_html(site_dir: Path) -> list[str]:
    return [page.relative_to(site_dir).as_posix() for page in html_pages(site_dir)]


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(
        Path(folder, name) for folder, _d, names in os.walk(site_dir) for name in names if name.endswith(".html")
    )


class PageFinisher:
    """Finishes pages one by one in one process; keeps what pages share (asset hashes, scripts
    already written) between them. Hashed asset copies are not made here, only named: the caller
    makes each once, from the pages' `assets`."""

    def __init__(self, site_dir: Path, base_path: str) -> None:
        self.site_dir = site_dir
        self.store = ScriptStore(site_dir)
        self.namer = AssetNamer(site_dir, base_path, copy=False)

    def finish(self, page_path: str) -> PageFinished:
        """Finish one page of the site and write its compressed copies."""
        store, namer, findings = self.store, self.namer, InlineFindings()
        store.used, namer.used = set(), set()
        page = self.site_dir / page_path
        html = page.read_text(encoding="utf-8")
        rewritten = namer.rewrite(externalize_scripts(html, page_path, store, findings), page_path)
        if rewritten != html:
            # A new file, not the old one rewritten: the page may be a hard link into the build
            # cache (output/build_cache.py), which must keep the page as rendered.
            partial = page.with_name(page.name + ".part")
            partial.write_text(rewritten, encoding="utf-8")
            os.replace(partial, page)
        sizes = write_compressed(page, rewritten.encode("utf-8"))
        compressed = [suffix for suffix, size in zip((".gz", ".br"), sizes[1:], strict=True) if size]
        finished = FinishedPage(
            compressed=compressed,
            scripts=sorted(store.used),
            assets=sorted(namer.used),
            blocked_script=bool(findings.blocked_scripts),
            handlers=bool(findings.handlers),
        )
        return PageFinished(page_path, finished, sizes)


# A worker's own finisher, made on its first chunk.
_FINISHER: PageFinisher | None = None


def _finish_chunk(page_paths: list[str]) -> list[PageFinished]:
    global _FINISHER
    job = _JOB
    assert job is not None, "finish_pages sets the job before forking"
    if _FINISHER is None:
        _FINISHER = PageFinisher(job.site_dir, job.base_path)
    return [_FINISHER.finish(page_path) for page_path in page_paths]


def finish_pages(site_dir: Path, page_paths: list[str], base_path: str, workers: int) -> list[PageFinished]:
    """Finish `page_paths` on up to `workers` processes; results in the order of `page_paths`."""
    global _JOB, _FINISHER
    workers = min(workers, max(1, len(page_paths) // PAGES_PER_WORKER))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        finisher = PageFinisher(site_dir, base_path)
        return [finisher.finish(page_path) for page_path in page_paths]
    chunks = [page_paths[start : start + CHUNK] for start in range(0, len(page_paths), CHUNK)]
    _JOB = _FinishJob(site_dir, base_path)
    try:
        return [result for chunk in map_alongside_forks(chunks, workers, _finish_chunk) for result in chunk]
    finally:
        _JOB = _FINISHER = None  # this process finished pages too: the next build's site is another


def finish_site(
    site_dir: Path,
    site_url: str | None,
    search_path: str | None,
    cached: FinishedPages | None = None,
    workers: int = 0,
) -> FinishReport:
    """`cached`: the build cache's finished pages (incremental builds); a page found there is linked
    in with its compressed copies instead of being finished again. `workers`: 0 = one per core."""
    report = FinishReport()
    problem = site_url_problem(site_url)
    if problem:
        report.warnings.append(f"{problem} (zoneportal publish sẽ từ chối đăng bản này.)")
    base_path = urlsplit(site_url).path if site_url else "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    store, namer, findings = ScriptStore(site_dir), AssetNamer(site_dir, base_path), InlineFindings()
    ready: dict[str, FinishedPage] = {}
    if cached is not None:
        cached.start(site_dir, base_path)
        ready = cached.prepare(site_dir)
    done: set[Path] = set()  # pages whose compressed copies are in place (or will be)
    for page_path, page in ready.items():
        done.add(site_dir / page_path)
        _account(page_path, page, store, namer, findings)
    # Pages rendered this build, docs/ pages, 404.html, cached pages to finish again; the site's
    # cached finished pages are not in the folder yet (linked last), so this walk is short.
    todo = [path for path in _relative_html(site_dir) if path not in ready]
    finished = finish_pages(site_dir, todo, base_path, worker_count(workers))
    for result in finished:
        done.add(site_dir / result.page_path)
        _account(result.page_path, result.page, store, namer, findings)
    for page_path in sorted(set(findings.blocked_scripts)):
        report.warnings.append(
            f"{page_path}: nội dung trang có thẻ <script>; trình duyệt sẽ chặn nó (chính sách bảo mật CSP của máy chủ)."
        )
    for page_path in sorted(set(findings.handlers)):
        report.warnings.append(
            f"{page_path}: trang có thuộc tính on…= hoặc liên kết javascript:; trình duyệt sẽ chặn (CSP)."
        )
    write_robots(site_dir, site_url, search_path)
    kept = KeptCompressedCopies(cached.cache) if cached is not None else None
    others = precompress(site_dir, skip=done, workers=worker_count(workers), kept=kept)
    pages = stats_of([result.sizes for result in finished])
    report.compression = CompressionStats(
        files=others.files + pages.files,
        raw_bytes=others.raw_bytes + pages.raw_bytes,
        gzip_bytes=others.gzip_bytes + pages.gzip_bytes,
        brotli_bytes=others.brotli_bytes + pages.brotli_bytes,
    )
    if cached is not None:
        for result in finished:
            cached.store(result.page_path, site_dir, result.page)
        cached.complete(site_dir)
    return report


def _account(
    page_path: str, page: FinishedPage, store: ScriptStore, namer: AssetNamer, findings: InlineFindings
) -> None:
    """What a finished page (reused or just finished) needs of the rest of the site."""
    store.written.update(page.scripts)
    for asset in page.assets:
        namer.hashed_path(asset)  # the hashed copy, made once
    findings.blocked_scripts.extend([page_path] if page.blocked_script else [])
    findings.handlers.extend([page_path] if page.handlers else [])
