"""Problems found in posts and registries, reported to staff in Vietnamese.

Every phase appends to one `ProblemReport`; the build stops once, after all files were read,
with every problem listed (file, line, field, what was found, what is expected).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(Enum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    line: int | None = None
    field: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f" trường '{self.field}':" if self.field else ""
        return f"{where}: [{self.severity.value}]{what} {self.message}"


@dataclass
class ProblemReport:
    problems: list[Problem] = field(default_factory=list)
    # Post files read by the validate phase (for the count line); 0 when not a whole-portal check.
    checked: int = 0

    def error(self, file: str, message: str, *, line: int | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(file, message, line, field, Severity.ERROR))

    def warning(self, file: str, message: str, *, line: int | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(file, message, line, field, Severity.WARNING))

    def extend(self, other: ProblemReport) -> None:
        self.problems.extend(other.problems)
        self.checked += other.checked

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    def ordered(self) -> list[Problem]:
        """Grouped by file (in path order), each file's errors before its warnings, then by line."""
        unique = list(dict.fromkeys(self.problems))
        return sorted(unique, key=lambda p: (p.file, p.severity is not Severity.ERROR, p.line or 0))

    def files_with_errors(self) -> set[str]:
        return {p.file for p in self.problems if p.severity is Severity.ERROR}

    def render(self, *, grouped: bool = False) -> str:
        """Every problem, one a line; `grouped` puts a blank line between files (for a terminal)."""
        lines: list[str] = []
        previous = None
        for problem in self.ordered():
            if grouped and previous is not None and problem.file != previous:
                lines.append("")
            lines.append(str(problem))
            previous = problem.file
        lines.append(summary_line(len(self.errors), len(self.warnings)))
        return "\n".join(lines)


class StaffError(Exception):
    """An error staff can fix: `message` is for them, in Vietnamese, shown without a traceback;
    `line` (from 1) points into the file concerned, where one is known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def count_line(checked: int, published: int, drafts: int, report: ProblemReport, scheduled: int = 0) -> str:
    """How many posts were checked and what became of them; a post with an error is never "hợp lệ"."""
    failing = len({f for f in report.files_with_errors() if f.endswith(".md")})
    valid = max(checked - failing, 0)
    parts = [f"Đã kiểm tra {checked} bài viết: {valid} hợp lệ"]
    if failing:
        parts.append(f"{failing} có lỗi (chưa đăng)")
    parts.append(f"{published} sẽ đăng")
    if scheduled:
        parts.append(f"{scheduled} hẹn giờ")
    if drafts:
        parts.append(f"{drafts} bản nháp")
    return ", ".join(parts) + "."


def summary_line(errors: int, warnings: int) -> str:
    if errors:
        return f"Có {errors} lỗi và {warnings} cảnh báo: chưa xây dựng trang. Hãy sửa các lỗi ở trên."
    if warnings:
        return f"Không có lỗi; {warnings} cảnh báo."
    return "Không có lỗi."


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" Có phải ý bạn là '{close[0]}'?" if close else ""


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the project, as staff see them in their editor: as
    written first (a `posts/` that is a symlink to a shared folder stays `posts/…`), then resolved."""
    written, base = os.path.abspath(path), os.path.abspath(root)
    if written == base:
        return "."
    inside = base if base.endswith("/") else base + "/"
    if written.startswith(inside):
        # Compared as text: the path of every post is shown once a build, and building the
        # resolved pair up front (a stat of every folder on the way) was a sixth of reading a post.
        return written[len(inside) :]
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
