"""A cleaned page tree → its blocks in reading order, each with its plain text and its Markdown.

A block is what a reader sees as one piece: a paragraph, a heading, a list, a data table, a quote,
or a photo. Tables used for layout (old portals frame the whole page, or a photo and its caption,
in tables) are read cell by cell instead; a paragraph holding photos is split at each photo. The
Markdown shows exactly the words of the page: text that Markdown would read as markup is escaped.
HTML → Markdown itself is markdownify's; links are handed to a callback that rewrites or drops them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import NavigableString, Tag
from markdownify import MarkdownConverter

# Characters Python-Markdown accepts a backslash escape for and that start inline markup.
_INLINE = re.compile(r"([\\`*_{}\[\]])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a paragraph line: headings, quotes, list items, rules, admonitions.
_BLOCK_START = re.compile(r"^(\s*)(#|>|[-+*](?=\s|$))")
_ORDERED = re.compile(r"^(\s*\d+)\.(?=\s|$)")
_SETEXT = re.compile(r"^(\s*)=(?==*\s*$)")
_NODE_START = re.compile(r"^(\s*)(#|>|[-+](?=\s|$))")
_NODE_ORDERED = re.compile(r"^(\s*\d+)\.(?=\s|$)")
_MARKER = "\ue000"
_MARKERS = re.compile(f"{_MARKER}(\\d+){_MARKER}")

CONTAINERS = {
    "html", "body", "div", "section", "article", "main", "header", "footer", "nav", "aside", "center", "form",
    "fieldset", "span", "font", "tbody", "thead", "tfoot", "tr", "td", "th", "table", "details", "summary",
}  # fmt: skip
LEAVES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address", "dt", "dd", "caption", "legend"}
UNITS = {"ul", "ol", "dl", "blockquote", "figure"}
BLOCK_NAMES = CONTAINERS - {"span", "font"} | LEAVES | UNITS | {"hr", "li", "figcaption", "img"}
_CAPTION_CLASS = re.compile(r"caption|chu-?thich|chuthich|img-?desc|image-?desc|photo-?desc|pic-?desc|desc-?img", re.I)
_CENTER = re.compile(r"text-align\s*:\s*center", re.I)
LinkRewriter = Callable[[str], str | None]


@dataclass
class HtmlBlock:
    kind: str  # "text", "heading", "list", "table", "quote", "photo"
    text: str
    markdown: str
    element: Tag
    level: int = 0  # heading level
    image: Tag | None = None  # the <img> of a photo block
    caption: str | None = None  # a photo block's own caption (figcaption)
    link_chars: int = 0
    linked: bool = False  # the whole text is one link (a listing's item title)
    italic: bool = False
    centered: bool = False
    caption_like: bool = False  # class names it a caption
    in_table: Tag | None = None  # the layout table cell it came from
    order: int = 0
    first_line: str = ""  # text before the first line break (a heading run into its list)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def escape_inline(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;")


def escape_block_starts(markdown: str) -> str:
    """A paragraph's lines must not open a heading, list or quote: "1. Về công tác" is prose."""
    lines = []
    for line in markdown.split("\n"):
        line = _BLOCK_START.sub(lambda m: m[1] + "\\" + m[2], line)
        line = _ORDERED.sub(lambda m: m[1] + "\\.", line)
        lines.append(_SETEXT.sub(lambda m: m[1] + "&#61;", line))
    return "\n".join(lines)


class _Converter(MarkdownConverter):
    def __init__(self, rewrite: LinkRewriter, **options: object) -> None:
        super().__init__(heading_style="ATX", bullets="-", strong_em_symbol="*", table_infer_header=True, **options)
        self.rewrite = rewrite

    def escape(self, text: str, parent_tags: set[str]) -> str:
        text = escape_inline(text)
        # A text node may open a list item, a quote or a table cell: "# …", "- …", "1. …" there are
        # prose too. The backslash escapes are valid anywhere, so escaping every node start is safe.
        text = _NODE_START.sub(lambda m: m[1] + "\\" + m[2], text)
        text = _NODE_ORDERED.sub(lambda m: m[1] + "\\.", text)
        if parent_tags & {"td", "th"}:
            text = text.replace("|", "\\|")
        return text

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        href = el.get("href")
        if not text.strip():
            return text
        target = self.rewrite(str(href)) if href else None
        if target is None:
            return text
        stripped = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        tail = text[len(text.rstrip()) :]
        return f"{lead}[{stripped}]({target}){tail}"

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return ""  # photos are split out into blocks of their own before conversion


