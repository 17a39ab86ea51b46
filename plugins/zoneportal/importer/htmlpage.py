"""One saved page of an old portal → an article (title, date, byline, body, photos) or why it is not one.

An article page has a title (a heading, not a link) with a publication line next to it, then body
text. A listing, a tag page or a paginated category shows many linked titles with dates; a menu or
a static page ("Giới thiệu", "Liên hệ") has no publication line. The portal knowledge of the text
importer decides the rest, block by block: page chrome (share buttons, font-size tools),
trailing sections ("Bài viết liên quan", "Bình luận"), the byline at the end, dates, committees,
terms and events. Every block of the article's body ends up in the post, or in `dropped` with
the reason; nothing vanishes silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from bs4 import Tag

from .article import Dropped
from .bylines import Byline, read_byline
from .chrome import BREADCRUMB_REASON, footer_section, line_chrome
from .committees import find_committee
from .dates import FoundDate, read_date_line
from .draft import Draft, PhotoRef, content_key
from .fields import find_event, find_terms
from .folding import fold
from .htmlblocks import HtmlBlock, Linearizer, LinkRewriter
from .htmlphotos import (
    PHOTO_TOKEN,
    PhotoFinder,
    PhotoLookup,
    attribute_caption,
    caption_after,
    is_decoration,
    photo_sources,
)
from .htmlsoup import PageSoup
from .titles import is_all_caps, recase_title

_CHROME = re.compile(
    r"(^|[-_])(menus?|nav|navbar|navigation|sidebar|side-?bar|left-?col|right-?col|banner|share|sharing|social"
    r"|comments?|binh-?luan|binhluan|related|lien-?quan|lienquan|tin-?khac|tinkhac|other-?news|footer|toolbar"
    r"|print-?tools|rating|widget|advert|ads|quang-?cao|qc|breadcrumbs?)([-_]|$)",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"breadcrumb|duong-?dan|duongdan|crumb", re.IGNORECASE)
_TITLE_WORDS = frozenset({"title", "tieude", "headline", "heading"})
# Words of a class or id, however the CMS joins them: "tieu-de", "news_title", and the camel case of
# ASP.NET controls ("dnn_ctr398_ViewArticle_lblTitle", "lblTieuDe") alike.
_NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_JOINED = {("tieu", "de"): "tieude"}
# The body as the page itself marks it (schema.org microdata, used by Joomla and many themes).
_MARKED_BODY = {"itemprop": "articleBody"}
_HOME_LABELS = {"trang chu", "home", "trang nhat", "trang dau"}
_PAGINATION = re.compile(r"([?&@](page|p|trang|paged|pageindex)=\d+)|/(page|trang)/\d+|[-_](page|trang)-?\d+", re.I)
_TAG_PAGE = re.compile(r"(^|/)(tag|tags|the|tu-khoa|tukhoa|keyword)(/|[-_=.]|$)", re.I)
MAX_TITLE_WORDS = 60
MIN_BODY_WORDS = 15
# An article whose page shows no date (a print view, a template that hid it) is imported as a draft
# when its one title heads at least this much text: a short "Liên hệ" page stays out.
MIN_UNDATED_BODY_WORDS = 80
LOOK_BACK = 4


@dataclass
class NotArticle:
    reason: str


@dataclass
class PageState:
    blocks: list[HtmlBlock]
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def drop(self, block: HtmlBlock, reason: str) -> None:
        text = block.text
        if not text and block.image is not None:
            text = str(block.image.get("src", ""))
        self.dropped.append(Dropped(block.order + 1, text, reason))


def read_page(
    page: PageSoup,
    relative: str,
    rewrite: LinkRewriter,
    find_photo: PhotoFinder,
) -> Draft | NotArticle:
    soup = page.soup
    root = soup.body or soup
    crumbs = _take_breadcrumbs(root)
    removed = _remove_chrome(root)
    blocks = Linearizer(rewrite).run(root)
    state = PageState(blocks)
    pair = _title_and_date(blocks, page)
    if pair is None:
        reason = _why_not(relative, blocks, page)
        title_at = _undated_title(blocks) if reason == STATIC_PAGE else None
        if title_at is None:
            return NotArticle(reason)
        pair = (title_at, None, None)
    title_at, date_at, date = pair
    title_block = blocks[title_at]
    start = max(title_at, date_at if date_at is not None else -1) + 1
    container = _container(title_block, blocks, start)
    run = [b for b in blocks[start:] if _inside(b.element, container)]
    run = _marked_body(root, run, state)
    run = _cut_footer(run, state)
    listing = _listing_reason(relative, run)
    if listing is not None:
        return NotArticle(listing)
    run = drop_chrome(run, state)
    byline = _byline(run, state, date)
    text_words = sum(b.words for b in run if b.kind != "photo" and not b.linked)
    if text_words < MIN_BODY_WORDS and not any(b.kind == "photo" for b in run):
        return NotArticle(f"quá ít nội dung sau tiêu đề ({text_words} từ): không phải trang bài viết.")
    state.dropped.append(Dropped(title_block.order + 1, title_block.text, "tiêu đề → trường title"))
    if date_at is not None:
        state.dropped.append(Dropped(blocks[date_at].order + 1, blocks[date_at].text, "ngày đăng → trường date"))
    body, photos = body_markdown(run, state, find_photo)
    title = title_block.text[:1].upper() + title_block.text[1:]
    texts = [b.text for b in run if b.kind != "photo" and b.text]
    if is_all_caps(title):
        title = recase_title(title, texts)
        state.warnings.append("tiêu đề viết hoa toàn bộ: đã viết lại theo cách bài viết dùng các từ đó; hãy xem lại.")
    if removed:
        state.dropped.append(Dropped(0, f"{removed} vùng", "khung trang: menu, cột bên, chia sẻ, bình luận, liên quan"))
    lead = texts[0] if texts else ""
    draft = Draft(
        title=title,
        date=date,
        byline=byline,
        committee=find_committee(title, texts),
        terms=find_terms(title, texts),
        event=find_event(title, lead),
        body=body,
        content_key=content_key(title_block.text, *texts),
        photos=photos,
        category_names=[c for c in crumbs if fold(c) != fold(title_block.text)],
        dropped=sorted(state.dropped, key=lambda d: d.line),
        warnings=[*page.notes, *state.warnings],
    )
    return draft


# --- chrome around the article ------------------------------------------------------------------


def _classes(tag: Tag) -> str:
    classes = tag.get("class") or []
    return " ".join([*(classes if isinstance(classes, list) else [classes]), str(tag.get("id") or "")])


def _chrome_named(tag: Tag) -> bool:
    return any(_CHROME.search(token) for token in _classes(tag).split())


def _take_breadcrumbs(root: Tag) -> list[str]:
    """Labels of the breadcrumb trail (the old portal's categories), without "Trang chủ"."""
    labels: list[str] = []
    for tag in root.find_all(lambda t: _BREADCRUMB.search(_classes(t)) is not None):
        if tag.decomposed or any(_BREADCRUMB.search(_classes(p)) for p in tag.parents if isinstance(p, Tag)):
            continue
        items = [
            " ".join(a.get_text(" ").split()) for a in tag.find_all(["a", "li", "span"]) if not a.find(["a", "li"])
        ]
        items = items or re.split(r"\s*[>»›/|]\s*", " ".join(tag.get_text(" ").split()))
        for item in items:
            item = item.strip(" >»›/|-")
            if item and fold(item) not in _HOME_LABELS and item not in labels and len(item.split()) <= 8:
                labels.append(item)
        tag.decompose()
    return labels


def _remove_chrome(root: Tag) -> int:
    total = len(root.get_text(" "))
    removed = 0
    for tag in list(root.find_all(True)):
        if tag.decomposed:
            continue
        chrome = tag.name in ("nav", "aside", "footer", "form", "button", "select", "input", "textarea", "iframe")
        chrome = chrome or (tag.name not in ("body", "html") and _chrome_named(tag))
        if not chrome:
            continue
        # A wrapper that holds most of the page is the page itself, whatever its class says.
        if tag.name not in ("iframe", "button", "input", "select") and len(tag.get_text(" ")) > 0.6 * total:
            continue
        tag.decompose()
        removed += 1
    return removed


# --- title and publication line -----------------------------------------------------------------


def _is_title(block: HtmlBlock) -> bool:
    if block.kind not in ("heading", "text") or block.linked or not block.text:
        return False
    if not 1 <= block.words <= MAX_TITLE_WORDS:
        return False
    if block.kind == "heading" and block.level <= 3:
        return True
    holders = [block.element, *list(block.element.parents)[:2]]
    return any(isinstance(h, Tag) and _TITLE_WORDS & _name_words(_classes(h)) for h in holders)


def _name_words(names: str) -> set[str]:
    words = [w.lower() for w in _NAME_WORD.findall(names)]
    joined = {_JOINED[pair] for pair in pairwise(words) if pair in _JOINED}
    return {*words, *joined}


def _date_of(block: HtmlBlock) -> FoundDate | None:
    if block.kind not in ("text", "heading") or len(block.text) > 160 or block.linked:
        return None
    return read_date_line(block.text)


def _title_and_date(blocks: list[HtmlBlock], page: PageSoup) -> tuple[int, int | None, FoundDate] | None:
    for index, block in enumerate(blocks):
        date = _date_of(block)
        if date is None:
            continue
        before = [i for i in range(max(0, index - LOOK_BACK), index) if _is_title(blocks[i])]
        after = [i for i in range(index + 1, min(len(blocks), index + 3)) if _is_title(blocks[i])]
        title = before[-1] if before else (after[0] if after else None)
        if title is None:
            continue
        # A linked title between them: this date belongs to a listing's item, not to the page's title.
        if any(blocks[i].linked for i in range(min(title, index) + 1, max(title, index))):
            continue
        start = max(title, index) + 1
        if _body_words(blocks, start) >= MIN_BODY_WORDS or _has_photo(blocks, start):
            return title, index, _with_time(date, page)
    # No publication line beside a title: the page's machine-readable date, with its one <h1>.
    if page.published:
        date = read_date_line(page.published)
        titles = [i for i, b in enumerate(blocks) if _is_title(b) and _body_words(blocks, i + 1) >= MIN_BODY_WORDS]
        if date is not None and titles:
            return titles[0], None, date
    return None


def _with_time(date: FoundDate, page: PageSoup) -> FoundDate:
    """A date line without a time, completed by the page's machine-readable time of the same day."""
    if date.has_time or not page.published:
        return date
    published = read_date_line(page.published)
    if published is not None and published.has_time and published.moment.date() == date.moment.date():
        return published
    return date


def _body_words(blocks: list[HtmlBlock], start: int) -> int:
    return sum(
        b.words for b in blocks[start : start + 12] if b.kind != "photo" and not b.linked and b.link_density < 0.5
    )


def _has_photo(blocks: list[HtmlBlock], start: int) -> bool:
    return any(b.kind == "photo" for b in blocks[start : start + 4])


def _why_not(relative: str, blocks: list[HtmlBlock], page: PageSoup) -> str:
    dated = sum(1 for b in blocks if _date_of(b) is not None)
    linked = sum(1 for b in blocks if b.linked and b.words <= MAX_TITLE_WORDS)
    if _TAG_PAGE.search(relative) or fold(page.head_title).startswith(("tag", "the:", "tu khoa")):
        return f"trang thẻ (tag): danh sách {linked} liên kết, không phải bài viết."
    if _PAGINATION.search(relative):
        return f"trang phân trang của một danh sách ({linked} liên kết), không phải bài viết."
    if dated >= 2 and linked >= 2:
        return f"trang danh sách bài ({dated} dòng ngày đăng, {linked} tiêu đề là liên kết), không phải bài viết."
    if linked >= 5 and sum(b.words for b in blocks if not b.linked) < 4 * linked:
        return f"trang menu hoặc mục lục ({linked} liên kết, ít chữ), không phải bài viết."
    return STATIC_PAGE


STATIC_PAGE = "không thấy tiêu đề kèm dòng ngày đăng: trang tĩnh hoặc trang khung (giới thiệu, liên hệ, menu…)."


def _undated_title(blocks: list[HtmlBlock]) -> int | None:
    """The one title of a page that reads as an article without a date line, or None."""
    headings = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1 and _is_title(b)]
    candidates = headings or [i for i, b in enumerate(blocks) if _is_title(b) and b.kind != "heading"]
    if len(candidates) != 1:
        return None
    title = candidates[0]
    return title if _body_words(blocks, title + 1) >= MIN_UNDATED_BODY_WORDS else None


