"""Editor fields made from the content model: one field per front-matter key of `PostFrontMatter` and per
key of each registry entry, with the same required keys and formats as `zoneportal check`.

Select lists (author, committee, categories, event) are filled from the registries, labelled in Vietnamese
and storing keys, so the editor's lists change when a registry changes and the site is built again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from ..content.registry import Registry
from ..content.schema import (
    KEY_PATTERN,
    SLUG_PATTERN,
    AuthorEntry,
    CategoryEntry,
    CommitteeEntry,
    EventEntry,
    GalleryItem,
    PostFrontMatter,
    TermEntry,
)
from ..documents.model import Status
from ..documents.numbers import number_key
from ..documents.schema import DocumentFrontMatter, IssuerEntry, TypeEntry

Field = dict[str, Any]  # one entry of Decap CMS's `fields:` list, written out as YAML
Choices = tuple[tuple[str, str], ...]  # (stored value, Vietnamese label)

DATE_FORMAT = "YYYY-MM-DD HH:mm"  # dayjs tokens: what `parse_post_date` reads, in Vietnam time
# The formats `zoneportal check` accepts (schema.parse_post_date); the editor writes the first one.
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2})?$"
TERM_PATTERN = r"^\d{4}-\d{4}$"

DATE_MESSAGE = "Ngày giờ cần dạng YYYY-MM-DD HH:MM (giờ Việt Nam), ví dụ 2023-04-26 14:00."
KEY_MESSAGE = "Khóa chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ dang-uy-bql."
SLUG_MESSAGE = "Chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ hoi-nghi-so-ket."


def _options(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": label, "value": key} for key, label in pairs]


def author_options(registry: Registry) -> list[dict[str, str]]:
    return _options([(a.key, f"{a.name} — {a.role}" if a.role else a.name) for a in registry.authors.values()])


def committee_options(registry: Registry) -> list[dict[str, str]]:
    ordered = sorted(registry.committees.values(), key=lambda c: (c.order, c.name))
    return _options([(c.key, c.name) for c in ordered])


def category_options(registry: Registry) -> list[dict[str, str]]:
    ordered = sorted(registry.categories.values(), key=lambda c: (c.order, c.name))
    return _options([(c.key, c.name) for c in ordered])


def event_options(registry: Registry) -> list[dict[str, str]]:
    return _options([(e.key, e.name) for e in registry.events.values()])


def term_options(registry: Registry) -> list[dict[str, str]]:
    """Every term of every committee; the editor's term list shows only the chosen committee's (zp-editor.js)."""
    keys = sorted({t.key for c in registry.committees.values() for t in c.terms})
    return _options([(k, f"Nhiệm kỳ {k}") for k in keys])


def _documents_field(documents: tuple[tuple[str, str], ...]) -> Field:
    """`documents` as a select of the register's numbers (what `check` accepts), else a free list."""
    if documents:
        return {
            "label": "Văn bản liên quan",
            "widget": "select",
            "multiple": True,
            "options": _options(list(documents)),
            "hint": "Chọn văn bản trong sổ văn bản (documents/); văn bản mới hiện ở đây sau khi xây dựng lại.",
        }
    return {
        "label": "Văn bản liên quan",
        "widget": "list",
        "hint": "Số hiệu văn bản trong sổ văn bản (documents/), cách nhau bởi dấu phẩy, ví dụ 05-CT/TW.",
    }