@dataclass
class Linearizer:
    rewrite: LinkRewriter
    blocks: list[HtmlBlock] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.converter = _Converter(self.rewrite)

    def run(self, root: Tag) -> list[HtmlBlock]:
        _lines_as_blocks(root)
        self._walk(root, None)
        for order, block in enumerate(self.blocks):
            block.order = order
        return self.blocks

    # --- structure ------------------------------------------------------------------------------
    def _walk(self, element: Tag, cell: Tag | None) -> None:
        run: list[NavigableString | Tag] = []
        for child in list(element.children):
            if isinstance(child, NavigableString):
                run.append(child)
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "br":
                # Text laid out with line breaks in a container (old ASPX labels): one block a line.
                self._flush(run, element, cell)
                run = []
                continue
            if (child.name in BLOCK_NAMES and child.name != "img") or _has_blocks(child):
                self._flush(run, element, cell)
                run = []
                self._block(child, cell)
            else:
                run.append(child)
        self._flush(run, element, cell)

    def _block(self, element: Tag, cell: Tag | None) -> None:
        name = element.name
        if name == "hr":
            return
        if name == "table":
            if is_data_table(element):
                self._unit(element, "table", cell)
            else:
                for row in element.find_all("tr"):
                    if row.find_parent("table") is not element:
                        continue
                    for td in row.find_all(["td", "th"], recursive=False):
                        self._walk(td, td)
            return
        if name == "figure":
            self._figure(element, cell)
            return
        if name in ("ul", "ol", "dl") and not element.find(["table", "img"]):
            self._unit(element, "list", cell)
            return
        if name == "blockquote" and not element.find(["table", "img", "blockquote"]):
            self._unit(element, "quote", cell)
            return
        if name in LEAVES and not _has_blocks(element):
            self._paragraph(element, [element], cell)
            return
        if name in ("li", "figcaption") and not _has_blocks(element):
            self._paragraph(element, [element], cell)
            return
        self._walk(element, cell)

    def _flush(self, run: list[NavigableString | Tag], parent: Tag, cell: Tag | None) -> None:
        def meaningful(node: NavigableString | Tag) -> bool:
            if isinstance(node, Tag):
                return node.name == "img" or node.find("img") is not None or bool(node.get_text(strip=True))
            return bool(str(node).strip())

        if not any(meaningful(n) for n in run):
            return
        tags = [n for n in run if meaningful(n)]
        if len(tags) == 1 and isinstance(tags[0], Tag) and tags[0].name not in ("a", "img"):
            # One element on the line (a labelled <span class="TieuDe">): its class and style describe it.
            self._paragraph(tags[0], [tags[0]], cell)
            return
        self._paragraph(parent, run, cell)

    # --- blocks ---------------------------------------------------------------------------------
    def _unit(self, element: Tag, kind: str, cell: Tag | None) -> None:
        text = _plain(element)
        if not text:
            return
        markdown = self.converter.process_tag(element, parent_tags=set()).strip("\n")
        if kind == "table":
            markdown = markdown.strip()
        self.blocks.append(HtmlBlock(kind, text, markdown, element, link_chars=_link_chars(element), in_table=cell))

    def _figure(self, element: Tag, cell: Tag | None) -> None:
        caption_tag = element.find("figcaption")
        caption = _plain(caption_tag) if caption_tag is not None else None
        images = element.find_all("img")
        for image in images:
            self.blocks.append(HtmlBlock("photo", "", "", element, image=image, caption=caption or None, in_table=cell))
        rest = [c for c in element.children if c is not caption_tag and not (isinstance(c, Tag) and c.find("img"))]
        rest = [c for c in rest if not (isinstance(c, Tag) and c.name == "img")]
        if any(_plain_node(c) for c in rest):
            self._paragraph(element, rest, cell)
        if caption and not images:
            self._paragraph(caption_tag, [caption_tag], cell)

    def _paragraph(self, element: Tag, nodes: list[NavigableString | Tag], cell: Tag | None) -> None:
        """One paragraph (or heading), split at every photo inside it."""
        images: list[Tag] = []
        for node in nodes:
            found = (
                [node]
                if isinstance(node, Tag) and node.name == "img"
                else (node.find_all("img") if isinstance(node, Tag) else [])
            )
            for image in found:
                holder = image
                # A photo wrapped in a link to its larger copy: the link goes with the photo.
                if isinstance(image.parent, Tag) and image.parent.name == "a" and not _plain(image.parent):
                    holder = image.parent
                marker = NavigableString(f"{_MARKER}{len(images)}{_MARKER}")
                if holder is node:
                    nodes = [marker if n is node else n for n in nodes]
                else:
                    holder.replace_with(marker)
                images.append(image)
        heading = element.name in ("h1", "h2", "h3", "h4", "h5", "h6") and element in nodes
        if element in nodes and len(nodes) == 1:
            markdown = self.converter.process_tag(element, parent_tags=set())
            inner_nodes = list(element.children)
        else:
            markdown = "".join(self.converter.process_element(n, parent_tags=set()) for n in nodes)
            inner_nodes = nodes
        text_all = "".join(_raw_text(n) for n in inner_nodes) if element not in nodes else _raw_text(element)
        md_parts = _MARKERS.split(markdown)
        text_parts = _MARKERS.split(text_all)
        pieces = max(len(md_parts), len(text_parts))
        md_parts += [""] * (pieces - len(md_parts))
        text_parts += [""] * (pieces - len(text_parts))
        style = _style_of(element, nodes)
        for index in range(0, pieces, 2):
            text = " ".join(text_parts[index].split())
            first_line = next((" ".join(line.split()) for line in text_parts[index].split("\n") if line.strip()), "")
            md = md_parts[index].strip()
            if text:
                if heading:
                    md = md.lstrip()
                    if not md.startswith("#"):
                        md = "#" * int(element.name[1]) + " " + md
                else:
                    md = escape_block_starts(_tidy(md))
                self.blocks.append(
                    HtmlBlock(
                        "heading" if heading else "text",
                        text,
                        md,
                        element,
                        level=int(element.name[1]) if heading else 0,
                        link_chars=_link_chars_nodes(nodes),
                        linked=_wholly_linked(element, nodes, text),
                        italic=style[0],
                        centered=style[1],
                        caption_like=style[2],
                        in_table=cell,
                        first_line=first_line,
                    )
                )
            if index + 1 < pieces:
                image = images[int(md_parts[index + 1] or text_parts[index + 1])]
                self.blocks.append(HtmlBlock("photo", "", "", element, image=image, in_table=cell))


