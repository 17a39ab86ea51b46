"""Saved HTML pages → articles: encodings, old markup, article or not, and nothing of the body lost."""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.heldoutkit import HeldOutArticle, dnn_page, joomla_page
from kit.mirrorkit import HOST, MirrorArticle, articles, render
from zoneportal.importer.datecheck import far_from_body_dates
from zoneportal.importer.draft import Draft, content_key
from zoneportal.importer.htmlblocks import Linearizer, escape_inline
from zoneportal.importer.htmlpage import NotArticle, read_page
from zoneportal.importer.htmlphotos import PhotoLookup
from zoneportal.importer.htmlsoup import UndecidedEncoding, decode_html, parse_page
from zoneportal.importer.legacyfonts import (
    LegacyFont,
    encode_tcvn3,
    encode_vni,
    guess_font,
    tcvn3_to_unicode,
    vni_to_unicode,
)

EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables", "admonition"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VIETNAMESE = "Hội nghị Ban Chấp hành Đảng bộ lần thứ bảy, nhiệm kỳ 2020-2025: ưu tiên, ỷ lại, kỹ, lược, đường, quyết"


def read(html: str | bytes, path: str = "site/bai.html", photos: dict[str, str] | None = None) -> Draft | NotArticle:
    raw = html.encode("utf-8") if isinstance(html, str) else html
    known = photos or {}
    return read_page(
        parse_page(raw), path, lambda href: href, lambda src: PhotoLookup(file=known.get(src))
    )  # fmt: skip


def rendered_text(body: str) -> str:
    """What a reader sees of a Markdown body: its text, and the captions (alt) of its photos."""
    soup = BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")
    alts = " ".join(img.get("alt", "") for img in soup.find_all("img"))
    return " ".join((soup.get_text(" ") + " " + alts).split())


# --- legacy encodings -----------------------------------------------------------------------------


def test_tcvn3_and_vni_tables_round_trip() -> None:
    assert tcvn3_to_unicode(encode_tcvn3(VIETNAMESE.lower())) == VIETNAMESE.lower()
    assert vni_to_unicode(encode_vni(VIETNAMESE)) == VIETNAMESE
    assert vni_to_unicode(encode_vni(VIETNAMESE.upper())) == VIETNAMESE.upper()
    # What the fonts show as bytes: known spellings, not only our own encoder's.
    assert tcvn3_to_unicode("Héi nghÞ") == "Hội nghị"
    assert vni_to_unicode("Xin chaøo caùc baïn") == "Xin chào các bạn"


def test_text_without_a_font_is_guessed_only_when_one_table_fits() -> None:
    assert guess_font(encode_tcvn3(VIETNAMESE.lower())) is LegacyFont.TCVN3
    assert guess_font(encode_vni(VIETNAMESE)) is LegacyFont.VNI
    assert guess_font(VIETNAMESE) is None  # Unicode stays as it is
    assert guess_font("Café crème brûlée, déjà vu à Paris.") is None
    mixed = encode_tcvn3(VIETNAMESE.lower()) + " " + encode_vni(VIETNAMESE)
    assert guess_font(mixed) == "TCVN3 hoặc VNI"


def page(body: str, charset: str = "utf-8", title: str = "Chi bộ Phòng A sơ kết quý I") -> str:
    return (
        f'<html><head><meta charset="{charset}"><title>{title}</title></head><body>'
        f"<h1>{title}</h1><p>Ngày đăng 05/04/2024 | 6:16 AM</p>{body}</body></html>"
    )


def test_font_named_on_an_element_converts_only_that_element() -> None:
    body = (
        f'<p><font face=".VnTime">{encode_tcvn3("sáng nay, chi bộ phòng a tổ chức hội nghị sơ kết quý i.")}</font></p>'
        f"<p style=\"font-family:'VNI-Times'\">{encode_vni('Đảng viên thảo luận sôi nổi về kế hoạch quý hai.')}</p>"
        "<p>Chữ Unicode có sẵn: Đảng ủy Ban Quản lý giữ nguyên như đã viết.</p>"
    )
    draft = read(page(body).encode("cp1252", errors="xmlcharrefreplace"), photos={})
    assert isinstance(draft, Draft)
    text = rendered_text(draft.body)
    assert "sáng nay, chi bộ phòng a tổ chức hội nghị sơ kết quý i." in text
    assert "Đảng viên thảo luận sôi nổi về kế hoạch quý hai." in text
    assert "Đảng ủy Ban Quản lý giữ nguyên như đã viết." in text
    assert any("TCVN3" in w for w in draft.warnings) and any("VNI" in w for w in draft.warnings)


