"""`zoneportal check | build | serve | new | import | edit | publish | init-ci`: staff's commands, in Vietnamese."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from . import cli_text
from .content.problems import ProblemReport, Severity, count_line, display_path, summary_line
from .content.registry import Registry
from .content.url_history import UrlHistory
from .content.validate import PLACEHOLDER
from .importer.command import add_import_parser, import_command
from .index.schedule import FAR_AHEAD, split_schedule
from .mkdocs.project import locate_project
from .mkdocs.publishing import publish_project
from .publish.ci import CI_TEMPLATES, init_ci_command
from .publish.command import add_publish_parser, publish_command
from .settings import PortalSettings
from .vi import VIETNAM_TZ, format_post_datetime, nfc, now_in_vietnam, slugify

cli_text.install()


def main(argv: list[str] | None = None) -> int:
    parser = cli_text.VietnameseParser(
        prog="zoneportal",
        description="Công cụ của cổng tin tức zoneportal: kiểm tra, xây dựng, xem trước, viết và nhập bài.",
    )
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", metavar="TỆP", help="tệp cấu hình (mặc định mkdocs.yml)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH", title="các lệnh")

    commands.add_parser(
        "check",
        help="kiểm tra mọi bài viết, danh mục và ảnh, không xây dựng trang",
        description="Kiểm tra mọi bài viết, danh mục và ảnh như khi xây dựng, báo mọi lỗi một lần.",
    )
    build = commands.add_parser(
        "build", help="xây dựng cổng vào site/ (như make build)", description="Xây dựng cổng vào site/."
    )
    build.add_argument("-v", "--verbose", action="store_true", help="hiện cả thông báo chi tiết của MkDocs")
    build.add_argument("--strict", action="store_true", help="coi mọi cảnh báo là lỗi")
    serve = commands.add_parser(
        "serve",
        help="xem trước trực tiếp, tự cập nhật sau mỗi lần lưu (như make serve)",
        description="Xem trước trực tiếp tại http://127.0.0.1:CỔNG/; trang tự cập nhật sau mỗi lần lưu.",
    )
    serve.add_argument("-p", "--port", type=_port, default=8000, metavar="CỔNG", help="cổng (mặc định 8000)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ĐỊA_CHỈ", help="địa chỉ nghe (mặc định 127.0.0.1)")

    new = commands.add_parser("new", help="tạo bài viết mới với ngày hôm nay")
    new.add_argument("title", metavar="TIÊU_ĐỀ", help="tiêu đề bài viết")
    new.add_argument("--author", default=PLACEHOLDER, metavar="KHÓA", help="khóa tác giả trong posts/authors.yml")
    new.add_argument("--committee", default=PLACEHOLDER, metavar="KHÓA", help="khóa tổ chức trong posts/committees.yml")
    new.add_argument(
        "--category", default=PLACEHOLDER, metavar="KHÓA", help="khóa chuyên mục trong posts/categories.yml"
    )
    new.add_argument("--bundle", action="store_true", help="tạo dạng thư mục <tên>/index.md để đặt ảnh bên cạnh")

    add_import_parser(commands)
    add_publish_parser(commands)
    init_ci = commands.add_parser("init-ci", help="chép mẫu CI (GitLab, GitHub, Forgejo) vào kho của cổng")
    init_ci.add_argument(
        "forge",
        choices=sorted(CI_TEMPLATES),
        metavar="NƠI_ĐẶT_KHO",
        help="nơi đặt kho git của cổng: " + ", ".join(sorted(CI_TEMPLATES)),
    )
    init_ci.add_argument("--force", action="store_true", help="ghi đè tệp CI đã có")

    edit = commands.add_parser(
        "edit", help="mở trình soạn bài trên máy này (make edit): soạn ở /admin/, xem trước cổng"
    )
    edit.add_argument(
        "--port", type=int, default=8000, metavar="CỔNG", help="cổng của trang xem trước và /admin/ (mặc định 8000)"
    )
    edit.add_argument(
        "--backend-port", type=int, default=8081, metavar="CỔNG", help="cổng của decap-server (mặc định 8081)"
    )

    args = parser.parse_args(argv)
    if args.command == "build":
        from .mkdocs.run import build_portal

        return build_portal(Path(args.config_file), verbose=args.verbose, strict=args.strict)
    if args.command == "serve":
        from .mkdocs.run import serve_portal

        return serve_portal(Path(args.config_file), args.host, args.port)
    try:
        project = locate_project(Path(args.config_file))
    except LookupError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    if args.command == "check":
        return check(project.posts_dir, project.project_root, project.settings, project.site_dir, project.docs_dir)
    if args.command == "new":
        return new_post(project.posts_dir, args.title, args.author, args.committee, args.category, args.bundle)
    if args.command == "import":
        return import_command(args, project.posts_dir, project.project_root, project.import_category)
    if args.command == "edit":
        from .editor.local import LocalEditor, run_local_editor

        editor = LocalEditor(project.project_root, site_port=args.port, backend_port=args.backend_port)
        return run_local_editor(editor, Path(args.config_file).resolve())
    if args.command == "publish":
        return publish_command(args, publish_project(Path(args.config_file)))
    if args.command == "init-ci":
        return init_ci_command(args.forge, project.project_root, force=args.force)
    return 2


def _port(text: str) -> int:
    import argparse

    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"cổng '{text}' phải là một số, ví dụ 8001") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"cổng {port} phải từ 1 đến 65535")
    return port


def check_look(settings: PortalSettings, registry: Registry | None, docs_dir: Path, report: ProblemReport) -> None:
    """The build's emblem and menu checks (mkdocs/look.py), so `check` refuses what the build refuses."""
    from .output.icons import EmblemError, icon_files
    from .pages.identity import IdentityError, default_menu, read_menu
    from .pages.listings import ordered_categories_of

    urls = settings.urls
    if registry is not None:
        categories = [(c.name, urls.category(c.key)) for c in ordered_categories_of(registry)]
        raw = list(settings.menu) or default_menu(categories, urls.albums(), urls.archive + "/")
        try:
            read_menu(raw, categories)
        except IdentityError as exc:
            report.error("mkdocs.yml", str(exc).removeprefix("mkdocs.yml: "), field="menu")
    identity = settings.identity
    if identity is not None and identity.logo:
        try:
            icon_files(docs_dir / identity.logo, identity.agency, identity.short_name, identity.colours.primary)
        except EmblemError as exc:
            report.error("mkdocs.yml", str(exc), field="identity.logo")


