"""The `zoneportal import` subcommand: its arguments, and the call into the batch."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from .batch import ImportOptions, run_import


def add_import_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import",
        help="nhập bài từ cổng thông tin cũ (tệp văn bản, bản lưu trang HTML, tệp xuất WordPress)",
        description=(
            "Nhập bài từ cổng thông tin cũ: tệp văn bản (.txt), bản lưu hoặc bản sao (wget --mirror) các trang "
            "HTML kèm ảnh, tệp xuất WordPress (.xml). Mỗi bài viết thành một bài trong posts/."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="TỆP_HOẶC_THƯ_MỤC",
        help="tệp .txt/.html/.xml, hoặc thư mục (nhập mọi tệp .txt, trang HTML, .xml WordPress bên trong)",
    )
    parser.add_argument(
        "--uploads",
        type=Path,
        default=None,
        metavar="THƯ_MỤC",
        help="thư mục ảnh của WordPress (bản sao wp-content/uploads) cho tệp .xml",
    )
    parser.add_argument(
        "--drafts", action="store_true", help="nhập cả bài nháp/chưa đăng của WordPress (thành bài nháp)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="THƯ_MỤC",
        help="thư mục ghi bài (mặc định: posts_dir trong mkdocs.yml)",
    )
    parser.add_argument(
        "--category",
        default=None,
        metavar="KHÓA",
        help="khóa chuyên mục cho các bài nhập (mặc định: import_category trong mkdocs.yml)",
    )
    parser.add_argument("--dry-run", action="store_true", help="chỉ báo cáo sẽ nhập gì, không ghi tệp nào")
    parser.add_argument(
        "--force", action="store_true", help="ghi lại các bài đã nhập trước đó từ cùng bài gốc (cùng nội dung)"
    )
    parser.add_argument("--csv", type=Path, default=None, metavar="TỆP", help="ghi báo cáo dạng CSV ('-': ra màn hình)")
    parser.add_argument(
        "--json", type=Path, default=None, metavar="TỆP", help="ghi báo cáo dạng JSON ('-': ra màn hình)"
    )


def import_command(args: argparse.Namespace, posts_dir: Path, project_root: Path, default_category: str) -> int:
    options = ImportOptions(
        paths=list(args.paths),
        posts_dir=posts_dir,
        project_root=project_root,
        out_dir=args.out if args.out is not None else posts_dir,
        category=args.category or default_category,
        dry_run=args.dry_run,
        force=args.force,
        csv_report=args.csv,
        json_report=args.json,
        category_explicit=args.category is not None,
        drafts=args.drafts,
        uploads=args.uploads,
    )
    # The table goes to stdout; with a machine-readable report on stdout, the table goes to stderr.
    to_stdout = "-" in (str(args.csv), str(args.json))
    console = Console(stderr=to_stdout, highlight=False)
    return run_import(options, console, progress_console=Console(stderr=True))