def _lines_as_blocks(root: Tag) -> None:
    """Old pages lay out a whole article as text and `<br>` inside one `<span>`, `<font>` or `<p>`
    ("…<br><br>…"): such an element is read as a container, one block per line, so that the title,
    the date line and each paragraph stand apart. A paragraph with single line breaks stays one."""
    for tag in root.find_all(["span", "font", "p", "b", "strong"]):
        if tag.find(BLOCK_NAMES - {"img", "span", "font"}) is not None:
            continue
        breaks = tag.find_all("br", recursive=False)
        if not breaks:
            continue
        doubled = any(_next_tag_is_br(br) for br in breaks)
        if tag.name in ("span", "font") or doubled:
            tag.name = "div"


def _next_tag_is_br(br: Tag) -> bool:
    for sibling in br.next_siblings:
        if isinstance(sibling, NavigableString):
            if str(sibling).strip():
                return False
            continue
        return isinstance(sibling, Tag) and sibling.name == "br"
    return False


def _tidy(markdown: str) -> str:
    lines = [line.strip() for line in markdown.strip("\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    # Hard line breaks (<br>) stay as Markdown's two trailing spaces.
    return "\n".join(out).strip().replace("\n\n", "  \n")


def _has_blocks(element: Tag) -> bool:
    return element.find(lambda t: t.name in BLOCK_NAMES - {"img", "span", "font"}) is not None


def is_data_table(table: Tag) -> bool:
    """A table of data (rows and columns of short cells), not a frame laying out the page."""
    if table.find(["table", "img", "h1", "h2", "h3", "ul", "ol", "form"]):
        return False
    rows = [r for r in table.find_all("tr") if r.find_parent("table") is table]
    if len(rows) < 2:
        return False
    widths = [len(r.find_all(["td", "th"], recursive=False)) for r in rows]
    if max(widths) < 2:
        return False
    return all(len(_plain(c).split()) <= 80 for r in rows for c in r.find_all(["td", "th"], recursive=False))


def _raw_text(node: NavigableString | Tag) -> str:
    if isinstance(node, NavigableString):
        return str(node)
    if node.name == "br":
        return "\n"
    parts = []
    for piece in node.descendants:
        if isinstance(piece, NavigableString):
            parts.append(str(piece))
        elif isinstance(piece, Tag) and piece.name == "br":
            parts.append("\n")
        elif isinstance(piece, Tag) and piece.name in ("p", "div", "li", "td"):
            parts.append(" ")
    return "".join(parts)


def _plain(element: Tag | None) -> str:
    if element is None:
        return ""
    return " ".join(element.get_text(" ").split())


def _plain_node(node: NavigableString | Tag) -> str:
    return " ".join(_raw_text(node).split())


def _link_chars(element: Tag) -> int:
    return sum(len(_plain(a)) for a in element.find_all("a", href=True))


def _link_chars_nodes(nodes: list[NavigableString | Tag]) -> int:
    total = 0
    for node in nodes:
        if isinstance(node, Tag):
            if node.name == "a" and node.get("href"):
                total += len(_plain(node))
            else:
                total += _link_chars(node)
    return total


def _wholly_linked(element: Tag, nodes: list[NavigableString | Tag], text: str) -> bool:
    links = []
    for node in nodes:
        if isinstance(node, Tag):
            links += [node] if node.name == "a" and node.get("href") else node.find_all("a", href=True)
    if len(links) != 1:
        return False
    return " ".join(_plain(links[0]).split()) == text


def _style_of(element: Tag, nodes: list[NavigableString | Tag]) -> tuple[bool, bool, bool]:
    """(italic, centred, named a caption) for a paragraph's text."""
    texts = []
    for node in nodes:
        if isinstance(node, NavigableString):
            if str(node).strip():
                texts.append(node)
        else:
            texts += [t for t in node.find_all(string=True) if str(t).strip()]
    italic = bool(texts) and all(
        any(isinstance(p, Tag) and p.name in ("em", "i") for p in t.parents if p is not element.parent) for t in texts
    )
    centered = caption = False
    for holder in [element, *list(element.parents)[:3]]:
        if not isinstance(holder, Tag):
            continue
        if holder.get("align", "").lower() == "center" or _CENTER.search(str(holder.get("style", ""))):
            centered = True
        names = " ".join(holder.get("class", [])) + " " + str(holder.get("id", ""))
        if _CAPTION_CLASS.search(names):
            caption = True
    for node in nodes:
        if isinstance(node, Tag):
            names = " ".join(node.get("class", []))
            if _CAPTION_CLASS.search(names) or _CENTER.search(str(node.get("style", ""))):
                caption = caption or bool(_CAPTION_CLASS.search(names))
                centered = centered or bool(_CENTER.search(str(node.get("style", ""))))
    return italic, centered, caption
