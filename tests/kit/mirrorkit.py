"""A mirror of an invented old portal, written in code as `wget --mirror` would have saved it.

Three article layouts seen on old Vietnamese state portals (a Liferay-style page with a breadcrumb
list, a home-grown ASPX page laid out in tables, a PHP page with Word-pasted body text), listings
with pagination, tag pages, a static page, a TCVN3 page, a VNI page, photos with EXIF GPS. Every
name, sentence and address here is made up for the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kit.photokit import photo
from zoneportal.importer.legacyfonts import encode_tcvn3, encode_vni

HOST = "congthongtin.bqlkcn-thanhvan.example"
OTHER_HOST = "anh.baodientu.example"


@dataclass
class MirrorArticle:
    """One article of the old portal and what an import must find in it."""

    path: str  # inside the host folder
    layout: str  # "liferay", "aspx", "php"
    title: str
    date_line: str
    date: str  # expected front matter date
    paragraphs: tuple[str, ...]
    author: str | None
    breadcrumb: tuple[str, ...] = ("Trang chủ", "Tin tức", "Hoạt động Đảng")
    # (file path inside the host folder or an absolute URL, caption, present in the mirror)
    photos: tuple[tuple[str, str, bool], ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (path inside the host folder, text) in the last paragraph
    encoding: str = "utf-8"  # "utf-8", "tcvn3", "vni", "cp1258"
    word: bool = False  # body pasted from Word


PARAS_A = (
    "Sáng ngày 04/4/2024, Đảng bộ Ban Quản lý các khu công nghiệp tỉnh Thanh Vân tổ chức Hội nghị sơ kết "
    "giữa nhiệm kỳ 2020-2025, đánh giá kết quả thực hiện Nghị quyết Đại hội lần thứ III.",
    "Báo cáo tại hội nghị nêu rõ: thu hút 46 dự án đầu tư mới với tổng vốn đăng ký hơn 1,2 tỷ USD; "
    "tỷ lệ lấp đầy các khu công nghiệp đạt 78%.",
    "Phát biểu kết luận, đồng chí Bí thư Đảng ủy đề nghị các chi bộ trực thuộc tiếp tục đổi mới nội dung "
    "sinh hoạt, nâng cao chất lượng đảng viên.",
)
PARAS_B = (
    "Chiều 02/7/2020, Chi bộ Văn phòng Ban Quản lý tổ chức Đại hội lần thứ V, nhiệm kỳ 2020-2025 với sự "
    "tham dự của toàn thể đảng viên trong chi bộ.",
    "Đại hội đã thảo luận và thống nhất thông qua Nghị quyết với sáu chỉ tiêu chủ yếu cho nhiệm kỳ mới.",
    "Đại hội đã bầu Ban Chi ủy khóa mới gồm ba đồng chí, bầu đồng chí Bí thư và Phó Bí thư Chi bộ.",
)
PARAS_C = (
    "Ngày 10/7/2016, Đảng ủy Ban Quản lý các khu công nghiệp tỉnh Thanh Vân tổ chức Hội nghị Ban Chấp hành "
    "lần thứ 5, nhiệm kỳ 2015-2020.",
    "Hội nghị đánh giá tình hình thực hiện nhiệm vụ sáu tháng đầu năm và đề ra giải pháp cho sáu tháng "
    "cuối năm; chú trọng công tác cải cách hành chính và hỗ trợ doanh nghiệp.",
    "1. Về công tác xây dựng Đảng: kết nạp 7 đảng viên mới; 2. Về công tác kiểm tra: hoàn thành kế hoạch.",
)
PARAS_TCVN3 = (
    "sáng ngày 12/5/2012, chi bộ phòng quản lý đầu tư tổ chức sinh hoạt chuyên đề về học tập và làm theo "
    "tư tưởng, đạo đức, phong cách hồ chí minh.",
    "các đảng viên đã liên hệ bản thân, đề ra việc làm cụ thể để thực hiện trong năm.",
)
PARAS_VNI = (
    "Ngày 20/9/2013, Chi bộ Phòng Quản lý môi trường tổng kết công tác bảo vệ môi trường tại các khu công "
    "nghiệp, nhiệm kỳ 2010-2015.",
    "Chi bộ đề nghị các doanh nghiệp tiếp tục đầu tư hệ thống xử lý nước thải đạt chuẩn.",
)


def articles() -> list[MirrorArticle]:
    return [
        MirrorArticle(
            path="tin-tuc/hoat-dong-dang/dang-bo-so-ket-giua-nhiem-ky.html",
            layout="liferay",
            title="Đảng bộ Ban Quản lý sơ kết giữa nhiệm kỳ 2020-2025",
            date_line="Ngày đăng 05/04/2024 | 6:16 AM",
            date="2024-04-05 06:16",
            paragraphs=PARAS_A,
            author="Minh Hà",
            photos=(
                ("uploads/2024/04/toan-canh-hoi-nghi.jpg", "Toàn cảnh hội nghị sơ kết giữa nhiệm kỳ", True),
                ("uploads/2024/04/Bí thư phát biểu.JPG", "Đồng chí Bí thư Đảng ủy phát biểu kết luận", True),
                ("uploads/2024/04/khong-co-trong-ban-luu.jpg", "Các đại biểu biểu quyết thông qua báo cáo", False),
            ),
            links=(("chi-bo/Default.aspx?tabid=57&id=345", "Đại hội Chi bộ Văn phòng"),),
        ),
        MirrorArticle(
            path="chi-bo/Default.aspx?tabid=57&id=345",
            layout="aspx",
            title="ĐẠI HỘI CHI BỘ VĂN PHÒNG LẦN THỨ V, NHIỆM KỲ 2020-2025",
            date_line="(10:07 | 03/07/2020)",
            date="2020-07-03 10:07",
            paragraphs=PARAS_B,
            author="Tin, ảnh: Lan Anh",
            breadcrumb=("Trang chủ", "Chi bộ trực thuộc"),
            photos=(("/uploads/2020/07/dai-hoi-chi-bo.jpg", "Đại hội Chi bộ Văn phòng lần thứ V", True),),
        ),
        MirrorArticle(
            path="index.php?option=com_content&view=article&id=77",
            layout="php",
            title="Hội nghị Ban Chấp hành Đảng ủy lần thứ 5",
            date_line="11/07/2016 - 06:00",
            date="2016-07-11 06:00",
            paragraphs=PARAS_C,
            author="Đỗ Minh Châu",
            breadcrumb=("Trang chủ", "Tin tức", "Hoạt động Đảng"),
            photos=(
                (f"http://{HOST}/images/2016/bch-lan-5.jpg", "Quang cảnh Hội nghị Ban Chấp hành", True),
                (f"https://{OTHER_HOST}/2016/07/anh-hoi-nghi.jpg", "Đại biểu dự hội nghị", False),
            ),
            links=(("tin-tuc/hoat-dong-dang/dang-bo-so-ket-giua-nhiem-ky.html", "bài sơ kết"),),
            word=True,
        ),
        MirrorArticle(
            path="tin-tuc/chi-bo-dau-tu-sinh-hoat-chuyen-de",
            layout="aspx",
            title="chi bộ phòng quản lý đầu tư sinh hoạt chuyên đề",
            date_line="(08:30 | 14/05/2012)",
            date="2012-05-14 08:30",
            paragraphs=PARAS_TCVN3,
            author=None,
            breadcrumb=("Trang chủ", "Tin tức"),
            encoding="tcvn3",
        ),
        MirrorArticle(
            path="tin-tuc/chi-bo-moi-truong-tong-ket.htm",
            layout="liferay",
            title="Chi bộ Phòng Quản lý môi trường tổng kết công tác năm 2013",
            date_line="Ngày đăng 21/09/2013 | 2:00 PM",
            date="2013-09-21 14:00",
            paragraphs=PARAS_VNI,
            author="Văn Sơn",
            encoding="vni",
        ),
    ]


def _font(text: str, encoding: str) -> str:
    if encoding == "tcvn3":
        return f'<font face=".VnTime">{encode_tcvn3(text)}</font>'
    if encoding == "vni":
        return f"<span style=\"font-family: 'VNI-Times'\">{encode_vni(text)}</span>"
    return text


def _src(article: MirrorArticle, src: str) -> str:
    """The `src` as the page writes it: relative to the page, root-absolute or a full URL."""
    if src.startswith(("http://", "https://", "/")):
        return src
    depth = article.path.count("/")
    return "../" * depth + src


def _paragraphs(article: MirrorArticle) -> list[str]:
    out = []
    for index, text in enumerate(article.paragraphs):
        body = _font(text, article.encoding)
        if index == len(article.paragraphs) - 1:
            body += "".join(f' Xem thêm: <a href="{_src(article, href)}">{label}</a>.' for href, label in article.links)
        if article.word:
            body = body.replace("  ", "&nbsp; ")
            out.append(
                f'<p class="MsoNormal" style="text-align:justify"><span lang="VI" style="font-size:13.0pt;'
                f'font-family:&quot;Times New Roman&quot;">{body}&nbsp;&nbsp;&nbsp;<o:p></o:p></span></p>'
            )
        else:
            out.append(f"<p>{body}</p>")
    return out


def _photo_html(article: MirrorArticle, src: str, caption: str, style: int) -> str:
    src = _src(article, src)
    if style == 0:  # the italic line under the photo
        return f'<p style="text-align:center"><img src="{src}" alt="" width="600"></p><p><em>{caption}</em></p>'
    if style == 1:  # a layout table: photo row, caption row
        return (
            f'<table align="center" width="500"><tr><td><img src="{src}" width="500"></td></tr>'
            f'<tr><td class="chuthich"><span style="font-style:italic">{caption}</span></td></tr></table>'
        )
    return f'<figure><img src="{src}" alt="{caption}"><figcaption>{caption}</figcaption></figure>'


def _photos(article: MirrorArticle) -> list[str]:
    style = {"liferay": 0, "aspx": 1, "php": 2}[article.layout]
    return [_photo_html(article, src, caption, style) for src, caption, _present in article.photos]


def _crumbs(article: MirrorArticle) -> str:
    items = "".join(f'<li><a href="#">{label}</a></li>' for label in article.breadcrumb)
    return f'<ul class="breadcrumb">{items}</ul>'


MENU = (
    '<div id="top-menu"><ul><li><a href="/index.html">Trang chủ</a></li><li><a href="/tin-tuc/index.html">'
    'Tin tức</a></li><li><a href="/gioi-thieu.html">Giới thiệu</a></li></ul></div>'
)
SIDEBAR = (
    '<div class="sidebar"><h3>Tin mới nhất</h3><ul><li><a href="/tin-tuc/a.html">Tin một</a> (01/01/2024)</li>'
    '<li><a href="/tin-tuc/b.html">Tin hai</a> (02/01/2024)</li></ul><h3>Liên kết website</h3></div>'
)


def render(article: MirrorArticle) -> str:
    title = _font(article.title, article.encoding)
    body = _paragraphs(article)
    photos = _photos(article)
    # Photos after the first paragraph, the rest of the text after them.
    content = "\n".join(body[:1] + photos + body[1:])
    author = ""
    if article.author:
        author = f'<p style="text-align:right"><strong>{_font(article.author, article.encoding)}</strong></p>'
    if article.layout == "liferay":
        main = f"""
