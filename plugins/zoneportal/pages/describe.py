"""A distinct meta description for every generated page that is not an article.

Search engines treat pages with the same description as near-duplicates; lists had none (the
site-wide one was printed) and page 2 of a list repeated page 1's. Articles keep their summary.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import PageSpec

# What a page of each kind lists, for descriptions that staff did not write.
KIND_PHRASES = {
    "category": "Tin bài chuyên mục {title}",
    "author": "Bài viết của {title}",
    "tag": "Bài viết gắn thẻ {title}",
    "year": "Bài viết {title}",
    "committee": "Tin hoạt động của {title}",
    "timeline": "Dòng thời gian {title}",
    "gallery": "Album ảnh {title}",
    "gallery-page": "Album ảnh {title}",
    "archive": "Lưu trữ tin bài của cổng theo từng năm",
    "categories": "Các chuyên mục tin bài của cổng",
    "authors": "Các tác giả viết bài cho cổng",
    "committees": "Các tổ chức đảng, đoàn thể và bài viết của từng tổ chức",
    "terms": "Các nhiệm kỳ và dòng thời gian sự kiện của từng tổ chức",
}
# Overview pages: the phrase is the whole description.
WHOLE = {"archive", "categories", "authors", "committees", "terms"}


def distinct_descriptions(specs: Iterable[PageSpec]) -> None:
    """Fill in missing descriptions and make repeated ones distinct (page numbers, then titles)."""
    seen: set[str] = set()
    pending = []
    for spec in specs:
        if spec.kind == "post" or (spec.kind == "home" and not spec.description):
            continue  # articles keep their summary; the home page the site's description
        text = spec.description or _default(spec)
        slice_ = spec.context.get("slice")
        number = getattr(slice_, "number", 1)
        if number > 1:
            text = f"{text.rstrip('.')} (trang {number})."
        pending.append((spec, text))
    for spec, text in pending:
        if text in seen:
            text = f"{spec.title}: {text}"
        seen.add(text)
        spec.description = text


def _default(spec: PageSpec) -> str:
    phrase = KIND_PHRASES.get(spec.kind, "{title}")
    if spec.kind in WHOLE:
        return phrase + "."
    title = spec.title.removeprefix("Tác giả: ").removeprefix("Thẻ: ")
    return phrase.format(title=title) + ", mới nhất trước."
