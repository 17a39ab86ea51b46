"""Authors and committees named by imported articles: matched to the registries, or added to them.

New entries are appended to posts/authors.yml, posts/categories.yml and posts/committees.yml as
text, marked `imported: true` and `review: true` (not public until staff remove the mark); a term
a known committee lacks is inserted into that committee's `terms`. The
files are never re-dumped, so staff's comments and layout stay as they wrote them, and every
edit is parsed back and compared before it is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..content.problems import StaffError
from ..content.registry import AUTHORS_FILE, CATEGORIES_FILE, COMMITTEES_FILE, Registry
from ..content.textfile import YamlSyntaxError, load_yaml
from ..vi import slugify
from .bylines import Byline
from .committees import CommitteeMention, committee_key
from .fields import TermMention
from .folding import fold

# `review: true`: added by an import, not public (no page, not in the tree, its posts unpublished)
# until staff check the entry and remove the mark. The placeholders for "unknown" never get a page.
REVIEW = {"imported": True, "review": True}
UNKNOWN_AUTHOR = ("chua-ro-tac-gia", {"name": "Chưa rõ tác giả", **REVIEW})
UNKNOWN_COMMITTEE = ("chua-ro-to-chuc", {"name": "Chưa rõ tổ chức", "level": "Chưa rõ", **REVIEW})
_HEADER = "# Thêm tự động khi nhập bài từ cổng cũ (zoneportal import): hãy kiểm tra lại.\n"


class RegistryEditError(StaffError):
    """A registry file could not be extended safely; `message` is for staff, in Vietnamese."""


@dataclass
class _Span:
    start: int
    end: int
    first_day: date
    last_day: date


@dataclass
class RegistryPlan:
    """What the registries hold, plus what this import will add to them."""

    registry: Registry
    new_authors: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_committees: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_terms: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    new_categories: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._author_names = {fold(a.name): key for key, a in self.registry.authors.items()}
        self._category_names = {fold(c.name): key for key, c in self.registry.categories.items()}
        self._category_names.update({fold(key.replace("-", " ")): key for key in self.registry.categories})
        self._committee_names: dict[tuple[str, ...], str] = {}
        self._spans: dict[str, list[_Span]] = {}
        for key, committee in self.registry.committees.items():
            for name in (committee.name, committee.short_name):
                if name:
                    self._committee_names.setdefault(committee_key(name), key)
            self._spans[key] = [_Span(t.start, t.end, t.first_day, t.last_day) for t in committee.terms]

    # --- authors -------------------------------------------------------------------------
    def author_for(self, byline: Byline | None) -> str:
        if byline is None:
            key, entry = UNKNOWN_AUTHOR
            if key not in self.registry.authors:
                self.new_authors.setdefault(key, dict(entry))
            return key
        known = self._author_names.get(fold(byline.name))
        if known is not None:
            return known
        key = self._free_key(slugify(byline.name) or "tac-gia", self.registry.authors, self.new_authors)
        entry: dict[str, Any] = {"name": byline.name}
        if byline.unit:
            entry["unit"] = byline.unit
        entry.update(REVIEW)
        self.new_authors[key] = entry
        self._author_names[fold(byline.name)] = key
        return key

    def author_name(self, key: str) -> str:
        if key in self.registry.authors:
            return self.registry.authors[key].name
        return str(self.new_authors[key]["name"])

    # --- categories ----------------------------------------------------------------------
    def category_for(self, name: str) -> str:
        """Our category for a category name of the old portal: matched by name, else added for review."""
        folded = fold(" ".join(name.split()))
        known = self._category_names.get(folded)
        if known is not None:
            return known
        key = self._free_key(
            slugify(name, max_length=60) or "chuyen-muc", self.registry.categories, self.new_categories
        )
        self.new_categories[key] = {"name": " ".join(name.split()), **REVIEW}
        self._category_names[folded] = key
        return key

    # --- committees ----------------------------------------------------------------------
    def committee_for(self, mention: CommitteeMention | None) -> str:
        if mention is None:
            key, entry = UNKNOWN_COMMITTEE
            if key not in self.registry.committees:
                self.new_committees.setdefault(key, dict(entry))
                self._spans.setdefault(key, [])
            return key
        known = self._committee_names.get(mention.key)
        if known is not None:
            return known
        key = self._free_key(
            slugify(mention.name, max_length=60) or "to-chuc", self.registry.committees, self.new_committees
        )
        self.new_committees[key] = {"name": mention.name, "level": mention.level, **REVIEW}
        self._committee_names[mention.key] = key
        self._spans[key] = []
        return key

    def committee_name(self, key: str) -> str:
        if key in self.registry.committees:
            return self.registry.committees[key].name
        return str(self.new_committees[key]["name"])

    def term_for(self, committee: str, mentioned: list[TermMention], day: date) -> tuple[str | None, str | None]:
        """The first mentioned term of the committee that holds the post's date, adding it to the
        committee if new; or None and why (the date decides the term then, as for any post)."""
        spans = self._spans[committee]
        for term in mentioned:
            known = next((s for s in spans if (s.start, s.end) == (term.start, term.end)), None)
            if known is not None:
                if known.first_day <= day <= known.last_day:
                    return term.key, None
                continue
            first_day, last_day = date(term.start, 1, 1), date(term.end, 12, 31)
            if not first_day <= day <= last_day:
                continue
            if any(term.start < s.end and s.start < term.end for s in spans):
                return None, (
                    f"nhiệm kỳ {term.key} chồng lên một nhiệm kỳ đã khai báo của '{committee}': "
                    "không tự thêm; để trống 'term' (nhiệm kỳ suy ra từ ngày đăng)."
                )
            spans.append(_Span(term.start, term.end, first_day, last_day))
            if committee in self.new_committees:
                self.new_committees[committee].setdefault("terms", []).append({"start": term.start, "end": term.end})
            else:
                self.new_terms.setdefault(committee, []).append((term.start, term.end))
            return term.key, None
        if mentioned:
            keys = ", ".join(t.key for t in mentioned)
            return None, f"bài nhắc nhiệm kỳ {keys} nhưng ngày đăng không thuộc nhiệm kỳ nào trong đó: để trống 'term'."
        return None, None

    @staticmethod
    def _free_key(base: str, *taken: dict[str, Any]) -> str:
        key, counter = base, 2
        while any(key in existing for existing in taken):
            key, counter = f"{base}-{counter}", counter + 1
        return key

    # --- writing -------------------------------------------------------------------------
    def edited_files(self, posts_dir: Path) -> dict[Path, str]:
        """New text of each registry file this import changes (nothing is written here)."""
        edits: dict[Path, str] = {}
        if self.new_authors:
            path = posts_dir / AUTHORS_FILE
            edits[path] = append_entries(_read(path), self.new_authors, AUTHORS_FILE)
        if self.new_categories:
            path = posts_dir / CATEGORIES_FILE
            edits[path] = append_entries(_read(path), self.new_categories, CATEGORIES_FILE)
        if self.new_committees or self.new_terms:
            path = posts_dir / COMMITTEES_FILE
            text = _read(path)
            for key, terms in self.new_terms.items():
                text = add_terms(text, key, terms)
            if self.new_committees:
                text = append_entries(text, self.new_committees, COMMITTEES_FILE)
            edits[path] = text
        return edits


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n") if path.exists() else ""


class _IndentedDumper(yaml.SafeDumper):
    """Lists indented under their key, as staff write them (`terms:` then `  - start: …`)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_IndentedDumper, allow_unicode=True, sort_keys=False, width=1000)


