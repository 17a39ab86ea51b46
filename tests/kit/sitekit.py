"""Fixture projects built in code: registries, posts and mkdocs.yml in a temporary folder."""

from __future__ import annotations

import logging
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

AUTHORS = {
    "tac-gia-a": {"name": "Nguyễn Thị An", "role": "Phóng viên"},
    "tac-gia-b": {"name": "Đỗ Văn Bình"},
}
CATEGORIES = {
    "tin-hoat-dong": {"name": "Tin hoạt động", "order": 1},
    "xay-dung-dang": {"name": "Xây dựng Đảng", "order": 2},
}
COMMITTEES = {
    "dang-uy": {
        "name": "Đảng ủy Ban Quản lý Khu kinh tế Mẫu",
        "level": "Đảng ủy",
        "terms": [
            {"start": 2015, "end": 2020, "congress": "lần thứ II"},
            {"start": 2020, "end": 2025, "congress": "lần thứ III"},
        ],
    },
    "chi-bo-a": {
        "name": "Chi bộ Phòng A",
        "level": "Chi bộ",
        "parent": "dang-uy",
        "terms": [{"start": 2020, "end": 2025, "congress": "lần thứ I"}],
    },
}


def front_matter(**fields: Any) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n"


def post_text(
    title: str = "Hội nghị sơ kết", date: str = "2023-04-26 14:00", body: str = "Nội dung.", **extra: Any
) -> str:
    fields = {
        "title": title,
        "date": date,
        "author": "tac-gia-a",
        "committee": "dang-uy",
        "categories": ["tin-hoat-dong"],
    }
    fields.update(extra)
    fields = {k: v for k, v in fields.items() if v is not None}
    return front_matter(**fields) + "\n" + body + "\n"


@dataclass
class Project:
    root: Path
    extra_config: dict[str, Any] = field(default_factory=dict)

    @property
    def posts(self) -> Path:
        return self.root / "posts"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def add_post(self, relative: str, **kwargs: Any) -> Path:
        return self.write(f"posts/{relative}", post_text(**kwargs))

    def config_path(self) -> Path:
        return self.root / "mkdocs.yml"

    def build(self) -> None:
        """An in-process `mkdocs build`; raises mkdocs' Abort on a failed build."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        config = load_config(str(self.config_path()))
        build(config)

    def html(self, url: str) -> str:
        return (self.site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def make_project(
    root: Path, *, registries: bool = True, plugin_options: dict[str, Any] | None = None, **config: Any
) -> Project:
    project = Project(root)
    options = {"posts_dir": "posts", "page_size": 3}
    options.update(plugin_options or {})
    settings = {
        "site_name": "Cổng thử nghiệm",
        "site_url": "https://example.test/",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": "vi", "font": False},
        "plugins": [{"zoneportal": options}],
    }
    settings.update(config)
    project.write("mkdocs.yml", yaml.safe_dump(settings, allow_unicode=True, sort_keys=False))
    project.write("docs/gioi-thieu.md", "# Giới thiệu\n\nTrang giới thiệu.\n")
    if registries:
        project.write("posts/authors.yml", yaml.safe_dump(AUTHORS, allow_unicode=True))
        project.write("posts/categories.yml", yaml.safe_dump(CATEGORIES, allow_unicode=True))
        project.write("posts/committees.yml", yaml.safe_dump(COMMITTEES, allow_unicode=True))
    return project


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")
