"""Incremental production builds: a content-addressed cache of rendered pages that outlives builds.

Every generated page gets a key: a digest of everything its HTML is made from — its spec (URL,
title, template, Markdown), every value of its template context (posts by a digest of all their
fields, photos by their content keys, "today" where a page shows it) — salted with what every page
shares (the build's `salt`: plugin and theme code and versions, mkdocs.yml, templates and
overrides, registries, navigation, feeds). A page whose key is in the cache is linked from it into
the staging folder instead of being rendered; the others are rendered and stored under their key.
Same inputs give the same page (two clean builds are byte-identical), so the cached file is
exactly what rendering would write again.

Layout of the folder (`.cache/zoneportal/build/` by default; CI keeps `.cache/`):

    manifest.json                 {"format": …, "tool": "zoneportal", "objects": {key: size},
                                   "finishes": [FinishedPage fields, …] (each distinct one once),
                                   "finished": {key: index in "finishes"}}
    objects/<key[:2]>/<key>.html  one rendered page, or one finished page / its .gz / .br
                                  (output/finish_cache.py), or one inline script moved to a file

A manifest that cannot be read, comes from another tool or format, or names an object that is
missing or of the wrong size makes the build a clean one (the cache is emptied) with a notice.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path, PosixPath
from typing import Any

from ..content.post import Post
from ..pages.fingerprint import _ATOMS, _POST_FIELDS, Fingerprinter, _atomic
from ..pages.model import PageSpec, PostView
from .folders import Folders
from .search import SearchDocument, render_document

# 2: finished pages by index into a table of distinct entries (16 000 alike entries were 6 MB of JSON).
CACHE_FORMAT = 2
TOOL = "zoneportal"
MANIFEST = "manifest.json"
OBJECTS = "objects"
DEFAULT_DIR = ".cache/zoneportal/build"


def digest(data: bytes | str) -> str:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


class PageKeys(Fingerprinter):
    """Fingerprints that are the same in every process (Python's `hash()` of text is not), for a
    cache that outlives the build. The walk over a page's context is the live preview's."""

    def __init__(self, salt: str, project_root: Path) -> None:
        super().__init__(salt)
        self._tokens: dict[int, tuple[Post, str]] = {}
        self._view_tokens: dict[int, tuple[PostView, str]] = {}
        self._fields: dict[type, tuple[str, ...]] = {}
        # Posts and photos carry absolute paths: keys hold them relative to the project, so a cache
        # restored into another checkout folder (CI runners) is still used.
        self._root = repr(str(project_root))[1:-1]

    def _digest(self, value: object) -> str:
        return digest(repr(value).replace(self._root, "<root>"))

    def share(self, context: object) -> None:
        # The shared context (side column, menu) is in every key: as one digest, not written out
        # again for each of 16 000 pages (a sixth of the keys' time at 10 000 posts).
        super().share(context)
        self.salt = self._digest(self.salt)

    def key(self, spec: PageSpec) -> str:
        parts: list[object] = [self.salt, spec.url, spec.title, spec.template, spec.kind, spec.description]
        if spec.view is not None:
            parts.append(self._post(spec.view.post))
        self._feed(spec.context, parts)
        # The page's Markdown (a post's whole body) as its bytes, not through repr().
        return self._hash([repr(parts).replace(self._root, "<root>"), spec.markdown])

    def _hash(self, pieces: list[object]) -> str:
        """One digest of text pieces (taken as they are) and other values (by repr, paths in the
        project relative to it), each marked with its kind and length so no two lists share one."""
        h = hashlib.blake2b(digest_size=20)
        for piece in pieces:
            if type(piece) is str:
                data = piece.encode("utf-8", "surrogatepass")
                h.update(b"\0s%d\0" % len(data))
            else:
                data = repr(piece).replace(self._root, "<root>").encode("utf-8", "surrogatepass")
                h.update(b"\0r%d\0" % len(data))
            h.update(data)
        return h.hexdigest()

    def _feed(self, value: Any, parts: list[object]) -> None:
        # The live preview's walk, with the common types found by their exact type first and each
        # dataclass's fields looked up once: 16 000 pages' contexts are walked on every build.
        kind = type(value)
        if kind in _EXACT_ATOMS:
            parts.append(value)
        elif kind is PostView:
            parts.append(self._view(value))
        elif kind is list or kind is tuple:
            parts.append(len(value))
            for item in value:
                self._feed(item, parts)
        elif kind is dict:
            for key, item in value.items():
                parts.append(key)
                self._feed(item, parts)
        elif kind is Post:
            parts.append(self._post(value))
        else:
            names = self._fields.get(kind)
            if names is None and _plain_dataclass(value):
                names = self._fields[kind] = tuple(f.name for f in dataclasses.fields(value))
            if names is None:
                super()._feed(value, parts)
                return
            parts.append(kind.__name__)
            for name in names:
                self._feed(getattr(value, name), parts)

    def _view(self, view: PostView) -> str:
        """A view is its post and the registries (in the salt), plus what the photo pipeline
        published: every field of its photos (variants, sizes, captions), not only their keys.
        A view is on a dozen pages: its digest is computed once per build."""
        found = self._view_tokens.get(id(view))
        if found is None or found[0] is not view:
            parts: list[object] = [view.url, self._post(view.post), view.album_url, view.cover_url]
            if view.photos:
                self._feed(view.photos, parts)
            found = (view, self._digest(parts))
            self._view_tokens[id(view)] = found
        return found[1]

    def _post(self, post: Post) -> str:  # type: ignore[override]
        # A post appears on a dozen pages: its digest is computed once per build.
        found = self._tokens.get(id(post))
        if found is None or found[0] is not post:
            # Text fields (the body above all) as they are: repr() of 10 000 bodies was a second.
            values = [getattr(post, f.name) for f in _POST_FIELDS]
            found = (post, self._hash([v if type(v) is str else _atomic(v) for v in values]))
            self._tokens[id(post)] = found
        return found[1]


# Values a page key holds as they are, by exact type (Fingerprinter's atoms, which also take
# subclasses, go through its own walk).
_EXACT_ATOMS = frozenset({str, int, float, bool, type(None), date, datetime, PosixPath})


def _plain_dataclass(value: object) -> bool:
    """A dataclass instance the live preview's walk takes field by field (not one of its atoms,
    a post or a view, which it treats otherwise)."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return False
    return not isinstance(value, (*_ATOMS, Post, PostView, dict, list, tuple, set, frozenset))


