"""A WordPress export (WXR, the `.xml` file of Tools → Export) → one draft per published post.

Posts only: pages, menus, attachments and revisions are not articles; drafts, pending and private
posts only when asked (`--drafts`), and then as `draft: true`. Categories and tags come from the
item's `<category domain=…>`, the author from `<dc:creator>` and the export's author list, the
date from `<wp:post_date>` (the site's local time, Vietnam for these portals). Photos are looked up
in the uploads folder given with `--uploads` (the copy of `wp-content/uploads/`), never fetched.
The XML is read without entity expansion, DTDs or network access.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from ..content.problems import StaffError
from ..vi import VIETNAM_TZ
from .bylines import Byline, read_byline
from .committees import find_committee
from .dates import FoundDate
from .draft import Draft, content_key
from .fields import find_event, find_terms
from .folding import fold
from .htmlblocks import Linearizer, LinkRewriter
from .htmlpage import PageState, body_markdown, drop_chrome
from .htmlphotos import PhotoFinder, PhotoLookup
from .htmlsoup import parse_page

_WXR_MARK = re.compile(rb"<rss\b[^>]*wordpress\.org/export", re.IGNORECASE | re.DOTALL)
_CAPTION = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
_IMG_THEN_TEXT = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"^\s*<(p|div|h[1-6]|ul|ol|table|blockquote|figure|pre|hr)\b", re.IGNORECASE)


class NotWxr(StaffError):
    """The file is not a readable WordPress export; `message` is for staff, in Vietnamese."""


def is_wxr(head: bytes) -> bool:
    return _WXR_MARK.search(head) is not None


@dataclass
class WxrItem:
    post_id: str
    title: str
    link: str
    status: str
    post_date: str
    creator: str
    content: str
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class WxrExport:
    authors: dict[str, str]  # login → display name
    posts: list[WxrItem]
    skipped: list[tuple[str, str]]  # (title or id, why)
    attachments: dict[str, str]  # attachment id → URL


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def read_wxr(raw: bytes, *, drafts: bool = False) -> WxrExport:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise NotWxr(f"tệp XML của WordPress bị hỏng (dòng {exc.lineno}): {exc.msg}") from None
    channel = _child(root, "channel")
    if channel is None:
        raise NotWxr("tệp XML không có phần <channel> của bản xuất WordPress.")
    authors: dict[str, str] = {}
    posts: list[WxrItem] = []
    skipped: list[tuple[str, str]] = []
    attachments: dict[str, str] = {}
    for element in channel:
        name = _local(element.tag)
        if name == "author":
            login = _text(_child(element, "author_login"))
            authors[login] = _text(_child(element, "author_display_name")) or login
        if name != "item":
            continue
        kind = _text(_child(element, "post_type"))
        post_id = _text(_child(element, "post_id"))
        title = _text(_child(element, "title"))
        if kind == "attachment":
            attachments[post_id] = _text(_child(element, "attachment_url"))
            continue
        status = _text(_child(element, "status"))
        if kind != "post":
            skipped.append((title or post_id, f"loại '{kind}' (trang, menu …), không phải bài viết."))
            continue
        if status != "publish" and not (drafts and status in ("draft", "pending", "private", "future")):
            skipped.append((title or post_id, f"trạng thái '{status}' (chưa đăng); dùng --drafts để nhập cả bài nháp."))
            continue
        item = WxrItem(
            post_id=post_id,
            title=title,
            link=_text(_child(element, "link")),
            status=status,
            post_date=_text(_child(element, "post_date")),
            creator=_text(_child(element, "creator")),
            content=_text(_child(element, "encoded")),
        )
        for category in element:
            if _local(category.tag) != "category":
                continue
            label = " ".join((category.text or "").split())
            if not label:
                continue
            if category.get("domain") == "category":
                item.categories.append(label)
            elif category.get("domain") == "post_tag":
                item.tags.append(label)
        posts.append(item)
    return WxrExport(authors, posts, skipped, attachments)


def autop(content: str) -> str:
    """WordPress stores paragraphs as blank-line-separated text (its `wpautop` adds the <p> on display)."""
    content = _CAPTION.sub(_caption_figure, content.replace("\r\n", "\n"))
    chunks = re.split(r"\n\s*\n", content)
    out = []
    for chunk in chunks:
        if not chunk.strip():
            continue
        if _BLOCK_TAG.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.strip().replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def _caption_figure(match: re.Match[str]) -> str:
    inner = match[1].strip()
    found = _IMG_THEN_TEXT.match(inner)
    if found is None:
        return inner
    return f"<figure>{found[1]}<figcaption>{found[2].strip()}</figcaption></figure>\n\n"


def post_moment(item: WxrItem) -> FoundDate | None:
    try:
        moment = datetime.strptime(item.post_date, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    if moment.year < 1990:  # drafts carry 0000-00-00 00:00:00
        return None
    return FoundDate(moment.replace(tzinfo=VIETNAM_TZ), has_time=True)


def item_draft(item: WxrItem, authors: dict[str, str], rewrite: LinkRewriter, find_photo: PhotoFinder) -> Draft:
    html = "<html><body>" + autop(item.content) + "</body></html>"
    page = parse_page(html.encode("utf-8"))
    blocks = Linearizer(rewrite).run(page.soup.body or page.soup)
    state = PageState(blocks)
    run = drop_chrome(list(blocks), state)
    byline: Byline | None = None
    if run and run[-1].kind == "text" and len(run) > 1:
        byline = read_byline(run[-1].text)
        if byline is not None:
            state.drop(run[-1], "dòng tác giả → trường author")
            run.pop()
    if byline is None and item.creator:
        name = authors.get(item.creator, item.creator)
        byline = Byline(name) if fold(name) not in ("admin", "administrator", "quan tri") else None
    body, photos = body_markdown(run, state, find_photo)
    texts = [b.text for b in run if b.kind != "photo" and b.text]
    title = " ".join(item.title.split()) or (texts[0][:80] if texts else f"Bài {item.post_id}")
    warnings = [*page.notes, *state.warnings]
    if not item.title.strip():
        warnings.append("bài WordPress không có tiêu đề: tạm lấy đầu câu đầu tiên; hãy xem lại.")
    date = post_moment(item)
    return Draft(
        title=title,
        date=date,
        byline=byline,
        committee=find_committee(title, texts),
        terms=find_terms(title, texts),
        event=find_event(title, texts[0] if texts else ""),
        body=body,
        content_key=content_key(title, *texts),
        photos=photos,
        category_names=list(item.categories),
        tags=list(item.tags),
        dropped=state.dropped,
        warnings=warnings,
        draft=item.status != "publish",
    )


def uploads_relative(url: str) -> str | None:
    """The path under `wp-content/uploads/` an image URL names, or None."""
    match = re.search(r"/wp-content/uploads/(.+?)(?:\?.*)?$", url)
    return match[1] if match else None


def unsized(relative: str) -> Iterator[str]:
    """The file as named, then the original of a resized copy ("anh-300x200.jpg" → "anh.jpg")."""
    yield relative
    original = re.sub(r"-\d+x\d+(\.\w+)$", r"\1", relative)
    if original != relative:
        yield original
    scaled = re.sub(r"-scaled(\.\w+)$", r"\1", original)
    if scaled != original:
        yield scaled


__all__ = ["NotWxr", "PhotoLookup", "WxrExport", "is_wxr", "item_draft", "read_wxr", "unsized", "uploads_relative"]
