"""argparse in Vietnamese: usage, section titles, help of -h and every error message of the parser.

argparse translates its own strings through gettext (`argparse._`, `argparse.ngettext`); with no
Vietnamese catalogue shipped by Python, this module supplies one and installs it for our CLI."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

MESSAGES = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)"
    ),
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "chỉ nhận tối đa một giá trị",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn chưa rõ: %(option)s có thể là %(matches)s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
}
PLURAL = {"expected %s argument": "cần %s giá trị", "expected %s arguments": "cần %s giá trị"}


def vietnamese(message: str) -> str:
    return MESSAGES.get(message, message)


def vietnamese_plural(singular: str, plural: str, count: int) -> str:
    chosen = singular if count == 1 else plural
    return PLURAL.get(chosen, chosen)


def install() -> None:
    argparse._ = vietnamese  # type: ignore[attr-defined]
    argparse.ngettext = vietnamese_plural  # type: ignore[attr-defined]


class VietnameseParser(argparse.ArgumentParser):
    """Errors end with a hint at -h, in Vietnamese; exit code 2 as argparse's."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\nXem thêm: {self.prog} -h\n")
