"""Finished pages kept in the build cache, so an incremental build does not finish (scripts moved out,
hashed asset names, gzip + brotli) the pages it did not render: at 10 000 posts finishing every page
was 41.7 s CPU on every build.

A finished page is a function of the rendered page (its build-cache key), where it sits in the site,
and what finishing reads from the rest of the site: the content hash of every .css/.js it may link
(the hashed names written into it) and site_url's path. The salt holds those, so a stylesheet that
changes (a new hashed name) refinishes every page. What finishing a page does to the rest of the
site is recorded with it and replayed on reuse: the inline scripts it moved into files (kept in the
cache too), the assets it links (their hashed copies are made again), and the warnings it gave.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from .build_cache import BuildCache, CacheUnusable, digest
from .hashed_assets import is_fingerprinted

# Bump when finishing a page changes in a way the package's code digest would not show.
FINISH_FORMAT = 1
COMPRESSED = (".gz", ".br")


@dataclass(frozen=True)
class FinishedPage:
    """What finishing one page wrote and found (stored in the cache's manifest)."""

    compressed: list[str]  # which of ".gz", ".br" were written (a copy no smaller is not)
    scripts: list[str]  # site paths of the inline-script files the page links
    assets: list[str]  # site paths of the assets whose hashed copies the page links
    blocked_script: bool
    handlers: bool

    @classmethod
    def from_json(cls, data: dict[str, object]) -> FinishedPage | None:
        try:
            page = cls(**data)  # type: ignore[arg-type]
        except TypeError:
            return None
        lists = (page.compressed, page.scripts, page.assets)
        if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in lists):
            return None
        if not set(page.compressed) <= set(COMPRESSED):
            return None
        return page


def asset_digests(site_dir: Path) -> list[tuple[str, str]]:
    """Every .css/.js a page could be pointed at by a hashed name, with its content hash."""
    found = []
    for folder, _dirs, names in os.walk(site_dir):
        for name in names:
            if name.endswith((".css", ".js")) and not is_fingerprinted(name):
                path = Path(folder, name)
                found.append((path.relative_to(site_dir).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()))
    return sorted(found)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


class FinishedPages:
    """One build's use of the cache for finished pages; `keys`: site path of a page → its page key."""

    def __init__(self, cache: BuildCache, keys: dict[str, str]) -> None:
        self.cache = cache
        self.keys = keys
        self.salt = ""
        self.reused = 0

    def start(self, site_dir: Path, base_path: str) -> None:
        """Before any page is finished: the salt from the assets as rendering left them."""
        self.salt = digest(repr((FINISH_FORMAT, base_path, _version("brotli"), asset_digests(site_dir))))

    def _key(self, page_path: str) -> str | None:
        key = self.keys.get(page_path)
        return None if key is None else digest(repr(("finished", key, self.salt)))

    def restore(self, page_path: str, site_dir: Path) -> FinishedPage | None:
        """Link the finished page, its compressed copies and its scripts into the site; None when
        the cache has no usable copy (the page is then finished as usual)."""
        key = self._key(page_path)
        entry = self.cache.finished.get(key) if key else None
        page = FinishedPage.from_json(entry) if entry is not None else None
        if key is None or page is None:
            return None
        target = site_dir / page_path
        wanted = [(digest(repr((key, ".html"))), target)]
        wanted += [(digest(repr((key, suffix))), Path(f"{target}{suffix}")) for suffix in page.compressed]
        wanted += [(digest(repr(("script", s))), site_dir / s) for s in page.scripts if not (site_dir / s).exists()]
        # Every file linked under a temporary name first: a page whose copies are not all in the cache
        # is finished again from the page as rendered, which must still be in place for that.
        linked: list[tuple[Path, Path]] = []
        try:
            for object_key, final in wanted:
                partial = final.with_name(final.name + ".part")
                partial.unlink(missing_ok=True)
                if not self.cache.link(object_key, partial):
                    raise CacheUnusable(final.name)
                linked.append((partial, final))
        except CacheUnusable:
            for partial, _final in linked:
                partial.unlink(missing_ok=True)
            return None
        # New files over the site's: its page is a hard link to the page as rendered, kept as such.
        for partial, final in linked:
            os.replace(partial, final)
        for script in page.scripts:  # written by a page finished before this one: still kept
            script_key = digest(repr(("script", script)))
            if script_key in self.cache.objects:
                self.cache.kept.add(script_key)
            else:
                self.cache.keep(script_key, site_dir / script)
        self.cache.kept_finished.add(key)
        self.reused += 1
        return page

    def store(self, page_path: str, site_dir: Path, page: FinishedPage) -> None:
        key = self._key(page_path)
        if key is None:
            return  # not one of our cached pages (docs/ pages, 404.html): finished on every build
        target = site_dir / page_path
        for script in page.scripts:
            self.cache.keep(digest(repr(("script", script))), site_dir / script)
        self.cache.keep(digest(repr((key, ".html"))), target)
        for suffix in page.compressed:
            self.cache.keep(digest(repr((key, suffix))), Path(f"{target}{suffix}"))
        self.cache.finished[key] = asdict(page)
        self.cache.kept_finished.add(key)
