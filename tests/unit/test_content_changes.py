"""A live preview's re-plan reads only the files its watcher saw change (ContentCache.changed): after
each kind of save, what load_content finds must equal a fresh read of the whole folder, and posts
the save did not touch must not be statted again."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest

from kit.photokit import photo
from kit.sitekit import Project, make_project, post_text
from zoneportal.content import validate
from zoneportal.content.validate import ContentCache, load_content


def outcome(project: Project, cache: ContentCache | None) -> tuple[list[tuple[str, str]], list[tuple[object, ...]]]:
    _registry, posts, report = load_content(project.posts, project.root, cache)
    found = [(post.shown, post.title) for post in posts]
    problems = sorted((p.file, p.line, p.field, p.message) for p in report.problems)
    return found, problems


def bundle(project: Project, folder: str, title: str, cover: str = "anh.jpg") -> None:
    project.write(f"posts/{folder}/{cover}", photo((800, 600)))
    project.write(f"posts/{folder}/index.md", post_text(title=title, cover=cover))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = make_project(tmp_path)
    for n in range(6):
        project.add_post(f"2023/bai-{n}.md", title=f"Bài {n}", date=f"2023-04-{n + 10} 08:00")
    bundle(project, "2024/co-anh", "Bài có ảnh")
    project.write("posts/2024/co-ghi-chu/ghi-chu.md", post_text(title="Ghi chú thành bài"))
    return project


def _rename(source: Path, target: Path) -> list[Path]:
    """A rename as the watcher reports it: the folder's files at both places."""
    moved = [path for path in source.rglob("*") if path.is_file()] if source.is_dir() else [source]
    source.rename(target)
    return [*moved, *(target / path.relative_to(source) for path in moved if path != source), target]


def _delete(path: Path) -> list[Path]:
    path.unlink()
    return [path]


def _new_year_bundle(p: Project) -> list[Path]:
    bundle(p, "2026/moi-co-anh", "Bài mới có ảnh")
    return [p.posts / "2026/moi-co-anh/anh.jpg", p.posts / "2026/moi-co-anh/index.md"]


def _rename_to_another_year(p: Project) -> list[Path]:
    (p.posts / "2022").mkdir()
    return _rename(p.posts / "2023/bai-3.md", p.posts / "2022/bai-3.md")


def _replace_cover(p: Project) -> list[Path]:
    scratch = p.posts / "2024/co-anh/.tam.jpg"
    scratch.write_bytes(b"not a photo at all")
    os.replace(scratch, p.posts / "2024/co-anh/anh.jpg")
    return [p.posts / "2024/co-anh/anh.jpg"]


def _delete_bundle(p: Project) -> list[Path]:
    files = [path for path in (p.posts / "2024/co-anh").iterdir()]
    shutil.rmtree(p.posts / "2024/co-anh")
    return files


SAVES: dict[str, Callable[[Project], list[Path]]] = {
    "edit": lambda p: [p.add_post("2023/bai-1.md", title="Bài một đã sửa", date="2023-04-11 08:00")],
    "broken": lambda p: [p.write("posts/2023/bai-2.md", "---\ntitle: [\n---\n")],
    "new post": lambda p: [p.add_post("2025/moi.md", title="Bài mới", date="2025-01-02 08:00")],
    "new year folder bundle": _new_year_bundle,
    "deleted post": lambda p: _delete(p.posts / "2023/bai-0.md"),
    "renamed post": _rename_to_another_year,
    "renamed bundle": lambda p: _rename(p.posts / "2024/co-anh", p.posts / "2024/co-anh-moi"),
    "photo replaced": _replace_cover,
    "photo removed": lambda p: _delete(p.posts / "2024/co-anh/anh.jpg"),
    "index beside notes": lambda p: [p.add_post("2024/co-ghi-chu/index.md", title="Thành bundle")],
    "notes edited": lambda p: [p.add_post("2024/co-ghi-chu/ghi-chu.md", title="Ghi chú đã sửa")],
    "bundle deleted": _delete_bundle,
}


@pytest.mark.parametrize("save", SAVES)
def test_a_load_from_the_watchers_paths_equals_a_fresh_read(project: Project, save: str) -> None:
    cache = ContentCache()
    outcome(project, cache)
    cache.changed = frozenset(SAVES[save](project))
    assert outcome(project, cache) == outcome(project, None), save
    assert cache.changed is None  # taken: the next build walks everything


def test_untouched_posts_are_not_statted(project: Project) -> None:
    cache = ContentCache()
    outcome(project, cache)
    edited = project.add_post("2023/bai-4.md", title="Bài bốn đã sửa", date="2023-04-14 08:00")
    cache.changed = frozenset({edited})
    statted: list[Path] = []
    real = validate._stat_key

    def counting(path: Path) -> tuple[int, ...] | None:
        statted.append(path)
        return real(path)

    with mock.patch.object(validate, "_stat_key", counting):
        found, _problems = outcome(project, cache)
    assert ("posts/2023/bai-4.md", "Bài bốn đã sửa") in found
    # The registries, the post and its folder: nothing of the other seven posts.
    assert {path for path in statted if path.suffix != ".yml"} == {edited, edited.parent}


def test_a_path_outside_posts_walks_everything(project: Project, tmp_path: Path) -> None:
    cache = ContentCache()
    outcome(project, cache)
    project.add_post("2023/bai-5.md", title="Bài năm đã sửa", date="2023-04-15 08:00")
    cache.changed = frozenset({tmp_path / "docs/index.md"})  # the edit itself not reported
    assert outcome(project, cache) == outcome(project, None)
