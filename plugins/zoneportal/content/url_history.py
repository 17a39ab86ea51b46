"""Addresses already published: a build records every post's URL (site/.zoneportal/urls.json), and
the next check or build warns when a post's URL would change, so a reader's bookmark or a link from
elsewhere never breaks without staff knowing. A changed address is kept by an explicit `slug:`."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .post import Post
from .problems import ProblemReport

URL_MAP = Path(".zoneportal") / "urls.json"
_FORMAT = 1


@dataclass(frozen=True)
class UrlHistory:
    """Post file (as shown, from the project root) → URL of the last published build."""

    published: dict[str, str] = field(default_factory=dict)
    url_of: Callable[[Post], str] = lambda post: ""

    @classmethod
    def read(cls, site_dir: Path, url_of: Callable[[Post], str]) -> UrlHistory:
        try:
            data = json.loads((site_dir / URL_MAP).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls({}, url_of)  # no published build yet, or a damaged record: nothing to compare
        posts = data.get("posts") if isinstance(data, dict) and data.get("format") == _FORMAT else None
        if not isinstance(posts, dict):
            return cls({}, url_of)
        return cls({str(k): str(v) for k, v in posts.items()}, url_of)

    def check(self, posts: Iterable[Post], report: ProblemReport) -> None:
        for post in posts:
            before = self.published.get(post.shown)
            if before is None or post.draft:
                continue
            now = self.url_of(post)
            if now == before:
                continue
            old_slug = before.rstrip("/").rsplit("/", 1)[-1]
            if old_slug != post.slug and not post.explicit_slug:
                advice = f"để giữ địa chỉ cũ, thêm dòng 'slug: {old_slug}' vào phần khai báo"
                line = post.lines.get("title")
            else:
                advice = "nếu không muốn đổi, trả lại giá trị cũ của 'slug' hoặc 'date'"
                line = post.lines.get("slug") or post.lines.get("date")
            report.warning(
                post.shown,
                f"địa chỉ của bài đã đăng sẽ đổi: /{before} → /{now}; liên kết cũ tới bài sẽ hỏng (lỗi 404). "
                f"Nếu đổi là cố ý, bỏ qua cảnh báo này; {advice}.",
                line=line,
                field="slug",
            )


def write_url_map(site_dir: Path, urls: dict[str, str]) -> None:
    """Recorded with every build (excluded from search and sitemap: not an HTML page)."""
    target = site_dir / URL_MAP
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".urls.", dir=target.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"format": _FORMAT, "posts": dict(sorted(urls.items()))}, handle, ensure_ascii=False, indent=0)
    os.replace(temporary, target)
