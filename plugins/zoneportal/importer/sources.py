"""What `zoneportal import` was given → the files to import, each with its kind and its import folder.

A folder may hold plain-text exports (`.txt`), a mirror or saved pages of the old portal (HTML at
any depth: `.html`, `.htm`, `.aspx`, `.php`, extension-less files that start like HTML) and
WordPress exports (`.xml`). Images, style sheets and scripts of a mirror are not imported on their
own: pages name them. A symlink is never followed (it is reported), so nothing outside the folder
given is read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .mirror import Mirror, is_page_candidate
from .wxr import is_wxr

TEXT_SUFFIXES = {".txt", ".text"}
# A file given on its own: its folder and two levels below ("bai_files/", "images/2024/").
SINGLE_FILE_DEPTH = 3


@dataclass
class ExportFile:
    kind: str  # "text", "html", "wxr", or "" when `problem` says why it cannot be read
    mirror: Mirror | None
    relative: str  # path inside the import folder as stored, with "/"
    shown: str  # name in the report
    problem: str | None = None

    @property
    def source(self) -> str:
        """What `source:` records: the path relative to the import folder, in NFC."""
        return _nfc(self.relative)

    @property
    def path(self) -> Path:
        assert self.mirror is not None
        return self.mirror.path(self.relative)


def find_exports(paths: list[Path]) -> Iterator[ExportFile]:
    for path in paths:
        if path.is_symlink():
            yield ExportFile("", None, path.name, str(path), "là liên kết tượng trưng (symlink): không đọc.")
        elif path.is_dir():
            yield from _folder(path)
        elif path.is_file():
            mirror = Mirror.scan(path.parent, max_depth=SINGLE_FILE_DEPTH)
            relative = mirror.find(path.name) or path.name
            kind = _kind(mirror, relative)
            if not kind:
                kind = "text"  # the text importer refuses binary files with a clear message
            yield ExportFile(kind, mirror, relative, str(path))
        else:
            yield ExportFile("", None, path.name, str(path), "không tìm thấy tệp hay thư mục này.")


def _folder(folder: Path) -> Iterator[ExportFile]:
    mirror = Mirror.scan(folder)
    label = folder.resolve().name
    found = False
    for relative in mirror.files():
        kind = _kind(mirror, relative)
        if kind:
            found = True
            yield ExportFile(kind, mirror, relative, f"{label}/{_nfc(relative)}")
    for relative in mirror.symlinks:
        found = True
        yield ExportFile(
            "", mirror, relative, f"{label}/{relative}", "là liên kết tượng trưng (symlink): không đọc, không nhập."
        )
    if not found:
        yield ExportFile(
            "", mirror, "", str(folder), "thư mục không có tệp nào để nhập (.txt, trang HTML, .xml của WordPress)."
        )


def _kind(mirror: Mirror, relative: str) -> str:
    suffix = Path(relative.split("?", 1)[0]).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == ".xml":
        try:
            with mirror.path(relative).open("rb") as handle:
                return "wxr" if is_wxr(handle.read(4096)) else ""
        except OSError:
            return ""
    return "html" if is_page_candidate(mirror, relative) else ""


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