def _post_field_specs(
    registry: Registry, *, draft_default: bool, documents: tuple[tuple[str, str], ...] = ()
) -> dict[str, Callable[[], Field]]:
    """How each front-matter key is edited. Keys match `PostFrontMatter` exactly (a test holds them equal)."""
    return {
        "title": lambda: {"label": "Tiêu đề", "widget": "string", "hint": "Văn bản thuần, không cần định dạng."},
        "date": lambda: {
            "label": "Ngày đăng (giờ Việt Nam)",
            "widget": "datetime",
            "format": DATE_FORMAT,
            "default": "{{now}}",
            "pattern": [DATE_PATTERN, DATE_MESSAGE],
        },
        "updated": lambda: {
            "label": "Ngày sửa bài gần nhất",
            "widget": "datetime",
            "format": DATE_FORMAT,
            "pattern": [DATE_PATTERN, DATE_MESSAGE],
        },
        "author": lambda: {"label": "Tác giả", "widget": "select", "options": author_options(registry)},
        "committee": lambda: {"label": "Tổ chức", "widget": "select", "options": committee_options(registry)},
        "term": lambda: {
            "label": "Nhiệm kỳ",
            "widget": "zp-term",
            "options": term_options(registry),
            "hint": "Để trống thì tự suy ra từ ngày đăng.",
            "pattern": [TERM_PATTERN, "Nhiệm kỳ cần dạng YYYY-YYYY, ví dụ 2020-2025."],
        },
        "categories": lambda: {
            "label": "Chuyên mục",
            "widget": "select",
            "multiple": True,
            "min": 1,
            "options": category_options(registry),
        },
        "tags": lambda: {"label": "Thẻ", "widget": "list", "hint": "Các thẻ cách nhau bởi dấu phẩy."},
        "summary": lambda: {
            "label": "Tóm tắt",
            "widget": "text",
            "hint": "Để trống thì lấy đoạn văn đầu tiên của bài.",
        },
        "cover": lambda: {"label": "Ảnh bìa", "widget": "image", "choose_url": False},
        "gallery": lambda: {
            "label": "Album ảnh",
            "label_singular": "ảnh",
            "widget": "list",
            "summary": "{{fields.caption}}",
            "fields": gallery_item_fields(),
        },
        "event": lambda: {"label": "Loại sự kiện", "widget": "select", "options": event_options(registry)},
        "number": lambda: {
            "label": "Lần thứ (Đại hội, Hội nghị)",
            "widget": "string",
            "hint": 'Ví dụ "III" hoặc "12".',
            "pattern": [r"^.{0,20}$", "Tối đa 20 ký tự."],
        },
        "slug": lambda: {
            "label": "Phần cuối địa chỉ",
            "widget": "string",
            "hint": "Để trống thì lấy tiêu đề viết không dấu.",
            "pattern": [SLUG_PATTERN, SLUG_MESSAGE],
        },
        "draft": lambda: {
            "label": "Bài nháp (chưa đăng)",
            "widget": "boolean",
            "default": draft_default,
        },
        "featured": lambda: {
            "label": "Bài nổi bật (mở đầu trang chủ)",
            "widget": "boolean",
            "default": False,
        },
        "documents": lambda: _documents_field(documents),
        # Written by `zoneportal import`; kept as they are when staff edit an imported post.
        "source": lambda: {"label": "Tệp gốc", "widget": "hidden"},
        "source_hash": lambda: {"label": "Mã nội dung gốc", "widget": "hidden"},
    }


def _kept_as_is(name: str) -> Field:
    """A front-matter key the editor has no form for yet: carried through unchanged, never lost on save
    (tests/unit/test_editor_config.py fails until it gets a proper field)."""
    return {"label": name, "widget": "hidden"}


# Decap's `required` accepts "   "; `check` strips text before its min_length=1, so a blank title
# saved by the editor would fail the build. A pattern needing one visible character closes the gap.
NOT_BLANK = r"\S"


def _refuse_blank(field: Field, info: FieldInfo) -> Field:
    """`field` with the NOT_BLANK pattern when the schema refuses blank text and the field has no pattern."""
    stripped_min = any(
        isinstance(m, StringConstraints) and m.strip_whitespace and (m.min_length or 0) >= 1 for m in info.metadata
    )
    if stripped_min and info.is_required() and field.get("widget") in ("string", "text") and "pattern" not in field:
        field["pattern"] = [NOT_BLANK, f"{field['label']}: cần ít nhất một chữ, không chỉ dấu cách."]
    return field


