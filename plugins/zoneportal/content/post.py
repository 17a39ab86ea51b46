"""A news post, as read and validated from `posts/`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Photo:
    """A photo that belongs to a post: `path` is checked to exist inside the post's folder."""

    src: str
    path: Path
    caption: str | None = None
    # Line in the post file where the photo is named (front matter or body), for messages.
    line: int | None = None
    # Front-matter field that names it ("cover", "gallery[2]"); None for a photo in the body.
    field: str | None = None


@dataclass(frozen=True, eq=False)
class Post:
    source: Path
    shown: str
    title: str
    date: datetime
    has_time: bool
    author: str
    committee: str
    term: str | None
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    summary: str
    body: str
    body_line: int
    slug: str
    cover: Photo | None = None
    gallery: tuple[Photo, ...] = ()
    event: str | None = None
    number: str | None = None
    draft: bool = False
    featured: bool = False
    origin: str | None = None
    # When the post was last corrected (front matter `updated`), for feeds and the sitemap.
    updated: datetime | None = None
    # Line of each front-matter key in the file, for messages found after reading.
    lines: dict[str, int] = field(default_factory=dict)
    # Local photos the body shows (`![alt](anh.jpg)`, `<img src="anh.jpg">`), alt text as caption.
    body_photos: tuple[Photo, ...] = ()
    # True when the front matter gives `slug:` (the URL then never follows the title).
    explicit_slug: bool = False
    # Numbers (số hiệu) of register documents the post names (front matter `documents`), as written.
    documents: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        """Where the post's photos live: the bundle folder, or the folder of a single-file post."""
        return self.source.parent

    @property
    def is_bundle(self) -> bool:
        return self.source.name == "index.md"

    @property
    def url_key(self) -> tuple[int, int, str]:
        """What decides the post's URL `/tin-tuc/YYYY/MM/<slug>/`; two posts must never share it."""
        return (self.date.year, self.date.month, self.slug)

    @property
    def modified(self) -> datetime:
        return self.updated if self.updated and self.updated > self.date else self.date

    @property
    def sort_key(self) -> tuple[datetime, str]:
        return (self.date, self.slug)
