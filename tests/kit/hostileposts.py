"""Hostile and extreme content, generated in code: payloads where staff type text (titles,
summaries, photo captions, author names and roles, category and committee names, tags), a very long
title, emoji, a post of 5 000 paragraphs and an empty one.

Each payload, if it ever ran, would open a dialog and set `window.__zpPwned`; each injected element
carries the class `zp-injected`. The site is built once per session (`hostile_site` in
tests/conftest.py): tests/integration reads its files, tests/e2e shows it in Chromium."""

from __future__ import annotations

import io

import yaml
from markupsafe import escape
from PIL import Image

from kit.examplesite import BuiltSite
from kit.sitebuilder import SiteSpec
from kit.sitekit import Project, post_text

SCRIPT = '<script>window.__zpPwned="{where}";alert("{where}")</script>'
IMG = "<img src=x class=zp-injected onerror=\"window.__zpPwned='{where}';alert('{where}')\">"
SVG = "<svg class=zp-injected onload=alert('{where}')>"
BREAKOUT = "\"><b class=zp-injected onmouseover=alert('{where}')>x</b><a x='"


def payload(where: str) -> str:
    return " ".join(p.format(where=where) for p in (SCRIPT, IMG, SVG, BREAKOUT))


HOSTILE_TITLE = "Tin " + payload("title")
LONG_TITLE = (
    "Hội nghị tổng kết công tác xây dựng Đảng và phát triển các khu công nghiệp, khu kinh tế tỉnh Thanh Vân "
    "giai đoạn 2020-2025, phương hướng nhiệm vụ giai đoạn 2025-2030 với sự tham dự của đại diện các doanh nghiệp "
    "Khucongnghiepcuangan-bacthanhvan-mo-rong-giai-doan-hai-ha-tang-dong-bo "
)
LONG_TITLE = (LONG_TITLE + "x" * 300)[:300]
COVER_CAPTION = "Chú thích " + payload("caption")
EMOJI_TITLE = "Tết sum vầy 🎉🧧 cùng công nhân 👷‍♀️ các khu công nghiệp"
PARAGRAPHS = 5000


def jpeg(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 427), colour).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def hostile_posts(project: Project) -> None:
    root = project.root
    authors = {
        "tac-gia-a": {"name": "Nguyễn " + payload("author"), "role": payload("role")},
        "tac-gia-b": {"name": "Đỗ Văn Bình"},
    }
    categories = {
        "tin-hoat-dong": {"name": "Tin hoạt động", "order": 1, "description": payload("category-description")},
        "xay-dung-dang": {"name": "Xây dựng " + payload("category"), "order": 2},
    }
    committees = yaml.safe_load((root / "posts" / "committees.yml").read_text(encoding="utf-8"))
    committees["chi-bo-a"]["name"] = "Chi bộ " + payload("committee")
    project.write("posts/authors.yml", yaml.safe_dump(authors, allow_unicode=True))
    project.write("posts/categories.yml", yaml.safe_dump(categories, allow_unicode=True))
    project.write("posts/committees.yml", yaml.safe_dump(committees, allow_unicode=True))

    project.write("posts/2023/doc-hai/a.jpg", jpeg((40, 90, 160)))
    project.write("posts/2023/doc-hai/b.jpg", jpeg((160, 60, 40)))
    project.write(
        "posts/2023/doc-hai/index.md",
        post_text(
            title=HOSTILE_TITLE,
            date="2023-06-01 09:00",
            summary="Tóm tắt " + payload("summary"),
            tags=["Thẻ " + payload("tag")],
            categories=["tin-hoat-dong", "xay-dung-dang"],
            cover="a.jpg",
            gallery=[
                {"src": "a.jpg", "caption": COVER_CAPTION},
                {"src": "b.jpg", "caption": payload("caption-2")},
            ],
            body="Nội dung bài có chú thích ảnh độc hại.",
        ),
    )
    project.add_post(
        "2023/chi-bo.md", title="Sinh hoạt chi bộ", date="2023-06-02", committee="chi-bo-a", author="tac-gia-b"
    )
    project.add_post("2023/dai.md", title=LONG_TITLE, date="2023-06-03 10:00")
    project.add_post("2023/emoji.md", title=EMOJI_TITLE, date="2023-06-04", body="Chúc mừng năm mới 🎆 🌸 🇻🇳")
    body = "\n\n".join(f"Đoạn văn số {n}: hoạt động của Ban Quản lý trong các khu công nghiệp." for n in range(1, 5001))
    project.add_post("2023/rat-dai.md", title="Báo cáo năm nghìn đoạn", date="2023-06-05", body=body)
    project.add_post("2023/trong.md", title="Bài không có nội dung", date="2023-06-06", body="")


HOSTILE_SITE = SiteSpec("hostile", hostile_posts, plugin_options={"page_size": 5})


def as_served(project: Project) -> BuiltSite:
    return BuiltSite(site=project.site, base_path="/", site_url="https://example.test/")


def post_page(site: BuiltSite, title: str) -> str:
    """URL path of the post whose <h1> is `title` (found in the built files, not guessed)."""
    wanted = f"<h1>{escape(title)}</h1>"  # escaped the way the templates' `| e` does
    for page in sorted((site.site / "tin-tuc").rglob("index.html")):
        if wanted in page.read_text(encoding="utf-8"):
            return "/" + page.parent.relative_to(site.site).as_posix() + "/"
    raise AssertionError(f"no post page with title {title[:60]!r}")
