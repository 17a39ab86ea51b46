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
from collections.abc import Collection
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from .build_cache import BuildCache, CacheUnusable, Folders, digest
from .hashed_assets import is_fingerprinted
from .precompress import BROTLI_QUALITY, GZIP_LEVEL

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
    """One build's use of the cache for finished pages. `keys`: site path of a page → its page key;
    `pending`: site paths of the pages reused from the cache, not yet in the site (they are linked
    in finished, by `prepare` and `complete`, or as rendered when no finished copy is usable)."""

    def __init__(self, cache: BuildCache, keys: dict[str, str], pending: Collection[str] = ()) -> None:
        self.cache = cache
        self.keys = keys
        self.pending = pending
        self.salt = ""
        self.reused = 0
        self.folders = Folders()
        # Site path → (finished key, what finishing it found): linked in by `complete()`.
        self.ready: dict[str, tuple[str, FinishedPage]] = {}

    def start(self, site_dir: Path, base_path: str) -> None:
        """Before any page is finished: the salt from the assets as rendering left them."""
        self.salt = digest(repr((FINISH_FORMAT, base_path, _version("brotli"), asset_digests(site_dir))))

    def _key(self, page_path: str) -> str | None:
        key = self.keys.get(page_path)
        return None if key is None else digest(repr(("finished", key, self.salt)))

    def prepare(self, site_dir: Path) -> dict[str, FinishedPage]:
        """Which cached pages come finished from the cache (their scripts are linked in now, so
        that the site's other files are compressed with them); a pending page with no usable
        finished copy is linked in as rendered, to be finished with the pages rendered this build.
        The finished pages themselves are linked by `complete()`, after the rest of the site is
        compressed: no walk of the site meets them."""
        root = str(site_dir)
        scripts: set[str] = set()
        pages: dict[int, FinishedPage | None] = {}  # pages alike share one entry of the manifest
        for page_path in sorted(self.keys):
            key = self._key(page_path)
            entry = self.cache.finished.get(key) if key else None
            page = None
            if entry is not None:
                if id(entry) not in pages:
                    pages[id(entry)] = FinishedPage.from_json(entry)
                page = pages[id(entry)]
            if key is not None and page is not None and self._usable(key, page, site_dir, scripts):
                self.ready[page_path] = (key, page)
            elif page_path in self.pending:
                self.cache.place(self.keys[page_path], f"{root}/{page_path}", self.folders)
        return {page_path: page for page_path, (_key, page) in self.ready.items()}

    def _usable(self, key: str, page: FinishedPage, site_dir: Path, scripts: set[str]) -> bool:
        objects = [digest(repr((key, ".html")))] + [digest(repr((key, suffix))) for suffix in page.compressed]
        try:
            if not all(self.cache.check(object_key) for object_key in objects):
                return False
            for script in page.scripts:
                if script not in scripts and not (site_dir / script).exists():
                    script_key = digest(repr(("script", script)))
                    if not self.cache.check(script_key):
                        return False
                    self.cache.place(script_key, str(site_dir / script), self.folders)
                scripts.add(script)
        except CacheUnusable:
            return False  # finished again from the page as rendered
        for script in page.scripts:  # written by a page finished before this one: still kept
            script_key = digest(repr(("script", script)))
            if script_key in self.cache.objects:
                self.cache.kept.add(script_key)
            else:
                self.cache.keep(script_key, site_dir / script)
        return True

    def complete(self, site_dir: Path) -> None:
        """Link the finished pages `prepare()` found, with their compressed copies, into the site."""
        root = str(site_dir)
        for page_path, (key, page) in self.ready.items():
            target = f"{root}/{page_path}"
            self.cache.place(digest(repr((key, ".html"))), target, self.folders)
            for suffix in page.compressed:
                self.cache.place(digest(repr((key, suffix))), f"{target}{suffix}", self.folders)
            self.cache.kept_finished.add(key)
            self.reused += 1

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


class KeptCompressedCopies:
    """The .gz and .br of the site's files that are not pages (the editor's 5 MB bundle, Material's
    and Pagefind's scripts, the sitemap …), kept in the build cache by a digest of the bytes they
    compress: the same files are compressed again on no build (17 MB at every size of archive)."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.folders = Folders()
        self.salt = repr(("compressed", FINISH_FORMAT, _version("brotli"), GZIP_LEVEL, BROTLI_QUALITY))

    def _keys(self, data: bytes) -> list[str]:
        content = hashlib.blake2b(data, digest_size=20).hexdigest()
        return [digest(repr((self.salt, content, suffix))) for suffix in COMPRESSED]

    def link(self, data: bytes, path: Path) -> tuple[int, int, int] | None:
        """Link both copies of `data` next to `path`; None when the cache has not both."""
        keys = self._keys(data)
        try:
            if not all(self.cache.check(key) for key in keys):
                return None
            for key, suffix in zip(keys, COMPRESSED, strict=True):
                self.cache.place(key, f"{path}{suffix}", self.folders)
        except CacheUnusable:
            return None
        return (len(data), self.cache.objects[keys[0]], self.cache.objects[keys[1]])

    def keep(self, data: bytes, path: Path, sizes: tuple[int, int, int]) -> None:
        if all(sizes):  # both copies written (a copy no smaller than the file is not)
            for key, suffix in zip(self._keys(data), COMPRESSED, strict=True):
                self.cache.keep(key, Path(f"{path}{suffix}"))
