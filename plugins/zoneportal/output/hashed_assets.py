"""Content-hashed names for the site's own stylesheets and scripts (`zp.css` → `zp.3f9a0c1b2d.css`).

A hashed name never changes meaning, so servers may let browsers keep it for a year, and a page of
the previous release keeps finding the exact files it was built with while a new release goes live.
Material's own files are already hashed; every other .css/.js a page links is given a hashed copy
(the plain name stays too, for anything that asks for it by name) and the page is pointed at it.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

ASSET_REF = re.compile(
    r"""(?P<lead><(?:link|script)\b[^>]*?\b(?:href|src)\s*=\s*)(?P<q>["'])(?P<url>[^"'?#]+\.(?:css|js))(?P<tail>[?#][^"']*)?(?P=q)""",
    re.I,
)
# A name already carrying a content hash: Material (main.57a0d79d.min.css), ours, Pagefind, photos.
FINGERPRINTED = re.compile(r"[._-][0-9a-f]{7,}[._-]")


def is_fingerprinted(name: str) -> bool:
    return FINGERPRINTED.search(posixpath.basename(name)) is not None


@dataclass
class AssetNamer:
    site_dir: Path
    # site_url's path ("/" or "/cong-thong-tin/"): how pages built with absolute links (404.html) begin them.
    base_path: str = "/"
    hashed: dict[str, str | None] = field(default_factory=dict)  # site path -> hashed site path
    used: set[str] = field(default_factory=set)  # site paths linked by hashed name (finish_cache.py)
    # False on the finish step's workers: names only; the parent makes each copy once (no two
    # processes writing one file).
    copy: bool = True

    def hashed_path(self, site_path: str) -> str | None:
        if site_path not in self.hashed:
            self.hashed[site_path] = self._hash(site_path)
        return self.hashed[site_path]

    def _hash(self, site_path: str) -> str | None:
        source = self.site_dir / site_path
        if not source.is_file():
            return None  # a broken link is the link checker's business, not a reason to rename
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
        stem, ext = posixpath.splitext(site_path)
        target = f"{stem}.{digest}{ext}"
        if self.copy:
            shutil.copyfile(source, self.site_dir / target)
        return target

    def rewrite(self, html: str, page_path: str) -> str:
        page_dir = posixpath.dirname(page_path)

        def replace(match: re.Match[str]) -> str:
            url = match.group("url")
            if "//" in url or url.startswith("data:") or is_fingerprinted(url):
                return match.group(0)  # another site's file, or already hashed
            if url.startswith("/"):
                if not url.startswith(self.base_path):
                    return match.group(0)  # outside the portal's own path on this host
                site_path = posixpath.normpath(url[len(self.base_path) :])
            else:
                site_path = posixpath.normpath(posixpath.join(page_dir, url))
            if site_path.startswith("../"):
                return match.group(0)
            hashed = self.hashed_path(site_path)
            if hashed is None:
                return match.group(0)
            self.used.add(site_path)
            new_url = url[: len(url) - len(posixpath.basename(url))] + posixpath.basename(hashed)
            quote = match.group("q")
            return f"{match.group('lead')}{quote}{new_url}{quote}"

        return ASSET_REF.sub(replace, html)
