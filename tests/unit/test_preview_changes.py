"""What the live preview does with a save (mkdocs/serve/changes.py) and which address is a page (server.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoneportal.mkdocs.serve.changes import SavedFiles, WatchedProject, is_scratch
from zoneportal.mkdocs.serve.server import _page_key

ROOT = Path("/du-an")
PROJECT = WatchedProject(
    config_file=ROOT / "mkdocs.yml",
    posts_dir=ROOT / "posts",
    folders=(ROOT / "docs", ROOT / "posts", ROOT / "documents"),
)


@pytest.mark.parametrize(
    ("saved", "replan"),
    [
        (["posts/2024/bai.md"], True),
        (["posts/2024/bai/index.md", "posts/2024/bai/anh-bia.JPG"], True),
        (["posts/categories.yml"], False),  # a registry: every page may change
        (["posts/2024/bai.md", "posts/authors.yml"], False),
        (["posts/2024/bai/bao-cao.pdf"], False),  # an attachment: published by a build
        (["docs/gioi-thieu.md"], False),
        (["mkdocs.yml"], False),
        (["documents/2024/qd-12.yml"], False),
    ],
)
def test_only_saves_of_posts_and_their_photos_are_previewed_by_replanning(saved: list[str], replan: bool) -> None:
    paths = [ROOT / path for path in saved]
    assert all(PROJECT.matters(path) for path in paths)
    assert PROJECT.posts_only(paths) is replan


@pytest.mark.parametrize(
    "path",
    [
        "posts/2024/.bai.md.swp",
        "posts/2024/bai.md~",
        "posts/2024/4913",  # vim checks it may write in the folder
        "posts/2024/#bai.md#",
        "serve.log",  # beside mkdocs.yml, not mkdocs.yml
        "site/index.html",
        ".cache/zoneportal/x",
    ],
)
def test_scratch_files_and_files_outside_the_portal_are_not_saves(path: str) -> None:
    assert not PROJECT.matters(ROOT / path)


def test_scratch_names() -> None:
    assert is_scratch(Path("a/.b.md.swx")) and not is_scratch(Path("a/bai.md"))


def test_saved_files_are_taken_once() -> None:
    saved = SavedFiles()
    saved.add(ROOT / "posts/a.md")
    saved.add(ROOT / "posts/a.md")
    assert saved.take() == {ROOT / "posts/a.md"}
    assert saved.take() == set()


@pytest.mark.parametrize(
    ("relative", "key"),
    [
        ("", ""),
        ("index.html", ""),
        ("tin-tuc/2024/05/bai/", "tin-tuc/2024/05/bai/"),
        ("tin-tuc/2024/05/bai/index.html", "tin-tuc/2024/05/bai/"),
        ("tin-tuc/2024/05/bai", "tin-tuc/2024/05/bai/"),  # redirected to the slash, as MkDocs does
        ("404.html", "404.html"),
        ("assets/zoneportal/zp.css", None),
        ("tin-tuc/2024/05/bai/anh.jpg", None),
        ("tin-tuc/../../etc/passwd", "etc/passwd/"),  # never outside the site: normalised first
    ],
)
def test_page_addresses(relative: str, key: str | None) -> None:
    assert _page_key(relative) == key


def test_the_search_digest_changes_with_anything_search_shows() -> None:
    from dataclasses import replace

    from zoneportal.mkdocs.preview import _search_digest
    from zoneportal.output.search import SearchDocument

    document = SearchDocument(
        url="tin-tuc/2024/05/bai/", title="Bài", summary="Tóm tắt", text="Nội dung", filters={"nam": ["2024"]}
    )
    same = replace(document, filters={"nam": ["2024"]})
    assert _search_digest([document]) == _search_digest([same])
    for changed in (
        replace(document, text="Nội dung mới"),
        replace(document, filters={"nam": ["2025"]}),
        replace(document, keywords="qd 12"),
        replace(document, date_label="20/05/2024"),
    ):
        assert _search_digest([document]) != _search_digest([changed])