def test_undecidable_or_unsupported_legacy_text_is_refused_by_name() -> None:
    mixed = encode_tcvn3("sáng nay chi bộ họp bàn kế hoạch đầu tư") + " " + encode_vni("Đảng viên thảo luận sôi nổi")
    with pytest.raises(UndecidedEncoding, match="TCVN3 hay VNI"):
        parse_page(page(f"<p>{mixed}</p>", "windows-1252").encode("cp1252", errors="xmlcharrefreplace"))
    with pytest.raises(UndecidedEncoding, match="VPS Times"):
        parse_page(page('<p><font face="VPS Times">Hoäi nghò</font></p>').encode("utf-8"))


def test_windows_1258_and_declared_charsets() -> None:
    from kit.legacykit import encode_cp1258

    html = page("<p>Đảng viên thảo luận sôi nổi về kế hoạch quý hai năm nay.</p>", "windows-1258")
    text, encoding = decode_html(encode_cp1258(html))
    assert encoding == "cp1258" and "Đảng viên thảo luận" in __import__("unicodedata").normalize("NFC", text)
    undeclared = html.replace('<meta charset="windows-1258">', "")
    assert decode_html(encode_cp1258(undeclared))[1] == "cp1258"
    assert decode_html(html.encode("utf-8"))[1] == "utf-8"


# --- old markup -----------------------------------------------------------------------------------


def test_word_pasted_soup_becomes_clean_markdown() -> None:
    body = (
        '<p class="MsoNormal"><span style="font-size:13pt;font-family:\'Times New Roman\'">Hội nghị&nbsp;&nbsp;&nbsp;'
        "đã <span style=\"font-weight:bold\">thống nhất</span> và <span style='font-style:italic'>thông qua</span>"
        " nghị quyết.<o:p></o:p></span></p><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->"
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><p><font color="red" size="3"><font face="Arial">Đảng viên '
        "phát biểu ý kiến về nhiệm vụ của quý hai.</font></font></p>"
    )
    draft = read(page(body))
    assert isinstance(draft, Draft)
    assert "Hội nghị đã **thống nhất** và *thông qua* nghị quyết." in draft.body
    assert "Đảng viên phát biểu ý kiến về nhiệm vụ của quý hai." in draft.body
    assert "o:p" not in draft.body and "mso" not in draft.body.lower() and "\u00a0" not in draft.body


