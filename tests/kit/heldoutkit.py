"""Page shapes the importer was not written against (held out from mirrorkit): a Joomla-like article
(schema.org microdata: `itemprop="articleBody"`, the date in `<time>` inside `<dd class="published">`)
and a DNN/ASP.NET one (the whole page in a `<form>`, title and date in `<span id="…_lblTitle">` /
`<span id="…_lblDate">`, the body in `<div id="…_pnlContent">`). Invented content, generated in code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HeldOutArticle:
    title: str
    date: str  # "YYYY-MM-DD HH:MM", Vietnam time, as the post's front matter should say
    paragraphs: tuple[str, ...]
    photos: tuple[tuple[str, str], ...]  # (src as the page writes it, caption)
    byline: str
    documents: tuple[tuple[str, str], ...] = ()  # (href as the page writes it, link text)


def _figure_joomla(src: str, caption: str) -> str:
    image = f'<p style="text-align:center"><img src="{src}" alt="" width="600"></p>'
    return image + (f'<p style="text-align:center"><em>{caption}</em></p>' if caption else "")


def _figure_dnn(src: str, caption: str) -> str:
    image = f'<p align="center"><img src="{src}" border="0" width="550"></p>'
    return image + (f'<p align="center"><i>{caption}</i></p>' if caption else "")


def _links(article: HeldOutArticle) -> str:
    return "".join(f'<p>Tải về: <a href="{href}">{text}</a></p>' for href, text in article.documents)


def joomla_page(article: HeldOutArticle) -> str:
    day, time = article.date.split(" ")
    year, month, dom = day.split("-")
    first, *rest = article.paragraphs
    photos = "".join(_figure_joomla(src, caption) for src, caption in article.photos)
    body = f"<p>{first}</p>{photos}" + "".join(f"<p>{p}</p>" for p in rest)
    return (
        '<!DOCTYPE html><html lang="vi-vn"><head><meta charset="utf-8">'
        f"<title>{article.title} - Ban Quản lý các KCN</title></head>"
        '<body class="site com_content view-article"><header class="header"><a class="brand" href="/">Ban Quản lý</a>'
        '<ul class="nav menu"><li><a href="/tin-tuc.html">Tin tức</a></li><li><a href="/lien-he.html">Liên hệ</a></li>'
        '</ul></header><ul class="breadcrumb"><li><a href="/">Trang chủ</a></li>'
        '<li><a href="/hoat-dong-doan-the.html">Hoạt động đoàn thể</a></li></ul>'
        '<main id="content"><div class="item-page" itemscope itemtype="https://schema.org/Article">'
        f'<div class="page-header"><h2 itemprop="headline">{article.title}</h2></div>'
        '<dl class="article-info muted"><dt class="article-info-term">Chi tiết</dt>'
        '<dd class="category-name">Danh mục: <a href="/hoat-dong-doan-the.html" itemprop="genre">Hoạt động đoàn thể'
        "</a></dd>"
        f'<dd class="published"><span class="icon-calendar"></span><time datetime="{day}T{time}:00+07:00" '
        f'itemprop="datePublished">Ngày đăng: {int(dom)} Tháng {int(month)} {year}</time></dd>'
        '<dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:57">Lượt xem: 57</dd></dl>'
        f'<div itemprop="articleBody">{body}{_links(article)}'
        f'<p style="text-align:right"><strong>{article.byline}</strong></p></div>'
        '<ul class="pager pagenav"><li class="previous"><a href="/tin-tuc.html" rel="prev">Trước</a></li></ul>'
        "</div></main><footer>© Ban Quản lý các khu công nghiệp tỉnh Thanh Vân</footer></body></html>"
    )


def dnn_page(article: HeldOutArticle) -> str:
    day, time = article.date.split(" ")
    year, month, dom = day.split("-")
    hour, minute = (int(x) for x in time.split(":"))
    # DNN prints the server's Vietnamese culture: 12-hour clock with SA (sáng) / CH (chiều).
    clock = f"{(hour - 1) % 12 + 1:02d}:{minute:02d}:00 {'SA' if hour < 12 else 'CH'}"
    first, *rest = article.paragraphs
    photos = "".join(_figure_dnn(src, caption) for src, caption in article.photos)
    body = f'<p class="MsoNormal">{first}<o:p></o:p></p>{photos}' + "".join(
        f'<p class="MsoNormal">{p}<o:p></o:p></p>' for p in rest
    )
    prefix = "dnn_ctr398_ViewArticle"
    return (
        "<html><head><title>Cổng thông tin - Tin tức</title></head><body>"
        '<form method="post" action="/tin-tuc/tabid/57/ArticleID/123/Default.aspx" id="Form">'
        '<input type="hidden" name="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAg==">'
        '<div id="dnn_ctr398_ContentPane"><table id="dnn_ctr398_ModuleContent"><tr><td>'
        '<div class="Head">Tin hoạt động</div>'
        f'<span id="{prefix}_lblTitle" class="ArticleTitle">{article.title}</span><br>'
        f'<span id="{prefix}_lblDate" class="ArticleDate">{dom}/{month}/{year} {clock}</span>'
        f'<div id="{prefix}_pnlContent" class="ArticleContent">{body}{_links(article)}'
        f'<p align="right"><b>{article.byline}</b></p></div>'
        '<div class="OtherNews"><b>Tin khác:</b><ul><li><a href="/tin/1.aspx">Tin một</a> (01/05/2021)</li>'
        '<li><a href="/tin/2.aspx">Tin hai</a> (02/05/2021)</li></ul></div>'
        "</td></tr></table></div></form></body></html>"
    )
