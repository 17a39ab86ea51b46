# ruff: noqa: E501 - long Vietnamese example paragraphs and XML parts read better unbroken
"""Write the example register (`documents/`) and a post attachment: Markdown entries and their PDFs.

    .venv/bin/python tools/make_example_documents.py      # needs fpdf2 (test extra) and DejaVu fonts

Every text is made up for this project (the province of Thanh Vân does not exist); the two national
documents (Chỉ thị 05-CT/TW, Nghị định 42/2022/NĐ-CP, 35/2022/NĐ-CP) carry a short summary in our
words, not their text. Like files saved from an office suite, each PDF names an author, a creator
and a producer, so the site shows that publishing strips them. One PDF (a signed, stamped notice)
is an image only, as a scanner makes it: search finds it through OCR. Deterministic output.
"""

from __future__ import annotations

import io
import sys
import textwrap
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")
STAMP = datetime(2025, 1, 1, tzinfo=UTC)


def font_path(name: str = "DejaVuSans.ttf") -> Path:
    for folder in FONT_DIRS:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    sys.exit("Cần phông DejaVu (Debian: apt-get install fonts-dejavu-core).")


@dataclass
class Entry:
    folder: str
    number: str
    type: str
    issuer: str
    issued: str
    summary: str
    paragraphs: list[str]
    heading: str
    signer: str = ""
    effective: str = ""
    expires: str = ""
    fields: list[str] = field(default_factory=list)
    relations: dict[str, list[str]] = field(default_factory=dict)
    scanned: bool = False
    file: str = ""


def text_pdf(entry: Entry, author: str = "Nguyen Van Soan", creator: str = "Microsoft Word 2019") -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(STAMP)
    pdf.set_author(author)
    pdf.set_creator(creator)
    pdf.set_producer("Microsoft: Print To PDF")
    pdf.set_title(entry.summary)
    pdf.set_keywords("noi bo, ban nhap")
    pdf.add_font("DejaVu", "", str(font_path()))
    pdf.add_font("DejaVu", "B", str(font_path("DejaVuSans-Bold.ttf")))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(0, 6, entry.heading.upper(), align="C")
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 6, f"Số: {entry.number}        Thanh Vân, ngày {entry.issued[8:10]}/{entry.issued[5:7]}/{entry.issued[:4]}", align="C")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 7, entry.summary, align="C")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    for paragraph in entry.paragraphs:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(2)
    if entry.signer:
        pdf.ln(6)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 6, entry.signer, align="R")
    return bytes(pdf.output())