def _listing_reason(relative: str, run: list[HtmlBlock]) -> str | None:
    dated = sum(1 for b in run if _date_of(b) is not None)
    linked = sum(1 for b in run if b.linked and b.words <= MAX_TITLE_WORDS)
    if (dated >= 2 and linked >= 2) or (dated and linked and _PAGINATION.search(relative)):
        kind = "trang thẻ (tag)" if _TAG_PAGE.search(relative) else "trang danh sách bài"
        return f"{kind} ({dated + 1} dòng ngày đăng, {linked} tiêu đề là liên kết), không phải bài viết."
    return None


# --- the body -----------------------------------------------------------------------------------


def _inside(element: Tag, container: Tag) -> bool:
    return element is container or any(p is container for p in element.parents)


def _container(title: HtmlBlock, blocks: list[HtmlBlock], start: int) -> Tag:
    """The smallest element around the title that also holds the article's main text."""
    candidates = [b for b in blocks[start : start + 40] if b.kind != "photo" and not b.linked]
    if not candidates:
        return title.element
    main = max(candidates, key=lambda b: b.words)
    ancestors = [title.element, *title.element.parents]
    for ancestor in ancestors:
        if isinstance(ancestor, Tag) and _inside(main.element, ancestor):
            return ancestor
    return ancestors[-1]