def post_fields(registry: Registry, *, draft_default: bool, documents: tuple[tuple[str, str], ...] = ()) -> list[Field]:
    specs = _post_field_specs(registry, draft_default=draft_default, documents=documents)
    fields = [
        _refuse_blank(
            {"name": name, **(specs[name]() if name in specs else _kept_as_is(name)), "required": info.is_required()},
            info,
        )
        for name, info in PostFrontMatter.model_fields.items()
    ]
    fields.append({"name": "body", "label": "Nội dung", "widget": "markdown", "required": False})
    return fields


def post_field_names() -> set[str]:
    """Front-matter keys the editor knows how to edit (all of PostFrontMatter's)."""
    return set(_post_field_specs(Registry(), draft_default=True))


def gallery_item_fields() -> list[Field]:
    specs: dict[str, Field] = {
        "src": {"label": "Ảnh", "widget": "image", "choose_url": False},
        "caption": {
            "label": "Chú thích",
            "widget": "string",
            "hint": "Người đọc bằng trình đọc màn hình nghe chú thích này.",
        },
        "missing": {"label": "Ảnh còn thiếu", "widget": "hidden"},
    }
    return [{"name": n, **specs[n], "required": i.is_required()} for n, i in GalleryItem.model_fields.items()]


# Registries -------------------------------------------------------------------------------------------

_REGISTRY_LABELS: dict[str, str] = {
    "name": "Tên",
    "role": "Chức danh",
    "unit": "Đơn vị",
    "imported": "Thêm khi nhập bài từ cổng cũ",
    "description": "Mô tả",
    "order": "Thứ tự hiển thị",
    "short_name": "Tên ngắn",
    "level": "Cấp (Đảng bộ, Đảng ủy, Chi bộ …)",
    "parent": "Khóa tổ chức cấp trên",
    "terms": "Nhiệm kỳ",
    "start": "Năm bắt đầu",
    "end": "Năm kết thúc",
    "congress": "Đại hội mở đầu nhiệm kỳ (ví dụ: lần thứ III)",
    "start_date": "Ngày Đại hội (YYYY-MM-DD)",
    "end_date": "Ngày kết thúc (YYYY-MM-DD)",
    "short": "Chữ viết tắt",
    "highlight": "Làm nổi bật trên dòng thời gian",
    "review": "Chờ duyệt (thêm khi nhập bài, chưa hiện công khai)",
    "abbr": "Chữ viết tắt trong số hiệu (NQ, QĐ, CT …)",
    "legal": "Văn bản có hiệu lực pháp lý, chỉ đạo (nghị quyết, quyết định, chỉ thị …)",
    "committee": "Tổ chức trên cổng (khi chính tổ chức đó ban hành)",
}
_ISO_DAY = [r"^\d{4}-\d{2}-\d{2}$", "Ngày cần dạng YYYY-MM-DD, ví dụ 2020-06-18."]


def _entry_field(name: str, annotation: Any, required: bool, choices: dict[str, Choices] | None = None) -> Field:
    field: Field = {"name": name, "label": _REGISTRY_LABELS.get(name, name), "required": required}
    text = str(annotation)
    if choices and name in choices:
        field |= {"widget": "select", "options": _options(list(choices[name]))}
    elif name == "terms":
        field |= {"widget": "list", "label_singular": "nhiệm kỳ", "summary": "{{fields.start}}-{{fields.end}}"}
        field["fields"] = model_fields(TermEntry)
    elif name == "parent":
        field |= {"widget": "string", "pattern": [KEY_PATTERN, KEY_MESSAGE]}
    elif name in ("start_date", "end_date"):
        field |= {"widget": "string", "pattern": _ISO_DAY}
    elif "bool" in text:
        field |= {"widget": "boolean", "default": False}
    elif "int" in text:
        field |= {"widget": "number", "value_type": "int"}
    elif name == "description":
        field |= {"widget": "text"}
    else:
        field |= {"widget": "string"}
    return field


