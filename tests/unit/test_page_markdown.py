"""Generated pages reuse one Markdown instance per process: each page converts exactly as MkDocs'
own `Page.render` (a fresh instance) would, with nothing carried from the page before it."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from zoneportal.mkdocs import page_writer

PAGES = {
    "a.md": "[nguon]: https://a.example/\n\n# Hội nghị A\n\nXem [bài][nguon] và chú thích[^1].\n\n"
    "[^1]: Ghi chú của A.\n\n*[KCN]: Khu công nghiệp\n\nKCN Sông Mây.\n\n## Mục một {#muc-mot}\n\n"
    '<a name="neo-a"></a>\n\n!!! note "Lưu ý"\n    Nội dung.\n',
    "b.md": "# Bài B\n\nLiên kết [bài][nguon] không có định nghĩa ở trang này; KCN không phải viết tắt.\n\n"
    "Chú thích khác[^1].\n\n[^1]: Ghi chú của B.\n\n<div markdown>**đậm** trong HTML</div>\n\n"
    "| Cột | Giá trị |\n|---|---|\n| 1 | [A](a.md#muc-mot) |\n",
    "c.md": "Không có tiêu đề.\n\n## Mục một\n\n## Mục một\n",
}


@pytest.fixture
def project(tmp_path: Path) -> tuple[object, Files]:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Thử\ndocs_dir: docs\nmarkdown_extensions:\n  - toc:\n      permalink: true\n"
        "  - attr_list\n  - md_in_html\n  - footnotes\n  - abbr\n  - tables\n  - admonition\n",
        encoding="utf-8",
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in PAGES])
    return config, files


def rendered(page: Page) -> tuple[object, ...]:
    toc = [(item.title, item.id, [(child.title, child.id) for child in item.children]) for item in page.toc]
    return (page.content, toc, page._title_from_render, page.present_anchor_ids, page.links_to_anchors)


def test_a_reused_instance_converts_each_page_as_a_fresh_one(project: tuple[object, Files]) -> None:
    config, files = project
    for order in (["a.md", "b.md", "c.md"], ["c.md", "b.md", "a.md", "a.md"]):
        for name in order:
            fresh = Page(None, files.get_file_from_path(name), config)
            fresh.read_source(config)
            fresh.render(config, files)
            reused = Page(None, files.get_file_from_path(name), config)
            reused.read_source(config)
            page_writer._render_markdown(reused, config, files)
            assert rendered(reused) == rendered(fresh), name
    b = Page(None, files.get_file_from_path("b.md"), config)
    b.read_source(config)
    page_writer._render_markdown(b, config, files)
    assert "https://a.example/" not in (b.content or "")  # a's link definition did not leak
    assert "<abbr" not in (b.content or "") and "Ghi chú của A" not in (b.content or "")


def test_a_new_build_gets_a_new_instance(project: tuple[object, Files], tmp_path: Path) -> None:
    config, _files = project
    first = page_writer._markdown_for(config)
    assert page_writer._markdown_for(config) is first
    other = load_config(str(tmp_path / "mkdocs.yml"))
    assert page_writer._markdown_for(other) is not first
