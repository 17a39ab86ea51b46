"""The last step of a build, on the finished site folder before it is swapped in: the changes that make
it ready for a public web server (see deploy/). Inline scripts into files (CSP), hashed names for our
CSS/JS (long caching), robots.txt, and precompressed copies of every text file (last: it compresses
what the steps before wrote)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from .finish_cache import FinishedPage, FinishedPages
from .hashed_assets import AssetNamer
from .inline_scripts import InlineFindings, ScriptStore, externalize_scripts
from .precompress import CompressionStats, precompress
from .robots import write_robots
from .site_url import site_url_problem


@dataclass
class FinishReport:
    warnings: list[str] = field(default_factory=list)
    compression: CompressionStats | None = None


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(
        Path(folder, name) for folder, _d, names in os.walk(site_dir) for name in names if name.endswith(".html")
    )


def finish_site(
    site_dir: Path, site_url: str | None, search_path: str | None, cached: FinishedPages | None = None
) -> FinishReport:
    """`cached`: the build cache's finished pages (incremental builds); a page found there is linked
    in with its compressed copies instead of being finished again."""
    report = FinishReport()
    problem = site_url_problem(site_url)
    if problem:
        report.warnings.append(f"{problem} (zoneportal publish sẽ từ chối đăng bản này.)")
    base_path = urlsplit(site_url).path if site_url else "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    store, namer, findings = ScriptStore(site_dir), AssetNamer(site_dir, base_path), InlineFindings()
    if cached is not None:
        cached.start(site_dir, base_path)
    reused: set[Path] = set()
    finished: dict[str, FinishedPage] = {}
    for page in html_pages(site_dir):
        page_path = page.relative_to(site_dir).as_posix()
        found = cached.restore(page_path, site_dir) if cached is not None else None
        if found is not None:
            reused.add(page)
            store.written.update(found.scripts)
            for asset in found.assets:
                namer.hashed_path(asset)
            findings.blocked_scripts.extend([page_path] if found.blocked_script else [])
            findings.handlers.extend([page_path] if found.handlers else [])
            continue
        store.used, namer.used = set(), set()
        blocked, handlers = len(findings.blocked_scripts), len(findings.handlers)
        html = page.read_text(encoding="utf-8")
        rewritten = namer.rewrite(externalize_scripts(html, page_path, store, findings), page_path)
        if rewritten != html:
            # A new file, not the old one rewritten: the page may be a hard link into the build
            # cache (output/build_cache.py), which must keep the page as rendered.
            partial = page.with_name(page.name + ".part")
            partial.write_text(rewritten, encoding="utf-8")
            os.replace(partial, page)
        finished[page_path] = FinishedPage(
            compressed=[],
            scripts=sorted(store.used),
            assets=sorted(namer.used),
            blocked_script=len(findings.blocked_scripts) > blocked,
            handlers=len(findings.handlers) > handlers,
        )
    for page_path in sorted(set(findings.blocked_scripts)):
        report.warnings.append(
            f"{page_path}: nội dung trang có thẻ <script>; trình duyệt sẽ chặn nó (chính sách bảo mật CSP của máy chủ)."
        )
    for page_path in sorted(set(findings.handlers)):
        report.warnings.append(
            f"{page_path}: trang có thuộc tính on…= hoặc liên kết javascript:; trình duyệt sẽ chặn (CSP)."
        )
    write_robots(site_dir, site_url, search_path)
    report.compression = precompress(site_dir, skip=reused)
    if cached is not None:
        for page_path, page in finished.items():
            target = site_dir / page_path
            compressed = [suffix for suffix in (".gz", ".br") if Path(f"{target}{suffix}").exists()]
            cached.store(page_path, site_dir, replace(page, compressed=compressed))
    return report
