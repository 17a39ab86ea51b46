"""Imported articles → post files: where each goes, its front matter, and never a duplicate.

A post is `posts/YYYY/<slug>.md`, or the bundle `posts/YYYY/<slug>/index.md` when the article has
photos (so that their files can be put beside it). `source:` records the export's path relative to
the import folder and `source_hash:` a hash of its normalised text: a post with the same hash is
the same article imported before, skipped, or rewritten in place with --force. A different article
that has the same file name is a new post. A post written by staff is never overwritten: a new
slug is chosen.
"""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.reader import PHOTO_SUFFIXES, find_post_files, split_front_matter
from ..content.schema import parse_post_date
from ..content.textfile import UNPRINTABLE, TextDecodeError, YamlSyntaxError, decode_text, load_yaml
from ..vi import slugify
from .registries import dump_yaml


@dataclass
class PostIndex:
    """Posts already under the output folder: by `source`, by URL and by path."""

    by_source: dict[str, Path] = field(default_factory=dict)
    by_key: dict[str, Path] = field(default_factory=dict)
    # Imports made before posts carried `source_hash`: (source, title) identifies them.
    by_source_title: dict[tuple[str, str], Path] = field(default_factory=dict)
    urls: dict[tuple[int, int, str], Path] = field(default_factory=dict)
    url_of: dict[Path, tuple[int, int, str]] = field(default_factory=dict)
    paths: set[Path] = field(default_factory=set)

    @classmethod
    def scan(cls, out_dir: Path) -> PostIndex:
        index = cls()
        if not out_dir.is_dir():
            return index
        for path in find_post_files(out_dir):
            meta = _front_matter(path)
            index.paths.add(path.resolve())
            source = meta.get("source")
            if source:
                index.by_source.setdefault(str(source), path)
                if not meta.get("source_hash"):
                    index.by_source_title.setdefault((str(source), str(meta.get("title") or "")), path)
            if meta.get("source_hash"):
                index.by_key.setdefault(str(meta["source_hash"]), path)
            key = _url_key(meta)
            if key is not None:
                index.urls.setdefault(key, path)
                index.url_of[path] = key
        return index

    def release(self, path: Path) -> None:
        """Forget a post about to be rewritten (--force), so that it may keep its own path and URL."""
        self.paths.discard(path.resolve())
        self.urls = {key: p for key, p in self.urls.items() if p != path}
        self.by_source = {source: p for source, p in self.by_source.items() if p != path}
        self.by_key = {key: p for key, p in self.by_key.items() if p != path}

    def claim(self, path: Path, url_key: tuple[int, int, str], source: str, content_key: str) -> None:
        self.paths.add(path.resolve())
        self.urls[url_key] = path
        self.url_of[path] = url_key
        self.by_source[source] = path
        self.by_key[content_key] = path


def _front_matter(path: Path) -> dict[str, Any]:
    """Front matter of an existing post, or {} when it cannot be read (`check` reports those)."""
    try:
        text = decode_text(path.read_bytes())
        split = split_front_matter(text)
        if split is None:
            return {}
        data = load_yaml(split[0]).data
    except (OSError, TextDecodeError, YamlSyntaxError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _url_key(meta: dict[str, Any]) -> tuple[int, int, str] | None:
    try:
        moment = parse_post_date(meta.get("date")).moment
    except (ValueError, TypeError):
        return None
    slug = str(meta.get("slug") or slugify(str(meta.get("title") or "")) or "bai-viet")
    return (moment.year, moment.month, slug)


@dataclass
class PlannedPost:
    path: Path
    front_matter: list[tuple[str, Any, str | None]]  # key, value, comment for staff
    body: str
    photo_files: list[tuple[Path, str]] = field(default_factory=list)  # found beside the export → name
    replaces: Path | None = None  # an earlier import of the same source (--force)
    # Links to other old pages in the body, resolved once every post's address is known.
    page_links: list[tuple[int, str]] = field(default_factory=list)
    url_key: tuple[int, int, str] | None = None

    def text(self) -> str:
        lines = ["---\n"]
        for key, value, comment in self.front_matter:
            dumped = dump_yaml({key: _printable(value)})
            if comment:
                first, _newline, rest = dumped.partition("\n")
                dumped = f"{first}  # {comment}\n{rest}"
            lines.append(dumped)
        lines.append("---\n\n")
        return "".join(lines) + _printable(self.body)


def _printable(value: Any) -> Any:
    """Old pages carry control characters (a Word line break U+000B, `&#11;`): `check` refuses them
    in a post (no feed can hold them), so the imported post has a space in their place."""
    if isinstance(value, str):
        return UNPRINTABLE.sub(" ", value)
    if isinstance(value, list):
        return [_printable(item) for item in value]
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    return value


def choose_path(
    out_dir: Path, year: int, month: int, title_slug: str, bundle: bool, index: PostIndex, reusable: Path | None = None
) -> tuple[Path, str | None]:
    """A path and URL no other post has; the explicit slug to write when it differs from the title's.
    `reusable`: the earlier import of the same article, which may be rewritten in place (--force)."""
    base = title_slug or "bai-viet"
    counter = 1
    while True:
        slug = base if counter == 1 else f"{base}-{counter}"
        single = out_dir / f"{year}" / f"{slug}.md"
        folder = out_dir / f"{year}" / slug / "index.md"
        mine = reusable is not None and reusable.resolve() in (single.resolve(), folder.resolve())
        taken = (
            (year, month, slug) in index.urls
            or single.resolve() in index.paths
            or folder.resolve() in index.paths
            or (single.exists() and not mine)
            or (folder.parent.exists() and not mine)
        )
        if not taken:
            return (folder if bundle else single), (None if slug == base and title_slug else slug)
        counter += 1


def find_photo_file(export: Path, name: str) -> Path | None:
    """The photo a placeholder names, if it was exported beside the article: in the same folder,
    in a folder named after the export ("bai-1/", "bai-1_files/") or in "images/"."""
    folders = [
        export.parent,
        export.parent / export.stem,
        export.parent / f"{export.stem}_files",
        export.parent / "images",
    ]
    # File names compare in NFC: a photo copied from macOS is stored NFD.
    wanted = unicodedata.normalize("NFC", name).lower()
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink():
            continue
        for candidate in sorted(folder.iterdir()):
            if candidate.is_symlink() or not candidate.is_file() or candidate.suffix.lower() not in PHOTO_SUFFIXES:
                continue
            stored = unicodedata.normalize("NFC", candidate.name).lower()
            if stored == wanted or stored.rsplit(".", 1)[0] == wanted:
                return candidate
    return None


def bundle_name(name: str) -> str:
    """A photo's file name in the post's bundle: NFC, as published."""
    return unicodedata.normalize("NFC", name)


def write_post(post: PlannedPost, *, force: bool) -> None:
    post.path.parent.mkdir(parents=True, exist_ok=True)
    if post.replaces is not None and post.replaces.resolve() != post.path.resolve() and post.replaces.exists():
        post.replaces.unlink()
    post.path.write_text(post.text(), encoding="utf-8")
    for source, name in post.photo_files:
        target = post.path.parent / name
        if force or not target.exists():
            shutil.copy2(source, target)
