"""Published attachments: a metadata-free copy of each file, its size, page count and text, cached
by content hash in a folder outside site/ (default `.cache/zoneportal/documents/`).

    ab/<sha256>/clean.pdf    the copy that is published (PDF without Info/XMP, Office without author fields)
               page-1.png    first page, for the photo pipeline to make thumbnails of (PDF only)
               info.json     written last: pages, text (text layer or OCR), whether it was a scan

A rebuild with unchanged files reads each file once (to hash it) and nothing else; OCR, the slow
part, runs once per file content.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..content.problems import ProblemReport
from . import office, pdf

# Bumped whenever cleaning removes more: a cached copy cleaned by an older rule would keep leaking
# (3: names in comments and tracked changes, PDF annotation authors, files embedded in PDFs).
_FORMAT = 4  # 4: office files' embedded photos and packages cleaned, uncleanable parts listed
# Archives are published as they are: the files inside keep their authors' names.
ARCHIVES = frozenset({"zip", "7z", "rar"})
INFO = "info.json"
# Path → size, mtime and SHA-256 of every attachment seen: a rebuild reads no unchanged file at all.
SOURCES = "sources.json"

# Type label and icon name (CSS class `zp-file--<icon>`) shown in the "Tệp đính kèm" list.
KINDS: dict[str, tuple[str, str]] = {
    "pdf": ("PDF", "pdf"),
    "doc": ("Word", "word"), "docx": ("Word", "word"), "odt": ("Văn bản ODF", "word"), "rtf": ("RTF", "word"),
    "xls": ("Excel", "excel"), "xlsx": ("Excel", "excel"), "ods": ("Bảng tính ODF", "excel"), "csv": ("CSV", "excel"),
    "ppt": ("PowerPoint", "slides"), "pptx": ("PowerPoint", "slides"), "odp": ("Trình chiếu ODF", "slides"),
    "zip": ("Tệp nén", "archive"), "7z": ("Tệp nén", "archive"), "rar": ("Tệp nén", "archive"),
    "txt": ("Văn bản", "text"),
}  # fmt: skip


@dataclass(frozen=True)
class PublishedAttachment:
    """One attachment as published: `name` (NFC) is its path under the page that shows it."""

    name: str
    extension: str
    published: Path  # the cleaned copy (or the original when nothing can be stripped)
    size: int
    digest: str
    pages: int | None = None
    text: str = ""
    scanned: bool = False
    as_is: bool = False
    first_page: Path | None = None
    # Parts of a cleaned office file published as they are (embedded OLE objects, TIFF photos …).
    as_is_parts: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return KINDS.get(self.extension, (self.extension.upper(), "file"))[0]

    @property
    def icon(self) -> str:
        return KINDS.get(self.extension, ("", "file"))[1]

    @property
    def title(self) -> str:
        """The file name without its folder and extension, as a reader would call it."""
        return Path(self.name).stem.replace("-", " ").replace("_", " ").strip() or self.name

    @property
    def size_label(self) -> str:
        return human_size(self.size)


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


class AttachmentStore:
    def __init__(self, cache_dir: Path, *, ocr: bool | None = None, report_read_scans: bool = True) -> None:
        self.root = cache_dir
        # None: OCR when Tesseract is installed.
        self.ocr = pdf.tesseract_available() if ocr is None else ocr
        # `check` names every scan; a build only those it could not read (a warning on every build of
        # a site whose scans are all searchable would be noise, and fail `mkdocs build --strict`).
        self.report_read_scans = report_read_scans
        self._done: dict[tuple[Path, int, int], PublishedAttachment | None] = {}
        self._digests: dict[str, list[object]] = _read_json(self.root / SOURCES) or {}
        self._digests_changed = False

    def publish(self, name: str, path: Path, shown: str, report: ProblemReport) -> PublishedAttachment | None:
        """The published form of the file `name` (at `path`) of the post or document `shown`;
        None (and an error) when it cannot be published safely."""
        try:
            info = path.stat()
        except OSError as exc:
            report.error(shown, f"không đọc được tệp '{name}' ({exc.strerror}).")
            return None
        memo_key = (path, info.st_size, info.st_mtime_ns)
        if memo_key not in self._done:
            self._done[memo_key] = self._publish(name, path, shown, report)
        found = self._done[memo_key]
        if found is not None and found.name != name:
            found = PublishedAttachment(**{**found.__dict__, "name": name})
        if found is not None:
            self._warn(found, shown, report)
        return found

    def _publish(self, name: str, path: Path, shown: str, report: ProblemReport) -> PublishedAttachment | None:
        extension = Path(name).suffix.lower().lstrip(".")
        digest = self._digest(path)
        entry = self.root / digest[:2] / digest
        cleaned = entry / f"clean.{extension}"
        meta = entry / INFO
        known = _read_info(meta)
        if known is None or (extension == "pdf" and known.get("scanned") and self.ocr and not known.get("ocr")):
            try:
                known = self._prepare(path, extension, entry)
            except (pdf.PdfError, office.OfficeError) as exc:
                report.error(shown, f"tệp '{name}': {exc}")
                return None
        published = cleaned if known.get("cleaned") else path
        first_page = entry / "page-1.png"
        return PublishedAttachment(
            name=name,
            extension=extension,
            published=published,
            size=published.stat().st_size,
            digest=digest,
            pages=known.get("pages"),
            text=known.get("text", ""),
            scanned=bool(known.get("scanned")),
            as_is=not known.get("cleaned"),
            first_page=first_page if first_page.is_file() else None,
            as_is_parts=tuple(known.get("as_is_parts", ())),
        )

    def _digest(self, path: Path) -> str:
        info = path.stat()
        known = self._digests.get(str(path))
        if known is not None and known[:2] == [info.st_size, info.st_mtime_ns]:
            return str(known[2])
        digest = _sha256(path)
        self._digests[str(path)] = [info.st_size, info.st_mtime_ns, digest]
        self._digests_changed = True
        return digest

    def save(self) -> None:
        """Remember the digests of this build's files (written atomically; a race loses nothing but time)."""
        if not self._digests_changed:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".sources.", dir=self.root)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self._digests, out)
        os.replace(temporary, self.root / SOURCES)
        self._digests_changed = False

    def _prepare(self, path: Path, extension: str, entry: Path) -> dict:
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=entry.parent))
        try:
            known: dict = {"format": _FORMAT, "cleaned": False}
            cleaned = staging / f"clean.{extension}"
            if extension == "pdf":
                known["pages"] = pdf.clean_pdf(path, cleaned)
                known["cleaned"] = True
                text = pdf.pdf_text(cleaned)
                known["scanned"] = not pdf.has_text_layer(text)
                if known["scanned"] and self.ocr:
                    text = pdf.ocr_text(cleaned)
                    known["ocr"] = True
                known["text"] = text
                with contextlib.suppress(Exception):
                    (staging / "page-1.png").write_bytes(pdf.first_page_png(cleaned))
            elif extension in office.OOXML | office.ODF:
                known["as_is_parts"] = office.clean_office(path, cleaned, extension)
                known["cleaned"] = True
            (staging / INFO).write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
            shutil.rmtree(entry, ignore_errors=True)
            os.replace(staging, entry)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return known

    def _warn(self, found: PublishedAttachment, shown: str, report: ProblemReport) -> None:
        if found.as_is and found.extension in office.LEGACY_OFFICE:
            report.warning(
                shown,
                f"tệp '{found.name}' ({found.label} đời cũ) được đăng nguyên trạng: không xóa được tên tác giả "
                "và thông tin phần mềm trong tệp. Nên lưu lại dạng .docx/.xlsx/.pptx hoặc PDF.",
            )
        if found.as_is_parts:
            parts = ", ".join(f"'{part}'" for part in found.as_is_parts[:3])
            more = f" và {len(found.as_is_parts) - 3} phần khác" if len(found.as_is_parts) > 3 else ""
            report.warning(
                shown,
                f"tệp '{found.name}' có phần nhúng không xóa được thông tin tác giả ({parts}{more}): "
                "đối tượng nhúng đời cũ hoặc ảnh không phải JPEG/PNG, được đăng nguyên trạng. "
                "Nên chèn ảnh JPEG/PNG, hoặc đính kèm bản PDF.",
            )
        if found.extension in ARCHIVES:
            report.warning(
                shown,
                f"tệp nén '{found.name}' được đăng nguyên trạng: tên tác giả trong các tệp Word, Excel, PDF "
                "bên trong không được xóa. Nên đính kèm từng tệp riêng (PDF, .docx …) thay cho tệp nén.",
            )
        if found.scanned and (self.report_read_scans or not found.text):
            how = (
                "đã nhận dạng chữ (OCR) bằng Tesseract để tìm kiếm."
                if found.text
                else "chưa tìm kiếm được nội dung: cài Tesseract (gói tesseract-ocr-vie) để nhận dạng chữ."
            )
            report.warning(shown, f"tệp '{found.name}' là bản quét, không có lớp chữ; {how}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_json(path: Path) -> dict | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _read_info(meta: Path) -> dict | None:
    known = _read_json(meta)
    return known if known is not None and known.get("format") == _FORMAT else None