def check(
    posts_dir: Path,
    project_root: Path,
    settings: PortalSettings | None = None,
    site_dir: Path | None = None,
    docs_dir: Path | None = None,
) -> int:
    """The build's plan (read, validate, index, plan pages, photos and feeds), nothing written:
    the same problems as `make build`, in the same order. Errors go to stderr, the rest to stdout,
    line by line, so a terminal shows them grouped by file as the build does."""
    from .plan import plan_portal
    from .vi import today_in_vietnam

    settings = replace(settings or PortalSettings(), posts_dir=os.path.relpath(posts_dir, project_root))
    history = UrlHistory.read(site_dir or project_root / "site", settings.urls.post)
    plan = plan_portal(project_root, settings, today_in_vietnam(), url_history=history)
    report = plan.problems
    check_look(settings, plan.registry, docs_dir or project_root / "docs", report)
    # Scheduled posts (a date still ahead) are published by the first build after their time.
    now = now_in_vietnam()
    schedule = split_schedule(plan.posts_to_publish, now)
    for post in schedule.far_ahead(now):
        report.warning(
            display_path(post.source, project_root),
            f"ngày đăng {format_post_datetime(post.date, True)} còn hơn {FAR_AHEAD.days} ngày nữa: "
            "có gõ nhầm năm không?",
            line=post.lines.get("date"),
            field="date",
        )
    for problem in report.ordered():
        print(problem, file=sys.stderr if problem.severity is Severity.ERROR else sys.stdout, flush=True)
    if schedule.waiting:
        print(f"Bài hẹn giờ ({len(schedule.waiting)}), chỉ đăng ở lần xây dựng đầu tiên sau giờ đã hẹn:")
        for post in schedule.waiting:
            when = format_post_datetime(post.date, True)
            print(f"  {display_path(post.source, project_root)}: đăng lúc {when} (giờ Việt Nam) — {post.title}")
    print(summary_line(len(report.errors), len(report.warnings)), flush=True)
    line = count_line(report.checked, len(schedule.due), plan.drafts, report, scheduled=len(schedule.waiting))
    print(line, flush=True)
    return 1 if report.has_errors() else 0


def new_post(posts_dir: Path, title: str, author: str, committee: str, category: str, bundle: bool) -> int:
    now = datetime.now(VIETNAM_TZ)
    slug = slugify(title) or "bai-viet-moi"
    folder = posts_dir / f"{now:%Y}"
    target = folder / slug / "index.md" if bundle else folder / f"{slug}.md"
    if target.exists():
        print(f"Lỗi: {target} đã có; không ghi đè. Hãy chọn tiêu đề khác.", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    quoted_title = json.dumps(nfc(title), ensure_ascii=False)  # a JSON string is a valid YAML scalar
    target.write_text(
        "---\n"
        f"title: {quoted_title}\n"
        f"date: {now:%Y-%m-%d %H:%M}\n"
        f"author: {author}          # khóa trong posts/authors.yml\n"
        f"committee: {committee}       # khóa trong posts/committees.yml\n"
        f"categories: [{category}]  # khóa trong posts/categories.yml\n"
        "# event: hoi-nghi-bch   # dai-hoi, hoi-nghi-bch, so-ket, tong-ket, sinh-hoat-chuyen-de, hoi-nghi, khac\n"
        "# summary: Một câu tóm tắt (nếu bỏ trống, lấy đoạn đầu của bài)\n"
        "# cover: anh-bia.jpg    # ảnh đặt cạnh bài viết\n"
        "draft: true             # bỏ dòng này khi bài sẵn sàng đăng\n"
        "---\n\n"
        "Nội dung bài viết ở đây.\n",
        encoding="utf-8",
    )
    print(f"Đã tạo {target}. Điền các trường 'chua-chon', rồi chạy: zoneportal check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