class CacheUnusable(Exception):
    """Why the cache cannot be trusted; `str(exc)` is for staff, in Vietnamese."""


class BuildCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.objects: dict[str, int] = {}  # key → size of the stored page
        # Finished pages (output/finish_cache.py): key → what finishing the page found and wrote.
        self.finished: dict[str, dict[str, object]] = {}
        self.kept_finished: set[str] = set()
        self.kept: set[str] = set()  # keys this build used or stored: everything else is pruned
        self.reused = 0
        self.stored = 0
        # Salts search documents' keys: the code and versions that render them (set by the host).
        self.code_salt = ""
        self._objects = f"{folder / OBJECTS}{os.sep}"

    def _object(self, key: str) -> Path:
        return self.folder / OBJECTS / key[:2] / f"{key}.html"

    def open(self) -> str | None:
        """Read the manifest; a notice (Vietnamese, one line) when the cache was unusable and emptied."""
        manifest = self.folder / MANIFEST
        if not manifest.exists():
            if (self.folder / OBJECTS).exists():  # objects without a manifest: a build died mid-save
                self.clear()
            return None
        try:
            self.objects, self.finished = _read_manifest(manifest)
        except CacheUnusable as exc:
            self.clear()
            return unusable_notice(self.folder, exc)
        return None

    def clear(self) -> None:
        """Drop the pages (the folder's stored posts and search bundles check themselves: a clean
        build of the pages need not read every post again)."""
        shutil.rmtree(self.folder / OBJECTS, ignore_errors=True)
        (self.folder / MANIFEST).unlink(missing_ok=True)
        self.objects = {}
        self.finished = {}

    def _object_name(self, key: str) -> str:
        # Text, not Path: this runs for every page and its two compressed copies on every build.
        return f"{self._objects}{key[:2]}/{key}.html"

    def reuse(self, key: str) -> bool:
        """Whether the cached page for `key` can be used (it is linked into the site later, by
        `place`); False when the cache has no such page. A stored page of the wrong size is a
        corrupt cache (a site file edited in place after the build shares its bytes)."""
        if not self.check(key):
            return False
        self.reused += 1
        return True

    def check(self, key: str) -> bool:
        """Whether the object `key` is stored with its size (one stat, no Path); CacheUnusable when
        the manifest names it but the file is missing or of another size."""
        size = self.objects.get(key)
        if size is None:
            return False
        name = self._object_name(key)
        try:
            found = os.stat(name).st_size
        except FileNotFoundError:
            raise CacheUnusable(f"thiếu trang {key}.html") from None
        if found != size:
            raise CacheUnusable(f"trang {key}.html bị hỏng")
        self.kept.add(key)
        return True

    def place(self, key: str, target: str, folders: Folders) -> None:
        """Link the stored object `key` (checked before) at `target`, over a file already there."""
        source = self._object_name(key)
        folders.make(os.path.dirname(target))
        try:
            try:
                _link_or_copy(source, target)
            except FileExistsError:  # a page rendered this build, finished by an earlier one
                partial = f"{target}.part"
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(partial)
                _link_or_copy(source, partial)
                os.replace(partial, target)
        except FileNotFoundError:
            raise CacheUnusable(f"thiếu trang {key}.html") from None
        self.kept.add(key)

    def keep(self, key: str, written: Path) -> None:
        """Store a file this build wrote (a hard link to it) under `key`."""
        self._keep(key, written)

    def _link(self, key: str, target: Path) -> bool:
        size = self.objects.get(key)
        if size is None:
            return False
        source = self._object(key)
        try:
            if source.stat().st_size != size:
                raise CacheUnusable(f"trang {source.name} bị hỏng")
            try:  # the caller made the folder
                os.link(source, target)
            except OSError:  # another file system, or links not allowed: copy
                shutil.copyfile(source, target)
        except FileNotFoundError:
            raise CacheUnusable(f"thiếu trang {source.name}") from None
        self.kept.add(key)
        return True

    def _search_key(self, doc: SearchDocument) -> str:
        return digest(repr(("search", self.code_salt, doc)))

    def keep_search_documents(self, docs: Iterable[SearchDocument]) -> None:
        """Documents of a search shard whose index came from the cache (not written this build):
        kept for the build that changes that shard."""
        for doc in docs:
            key = self._search_key(doc)
            if key in self.objects:
                self.kept.add(key)

    def search_document(self, doc: SearchDocument, target: Path) -> None:
        """Write a search document for Pagefind: linked from the cache when an earlier build rendered
        the same document (rendering all of them is seconds of CPU on a large archive)."""
        key = self._search_key(doc)
        try:
            if self._link(key, target):
                return
        except CacheUnusable:
            self.objects.pop(key, None)
        target.write_text(render_document(doc), encoding="utf-8")
        self._keep(key, target)

    def store(self, key: str, rendered: Path) -> None:
        """Keep a page this build rendered (a hard link to the file just written: copying 16 000
        pages cost a cold build of 10 000 posts over a minute of I/O). A site file edited in place
        after the build would change the cached page too: its size, checked on reuse, catches that."""
        self._keep(key, rendered)
        self.stored += 1

    def _keep(self, key: str, rendered: Path) -> None:
        target = self._object(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.unlink(missing_ok=True)
        try:
            os.link(rendered, partial)
        except OSError:  # another file system: copy
            shutil.copyfile(rendered, partial)
        os.replace(partial, target)
        self.objects[key] = target.stat().st_size
        self.kept.add(key)

    def save(self) -> None:
        """Write the manifest of the pages this build used, and drop every other stored page."""
        for key in set(self.objects) - self.kept:
            self._object(key).unlink(missing_ok=True)
            del self.objects[key]
        table: dict[str, int] = {}  # an entry as JSON → its index in "finishes"
        indexes: dict[int, int] = {}  # id of an entry → its index: entries read from the manifest are shared
        finished: dict[str, int] = {}
        for key, entry in sorted(self.finished.items()):
            if key in self.kept_finished:
                index = indexes.get(id(entry))
                if index is None:
                    text = json.dumps(entry, sort_keys=True, separators=(",", ":"))
                    index = indexes[id(entry)] = table.setdefault(text, len(table))
                finished[key] = index
        self.folder.mkdir(parents=True, exist_ok=True)
        manifest = {
            "format": CACHE_FORMAT,
            "tool": TOOL,
            "objects": dict(sorted(self.objects.items())),
            "finishes": [json.loads(text) for text in table],
            "finished": finished,
        }
        partial = self.folder / f"{MANIFEST}.part"
        partial.write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, self.folder / MANIFEST)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except (FileNotFoundError, FileExistsError):
        raise
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


