"""Checks across files: every key a post names exists, its term fits its date, no two posts share a URL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .post import Post
from .problems import ProblemReport, did_you_mean
from .reader import read_posts
from .registry import AUTHORS_FILE, CATEGORIES_FILE, COMMITTEES_FILE, EVENTS_FILE, Registry, load_registry

# What `zoneportal new` writes where staff still have to choose a key.
PLACEHOLDER = "chua-chon"


def load_content(posts_dir: Path, project_root: Path) -> tuple[Registry, list[Post], ProblemReport]:
    """Read and validate everything under `posts/`; drafts are kept (the caller decides)."""
    report = ProblemReport()
    if not posts_dir.is_dir():
        report.error(str(posts_dir), "không tìm thấy thư mục bài viết (cấu hình posts_dir trong mkdocs.yml).")
        return Registry(), [], report
    registry = load_registry(posts_dir, project_root, report)
    posts = read_posts(posts_dir, project_root, report)
    posts = [checked for post in posts if (checked := check_references(post, registry, report)) is not None]
    check_unique_urls(posts, report)
    return registry, posts, report


def check_references(post: Post, registry: Registry, report: ProblemReport) -> Post | None:
    """Resolve the post's term and check every key it names; None when it cannot be published."""
    ok = True

    def missing(field: str, value: str, registry_file: str, choices: dict[str, object], what: str) -> None:
        nonlocal ok
        ok = False
        if value == PLACEHOLDER:
            listed = ", ".join(choices) or "(danh mục đang trống)"
            message = f"chưa chọn {what}: thay '{PLACEHOLDER}' bằng một khóa trong posts/{registry_file}: {listed}."
        else:
            message = f"không có {what} '{value}' trong posts/{registry_file}.{did_you_mean(value, choices)}"
        report.error(post.shown, message, line=_line_of(post, field), field=field)

    if post.author not in registry.authors:
        missing("author", post.author, AUTHORS_FILE, registry.authors, "tác giả")
    for category in post.categories:
        if category not in registry.categories:
            missing("categories", category, CATEGORIES_FILE, registry.categories, "chuyên mục")
    if post.event is not None and post.event not in registry.events:
        missing("event", post.event, EVENTS_FILE, registry.events, "loại sự kiện")
    committee = registry.committees.get(post.committee)
    if committee is None:
        missing("committee", post.committee, COMMITTEES_FILE, registry.committees, "tổ chức")
        return None

    day = post.date.date()
    term_key = post.term
    if term_key is not None:
        term = committee.term(term_key)
        if term is None:
            known = ", ".join(t.key for t in committee.terms) or "chưa khai báo nhiệm kỳ nào"
            report.error(
                post.shown,
                f"tổ chức '{committee.key}' không có nhiệm kỳ {term_key} (các nhiệm kỳ: {known}).",
                line=_line_of(post, "term"),
                field="term",
            )
            return None
        if not term.contains(day):
            report.error(
                post.shown,
                f"ngày đăng {day:%d/%m/%Y} nằm ngoài nhiệm kỳ {term.key} của '{committee.key}' "
                f"({term.first_day:%d/%m/%Y} – {term.last_day:%d/%m/%Y}).",
                line=_line_of(post, "date"),
                field="date",
            )
            return None
    else:
        derived = committee.term_on(day)
        term_key = derived.key if derived else None
    return replace(post, term=term_key) if ok else None


def check_unique_urls(posts: list[Post], report: ProblemReport) -> None:
    """Two posts with one URL would overwrite each other in site/: name both, publish neither."""
    by_url: dict[tuple[int, int, str], list[Post]] = {}
    for post in posts:
        if not post.draft:
            by_url.setdefault(post.url_key, []).append(post)
    for (year, month, slug), clashing in by_url.items():
        if len(clashing) < 2:
            continue
        names = ", ".join(p.shown for p in clashing)
        for post in clashing:
            report.error(
                post.shown,
                f"trùng địa chỉ /{year}/{month:02d}/{slug}/ với bài khác ({names}); "
                "đổi tiêu đề hoặc khai báo 'slug' khác cho một bài.",
                line=_line_of(post, "slug") or _line_of(post, "title"),
                field="slug",
            )


def _line_of(post: Post, field: str) -> int | None:
    return post.lines.get(field)
