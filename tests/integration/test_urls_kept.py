"""Addresses keep their meaning and never change silently: long titles keep their ordinal, term and
year; every build records its post URLs (site/.zoneportal/urls.json); `check` and the build warn
when a published post's URL would change, and an explicit `slug:` keeps the old one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kit.examplesite import example_copy
from kit.sitekit import Project

CONGRESS = "Đại hội đại biểu Đảng bộ Ban Quản lý các khu công nghiệp tỉnh Thanh Vân lần thứ IV, nhiệm kỳ 2025-2030"


def check(project: Project) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "zoneportal.cli", "check"], cwd=project.root, capture_output=True, text=True, env=env
    )


@pytest.mark.build
def test_the_congress_post_keeps_its_ordinal_and_term(tmp_path: Path) -> None:
    from kit.examplesite import build_example

    root = tmp_path / "example"
    example_copy(root)
    build_example(tmp_path / "site", project=root)
    urls = json.loads((tmp_path / "site" / ".zoneportal" / "urls.json").read_text(encoding="utf-8"))["posts"]
    congress = urls["posts/2025/dai-hoi-dai-bieu-dang-bo-lan-thu-iv/index.md"]
    assert congress.endswith("-lan-thu-iv-nhiem-ky-2025-2030/"), congress
    assert (tmp_path / "site" / congress / "index.html").is_file()
    # The URL record is not a page: neither in the sitemap nor in search.
    assert ".zoneportal" not in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_changed_url_of_a_published_post_is_a_warning_until_kept(project: Project) -> None:
    post = project.add_post("2023/dai-hoi.md", title="Đại hội Chi bộ lần thứ V", date="2023-04-01")
    project.add_post("2023/khac.md", title="Tin khác", date="2023-04-02")
    project.build()
    record = json.loads((project.site / ".zoneportal" / "urls.json").read_text(encoding="utf-8"))["posts"]
    assert record == {
        "posts/2023/dai-hoi.md": "tin-tuc/2023/04/dai-hoi-chi-bo-lan-thu-v/",
        "posts/2023/khac.md": "tin-tuc/2023/04/tin-khac/",
    }
    assert "địa chỉ" not in check(project).stdout

    # A staff member corrects the title: the derived slug, and so the URL, would change.
    post.write_text(post.read_text(encoding="utf-8").replace("lần thứ V", "lần thứ VI"), encoding="utf-8")
    result = check(project)
    assert result.returncode == 0
    assert (
        "posts/2023/dai-hoi.md:2: [cảnh báo] trường 'slug': địa chỉ của bài đã đăng sẽ đổi: "
        "/tin-tuc/2023/04/dai-hoi-chi-bo-lan-thu-v/ → /tin-tuc/2023/04/dai-hoi-chi-bo-lan-thu-vi/" in result.stdout
    )
    assert "thêm dòng 'slug: dai-hoi-chi-bo-lan-thu-v'" in result.stdout

    # Keeping the old address with an explicit slug silences it.
    text = post.read_text(encoding="utf-8").replace("title:", "slug: dai-hoi-chi-bo-lan-thu-v\ntitle:", 1)
    post.write_text(text, encoding="utf-8")
    assert "địa chỉ của bài đã đăng sẽ đổi" not in check(project).stdout
    project.build()
    assert (project.site / "tin-tuc/2023/04/dai-hoi-chi-bo-lan-thu-v/index.html").is_file()


def test_the_example_keeps_its_published_urls(tmp_path: Path) -> None:
    """Slugs used to be cut at 80 characters. Every example post keeps the URL it had then (an
    explicit `slug:` where the longer limit would move it), except the congress, whose URL was cut
    mid-title ("…-lan-thu/") and now says which congress it is."""
    from slugify import slugify as library_slugify

    from zoneportal.content.validate import load_content
    from zoneportal.vi import nfc

    root = tmp_path / "example"
    example_copy(root)
    _registry, posts, report = load_content(root / "posts", root)
    assert not report.has_errors(), report.render()
    moved = {
        post.shown: post.slug
        for post in posts
        if post.slug != library_slugify(nfc(post.title), max_length=80, word_boundary=True, save_order=True)
        and not post.explicit_slug
    }
    assert moved == {
        "posts/2025/dai-hoi-dai-bieu-dang-bo-lan-thu-iv/index.md": (
            "dai-hoi-dai-bieu-dang-bo-ban-quan-ly-khu-cong-nghiep-tinh-thanh-van-lan-thu-iv-nhiem-ky-2025-2030"
        )
    }
