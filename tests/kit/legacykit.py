"""Invented legacy article exports, built in code in the shapes old portals produce.

Every sentence, name and title here is made up for the tests; none comes from a real export.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

NBSP = "\u00a0"

# Sentences of an invented branch meeting, long enough to be unmistakably body text.
PARAGRAPHS = (
    "Sáng ngày 14/3/2024, Chi bộ Phòng Quản lý môi trường tổ chức Hội nghị sơ kết công tác quý I, "
    "nhiệm kỳ 2020-2025. Dự hội nghị có đại diện Ban Thường vụ Đảng ủy và toàn thể đảng viên chi bộ.",
    "Theo báo cáo, trong quý I chi bộ đã hoàn thành kế hoạch kiểm tra ba doanh nghiệp về xử lý nước thải; "
    "phối hợp tiếp nhận 12 hồ sơ đầu tư mới với tổng vốn đăng ký hơn 40 triệu USD.",
    "Các ý kiến tại hội nghị tập trung vào việc rút ngắn thời gian giải quyết thủ tục, tăng cường đối thoại "
    "với doanh nghiệp và chăm lo nhà ở cho người lao động.",
    "Phát biểu kết luận, đồng chí Bí thư Chi bộ đề nghị mỗi đảng viên giữ nề nếp sinh hoạt, bám sát cơ sở "
    "và hoàn thành chỉ tiêu quý II.",
)
CAPTION = "Quang cảnh hội nghị sơ kết quý I của chi bộ"


@dataclass
class LegacyPage:
    """The plain text of an article page: header chrome, title, date, body, photos, byline, footer."""

    title: str = "Chi bộ Phòng Quản lý môi trường sơ kết công tác quý I"
    date_line: str | None = "2024-03-15 08:30:00"
    paragraphs: tuple[str, ...] = PARAGRAPHS
    byline: str | None = "Đỗ Minh Châu"
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    # After paragraph i: (photo file name, caption or None).
    photos: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    repeat_title: bool = False
    date_first: bool = False
    indent: str = ""
    blank_between: bool = True

    def lines(self) -> list[str]:
        out = list(self.header)
        top = (
            [self.title]
            if self.date_line is None
            else ([self.date_line, self.title] if self.date_first else [self.title, self.date_line])
        )
        out += top
        if self.repeat_title:
            out.append(self.title)
        for index, paragraph in enumerate(self.paragraphs):
            out.append(self.indent + paragraph)
            if index in self.photos:
                name, caption = self.photos[index]
                out.append(" " + name + " ")
                if caption is not None:
                    out.append(caption)
        if self.byline is not None:
            out.append(NBSP * 40 + self.byline)
        out += self.footer
        return out

    def text(self) -> str:
        separator = "\n\n" if self.blank_between else "\n"
        return separator.join(self.lines()) + "\n"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as legacy Vietnamese editors wrote it: base letters with their shape marks
    precomposed (â, ơ, ư …), tone marks as separate combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in parts if c in tones).encode("cp1258")
    return bytes(out)
