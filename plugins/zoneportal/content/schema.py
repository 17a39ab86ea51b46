"""Typed schema of front matter and registries (pydantic), with Vietnamese error messages.

The schema checks shapes and formats of one file; cross-references between files (does this
author exist?) are checked in `validate.py`, where all files are known.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..vi import VIETNAM_TZ

TERM_PATTERN = re.compile(r"^\s*(\d{4})\s*-\s*(\d{4})\s*$")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(strip_whitespace=True, pattern=KEY_PATTERN)]


def _one_or_many(value: Any) -> Any:
    """`categories: tin-hoat-dong` is as good as a list of one."""
    if isinstance(value, str):
        return [value]
    return value


class PostDate(BaseModel):
    moment: datetime
    has_time: bool


# YYYY-MM-DD, optionally with " HH:MM" or "THH:MM": what strptime's formats below accept, in two digits.
_PLAIN_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2}))?")


def parse_post_date(value: Any) -> PostDate:
    if isinstance(value, PostDate):
        return value
    text = str(value).strip() if value is not None else ""
    plain = _PLAIN_DATE.fullmatch(text)
    if plain is not None:
        # The usual spelling, without strptime (whose failed formats raised twice a post); a date
        # that does not exist falls through to the formats below, which word the message.
        year, month, day, hour, minute = plain.groups()
        try:
            moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), tzinfo=VIETNAM_TZ)
        except ValueError:
            pass
        else:
            return PostDate(moment=moment, has_time=hour is not None)
    for fmt, has_time in (("%Y-%m-%d %H:%M", True), ("%Y-%m-%dT%H:%M", True), ("%Y-%m-%d", False)):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return PostDate(moment=parsed.replace(tzinfo=VIETNAM_TZ), has_time=has_time)
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}( \d{1,2}:\d{2})?", text):
        raise PydanticCustomError(
            "vi_date_impossible",
            "ngày '{value}' không tồn tại trong lịch (kiểm tra ngày và tháng).",
            {"value": text},
        )
    raise PydanticCustomError(
        "vi_date_format",
        "ngày '{value}' không đúng dạng; cần YYYY-MM-DD hoặc YYYY-MM-DD HH:MM (giờ Việt Nam), ví dụ 2023-04-26 14:00.",
        {"value": text},
    )


def parse_term(value: Any) -> str:
    match = TERM_PATTERN.match(str(value))
    if not match:
        raise PydanticCustomError(
            "vi_term_format", "nhiệm kỳ '{value}' cần dạng YYYY-YYYY, ví dụ 2020-2025.", {"value": value}
        )
    start, end = int(match[1]), int(match[2])
    if end <= start:
        raise PydanticCustomError(
            "vi_term_order", "nhiệm kỳ '{value}': năm kết thúc phải sau năm bắt đầu.", {"value": value}
        )
    return f"{start}-{end}"


class GalleryItem(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    src: Text
    caption: str | None = None
    # A photo still to be supplied (an imported article named it, the file was not exported):
    # a warning instead of an error while the file is absent, shown as soon as it is there.
    missing: bool = False


class PostFrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    title: Text
    date: Annotated[PostDate, BeforeValidator(parse_post_date)]
    updated: Annotated[PostDate, BeforeValidator(parse_post_date)] | None = None
    author: Key
    committee: Key
    term: Annotated[str, BeforeValidator(parse_term)] | None = None
    categories: Annotated[list[Key], BeforeValidator(_one_or_many), Field(min_length=1)]
    tags: Annotated[list[Text], BeforeValidator(_one_or_many)] = []
    summary: str | None = None
    # Set by `zoneportal import` (with `source`): a hash of the article's normalised text, how a
    # re-import knows the article whatever its file is called.
    source_hash: str | None = None
    cover: Text | None = None
    gallery: list[GalleryItem] | Text | None = None
    event: Key | None = None
    number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] | None = None
    slug: Annotated[str, StringConstraints(strip_whitespace=True, pattern=SLUG_PATTERN)] | None = None
    draft: bool = False
    # The front page leads with the newest featured post (else the newest post).
    featured: bool = False
    source: str | None = None
    # Numbers (số hiệu) of documents in the register (`documents/`) the post is about.
    documents: Annotated[list[Text], BeforeValidator(_one_or_many)] = []


class AuthorEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    name: Text
    role: str | None = None
    unit: str | None = None
    imported: bool = False
    # Created by `zoneportal import` and not yet approved by staff: not public until removed.
    review: bool = False


class CategoryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    name: Text
    description: str | None = None
    order: int = 100
    imported: bool = False
    review: bool = False


class TermEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    start: int = Field(ge=1930, le=2200)
    end: int = Field(ge=1930, le=2200)
    congress: str | None = None
    start_date: date | None = None
    end_date: date | None = None

    @field_validator("start_date", "end_date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise PydanticCustomError(
                "vi_date_format", "ngày '{value}' cần dạng YYYY-MM-DD.", {"value": value}
            ) from None

    @model_validator(mode="after")
    def _ordered(self) -> TermEntry:
        if self.end <= self.start:
            raise PydanticCustomError(
                "vi_term_order",
                "năm kết thúc ({end}) phải sau năm bắt đầu ({start}).",
                {"start": self.start, "end": self.end},
            )
        return self


class CommitteeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    name: Text
    short_name: str | None = None
    level: Text
    parent: Key | None = None
    description: str | None = None
    order: int = 100
    terms: list[TermEntry] = []
    imported: bool = False
    review: bool = False


class EventEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    name: Text
    short: str | None = None
    highlight: bool = False


# Pydantic's own messages are English; staff read Vietnamese.
_MESSAGES: dict[str, str] = {
    "missing": "thiếu trường bắt buộc.",
    "string_type": "cần một đoạn văn bản.",
    "string_too_short": "không được để trống.",
    "list_type": "cần một danh sách (mỗi mục một dòng bắt đầu bằng '- ').",
    "too_short": "cần ít nhất {min_length} mục.",
    "bool_type": "cần true hoặc false.",
    "bool_parsing": "cần true hoặc false.",
    "int_type": "cần một số nguyên.",
    "int_parsing": "cần một số nguyên.",
    "greater_than_equal": "giá trị phải từ {ge} trở lên.",
    "less_than_equal": "giá trị phải từ {le} trở xuống.",
    "model_type": "cần một nhóm khóa: giá trị (mapping).",
    "dict_type": "cần một nhóm khóa: giá trị (mapping).",
    "string_too_long": "dài quá {max_length} ký tự.",
}


def vietnamese_message(error: dict[str, Any], field: str) -> str:
    kind = error["type"]
    found = error.get("input")
    if kind == "extra_forbidden":
        return "trường không được hỗ trợ."
    if kind == "string_pattern_mismatch":
        if field == "slug":
            return f"slug '{found}' chỉ được gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ hoi-nghi-so-ket)."
        return f"khóa '{found}' chỉ được gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ dang-uy-bql)."
    if kind.startswith("vi_"):
        return error["msg"]
    template = _MESSAGES.get(kind)
    if template is None:
        return f"giá trị không hợp lệ ({error['msg']})."
    context = error.get("ctx") or {}
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template


FieldError = tuple[tuple[str | int, ...], str, Any]


def validation_errors(exc: ValidationError) -> list[FieldError]:
    """(location, Vietnamese message, value found) for each error pydantic reported."""
    out = []
    for error in exc.errors(include_url=False):
        # The first part is always a field as staff wrote it (a key may well contain "[").
        loc = error["loc"]
        location = tuple(part for i, part in enumerate(loc) if i == 0 or not _is_union_branch(part))
        field = str(location[0]) if location else ""
        out.append((location, vietnamese_message(error, field), error.get("input")))
    return _drop_union_noise(out)


def _is_union_branch(part: str | int) -> bool:
    # pydantic names the union member it tried ("list[GalleryItem]", "str"); staff need the field.
    return isinstance(part, str) and ("[" in part or part in {"str", "constrained-str", "function-before"})


def _drop_union_noise(errors: list[FieldError]) -> list[FieldError]:
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    unique = []
    for location, message, found in errors:
        if (location, message) in seen:
            continue
        seen.add((location, message))
        unique.append((location, message, found))
    return unique