def _marked_body(root: Tag, run: list[HtmlBlock], state: PageState) -> list[HtmlBlock]:
    """Only the body the page marks as such (`itemprop="articleBody"`), when it marks exactly one that
    holds text: what stands between the title and it is the article's info (category, views …)."""
    marked = root.find_all(attrs=_MARKED_BODY)
    if len(marked) != 1:
        return run
    inside = [b for b in run if _inside(b.element, marked[0])]
    if not any(b.kind != "photo" and b.words for b in inside):
        return run
    for block in run:
        if not _inside(block.element, marked[0]):
            state.drop(block, "ngoài phần nội dung trang đánh dấu (itemprop=articleBody): thông tin bài, điều hướng")
    return inside


def _cut_footer(run: list[HtmlBlock], state: PageState) -> list[HtmlBlock]:
    for position, block in enumerate(run):
        if block.kind == "photo" or position == 0:
            continue
        reason = footer_section(block.text) or (footer_section(block.first_line) if block.first_line else None)
        if reason is not None:
            for later in run[position:]:
                state.drop(later, reason if later is block else f"nằm dưới {reason}")
            return run[:position]
    return run


def drop_chrome(run: list[HtmlBlock], state: PageState) -> list[HtmlBlock]:
    kept = []
    for block in run:
        reason = line_chrome(block.text) if block.kind in ("text", "heading") else None
        if reason == BREADCRUMB_REASON:
            # A page's breadcrumb is its own element (taken above); "A > B" in the body is text.
            reason = None
        if reason is not None:
            state.drop(block, reason)
            continue
        kept.append(block)
    # Lists of links at the very end (related articles without a heading, tag links).
    while kept and kept[-1].kind in ("list", "text") and kept[-1].link_density >= 0.6 and len(kept) > 1:
        state.drop(kept[-1], "danh sách liên kết cuối bài")
        kept.pop()
    return kept


