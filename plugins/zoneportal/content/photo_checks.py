"""Photo checks of the validate phase: every photo a post names opens as an image (header only),
and has a caption. `zoneportal check` and the build run these same checks, so a corrupt or
uncaptioned photo is reported before a build, in the same list as every other problem."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..photos.probe import PhotoError
from .post import Photo, Post
from .problems import ProblemReport

LISTED_NAMES = 8


class PhotoInspector(Protocol):
    """Reads a photo's header; raises PhotoError (Vietnamese, naming `src`) when it cannot be published."""

    def __call__(self, path: Path, src: str) -> object: ...


def post_photos(post: Post) -> list[Photo]:
    return [*((post.cover,) if post.cover else ()), *post.gallery, *post.body_photos]


def check_post_photos(post: Post, report: ProblemReport, inspect: PhotoInspector) -> None:
    """Each distinct photo file is opened once; a bad one is an error on the line that names it."""
    opened: set[Path] = set()
    for photo in post_photos(post):
        if photo.path in opened:
            continue
        opened.add(photo.path)
        try:
            inspect(photo.path, photo.src)
        except PhotoError as exc:
            report.error(post.shown, str(exc), line=photo.line, field=photo.field)
        except OSError as exc:
            report.error(post.shown, f"không đọc được ảnh '{photo.src}' ({exc.strerror}).", line=photo.line)
    warn_uncaptioned(post, report)


def warn_uncaptioned(post: Post, report: ProblemReport) -> None:
    """Readers with a screen reader hear the caption: a photo shown without one is a warning.
    A caption given anywhere in the post (gallery or body) covers the same photo elsewhere."""
    captions = {p.path for p in (*post.gallery, *post.body_photos) if p.caption}
    missing = [p for p in dict.fromkeys((*post.body_photos, *post.gallery)) if not (p.caption or p.path in captions)]
    names = list(dict.fromkeys(p.src for p in missing))
    if not names:
        return
    listed = ", ".join(f"'{n}'" for n in names[:LISTED_NAMES])
    if len(names) > LISTED_NAMES:
        listed += f" và {len(names) - LISTED_NAMES} ảnh khác"
    report.warning(
        post.shown,
        f"ảnh không có chú thích: {listed}. Hãy thêm caption cho ảnh trong gallery (hoặc chữ mô tả trong "
        "![mô tả](tên-ảnh.jpg)) để người đọc và trình đọc màn hình biết ảnh có gì.",
        line=missing[0].line,
    )
