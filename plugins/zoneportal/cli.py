"""`zoneportal check | new | import | edit | publish | init-ci`: the staff's commands, with messages in Vietnamese."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from .content.problems import display_path, summary_line
from .content.validate import PLACEHOLDER, load_content
from .documents.check import check_documents
from .importer.command import add_import_parser, import_command
from .index.schedule import FAR_AHEAD, split_schedule
from .mkdocs.project import locate_project
from .mkdocs.publishing import publish_project
from .publish.ci import CI_TEMPLATES, init_ci_command
from .publish.command import add_publish_parser, publish_command
from .settings import DocumentSettings
from .vi import VIETNAM_TZ, format_post_datetime, nfc, now_in_vietnam, slugify


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zoneportal", description="Công cụ của cổng tin tức zoneportal.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="tệp cấu hình (mặc định mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("check", help="kiểm tra mọi bài viết và danh mục, không xây dựng trang")

    new = commands.add_parser("new", help="tạo bài viết mới với ngày hôm nay")
    new.add_argument("title", help="tiêu đề bài viết")
    new.add_argument("--author", default=PLACEHOLDER, help="khóa tác giả trong posts/authors.yml")
    new.add_argument("--committee", default=PLACEHOLDER, help="khóa tổ chức trong posts/committees.yml")
    new.add_argument("--category", default=PLACEHOLDER, help="khóa chuyên mục trong posts/categories.yml")
    new.add_argument("--bundle", action="store_true", help="tạo dạng thư mục <tên>/index.md để đặt ảnh bên cạnh")

    add_import_parser(commands)
    add_publish_parser(commands)
    init_ci = commands.add_parser("init-ci", help="chép mẫu CI (GitLab, GitHub, Forgejo) vào kho của cổng")
    init_ci.add_argument("forge", choices=sorted(CI_TEMPLATES), help="nơi đặt kho git của cổng")
    init_ci.add_argument("--force", action="store_true", help="ghi đè tệp CI đã có")

    edit = commands.add_parser(
        "edit", help="mở trình soạn bài trên máy này (make edit): soạn ở /admin/, xem trước cổng"
    )
    edit.add_argument("--port", type=int, default=8000, help="cổng của trang xem trước và /admin/ (mặc định 8000)")
    edit.add_argument("--backend-port", type=int, default=8081, help="cổng của decap-server (mặc định 8081)")

    args = parser.parse_args(argv)
    try:
        project = locate_project(Path(args.config_file))
    except LookupError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    if args.command == "check":
        return check(project.posts_dir, project.project_root, project.documents)
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


def check(posts_dir: Path, project_root: Path, documents: DocumentSettings | None = None) -> int:
    """Every post, registry, register entry and attachment, as a build would read them; scheduled
    posts listed with their time."""
    registry, posts, report = load_content(posts_dir, project_root)
    if not report.has_errors():
        check_documents(project_root, documents, registry, posts, report)
    now = now_in_vietnam()
    schedule = split_schedule((p for p in posts if not p.draft), now)
    for post in schedule.far_ahead(now):
        report.warning(
            display_path(post.source, project_root),
            f"ngày đăng {format_post_datetime(post.date, True)} còn hơn {FAR_AHEAD.days} ngày nữa: "
            "có gõ nhầm năm không?",
            line=post.lines.get("date"),
            field="date",
        )
    for problem in sorted(report.problems, key=lambda p: (p.file, p.line or 0)):
        print(problem, file=sys.stderr if problem.severity.name == "ERROR" else sys.stdout)
    if schedule.waiting:
        print(f"Bài hẹn giờ ({len(schedule.waiting)}), chỉ đăng ở lần xây dựng đầu tiên sau giờ đã hẹn:")
        for post in schedule.waiting:
            when = format_post_datetime(post.date, True)
            print(f"  {display_path(post.source, project_root)}: đăng lúc {when} (giờ Việt Nam) — {post.title}")
    print(
        f"Đã kiểm tra {len(posts)} bài viết hợp lệ ({len(schedule.due)} sẽ đăng, {len(schedule.waiting)} hẹn giờ). "
        + summary_line(len(report.errors), len(report.warnings))
    )
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
