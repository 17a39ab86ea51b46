"""PDF attachments: metadata stripped (pikepdf), page count, text layer (pypdf), first page as an
image (pypdfium2), and OCR with Tesseract for scans that have no text layer."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf
    from PIL import Image

# pikepdf, pypdf and pypdfium2 are imported where used: importing them took ~1 s of every build's
# start (the plugin's entry point imports this module), for portals that publish no PDF at all.

# pypdf logs every odd object it meets; staff only need our own messages.
logging.getLogger("pypdf").setLevel(logging.ERROR)

OCR_LANGUAGES = "vie"
# A page with fewer characters of text than this is a scan (a stamp or page number is not a text layer).
TEXT_LAYER_MIN_CHARS = 20


class PdfError(ValueError):
    """The file cannot be read as a PDF; the message is for staff."""


def clean_pdf(source: Path, target: Path) -> int:
    """Write `source` without its document information (Author, Creator, Producer, Title …) and
    without XMP metadata, in the catalogue or on any page or image; returns the page count."""
    import pikepdf

    try:
        with pikepdf.open(source) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            if "/Metadata" in pdf.Root:
                del pdf.Root["/Metadata"]
            if "/PieceInfo" in pdf.Root:
                del pdf.Root["/PieceInfo"]  # private data of the editing application
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    for key in ("/Metadata", "/PieceInfo"):
                        if key in obj:
                            del obj[key]
                    _scrub_annotation_author(obj)
                if isinstance(obj, pikepdf.Stream):
                    _strip_photo_metadata(obj)
            _clean_embedded_files(pdf)
            pages = len(pdf.pages)
            target.parent.mkdir(parents=True, exist_ok=True)
            # No /Info at all: pikepdf would otherwise not add one, and qpdf writes no Producer.
            pdf.save(target, fix_metadata_version=False, deterministic_id=True)
    except (pikepdf.PdfError, pikepdf.PasswordError) as exc:
        raise PdfError(_pdf_message(exc)) from None
    return pages


def _strip_photo_metadata(stream: pikepdf.Stream) -> None:
    """A photo placed in a PDF (a scan app's page, a report with pictures) is often its camera's JPEG
    file as it was, EXIF and GPS included: its metadata segments go, its scan stays byte for byte."""
    import pikepdf

    from .embedded_images import NotAnImage, strip_jpeg

    if stream.get("/Subtype") != pikepdf.Name.Image or stream.get("/Filter") != pikepdf.Name.DCTDecode:
        return
    raw = stream.read_raw_bytes()
    try:
        stripped = strip_jpeg(raw)
    except NotAnImage:
        return  # the viewer decodes what it can; nothing here names a person
    if stripped != raw:
        stream.write(stripped, filter=pikepdf.Name.DCTDecode, decode_parms=stream.get("/DecodeParms"))


# A markup annotation's /T is the name of who wrote the comment or highlight; a form field's /T is
# the field's name and must stay (a widget annotation is merged with its field).
def _scrub_annotation_author(obj: pikepdf.Object) -> None:
    import pikepdf

    subtype = obj.get("/Subtype")
    if subtype is None or obj.get("/Type", pikepdf.Name.Annot) != pikepdf.Name.Annot or "/T" not in obj:
        return
    if subtype != pikepdf.Name.Widget and "/FT" not in obj:
        del obj["/T"]


def _clean_embedded_files(pdf: pikepdf.Pdf) -> None:
    """Files attached inside the PDF (a Word draft, another PDF) keep their own authors: each PDF or
    Office attachment is cleaned like a file of the post; the file's dates and checksum go too."""
    import pikepdf

    from .office import ODF, OOXML, clean_office

    for name, spec in list(pdf.attachments.items()):
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension != "pdf" and extension not in OOXML | ODF:
            continue
        with tempfile.TemporaryDirectory() as scratch:
            source, target = Path(scratch, "in." + extension), Path(scratch, "out." + extension)
            source.write_bytes(spec.get_file().read_bytes())
            try:
                if extension == "pdf":
                    clean_pdf(source, target)
                else:
                    clean_office(source, target, extension)
            except ValueError:
                continue  # an unreadable attachment inside is published as the author made it
            pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, target.read_bytes(), filename=name)


def _pdf_message(exc: Exception) -> str:
    import pikepdf

    if isinstance(exc, pikepdf.PasswordError):
        return "tệp PDF có mật khẩu: hãy lưu bản không mật khẩu để đăng."
    return "tệp PDF bị hỏng hoặc không đọc được; hãy xuất lại PDF từ phần mềm soạn thảo."


def pdf_text(path: Path) -> str:
    """The text layer of every page, whitespace collapsed ("" for a scan)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        parts = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        return ""
    return " ".join(" ".join(parts).split())


def has_text_layer(text: str) -> bool:
    return len(text) >= TEXT_LAYER_MIN_CHARS


def page_images(path: Path, *, scale: float = 2.0, first_only: bool = False) -> list[Image.Image]:
    """Pages rendered by PDFium (`scale` 2 ≈ 144 dpi: what Tesseract needs for body text)."""
    import pypdfium2

    images = []
    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in range(1 if first_only else len(document)):
            page = document[index]
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
    finally:
        document.close()
    return images


def first_page_png(path: Path, width: int = 480) -> bytes:
    """The first page as a PNG `width` pixels wide, for the photo pipeline to make thumbnails of."""
    [image] = page_images(path, scale=2.0, first_only=True)
    if image.width > width * 2:
        image = image.resize((width * 2, round(image.height * width * 2 / image.width)))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_text(path: Path, languages: str = OCR_LANGUAGES) -> str:
    """Text of a scanned PDF by Tesseract (Debian `tesseract-ocr-vie`), page by page."""
    texts = []
    for image in page_images(path, scale=3.0):
        png = io.BytesIO()
        image.save(png, format="PNG")
        result = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", languages, "--psm", "3"],
            input=png.getvalue(),
            capture_output=True,
            check=False,
            timeout=300,
        )
        if result.returncode == 0:
            texts.append(result.stdout.decode("utf-8", "replace"))
    return " ".join(" ".join(texts).split())
