"""`zoneportal check | new | import`: the staff's commands, with messages in Vietnamese."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from .content.problems import summary_line
from .content.validate import PLACEHOLDER, load_content
from .documents.check import check_documents
from .importer.command import add_import_parser, import_command
from .mkdocs.project import locate_project
from .settings import DocumentSettings
from .vi import VIETNAM_TZ, nfc, slugify


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
    return 2


def check(posts_dir: Path, project_root: Path, documents: DocumentSettings | None = None) -> int:
    """Every post, registry, register entry and attachment, as a build would read them."""
    registry, posts, report = load_content(posts_dir, project_root)
    if not report.has_errors():
        check_documents(project_root, documents, registry, posts, report)
    for problem in sorted(report.problems, key=lambda p: (p.file, p.line or 0)):
        print(problem, file=sys.stderr if problem.severity.name == "ERROR" else sys.stdout)
    published = sum(1 for p in posts if not p.draft)
    print(
        f"Đã kiểm tra {len(posts)} bài viết hợp lệ ({published} sẽ đăng). "
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
