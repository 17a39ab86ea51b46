"""What is published from a post's folder, decided in one place (no MkDocs, no image encoding).

A bundle (`posts/2024/<bài>/index.md` and the files beside it) may hold anything staff saved there:
photos straight from a phone, a draft in Word, a `.jfif` downloaded by a browser, an `index.html`
saved from a web page, a shortcut (symlink) to somewhere on the build machine. Only these leave it:

* **photos** (every image-like file, by extension or by content) go through the photo pipeline
  when the post shows them, metadata-free; image formats the pipeline cannot convert are refused;
* **attachments**: files whose extension is in an allowlist of document types *and* whose content
  is what the extension says; they are published through a metadata-stripping step
  (`zoneportal.documents.attachments`);
* everything else is a warning and is not copied.

A symlink is never followed (for any kind of file: it could point at `/etc/passwd` or a CI secret),
a file that would shadow a generated page (`index.html`) is an error, and names are compared and
published in NFC (a photo copied from macOS has an NFD name on disk but an NFC name in front matter).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..vi import nfc
from .problems import ProblemReport

# Formats the photo pipeline converts (Pillow opens them; variants are WebP/JPEG without metadata).
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp"})
# Image-like files the pipeline does not convert: never published (they may carry GPS, or scripts).
REFUSED_IMAGE_SUFFIXES = frozenset({
    ".heic", ".heif", ".avif", ".dng", ".cr2", ".cr3", ".nef", ".arw", ".orf", ".rw2", ".raf", ".raw",
    ".ico", ".psd", ".jp2", ".j2k", ".jxl", ".pcx", ".tga", ".xcf", ".emf", ".wmf",
    ".mov", ".mp4", ".m4v", ".3gp",
})  # fmt: skip
DRAWING_SUFFIXES = frozenset({".svg", ".svgz"})
# Attachments published by default (`attachments` option in mkdocs.yml replaces the list).
DEFAULT_ATTACHMENT_TYPES = (
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv", "zip", "7z", "rar",
)  # fmt: skip
# Names of pages the portal writes into a post's URL: a file with such a name would replace them.
GENERATED_NAMES = frozenset({"index.html", "index.htm", "index.md", "404.html", "rss.xml", "sitemap.xml"})
# Saved by the operating system, never by staff: skipped without a word.
SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})

# What each attachment must start with (so `anh.pdf` that is really a JPEG is not published as a PDF).
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": _ZIP, "xlsx": _ZIP, "pptx": _ZIP, "odt": _ZIP, "ods": _ZIP, "odp": _ZIP, "zip": _ZIP,
    "doc": _OLE, "xls": _OLE, "ppt": _OLE,
    "rtf": (b"{\\rtf",),
    "7z": (b"7z\xbc\xaf\x27\x1c",),
    "rar": (b"Rar!\x1a\x07",),
}  # fmt: skip
# Magic numbers of image formats: a photo renamed `.dat` or `.pdf` is still a photo.
_IMAGE_MAGIC = (
    b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*",
    b"\x00\x00\x01\x00", b"8BPS", b"\x00\x00\x00\x0cjP  ", b"\xff\x0a",
)  # fmt: skip


class FileKind(Enum):
    PHOTO = "ảnh"
    ATTACHMENT = "tệp đính kèm"
    SKIPPED = "không đăng"


@dataclass(frozen=True)
class BundleFile:
    """One file of a post folder: `name` is its path inside the folder, NFC, with `/`."""

    name: str
    path: Path
    kind: FileKind
    size: int = 0

    @property
    def extension(self) -> str:
        return Path(self.name).suffix.lower().lstrip(".")


@dataclass
class BundleContents:
    files: list[BundleFile] = field(default_factory=list)

    @property
    def attachments(self) -> list[BundleFile]:
        return [f for f in self.files if f.kind is FileKind.ATTACHMENT]

    @property
    def photos(self) -> list[BundleFile]:
        return [f for f in self.files if f.kind is FileKind.PHOTO]

    def find(self, name: str) -> BundleFile | None:
        """The file staff named (`name` as written in Markdown: NFC, maybe `./`)."""
        wanted = nfc(name).removeprefix("./")
        return next((f for f in self.files if f.name == wanted), None)


def normalise_types(types: Iterable[str]) -> frozenset[str]:
    """`[".PDF", "docx"]` → {"pdf", "docx"}: the allowlist as staff may write it in mkdocs.yml."""
    return frozenset(t.strip().lower().lstrip(".") for t in types if t.strip())


def classify_bundle(
    folder: Path,
    shown: str,
    report: ProblemReport,
    allowed: Iterable[str] = DEFAULT_ATTACHMENT_TYPES,
) -> BundleContents:
    """Every file of a bundle folder, classified; problems name the post file (`shown`)."""
    allowed_types = normalise_types(allowed)
    contents = BundleContents()
    for name, path, info in _walk(folder, "", shown, report):
        contents.files.append(_classify(name, path, info, shown, report, allowed_types))
    return contents


def _walk(folder: Path, prefix: str, shown: str, report: ProblemReport) -> Iterable[tuple[str, Path, os.stat_result]]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        report.error(shown, f"không đọc được thư mục '{prefix or folder.name}' ({exc.strerror}).")
        return
    for entry in entries:
        name = prefix + nfc(entry.name)
        if entry.name.startswith(".") or entry.name.lower() in SYSTEM_FILES:
            continue
        if entry.is_symlink():
            # Never followed: a link can point at any file the build machine can read.
            report.warning(
                shown,
                f"'{name}' là liên kết tượng trưng (symlink/shortcut): không đăng và không đọc. "
                "Hãy chép chính tệp đó vào thư mục bài viết.",
            )
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(Path(entry.path), f"{name}/", shown, report)
        elif stat.S_ISREG(info.st_mode):
            yield name, Path(entry.path), info


def _classify(
    name: str, path: Path, info: os.stat_result, shown: str, report: ProblemReport, allowed: frozenset[str]
) -> BundleFile:
    suffix = Path(name).suffix.lower()
    base = Path(name).name.lower()

    def skipped(message: str, *, error: bool = False) -> BundleFile:
        (report.error if error else report.warning)(shown, message)
        return BundleFile(name, path, FileKind.SKIPPED, info.st_size)

    if suffix == ".md":
        return BundleFile(name, path, FileKind.SKIPPED, info.st_size)  # the post itself, or staff's notes
    if base in GENERATED_NAMES:
        return skipped(
            f"tệp '{name}' trùng tên với trang do cổng sinh ra ({base}) và sẽ thay thế nó; hãy xóa hoặc đổi tên tệp.",
            error=True,
        )
    head = _head(path)
    if suffix in PHOTO_SUFFIXES:
        return BundleFile(name, path, FileKind.PHOTO, info.st_size)
    if suffix in REFUSED_IMAGE_SUFFIXES:
        return skipped(
            f"tệp '{name}' không được đăng: ảnh/video gốc của máy ảnh hoặc điện thoại ({suffix[1:].upper()}) "
            "có thể chứa vị trí GPS. Hãy xuất sang JPEG rồi chèn vào bài."
        )
    if suffix in DRAWING_SUFFIXES:
        return skipped(
            f"tệp '{name}' (SVG) không được đăng: hình SVG có thể chứa mã chạy trên trang. "
            "Hãy xuất hình sang PNG rồi chèn vào bài."
        )
    if head.startswith(_IMAGE_MAGIC) or _is_webp(head):
        return skipped(
            f"tệp '{name}' thực chất là một ảnh nhưng mang đuôi '{suffix or '(không có)'}': không đăng "
            "(ảnh có thể chứa vị trí GPS). Hãy đổi đuôi thành .jpg hoặc .png để ảnh đi qua bước xử lý ảnh."
        )
    extension = suffix.lstrip(".")
    if extension not in allowed:
        listed = ", ".join(sorted(allowed))
        return skipped(
            f"tệp '{name}' không được đăng: loại tệp '{suffix or '(không có đuôi)'}' không nằm trong danh sách "
            f"tệp đính kèm được phép ({listed})."
        )
    signatures = SIGNATURES.get(extension)
    if signatures is not None and not head.startswith(signatures) and not _pdf_within(head, extension):
        return skipped(
            f"tệp '{name}' mang đuôi '{suffix}' nhưng nội dung không phải tệp {extension.upper()}: không đăng."
        )
    return BundleFile(name, path, FileKind.ATTACHMENT, info.st_size)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(1024)
    except OSError:
        return b""


def _is_webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _pdf_within(head: bytes, extension: str) -> bool:
    # PDF readers accept `%PDF-` anywhere in the first kilobyte (some scanners write a preamble).
    return extension == "pdf" and b"%PDF-" in head
