"""Photos a post's body shows: `![alt](anh.jpg)`, reference images, and raw `<img src="…">`.

Found when the post is read, so a missing or escaping photo is reported with its line before
anything is built, and its encoding can start early. Remote and site-absolute images are not the
post's own photos and are left alone.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
# ![alt](src "title") and ![alt](<src with spaces>)
_INLINE_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*(?:<(?P<angled>[^>]+)>|(?P<plain>[^)\s]+))(?:\s+[\"'(][^)]*)?\)")
# ![alt][ref] / ![alt][] / ![ref]
_REF_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\](?:\[(?P<ref>[^\]]*)\])?(?!\()")
_REF_DEFINITION = re.compile(r"^[ ]{0,3}\[(?P<ref>[^\]]+)\]:\s*<?(?P<src>[^\s>]+)>?", re.MULTILINE)
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_IMAGE_START = re.compile(r"<img\b", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"([^\s=/>]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+)))?")


@dataclass(frozen=True)
class BodyImage:
    src: str
    alt: str
    line: int  # 1-based, within the body


def html_attributes(tag: str) -> dict[str, str]:
    """Attributes of one start tag, unescaped; the first occurrence of a name wins, as in browsers."""
    inner = re.sub(r"^<\w+|/?>$", "", tag)
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(inner):
        name = match[1].lower()
        value = next((g for g in match.groups()[1:] if g is not None), "")
        found.setdefault(name, html.unescape(value))
    return found


def is_local(src: str) -> bool:
    """A path inside the post's folder, not a URL, a site-absolute path or a data URI."""
    return bool(src) and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/|^#|^\\", src)


def find_body_images(body: str) -> list[BodyImage]:
    """Every local image the body shows, in reading order; code blocks and inline code are skipped."""
    if "![" not in body and not _HTML_IMAGE_START.search(body):
        return []  # no image of any form (blanking code only removes text): skip the scans
    blanked = _FENCE.sub(_blank, body)
    blanked = _INLINE_CODE.sub(_blank, blanked)
    definitions = {m["ref"].strip().lower(): m["src"] for m in _REF_DEFINITION.finditer(blanked)}
    found: list[tuple[int, BodyImage]] = []

    def add(position: int, src: str, alt: str) -> None:
        src = unquote(src.split("#", 1)[0].split("?", 1)[0])
        if is_local(src):
            line = blanked.count("\n", 0, position) + 1
            found.append((position, BodyImage(src=src, alt=" ".join(alt.split()), line=line)))

    for match in _INLINE_IMAGE.finditer(blanked):
        add(match.start(), match["angled"] or match["plain"], match["alt"])
    for match in _REF_IMAGE.finditer(blanked):
        ref = (match["ref"] or match["alt"]).strip().lower()
        if ref in definitions:
            add(match.start(), definitions[ref], match["alt"])
    for match in _HTML_IMAGE.finditer(blanked):
        attributes = html_attributes(match[0])
        if attributes.get("src"):
            add(match.start(), attributes["src"], attributes.get("alt", ""))
    return [image for _, image in sorted(found, key=lambda item: item[0])]


def _blank(match: re.Match[str]) -> str:
    """Keep line numbers: replace code with as many newlines as it had."""
    return "\n" * match[0].count("\n")
