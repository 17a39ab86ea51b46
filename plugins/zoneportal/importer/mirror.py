"""A saved or mirrored copy of an old portal on disk: its pages, and the files their links name.

`wget --mirror` writes `host/path/page.html` (or `page.aspx`, `index.php?id=3`, extension-less
names), HTTrack `host/path/page.html`, a browser's "Save page as" `page.html` with `page_files/`.
Every file is read only from inside the import folder: a link or `src` that leaves it (`../` past
the root, an absolute file path) or passes through a symlink is refused, never followed. Nothing is
fetched from the network: an `http(s)://` address is looked up as the mirror stored it, or missing.
"""

from __future__ import annotations

import os
import posixpath
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..content.problems import StaffError

PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".aspx", ".asp", ".php", ".jsp", ".cfm", ".do"}
SNIFF_BYTES = 2048


class Refused(StaffError):
    """A path the importer will not read; `message` is for staff, in Vietnamese."""


@dataclass
class Mirror:
    root: Path
    # NFC, lower-cased relative path → real relative path, for lookups that tolerate case and NFD.
    _files: dict[str, str] = field(default_factory=dict)
    symlinks: list[str] = field(default_factory=list)

    @classmethod
    def scan(cls, root: Path, max_depth: int | None = None) -> Mirror:
        """Every file under root; `max_depth` folders deep at most (a single saved page only needs
        its `_files` folder, not the whole Downloads folder around it)."""
        mirror = cls(root.resolve())
        for folder, dirs, files in os.walk(mirror.root, followlinks=False):
            here = Path(folder)
            if max_depth is not None and len(here.relative_to(mirror.root).parts) >= max_depth:
                dirs.clear()
            for name in list(dirs):
                if (here / name).is_symlink() or name.startswith("."):
                    if (here / name).is_symlink():
                        mirror.symlinks.append((here / name).relative_to(mirror.root).as_posix())
                    dirs.remove(name)
            dirs.sort()
            for name in sorted(files):
                path = here / name
                relative = path.relative_to(mirror.root).as_posix()
                if path.is_symlink():
                    mirror.symlinks.append(relative)
                    continue
                if name.startswith("."):
                    continue
                mirror._files[_lookup_key(relative)] = relative
        return mirror

    def files(self) -> Iterator[str]:
        return iter(sorted(self._files.values()))

    def path(self, relative: str) -> Path:
        return self.root / relative

    def find(self, relative: str) -> str | None:
        """The stored file for a relative path inside the mirror (any case, NFC or NFD), or None."""
        return self._files.get(_lookup_key(relative))

    def resolve_link(self, page: str, url: str) -> str | None:
        """The mirror file a link or `src` on `page` names, or None when the mirror does not hold it.
        Raises Refused for a path that leaves the mirror or names a symlink."""
        url = url.strip()
        parts = urlsplit(url)
        if parts.scheme and parts.scheme.lower() not in ("http", "https", "file"):
            return None
        if parts.scheme.lower() == "file":
            raise Refused(f"'{url}' là đường dẫn tệp trên máy khác, không đọc.")
        raw_path = parts.path
        candidates: list[str] = []
        # The decoded path first; then the percent-encoded one, as some mirrors store names.
        for path in dict.fromkeys((unquote(raw_path), raw_path)):
            if parts.netloc:
                # wget and HTTrack store http://host/a/b.jpg as host/a/b.jpg (with or without the port).
                host = parts.netloc.lower()
                candidates += [f"{host}/{path.lstrip('/')}", f"{host.split(':')[0]}/{path.lstrip('/')}"]
                candidates += [f"{top}/{path.lstrip('/')}" for top in self._top_folders(page) if top != host]
            elif path.startswith("/"):
                candidates += [f"{top}/{path.lstrip('/')}" for top in self._top_folders(page)]
                candidates.append(path.lstrip("/"))
            else:
                joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
                if joined == ".." or joined.startswith("../"):
                    raise Refused(f"'{url}' trỏ ra ngoài thư mục nhập ({joined}), không đọc.")
                candidates.append(joined)
        queried = [f"{c}?{parts.query}" for c in candidates] + [f"{c}@{parts.query}" for c in candidates]
        tried = (queried if parts.query else []) + candidates
        # wget --adjust-extension saves "Default.aspx?id=3" as "Default.aspx?id=3.html".
        tried += [f"{c}.html" for c in tried if not c.lower().endswith((".html", ".htm"))]
        for candidate in tried:
            candidate = posixpath.normpath(candidate)
            if candidate.startswith("../") or candidate == "..":
                raise Refused(f"'{url}' trỏ ra ngoài thư mục nhập, không đọc.")
            found = self.find(candidate) or self.find(candidate.rstrip("/") + "/index.html")
            if found is not None:
                return found
            if any(candidate == s or candidate.startswith(s + "/") for s in self.symlinks):
                raise Refused(f"'{url}' là liên kết tượng trưng (symlink), không đọc.")
        return None

    def _top_folders(self, page: str) -> list[str]:
        """Where the site's root may be for a page: its first folder (wget's host folder), or the mirror."""
        first = page.split("/", 1)[0] if "/" in page else ""
        return [first] if first else []

    def open_checked(self, relative: str) -> Path:
        """The real path of a mirror file, refused when it is (or passes through) a symlink or leaves the root."""
        path = self.root / relative
        real = path.resolve()
        if path.is_symlink() or not real.is_relative_to(self.root):
            raise Refused(f"'{relative}' trỏ ra ngoài thư mục nhập (symlink), không đọc.")
        return path


def _lookup_key(relative: str) -> str:
    return unicodedata.normalize("NFC", relative).lower()


def is_page_candidate(mirror: Mirror, relative: str) -> bool:
    """A file that may be an HTML page: by its suffix, or an extension-less file that starts like HTML."""
    name = relative.rsplit("/", 1)[-1]
    stem_suffix = Path(name.split("?", 1)[0].split("@", 1)[0]).suffix.lower()
    if stem_suffix in PAGE_SUFFIXES:
        return True
    if stem_suffix and stem_suffix not in {".", ""} and len(stem_suffix) <= 5 and stem_suffix[1:].isalpha():
        return False  # a known other kind of file (.jpg, .css, .pdf …)
    try:
        with mirror.path(relative).open("rb") as handle:
            head = handle.read(SNIFF_BYTES).lstrip().lower()
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf")
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<div", b"<table"))