def unusable_notice(folder: Path, reason: Exception) -> str:
    return f"Bộ nhớ đệm dựng trang {folder} không dùng được ({reason}): dựng lại toàn bộ trang."


def _read_manifest(path: Path) -> tuple[dict[str, int], dict[str, dict[str, object]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise CacheUnusable("tệp manifest.json hỏng") from None
    if not isinstance(data, dict) or data.get("tool") != TOOL:
        raise CacheUnusable("không phải bộ nhớ đệm của zoneportal")
    if data.get("format") != CACHE_FORMAT:
        raise CacheUnusable(f"định dạng {data.get('format')!r}, cần {CACHE_FORMAT}")
    objects = data.get("objects")
    if not isinstance(objects, dict) or not all(
        isinstance(k, str) and len(k) == 40 and isinstance(v, int) for k, v in objects.items()
    ):
        raise CacheUnusable("tệp manifest.json hỏng")
    finishes, indexes = data.get("finishes", []), data.get("finished", {})
    if not isinstance(finishes, list) or not all(isinstance(v, dict) for v in finishes):
        raise CacheUnusable("tệp manifest.json hỏng")
    if not isinstance(indexes, dict) or not all(
        isinstance(k, str) and type(v) is int and 0 <= v < len(finishes) for k, v in indexes.items()
    ):
        raise CacheUnusable("tệp manifest.json hỏng")
    finished = {key: finishes[index] for key, index in indexes.items()}  # alike pages share one entry
    return objects, finished
