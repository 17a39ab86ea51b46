"""Inside an office file: photos lose their EXIF without being re-encoded, embedded office files are
cleaned too, and what cannot be cleaned is named to staff."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from kit.pdfkit import AUTHOR, docx_bytes
from zoneportal.content.problems import ProblemReport
from zoneportal.documents.attachments import AttachmentStore
from zoneportal.documents.embedded_images import NotAnImage, strip_jpeg, strip_png
from zoneportal.documents.office import clean_office

GPS_OWNER = "Ong Tran Van Chup"


def photo_jpeg() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 40, 40))
    exif = Image.Exif()
    exif[0x013B] = GPS_OWNER  # Artist
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 50.0, 10.0)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=GPS_OWNER.encode(), quality=90)
    return out.getvalue()


def photo_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", GPS_OWNER)
    info.add_itxt("Comment", GPS_OWNER)
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 90, 200, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def with_parts(base: bytes, extra: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info.filename))
        for name, data in extra.items():
            new.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_jpeg_metadata_is_dropped_and_pixels_kept() -> None:
    original = photo_jpeg()
    assert GPS_OWNER.encode() in original and Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    cleaned = strip_jpeg(original)
    assert GPS_OWNER.encode() not in cleaned and b"Exif" not in cleaned
    assert Image.open(io.BytesIO(cleaned)).getexif() == {}
    assert original.endswith(cleaned[cleaned.index(b"\xff\xda") :])  # the scan byte for byte
    assert Image.open(io.BytesIO(cleaned)).tobytes() == Image.open(io.BytesIO(original)).tobytes()


def test_png_text_chunks_are_dropped_and_pixels_kept() -> None:
    original = photo_png()
    assert GPS_OWNER.encode() in original
    cleaned = strip_png(original)
    assert GPS_OWNER.encode() not in cleaned
    assert Image.open(io.BytesIO(cleaned)).tobytes() == Image.open(io.BytesIO(original)).tobytes()


@pytest.mark.parametrize("data", [b"", b"\xff\xd8\xff\xe1\xff\xff", b"GIF89a", b"\xff\xd8" + b"\x00" * 20])
def test_broken_images_are_refused_not_crashed(data: bytes) -> None:
    with pytest.raises(NotAnImage):
        strip_jpeg(data)
    with pytest.raises(NotAnImage):
        strip_png(data)


def test_photos_and_embedded_files_inside_a_docx_are_cleaned(tmp_path: Path) -> None:
    inner = with_parts(docx_bytes("Bảng số liệu"), {"xl/media/image1.png": photo_png()})
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(
        with_parts(
            docx_bytes("Báo cáo"),
            {
                "word/media/image1.jpeg": photo_jpeg(),
                "word/media/image2.png": photo_png(),
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx": inner,
            },
        )
    )
    target = tmp_path / "sach.docx"
    assert clean_office(source, target, "docx") == []
    with zipfile.ZipFile(target) as cleaned:
        assert cleaned.namelist() == zipfile.ZipFile(source).namelist()
        for name in cleaned.namelist():
            data = cleaned.read(name)
            assert GPS_OWNER.encode() not in data and AUTHOR.encode() not in data, name
        embedded = zipfile.ZipFile(io.BytesIO(cleaned.read("word/embeddings/Microsoft_Excel_Worksheet.xlsx")))
        for name in embedded.namelist():
            assert GPS_OWNER.encode() not in embedded.read(name) and AUTHOR.encode() not in embedded.read(name)
        photo = Image.open(io.BytesIO(cleaned.read("word/media/image1.jpeg")))
        assert photo.size == (40, 30) and photo.getexif() == {}


def test_uncleanable_embedded_objects_are_named_to_staff(tmp_path: Path) -> None:
    source = tmp_path / "to-trinh.docx"
    source.write_bytes(
        with_parts(
            docx_bytes("Tờ trình"),
            {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + AUTHOR.encode(), "word/media/a.jpeg": b"GIF"},
        )
    )
    report = ProblemReport()
    published = AttachmentStore(tmp_path / "cache", ocr=False).publish("to-trinh.docx", source, "posts/a.md", report)
    assert published is not None and not published.as_is
    assert published.as_is_parts == ("word/embeddings/oleObject1.bin", "word/media/a.jpeg")
    [warning] = report.warnings
    assert "oleObject1.bin" in warning.message and "nguyên trạng" in warning.message
    # The warning comes back on the next build from the cache, without cleaning again.
    again = ProblemReport()
    AttachmentStore(tmp_path / "cache", ocr=False).publish("to-trinh.docx", source, "posts/a.md", again)
    assert [w.message for w in again.warnings] == [warning.message]


def test_photos_placed_in_a_pdf_lose_their_exif(tmp_path: Path) -> None:
    import pikepdf

    from zoneportal.documents.pdf import clean_pdf

    photo = photo_jpeg()
    pdf = pikepdf.new()
    image = pikepdf.Stream(pdf, photo)
    image.Type, image.Subtype, image.Filter = pikepdf.Name.XObject, pikepdf.Name.Image, pikepdf.Name.DCTDecode
    image.Width, image.Height, image.BitsPerComponent = 40, 30, 8
    image.ColorSpace = pikepdf.Name.DeviceRGB
    page = pdf.add_blank_page(page_size=(200, 150))
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pikepdf.Stream(pdf, b"q 40 0 0 30 10 10 cm /Im0 Do Q")
    source, target = tmp_path / "anh.pdf", tmp_path / "sach.pdf"
    pdf.save(source)
    assert GPS_OWNER.encode() in source.read_bytes()
    assert clean_pdf(source, target) == 1
    assert GPS_OWNER.encode() not in target.read_bytes() and b"Exif" not in target.read_bytes()
    with pikepdf.open(target) as cleaned:
        placed = cleaned.pages[0].Resources.XObject.Im0
        shown = pikepdf.PdfImage(placed).as_pil_image()
        assert shown.tobytes() == Image.open(io.BytesIO(photo)).tobytes()
