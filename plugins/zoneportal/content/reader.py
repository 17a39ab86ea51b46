"""Read every post under `posts/`: decode, split front matter, check its schema, build `Post`s.

Nothing here stops at the first problem: each file adds its problems to the report and the
caller decides, after all files were read, whether to stop.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler
from pydantic import ValidationError

from ..vi import nfc, slugify
from . import bundle
from .body_photos import find_body_images, is_local
from .post import Photo, Post
from .problems import ProblemReport, did_you_mean, display_path
from .schema import PostFrontMatter, validation_errors
from .textfile import TextDecodeError, YamlDocument, YamlSyntaxError, decode_text, load_yaml

SUMMARY_LENGTH = 280
_FRONT_MATTER = YAMLHandler()


def find_post_files(posts_dir: Path, skipped: list[tuple[Path, str]] | None = None) -> Iterator[Path]:
    """`posts/YYYY/<name>.md` and bundles `posts/YYYY/<name>/index.md`, in a stable order.

    One walk with os.scandir: at 10 000 posts, pathlib globbing was most of a preview rebuild.
    Folders that are symlinks are not entered (one pointing at its parent loops forever, one
    pointing elsewhere publishes what is there), nor folders that cannot be read: each is added to
    `skipped` with the reason, in Vietnamese, for the caller to report."""
    found: list[str] = []
    _walk(str(posts_dir), found, skipped if skipped is not None else [])
    for path in sorted(found):
        yield Path(path)


def _walk(folder: str, found: list[str], skipped: list[tuple[Path, str]]) -> None:
    try:
        with os.scandir(folder) as scan:
            entries = [e for e in scan if not e.name.startswith((".", "_"))]
        names = {e.name for e in entries if _follows_to(e, "file")}
    except OSError as exc:
        skipped.append((Path(folder), f"không đọc được thư mục ({exc.strerror}); các bài trong đó bị bỏ qua."))
        return
    if "index.md" in names and folder:
        found.append(os.path.join(folder, "index.md"))  # a bundle: other .md files here are its notes
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, found, skipped)
        elif entry.is_symlink() and _follows_to(entry, "dir"):
            skipped.append(
                (
                    Path(entry.path),
                    f"thư mục là liên kết tượng trưng (symlink) tới '{os.readlink(entry.path)}': không đọc, "
                    "không đăng gì trong đó; hãy đặt thư mục thật vào posts/.",
                )
            )
        elif entry.name.endswith(".md") and entry.name.lower() != "readme.md":
            found.append(entry.path)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """The YAML between the two '---' lines, the body after them, and how many lines come before
    the YAML (YAML reports lines within the front matter; staff need lines of the file). None when
    the text has no front matter."""
    if not _FRONT_MATTER.detect(text):
        return None
    front, body = _FRONT_MATTER.split(text)  # ValueError: the opening '---' was never closed
    return front, body, text[: text.find(front)].count("\n")


def _follows_to(entry: os.DirEntry[str], kind: str) -> bool:
    """Whether the entry is (or links to) a file or a folder; False for a broken or looping link."""
    try:
        return entry.is_file() if kind == "file" else entry.is_dir()
    except OSError:
        return False


def read_post(path: Path, project_root: Path, report: ProblemReport) -> Post | None:
    """The post, or None when the file has any error (it is then not published)."""
    post_report = ProblemReport()
    read = read_post_salvaged(path, project_root, post_report)
    report.extend(post_report)
    return None if read.post is None or post_report.has_errors() else read.post


@dataclass(frozen=True)
class ReadPost:
    """What could be read of one file. With errors in some fields, `post` still holds the other
    fields (the failed ones given placeholders, named in `failed`), so that the checks that follow
    (registry keys, photos) report their problems in the same pass: staff fix everything at once."""

    post: Post | None
    failed: frozenset[str] = frozenset()
    # Every file or folder the reading looked up beside the post, (PHOTO | FOLDER, src as written):
    # a post kept in the build cache is reused only while each is still what it was (read_cache.py).
    references: tuple[tuple[str, str], ...] = ()


PHOTO = "photo"
FOLDER = "folder"


# Values standing in for fields that failed the schema; later checks skip fields named in `failed`.
_STAND_INS: dict[str, object] = {
    "title": "bài viết",
    "date": "2000-01-01",
    "author": "chua-chon",
    "committee": "chua-chon",
    "categories": ["chua-chon"],
}


def read_post_salvaged(path: Path, project_root: Path, report: ProblemReport, data: bytes | None = None) -> ReadPost:
    """`data`: the file's bytes when the caller has read them already."""
    shown = display_path(path, project_root)
    try:
        text = decode_text(path.read_bytes() if data is None else data)
    except TextDecodeError as exc:
        report.error(shown, exc.message, line=exc.line)
        return ReadPost(None)
    except OSError as exc:
        report.error(shown, f"không đọc được tệp ({exc.strerror}).")
        return ReadPost(None)

    try:
        split = split_front_matter(text)
    except ValueError:  # the opening '---' was never closed: python-frontmatter cannot split
        report.error(
            shown,
            "phần khai báo đầu bài mở bằng dòng '---' nhưng không có dòng '---' đóng lại; "
            "hãy thêm một dòng chỉ gồm '---' sau trường cuối cùng (trước nội dung bài).",
            line=1,
        )
        return ReadPost(None)
    if split is None:
        report.error(
            shown,
            "bài viết thiếu phần khai báo ở đầu tệp (front matter giữa hai dòng '---'), "
            "cần ít nhất title, date, author, committee, categories.",
            line=1,
        )
        return ReadPost(None)
    front, body, offset = split
    body_line = text[: len(text) - len(body)].count("\n") + 1
    try:
        document = load_yaml(front).shifted(offset)
    except YamlSyntaxError as exc:
        report.error(shown, exc.message, line=exc.line + offset if exc.line else 1)
        return ReadPost(None)
    if not isinstance(document.data, dict):
        report.error(shown, "phần khai báo đầu bài cần dạng 'khóa: giá trị' trên từng dòng.", line=2)
        return ReadPost(None)
    for key_path, line in document.duplicate_keys:
        report.error(shown, "khai báo hai lần; giá trị sau ghi đè giá trị trước.", line=line, field=str(key_path[0]))

    failed: set[str] = set()
    try:
        meta = PostFrontMatter.model_validate(document.data)
    except ValidationError as exc:
        _report_schema_errors(exc, document, shown, report)
        failed = {str(location[0]) for location, _message, _found in validation_errors(exc) if location}
        salvage = {key: value for key, value in document.data.items() if str(key) not in failed}
        for key, value in _STAND_INS.items():
            if key in failed or key not in salvage:
                salvage[key] = value
                failed.add(key)
        try:
            meta = PostFrontMatter.model_validate(salvage)
        except ValidationError:
            return ReadPost(None)  # nothing more can be checked of this file

    references: list[tuple[str, str]] = []
    cover = None
    if meta.cover:
        references.append((PHOTO, meta.cover))
        cover = resolve_photo(path.parent, meta.cover, None, shown, document.line_of(("cover",)), "cover", report)
    gallery: list[Photo] = []
    if isinstance(meta.gallery, list):
        for index, item in enumerate(meta.gallery):
            line = document.line_of(("gallery", index))
            references.append((PHOTO, item.src))
            where = _inside(path.parent, item.src)
            if item.missing and where is not None and not where.is_file():
                report.warning(
                    shown,
                    f"ảnh '{item.src}' còn thiếu (missing: true): chưa hiển thị; đặt tệp ảnh vào thư mục bài, "
                    "sửa 'src' theo tên tệp rồi bỏ dòng 'missing'.",
                    line=line,
                    field=f"gallery[{index}]",
                )
                continue
            photo = resolve_photo(path.parent, item.src, item.caption, shown, line, f"gallery[{index}]", report)
            if photo is not None:
                gallery.append(photo)
    elif isinstance(meta.gallery, str):
        references.append((FOLDER, meta.gallery))
        folder = resolve_folder(path.parent, meta.gallery, shown, document.line_of(("gallery",)), report)
        if folder is not None:
            gallery = [
                Photo(
                    src=nfc(p.relative_to(path.parent).as_posix()),
                    path=p,
                    line=document.line_of(("gallery",)),
                    field="gallery",
                )
                for p in folder_photos(folder)
            ]
    body_photos: list[Photo] = []
    for image in find_body_images(body):
        if Path(image.src).suffix.lower() not in PHOTO_SUFFIXES:
            continue  # drawings (.svg) and other files are published as they are
        line = body_line + image.line - 1
        references.append((PHOTO, image.src))
        photo = resolve_photo(path.parent, image.src, image.alt or None, shown, line, None, report)
        if photo is not None:
            body_photos.append(photo)

    post = Post(
        source=path,
        shown=shown,
        title=meta.title,
        date=meta.date.moment,
        has_time=meta.date.has_time,
        updated=meta.updated.moment if meta.updated else None,
        author=meta.author,
        committee=meta.committee,
        term=meta.term,
        categories=tuple(dict.fromkeys(meta.categories)),
        tags=tuple(dict.fromkeys(meta.tags)),
        summary=(meta.summary or "").strip() or summary_from_body(body),
        body=body,
        body_line=body_line,
        slug=meta.slug or slugify(meta.title) or "bai-viet",
        explicit_slug=meta.slug is not None,
        cover=cover,
        gallery=tuple(gallery),
        body_photos=tuple(body_photos),
        event=meta.event,
        number=meta.number,
        draft=meta.draft,
        featured=meta.featured,
        origin=meta.source,
        documents=tuple(dict.fromkeys(meta.documents)),
        lines={str(key[0]): line for key, line in document.lines.items() if len(key) == 1},
    )
    return ReadPost(post, frozenset(failed), tuple(dict.fromkeys(references)))