def model_fields(model: type[BaseModel], choices: dict[str, Choices] | None = None) -> list[Field]:
    return [
        _refuse_blank(_entry_field(n, i.annotation, i.is_required(), choices), i) for n, i in model.model_fields.items()
    ]


def registry_entry_fields(model: type[BaseModel], choices: dict[str, Choices] | None = None) -> list[Field]:
    """The list item of a registry file: its key, then the entry's own fields (`choices`: keys of
    another registry, e.g. an issuer's `committee`, offered as a select list)."""
    key: Field = {
        "name": "key",
        "label": "Khóa (dùng trong bài viết)",
        "widget": "string",
        "required": True,
        "pattern": [KEY_PATTERN, KEY_MESSAGE],
        "hint": "Không đổi khóa đã có bài dùng: bài đó sẽ báo lỗi khi kiểm tra.",
    }
    return [key, *model_fields(model, choices)]


REGISTRY_MODELS: dict[str, tuple[str, type[BaseModel]]] = {
    "authors": ("Tác giả", AuthorEntry),
    "categories": ("Chuyên mục", CategoryEntry),
    "committees": ("Tổ chức và nhiệm kỳ", CommitteeEntry),
    "events": ("Loại sự kiện", EventEntry),
}
# documents/types.yml and documents/issuers.yml: the same `key: {…}` shape as the posts' registries.
DOCUMENT_REGISTRY_MODELS: dict[str, tuple[str, type[BaseModel]]] = {
    "types": ("Loại văn bản", TypeEntry),
    "issuers": ("Cơ quan ban hành văn bản", IssuerEntry),
}


# The văn bản register (documents/) ------------------------------------------------------------------

DAY_FORMAT = "YYYY-MM-DD"  # dayjs tokens: what documents.schema.parse_day reads
DAY_PATTERN = [r"^\d{4}-\d{2}-\d{2}$", "Ngày cần dạng YYYY-MM-DD, ví dụ 2024-03-15."]
NUMBER_MESSAGE = "Số hiệu cần có chữ hoặc số, tối đa 60 ký tự, ví dụ 45/QĐ-BQL hoặc 05-CT/TW."
# Where the characters `check` counts as a số hiệu's letters and digits live: ASCII and Latin letters with
# diacritics (Vietnamese included), superscripts and enclosed numbers, full-width forms (typed with an IME).
_NUMBER_BLOCKS = ((0x20, 0x250), (0x1E00, 0x1F00), (0x2070, 0x2500), (0xFF00, 0xFFF0))


@cache
def number_pattern() -> tuple[str, str]:
    """A số hiệu needs one character `check` reads as a letter or digit ("—" or "/" alone is refused), and at
    most 60 characters. The character class is made from `number_key` itself, so it cannot drift."""
    counted = [c for low, high in _NUMBER_BLOCKS for c in range(low, high) if number_key(chr(c))]
    ranges: list[tuple[int, int]] = []
    for code in counted:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    letters = "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    return rf"^(?=[\s\S]*[{letters}])\s*\S[\s\S]{{0,59}}$", NUMBER_MESSAGE


def _day(label: str, hint: str = "") -> Field:
    field: Field = {
        "label": label,
        "widget": "datetime",
        "format": DAY_FORMAT,
        "date_format": "DD/MM/YYYY",
        "time_format": False,
        # A day, not an instant: without this the picker shifts it by the browser's offset from UTC.
        "picker_utc": True,
        "pattern": DAY_PATTERN,
    }
    return field | {"hint": hint} if hint else field


def _numbers(label: str, numbers: Choices, hint: str) -> Field:
    """A relation (replaces, amends, implements): numbers of the register, as `check` accepts only those."""
    if numbers:
        return {"label": label, "widget": "select", "multiple": True, "options": _options(list(numbers)), "hint": hint}
    return {"label": label, "widget": "list", "hint": hint + " Các số hiệu cách nhau bởi dấu phẩy."}


