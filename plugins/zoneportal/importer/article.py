"""One exported article page → its parts: title, date, byline, body, photos, and what was dropped.

Every non-blank line of the export ends up either in the body (in order, as written) or in
`dropped`, with the reason: page chrome, or a line moved into a field (title, date, byline,
photo file name). Nothing else happens to a line, so nothing vanishes silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.problems import StaffError
from ..content.reader import PHOTO_SUFFIXES
from .bylines import Byline, read_byline
from .chrome import footer_section, header_label, line_chrome
from .committees import CommitteeMention, find_committee
from .dates import FoundDate, read_date_line
from .fields import EventMention, TermMention, find_event, find_terms
from .folding import fold
from .titles import is_all_caps, recase_title

# The publication line stands among the first lines of the page, or (rarely) among the last.
HEADER_LINES = 12
FOOTER_LINES = 4
# A caption is a phrase without a full stop, or one short sentence; a longer sentence after a
# photo is the next paragraph.
MAX_CAPTION_WORDS = 60
MAX_SENTENCE_CAPTION_WORDS = 25
LONG_TITLE_WORDS = 45

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Control characters carry no text (and Python-Markdown uses some of them as internal markers).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_IMAGE_SUFFIX = "(?:" + "|".join(re.escape(suffix) for suffix in sorted(PHOTO_SUFFIXES)) + ")"
_FILE_NAME = re.compile(rf"^[\w-]+(?:{_IMAGE_SUFFIX})?$", re.IGNORECASE)
_FILE_NAME_WITH_SPACES = re.compile(rf"^[\w .()-]+{_IMAGE_SUFFIX}$", re.IGNORECASE)


@dataclass(frozen=True)
class Dropped:
    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Block:
    """A paragraph of the body: one line of the export. `photo` names the photo it captions."""

    line: int
    text: str
    photo: str | None = None


@dataclass(frozen=True)
class PhotoPlaceholder:
    name: str
    line: int
    caption: str | None = None


@dataclass
class Article:
    title: str
    title_line: int
    date: FoundDate | None
    date_line: int | None
    byline: Byline | None
    committee: CommitteeMention | None
    terms: list[TermMention]
    event: EventMention | None
    blocks: list[Block]
    photos: list[PhotoPlaceholder]
    dropped: list[Dropped]
    warnings: list[str] = field(default_factory=list)


class NotAnArticle(StaffError):
    """Nothing in the file can become a post; `message` is for staff, in Vietnamese."""


def normalise_line(raw: str) -> str:
    """Runs of spaces (non-breaking ones too, used by portals for indentation) become one space."""
    return _SPACES.sub(" ", _CONTROLS.sub("", raw)).strip()


def parse_article(text: str) -> Article:
    lines = [(number, normalise_line(raw)) for number, raw in enumerate(text.split("\n"), start=1)]
    lines = [(number, line) for number, line in lines if line]
    if not lines:
        raise NotAnArticle("tệp trống: không có dòng chữ nào.")
    parser = _Parser(lines)
    article = parser.parse()
    raw_lines = text.split("\n")
    title_from_body = (
        article.date is not None and article.date_line is not None and article.date_line < article.title_line
    )
    sentence = article.title.rstrip("'\"”)»").endswith((".", "!", "?", "…")) or len(article.title.split()) > 25
    blank_first = bool(raw_lines) and not normalise_line(raw_lines[0]) and len(raw_lines) > 1
    if title_from_body and (sentence or blank_first):
        # The title line was left empty: the first body sentence took its place.
        article.warnings.append(
            f'dòng tiêu đề trống: đã tạm lấy dòng {article.title_line} ("{article.title[:60]}") làm tiêu đề; '
            "hãy đặt lại tiêu đề cho bài."
        )
    return article


class _Parser:
    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.lines = lines
        self.dropped: dict[int, Dropped] = {}
        self.warnings: list[str] = []

    def drop(self, index: int, reason: str) -> None:
        number, text = self.lines[index]
        self.dropped[index] = Dropped(number, text, reason)

    def live(self, indices: range | list[int]) -> list[int]:
        return [i for i in indices if i not in self.dropped]

    def parse(self) -> Article:
        for index, (_number, text) in enumerate(self.lines):
            reason = line_chrome(text)
            if reason is not None:
                self.drop(index, reason)
        date_index, date = self._find_date(self.live(range(len(self.lines)))[:HEADER_LINES])
        title_index = self._find_title(date_index)
        if title_index is None:
            raise NotAnArticle("không tìm thấy tiêu đề: tệp chỉ có phần khung trang (menu, nút chia sẻ…).")
        title = self.lines[title_index][1]
        self.drop(title_index, "tiêu đề → trường title")
        self._drop_header(title_index)
        body_start = max(title_index, date_index if date_index is not None else -1) + 1
        self._drop_repeated_title(title, body_start)
        self._drop_footer(body_start)
        if date is None:
            tail = self.live(range(body_start, len(self.lines)))[-FOOTER_LINES:]
            date_index, date = self._find_date(tail)
        byline = self._find_byline(body_start, date)
        photos, blocks = self._body(body_start)
        if not blocks:
            raise NotAnArticle(
                "không có nội dung bài: sau khi bỏ khung trang, tiêu đề, ngày và tác giả, không còn đoạn nào."
            )
        if is_all_caps(title):
            title = recase_title(title, [b.text for b in blocks])
            self.warnings.append(
                "tiêu đề viết hoa toàn bộ: đã viết lại theo cách bài viết dùng các từ đó; hãy xem lại."
            )
        if len(title.split()) > LONG_TITLE_WORDS:
            self.warnings.append("tiêu đề dài bất thường: có thể dòng đầu là một đoạn văn; hãy xem lại.")
        body = [b.text for b in blocks]
        event = find_event(title, body[0])
        return Article(
            title=title,
            title_line=self.lines[title_index][0],
            date=date,
            date_line=self.lines[date_index][0] if date_index is not None else None,
            byline=byline,
            committee=find_committee(title, body),
            terms=find_terms(title, body),
            event=event,
            blocks=blocks,
            photos=photos,
            dropped=sorted(self.dropped.values(), key=lambda d: d.line),
            warnings=self.warnings,
        )

    def _find_date(self, candidates: list[int]) -> tuple[int | None, FoundDate | None]:
        for index in candidates:
            found = read_date_line(self.lines[index][1])
            if found is not None:
                self.drop(index, "ngày đăng → trường date")
                if found.month_first:
                    self.warnings.append(
                        f"ngày '{self.lines[index][1]}' chỉ đọc được theo kiểu tháng/ngày (Mỹ); hãy kiểm tra."
                    )
                return index, found
        return None, None

    def _find_title(self, date_index: int | None) -> int | None:
        if date_index is not None:
            before = self.live(range(date_index))
            if before:
                return before[-1]
            after = self.live(range(date_index + 1, len(self.lines)))
            return after[0] if after else None
        live = self.live(range(len(self.lines)))
        return live[0] if live else None

    def _drop_header(self, title_index: int) -> None:
        """Lines above the title: breadcrumbs and the portal's name go; anything else stays in the body."""
        title_key = fold(self.lines[title_index][1])
        for index in self.live(range(title_index)):
            text = self.lines[index][1]
            if fold(text) == title_key:
                self.drop(index, "tiêu đề lặp lại")
                continue
            reason = header_label(text)
            if reason is not None:
                self.drop(index, reason)
            else:
                self.warnings.append(
                    f"dòng {self.lines[index][0]} đứng trước tiêu đề nhưng không phải khung trang: giữ ở đầu bài."
                )

    def _drop_repeated_title(self, title: str, start: int) -> None:
        """Some portals print the title again right under the date; only there is it a repeat."""
        for index in self.live(range(start, len(self.lines)))[:1]:
            if fold(self.lines[index][1]) == fold(title):
                self.drop(index, "tiêu đề lặp lại")

    def _drop_footer(self, start: int) -> None:
        live = self.live(range(start, len(self.lines)))
        for position, index in enumerate(live):
            reason = footer_section(self.lines[index][1])
            if reason is not None and position > 0:
                self.drop(index, reason)
                for later in live[position + 1 :]:
                    self.drop(later, f"nằm dưới {reason}")
                return

    def _find_byline(self, start: int, date: FoundDate | None) -> Byline | None:
        if date is not None and date.rest:
            found = read_byline(date.rest, labelled_only=True)
            if found is not None:
                return found
        live = self.live(range(start, len(self.lines)))
        if len(live) < 2:
            return None
        first = live[0]
        found = read_byline(self.lines[first][1], labelled_only=True)
        if found is not None:
            self.drop(first, "dòng tác giả → trường author")
            return found
        last = live[-1]
        found = read_byline(self.lines[last][1])
        if found is not None:
            self.drop(last, "dòng tác giả → trường author")
        return found

    def _body(self, start: int) -> tuple[list[PhotoPlaceholder], list[Block]]:
        photos: list[PhotoPlaceholder] = []
        blocks: list[Block] = []
        live = self.live(range(len(self.lines)))
        # Lines kept above the title (see _drop_header) open the body.
        waiting: PhotoPlaceholder | None = None
        for index in live:
            number, text = self.lines[index]
            if index >= start and is_photo_placeholder(text):
                self.drop(index, "tên tệp ảnh → trường gallery")
                if waiting is not None:
                    photos.append(waiting)
                waiting = PhotoPlaceholder(text, number)
                continue
            if waiting is not None and is_caption(text):
                photos.append(PhotoPlaceholder(waiting.name, waiting.line, text))
                blocks.append(Block(number, text, photo=waiting.name))
                waiting = None
                continue
            if waiting is not None:
                photos.append(waiting)
                waiting = None
            blocks.append(Block(number, text))
        if waiting is not None:
            photos.append(waiting)
        return photos, blocks


def is_caption(text: str) -> bool:
    words = len(text.split())
    if text.rstrip("'\"”)»").endswith((".", "!", "?", "…")):
        return words <= MAX_SENTENCE_CAPTION_WORDS and not re.search(r"[.!?…]\s+\S", text)
    return words <= MAX_CAPTION_WORDS


def is_photo_placeholder(text: str) -> bool:
    """A line that is only an image's file name: "Hop-mat-2022", "IMG_2041.JPG", "anh 1.jpg"."""
    if len(text) > 80 or not (_FILE_NAME.match(text) or _FILE_NAME_WITH_SPACES.match(text)):
        return False
    has_suffix = re.search(_IMAGE_SUFFIX + "$", text, re.IGNORECASE) is not None
    letters = sum(ch.isalpha() for ch in text)
    looks_like_file = has_suffix or any(ch in text for ch in "-_") or any(ch.isdigit() for ch in text)
    return letters >= 3 and looks_like_file and read_date_line(text) is None
