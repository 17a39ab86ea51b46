"""Registry entries an import adds wait for review (`review: true`): not public — no page, not in
the committee tree, their posts not published — until staff delete the mark; `check` lists them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from kit.sitekit import AUTHORS, CATEGORIES, COMMITTEES, Project
from zoneportal.content.review import hold_for_review
from zoneportal.content.validate import load_content

PENDING_COMMITTEES = {
    **COMMITTEES,
    "dang-uy-ha-noi": {
        "name": "Đảng ủy Khu công nghệ cao Hà Nội",
        "level": "Đảng ủy",
        "imported": True,
        "review": True,
        "terms": [{"start": 2020, "end": 2025}],
    },
    "chi-bo-ha-noi": {
        "name": "Chi bộ Phòng Đầu tư (Hà Nội)",
        "level": "Chi bộ",
        "parent": "dang-uy-ha-noi",
        "terms": [{"start": 2020, "end": 2025}],
    },
}
PENDING_AUTHORS = {**AUTHORS, "chua-ro-tac-gia": {"name": "Chưa rõ tác giả", "imported": True, "review": True}}
PENDING_CATEGORIES = {**CATEGORIES, "tin-tinh-ban": {"name": "Tin tỉnh bạn", "review": True}}


def pending_project(project: Project) -> Project:
    project.write("posts/committees.yml", yaml.safe_dump(PENDING_COMMITTEES, allow_unicode=True, sort_keys=False))
    project.write("posts/authors.yml", yaml.safe_dump(PENDING_AUTHORS, allow_unicode=True, sort_keys=False))
    project.write("posts/categories.yml", yaml.safe_dump(PENDING_CATEGORIES, allow_unicode=True, sort_keys=False))
    project.add_post("2023/cua-ta.md", title="Tin của Đảng ủy", date="2023-04-01")
    project.add_post("2023/ha-noi.md", title="Tin Hà Nội nhập về", date="2023-04-02", committee="dang-uy-ha-noi")
    project.add_post("2023/chi-bo.md", title="Tin chi bộ Hà Nội", date="2023-04-03", committee="chi-bo-ha-noi")
    project.add_post("2023/khong-ro.md", title="Tin chưa rõ tác giả", date="2023-04-04", author="chua-ro-tac-gia")
    project.add_post("2023/tinh-ban.md", title="Tin tỉnh bạn", date="2023-04-05", categories=["tin-tinh-ban"])
    return project


def test_pending_entries_and_their_posts_are_held(project: Project) -> None:
    registry, posts, report = load_content(pending_project(project).posts, project.root)
    assert len(posts) == 5 and not report.has_errors()  # valid, every one: waiting is not an error
    assert set(registry.pending) == {
        ("committees.yml", "dang-uy-ha-noi"),
        ("authors.yml", "chua-ro-tac-gia"),
        ("categories.yml", "tin-tinh-ban"),
    }
    registry, posts = hold_for_review(registry, posts, report)
    assert [p.title for p in posts] == ["Tin của Đảng ủy"]
    assert "dang-uy-ha-noi" not in registry.committees and "chi-bo-ha-noi" not in registry.committees
    assert "chua-ro-tac-gia" not in registry.authors and "tin-tinh-ban" not in registry.categories
    assert not report.has_errors()
    waiting = "\n".join(str(p) for p in report.warnings)
    assert "posts/committees.yml:" in waiting and "tổ chức 'dang-uy-ha-noi' đang chờ duyệt" in waiting
    assert "tổ chức trực thuộc cũng chờ theo: chi-bo-ha-noi" in waiting
    assert "tác giả 'chua-ro-tac-gia' đang chờ duyệt" in waiting and "chuyên mục 'tin-tinh-ban' đang chờ" in waiting
    assert "posts/2023/ha-noi.md" in waiting


def test_check_lists_what_waits_for_review(project: Project) -> None:
    pending_project(project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "zoneportal.cli", "check"], cwd=project.root, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("đang chờ duyệt") == 3
    assert "Đã kiểm tra 5 bài viết: 5 hợp lệ, 1 sẽ đăng." in result.stdout


@pytest.mark.build
def test_pending_entries_are_not_public_until_approved(project: Project) -> None:
    pending_project(project)
    project.build()
    site = project.site
    assert not (site / "to-chuc" / "dang-uy-ha-noi").exists() and not (site / "to-chuc" / "chi-bo-ha-noi").exists()
    assert not (site / "tac-gia" / "chua-ro-tac-gia").exists()
    assert not (site / "chuyen-muc" / "tin-tinh-ban").exists()
    tree = project.html("to-chuc/")
    assert "Hà Nội" not in tree
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    for title in ("Tin Hà Nội nhập về", "Tin chi bộ Hà Nội", "Tin chưa rõ tác giả", "Tin tỉnh bạn"):
        assert title not in everything
    assert "Chưa rõ tác giả" not in everything
    # Staff approve the committee: it and its branch become public, with their posts.
    text = (project.posts / "committees.yml").read_text(encoding="utf-8").replace("  review: true\n", "", 1)
    project.write("posts/committees.yml", text)
    project.build()
    assert (site / "to-chuc" / "dang-uy-ha-noi" / "index.html").is_file()
    assert "Đảng ủy Khu công nghệ cao Hà Nội" in project.html("to-chuc/")
    assert "Tin Hà Nội nhập về" in project.html("/")