def _byline(run: list[HtmlBlock], state: PageState, date: FoundDate | None) -> Byline | None:
    if date is not None and date.rest:
        found = read_byline(date.rest, labelled_only=True)
        if found is not None:
            return found
    texts = [b for b in run if b.kind == "text"]
    if len(texts) < 2:
        return None
    first = texts[0]
    found = read_byline(first.text, labelled_only=True)
    if found is not None:
        state.drop(first, "dòng tác giả → trường author")
        run.remove(first)
        return found
    last = run[-1] if run and run[-1].kind == "text" else None
    if last is not None:
        found = read_byline(last.text)
        if found is not None:
            state.drop(last, "dòng tác giả → trường author")
            run.remove(last)
            return found
    return None


def body_markdown(run: list[HtmlBlock], state: PageState, find_photo: PhotoFinder) -> tuple[str, list[PhotoRef]]:
    parts: list[str] = []
    photos: list[PhotoRef] = []
    consumed: set[int] = set()
    for index, block in enumerate(run):
        if index in consumed:
            continue
        if block.kind != "photo":
            parts.append(block.markdown)
            continue
        image = block.image
        assert image is not None
        sources = photo_sources(image)
        src = sources[-1] if sources else ""
        if not src or is_decoration(image, src):
            state.drop(block, f"ảnh trang trí (biểu tượng, nút): {src}")
            continue
        lookup = PhotoLookup()
        for candidate in sources:  # the full-size copy a thumbnail links to, else the <img> itself
            lookup = find_photo(candidate)
            if lookup.file is not None or lookup.refused is not None:
                src = candidate
                break
        caption_block = caption_after(run, index, block)
        caption = block.caption or (caption_block.text if caption_block is not None else None)
        caption = caption or attribute_caption(image)
        photo = PhotoRef(src=src, caption=caption, refused=lookup.refused)
        if lookup.file is not None:
            photo.inline = True
            photo.token = f"{PHOTO_TOKEN}{len(photos)}{PHOTO_TOKEN}"
            photo.file = Path(lookup.file)
            parts.append(photo.token)
            if caption_block is not None:
                consumed.add(index + 1)
                state.drop(caption_block, "chú thích ảnh → chú thích của ảnh trong bài")
        elif lookup.refused:
            state.warnings.append(f"ảnh '{src}': {lookup.refused}")
        photos.append(photo)
        if lookup.file is None and caption_block is not None and not caption_block.italic:
            # The photo waits in `gallery` (missing); its caption stays where it stood, in italics.
            consumed.add(index + 1)
            parts.append(f"*{caption_block.markdown}*")
    return "\n\n".join(p for p in parts if p.strip()) + "\n", photos