def scanned_pdf(entry: Entry) -> bytes:
    """A page as a scanner makes it: one greyscale picture, no text layer."""
    width, height = 1654, 2339  # A4 at 200 dpi
    page = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(page)
    bold = ImageFont.truetype(str(font_path("DejaVuSans-Bold.ttf")), 40)
    body = ImageFont.truetype(str(font_path()), 36)
    y = 160
    for line in textwrap.wrap(entry.heading.upper(), 48):
        draw.text((width // 2, y), line, font=bold, fill=20, anchor="ma")
        y += 60
    draw.text((width // 2, y + 10), f"Số: {entry.number}", font=body, fill=20, anchor="ma")
    y += 110
    for line in textwrap.wrap(entry.summary, 52):
        draw.text((width // 2, y), line, font=bold, fill=20, anchor="ma")
        y += 58
    y += 40
    for paragraph in entry.paragraphs:
        for line in textwrap.wrap(paragraph, 64):
            draw.text((150, y), line, font=body, fill=25)
            y += 52
        y += 24
    draw.ellipse((1050, y + 20, 1350, y + 320), outline=120, width=8)  # the red stamp, scanned grey
    draw.text((1200, y + 350), entry.signer, font=bold, fill=20, anchor="ma")
    pdf = FPDF(format="A4")
    pdf.set_creation_date(STAMP)
    pdf.set_author("May quet Canon DR-C225")
    pdf.set_creator("CaptureOnTouch")
    pdf.add_page()
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=70)
    buffer.seek(0)
    pdf.image(buffer, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def front_matter(entry: Entry) -> str:
    lines = ["---", f'number: "{entry.number}"', f"type: {entry.type}", f"issuer: {entry.issuer}"]
    if entry.signer:
        lines.append(f"signer: {entry.signer}")
    lines.append(f"issued: {entry.issued}")
    if entry.effective:
        lines.append(f"effective: {entry.effective}")
    if entry.expires:
        lines.append(f"expires: {entry.expires}")
    lines.append(f"summary: {entry.summary}")
    if entry.fields:
        lines.append(f"field: [{', '.join(entry.fields)}]")
    for relation, numbers in entry.relations.items():
        lines.append(f"{relation}: [{', '.join(repr(n).replace(chr(39), chr(34)) for n in numbers)}]")
    lines.append("---")
    return "\n".join(lines) + "\n"


BOARD = "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP TỈNH THANH VÂN"
PARTY = "ĐẢNG BỘ BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP TỈNH THANH VÂN"

ENTRIES = [
    Entry("05-ct-tw", "05-CT/TW", "chi-thi", "bo-chinh-tri", "2016-05-15",
          "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
          ["Bản giới thiệu nội bộ do Văn phòng Đảng ủy biên soạn để các chi bộ nghiên cứu, không phải toàn văn chỉ thị.",
           "Chỉ thị yêu cầu mỗi cấp ủy, mỗi đảng viên đưa việc học tập và làm theo gương Bác thành việc làm thường xuyên, gắn với nhiệm vụ chính trị của cơ quan, đơn vị.",
           "Người đứng đầu nêu gương trước; mỗi năm chọn một chuyên đề để sinh hoạt và làm theo."],
          "Ban Chấp hành Trung ương Đảng – Bộ Chính trị", signer="T/M BỘ CHÍNH TRỊ", fields=["Xây dựng Đảng"]),
    Entry("42-2022-nd-cp", "42/2022/NĐ-CP", "nghi-dinh", "chinh-phu", "2022-06-24",
          "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
          ["Bản tóm tắt nội bộ của Văn phòng Ban Quản lý, không phải toàn văn nghị định.",
           "Cổng thông tin điện tử của cơ quan nhà nước phải công bố văn bản kèm số ký hiệu, ngày ban hành, ngày hiệu lực, trích yếu và tệp tải về, cùng công cụ tìm kiếm văn bản.",
           "Thông tin được cập nhật kịp thời khi có thay đổi; chuyên mục hỏi đáp và tiếp nhận phản ánh kiến nghị được duy trì."],
          "Chính phủ", signer="TM. CHÍNH PHỦ", effective="2022-08-15", fields=["Công nghệ thông tin"]),
    Entry("35-2022-nd-cp", "35/2022/NĐ-CP", "nghi-dinh", "chinh-phu", "2022-05-28",
          "Quy định về quản lý khu công nghiệp và khu kinh tế",
          ["Bản tóm tắt nội bộ của Văn phòng Ban Quản lý, không phải toàn văn nghị định.",
           "Nghị định quy định việc quy hoạch, thành lập, mở rộng khu công nghiệp, khu kinh tế và chức năng, nhiệm vụ của ban quản lý các khu công nghiệp cấp tỉnh."],
          "Chính phủ", signer="TM. CHÍNH PHỦ", effective="2022-07-15", fields=["Quản lý khu công nghiệp"]),
    Entry("15-qd-bql", "15/QĐ-BQL", "quyet-dinh", "bql", "2022-03-01",
          "Ban hành Quy chế làm việc của Ban Quản lý các khu công nghiệp tỉnh Thanh Vân",
          ["Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ban Quản lý các khu công nghiệp tỉnh Thanh Vân.",
           "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng các phòng chuyên môn chịu trách nhiệm thi hành."],
          BOARD, signer="TRƯỞNG BAN Hoàng Văn Tùng", fields=["Tổ chức bộ máy"]),
    Entry("32-qd-bql", "32/QĐ-BQL", "quyet-dinh", "bql", "2023-07-10",
          "Ban hành Quy chế làm việc của Ban Quản lý các khu công nghiệp tỉnh Thanh Vân (thay thế Quyết định số 15/QĐ-BQL)",
          ["Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc mới, bổ sung quy trình tiếp nhận hồ sơ trực tuyến của nhà đầu tư.",
           "Điều 2. Quyết định này thay thế Quyết định số 15/QĐ-BQL ngày 01/3/2022."],
          BOARD, signer="TRƯỞNG BAN Hoàng Văn Tùng", effective="2023-07-15", fields=["Tổ chức bộ máy"],
          relations={"replaces": ["15/QĐ-BQL"]}),
    Entry("40-qd-bql", "40/QĐ-BQL", "quyet-dinh", "bql", "2024-05-06",
          "Sửa đổi, bổ sung một số điều của Quy chế làm việc ban hành kèm theo Quyết định số 32/QĐ-BQL",
          ["Điều 1. Sửa đổi Điều 8 về thời hạn giải quyết hồ sơ điều chỉnh giấy chứng nhận đăng ký đầu tư: rút từ 10 ngày làm việc xuống 7 ngày làm việc.",
           "Điều 2. Quyết định có hiệu lực kể từ ngày 15/5/2024."],
          BOARD, signer="TRƯỞNG BAN Hoàng Văn Tùng", effective="2024-05-15", fields=["Tổ chức bộ máy", "Cải cách hành chính"],
          relations={"amends": ["32/QĐ-BQL"]}),
    Entry("08-qd-bql", "08/QĐ-BQL", "quyet-dinh", "bql", "2025-02-20",
          "Ban hành Quy chế làm việc của Ban Quản lý các khu công nghiệp tỉnh Thanh Vân sau sắp xếp tổ chức bộ máy",
          ["Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ban Quản lý sau khi hợp nhất hai phòng chuyên môn.",
           "Điều 2. Quyết định này thay thế Quyết định số 32/QĐ-BQL ngày 10/7/2023 và Quyết định số 40/QĐ-BQL ngày 06/5/2024."],
          BOARD, signer="TRƯỞNG BAN Hoàng Văn Tùng", effective="2025-03-01", fields=["Tổ chức bộ máy"],
          relations={"replaces": ["32/QĐ-BQL", "40/QĐ-BQL"]}),
    Entry("12-kh-du", "12-KH/ĐU", "ke-hoach", "dang-bo-bql", "2022-04-05",
          "Kế hoạch thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị năm 2022",
          ["Mỗi chi bộ đăng ký ít nhất một việc làm cụ thể theo gương Bác gắn với cải cách thủ tục hành chính cho doanh nghiệp trong khu công nghiệp.",
           "Quý IV, Đảng ủy sơ kết, biểu dương những tập thể, cá nhân tiêu biểu."],
          PARTY, signer="T/M ĐẢNG ỦY BÍ THƯ Tạ Đức Lâm", fields=["Xây dựng Đảng"], relations={"implements": ["05-CT/TW"]}),
    Entry("20-nq-du", "20-NQ/ĐU", "nghi-quyet", "dang-bo-bql", "2023-01-12",
          "Nghị quyết về lãnh đạo thực hiện nhiệm vụ chính trị năm 2023",
          ["Năm 2023 phấn đấu thu hút vốn đầu tư vào các khu công nghiệp đạt ít nhất 450 triệu đô la Mỹ; 100% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến.",
           "Kết nạp ít nhất 5 đảng viên mới; không có tổ chức đảng yếu kém."],
          PARTY, signer="T/M ĐẢNG ỦY BÍ THƯ Tạ Đức Lâm", fields=["Xây dựng Đảng", "Thu hút đầu tư"]),
    Entry("98-bc-bql", "98/BC-BQL", "bao-cao", "bql", "2022-12-22",
          "Báo cáo tổng kết công tác năm 2022 và phương hướng nhiệm vụ năm 2023",
          ["Năm 2022 các khu công nghiệp thu hút 14 dự án mới, tổng vốn đăng ký quy đổi khoảng 390 triệu đô la Mỹ.",
           "Tỷ lệ lấp đầy bình quân đạt 71 phần trăm; giải quyết việc làm cho hơn 42 nghìn lao động."],
          BOARD, signer="TRƯỞNG BAN Hoàng Văn Tùng", fields=["Thu hút đầu tư"]),
    Entry("115-bc-bql", "115/BC-BQL", "bao-cao", "bql", "2023-12-20",
          "Báo cáo tổng kết công tác năm 2023 và phương hướng nhiệm vụ năm 2024",
          ["Năm 2023 vốn đầu tư nước ngoài đăng ký mới vượt kế hoạch, trong đó dự án sản xuất linh kiện điện tử chiếm tỷ trọng lớn nhất.",
           "Hệ thống xử lý nước thải tập trung của Khu công nghiệp Sông Mây vận hành ổn định, không có sự cố môi trường."],
          BOARD, signer="TRƯỞNG BAN Hoàng Văn Tùng", fields=["Thu hút đầu tư", "Môi trường"]),
    Entry("27-tb-bql", "27/TB-BQL", "thong-bao", "bql", "2023-05-08",
          "Thông báo kết luận của Trưởng Ban tại Hội nghị đối thoại với doanh nghiệp năm 2023",
          ["Giao Phòng Quản lý đầu tư trả lời bằng văn bản các kiến nghị về thủ tục cấp giấy phép xây dựng trong 15 ngày.",
           "Công ty hạ tầng hoàn thành tuyến đường gom phía đông trước mùa mưa bão."],
          BOARD, signer="TRƯỞNG BAN Hoàng Văn Tùng", fields=["Hỗ trợ doanh nghiệp"], scanned=True),
    Entry("210-bql-qldt", "210/BQL-QLĐT", "cong-van", "bql", "2024-08-12",
          "Về việc hướng dẫn nộp hồ sơ điều chỉnh dự án đầu tư qua Cổng dịch vụ công",
          ["Kể từ ngày 01/9/2024, nhà đầu tư nộp hồ sơ điều chỉnh dự án đầu tư hoàn toàn trực tuyến; Ban Quản lý không nhận hồ sơ giấy.",
           "Kết quả được trả qua tài khoản của nhà đầu tư trên Cổng dịch vụ công của tỉnh."],
          BOARD, signer="KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN Nguyễn Thị Hạnh", fields=["Cải cách hành chính"],
          relations={"implements": ["42/2022/NĐ-CP"]}),
    Entry("01-nq-dh", "01-NQ/ĐH", "nghi-quyet", "dang-bo-bql", "2025-06-26",
          "Nghị quyết Đại hội đại biểu Đảng bộ Ban Quản lý các khu công nghiệp tỉnh Thanh Vân lần thứ IV, nhiệm kỳ 2025-2030",
          ["Đại hội thống nhất mục tiêu đến năm 2030 tỷ lệ lấp đầy các khu công nghiệp đạt trên 85 phần trăm và hoàn thành hạ tầng giai đoạn hai Khu công nghiệp Cửa Ngàn.",
           "Ba khâu đột phá: cải cách thủ tục hành chính, phát triển hạ tầng đồng bộ, xây dựng đội ngũ cán bộ chuyên nghiệp."],
          PARTY, signer="T/M ĐẠI HỘI CHỦ TỊCH ĐOÀN", fields=["Xây dựng Đảng"], file="nghi-quyet-dai-hoi-iv.pdf"),
    Entry("52-kh-du", "52-KH/ĐU", "ke-hoach", "dang-bo-bql", "2024-10-15",
          "Kế hoạch tổ chức đại hội chi bộ trực thuộc tiến tới Đại hội đại biểu Đảng bộ lần thứ IV",
          ["Các chi bộ trực thuộc tổ chức đại hội xong trước ngày 30/4/2025; chi bộ Văn phòng tổ chức đại hội điểm.",
           "Văn kiện đại hội chi bộ gửi Văn phòng Đảng ủy chậm nhất 10 ngày trước đại hội."],
          PARTY, signer="T/M ĐẢNG ỦY BÍ THƯ Tạ Đức Lâm", fields=["Xây dựng Đảng"]),
]

TYPES = """\
# Loại văn bản: khóa (dùng trong trường 'type') → tên, chữ viết tắt trong số hiệu, có phải văn bản
# có hiệu lực pháp lý/chỉ đạo không (legal: true → schema.org Legislation).
nghi-quyet: {name: Nghị quyết, abbr: NQ, legal: true, order: 1}
quyet-dinh: {name: Quyết định, abbr: QĐ, legal: true, order: 2}
chi-thi: {name: Chỉ thị, abbr: CT, legal: true, order: 3}
ke-hoach: {name: Kế hoạch, abbr: KH, order: 4}
thong-bao: {name: Thông báo, abbr: TB, order: 5}
bao-cao: {name: Báo cáo, abbr: BC, order: 6}
cong-van: {name: Công văn, abbr: CV, order: 7}
nghi-dinh: {name: Nghị định, abbr: NĐ, legal: true, order: 8}
thong-tu: {name: Thông tư, abbr: TT, legal: true, order: 9}
luat: {name: Luật, abbr: L, legal: true, order: 10}
"""

ISSUERS = """\
# Cơ quan ban hành: khóa (dùng trong trường 'issuer') → tên; 'committee' nối tới tổ chức của ta
# trong posts/committees.yml khi chính tổ chức đó ban hành.
bo-chinh-tri: {name: Bộ Chính trị}
chinh-phu: {name: Chính phủ}
ubnd-tinh: {name: Ủy ban nhân dân tỉnh Thanh Vân, short_name: UBND tỉnh}
bql: {name: Ban Quản lý các khu công nghiệp tỉnh Thanh Vân, short_name: Ban Quản lý}
dang-bo-bql: {name: Đảng ủy Ban Quản lý các khu công nghiệp tỉnh, short_name: Đảng ủy, committee: dang-bo-bql}
"""


def office_docx(title: str) -> bytes:
    """A minimal Word document (OOXML) whose properties name an author and a company."""
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{title}</w:t></w:r></w:p></w:body></w:document>',
        "docProps/core.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Nguyen Van Soan</dc:creator><cp:lastModifiedBy>Tran Thi Ban Nhap</cp:lastModifiedBy></cp:coreProperties>',
        "docProps/app.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><Company>Van phong Dang uy</Company></Properties>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), text.encode("utf-8"))
    return buffer.getvalue()


def main() -> None:
    base = ROOT / "documents"
    base.mkdir(exist_ok=True)
    (base / "types.yml").write_text(TYPES, encoding="utf-8")
    (base / "issuers.yml").write_text(ISSUERS, encoding="utf-8")
    for entry in ENTRIES:
        folder = base / entry.issued[:4] / entry.folder
        folder.mkdir(parents=True, exist_ok=True)
        name = entry.file or f"{entry.folder}.pdf"
        (folder / name).write_bytes(scanned_pdf(entry) if entry.scanned else text_pdf(entry))
        (folder / "index.md").write_text(front_matter(entry), encoding="utf-8")
    # A post with attachments: the congress programme (PDF) and the draft report (Word).
    post = ROOT / "posts/2025/dai-hoi-chi-bo-van-phong-lan-thu-vi"
    programme = Entry("", "01-CTr/ĐH", "", "", "2025-03-20", "Chương trình Đại hội Chi bộ Văn phòng lần thứ VI, nhiệm kỳ 2025-2030",
                      ["7 giờ 30: đón tiếp đại biểu. 8 giờ: khai mạc, bầu Đoàn Chủ tịch, Đoàn Thư ký.",
                       "9 giờ: báo cáo chính trị; thảo luận. 10 giờ 30: bầu Chi ủy khóa VI; bế mạc."],
                      "CHI BỘ VĂN PHÒNG", signer="ĐOÀN CHỦ TỊCH")
    (post / "chuong-trinh-dai-hoi.pdf").write_bytes(text_pdf(programme))
    (post / "du-thao-bao-cao-chinh-tri.docx").write_bytes(office_docx("Dự thảo báo cáo chính trị Chi bộ Văn phòng"))
    print(f"Đã ghi {len(ENTRIES)} văn bản vào {base.relative_to(ROOT)}/ và 2 tệp đính kèm vào {post.relative_to(ROOT)}/.")


if __name__ == "__main__":
    main()
