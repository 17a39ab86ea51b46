# ruff: noqa: E501 - XML parts of the fixture files read better unbroken
"""Real documents made in code: PDFs with author metadata and XMP (fpdf2 + pikepdf), a scanned PDF
(a picture of text, no text layer), Word (OOXML) and OpenDocument files with author fields."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")
AUTHOR = "Nguyen Van Soan"
CREATOR = "Microsoft Word 2019"
PRODUCER = "Microsoft: Print To PDF"


def font(name: str = "DejaVuSans.ttf") -> Path:
    for folder in FONT_DIRS:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    raise RuntimeError("DejaVu fonts are needed (Debian fonts-dejavu-core, installed by .ci/run)")


def pdf_bytes(*paragraphs: str, pages: int = 1) -> bytes:
    """A text PDF naming an author, creator and producer, with an XMP packet naming them too."""
    pdf = FPDF(format="A4")
    pdf.set_author(AUTHOR)
    pdf.set_creator(CREATOR)
    pdf.set_producer(PRODUCER)
    pdf.set_title("Bản nháp nội bộ")
    pdf.add_font("DejaVu", "", str(font()))
    pdf.set_font("DejaVu", "", 12)
    for number in range(pages):
        pdf.add_page()
        for paragraph in paragraphs or ("Văn bản mẫu.",):
            pdf.multi_cell(0, 7, paragraph if number == 0 else f"Trang {number + 1}. {paragraph}")
    raw = bytes(pdf.output())
    with pikepdf.open(io.BytesIO(raw)) as document:
        with document.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:creator"] = [AUTHOR]
            meta["xmp:CreatorTool"] = CREATOR
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def scanned_pdf_bytes(lines: list[str]) -> bytes:
    """One page that is only a picture of `lines`, as a scanner makes it."""
    page = Image.new("L", (1654, 1169), 252)
    draw = ImageDraw.Draw(page)
    body = ImageFont.truetype(str(font()), 44)
    for index, line in enumerate(lines):
        draw.text((120, 150 + index * 80), line, font=body, fill=15)
    image = io.BytesIO()
    page.save(image, format="PNG")
    image.seek(0)
    pdf = FPDF(format="A4", orientation="L")
    pdf.set_author(AUTHOR)
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=297, h=210)
    return bytes(pdf.output())


def docx_bytes(text: str = "Dự thảo") -> bytes:
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>',
        "docProps/core.xml": f'<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{AUTHOR}</dc:creator><cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy></cp:coreProperties>',
        "docProps/app.xml": '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>Van phong Dang uy</Company><Application>Microsoft Office Word</Application></Properties>',
        "docProps/custom.xml": f'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"><property name="Reviewer"><vt:lpwstr xmlns:vt="x">{AUTHOR}</vt:lpwstr></property></Properties>',
    }  # fmt: skip
    return _zip(parts)


def odt_bytes(text: str = "Dự thảo") -> bytes:
    parts = {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>{text}</text:p></office:text></office:body></office:document-content>',
        "meta.xml": f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><meta:initial-creator>{AUTHOR}</meta:initial-creator><dc:creator>{AUTHOR}</dc:creator><meta:generator>LibreOffice/7.4</meta:generator></office:meta></office:document-meta>',
    }  # fmt: skip
    return _zip(parts, stored_first=True)


def _zip(parts: dict[str, str], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, text) in enumerate(parts.items()):
            kind = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, text.encode("utf-8"), compress_type=kind)
    return buffer.getvalue()


def jpeg_bytes(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format="JPEG")
    return out.getvalue()


def assert_no_pdf_metadata(path: Path) -> None:
    """No document information (Author, Creator, Producer …) and no XMP anywhere in the file."""
    with pikepdf.open(path) as pdf:
        assert "/Info" not in pdf.trailer or not dict(pdf.docinfo), dict(pdf.docinfo)
        assert "/Metadata" not in pdf.Root
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                assert "/Metadata" not in obj
    raw = path.read_bytes()
    for secret in (AUTHOR.encode(), CREATOR.encode(), PRODUCER.encode(), b"x:xmpmeta", b"/Author", b"/Producer"):
        assert secret not in raw, secret


def require_tesseract() -> None:
    """OCR tests run wherever Tesseract with Vietnamese is installed; under CI a missing one fails."""
    if shutil.which("tesseract") is None:
        if os.environ.get("CI"):
            pytest.fail("tesseract-ocr-vie is not installed (.ci/run installs it)")
        pytest.skip("tesseract not installed")
