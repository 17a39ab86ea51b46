"""Entries waiting for review: what `zoneportal import` added to a registry is marked `review: true`
and stays out of the public portal (no page, not in the committee tree, its posts not published)
until staff delete the mark. Every such entry is listed as a warning, so `check` and the build
show what waits."""

from __future__ import annotations

from dataclasses import replace

from .post import Post
from .problems import ProblemReport
from .registry import AUTHORS_FILE, CATEGORIES_FILE, COMMITTEES_FILE, Registry

_WHAT = {AUTHORS_FILE: "tác giả", CATEGORIES_FILE: "chuyên mục", COMMITTEES_FILE: "tổ chức"}


def pending_committees(registry: Registry) -> dict[str, str]:
    """Committees not public, each with the pending committee that holds it back (itself, or the
    nearest pending ancestor: a branch under an unapproved body cannot hang in the tree alone)."""
    marked = {key for (file, key) in registry.pending if file == COMMITTEES_FILE}
    held: dict[str, str] = {}
    for key in registry.committees:
        seen = set()
        current: str | None = key
        while current is not None and current in registry.committees and current not in seen:
            seen.add(current)
            if current in marked:
                held[key] = current
                break
            current = registry.committees[current].parent
    return held


def hold_for_review(registry: Registry, posts: list[Post], report: ProblemReport) -> tuple[Registry, list[Post]]:
    """The public registry and the posts that may be published; a warning for every entry held."""
    if not registry.pending:
        return registry, posts
    committees = pending_committees(registry)
    authors = {key for (file, key) in registry.pending if file == AUTHORS_FILE}
    categories = {key for (file, key) in registry.pending if file == CATEGORIES_FILE}

    def reasons(post: Post) -> list[tuple[str, str]]:
        found = []
        if post.author in authors:
            found.append((AUTHORS_FILE, post.author))
        if post.committee in committees:
            found.append((COMMITTEES_FILE, committees[post.committee]))
        found.extend((CATEGORIES_FILE, c) for c in post.categories if c in categories)
        return found

    held: dict[tuple[str, str], list[Post]] = {entry: [] for entry in registry.pending}
    public_posts = []
    for post in posts:
        why = reasons(post)
        for entry in why:
            held[entry].append(post)
        if not why:
            public_posts.append(post)

    for (file, key), line in registry.pending.items():
        waiting = [p for p in held[(file, key)] if not p.draft]
        below = sorted(k for k, by in committees.items() if by == key and k != key) if file == COMMITTEES_FILE else []
        details = f"{len(waiting)} bài chưa đăng"
        if waiting:
            details += " (" + ", ".join(p.shown for p in waiting[:3]) + (", …" if len(waiting) > 3 else "") + ")"
        if below:
            details += f"; tổ chức trực thuộc cũng chờ theo: {', '.join(below)}"
        report.warning(
            f"posts/{file}",
            f"{_WHAT[file]} '{key}' đang chờ duyệt (review: true, do lệnh nhập thêm vào): chưa công khai, "
            f"{details}. Kiểm tra tên và thông tin, rồi xóa dòng 'review: true' để công khai.",
            line=line,
        )

    public = replace(
        registry,
        authors={k: v for k, v in registry.authors.items() if k not in authors},
        categories={k: v for k, v in registry.categories.items() if k not in categories},
        committees={k: v for k, v in registry.committees.items() if k not in committees},
    )
    return public, public_posts