<div class="portlet-body">{_crumbs(article)}
<div class="news-detail"><h1 class="title">{title}</h1>
<div class="date-time">{article.date_line}</div>
<div class="tools">Xem với cỡ chữ A A A | In bài viết</div>
<div class="journal-content-article">{content}{author}</div>
<div class="social-share">Chia sẻ: Facebook Zalo</div>
<div class="related-news"><h3>Bài viết liên quan</h3><ul>
<li><a href="../index.html">Hội nghị tổng kết năm</a> (12/12/2023)</li></ul></div>
<div class="comments"><h3>BÌNH LUẬN</h3><form><textarea></textarea><button>Gửi</button></form></div>
</div></div>"""
    elif article.layout == "aspx":
        main = f"""
<table width="980" cellpadding="0" cellspacing="0"><tr><td colspan="2">{MENU}</td></tr>
<tr><td width="700" valign="top">
<table width="100%"><tr><td class="duongdan">{" &gt; ".join(article.breadcrumb)}</td></tr>
<tr><td class="tieude"><b>{title}</b></td></tr>
<tr><td class="ngaydang">{article.date_line}</td></tr>
<tr><td>{content}{author}</td></tr>
<tr><td><b>Các tin khác</b><br><a href="/tin-tuc/index.html">Tin cũ hơn</a></td></tr></table>
</td><td width="280" valign="top">{SIDEBAR}</td></tr></table>"""
    else:
        main = f"""
{MENU}<div id="breadcrumbs"><a href="/">Trang chủ</a> » <a href="#">{article.breadcrumb[-1]}</a></div>
<div class="item-page"><h2 class="contentheading">{title}</h2>
<div class="article-info"><span class="published">{article.date_line}</span></div>
<div class="article-content">{content}{author}</div>
<div class="tags">Từ khóa: <a href="/tag/hoi-nghi.html">hội nghị</a></div></div>{SIDEBAR}"""
    charset = "windows-1252" if article.encoding in ("tcvn3", "vni") else "utf-8"
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{article.title} - Cổng TTĐT</title></head><body>{MENU if article.layout != 'aspx' else ''}"
        f'{main}<div id="footer">© Bản quyền thuộc Ban Quản lý các khu công nghiệp</div></body></html>'
    )


@dataclass
class MirrorSite:
    root: Path  # the folder given to `zoneportal import`
    articles: list[MirrorArticle] = field(default_factory=list)
    not_articles: dict[str, str] = field(default_factory=dict)  # path → kind

    @property
    def host(self) -> Path:
        return self.root / HOST


def listing(title: str, items: list[MirrorArticle], pages: list[str]) -> str:
    rows = "".join(
        f'<div class="news-item"><h3><a href="/{a.path}">{a.title}</a></h3>'
        f'<div class="date">{a.date_line}</div><p>{a.paragraphs[0][:120]}…</p></div>'
        for a in items
    )
    paging = " ".join(f'<a href="{p}">{n}</a>' for n, p in enumerate(pages, start=1))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>{MENU}'
        f'<div class="main"><h1>{title}</h1>{rows}<div class="paging">{paging}</div></div></body></html>'
    )


def build_mirror(root: Path) -> MirrorSite:
    """Write the whole mirror under root/<host>/ and return what it holds."""
    site = MirrorSite(root)
    host = site.host
    for article in articles():
        text = render(article)
        data = (
            text.encode("cp1252", errors="xmlcharrefreplace")
            if article.encoding in ("tcvn3", "vni")
            else text.encode("utf-8")
        )
        target = host / article.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        for src, _caption, present in article.photos:
            if not present:
                continue
            relative = src.split(f"{HOST}/", 1)[-1].lstrip("/")
            file = host / relative
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(photo((640, 480), gps=True))
        site.articles.append(article)
    everything = site.articles
    pages = ["/tin-tuc/index.html", "/tin-tuc/index.html?page=2"]
    (host / "tin-tuc").mkdir(parents=True, exist_ok=True)
    (host / "tin-tuc/index.html").write_text(listing("Tin tức", everything[:3], pages), encoding="utf-8")
    (host / "tin-tuc/index.html?page=2").write_text(listing("Tin tức", everything[3:], pages), encoding="utf-8")
    (host / "tag").mkdir(exist_ok=True)
    (host / "tag/hoi-nghi.html").write_text(listing("Tag: hội nghị", everything[:4], []), encoding="utf-8")
    (host / "index.html").write_text(listing("Trang chủ", everything, pages), encoding="utf-8")
    (host / "gioi-thieu.html").write_text(
        f'<html><head><meta charset="utf-8"><title>Giới thiệu</title></head><body>{MENU}<h1>Giới thiệu</h1>'
        "<p>Ban Quản lý các khu công nghiệp tỉnh Thanh Vân được thành lập năm 1998 và quản lý sáu khu công "
        "nghiệp tập trung trên địa bàn tỉnh.</p></body></html>",
        encoding="utf-8",
    )
    (host / "css").mkdir(exist_ok=True)
    (host / "css/style.css").write_text("body { font-family: Arial; }\n", encoding="utf-8")
    (host / "images").mkdir(exist_ok=True)
    (host / "images/logo.png").write_bytes(photo((40, 40), fmt="PNG"))
    site.not_articles = {
        "tin-tuc/index.html": "danh sách",
        "tin-tuc/index.html?page=2": "phân trang",
        "tag/hoi-nghi.html": "thẻ",
        "index.html": "danh sách",
        "gioi-thieu.html": "trang tĩnh",
    }
    return site


def rendered_text(body: str) -> str:
    """What a reader sees of a Markdown body: its text and the captions (alt) of its photos."""
    import markdown
    from bs4 import BeautifulSoup

    html = markdown.markdown(body, extensions=["toc", "attr_list", "md_in_html", "tables", "admonition"])
    soup = BeautifulSoup(html, "html.parser")
    alts = " ".join(img.get("alt", "") for img in soup.find_all("img"))
    return " ".join((soup.get_text(" ") + " " + alts).split())
