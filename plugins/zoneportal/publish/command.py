"""`zoneportal publish TARGET [--rollback | --list] [--allow-dirty] [--keep N] [--no-build]`."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from ..vi import VIETNAM_TZ
from .hosts import Host, PublishError
from .lock import DEFAULT_WAIT, target_lock
from .manifest import ChangeSummary, Manifest, compare, file_digest
from .preflight import Project, build_site, check_fresh_site, check_posts_committed, check_site_url, current_commit
from .release import carried_assets, release_name, releases_to_prune, rollback_target
from .target import open_target

SHOWN_PAGES = 15
# Served beside the pages when the board's web server is Apache (deploy/.htaccess); others ignore it.
APACHE_RULES = Path("deploy/.htaccess")


def add_publish_parser(commands: argparse._SubParsersAction) -> None:
    publish = commands.add_parser(
        "publish", help="xây dựng và đăng cổng lên máy chủ web (thư mục hoặc nguoi-dung@may-chu:/duong/dan)"
    )
    publish.add_argument(
        "target",
        metavar="NƠI_ĐĂNG",
        help="thư mục web trên máy này, hoặc nguoi-dung@may-chu:/duong/dan (rsync qua SSH)",
    )
    action = publish.add_mutually_exclusive_group()
    action.add_argument("--rollback", action="store_true", help="quay lại bản đã đăng trước bản đang chạy")
    action.add_argument("--list", action="store_true", help="liệt kê các bản đã đăng")
    publish.add_argument("--allow-dirty", action="store_true", help="vẫn đăng khi posts/ có thay đổi chưa commit")
    publish.add_argument(
        "--keep",
        type=int,
        default=None,
        metavar="SỐ",
        help="số bản giữ lại trên máy chủ (mặc định trong mkdocs.yml, 5)",
    )
    publish.add_argument("--no-build", action="store_true", help="dùng site/ vừa xây dựng, không xây dựng lại")
    publish.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_WAIT,
        metavar="GIÂY",
        help=f"số giây chờ khi một lần đăng khác đang chạy trên cùng nơi đăng (mặc định {DEFAULT_WAIT:g})",
    )


def publish_command(args: argparse.Namespace, project: Project) -> int:
    try:
        host = open_target(args.target)
        if args.list:
            return list_releases(host)
        wait = getattr(args, "wait", DEFAULT_WAIT)
        if args.rollback:
            with target_lock(host, wait):
                return rollback(host)
        keep = args.keep if args.keep is not None else project.keep
        if keep < 1:
            # Name the setting staff actually wrote: the option, or the mkdocs.yml entry.
            where = "--keep" if args.keep is not None else f"publish: keep trong {project.config_file.name}"
            raise PublishError(f"{where} phải từ 1 trở lên (bản đang chạy luôn được giữ), đang là {keep}.")
        return publish(project, host, keep=keep, allow_dirty=args.allow_dirty, build=not args.no_build, wait=wait)
    except PublishError as exc:
        print(f"Không đăng: {exc}")
        return 1
    except OSError as exc:
        # The target folder cannot be written (a file where a folder should be, no permission, disk
        # full): a sentence naming the path, not a traceback. `current` is switched last, so the live
        # release is untouched.
        where = exc.filename or args.target
        print(
            f"Không đăng: không ghi được vào {where} ({exc.strerror or exc}). "
            "Kiểm tra thư mục đích (phải là thư mục, tài khoản này có quyền ghi, đĩa còn chỗ); "
            "trang đang chạy giữ nguyên."
        )
        return 1


def publish(
    project: Project, host: Host, *, keep: int, allow_dirty: bool, build: bool = True, wait: float = DEFAULT_WAIT
) -> int:
    check_site_url(project)
    check_posts_committed(project, allow_dirty)
    if build:
        build_site(project)
    else:
        check_fresh_site(project)
    # Built first, outside the lock: a second run waits only for the other's upload and switch.
    with target_lock(host, wait):
        return _release(project, host, keep=keep)


def _release(project: Project, host: Host, *, keep: int) -> int:
    releases, live = host.releases(), host.current()
    previous = live if live in releases else (releases[-1] if releases else None)
    before = host.manifest(previous) if previous else None
    now = datetime.now(VIETNAM_TZ)
    name = release_name(now, current_commit(project), set(releases))
    extras = {".htaccess": project.root / APACHE_RULES} if (project.root / APACHE_RULES).is_file() else {}
    manifest = Manifest.of_tree(project.site_dir, name, current_commit(project), now.isoformat(timespec="seconds"))
    manifest.files.update({path: file_digest(source) for path, source in extras.items()})
    if before is not None:
        manifest.carried = carried_assets(before, manifest.files)
        manifest.files.update({path: before.files[path] for path in manifest.carried})
        manifest.files = dict(sorted(manifest.files.items()))
    summary = compare(before, manifest)
    if before is not None and previous == live and _content(before) == _content(manifest):
        # The scheduled run builds every 15 minutes; a release only when something changed keeps the
        # kept releases meaningful for a rollback.
        print(f"Không có thay đổi nào so với bản đang chạy {live}: không tạo bản mới.")
        return 0
    host.upload(project.site_dir, manifest, previous, extras)
    host.switch(name)
    for old in releases_to_prune(host.releases(), name, keep):
        host.remove(old)
    print(f"Đã đăng bản {name} lên {host.label} (current → releases/{name}).")
    _print_summary(summary, previous, len(manifest.carried))
    return 0


def _content(manifest: Manifest) -> dict[str, str]:
    """What decides whether anything changed. Pagefind's index files differ between two builds of the
    same pages (their order is not stable); any real change to what is searchable changes a page too."""
    return {path: digest for path, digest in manifest.own_files().items() if not path.startswith("pagefind/")}


def _print_summary(summary: ChangeSummary, previous: str | None, carried: int) -> None:
    if previous is None:
        print(f"Bản đầu tiên: {len(summary.added)} trang.")
        return
    print(
        f"So với {previous}: {len(summary.added)} trang mới, {len(summary.changed)} trang sửa, "
        f"{len(summary.removed)} trang bỏ; {summary.files_changed} tệp gửi mới, {summary.files_unchanged} tệp "
        f"không đổi (liên kết cứng), {carried} tệp tài nguyên giữ lại từ bản trước."
    )
    for label, pages in (("Trang mới", summary.added), ("Trang sửa", summary.changed), ("Trang bỏ", summary.removed)):
        for url in pages[:SHOWN_PAGES]:
            print(f"  {label}: {url}")
        if len(pages) > SHOWN_PAGES:
            print(f"  {label}: … và {len(pages) - SHOWN_PAGES} trang khác")


def rollback(host: Host) -> int:
    releases, live = host.releases(), host.current()
    target = rollback_target(releases, live)
    if target is None:
        raise PublishError(f"trên {host.label} không có bản nào cũ hơn bản đang chạy ({live or 'chưa có'}).")
    host.switch(target)
    print(f"Đã quay lại bản {target} (trước đó đang chạy {live}). Bản {live} vẫn được giữ.")
    return 0


def list_releases(host: Host) -> int:
    releases, live = host.releases(), host.current()
    if not releases:
        print(f"Chưa có bản nào trên {host.label}.")
        return 0
    print(f"Các bản đã đăng trên {host.label} (cũ trước, mới sau):")
    for name in releases:
        manifest = host.manifest(name)
        details = f"commit {manifest.commit}, {len(manifest.own_files())} tệp" if manifest else "không có bảng kê"
        marker = "  ← đang chạy" if name == live else ""
        print(f"  {name}  ({details}){marker}")
    return 0