def append_entries(text: str, entries: dict[str, dict[str, Any]], shown: str) -> str:
    before = _parsed(text, shown)
    start = text if not text or text.endswith("\n") else text + "\n"
    new_text = start + ("\n" if start.strip() else "") + _HEADER + dump_yaml(entries)
    after = _parsed(new_text, shown, edited=True)
    expected = {**(before or {}), **entries}
    if after != expected:
        raise RegistryEditError(f"posts/{shown}: không thể tự thêm mục mới vào cuối tệp; hãy thêm bằng tay.")
    return new_text


def add_terms(text: str, committee: str, terms: list[tuple[int, int]]) -> str:
    """Insert terms into one committee's `terms` list, in the list's own style."""
    before = _parsed(text, COMMITTEES_FILE)
    # The pure-Python composer: its marks count characters, which is what slicing `text` needs.
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    entry = _value_of(root, committee)
    if not isinstance(entry, yaml.MappingNode):
        raise RegistryEditError(f"posts/{COMMITTEES_FILE}: mục '{committee}' không có dạng 'khóa: giá trị'.")
    items = [{"start": start, "end": end} for start, end in terms]
    node = _value_of(entry, "terms")
    if node is None:
        indent = entry.value[0][0].start_mark.column
        block = _indent(dump_yaml({"terms": items}), indent)
        new_text = _insert_after(text, _line_end(text, entry), block)
    elif isinstance(node, yaml.SequenceNode) and node.flow_style:
        flow = ", ".join(f"{{start: {s}, end: {e}}}" for s, e in terms)
        close = node.end_mark.index - 1
        new_text = text[:close] + (", " if node.value else "") + flow + text[close:]
    elif isinstance(node, yaml.SequenceNode) and node.value:
        first = node.value[0].start_mark
        line_start = text.rfind("\n", 0, first.index) + 1
        dash = text.index("-", line_start)
        new_text = _insert_after(text, _line_end(text, node), _indent(dump_yaml(items), dash - line_start))
    elif isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~"):
        key_indent = entry.value[0][0].start_mark.column
        block = _indent(dump_yaml(items), key_indent + 2)
        new_text = text[: node.start_mark.index] + "\n" + block.rstrip("\n") + text[node.end_mark.index :]
    else:
        raise RegistryEditError(f"posts/{COMMITTEES_FILE}: 'terms' của '{committee}' không phải danh sách.")
    after = _parsed(new_text, COMMITTEES_FILE, edited=True)
    expected = dict(before or {})
    old_entry = dict(expected[committee])
    old_entry["terms"] = list(old_entry.get("terms") or []) + [{"start": s, "end": e} for s, e in terms]
    expected[committee] = old_entry
    if after != expected:
        raise RegistryEditError(
            f"posts/{COMMITTEES_FILE}: không thể tự thêm nhiệm kỳ vào '{committee}'; hãy thêm bằng tay: "
            + ", ".join(f"{s}-{e}" for s, e in terms)
        )
    return new_text


def _parsed(text: str, shown: str, *, edited: bool = False) -> Any:
    try:
        data = load_yaml(text).data
    except YamlSyntaxError as exc:
        what = "sau khi thêm mục mới" if edited else "hiện tại"
        raise RegistryEditError(f"posts/{shown}: YAML {what} không hợp lệ ({exc.message}).") from None
    if data is not None and not isinstance(data, dict):
        raise RegistryEditError(f"posts/{shown}: tệp cần dạng 'khóa: thông tin' cho mỗi mục.")
    return data


def _value_of(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((v for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _last_leaf(node: yaml.Node) -> yaml.Node:
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _line_end(text: str, node: yaml.Node) -> int:
    """Index just after the line holding the end of `node` (a comment on that line stays with it)."""
    end = _last_leaf(node).end_mark.index
    if end > 0 and text[end - 1] == "\n":
        return end  # block scalars end at the start of the next line
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _insert_after(text: str, index: int, block: str) -> str:
    head = text[:index]
    if head and not head.endswith("\n"):
        head += "\n"
    return head + block + text[index:]


def _indent(block: str, columns: int) -> str:
    pad = " " * columns
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))