def _report_schema_errors(exc: ValidationError, document: YamlDocument, shown: str, report: ProblemReport) -> None:
    known = list(PostFrontMatter.model_fields)
    for location, message, found in validation_errors(exc):
        field = ".".join(str(p) for p in location)
        line = document.line_of(location, 2) if location else 2
        if message == "trường không được hỗ trợ." and location:
            message = f"trường '{location[-1]}' không được hỗ trợ.{did_you_mean(str(location[-1]), known)}"
        elif found is not None and message.startswith(("cần", "không được")):
            message = f"{message} Giá trị hiện có: {str(found)[:60]!r}."
        report.error(shown, message, line=line, field=field)


# Every format the photo pipeline converts (`.jfif`, `.jpe` and `.bmp` too: Windows saves photos so).
PHOTO_SUFFIXES = bundle.PHOTO_SUFFIXES


def resolve_photo(
    folder: Path,
    src: str,
    caption: str | None,
    shown: str,
    line: int | None,
    field: str | None,
    report: ProblemReport,
) -> Photo | None:
    candidate = _inside(folder, src)
    if candidate is None:
        report.error(
            shown,
            f"ảnh '{src}' nằm ngoài thư mục của bài viết; hãy đặt ảnh cạnh bài (bài dạng thư mục: <tên-bài>/index.md).",
            line=line,
            field=field,
        )
        return None
    if candidate.is_symlink() or not candidate.is_file():
        where = posixpath.dirname(shown) or folder.name  # the post's folder, as staff see it
        message = f"không tìm thấy ảnh '{src}' trong thư mục {where}/."
        if candidate.is_symlink():
            message = (
                f"ảnh '{src}' là liên kết tượng trưng (symlink): không đọc; hãy chép chính tệp ảnh vào thư mục bài."
            )
        report.error(shown, message, line=line, field=field)
        return None
    return Photo(src=src, path=candidate, caption=caption, line=line, field=field)


