"""The body of an imported post in Markdown: one paragraph per line of the export, written so that
Markdown shows exactly the words of the source and nothing else.

Legacy text is plain text: a line "1. Về công tác …" is a numbered heading in prose, not a list;
"<b>" is five characters, not a tag; "[TOC]" is not a table of contents. So every character that
Python-Markdown (with the extensions mkdocs.yml enables) would read as markup is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .article import Block

# Characters Python-Markdown accepts a backslash escape for and that start inline markup.
_INLINE = re.compile(r"([\\`*_{}\[\]])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a paragraph: headings, quotes, list items, rules, admonitions ("!!! note").
_BLOCK_START = re.compile(r"^(#|>|[-+](?=\s|[-+]*$)|!!!|\?\?\?)")
_ORDERED = re.compile(r"^(\d+)\.(?=\s|$)")


def escape_markdown(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    # "<" is not backslash-escapable in Python-Markdown; an entity always is.
    text = text.replace("<", "&lt;")
    text = _ORDERED.sub(r"\1\\.", text)
    return _BLOCK_START.sub(r"\\\1", text)


def markdown_body(blocks: Iterable[Block]) -> str:
    paragraphs = []
    for block in blocks:
        text = escape_markdown(block.text)
        # A photo's caption, where the photo stood; the photo itself is listed in `gallery`.
        paragraphs.append(f"*{text}*" if block.photo is not None else text)
    return "\n\n".join(paragraphs) + "\n"
