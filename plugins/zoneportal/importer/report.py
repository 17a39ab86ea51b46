"""What an import did, file by file: a table on a terminal, one readable block per file when the
output is piped or logged (a table squeezed into 80 columns is unreadable), CSV or JSON on request.

Every line left out of a post is listed with its reason, so staff can see that only page chrome
was dropped and every other line became a field (title, date, author, photo) or the body.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .article import Dropped


class Status(Enum):
    IMPORTED = "đã nhập"
    PLANNED = "sẽ nhập (chạy thử)"
    SKIPPED = "bỏ qua"
    NOT_ARTICLE = "không phải bài viết"
    FAILED = "lỗi"


@dataclass
class FileResult:
    file: str
    status: Status
    post: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    author_key: str | None = None
    committee: str | None = None
    committee_key: str | None = None
    term: str | None = None
    event: str | None = None
    photos: int = 0
    missing_photos: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    error: str | None = None
    reason: str | None = None  # why a file was skipped or is not an article

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        return data


def summary(results: list[FileResult]) -> str:
    counts = {status: sum(1 for r in results if r.status is status) for status in Status}
    parts = []
    if counts[Status.IMPORTED]:
        parts.append(f"đã nhập {counts[Status.IMPORTED]} bài")
    if counts[Status.PLANNED]:
        parts.append(f"chạy thử: {counts[Status.PLANNED]} bài sẽ được nhập, chưa ghi gì")
    if counts[Status.SKIPPED]:
        parts.append(f"bỏ qua {counts[Status.SKIPPED]} tệp đã nhập")
    if counts[Status.NOT_ARTICLE]:
        parts.append(f"{counts[Status.NOT_ARTICLE]} trang không phải bài viết (danh sách, thẻ, menu…)")
    if counts[Status.FAILED]:
        parts.append(f"{counts[Status.FAILED]} tệp lỗi, không nhập được")
    warned = sum(1 for r in results if r.warnings)
    if warned:
        parts.append(f"{warned} bài có cảnh báo cần xem lại")
    text = "; ".join(parts) or "không có tệp nào"
    return text[:1].upper() + text[1:] + "."


def print_report(results: list[FileResult], console: Console) -> None:
    if not console.is_terminal:
        print_blocks(results, console)
        return
    for result in results:
        _print_details(result, console)
    table = Table(title="Kết quả nhập bài", expand=False)
    for heading in ("Tệp", "Bài viết", "Tiêu đề", "Ngày", "Tác giả", "Tổ chức", "Nhiệm kỳ", "Ảnh", "Cảnh báo"):
        table.add_column(heading, overflow="fold")
    for r in results:
        # Text(), not markup: titles and file names may hold "[…]".
        if r.status is Status.FAILED:
            table.add_row(Text(r.file), Text(Status.FAILED.value, style="red"), Text(r.error or ""))
            continue
        if r.status is Status.NOT_ARTICLE or (r.status is Status.SKIPPED and not r.post):
            table.add_row(Text(r.file), Text(r.status.value), Text(r.reason or ""))
            continue
        post = r.post or ""
        if r.status is not Status.IMPORTED:
            post = f"{post} ({r.status.value})"
        photos = str(r.photos) + (f" (thiếu {len(r.missing_photos)})" if r.missing_photos else "")
        cells = (
            r.file,
            post,
            r.title,
            r.date,
            r.author,
            r.committee,
            r.term,
            photos,
            str(len(r.warnings)) if r.warnings else "",
        )
        table.add_row(*(Text(cell or "") for cell in cells))
    console.print(table)
    console.print(Text(summary(results)))


def print_blocks(results: list[FileResult], console: Console) -> None:
    """One block per file, one fact per line: readable in a log, a pipe or a narrow window."""
    console.print(Text("Kết quả nhập bài"))
    for r in results:
        console.print(Text(""))
        lines = [f"{r.file}" + (f" → {r.post}" if r.post else ""), f"  trạng thái: {r.status.value}"]
        if r.error:
            lines.append(f"  lỗi: {r.error}")
        if r.reason:
            lines.append(f"  lý do: {r.reason}")
        for label, value in (
            ("tiêu đề", r.title),
            ("ngày đăng", r.date),
            ("tác giả", r.author and f"{r.author} ({r.author_key})"),
            ("tổ chức", r.committee and f"{r.committee} ({r.committee_key})"),
            ("nhiệm kỳ", r.term),
            ("sự kiện", r.event),
        ):
            if value:
                lines.append(f"  {label}: {value}")
        if r.photos or r.missing_photos:
            lines.append(f"  ảnh: {r.photos}" + (f" (thiếu {len(r.missing_photos)})" if r.missing_photos else ""))
        lines += [f"  ảnh còn thiếu: {name}" for name in r.missing_photos]
        lines += [f"  cảnh báo: {warning}" for warning in r.warnings]
        if r.dropped:
            lines.append("  các dòng không vào thân bài:")
            lines += [f"    dòng {d.line} ({d.reason}): {d.text}" for d in r.dropped]
        for line in lines:
            console.print(Text(line), soft_wrap=True)
    console.print(Text(""))
    console.print(Text(summary(results)))


def _print_details(result: FileResult, console: Console) -> None:
    if not (result.warnings or result.dropped or result.error or result.missing_photos):
        return
    target = f" → {result.post}" if result.post else ""
    console.print(Text.assemble((result.file, "bold"), target))
    if result.error:
        console.print(Text.assemble("  ", ("lỗi:", "red"), " ", result.error))
    for warning in result.warnings:
        console.print(Text.assemble("  ", ("cảnh báo:", "yellow"), " ", warning))
    for name in result.missing_photos:
        console.print(Text.assemble("  ", ("ảnh còn thiếu:", "yellow"), " ", name))
    if result.dropped:
        console.print(Text("  các dòng không vào thân bài:"))
        for line in result.dropped:
            console.print(Text(f"    dòng {line.line} ({line.reason}): {line.text}"))


CSV_COLUMNS = (
    "file",
    "status",
    "post",
    "title",
    "date",
    "author",
    "author_key",
    "committee",
    "committee_key",
    "term",
    "event",
    "photos",
    "missing_photos",
    "warnings",
    "dropped",
    "error",
    "reason",
)


def write_csv(results: list[FileResult], stream: TextIO) -> None:
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for r in results:
        row = r.as_dict()
        row["missing_photos"] = "; ".join(r.missing_photos)
        row["warnings"] = "; ".join(r.warnings)
        row["dropped"] = " | ".join(f"{d.line}: {d.reason}: {d.text}" for d in r.dropped)
        writer.writerow(row)


def write_json(results: list[FileResult], stream: TextIO) -> None:
    json.dump([r.as_dict() for r in results], stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def render(results: list[FileResult], kind: str) -> str:
    buffer = io.StringIO()
    (write_csv if kind == "csv" else write_json)(results, buffer)
    return buffer.getvalue()
