"""Nhận diện: the board's masthead, colours and top menu, read from plain mkdocs.yml values.

Host-free: the MkDocs adapter hands in mappings and strings; this module checks them and gives
templates typed values. Mistakes are `IdentityError`s in Vietnamese naming the mkdocs.yml key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The value of a menu entry that stands for "one link per category" (Tin tức ▾).
CATEGORIES = "categories"


class IdentityError(ValueError):
    """A mistake in mkdocs.yml that staff can fix; the message names the key."""


@dataclass(frozen=True)
class Colours:
    """A deep red and a gold by default: the colours of Vietnamese state agencies' portals.

    `primary` carries white text (header, menu, buttons) and is the link colour on white, so it
    must stay at 4.5:1 or more against white; `accent` is only drawn behind dark text or as a rule.
    """

    primary: str = "#a01c1c"
    accent: str = "#e8b500"

    def css(self) -> str:
        """Custom properties that Material's palette reads (`primary: custom`, `accent: custom`)."""
        dark, light = _mix(self.primary, "#000000", 0.25), _mix(self.primary, "#ffffff", 0.15)
        on_dark = _mix(self.primary, "#ffffff", 0.7)  # links on the dark scheme's page
        return (
            ":root, [data-md-color-scheme] {\n"
            f"  --zp-primary: {self.primary}; --zp-primary-dark: {dark}; --zp-accent: {self.accent};\n"
            f"  --md-primary-fg-color: {self.primary}; --md-primary-fg-color--light: {light};\n"
            f"  --md-primary-fg-color--dark: {dark}; --md-primary-bg-color: #fff;\n"
            "  --md-primary-bg-color--light: rgba(255, 255, 255, .75);\n"
            f"  --md-accent-fg-color: {dark}; --md-accent-fg-color--transparent: {self.accent}33;\n"
            f"  --md-typeset-a-color: {self.primary};\n"
            "}\n"
            '[data-md-color-scheme="slate"] {\n'
            f"  --md-typeset-a-color: {on_dark}; --md-accent-fg-color: {_mix(self.accent, '#ffffff', 0.3)};\n"
            # Tinted rows and search highlights keep light links above 4.5:1 on the dark page.
            f"  --md-accent-fg-color--transparent: {self.accent}1f;\n"
            "}\n"
        )


@dataclass(frozen=True)
class Identity:
    agency: str
    short_name: str
    governing_body: str = ""
    logo: str | None = None  # site-relative URL of the emblem shown in the masthead
    banner: str | None = None
    colours: Colours = field(default_factory=Colours)


@dataclass(frozen=True)
class MenuEntry:
    title: str
    url: str  # site-relative ("" is the home page) or absolute (http…)
    children: tuple[MenuEntry, ...] = ()

    @property
    def external(self) -> bool:
        return self.url.startswith(("http://", "https://"))


def read_identity(options: Mapping[str, Any], legal_agency: str, legal_governing: str, site_name: str) -> Identity:
    agency = str(options.get("agency") or legal_agency or site_name).strip()
    short = str(options.get("short_name") or "").strip() or agency
    colours = options.get("colors") or {}
    if not isinstance(colours, Mapping):
        raise IdentityError("mkdocs.yml: identity.colors cần dạng primary: '#a01c1c', accent: '#e8b500'.")
    values = {}
    for key in ("primary", "accent"):
        value = colours.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not HEX_COLOUR.match(value):
            raise IdentityError(f"mkdocs.yml: identity.colors.{key} '{value}' cần dạng mã màu #rrggbb, ví dụ #a01c1c.")
        values[key] = value.lower()
    palette = Colours(**values)
    if contrast(palette.primary, "#ffffff") < 4.5:
        raise IdentityError(
            f"mkdocs.yml: identity.colors.primary {palette.primary} quá sáng: chữ trắng trên nền này và liên kết "
            f"trên nền trắng khó đọc (tương phản {contrast(palette.primary, '#ffffff'):.1f}:1, cần từ 4.5:1). "
            "Hãy chọn màu đậm hơn."
        )
    return Identity(
        agency=agency,
        short_name=short,
        governing_body=str(options.get("governing_body") or legal_governing or "").strip(),
        logo=str(options.get("logo") or "").strip() or None,
        banner=str(options.get("banner") or "").strip() or None,
        colours=palette,
    )


def read_menu(entries: Sequence[Any], categories: Iterable[tuple[str, str]]) -> list[MenuEntry]:
    """mkdocs.yml `menu:`, in the shape of MkDocs' own `nav:` (one `Title: url` per line, a list for a
    drop-down); the value `categories` stands for one link per category, in their order."""
    categories = list(categories)
    return [entry for item in entries for entry in _menu_item(item, categories, "menu")]


def _menu_item(item: Any, categories: list[tuple[str, str]], where: str) -> list[MenuEntry]:
    if not isinstance(item, Mapping) or len(item) != 1:
        raise IdentityError(
            f"mkdocs.yml: mỗi mục của {where} cần một dòng dạng 'Tên mục: địa chỉ', ví dụ 'Liên hệ: lien-he/'."
        )
    ((title, value),) = item.items()
    title = str(title).strip()
    if value == CATEGORIES:
        children = tuple(MenuEntry(name, url) for name, url in categories)
        if where != "menu":
            return list(children)  # inside a drop-down: the categories themselves
        return [MenuEntry(title, children[0].url if children else "", children)]
    if isinstance(value, list):
        children = tuple(entry for sub in value for entry in _menu_item(sub, categories, f"{where} › {title}"))
        return [MenuEntry(title, children[0].url if children else "", children)]
    if not isinstance(value, str):
        raise IdentityError(f"mkdocs.yml: {where} › {title} cần một địa chỉ (ví dụ lien-he/) hoặc danh sách mục con.")
    return [MenuEntry(title, value.strip().lstrip("/"))]


def keep_existing(menu: Sequence[MenuEntry], exists: set[str]) -> list[MenuEntry]:
    """Links to pages of this site that the build does not make are left out (e.g. /van-ban/ before the
    register exists), so the menu never leads to a 404; a drop-down left empty goes too."""
    kept = []
    for entry in menu:
        children = tuple(keep_existing(entry.children, exists)) if entry.children else ()
        if entry.children:
            if children:
                kept.append(MenuEntry(entry.title, entry.url if _exists(entry, exists) else children[0].url, children))
        elif _exists(entry, exists):
            kept.append(entry)
    return kept


def _exists(entry: MenuEntry, exists: set[str]) -> bool:
    return entry.external or entry.url.split("#")[0] in exists


def default_menu(categories: Iterable[tuple[str, str]], gallery: str, archive: str) -> list[Any]:
    return [{"Trang chủ": ""}, {"Tin tức": CATEGORIES}, {"Thư viện ảnh": gallery}, {"Lưu trữ": archive}]


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _mix(colour: str, other: str, amount: float) -> str:
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))