def _document_field_specs(
    types: Choices, issuers: Choices, numbers: Choices, fields_in_use: tuple[str, ...]
) -> dict[str, Callable[[], Field]]:
    """How each key of `DocumentFrontMatter` is edited (a test holds the keys equal)."""
    status_options = [{"label": s.value, "value": s.value} for s in Status]
    known_fields = ", ".join(fields_in_use)
    return {
        "number": lambda: {
            "label": "Số hiệu",
            "widget": "string",
            "hint": "Như in trên văn bản, ví dụ 45/QĐ-BQL, 05-CT/TW, 42/2022/NĐ-CP.",
            "pattern": list(number_pattern()),
        },
        "type": lambda: {"label": "Loại văn bản", "widget": "select", "options": _options(list(types))},
        "issuer": lambda: {"label": "Cơ quan ban hành", "widget": "select", "options": _options(list(issuers))},
        "summary": lambda: {"label": "Trích yếu", "widget": "text", "hint": "Trích yếu nội dung, như trên văn bản."},
        "issued": lambda: _day("Ngày ban hành"),
        "effective": lambda: _day("Ngày có hiệu lực", "Để trống nếu có hiệu lực từ ngày ban hành."),
        "expires": lambda: _day("Ngày hết hiệu lực", "Để trống nếu văn bản không ghi thời hạn."),
        "status": lambda: {
            "label": "Tình trạng hiệu lực",
            "widget": "select",
            "options": status_options,
            "hint": "Để trống thì tự suy ra từ các ngày và từ văn bản thay thế, sửa đổi nó.",
        },
        "signer": lambda: {"label": "Người ký", "widget": "string", "hint": "Ví dụ: TRƯỞNG BAN Hoàng Văn Tùng."},
        "field": lambda: {
            "label": "Lĩnh vực",
            "widget": "list",
            "hint": "Các lĩnh vực cách nhau bởi dấu phẩy" + (f"; đang dùng: {known_fields}." if known_fields else "."),
        },
        "files": lambda: {
            "label": "Tệp văn bản",
            "label_singular": "tệp",
            "widget": "list",
            "field": {"name": "file", "label": "Tệp", "widget": "file", "choose_url": False},
            "hint": "Tệp PDF (hoặc .docx …) lưu cạnh văn bản. Để trống thì đăng mọi tệp trong thư mục của văn bản.",
        },
        "replaces": lambda: _numbers("Thay thế văn bản", numbers, "Văn bản cũ mà văn bản này thay thế."),
        "amends": lambda: _numbers("Sửa đổi, bổ sung văn bản", numbers, "Văn bản mà văn bản này sửa đổi, bổ sung."),
        "implements": lambda: _numbers("Thực hiện văn bản", numbers, "Văn bản cấp trên mà văn bản này triển khai."),
    }


def document_fields(
    types: Choices, issuers: Choices, numbers: Choices = (), fields_in_use: tuple[str, ...] = ()
) -> list[Field]:
    specs = _document_field_specs(types, issuers, numbers, fields_in_use)
    fields = [
        _refuse_blank(
            {"name": name, **(specs[name]() if name in specs else _kept_as_is(name)), "required": info.is_required()},
            info,
        )
        for name, info in DocumentFrontMatter.model_fields.items()
    ]
    fields.append(
        {
            "name": "body",
            "label": "Giới thiệu thêm (không bắt buộc)",
            "widget": "markdown",
            "required": False,
            "hint": "Hiện dưới các thông tin của văn bản.",
        }
    )
    return fields


def document_field_names() -> set[str]:
    """Front-matter keys of a văn bản the editor knows how to edit (all of DocumentFrontMatter's)."""
    return set(_document_field_specs((), (), (), ()))
