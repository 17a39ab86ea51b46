"""What `zoneportal publish` checks before it sends anything: a public site_url, committed posts, a
build without errors. Each refusal is a Vietnamese sentence saying what to do."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..output.site_url import site_url_problem
from .hosts import PublishError

NO_COMMIT = "khonggit"


@dataclass(frozen=True)
class Project:
    config_file: Path
    root: Path
    posts_dir: Path
    site_dir: Path
    site_url: str | None
    keep: int


def check_site_url(project: Project) -> None:
    problem = site_url_problem(project.site_url)
    if problem:
        raise PublishError(f"{problem} Sửa site_url trong {project.config_file.name} rồi đăng lại.")


def _git(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(project.root), *args], capture_output=True, text=True, check=False)


def current_commit(project: Project) -> str:
    result = _git(project, "rev-parse", "--short=8", "HEAD")
    return result.stdout.strip().lower() if result.returncode == 0 and result.stdout.strip() else NO_COMMIT


def check_posts_committed(project: Project, allow_dirty: bool) -> None:
    """What goes live should be what is in git: the repository is the backup and the history."""
    if allow_dirty:
        return
    inside = _git(project, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise PublishError(
            f"{project.root} không phải kho git: không biết bài nào đã được lưu. "
            "Hãy đưa dự án vào git, hoặc thêm --allow-dirty nếu chắc chắn muốn đăng."
        )
    posts = os.path.relpath(project.posts_dir, project.root)
    # -z: paths exactly as on disk (no octal quoting of Vietnamese names); a rename adds its old path
    # as the next NUL-separated field, which is skipped.
    status = _git(project, "status", "--porcelain", "-z", "--untracked-files=all", "--", posts)
    changed: list[str] = []
    fields = iter(status.stdout.split("\0"))
    for entry in fields:
        if len(entry) < 4:
            continue
        changed.append(entry[3:])
        if entry[0] in "RC":
            next(fields, None)
    if changed:
        shown = "\n".join(f"  {name}" for name in changed[:20])
        more = f"\n  … và {len(changed) - 20} tệp khác" if len(changed) > 20 else ""
        raise PublishError(
            f"{posts}/ có thay đổi chưa commit ({len(changed)} tệp):\n{shown}{more}\n"
            "Hãy commit (git add, git commit) rồi đăng lại, hoặc thêm --allow-dirty."
        )


def build_site(project: Project) -> None:
    """`mkdocs build` in a child process, its messages (the Vietnamese error list) shown as they come."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project.config_file)]
    result = subprocess.run(command, cwd=project.root, env=env, check=False)
    if result.returncode != 0:
        raise PublishError("bản xây dựng có lỗi (xem danh sách ở trên): chưa đăng gì, trang đang chạy giữ nguyên.")


def check_fresh_site(project: Project) -> None:
    """--no-build: the site folder must be newer than every source file, or it is not what git holds."""
    stamp = project.site_dir / "sitemap.xml"
    if not stamp.is_file():
        raise PublishError(f"chưa có {project.site_dir.name}/ đã xây dựng; bỏ --no-build hoặc chạy mkdocs build.")
    built = stamp.stat().st_mtime
    sources = [project.config_file, project.posts_dir, project.root / "docs", project.root / "overrides"]
    for source in sources:
        for path in [source] if source.is_file() else source.rglob("*") if source.is_dir() else []:
            if path.is_file() and path.stat().st_mtime > built:
                raise PublishError(
                    f"{path.relative_to(project.root)} mới hơn {project.site_dir.name}/: hãy xây dựng lại "
                    "(bỏ --no-build)."
                )
