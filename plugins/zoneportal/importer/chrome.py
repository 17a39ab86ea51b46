"""Page chrome: what a portal's page template put around the article, as opposed to the article.

Only what is recognised here is dropped, and every dropped line is listed in the report. Three
kinds: lines that are chrome wherever they stand (page tools, share buttons, breadcrumb trails),
headings that open a trailing section of chrome (related articles, comments, useful links: the
rest of the page after them is lists of other pages), and short labels above the title
(breadcrumbs, the portal's name), recognised by where they stand.
"""

from __future__ import annotations

import re

from .folding import fold

# Matched against the folded line (lower case, no diacritics, đ → d) with its punctuation.
_PAGE_TOOLS: tuple[tuple[str, str], ...] = (
    (r"xem voi co chu.*|co chu\s*:?(\s*a[+-]?)*|a\s*a\s*a|a-\s*a\s*a\+", "công cụ cỡ chữ"),
    (
        r"(in|in bai( viet)?|in trang|ban in|gui email|gui e-?mail bai viet|gui bai( viet)?|luu bai( viet)?)",
        "công cụ trang",
    ),
    (
        r"chia se( bai viet| bai| len| qua| trang)?\s*:?((\s*[|,]?\s*)(facebook|zalo|twitter|email|in|linkedin))*",
        "nút chia sẻ",
    ),
    (
        r"(facebook|zalo|twitter|tweet|linkedin|like|share)((\s*[|,]?\s*)(facebook|zalo|twitter|tweet|linkedin|\d+))*",
        "nút chia sẻ",
    ),
    (r"(luot xem|so luot xem|so lan xem|luot doc|da xem)\s*:?\s*[\d.,]*", "số lượt xem"),
    (r"(nghe doc bai( viet)?|nghe bai( viet)?|nghe doc)(\s*[:|]?\s*[\d:]*)", "công cụ nghe đọc"),
    (r"(quay lai|tro ve|tro lai|ve dau trang|dau trang|len dau trang)", "nút điều hướng"),
    (r"(tu khoa|the bai viet|tags?)\s*:.*", "thẻ của trang cũ"),
    (r"danh gia bai viet.{0,20}|binh chon( bai viet)?", "công cụ đánh giá"),
    (r"(©|\(c\)|ban quyen thuoc|copyright).{0,150}", "bản quyền ở chân trang"),
)
_TOOLS = [(re.compile(pattern), reason) for pattern, reason in _PAGE_TOOLS]
BREADCRUMB_REASON = "thanh điều hướng (breadcrumb)"

# A breadcrumb trail: "Trang chủ > Tin tức > Hoạt động", "Trang chủ / Tin tức", "Tin tức » Đảng bộ".
_TRAIL_SEPARATOR = re.compile(r"\s+[>»›/|]\s+|\s*[»›]\s*")
_HOME = re.compile(r"^(trang chu|home)\b")

_FOOTER_HEADINGS = re.compile(
    r"((cac )?(bai viet|bai|tin|tin tuc)( khac)? (lien quan|cung chuyen muc|cung loai|da dua|moi hon|cu hon"
    r"|moi nhat|xem nhieu( nhat)?|noi bat|khac))"
    r"|(cac (tin|bai|bai viet) (khac|lien quan|da dua|moi))"
    r"|(tin|bai viet) khac"
    r"|binh luan( \(\d+\))?|cac binh luan|y kien (ban doc|cua ban)|gui (y kien|binh luan)( cua ban)?"
    r"|lien ket (huu ich|website|web|nhanh)|website lien ket"
)
# The portal's own name above the title: "Cổng thông tin điện tử …", "Trang thông tin điện tử …".
_PORTAL_NAME = re.compile(r"^(cong|trang) thong tin( dien tu)?\b")


def _key(text: str) -> str:
    return " ".join(fold(text).strip(" :.-–—|").split())


def line_chrome(text: str) -> str | None:
    """Why this line is page chrome wherever it stands, or None when it is not."""
    key = _key(text)
    if not key:
        return None
    for pattern, reason in _TOOLS:
        if pattern.fullmatch(key):
            return reason
    if _is_trail(key):
        return BREADCRUMB_REASON
    return None


def footer_section(text: str) -> str | None:
    """Why the rest of the page after this heading is chrome, or None."""
    key = _key(text).rstrip(":")
    if _FOOTER_HEADINGS.fullmatch(key):
        return f"mục '{text.strip()}' ở cuối trang cũ"
    return None


def header_label(text: str) -> str | None:
    """Why a line above the title is chrome: a breadcrumb item or the portal's name, or None.

    Only short labels qualify (no sentence punctuation, no digits, at most five words), so that a
    sentence standing above the title is kept in the body rather than dropped."""
    key = _key(text)
    if not key:
        return None
    if _PORTAL_NAME.match(key) and len(key.split()) <= 16 and not key.endswith("."):
        return "tên cổng thông tin ở đầu trang"
    if _HOME.match(key) or _is_trail(key):
        return "thanh điều hướng (breadcrumb)"
    words = key.split()
    if len(words) <= 5 and not re.search(r"[\d.!?;,]", key):
        return "nhãn chuyên mục ở đầu trang (breadcrumb)"
    return None


def _is_trail(key: str) -> bool:
    parts = [p for p in _TRAIL_SEPARATOR.split(key) if p]
    if len(parts) < 2:
        return bool(_HOME.fullmatch(key))
    return all(len(p.split()) <= 6 and not re.search(r"[.!?;]$", p) for p in parts) and (
        bool(_HOME.match(key)) or any(sep in key for sep in "»›>")
    )
