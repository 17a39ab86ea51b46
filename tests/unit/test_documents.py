"""The văn bản register: numbers, validation messages, status and relations; attachments' metadata,
text and OCR. Real PDFs and Office files, made in code."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import pikepdf
import pytest
import yaml

from kit.pdfkit import (
    AUTHOR,
    assert_no_pdf_metadata,
    docx_bytes,
    jpeg_bytes,
    odt_bytes,
    pdf_bytes,
    require_tesseract,
    scanned_pdf_bytes,
)
from zoneportal.content.problems import ProblemReport
from zoneportal.content.reader import read_post
from zoneportal.documents import pdf as pdf_module
from zoneportal.documents.attachments import AttachmentStore
from zoneportal.documents.model import Relation, Status
from zoneportal.documents.numbers import number_key, search_keywords
from zoneportal.documents.office import clean_office
from zoneportal.documents.pdf import clean_pdf
from zoneportal.documents.register import check_post_documents, load_register

# --- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["05-CT/TW", "05 CT TW", "05/CT-TW", "5-ct/tw", " 05–CT/TW "])
def test_spellings_of_one_number_share_a_key(spelling: str) -> None:
    assert number_key(spelling) == number_key("05-CT/TW") == "5-ct-tw"


def test_a_decree_number_folds_d_with_stroke() -> None:
    assert number_key("42/2022/NĐ-CP") == number_key("42/2022/ND-CP") == "42-2022-nd-cp"
    assert number_key("42/2022/NĐ-CP") != number_key("42/2021/NĐ-CP")


def test_search_keywords_cover_how_staff_type_a_number() -> None:
    keywords = search_keywords("42/2022/NĐ-CP", "Nghị định", "NĐ")
    for word in ("42", "2022", "nd", "cp", "nghi", "dinh", "nd42", "422022ndcp"):
        assert word in keywords
    assert "05" in search_keywords("05-CT/TW", "Chỉ thị", "CT") and "5" in search_keywords("05-CT/TW", "Chỉ thị", "CT")


# --- register validation ---------------------------------------------------------------------------

TYPES = {"chi-thi": {"name": "Chỉ thị", "abbr": "CT", "legal": True}, "bao-cao": {"name": "Báo cáo", "abbr": "BC"}}
ISSUERS = {"ban-bi-thu": {"name": "Ban Bí thư"}, "dang-uy": {"name": "Đảng ủy", "committee": "dang-uy"}}


def write_register(root: Path, entries: dict[str, dict[str, object]], *, pdf: bool = True) -> Path:
    folder = root / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "types.yml").write_text(yaml.safe_dump(TYPES, allow_unicode=True), encoding="utf-8")
    (folder / "issuers.yml").write_text(yaml.safe_dump(ISSUERS, allow_unicode=True), encoding="utf-8")
    for name, fields in entries.items():
        bundle = folder / name
        bundle.mkdir(parents=True, exist_ok=True)
        text = "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n"
        (bundle / "index.md").write_text(text, encoding="utf-8")
        if pdf:
            (bundle / f"{name}.pdf").write_bytes(pdf_bytes(f"Văn bản {name}"))
    return folder


def entry(number: str, **extra: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "number": number,
        "type": "chi-thi",
        "issuer": "ban-bi-thu",
        "issued": "2022-03-01",
        "summary": f"Trích yếu {number}",
    }
    fields.update(extra)
    return fields


def load(root: Path) -> tuple[object, ProblemReport]:
    report = ProblemReport()
    register = load_register(root / "documents", root, report, committees=["dang-uy"])
    return register, report


def only_error(report: ProblemReport) -> str:
    assert len(report.errors) == 1, report.render()
    return str(report.errors[0])


def test_a_valid_register_reads_every_field(tmp_path: Path) -> None:
    write_register(
        tmp_path, {"a": entry("05-CT/TW", effective="2022-03-15", signer="T/M Ban Bí thư", field="Xây dựng Đảng")}
    )
    register, report = load(tmp_path)
    assert not report.problems, report.render()
    document = register.find("05 ct tw")
    assert document is not None and document.signer == "T/M Ban Bí thư"
    assert document.fields == ("Xây dựng Đảng",) and document.effective == date(2022, 3, 15)
    assert [f.name for f in document.files] == ["a.pdf"]


def test_duplicate_number_names_both_files(tmp_path: Path) -> None:
    write_register(tmp_path, {"a": entry("05-CT/TW"), "b": entry("05/CT-TW")})
    _register, report = load(tmp_path)
    assert len(report.errors) == 2
    for problem, other in zip(report.errors, ("documents/b/index.md", "documents/a/index.md"), strict=True):
        assert problem.field == "number" and problem.line == 2
        assert "trùng" in problem.message and other in problem.message


def test_effective_before_issued(tmp_path: Path) -> None:
    write_register(tmp_path, {"a": entry("05-CT/TW", effective="2022-02-01")})
    message = only_error(load(tmp_path)[1])
    assert "documents/a/index.md:7" in message and "'effective'" in message
    assert "01/02/2022 trước ngày ban hành 01/03/2022" in message


def test_relation_to_an_unknown_number_suggests_the_closest(tmp_path: Path) -> None:
    write_register(tmp_path, {"a": entry("05-CT/TW"), "b": entry("06-CT/TW", replaces=["05-CT/TV"])})
    message = only_error(load(tmp_path)[1])
    assert "documents/b/index.md" in message and "'replaces'" in message
    assert "'05-CT/TV'" in message and "Có phải ý bạn là '05-CT/TW'?" in message


def test_missing_file(tmp_path: Path) -> None:
    write_register(tmp_path, {"a": entry("05-CT/TW", files=["a.pdf", "phu-luc.pdf"])})
    message = only_error(load(tmp_path)[1])
    assert "'files[1]'" in message and "không tìm thấy tệp 'phu-luc.pdf'" in message


def test_unknown_type_and_issuer(tmp_path: Path) -> None:
    write_register(tmp_path, {"a": entry("05-CT/TW", type="chi-thii"), "b": entry("07-CT/TW", issuer="ban-bi-thuu")})
    _register, report = load(tmp_path)
    text = report.render()
    assert len(report.errors) == 2
    assert "không có loại văn bản 'chi-thii' trong documents/types.yml. Có phải ý bạn là 'chi-thi'?" in text
    assert "không có cơ quan ban hành 'ban-bi-thuu'" in text and "'ban-bi-thu'?" in text


def test_document_without_a_file(tmp_path: Path) -> None:
    write_register(tmp_path, {"a": entry("05-CT/TW")}, pdf=False)
    message = only_error(load(tmp_path)[1])
    assert "văn bản chưa có tệp" in message and "'files'" in message


def test_schema_errors_are_vietnamese_with_lines(tmp_path: Path) -> None:
    write_register(tmp_path, {"a": {**entry("05-CT/TW"), "issued": "2022-02-30", "trich_yeu": "x"}})
    _register, report = load(tmp_path)
    text = report.render()
    assert "YYYY-MM-DD" in text and "trường 'trich_yeu' không được hỗ trợ" in text
    assert "Traceback" not in text


def test_a_post_naming_an_unknown_number(tmp_path: Path) -> None:
    write_register(tmp_path, {"a": entry("05-CT/TW")})
    register, _ = load(tmp_path)
    post_file = tmp_path / "posts" / "2024" / "bai.md"
    post_file.parent.mkdir(parents=True)
    post_file.write_text(
        "---\ntitle: Bài\ndate: 2024-01-02\nauthor: a\ncommittee: dang-uy\ncategories: [x]\n"
        'documents: ["05-CT/TW", "5-CT/TU"]\n---\n\nNội dung.\n',
        encoding="utf-8",
    )
    report = ProblemReport()
    post = read_post(post_file, tmp_path, report)
    assert post is not None and post.documents == ("05-CT/TW", "5-CT/TU")
    check_post_documents([post], register, report)
    message = only_error(report)
    assert "posts/2024/bai.md:7" in message and "'5-CT/TU'" in message and "05-CT/TW" in message


# --- status and relations --------------------------------------------------------------------------


def test_status_from_dates_and_relations(tmp_path: Path) -> None:
    write_register(
        tmp_path,
        {
            "cu": entry("01-CT/TW", issued="2020-01-01"),
            "moi": entry("02-CT/TW", issued="2022-01-01", effective="2022-02-01", replaces=["01-CT/TW"]),
            "sua": entry("03-CT/TW", issued="2023-01-01", amends=["02-CT/TW"]),
            "han": entry("04-CT/TW", issued="2020-01-01", expires="2021-12-31"),
            "sap": entry("05-CT/TW", issued="2024-06-01", effective="2024-07-01"),
            "tuyen-bo": entry("06-CT/TW", issued="2020-01-01", status="hết hiệu lực"),
        },
    )
    register, report = load(tmp_path)
    assert not report.has_errors(), report.render()
    today = date(2024, 6, 15)
    status = {d.number: register.status(d, today) for d in register.documents.values()}
    assert status == {
        "01-CT/TW": Status.EXPIRED,
        "02-CT/TW": Status.PARTLY,
        "03-CT/TW": Status.IN_FORCE,
        "04-CT/TW": Status.EXPIRED,
        "05-CT/TW": Status.PENDING,
        "06-CT/TW": Status.EXPIRED,
    }
    # Before the new one takes effect, the old one is still in force.
    assert register.status(register.find("01-CT/TW"), date(2022, 1, 15)) is Status.IN_FORCE


def test_relations_are_linked_both_ways(tmp_path: Path) -> None:
    write_register(
        tmp_path, {"cu": entry("01-CT/TW"), "moi": entry("02-CT/TW", issued="2023-01-01", replaces=["1-ct/tw"])}
    )
    register, _ = load(tmp_path)
    [backwards] = register.links(register.find("01-CT/TW"))
    assert backwards.reverse and backwards.relation is Relation.REPLACES
    assert backwards.relation.reverse_label == "Bị thay thế bởi" and backwards.document.number == "02-CT/TW"
    [forwards] = register.links(register.find("02-CT/TW"))
    assert not forwards.reverse and forwards.document.number == "01-CT/TW"


# --- attachments ------------------------------------------------------------------------------------


def test_pdf_metadata_is_stripped_and_pages_counted(tmp_path: Path) -> None:
    source = tmp_path / "goc.pdf"
    source.write_bytes(pdf_bytes("Nội dung kế hoạch", pages=3))
    with pikepdf.open(source) as original:
        assert original.docinfo["/Author"] == AUTHOR and "/Metadata" in original.Root  # the fixture is real
    target = tmp_path / "sach.pdf"
    assert clean_pdf(source, target) == 3
    assert_no_pdf_metadata(target)
    assert "Nội dung kế hoạch" in pdf_module.pdf_text(target)


def test_a_broken_pdf_is_a_message(tmp_path: Path) -> None:
    source = tmp_path / "hong.pdf"
    source.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 10)
    store = AttachmentStore(tmp_path / "cache", ocr=False)
    report = ProblemReport()
    assert store.publish("hong.pdf", source, "posts/bai/index.md", report) is None
    assert "bị hỏng" in only_error(report)


@pytest.mark.parametrize(
    ("name", "make", "part"), [("a.docx", docx_bytes, "docProps/core.xml"), ("a.odt", odt_bytes, "meta.xml")]
)
def test_office_author_fields_are_scrubbed(tmp_path: Path, name: str, make, part: str) -> None:
    source = tmp_path / name
    source.write_bytes(make("Nội dung giữ nguyên"))
    target = tmp_path / f"sach-{name}"
    clean_office(source, target, name.rsplit(".", 1)[1])
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target) as new:
        assert old.namelist() == new.namelist()  # nothing dropped, order kept (ODF's mimetype first)
        for member in new.namelist():
            data = new.read(member)
            assert AUTHOR.encode() not in data and b"Van phong" not in data and b"LibreOffice" not in data
            if member != part and not member.startswith("docProps/"):
                assert data == old.read(member)
        assert new.getinfo(new.namelist()[0]).compress_type == old.getinfo(old.namelist()[0]).compress_type


def test_legacy_office_files_are_published_as_they_are_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "cu.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    report = ProblemReport()
    published = AttachmentStore(tmp_path / "cache", ocr=False).publish("cu.doc", source, "x", report)
    assert published is not None and published.as_is and published.published == source
    assert "nguyên trạng" in report.warnings[0].message


def test_scanned_pdf_is_reported_without_ocr(tmp_path: Path) -> None:
    source = tmp_path / "quet.pdf"
    source.write_bytes(scanned_pdf_bytes(["THÔNG BÁO KẾT LUẬN"]))
    report = ProblemReport()
    published = AttachmentStore(tmp_path / "cache", ocr=False).publish("quet.pdf", source, "x", report)
    assert published is not None and published.scanned and published.text == ""
    assert "bản quét" in report.warnings[0].message and "tesseract-ocr-vie" in report.warnings[0].message
    assert published.first_page is not None and published.first_page.read_bytes().startswith(b"\x89PNG")


def test_scanned_pdf_is_read_by_ocr_once_per_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_tesseract()
    source = tmp_path / "quet.pdf"
    source.write_bytes(scanned_pdf_bytes(["Giao Phòng Quản lý đầu tư trả lời", "tuyến đường gom phía đông"]))
    report = ProblemReport()
    published = AttachmentStore(tmp_path / "cache", ocr=True).publish("quet.pdf", source, "x", report)
    assert published is not None and published.scanned
    text = published.text.lower()
    assert "đường gom" in text and "phía đông" in text, published.text
    assert "đã nhận dạng chữ" in report.warnings[0].message

    def no_second_ocr(_path: Path, languages: str = "vie") -> str:
        raise AssertionError("OCR ran again for the same content")

    monkeypatch.setattr(pdf_module, "ocr_text", no_second_ocr)
    copy = tmp_path / "ban-sao.pdf"
    copy.write_bytes(source.read_bytes())
    again = AttachmentStore(tmp_path / "cache", ocr=True).publish("ban-sao.pdf", copy, "x", ProblemReport())
    assert again is not None and again.text == published.text


# --- photos named in NFC, stored in NFD; symlinked photos --------------------------------------------


def write_post(folder: Path, extra: str = "", body: str = "Nội dung.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "index.md"
    path.write_text(
        f"---\ntitle: Bài\ndate: 2024-01-02\nauthor: a\ncommittee: c\ncategories: [x]\n{extra}---\n\n{body}\n",
        encoding="utf-8",
    )
    return path


def test_a_photo_stored_in_nfd_is_found_by_its_nfc_name(tmp_path: Path) -> None:
    folder = tmp_path / "posts" / "2024" / "bai"
    folder.mkdir(parents=True)
    (folder / unicodedata.normalize("NFD", "Toàn cảnh.jpg")).write_bytes(jpeg_bytes())
    (folder / unicodedata.normalize("NFD", "Đại-biểu.jpg")).write_bytes(jpeg_bytes())
    path = write_post(folder, "cover: Toàn cảnh.jpg\n", body="![Đại biểu dự họp](Đại-biểu.jpg)")
    report = ProblemReport()
    post = read_post(path, tmp_path, report)
    assert not report.problems, report.render()
    assert post is not None and post.cover is not None
    assert post.cover.src == unicodedata.normalize("NFC", "Toàn cảnh.jpg")
    assert post.cover.path.is_file() and post.body_photos[0].path.is_file()


def test_a_symlinked_photo_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "posts" / "2024" / "bai"
    folder.mkdir(parents=True)
    secret = tmp_path / "bi-mat.jpg"
    secret.write_bytes(jpeg_bytes())
    (folder / "anh.jpg").symlink_to(secret)
    report = ProblemReport()
    assert read_post(write_post(folder, "cover: anh.jpg\n"), tmp_path, report) is None
    assert "liên kết tượng trưng" in only_error(report)


def test_a_build_names_only_the_scans_it_could_not_read(tmp_path: Path) -> None:
    source = tmp_path / "quet.pdf"
    source.write_bytes(scanned_pdf_bytes(["THÔNG BÁO"]))
    unread = ProblemReport()
    AttachmentStore(tmp_path / "a", ocr=False, report_read_scans=False).publish("quet.pdf", source, "x", unread)
    assert len(unread.warnings) == 1
    require_tesseract()
    read = ProblemReport()
    AttachmentStore(tmp_path / "b", ocr=True, report_read_scans=False).publish("quet.pdf", source, "x", read)
    assert not read.problems


def test_an_entry_with_errors_is_not_reported_again_as_an_unknown_number(tmp_path: Path) -> None:
    write_register(
        tmp_path,
        {
            "cu": entry("01-CT/TW", effective="2022-01-01"),
            "moi": entry("02-CT/TW", issued="2023-01-01", replaces=["01-CT/TW"]),
        },
    )
    message = only_error(load(tmp_path)[1])
    assert "documents/cu/index.md" in message and "'effective'" in message


# --- held-out cases from QA (steering review) ---------------------------------------------------


def test_a_full_width_number_is_the_same_number() -> None:
    # Pasted from a Word file typed with an IME: full-width digits and letters (NFKC-equal).
    assert number_key("０５-ＣＴ/ＴＷ") == number_key("05-CT/TW") == "5-ct-tw"
    assert "05cttw" in search_keywords("０５-ＣＴ/ＴＷ", "Chỉ thị", "CT")


def test_duplicate_number_in_full_width_is_caught(tmp_path: Path) -> None:
    write_register(tmp_path, {"a": entry("05-CT/TW"), "b": entry("０５-ＣＴ/ＴＷ")})
    _register, report = load(tmp_path)
    assert len(report.errors) == 2 and all("trùng" in p.message for p in report.errors), report.render()


def test_a_number_without_letters_or_digits_is_refused(tmp_path: Path) -> None:
    write_register(tmp_path, {"a": entry("—")})
    problem = load(tmp_path)[1].errors
    assert len(problem) == 1 and problem[0].field == "number" and problem[0].line == 2
    assert "không có chữ hoặc số" in problem[0].message


@pytest.mark.parametrize(
    "entries",
    [
        {"a": entry("01-CT/TW", replaces=["02-CT/TW"]), "b": entry("02-CT/TW", replaces=["01/CT-TW"])},
        {
            "a": entry("01-CT/TW", replaces=["02-CT/TW"]),
            "b": entry("02-CT/TW", replaces=["09-CT/TW", "03-CT/TW"]),
            "c": entry("03-CT/TW", replaces=["01-CT/TW"]),
            "d": entry("09-CT/TW"),
        },
    ],
)
def test_a_replacement_loop_is_one_message(tmp_path: Path, entries: dict[str, dict[str, object]]) -> None:
    write_register(tmp_path, entries)
    problem = only_error(load(tmp_path)[1])
    assert "documents/a/index.md:7" in problem and "'replaces'" in problem and "vòng tròn" in problem
    assert "01-CT/TW —thay thế→ 02-CT/TW" in problem


@pytest.mark.parametrize(
    ("entries", "field"),
    [
        ({"a": entry("01/QĐ-BQL", amends=["02/QĐ-BQL"]), "b": entry("02/QĐ-BQL", amends=["01/QĐ-BQL"])}, "amends"),
        (
            {"a": entry("01-KH/ĐU", implements=["02-KH/ĐU"]), "b": entry("02-KH/ĐU", replaces=["01-KH/ĐU"])},
            "implements",
        ),
    ],
)
def test_loops_through_any_relation_are_one_message(
    tmp_path: Path, entries: dict[str, dict[str, object]], field: str
) -> None:
    write_register(tmp_path, entries)
    problem = only_error(load(tmp_path)[1])
    assert "vòng tròn" in problem and f"'{field}'" in problem and "documents/a/index.md:" in problem


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# Where Word, Excel, PowerPoint and LibreOffice write the names of who commented or changed what.
PEOPLE_PARTS = {
    "docx": {
        "word/document.xml": f'<w:document {W}><w:body><w:p><w:ins w:id="1" w:author="{AUTHOR}" '
        'w:date="2024-01-01T00:00:00Z"><w:r><w:t>Giữ chữ này</w:t></w:r></w:ins>'
        f'<w:del w:id="2" w:author="{AUTHOR}"><w:r><w:delText>x</w:delText></w:r></w:del></w:p></w:body></w:document>',
        "word/comments.xml": f'<w:comments {W}><w:comment w:id="0" w:author="{AUTHOR}" w:initials="NVA">'
        "<w:p><w:r><w:t>Giữ chữ này</w:t></w:r></w:p></w:comment></w:comments>",
        "word/people.xml": f'<w15:people xmlns:w15="x"><w15:person w15:author="{AUTHOR}">'
        f'<w15:presenceInfo w15:providerId="AD" w15:userId="{AUTHOR}"/></w15:person></w15:people>',
        "docProps/custom.xml": f'<Properties><property name="Owner"><vt:lpwstr>{AUTHOR}</vt:lpwstr>'
        "</property></Properties>",
    },
    "xlsx": {
        "xl/comments1.xml": f"<comments><authors><author>{AUTHOR}</author></authors>"
        '<commentList><comment ref="A1" authorId="0"><text><t>Giữ chữ này</t></text></comment>'
        "</commentList></comments>",
        "xl/persons/person.xml": f'<personList><person displayName="{AUTHOR}" id="{{1}}"/></personList>',
    },
    "pptx": {
        "ppt/commentAuthors.xml": f'<p:cmAuthorLst xmlns:p="p"><p:cmAuthor id="0" name="{AUTHOR}" initials="NVA"/>'
        "</p:cmAuthorLst>"
    },
    "odt": {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": f"<office:document-content><office:annotation><dc:creator>{AUTHOR}</dc:creator>"
        "<text:p>Giữ chữ này</text:p></office:annotation><text:tracked-changes><text:changed-region><text:insertion>"
        f"<office:change-info><dc:creator>{AUTHOR}</dc:creator></office:change-info></text:insertion>"
        "</text:changed-region></text:tracked-changes></office:document-content>",
        "settings.xml": f'<office:document-settings><config:config-item config:name="PrinterName">{AUTHOR}'
        "</config:config-item></office:document-settings>",
    },
}


@pytest.mark.parametrize("extension", sorted(PEOPLE_PARTS))
def test_names_in_comments_and_tracked_changes_are_scrubbed(tmp_path: Path, extension: str) -> None:
    source = tmp_path / f"a.{extension}"
    with zipfile.ZipFile(source, "w") as archive:
        for member, text in PEOPLE_PARTS[extension].items():
            archive.writestr(member, text)
    target = tmp_path / f"sach.{extension}"
    clean_office(source, target, extension)
    with zipfile.ZipFile(target) as new:
        leaks = [m for m in new.namelist() if AUTHOR.encode() in new.read(m) or b"NVA" in new.read(m)]
        assert leaks == []
        text = b"".join(new.read(m) for m in new.namelist())
    assert "Giữ chữ này".encode() in text or extension == "pptx"  # the words themselves stay


def test_pdf_annotation_authors_and_embedded_files_are_cleaned(tmp_path: Path) -> None:
    source = tmp_path / "goc.pdf"
    source.write_bytes(pdf_bytes("Nội dung"))
    with pikepdf.open(source, allow_overwriting_input=True) as document:
        note = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[0, 0, 10, 10], T=pikepdf.String(AUTHOR)
        )
        field = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Widget,
            FT=pikepdf.Name.Tx,
            Rect=[0, 0, 9, 9],
            T=pikepdf.String("ho_ten"),
        )
        field = document.make_indirect(field)
        document.pages[0].obj["/Annots"] = pikepdf.Array([document.make_indirect(note), field])
        document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
        document.attachments["du-thao.pdf"] = pikepdf.AttachedFileSpec(document, pdf_bytes("Bản nháp"))
        document.attachments["du-thao.docx"] = pikepdf.AttachedFileSpec(document, docx_bytes("Bản nháp"))
        document.save(source)
    target = tmp_path / "sach.pdf"
    clean_pdf(source, target)
    assert_no_pdf_metadata(target)
    with pikepdf.open(target) as cleaned:
        titles = [str(a.get("/T", "")) for a in cleaned.pages[0]["/Annots"]]
        assert titles == ["", "ho_ten"]  # the comment's author goes, the form field's name stays
        inner = {name: spec.get_file().read_bytes() for name, spec in cleaned.attachments.items()}
    assert set(inner) == {"du-thao.pdf", "du-thao.docx"}
    inner_pdf = tmp_path / "inner.pdf"
    inner_pdf.write_bytes(inner["du-thao.pdf"])
    assert_no_pdf_metadata(inner_pdf)
    inner_docx = tmp_path / "inner.docx"
    inner_docx.write_bytes(inner["du-thao.docx"])
    with zipfile.ZipFile(inner_docx) as archive:
        assert not any(AUTHOR.encode() in archive.read(m) for m in archive.namelist())


def test_an_incremental_update_keeps_no_earlier_author(tmp_path: Path) -> None:
    # A PDF edited in place appends a new revision; the first Info dictionary stays in the file.
    original = pdf_bytes("Nội dung")
    with pikepdf.open(io.BytesIO(original)) as document:
        size = len(original)
        startxref = int(original.rsplit(b"startxref", 1)[1].split()[0])
        objects = len(document.objects) + 10
    appended = f"\n{objects} 0 obj\n<< /Author (Revision Two) /Creator (Editor) >>\nendobj\n".encode()
    xref_at = size + len(appended)
    trailer_root = "1 0 R"
    with pikepdf.open(io.BytesIO(original)) as document:
        trailer_root = f"{document.Root.objgen[0]} 0 R"
    update = (
        appended
        + f"xref\n0 1\n0000000000 65535 f \n{objects} 1\n{size + 1:010d} 00000 n \n".encode()
        + f"trailer\n<< /Size {objects + 1} /Root {trailer_root} /Info {objects} 0 R /Prev {startxref} >>\n".encode()
        + f"startxref\n{xref_at}\n%%EOF\n".encode()
    )
    source = tmp_path / "sua.pdf"
    source.write_bytes(original + update)
    with pikepdf.open(source) as document:
        assert str(document.docinfo["/Author"]) == "Revision Two"  # the fixture is a real update
    target = tmp_path / "sach.pdf"
    clean_pdf(source, target)
    assert_no_pdf_metadata(target)
    with pikepdf.open(target) as cleaned:
        flat = tmp_path / "flat.pdf"
        cleaned.save(
            flat,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.all,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    data = flat.read_bytes()
    assert b"Revision Two" not in data and AUTHOR.encode("utf-16-be") not in data and b"Author" not in data


def test_an_archive_is_published_as_is_with_a_warning(tmp_path: Path) -> None:
    # A zip holding a .docx keeps the author's name inside: staff are told, once per file.
    source = tmp_path / "Ho so.ZIP"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("du-thao.docx", docx_bytes("Bản nháp"))
    report = ProblemReport()
    published = AttachmentStore(tmp_path / "cache", ocr=False).publish("Ho so.ZIP", source, "x", report)
    assert published is not None and published.as_is and published.published == source
    assert len(report.warnings) == 1 and "tệp nén 'Ho so.ZIP'" in report.warnings[0].message


def test_a_copy_cleaned_by_an_older_rule_is_cleaned_again(tmp_path: Path) -> None:
    from zoneportal.documents import attachments

    source = tmp_path / "a.docx"
    source.write_bytes(docx_bytes("Nội dung"))
    store = AttachmentStore(tmp_path / "cache", ocr=False)
    first = store.publish("a.docx", source, "x", ProblemReport())
    assert first is not None
    info = first.published.parent / attachments.INFO
    stale = info.read_text(encoding="utf-8").replace(f'"format": {attachments._FORMAT}', '"format": 2')
    info.write_text(stale, encoding="utf-8")
    first.published.write_bytes(source.read_bytes())  # what an older rule left in the cache
    again = AttachmentStore(tmp_path / "cache", ocr=False).publish("a.docx", source, "x", ProblemReport())
    assert again is not None
    with zipfile.ZipFile(again.published) as archive:
        assert not any(AUTHOR.encode() in archive.read(m) for m in archive.namelist())


def test_a_relation_to_a_later_document_is_a_warning(tmp_path: Path) -> None:
    write_register(
        tmp_path,
        {
            "a": entry("01/QĐ-BQL", issued="2021-01-05", replaces=["02/QĐ-BQL"]),
            "b": entry("02/QĐ-BQL", issued="2023-06-01"),
        },
    )
    report = load(tmp_path)[1]
    assert not report.errors
    [warning] = report.warnings
    assert "02/QĐ-BQL" in warning.message and "01/06/2023" in warning.message and "'replaces'" in warning.message
