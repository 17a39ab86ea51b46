"""Reading staff-written text files: encoding, line endings, Unicode form, and YAML with line numbers."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..vi import nfc
from .problems import StaffError
from .yaml_messages import GENERAL, vietnamese_problem

Path_ = tuple[str | int, ...]


class TextDecodeError(StaffError):
    """The file is not UTF-8 text; `message` is for staff, in Vietnamese."""


# Characters no page, feed or sitemap can carry: XML 1.0 has no place for C0 controls other than
# tab and newline, nor for U+FFFE/U+FFFF (lxml refuses them, so a feed would crash the build), and
# a lone surrogate cannot be written as UTF-8. A word processor's line break (U+000B) is the usual one.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def unprintable_message(character: str) -> str:
    return (
        f"có ký tự điều khiển U+{ord(character):04X} không được phép (thường do dán từ trình soạn thảo văn bản); "
        "hãy xóa ký tự này."
    )


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM) → NFC text with LF line endings; anything else is refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TextDecodeError("tệp được lưu bằng mã UTF-16; hãy lưu lại tệp với mã UTF-8.")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    if b"\x00" in raw:
        raise TextDecodeError("tệp có byte NUL: đây không phải tệp văn bản (có thể là tệp nhị phân).")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TextDecodeError(
            "tệp không phải mã UTF-8 (có thể là Windows-1258 hoặc TCVN3); "
            "hãy mở bằng trình soạn thảo và lưu lại với mã UTF-8.",
            line,
        ) from None
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    bad = UNPRINTABLE.search(text)
    if bad is not None:
        raise TextDecodeError(unprintable_message(bad[0]), text[: bad.start()].count("\n") + 1)
    return text


class PlainLoader(yaml.SafeLoader):
    """Safe loader that keeps dates as text, so we parse them ourselves (2023-02-30 must be a
    message, not a ValueError from inside PyYAML) and know whether a time was given.

    This is PyYAML's pure-Python parser, the one whose error messages staff see; documents are
    parsed first by libyaml (FastPlainLoader below), which is ~8x faster."""


PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


if yaml.__with_libyaml__:

    class FastPlainLoader(yaml.CSafeLoader):
        """PlainLoader's resolvers and constructors over libyaml's parser (in PyYAML's wheels)."""

    FastPlainLoader.yaml_implicit_resolvers = PlainLoader.yaml_implicit_resolvers
    # libyaml first: it parses front matter about 8× faster (0.7 → 0.09 ms a post). Resolving and
    # constructing stay PyYAML's Python code, so data and line numbers are the same. It words syntax
    # errors differently, so a document it refuses is parsed again by PyYAML for the message staff see.
    LOADERS: tuple[type[Any], ...] = (FastPlainLoader, PlainLoader)
else:
    LOADERS = (PlainLoader,)


@dataclass
class YamlDocument:
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path_, int]] = field(default_factory=list)

    def shifted(self, offset: int) -> YamlDocument:
        """The same document with line numbers counted from `offset` lines earlier."""
        return YamlDocument(
            self.data,
            {path: line + offset for path, line in self.lines.items()},
            [(path, line + offset) for path, line in self.duplicate_keys],
        )

    def line_of(self, path: Path_, default: int | None = None) -> int | None:
        """Line of the deepest known node on `path` (1-based, relative to the YAML text)."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return default


class YamlSyntaxError(StaffError):
    """The YAML does not parse; `line` is where the parser stopped."""


def load_yaml(text: str) -> YamlDocument:
    """Parse YAML once, returning the data and the line of every key and list item."""
    if len(LOADERS) > 1:
        document = _load_composed_in_c(text, LOADERS[0])
        if document is not None:
            return document
    for loader_class in LOADERS[:-1]:
        try:
            return load_yaml_with(text, loader_class)
        except YamlSyntaxError:
            pass
    return load_yaml_with(text, LOADERS[-1])


# Limits that no staff-written file comes near: a post's front matter is a few hundred bytes and
# three levels deep, the largest registry a few hundred kilobytes.
MAX_YAML_CHARS = 4_000_000
MAX_YAML_DEPTH = 20
MAX_YAML_NODES = 500_000


def load_yaml_with(text: str, loader_class: type[Any]) -> YamlDocument:
    if len(text) > MAX_YAML_CHARS:
        raise YamlSyntaxError(
            f"YAML quá lớn ({len(text):,} ký tự, tối đa {MAX_YAML_CHARS:,}); hãy chia nhỏ tệp.".replace(",", "."),
            None,
        )
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        # PyYAML's reader refuses control characters (a vertical tab pasted from a word processor)
        # as it is created, before any parsing: name the character and its line, do not crash.
        line = text[: exc.position].count("\n") + 1
        raise YamlSyntaxError(
            f"YAML không hợp lệ: có ký tự điều khiển U+{exc.character:04X} không được phép; hãy xóa ký tự này.",
            line,
        ) from None
    try:
        node = compose_safely(loader)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # A problem found at the end of the text is marked on the line after the last one.
        line = min(mark.line + 1, len(text.splitlines()) or 1) if mark is not None else None
        problem = exc.problem or exc.context
        if problem and "nesting depth" in problem:  # libyaml's own cap (1000 levels), met before ours
            problem = f"YAML lồng quá sâu (hơn {MAX_YAML_DEPTH} cấp); hãy viết phẳng hơn"
        problem = vietnamese_problem(problem)
        raise YamlSyntaxError(f"YAML không hợp lệ ({problem}).", line) from None
    except yaml.YAMLError:
        raise YamlSyntaxError(f"YAML không hợp lệ ({GENERAL}).", None) from None
    finally:
        loader.dispose()
    document = YamlDocument(data)
    if node is not None:
        _index_lines(node, (), document)
    return document


# Front matter and registries of this size are composed by libyaml's own composer (below).
COMPOSED_IN_C_CHARS = 100_000


class _NotPlain(Exception):
    """The text needs the careful composer: too deep, or an unprintable character in a value."""


def _load_composed_in_c(text: str, loader_class: type[Any]) -> YamlDocument | None:
    """The document as `load_yaml_with` gives it, composed by libyaml's C composer, which is ~6× faster
    than composing from the parser's events in Python (the larger part of reading a post), and
    constructed in one walk that also records lines. Only for text where the careful composer's
    guards cannot trigger: no anchor or alias (no '&', no '*': nothing expands), at most
    COMPOSED_IN_C_CHARS (so far fewer than MAX_YAML_NODES nodes), and, checked in the walk, no deeper
    than MAX_YAML_DEPTH, no unprintable escape in a value, only plain types (strings, numbers,
    booleans, null, lists, mappings with scalar keys). None when the text is not such, or does not
    load: the careful path then gives the same data, or the message staff see."""
    if len(text) > COMPOSED_IN_C_CHARS or "&" in text or "*" in text:
        return None
    try:
        loader = loader_class(text)
    except Exception:
        return None
    try:
        node = loader.get_single_node()
        document = YamlDocument(None)
        # Without a backslash no escape can put into a value a character the text does not have
        # (folding lines adds only spaces and newlines): one search of the text then does for all.
        checked = "\\" not in text and UNPRINTABLE.search(text) is None
        if node is not None:
            document.data = _plain_value(loader, node, (), 0, document, checked)
        return document
    except Exception:
        # Anything the walk refuses or a constructor raises: the careful path reports it as before.
        return None
    finally:
        loader.dispose()


class _NotPlain(Exception):
    """The tree needs the careful path: too deep, an unprintable value, or a type beyond the plain ones."""


_SCALARS: dict[str, Callable[[Any, yaml.ScalarNode], Any]] = {
    f"tag:yaml.org,2002:{name}": getattr(yaml.constructor.SafeConstructor, f"construct_yaml_{name}")
    for name in ("str", "int", "float", "bool", "null")
}
_SEQUENCE, _MAPPING = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _plain_value(loader: Any, node: yaml.Node, path: Path_, depth: int, document: YamlDocument, checked: bool) -> Any:
    """What SafeConstructor makes of `node`, recording lines as `_index_lines` does; `checked`:
    no value can hold an unprintable character."""
    if isinstance(node, yaml.ScalarNode):
        construct = _SCALARS.get(node.tag)
        if construct is None or (not checked and UNPRINTABLE.search(node.value)):
            raise _NotPlain
        return construct(loader, node)
    # `depth` collections are open around this one; the careful composer refuses the 21st.
    if depth >= MAX_YAML_DEPTH:
        raise _NotPlain
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQUENCE:
        items = []
        for index, item in enumerate(node.value):
            child = (*path, index)
            document.lines[child] = item.start_mark.line + 1
            items.append(_plain_value(loader, item, child, depth + 1, document, checked))
        return items
    if not isinstance(node, yaml.MappingNode) or node.tag != _MAPPING:
        raise _NotPlain
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _NotPlain
        key = _plain_value(loader, key_node, path, depth + 1, document, checked)  # merge ('<<') keys: not plain
        child = (*path, key_node.value)
        if child in document.lines:
            document.duplicate_keys.append((child, key_node.start_mark.line + 1))
        document.lines[child] = key_node.start_mark.line + 1
        mapping[key] = _plain_value(loader, value_node, child, depth + 1, document, checked)
    return mapping


def _index_lines(node: yaml.Node, path: Path_, document: YamlDocument) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            child = (*path, key)
            if child in document.lines:
                document.duplicate_keys.append((child, key_node.start_mark.line + 1))
            document.lines[child] = key_node.start_mark.line + 1
            _index_lines(value_node, child, document)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            document.lines[child] = item.start_mark.line + 1
            _index_lines(item, child, document)


def compose_safely(loader: Any) -> yaml.Node | None:
    """The node tree of a single document, composed here from the parser's events rather than by
    PyYAML's composer: it refuses anchors and aliases (expanding them is how a few hundred bytes
    become gigabytes, "billion laughs"; staff never need them), caps nesting depth (the stock
    composers recurse, in Python or in C) and the number of nodes. Works over both parsers."""
    loader.get_event()  # stream start
    root = None
    if not loader.check_event(yaml.StreamEndEvent):
        loader.get_event()  # document start
        root = _compose_document(loader)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.MarkedYAMLError(
                problem="có nhiều hơn một tài liệu YAML (thêm một dòng '---'); mỗi tệp chỉ được một",
                problem_mark=event.start_mark,
            )
    loader.get_event()  # stream end
    return root


def _compose_document(loader: Any) -> yaml.Node:
    open_nodes: list[yaml.CollectionNode] = []
    pending_keys: list[yaml.Node | None] = []
    count = 0
    while True:
        event = loader.get_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="không dùng neo và tham chiếu YAML ('&tên', '*tên'); hãy viết đầy đủ giá trị",
                problem_mark=event.start_mark,
            )
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            finished = open_nodes.pop()
            pending_keys.pop()
            finished.end_mark = event.end_mark
            if not open_nodes:
                return finished
            continue
        count += 1
        if count > MAX_YAML_NODES:
            raise yaml.MarkedYAMLError(problem="YAML có quá nhiều mục", problem_mark=event.start_mark)
        node: yaml.Node
        if isinstance(event, yaml.ScalarEvent):
            bad = UNPRINTABLE.search(event.value)
            if bad is not None:  # written as an escape ("\x0b", "\ud800") in a quoted string
                raise yaml.MarkedYAMLError(problem=unprintable_message(bad[0]), problem_mark=event.start_mark)
            tag = (
                event.tag
                if event.tag not in (None, "!")
                else loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            )
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        elif isinstance(event, yaml.SequenceStartEvent):
            tag = event.tag if event.tag not in (None, "!") else loader.resolve(yaml.SequenceNode, None, event.implicit)
            node = yaml.SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
        elif isinstance(event, yaml.MappingStartEvent):
            tag = event.tag if event.tag not in (None, "!") else loader.resolve(yaml.MappingNode, None, event.implicit)
            node = yaml.MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
        else:  # the parser never sends anything else inside a document
            raise yaml.MarkedYAMLError(
                problem=f"YAML không hợp lệ ({type(event).__name__})", problem_mark=event.start_mark
            )
        if open_nodes:
            parent = open_nodes[-1]
            if isinstance(parent, yaml.SequenceNode):
                parent.value.append(node)
            elif pending_keys[-1] is None:
                pending_keys[-1] = node
            else:
                parent.value.append((pending_keys[-1], node))
                pending_keys[-1] = None
        if isinstance(node, yaml.ScalarNode):
            if not open_nodes:
                return node
            continue
        if len(open_nodes) >= MAX_YAML_DEPTH:
            raise yaml.MarkedYAMLError(
                problem=f"YAML lồng quá sâu (hơn {MAX_YAML_DEPTH} cấp); hãy viết phẳng hơn",
                problem_mark=event.start_mark,
            )
        open_nodes.append(node)
        pending_keys.append(None)
