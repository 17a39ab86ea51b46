"""Bytes of a saved page → a cleaned HTML tree with Unicode text.

Character set: a BOM, else what the page declares (`<meta charset>`, `http-equiv`), else UTF-8 when
the bytes are UTF-8, else Windows-1258 when it reads as Vietnamese, else Windows-1252 (the bytes of
TCVN3/VNI pages). Text drawn in a legacy Vietnamese font (`<font face=".VnTime">`,
`style="font-family: VNI-Times"`) is converted from that font's table; text with no font named is
converted only when one table clearly fits, and a page whose encoding cannot be decided is refused
by name. Old markup is flattened: Word's `<o:p>`, `MsoNormal` spans, `<font>` soup, conditional
comments; bold/italic given by `style` become `<strong>`/`<em>`; `&nbsp;` runs become one space.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from ..content.problems import StaffError
from ..vi import nfc
from .decode import _is_vietnamese_cp1258
from .legacyfonts import LegacyFont, capitals_face, convert, font_of_face, guess_font

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;]+)", re.IGNORECASE)
_BOLD = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.IGNORECASE)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "canvas", "object", "embed", "head", "link", "meta")
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252"}


class UndecidedEncoding(StaffError):
    """The page's text is in a legacy encoding the importer cannot decide; `message` names it."""


@dataclass
class PageSoup:
    soup: BeautifulSoup
    encoding: str
    head_title: str = ""  # the document's <title>
    published: str = ""  # article:published_time, or the first <time datetime>
    notes: list[str] = field(default_factory=list)  # for the report: encodings converted


def decode_html(raw: bytes) -> tuple[str, str]:
    """Text of the page and the encoding it was read with."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace"), encoding
    declared = _META_CHARSET.search(raw[:4096])
    name = declared[1].decode("ascii", "ignore").lower() if declared else ""
    name = _CHARSET_ALIASES.get(name, name)
    if name:
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
    if name and codecs.lookup(name).name not in ("utf-8",):
        try:
            return raw.decode(name), codecs.lookup(name).name
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1258", errors="replace")
    if _is_vietnamese_cp1258(text) and re.search("[\u0300\u0301\u0303\u0309\u0323]", text):
        return text, "cp1258"
    return raw.decode("cp1252", errors="replace"), "cp1252"


def parse_page(raw: bytes) -> PageSoup:
    text, encoding = decode_html(raw)
    soup = BeautifulSoup(text, "lxml")
    page = PageSoup(soup, encoding)
    if soup.title is not None:
        page.head_title = " ".join(soup.title.get_text(" ").split())
    meta = soup.find("meta", attrs={"property": re.compile("published_time|article:published", re.I)})
    meta = meta or soup.find("meta", attrs={"itemprop": "datePublished"})
    time = soup.find("time", attrs={"datetime": True})
    if meta is not None and meta.get("content"):
        page.published = str(meta["content"])
    elif time is not None:
        page.published = str(time["datetime"])
    if encoding == "cp1258":
        page.notes.append("trang được đọc theo mã Windows-1258.")
    _clean(soup)
    _convert_legacy_fonts(page)
    for node in list(soup.find_all(string=True)):
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            cleaned = nfc(_SPACES.sub(" ", str(node))).translate(_INVISIBLE)
            if cleaned != str(node):
                node.replace_with(NavigableString(cleaned))
    return page


def _clean(soup: BeautifulSoup) -> None:
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Declaration, Doctype, ProcessingInstruction))):
        node.extract()
    for tag in soup.find_all(list(_DROP_TAGS)):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.name and ":" in tag.name:  # Word's o:p, v:shape, w:sdt …
            tag.unwrap() if tag.get_text(strip=True) else tag.decompose()
    for tag in soup.find_all(["span", "font"]):
        style = tag.get("style", "")
        if _BOLD.search(style):
            tag.name = "strong"
        elif _ITALIC.search(style):
            tag.name = "em"


def _font_face(tag: Tag) -> str | None:
    face = tag.get("face")
    if face:
        return str(face)
    style = tag.get("style")
    if style:
        match = _FONT_FAMILY.search(str(style))
        if match:
            return match[1]
    return None


def _convert_legacy_fonts(page: PageSoup) -> None:
    unfonted: list[NavigableString] = []
    converted: set[str] = set()
    for node in list(page.soup.find_all(string=True)):
        if not str(node).strip():
            continue
        face = None
        for parent in node.parents:
            if isinstance(parent, Tag):
                face = _font_face(parent)
                if face is not None:
                    break
        font = font_of_face(face) if face else None
        if isinstance(font, str):
            raise UndecidedEncoding(
                f"chữ trong trang dùng phông '{font}' (bảng mã cũ không hỗ trợ); hãy chuyển trang sang Unicode "
                "(ví dụ bằng Unikey) rồi nhập lại."
            )
        if isinstance(font, LegacyFont):
            node.replace_with(NavigableString(convert(str(node), font, capitals=capitals_face(face or ""))))
            converted.add(font.value)
        elif face is None or font is None:
            unfonted.append(node)
    # Text holding letters beyond Latin-1 (ư, đ, ạ …) is Unicode already; the rest may be legacy bytes.
    unfonted = [n for n in unfonted if not any(ch > "\u00ff" for ch in str(n))]
    if page.encoding not in ("cp1252",):
        # A UTF-8 or Windows-1258 page holds Unicode text: "giám", "tiêu" are Vietnamese as they stand.
        unfonted = []
    text = " ".join(str(n) for n in unfonted)
    guess = guess_font(text)
    if isinstance(guess, str):
        raise UndecidedEncoding(
            "trang có chữ ở bảng mã cũ nhưng không rõ là TCVN3 hay VNI (không ghi phông chữ); hãy chuyển trang "
            "sang Unicode (ví dụ bằng Unikey) rồi nhập lại."
        )
    if isinstance(guess, LegacyFont):
        for node in unfonted:
            node.replace_with(NavigableString(convert(str(node), guess)))
        page.notes.append(
            f"chữ không ghi phông được đoán là bảng mã {guess.value} và đã chuyển sang Unicode; hãy xem lại."
        )
    for name in sorted(converted):
        page.notes.append(f"chữ phông {name} đã được chuyển sang Unicode.")
