"""Front matter of a register entry and entries of `documents/types.yml` and `documents/issuers.yml`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from ..content.schema import Key, Text, _one_or_many
from .model import STATUS_BY_SLUG, Status
from .numbers import number_key


def _has_number_token(value: str) -> str:
    # A số hiệu without a single letter or digit ("—", "/") has an empty key: it would match every
    # other such entry and no search could find it.
    if not number_key(value):
        raise PydanticCustomError(
            "vi_number", "số hiệu '{value}' không có chữ hoặc số nào, ví dụ 05-CT/TW.", {"value": value}
        )
    return value


Number = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
    AfterValidator(_has_number_token),
]


def parse_day(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError(
            "vi_date_format", "ngày '{value}' cần dạng YYYY-MM-DD, ví dụ 2024-03-15.", {"value": text}
        ) from None


def parse_status(value: Any) -> Status:
    from ..vi import slugify

    found = STATUS_BY_SLUG.get(slugify(str(value)))
    if found is None:
        choices = ", ".join(s.value.lower() for s in Status)
        raise PydanticCustomError(
            "vi_status",
            "hiệu lực '{value}' không hợp lệ; chọn một trong: {choices}.",
            {"value": value, "choices": choices},
        )
    return found


Day = Annotated[date, BeforeValidator(parse_day)]


class DocumentFrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    number: Number
    type: Key
    issuer: Key
    summary: Text
    issued: Day
    effective: Day | None = None
    expires: Day | None = None
    status: Annotated[Status, BeforeValidator(parse_status)] | None = None
    signer: str | None = None
    field: Annotated[list[Text], BeforeValidator(_one_or_many)] = []
    files: Annotated[list[Text], BeforeValidator(_one_or_many)] = []
    replaces: Annotated[list[Number], BeforeValidator(_one_or_many)] = []
    amends: Annotated[list[Number], BeforeValidator(_one_or_many)] = []
    implements: Annotated[list[Number], BeforeValidator(_one_or_many)] = []


class TypeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    name: Text
    abbr: str = ""
    legal: bool = False
    order: int = 100


class IssuerEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    name: Text
    short_name: str | None = None
    committee: Key | None = None
