"""What is published from a post folder (content/bundle.py): one regression test per kind of file."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from kit.pdfkit import docx_bytes, jpeg_bytes, pdf_bytes
from zoneportal.content.bundle import FileKind, classify_bundle
from zoneportal.content.problems import ProblemReport


def classify(folder: Path, allowed: tuple[str, ...] | None = None) -> tuple[dict[str, FileKind], ProblemReport]:
    report = ProblemReport()
    contents = classify_bundle(folder, "posts/2024/bai/index.md", report, *(() if allowed is None else (allowed,)))
    return {f.name: f.kind for f in contents.files}, report


def messages(report: ProblemReport) -> str:
    return "\n".join(p.message for p in report.problems)


def test_photos_of_every_image_extension_go_to_the_pipeline(tmp_path: Path) -> None:
    for name in ("a.jpg", "b.JPEG", "c.jfif", "d.jpe", "e.bmp", "f.tif", "g.tiff", "h.png"):
        (tmp_path / name).write_bytes(jpeg_bytes())
    kinds, report = classify(tmp_path)
    assert set(kinds.values()) == {FileKind.PHOTO}
    assert not report.problems


def test_a_photo_with_a_misleading_extension_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ban-do.dat").write_bytes(jpeg_bytes())
    (tmp_path / "giay-moi.pdf").write_bytes(jpeg_bytes())
    kinds, report = classify(tmp_path)
    assert kinds == {"ban-do.dat": FileKind.SKIPPED, "giay-moi.pdf": FileKind.SKIPPED}
    assert "thực chất là một ảnh" in messages(report)
    assert not report.has_errors()


def test_camera_formats_and_svg_are_not_published(tmp_path: Path) -> None:
    (tmp_path / "IMG_0001.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic")
    (tmp_path / "so-do.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    kinds, report = classify(tmp_path)
    assert set(kinds.values()) == {FileKind.SKIPPED}
    text = messages(report)
    assert "GPS" in text and "SVG" in text


def test_attachments_of_allowed_types_with_matching_content(tmp_path: Path) -> None:
    (tmp_path / "ke-hoach.pdf").write_bytes(pdf_bytes("Kế hoạch"))
    (tmp_path / "du-thao.docx").write_bytes(docx_bytes())
    (tmp_path / "gia-mao.docx").write_text("không phải tệp Word")
    kinds, report = classify(tmp_path)
    assert kinds["ke-hoach.pdf"] is FileKind.ATTACHMENT
    assert kinds["du-thao.docx"] is FileKind.ATTACHMENT
    assert kinds["gia-mao.docx"] is FileKind.SKIPPED
    assert "nội dung không phải tệp DOCX" in messages(report)


def test_other_files_are_a_warning_and_not_copied(tmp_path: Path) -> None:
    (tmp_path / "setup.exe").write_bytes(b"MZ\x90\x00")
    (tmp_path / "trang.html").write_text("<p>x</p>")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    (tmp_path / "Thumbs.db").write_bytes(b"\x00")
    (tmp_path / "ghi-chu.md").write_text("ghi chú")
    kinds, report = classify(tmp_path)
    assert kinds == {"ghi-chu.md": FileKind.SKIPPED, "setup.exe": FileKind.SKIPPED, "trang.html": FileKind.SKIPPED}
    assert len(report.warnings) == 2  # .exe and .html; system files and notes are skipped silently
    assert "không nằm trong danh sách" in messages(report)


def test_the_allowlist_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "ke-hoach.pdf").write_bytes(pdf_bytes())
    (tmp_path / "du-thao.docx").write_bytes(docx_bytes())
    kinds, report = classify(tmp_path, ("PDF",))
    assert kinds == {"du-thao.docx": FileKind.SKIPPED, "ke-hoach.pdf": FileKind.ATTACHMENT}
    assert "(pdf)" in messages(report)


def test_a_file_that_would_shadow_the_article_page_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>trang giả</h1>")
    (tmp_path / "anh" / "INDEX.HTM").parent.mkdir()
    (tmp_path / "anh" / "INDEX.HTM").write_text("x")
    kinds, report = classify(tmp_path)
    assert set(kinds.values()) == {FileKind.SKIPPED}
    assert len(report.errors) == 2
    assert "'index.html'" in messages(report) and "anh/INDEX.HTM" in messages(report)


def test_symlinks_are_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "bi-mat.pdf").write_bytes(pdf_bytes("bí mật"))
    post = tmp_path / "bai"
    post.mkdir()
    os.symlink("/etc/passwd", post / "passwd.txt")
    os.symlink(outside / "bi-mat.pdf", post / "tai-lieu.pdf")
    os.symlink(outside, post / "thu-muc")
    kinds, report = classify(post)
    assert kinds == {}
    assert len(report.warnings) == 3
    assert all("liên kết tượng trưng" in p.message for p in report.warnings)


def test_names_are_nfc_whatever_the_disk_holds(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Kế hoạch.pdf")
    (tmp_path / nfd).write_bytes(pdf_bytes())
    report = ProblemReport()
    contents = classify_bundle(tmp_path, "x", report)
    [attachment] = contents.attachments
    assert attachment.name == unicodedata.normalize("NFC", "Kế hoạch.pdf")
    assert contents.find("Kế hoạch.pdf") is attachment
    assert attachment.path.name == nfd  # read from where it is


@pytest.mark.parametrize("name", ["bao-cao.txt", "so-lieu.csv"])
def test_text_attachments_need_no_signature(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("a,b\n1,2\n")
    kinds, _report = classify(tmp_path)
    assert kinds[name] is FileKind.ATTACHMENT