def test_markup_characters_in_text_stay_text() -> None:
    lines = [
        "1. Về công tác xây dựng Đảng năm nay.",
        "# không phải tiêu đề",
        "- không phải danh sách",
        "Chữ <b>đậm</b> viết sẵn, a*b*c, x_y_z, [TOC], &amp; và {: .lop} cuối.",
        "===",
    ]
    body = "".join("<p>" + line.replace("&", "&amp;").replace("<", "&lt;") + "</p>" for line in lines)
    draft = read(page(body + "<p>Đoạn cuối của bài viết để đủ độ dài thân bài cần có.</p>"))
    assert isinstance(draft, Draft)
    html = markdown.markdown(draft.body, extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find(["h1", "h2", "ol", "ul", "b", "strong", "em", "hr", "div"])
    assert [" ".join(p.get_text().split()) for p in soup.find_all("p")][: len(lines)] == lines


def test_data_tables_are_tables_and_layout_tables_are_read_cell_by_cell() -> None:
    body = (
        "<p>Kết quả thực hiện các chỉ tiêu chủ yếu trong năm được tổng hợp như sau.</p>"
        "<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>Đảng viên mới</td><td>12</td></tr></table>"
        '<table width="600"><tr><td><img src="anh.jpg" width="600"></td></tr>'
        "<tr><td><i>Quang cảnh hội nghị</i></td></tr></table>"
    )
    draft = read(page(body), photos={"anh.jpg": "/tmp/anh.jpg"})
    assert isinstance(draft, Draft)
    html = markdown.markdown(draft.body.replace(draft.photos[0].token, "![x](anh.jpg)"), extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert [td.get_text() for td in soup.find_all(["td", "th"])] == ["Chỉ tiêu", "Kết quả", "Đảng viên mới", "12"]
    assert draft.photos[0].caption == "Quang cảnh hội nghị" and draft.photos[0].inline


@pytest.mark.parametrize(
    ("markup", "caption"),
    [
        ('<p><img src="a.jpg"></p><p><em>Chú thích nghiêng dưới ảnh</em></p>', "Chú thích nghiêng dưới ảnh"),
        (
            '<figure><img src="a.jpg" alt="x"><figcaption>Chú thích figcaption</figcaption></figure>',
            "Chú thích figcaption",
        ),
        ('<p><img src="a.jpg" alt="Chú thích alt của ảnh"></p>', "Chú thích alt của ảnh"),
        ('<p><img src="a.jpg" title="Chú thích title của ảnh" alt="IMG_2041"></p>', "Chú thích title của ảnh"),
        ('<p style="text-align:center"><img src="a.jpg"><br>Chú thích căn giữa</p>', None),
    ],
)
def test_photo_captions(markup: str, caption: str | None) -> None:
    body = "<p>Đoạn mở đầu của bài viết có đủ chữ để thành thân bài của một bài báo.</p>" + markup
    draft = read(page(body), photos={"a.jpg": "/mirror/a.jpg"})
    assert isinstance(draft, Draft)
    (photo,) = draft.photos
    if caption is not None:
        assert photo.caption == caption
    assert photo.inline and photo.token in draft.body


def test_thumbnail_linked_to_a_full_size_copy_missing_from_the_mirror_is_still_found() -> None:
    body = (
        "<p>Đoạn mở đầu của bài viết có đủ chữ để thành thân bài của một bài báo.</p>"
        '<p><a href="/goc/a.jpg"><img src="nho/a.jpg"></a></p><p><em>Quang cảnh</em></p>'
        '<p><a href="/goc/b.jpg"><img src="nho/b.jpg"></a></p><p><em>Toàn cảnh</em></p>'
    )
    draft = read(page(body), photos={"nho/a.jpg": "/m/nho/a.jpg", "/goc/b.jpg": "/m/goc/b.jpg"})
    assert isinstance(draft, Draft)
    assert [(p.src, str(p.file), p.caption, p.inline) for p in draft.photos] == [
        ("nho/a.jpg", "/m/nho/a.jpg", "Quang cảnh", True),
        ("/goc/b.jpg", "/m/goc/b.jpg", "Toàn cảnh", True),
    ]


def test_missing_photo_keeps_its_caption_in_the_body() -> None:
    body = (
        "<p>Đoạn mở đầu của bài viết có đủ chữ để thành thân bài của một bài báo.</p>"
        '<p><img src="http://anh.example/x.jpg"></p><p><em>Ảnh không có trong bản lưu</em></p>'
    )
    draft = read(page(body))
    assert isinstance(draft, Draft)
    (photo,) = draft.photos
    assert not photo.inline and photo.caption == "Ảnh không có trong bản lưu"
    assert "*Ảnh không có trong bản lưu*" in draft.body


# --- article or not -------------------------------------------------------------------------------


@pytest.mark.parametrize("article", articles(), ids=lambda a: a.layout + "-" + a.encoding)
def test_each_layout_of_the_invented_portal_reads_as_an_article(article: MirrorArticle) -> None:
    raw = render(article)
    data = raw.encode("cp1252", errors="xmlcharrefreplace") if article.encoding in ("tcvn3", "vni") else raw.encode()
    photos = {}
    for src, _caption, present in article.photos:
        if present:
            photos[src if src.startswith(("http", "/")) else "../" * article.path.count("/") + src] = "/m/" + src
    draft = read(data, f"{HOST}/{article.path}", photos)
    assert isinstance(draft, Draft), draft
    assert draft.title.lower() == article.title.lower() or article.title.isupper()
    assert draft.date is not None and draft.date.front_matter == article.date
    if article.author:
        assert draft.byline is not None and draft.byline.name in article.author
    text = rendered_text(draft.body.replace("\ue001", " "))
    for paragraph in article.paragraphs:
        assert " ".join(paragraph.split()) in text
    assert [p.caption for p in draft.photos] == [caption for _src, caption, _present in article.photos]
    for word in ("Chia sẻ", "BÌNH LUẬN", "Tin mới nhất", "Bản quyền", "Xem với cỡ chữ", "Liên kết website"):
        assert word not in draft.body


LISTING = """<html><head><meta charset="utf-8"><title>Tin tức</title></head><body><h1>Tin tức</h1>
{items}<div class="paging"><a href="?page=1">1</a> <a href="?page=2">2</a></div></body></html>"""
ITEM = (
    '<div><h3><a href="/bai-{n}.html">Hội nghị số {n} của chi bộ</a></h3><span>0{n}/05/2024</span>'
    "<p>Tóm tắt bài số {n}: chi bộ tổ chức hội nghị đánh giá kết quả và đề ra nhiệm vụ tiếp theo.</p></div>"
)


@pytest.mark.parametrize(
    ("path", "count", "kind"),
    [
        ("tin-tuc/index.html", 5, "danh sách"),
        ("tin-tuc/index.html?page=2", 1, "phân trang"),
        ("tag/dang-bo.html", 3, "thẻ"),
    ],
)
def test_listings_pagination_and_tag_pages_are_skipped_with_a_reason(path: str, count: int, kind: str) -> None:
    html = LISTING.format(items="".join(ITEM.format(n=n) for n in range(1, count + 1)))
    result = read(html, path)
    assert isinstance(result, NotArticle) and kind in result.reason


def test_static_page_and_menu_are_not_articles() -> None:
    about = (
        "<html><body><h1>Giới thiệu</h1><p>Ban Quản lý được thành lập năm 1998 và quản lý sáu khu.</p></body></html>"
    )
    assert isinstance(read(about, "gioi-thieu.html"), NotArticle)
    menu = "<html><body>" + "".join(f'<p><a href="/m{n}.html">Mục {n}</a></p>' for n in range(9)) + "</body></html>"
    result = read(menu, "so-do.html")
    assert isinstance(result, NotArticle) and "menu" in result.reason


# --- lossless: a property over generated pages ----------------------------------------------------

_VOCABULARY = (
    "chi bộ đảng viên hội nghị kế hoạch doanh nghiệp công tác kiểm tra giám sát quý năm tăng cường "
    "thực hiện nhiệm vụ đầu tư hạ tầng môi trường chỉ tiêu hoàn thành đề nghị tiếp tục kết quả"
)
_WORDS = _VOCABULARY.split()
_ODD = ["*", "_", "[", "]", "<b>", "&", "#", "1.", "-", "`", "{", "}", "\\", "|", "!", ">", "=", "+"]
_token = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_ODD), st.from_regex(r"[0-9]{1,4}", fullmatch=True))
sentence = st.lists(_token, min_size=8, max_size=16).map(lambda words: " ".join(words).capitalize() + ".")
_INLINE = (
    "{}",
    "<b>{}</b>",
    "<i>{}</i>",
    '<span style="color:red">{}</span>',
    "<font size=3>{}</font>",
    "{}&nbsp;&nbsp;",
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def generated_pages(draw) -> tuple[str, list[str]]:
    paragraphs = draw(st.lists(sentence, min_size=3, max_size=6))
    parts = []
    for text in paragraphs:
        words = text.split(" ")
        cut = draw(st.integers(1, len(words)))
        wrap = draw(st.sampled_from(_INLINE))
        inner = wrap.format(_escape(" ".join(words[:cut]))) + " " + _escape(" ".join(words[cut:]))
        shape = draw(
            st.sampled_from(
                [
                    "<p>{}</p>",
                    "<div>{}</div>",
                    '<p class="MsoNormal">{}<o:p></o:p></p>',
                    "{}<br>",
                    "<ul><li>{}</li><li>Mục thêm của danh sách.</li></ul>",
                    "<table><tr><th>Nội dung</th><th>Số</th></tr><tr><td>{}</td><td>12</td></tr></table>",
                    "<blockquote>{}</blockquote>",
                    '<p><img src="anh.jpg" width="500"></p><p><em>{}</em></p>',
                ]
            )
        )
        parts.append(shape.format(inner))
    layout = draw(st.sampled_from(["div", "table", "article"]))
    body = "\n".join(parts)
    if layout == "table":
        body = f'<table width="700"><tr><td>{body}</td><td width="10"></td></tr></table>'
    elif layout == "article":
        body = f"<article><div class='content'>{body}</div></article>"
    html = (
        '<html><head><meta charset="utf-8"></head><body><div class="menu"><a href="/">Trang chủ</a></div>'
        '<h1 class="title">Chi bộ Phòng A sơ kết công tác quý I</h1><div class="date">(10:07 | 03/07/2020)</div>'
        f"<div>{body}</div><div class='share'>Chia sẻ Facebook</div></body></html>"
    )
    return html, paragraphs


@SETTINGS
@given(generated_pages())
def test_every_text_node_of_the_body_ends_up_in_the_post(case: tuple[str, list[str]]) -> None:
    html, paragraphs = case
    draft = read(html, photos={"anh.jpg": "/mirror/anh.jpg"})
    assert isinstance(draft, Draft)
    body = draft.body
    for photo in draft.photos:
        body = body.replace(photo.token, f"![{escape_inline(photo.caption or '')}](anh.jpg)")
    shown = rendered_text(body)
    dropped = " ".join(d.text for d in draft.dropped if "chú thích ảnh" not in d.reason)
    for paragraph in paragraphs:
        expected = " ".join(paragraph.split())
        assert expected in shown or expected in dropped, (expected, draft.body)


# --- identity, dates ------------------------------------------------------------------------------


def test_content_key_ignores_line_endings_spaces_and_unicode_form() -> None:
    import unicodedata

    text = "Hội nghị sơ kết\n\nĐảng bộ   tổ chức hội nghị."
    assert content_key(text) == content_key(text.replace("\n", "\r\n"))
    assert content_key(text) == content_key(unicodedata.normalize("NFD", text) + "\n\n")
    assert content_key(text) != content_key(text.replace("sơ kết", "tổng kết"))


def test_posting_date_far_from_the_dates_named_in_the_body() -> None:
    from datetime import date

    body = ["Sáng ngày 14/3/2024, chi bộ tổ chức hội nghị; ngày 5 tháng 4 năm 2024 họp tiếp."]
    assert far_from_body_dates(date(2024, 3, 15), body) is None
    warning = far_from_body_dates(date(2025, 3, 15), body)
    assert warning is not None and "05/04/2024" in warning
    assert far_from_body_dates(date(2030, 1, 1), ["Không có ngày nào."]) is None


def test_blocks_of_a_paragraph_split_at_each_photo() -> None:
    soup = BeautifulSoup('<div><p>Trước ảnh <img src="a.jpg"> sau ảnh <b>đậm</b></p></div>', "lxml")
    blocks = Linearizer(lambda href: href).run(soup.body)
    assert [(b.kind, b.text) for b in blocks] == [("text", "Trước ảnh"), ("photo", ""), ("text", "sau ảnh đậm")]
    assert re.fullmatch(r"sau ảnh \*\*đậm\*\*", blocks[2].markdown)


# --- other shapes old portals print ---------------------------------------------------------------

_P = "Chi bộ Phòng Quản lý đầu tư tổ chức hội nghị sơ kết công tác sáu tháng đầu năm, đề ra nhiệm vụ trọng tâm."
SHAPES = {
    "semantic-html5": (
        '<html><body><header><h1><a href="/">Cổng TTĐT</a></h1></header><article><header><h1>Hội nghị sơ kết '
        'sáu tháng</h1><time datetime="2021-05-03T08:00:00+07:00">03/05/2021</time></header><div class="entry-'
        f'content"><p>{_P}</p><p>{_P}</p><p><img data-src="a.jpg" src="data:image/gif;base64,R0lGOD"></p>'
        '<p class="wp-caption-text">Quang cảnh</p><p><strong>Hoàng Yến</strong></p></div></article></body></html>',
        "2021-05-03 08:00",
        "Hoàng Yến",
        [("a.jpg", "Quang cảnh")],
    ),
    "aspx-labels-and-br": (
        '<html><body><table><tr><td><span id="lblTitle" class="TieuDe">Hội nghị sơ kết sáu tháng</span><br>'
        '<span class="NgayDang">Cập nhật: 03/05/2021 | Lượt xem: 123</span><br><span id="lblNoiDung">'
        f'{_P}<br><br>{_P}<br><br><img src="a.jpg"><br><i>Quang cảnh hội nghị</i><br><br><b>Hoàng Yến</b>'
        "</span></td></tr></table></body></html>",
        "2021-05-03",
        "Hoàng Yến",
        [("a.jpg", "Quang cảnh hội nghị")],
    ),
    "date-before-title": (
        '<html><body><div class="news"><span class="date">11/07/2016 - 06:00</span><h2>Hội nghị sơ kết sáu '
        f'tháng</h2><div class="sapo"><b>{_P}</b></div><div class="content"><p>{_P}</p><p>{_P}</p></div>'
        "</div></body></html>",
        "2016-07-11 06:00",
        None,
        [],
    ),
    "weekday-and-gmt": (
        '<html><body><h3 class="news-title">Hội nghị sơ kết sáu tháng</h3><div class="meta">Thứ Hai, 03/05/2021, '
        f'08:00 (GMT+7)</div><div>{_P} {_P}</div><div style="text-align:right"><em>T. Lan - Văn phòng Đảng ủy'
        "</em></div></body></html>",
        "2021-05-03 08:00",
        "T. Lan",
        [],
    ),
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_other_page_shapes_read_with_title_date_byline_and_photos(shape: str) -> None:
    html, date, byline, photos = SHAPES[shape]
    draft = read(html, photos={"a.jpg": "/m/a.jpg"})
    assert isinstance(draft, Draft), draft
    assert draft.title == "Hội nghị sơ kết sáu tháng"
    assert draft.date is not None and draft.date.front_matter == date
    assert (draft.byline.name if draft.byline else None) == byline
    assert [("a.jpg", p.caption) for p in draft.photos] == photos
    assert _P in rendered_text(draft.body)


# --- held-out shapes: CMSs the importer was not written against -----------------------------------

HELD_OUT = HeldOutArticle(
    title="Công đoàn khu công nghiệp tổ chức hội thao công nhân năm 2021",
    date="2021-05-03 14:15",
    paragraphs=(_P, "Hội thao thu hút hơn ba trăm công nhân của mười hai doanh nghiệp tham gia các môn thi đấu."),
    photos=(("/images/tin-tuc/hoi-thao.jpg", "Các vận động viên thi kéo co"), ("/images/tin-tuc/trao-giai.jpg", "")),
    byline="Minh Châu",
)


@pytest.mark.parametrize("page", [joomla_page, dnn_page], ids=["joomla-microdata", "dnn-aspnet"])
def test_held_out_shapes_read_with_title_date_byline_and_photos(page: Callable[[HeldOutArticle], str]) -> None:
    files = {src: f"/m{src}" for src, _caption in HELD_OUT.photos}
    draft = read(page(HELD_OUT), photos=files)
    assert isinstance(draft, Draft), draft
    assert draft.title == HELD_OUT.title
    assert draft.date is not None and draft.date.front_matter == HELD_OUT.date
    assert draft.byline is not None and draft.byline.name == HELD_OUT.byline
    assert [(p.src, p.caption, str(p.file)) for p in draft.photos] == [
        (src, caption or None, files[src]) for src, caption in HELD_OUT.photos
    ]
    shown = rendered_text(draft.body)
    for paragraph in HELD_OUT.paragraphs:
        assert paragraph in shown
    # The page's own info (category, view count), menus, pagers and "other news" are not body text.
    for chrome in ("Lượt xem", "Danh mục", "Chi tiết", "Tin khác", "Tin hoạt động", "Trước", "Liên hệ"):
        assert chrome not in shown, chrome


UNDATED_BODY = " ".join(
    f"<p>Đoạn {n}: Ban Quản lý tổ chức kiểm tra công tác bảo vệ môi trường tại các doanh nghiệp trong khu.</p>"
    for n in range(1, 8)
)


def test_an_article_without_a_date_line_is_imported_as_an_undated_draft() -> None:
    title = "<h1>Kiểm tra môi trường khu công nghiệp</h1>"
    html = f'<html><body><div class="news-detail">{title}{UNDATED_BODY}</div></body></html>'
    result = read(html, "tin/kiem-tra.html")
    assert not isinstance(result, NotArticle), result
    assert result.date is None and result.title == "Kiểm tra môi trường khu công nghiệp"
    assert "Đoạn 1:" in result.body and "Đoạn 7:" in result.body


def test_undated_pages_stay_out_when_they_do_not_read_as_one_article() -> None:
    two_titles = f"<html><body><h1>Giới thiệu</h1>{UNDATED_BODY}<h1>Lịch sử</h1>{UNDATED_BODY}</body></html>"
    assert isinstance(read(two_titles, "gioi-thieu.html"), NotArticle)
    short = "<html><body><h1>Liên hệ</h1><p>Địa chỉ: số 1 đường Trần Phú; điện thoại 0200 3 800 800.</p></body></html>"
    assert isinstance(read(short, "lien-he.html"), NotArticle)