def resolve_folder(folder: Path, src: str, shown: str, line: int | None, report: ProblemReport) -> Path | None:
    candidate = _inside(folder, src)
    if candidate is None or candidate.is_symlink() or not candidate.is_dir():
        report.error(shown, f"không tìm thấy thư mục ảnh '{src}' trong thư mục bài viết.", line=line, field="gallery")
        return None
    return candidate


def folder_photos(folder: Path) -> list[Path]:
    """The photos a `gallery: <folder>` shows, in order."""
    return [p for p in sorted(folder.iterdir()) if p.suffix.lower() in PHOTO_SUFFIXES and not p.is_symlink()]


def reference_state(folder: Path, kind: str, src: str) -> tuple[object, ...]:
    """What reading a post found of one file or folder it names (`kind` PHOTO or FOLDER): the name
    on disk, whether it is a symlink, a file, a folder, and a gallery folder's photos. Equal states
    mean the reading would find the same (the photos' contents are probed on every build)."""
    where = _inside(folder, src)
    if where is None:
        return ("outside",)
    if where.is_symlink():
        return (where.relative_to(folder).as_posix(), "symlink")
    state: tuple[object, ...] = (where.relative_to(folder).as_posix(), where.is_file(), where.is_dir())
    if kind == FOLDER and where.is_dir():
        state += tuple(p.name for p in folder_photos(where))
    return state


def _inside(folder: Path, src: str) -> Path | None:
    """The file `src` names inside `folder`, found by its NFC name whatever form the disk uses,
    without following symlinks (a link is returned as such, for the caller to refuse)."""
    if not is_local(src):
        return None
    parts = [part for part in nfc(src).replace("\\", "/").split("/") if part not in {"", "."}]
    if not parts or ".." in parts:
        return None
    current = folder
    for part in parts:
        current = current / _disk_name(current, part)
        if current.is_symlink():
            return current
    return current


def _disk_name(folder: Path, name: str) -> str:
    """The entry of `folder` whose NFC name is `name` (macOS copies names as NFD), else `name`."""
    if (folder / name).exists():
        return name
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if nfc(entry.name) == name:
                    return entry.name
    except OSError:
        pass
    return name


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_MARKS = re.compile(r"(\*\*|__|\*|`|~~)")


def summary_from_body(body: str) -> str:
    """Plain text of the first real paragraph, cut at a word boundary."""
    for block in _blocks(body):
        block = block.strip()
        if not block or block.startswith(("#", "!", "<", "|", "```", ">", "-", "*", "+", ":::", "---")):
            continue
        text = _MARKS.sub("", _TAG.sub("", _LINK.sub(r"\1", block)))
        text = " ".join(text.split())
        if not text:
            continue
        if len(text) <= SUMMARY_LENGTH:
            return text
        cut = text[:SUMMARY_LENGTH].rsplit(" ", 1)[0]
        return cut.rstrip(",;:") + " …"
    return ""


_BLANK_LINES = re.compile(r"\n\s*\n")


def _blocks(body: str) -> Iterator[str]:
    """The body split at blank lines, as `re.split` would, one block at a time: the summary is
    usually the first block, and splitting a whole long body for it was a tenth of reading a post."""
    start = 0
    for blank in _BLANK_LINES.finditer(body):
        yield body[start : blank.start()]
        start = blank.end()
    yield body[start:]
