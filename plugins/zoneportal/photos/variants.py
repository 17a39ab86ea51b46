"""Pure decisions about a photo: which widths and formats it is published in, and under which names.

No Pillow, no files: given what the header said (`SourceInfo`) and the settings, everything that
templates and markup need (sizes, URLs, srcset) is known before a single pixel is decoded.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Bump when encode.py changes what it writes: every cached variant is then made again.
PIPELINE_VERSION = 1

# EXIF orientations 5-8 store the picture turned by 90°: width and height swap when shown.
_SWAPPED_ORIENTATIONS = {5, 6, 7, 8}


@dataclass(frozen=True)
class ImageSettings:
    widths: tuple[int, ...] = (480, 960, 1600)
    webp_quality: int = 78
    jpeg_quality: int = 80
    # Larger photos are refused before decoding (decompression bombs, or scans staff should shrink).
    max_pixels: int = 100_000_000

    def fingerprint(self) -> str:
        """What the encoded bytes depend on; part of every cache key."""
        wanted = {"version": PIPELINE_VERSION, **asdict(self)}
        wanted.pop("max_pixels")
        return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SourceInfo:
    """What a photo's header says, as stored in the file (before EXIF orientation)."""

    width: int
    height: int
    orientation: int = 1
    format: str = "JPEG"
    mode: str = "RGB"
    has_alpha: bool = False

    @property
    def displayed_size(self) -> tuple[int, int]:
        if self.orientation in _SWAPPED_ORIENTATIONS:
            return self.height, self.width
        return self.width, self.height

    @property
    def pixels(self) -> int:
        return self.width * self.height


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    format: str  # "webp" or "jpeg"

    @property
    def extension(self) -> str:
        return "jpg" if self.format == "jpeg" else self.format

    @property
    def cache_name(self) -> str:
        """File name inside the photo's cache entry."""
        return f"{self.width}.{self.extension}"


FORMATS = ("webp", "jpeg")


def plan_variants(info: SourceInfo, settings: ImageSettings) -> tuple[Variant, ...]:
    """Every configured width the photo is at least as wide as, plus its own width if narrower: never upscaled."""
    width, height = info.displayed_size
    widths = sorted({min(w, width) for w in settings.widths if w > 0})
    return tuple(
        Variant(width=w, height=max(1, round(height * w / width)), format=fmt) for fmt in FORMATS for w in widths
    )


def content_key(source_digest: str, settings: ImageSettings) -> str:
    """Cache key of a photo's variants: its bytes and the settings, nothing else (not its name, not its post)."""
    return hashlib.sha256(f"{source_digest}:{settings.fingerprint()}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class PublishedPhoto:
    """One photo of one post, as the site shows it: variants under `base_url`, with alt text.

    `base_url` is the site-relative folder of the post ("tin-tuc/2023/04/hoi-nghi/"); `name` is the
    photo's relative path there without extension ("anh/toan-canh-1a2b3c4d"), so that every
    variant's URL is `base_url + name + "-480.webp"`.
    """

    key: str
    source: Path
    src: str
    base_url: str
    name: str
    width: int
    height: int
    variants: tuple[Variant, ...]
    alt: str
    caption: str | None = None
    has_alpha: bool = False
    line: int | None = field(default=None, compare=False)

    def file_name(self, variant: Variant) -> str:
        """Path of a variant relative to the post's folder URL."""
        return f"{self.name}-{variant.width}.{variant.extension}"

    def url(self, variant: Variant) -> str:
        """Site-relative URL of a variant."""
        return self.base_url + self.file_name(variant)

    def of_format(self, fmt: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.format == fmt)

    @property
    def largest(self) -> Variant:
        """The biggest JPEG: what the lightbox and a plain link open."""
        return self.of_format("jpeg")[-1]

    @property
    def fallback(self) -> Variant:
        """`src` of the <img>: the JPEG closest to 960 px, for browsers that ignore srcset."""
        jpegs = self.of_format("jpeg")
        return min(jpegs, key=lambda v: (abs(v.width - 960), -v.width))

    @property
    def smallest(self) -> Variant:
        return self.of_format("jpeg")[0]


@dataclass(frozen=True)
class PostPhotos:
    """Every photo of one post: the cover, those in its body, its gallery; `album` lists each file once."""

    cover: PublishedPhoto | None = None
    body: tuple[PublishedPhoto, ...] = ()
    gallery: tuple[PublishedPhoto, ...] = ()

    @property
    def album(self) -> tuple[PublishedPhoto, ...]:
        seen: set[Path] = set()
        ordered = []
        for photo in (self.cover, *self.body, *self.gallery):
            if photo is not None and photo.source not in seen:
                seen.add(photo.source)
                ordered.append(photo)
        return tuple(ordered)

    @property
    def gallery_only(self) -> tuple[PublishedPhoto, ...]:
        """Gallery photos the article does not already show as its cover or in its body."""
        shown = {p.source for p in (self.cover, *self.body) if p is not None}
        unique = {p.source: p for p in reversed(self.gallery) if p.source not in shown}
        return tuple(reversed(unique.values()))

    def __bool__(self) -> bool:
        return bool(self.album)

    def find(self, source: Path) -> PublishedPhoto | None:
        """The photo published from this source file, preferring the one with a caption."""
        matches = [p for p in (*self.gallery, *self.body, self.cover) if p is not None and p.source == source]
        captioned = [p for p in matches if p.caption]
        return (captioned or matches or [None])[0]
