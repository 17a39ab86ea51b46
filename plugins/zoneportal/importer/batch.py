"""`zoneportal import`: every export file → decode → parse → plan → (unless a dry run) write.

All files are planned before anything is written, and the registries are written before the posts
that name their new entries. A file that cannot be imported is reported and skipped; the others
still import, and the exit status says whether any failed.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import track

from ..content.problems import ProblemReport, StaffError, display_path
from ..content.registry import CATEGORIES_FILE, load_registry
from ..vi import VIETNAM_TZ, slugify
from .article import Article, NotAnArticle, parse_article
from .bodytext import markdown_body
from .decode import Undecodable, decode_export
from .registries import RegistryEditError, RegistryPlan
from .report import FileResult, Status, print_report, render
from .writer import PlannedPost, PostIndex, choose_path, find_photo_file, iter_export_files, write_post

# Below this many files a progress bar is only noise.
PROGRESS_FROM = 5


@dataclass
class ImportOptions:
    paths: list[Path]
    posts_dir: Path
    project_root: Path
    out_dir: Path
    category: str
    dry_run: bool = False
    force: bool = False
    csv_report: Path | None = None
    json_report: Path | None = None


class ImportAborted(StaffError):
    """Nothing can be imported (broken registries, unknown category); `message` is in Vietnamese."""


def run_import(options: ImportOptions, console: Console, progress_console: Console | None = None) -> int:
    """Import, print the report; 0 when every file imported (or was imported before), 1 when some
    failed, 2 when nothing could be tried."""
    try:
        results = import_files(options, progress_console or console)
    except ImportAborted as exc:
        console.print(f"Lỗi: {exc.message}", markup=False, highlight=False)
        return 2
    print_report(results, console)
    for path, kind in ((options.csv_report, "csv"), (options.json_report, "json")):
        if path is None:
            continue
        if str(path) == "-":
            sys.stdout.write(render(results, kind))
        else:
            path.write_text(render(results, kind), encoding="utf-8")
            console.print(f"Đã ghi báo cáo {kind.upper()} vào {path}.", markup=False, highlight=False)
    return 1 if any(r.status is Status.FAILED for r in results) else 0


def import_files(options: ImportOptions, progress_console: Console) -> list[FileResult]:
    report = ProblemReport()
    registry = load_registry(options.posts_dir, options.project_root, report)
    if report.has_errors():
        raise ImportAborted(
            "danh mục trong posts/ đang có lỗi; hãy chạy 'zoneportal check', sửa, rồi nhập lại:\n" + report.render()
        )
    if options.category not in registry.categories:
        known = ", ".join(registry.categories) or "(chưa có chuyên mục nào)"
        raise ImportAborted(
            f"chuyên mục '{options.category}' không có trong posts/{CATEGORIES_FILE} (các khóa: {known}); "
            "chọn bằng --category hoặc đặt import_category trong mkdocs.yml."
        )
    plan = RegistryPlan(registry)
    index = PostIndex.scan(options.out_dir)
    importer = _Importer(options, plan, index)
    files = list(iter_export_files(options.paths))
    show_progress = len(files) >= PROGRESS_FROM and progress_console.is_terminal
    planned: list[tuple[FileResult, PlannedPost | None]] = []
    for path, shown, problem in track(
        files, description="Đang đọc bài…", console=progress_console, transient=True, disable=not show_progress
    ):
        if problem is not None:
            planned.append((FileResult(shown, Status.FAILED, error=problem), None))
            continue
        planned.append(importer.plan_file(path, shown))
    if options.dry_run:
        return [result for result, _post in planned]
    try:
        edits = plan.edited_files(options.posts_dir)
    except RegistryEditError as exc:
        raise ImportAborted(exc.message + " Chưa ghi bài nào.") from None
    for path, text in edits.items():
        path.write_text(text, encoding="utf-8")
    for result, post in planned:
        if post is None or result.status is not Status.IMPORTED:
            continue
        try:
            write_post(post, force=options.force)
        except OSError as exc:
            result.status, result.error = Status.FAILED, f"không ghi được {result.post}: {exc.strerror or exc}."
    return [result for result, _post in planned]


class _Importer:
    def __init__(self, options: ImportOptions, plan: RegistryPlan, index: PostIndex) -> None:
        self.options = options
        self.registries = plan
        self.index = index
        self.seen: dict[str, str] = {}  # source name → content hash, within this run

    def display(self, path: Path) -> str:
        return display_path(path, self.options.project_root)

    def plan_file(self, path: Path, shown: str) -> tuple[FileResult, PlannedPost | None]:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            return FileResult(shown, Status.FAILED, error=f"không đọc được tệp ({exc.strerror or exc})."), None
        source = path.name
        digest = hashlib.sha256(raw).hexdigest()
        if source in self.seen:
            if self.seen[source] == digest:
                return FileResult(
                    shown, Status.SKIPPED, warnings=["tệp giống hệt một tệp đã có trong lần nhập này."]
                ), None
            return FileResult(
                shown,
                Status.FAILED,
                error=f"trùng tên '{source}' với một tệp khác trong lần nhập này; đổi tên một tệp rồi nhập lại.",
            ), None
        self.seen[source] = digest
        earlier = self.index.by_source.get(source)
        if earlier is not None and not self.options.force:
            return FileResult(
                shown,
                Status.SKIPPED,
                post=self.display(earlier),
                warnings=["đã nhập trước đó (trường source trùng); không ghi đè. Dùng --force để nhập lại."],
            ), None
        try:
            decoded = decode_export(raw)
            article = parse_article(decoded.text)
        except (Undecodable, NotAnArticle) as exc:
            where = f" (dòng {exc.line})" if getattr(exc, "line", None) else ""
            return FileResult(shown, Status.FAILED, error=exc.message + where), None
        except Exception as exc:  # a bug must not stop the other files of a batch
            return FileResult(
                shown, Status.FAILED, error=f"lỗi nội bộ khi đọc tệp, hãy báo nhóm phát triển: {exc!r}"
            ), None
        warnings = []
        if decoded.encoding not in ("utf_8",):
            warnings.append(f"tệp được đọc theo mã {decoded.encoding_label}.")
        return self._post(path, shown, source, article, warnings, earlier)

    def _post(
        self, path: Path, shown: str, source: str, article: Article, warnings: list[str], earlier: Path | None
    ) -> tuple[FileResult, PlannedPost]:
        warnings = [*warnings, *article.warnings]
        fields: list[tuple[str, Any, str | None]] = [("title", article.title, None)]
        draft = False
        if article.date is not None:
            moment, date_text = article.date.moment, article.date.front_matter
            fields.append(("date", date_text, None))
        else:
            moment = datetime.fromtimestamp(path.stat().st_mtime, VIETNAM_TZ)
            date_text = moment.strftime("%Y-%m-%d %H:%M")
            fields.append(("date", date_text, "CHƯA RÕ: không thấy ngày đăng, tạm lấy ngày sửa tệp gốc"))
            warnings.append("không tìm thấy ngày đăng: tạm lấy ngày sửa tệp gốc và để bài ở dạng nháp (draft).")
            draft = True
        author = self.registries.author_for(article.byline)
        if article.byline is None:
            fields.append(("author", author, "CHƯA RÕ: bài gốc không ghi tác giả"))
            warnings.append(f"không tìm thấy tên tác giả: ghi '{author}'.")
        else:
            fields.append(("author", author, None))
        committee = self.registries.committee_for(article.committee)
        if article.committee is None:
            fields.append(("committee", committee, "CHƯA RÕ: bài gốc không nêu tổ chức đảng"))
            warnings.append(f"không tìm thấy tổ chức đảng (Đảng bộ/Đảng ủy/Chi bộ …): ghi '{committee}'.")
        else:
            fields.append(("committee", committee, None))
        term, term_warning = None, None
        if article.committee is not None:  # an unknown organisation collects no terms
            term, term_warning = self.registries.term_for(committee, article.terms, moment.date())
        if term_warning:
            warnings.append(term_warning)
        if term:
            fields.append(("term", term, None))
        fields.append(("categories", [self.options.category], None))
        if article.event is not None:
            fields.append(("event", article.event.kind, None))
            if article.event.number:
                fields.append(("number", article.event.number, None))
        gallery, photo_files, missing = self._gallery(path, article)
        if gallery:
            fields.append(("gallery", gallery, None))
        if draft:
            fields.append(("draft", True, None))
        fields.append(("source", source, None))

        if earlier is not None:
            self.index.release(earlier)
        target, slug = choose_path(
            self.options.out_dir,
            moment.year,
            moment.month,
            slugify(article.title),
            bool(gallery),
            self.index,
            reusable=earlier,
        )
        if slug is not None:
            fields.insert(2, ("slug", slug, None))
        self.index.claim(target, (moment.year, moment.month, slug or slugify(article.title)), source)
        post = PlannedPost(target, fields, markdown_body(article.blocks), photo_files, replaces=earlier)
        result = FileResult(
            file=shown,
            status=Status.PLANNED if self.options.dry_run else Status.IMPORTED,
            post=self.display(target),
            title=article.title,
            date=date_text,
            author=self.registries.author_name(author),
            author_key=author,
            committee=self.registries.committee_name(committee),
            committee_key=committee,
            term=term,
            event=article.event.kind if article.event else None,
            photos=len(gallery),
            missing_photos=missing,
            warnings=warnings,
            dropped=article.dropped,
        )
        return result, post

    @staticmethod
    def _gallery(path: Path, article: Article) -> tuple[list[dict[str, Any]], list[tuple[Path, str]], list[str]]:
        gallery: list[dict[str, Any]] = []
        files: list[tuple[Path, str]] = []
        missing: list[str] = []
        for photo in article.photos:
            found = find_photo_file(path, photo.name)
            item: dict[str, Any] = {"src": found.name if found else photo.name}
            if photo.caption:
                item["caption"] = photo.caption
            if found is not None:
                files.append((found, found.name))
            else:
                # Never invent a photo: the entry waits for the file (see README, `missing`).
                item["missing"] = True
                missing.append(photo.name)
            gallery.append(item)
        return gallery, files, missing
