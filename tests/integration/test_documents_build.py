"""Integration: a fixture site with a register and post attachments, built with MkDocs; what is
published (and what is not), the register's pages, feed, JSON-LD and search index."""

from __future__ import annotations

import json
import os
import re
import unicodedata
import zipfile
from pathlib import Path

import feedparser
import pytest
import yaml
from mkdocs.exceptions import Abort

from kit.pagefindkit import PagefindBundle
from kit.pdfkit import AUTHOR, assert_no_pdf_metadata, docx_bytes, jpeg_bytes, pdf_bytes
from kit.sitekit import Project, make_project

pytestmark = pytest.mark.build

TYPES = {
    "chi-thi": {"name": "Chỉ thị", "abbr": "CT", "legal": True},
    "nghi-dinh": {"name": "Nghị định", "abbr": "NĐ", "legal": True},
    "bao-cao": {"name": "Báo cáo", "abbr": "BC"},
}
ISSUERS = {
    "ban-bi-thu": {"name": "Ban Bí thư"},
    "chinh-phu": {"name": "Chính phủ"},
    "dang-uy": {"name": "Đảng ủy Ban Quản lý", "committee": "dang-uy"},
}
POST_URL = "tin-tuc/2023/04/dai-hoi-chi-bo/"


def add_document(project: Project, folder: str, files: dict[str, bytes], **fields: object) -> None:
    project.write(f"documents/{folder}/index.md", "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n")
    for name, data in files.items():
        project.write(f"documents/{folder}/{name}", data)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("van-ban"))
    project.write("documents/types.yml", yaml.safe_dump(TYPES, allow_unicode=True))
    project.write("documents/issuers.yml", yaml.safe_dump(ISSUERS, allow_unicode=True))
    add_document(
        project, "2016/05-ct-tw", {"05-ct-tw.pdf": pdf_bytes("Học tập và làm theo tấm gương đạo đức")},
        number="05-CT/TW", type="chi-thi", issuer="ban-bi-thu", issued="2016-05-15",
        summary="Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", field="Xây dựng Đảng",
    )  # fmt: skip
    add_document(
        project, "2022/42", {"nghi-dinh.pdf": pdf_bytes("Cổng thông tin điện tử công bố danh mục văn bản", pages=2)},
        number="42/2022/NĐ-CP", type="nghi-dinh", issuer="chinh-phu", issued="2022-06-24", effective="2022-08-15",
        summary="Cung cấp thông tin và dịch vụ công trực tuyến trên môi trường mạng",
    )  # fmt: skip
    add_document(
        project, "2021/bc-01", {"bao-cao.pdf": pdf_bytes("Báo cáo cũ về chỉ tiêu lấp đầy")},
        number="01/BC-ĐU", type="bao-cao", issuer="dang-uy", issued="2021-12-20", summary="Báo cáo năm 2021",
    )  # fmt: skip
    add_document(
        project, "2023/bc-02", {"bao-cao-2023.pdf": pdf_bytes("Tỷ lệ lấp đầy khu công nghiệp phía bắc đạt tám mươi")},
        number="02/BC-ĐU", type="bao-cao", issuer="dang-uy", issued="2023-01-10", summary="Báo cáo năm 2022",
        replaces=["01/BC-ĐU"],
    )  # fmt: skip
    body = (
        "Đại hội quán triệt Chỉ thị 05-CT/TW và Nghị định 42/2022/NĐ-CP. "
        f"Xem [kế hoạch]({unicodedata.normalize('NFC', 'Kế hoạch.pdf').replace(' ', '%20')}).\n\n"
        "![Đại biểu](dai-bieu.jfif)"
    )
    project.add_post(
        "2023/dai-hoi-chi-bo/index.md", title="Đại hội Chi bộ", date="2023-04-20", body=body,
        documents=["05 CT TW", "42/2022/NĐ-CP"],
    )  # fmt: skip
    folder = project.posts / "2023" / "dai-hoi-chi-bo"
    (folder / unicodedata.normalize("NFD", "Kế hoạch.pdf")).write_bytes(pdf_bytes("Kế hoạch tổ chức đại hội"))
    (folder / "du-thao.docx").write_bytes(docx_bytes())
    (folder / "dai-bieu.jfif").write_bytes(jpeg_bytes())
    (folder / "cong-cu.exe").write_bytes(b"MZ\x90\x00")
    (folder / "so-do.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    secret = project.root / "bi-mat.txt"
    secret.write_text("CI_SECRET=abc123")
    os.symlink(secret, folder / "ghi-chu.txt")
    os.symlink("/etc/passwd", folder / "passwd.pdf")
    project.build()
    return project


def test_pdfs_are_published_without_author_metadata(built: Project) -> None:
    pdfs = sorted(built.site.rglob("*.pdf"))
    assert len(pdfs) == 5
    for path in pdfs:
        assert_no_pdf_metadata(path)


def test_office_files_are_published_without_author_fields(built: Project) -> None:
    with zipfile.ZipFile(built.site / POST_URL / "du-thao.docx") as docx:
        for member in docx.namelist():
            assert AUTHOR.encode() not in docx.read(member)


def test_only_what_the_policy_allows_leaves_the_post_folder(built: Project) -> None:
    published = {p.name for p in (built.site / POST_URL).iterdir()}
    nfc = unicodedata.normalize("NFC", "Kế hoạch.pdf")
    assert nfc in published and unicodedata.normalize("NFD", "Kế hoạch.pdf") not in published
    assert "du-thao.docx" in published
    for absent in ("cong-cu.exe", "so-do.svg", "ghi-chu.txt", "passwd.pdf", "dai-bieu.jfif"):
        assert absent not in published
    assert any(name.startswith("dai-bieu-") and name.endswith(".webp") for name in published)  # through the pipeline
    everything = b"".join(p.read_bytes() for p in built.site.rglob("*") if p.is_file())
    assert b"CI_SECRET" not in everything and b"root:x:0:0" not in everything


def test_the_article_lists_attachments_and_related_documents(built: Project) -> None:
    html = built.html(POST_URL)
    attachments = html[html.index("Tệp đính kèm") :]
    assert "Kế hoạch.pdf" in attachments and "PDF ·" in attachments and "1 trang" in attachments
    assert "du-thao.docx" in attachments and "Word ·" in attachments
    assert re.search(r'<picture class="zp-picture"><source type="image/webp" srcset="ke-hoach-trang-1-', attachments)
    related = html[html.index("Văn bản liên quan") :]
    assert 'href="../../../../van-ban/05-ct-tw/"' in related and "Nghị định 42/2022/NĐ-CP" in related


def test_document_page_shows_fields_files_relations_and_posts(built: Project) -> None:
    old = built.html("van-ban/01-bc-du/")
    assert "Bị thay thế bởi" in old and "02/BC-ĐU" in old and "Hết hiệu lực" in old
    new = built.html("van-ban/02-bc-du/")
    assert "Thay thế" in new and "01/BC-ĐU" in new and "Còn hiệu lực" in new
    decree = built.html("van-ban/42-2022-nd-cp/")
    assert "2 trang" in decree and "15/08/2022" in decree and "Đại hội Chi bộ" in decree
    assert "Đảng ủy Ban Quản lý" in old and 'href="../../to-chuc/dang-uy/"' in old  # the issuer is our committee


def jsonld(html: str) -> dict[str, object]:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_jsonld_legislation_for_legal_types_digital_document_otherwise(built: Project) -> None:
    decree = jsonld(built.html("van-ban/42-2022-nd-cp/"))
    assert decree["@type"] == "Legislation" and decree["legislationIdentifier"] == "42/2022/NĐ-CP"
    assert decree["legislationLegalForce"] == "https://schema.org/InForce"
    assert decree["legislationDateOfApplicability"] == "2022-08-15"
    report = jsonld(built.html("van-ban/02-bc-du/"))
    assert report["@type"] == "DigitalDocument" and report["identifier"] == "02/BC-ĐU"


def test_register_pages_and_filters(built: Project) -> None:
    register = built.html("van-ban/")
    numbers = re.findall(r'class="zp-register__number" href="[^"]*">([^<]+)</a>', register)
    assert numbers == ["02/BC-ĐU", "42/2022/NĐ-CP", "01/BC-ĐU", "05-CT/TW"]  # newest issued first
    oldest = re.findall(r'class="zp-register__number" href="[^"]*">([^<]+)</a>', built.html("van-ban/cu-nhat/"))
    assert oldest == numbers[::-1]
    for url, expected in {
        "van-ban/loai/bao-cao/": {"02/BC-ĐU", "01/BC-ĐU"},
        "van-ban/co-quan/chinh-phu/": {"42/2022/NĐ-CP"},
        "van-ban/nam/2016/": {"05-CT/TW"},
        "van-ban/linh-vuc/xay-dung-dang/": {"05-CT/TW"},
        "van-ban/hieu-luc/het-hieu-luc/": {"01/BC-ĐU"},
    }.items():
        found = set(re.findall(r'class="zp-register__number" href="[^"]*">([^<]+)</a>', built.html(url)))
        assert found == expected, url


def test_feed_of_new_documents(built: Project) -> None:
    feed = feedparser.parse((built.site / "van-ban" / "rss.xml").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries][:2] == ["Báo cáo 02/BC-ĐU", "Nghị định 42/2022/NĐ-CP"]
    assert feed.entries[0].link == "https://example.test/van-ban/02-bc-du/"


@pytest.mark.parametrize("query", ["05-CT/TW", "05 CT TW", "05/CT-TW", "nd 42 2022", "42/2022/NĐ-CP", "nghi dinh 42"])
def test_every_number_spelling_finds_the_document(built: Project, query: str) -> None:
    found = PagefindBundle(built.site / "pagefind").search(query)
    expected = "/van-ban/05-ct-tw/" if "05" in query else "/van-ban/42-2022-nd-cp/"
    assert expected in found, found


@pytest.mark.parametrize(
    ("phrase", "url"),
    [("phía bắc đạt tám mươi", "/van-ban/02-bc-du/"), ("kế hoạch tổ chức đại hội", f"/{POST_URL}")],
)
def test_text_inside_pdfs_is_searchable(built: Project, phrase: str, url: str) -> None:
    assert url in PagefindBundle(built.site / "pagefind").search(phrase)


def test_a_file_that_would_replace_the_article_page_stops_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path)
    project.add_post("2023/bai/index.md", title="Bài", date="2023-04-20")
    project.write("posts/2023/bai/index.html", "<h1>trang giả</h1>")
    with pytest.raises(Abort):
        project.build()
    assert not (project.site / "tin-tuc").exists()
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("posts/2023/bai/index.md" in e and "'index.html'" in e and "trùng tên" in e for e in errors), errors


def test_a_post_naming_an_unknown_document_stops_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = make_project(tmp_path)
    project.add_post("2023/bai.md", title="Bài", date="2023-04-20", documents=["99/QĐ-X"])
    with pytest.raises(Abort):
        project.build()
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("posts/2023/bai.md" in e and "'99/QĐ-X'" in e for e in errors), errors
