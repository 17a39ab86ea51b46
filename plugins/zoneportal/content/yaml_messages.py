"""libyaml's error texts in Vietnamese, for staff who read the message and not the YAML specification.

libyaml reports a problem ("found a tab character that violates indentation") and the construct it was
reading ("while scanning a plain scalar"). Staff need what to do; the English text is never shown: a
problem we have not met is reported with a general Vietnamese sentence.
"""

from __future__ import annotations

import re

# (words in libyaml's problem, what to tell staff). The first match wins, so specific texts come first.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("tab character", "có ký tự Tab để thụt lề; YAML chỉ cho phép dấu cách, hãy thay Tab bằng dấu cách"),
    ("'\\t'", "có ký tự Tab để thụt lề; YAML chỉ cho phép dấu cách, hãy thay Tab bằng dấu cách"),
    (
        "cannot start any token",
        "có ký tự không được đứng đầu một giá trị (@, ` hoặc %); hãy đặt giá trị trong nháy kép",
    ),
    ("unexpected end of stream", "thiếu dấu nháy đóng của một giá trị"),
    ("expected ',' or ']'", "danh sách trong ngoặc vuông [ ] thiếu dấu phẩy hoặc ngoặc đóng ]"),
    ("expected ',' or '}'", "nhóm trong ngoặc nhọn { } thiếu dấu phẩy hoặc ngoặc đóng }"),
    (
        "mapping values are not allowed",
        "có dấu hai chấm ':' ở chỗ không được phép: dòng này thụt lề sai, hoặc giá trị có ':' mà chưa đặt"
        " trong dấu nháy kép",
    ),
    ("expected '-' indicator", "một dòng của danh sách thiếu dấu '-' ở đầu, hoặc thụt lề không đều"),
    ("did not find expected key", "thụt lề không đều: các khóa cùng cấp phải thẳng cột"),
    ("document start>", "có ký tự thừa sau khi giá trị đã kết thúc (ví dụ một dấu ngoặc đóng thừa)"),
    ("expected alphabetic or numeric character", "có ký tự '&' hoặc '*' không hợp lệ; hãy đặt giá trị trong nháy kép"),
    ("could not find expected ':'", "thiếu dấu hai chấm ':' sau tên khóa, hoặc một dòng của danh sách thiếu dấu '-'"),
    ("expected <block end>", "thụt lề không đều: các khóa cùng cấp phải thẳng cột"),
    ("found unknown escape character", "ký tự '\\' trong chuỗi nháy kép không hợp lệ; dùng nháy đơn hoặc viết '\\\\'"),
    ("found undefined alias", "không dùng neo và tham chiếu YAML ('&tên', '*tên'); hãy viết đầy đủ giá trị"),
    ("block sequence entries are not allowed", "danh sách '-' không được viết sau dấu hai chấm trên cùng một dòng"),
    (
        "chomping or indentation indicators",
        "sau '|' hoặc '>' chỉ được có số thụt lề hoặc '+'/'-'; nếu đó là chữ, hãy đặt giá trị trong nháy kép",
    ),
    ("found duplicate anchor", "không dùng neo và tham chiếu YAML ('&tên', '*tên'); hãy viết đầy đủ giá trị"),
)

_QUOTED = re.compile(r"'[^']*'")
GENERAL = "cú pháp YAML sai ở dòng này; hãy so với một bài mẫu"


def vietnamese_problem(problem: str | None) -> str:
    """What to tell staff for libyaml's `problem` text. Our own (already Vietnamese) texts pass through."""
    if not problem:
        return GENERAL
    for words, message in _PROBLEMS:
        if words in problem:
            return message
    # libyaml quotes the character it found ("but found 'Đ'"); outside quotes its text is English.
    if _QUOTED.sub("", problem).isascii():
        return GENERAL
    return problem
