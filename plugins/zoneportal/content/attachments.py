"""Attachments a post links to (`[Nghị quyết](nghi-quyet.pdf)`, `<a href="bao-cao.docx">`): checked in
the validate phase like photos, so `check` and the build report the same missing or escaping files.
What of a folder is published, and what is refused (camera originals …), is content/bundle.py's."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ..vi import nfc
from .body_photos import _FENCE, _INLINE_CODE, _blank, html_attributes, is_local
from .post import Post
from .problems import ProblemReport

# [text](target "title") — not images (those are photos), not reference definitions.
_INLINE_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*(?:<(?P<angled>[^>]+)>|(?P<plain>[^)\s]+))(?:\s+[\"'(][^)]*)?\)")
_HTML_LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_HTML_LINK_START = re.compile(r"<a\b", re.IGNORECASE)
# Links to pages (other posts, docs pages, site sections) are not attachments.
_PAGE_SUFFIXES = {"", ".md", ".html", ".htm"}


def linked_files(body: str) -> list[tuple[str, int]]:
    """(path, line within the body) of every local file the body links to, in reading order."""
    if "](" not in body and not _HTML_LINK_START.search(body):
        return []  # no link of either form (blanking code only removes text): skip the scans
    blanked = _INLINE_CODE.sub(_blank, _FENCE.sub(_blank, body))
    found: list[tuple[int, str]] = []
    for match in _INLINE_LINK.finditer(blanked):
        found.append((match.start(), match["angled"] or match["plain"]))
    for match in _HTML_LINK.finditer(blanked):
        href = html_attributes(match[0]).get("href")
        if href:
            found.append((match.start(), href))
    links = []
    for position, target in sorted(found):
        target = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if is_local(target) and PurePosixPath(target).suffix.lower() not in _PAGE_SUFFIXES:
            links.append((target, blanked.count("\n", 0, position) + 1))
    return links


def check_attachments(post: Post, report: ProblemReport) -> tuple[str, ...]:
    """Report missing, escaping or misplaced attachments; returns the targets looked up."""
    links = linked_files(post.body)
    if not links:
        return ()  # most posts link no file: resolving their folder (a stat a level) is not needed
    folder = post.folder.resolve()
    shown_folder = posixpath.dirname(post.shown)
    for target, line in links:
        where = post.body_line + line - 1
        candidate = (post.folder / target).resolve()
        if not candidate.is_relative_to(folder):
            report.error(
                post.shown,
                f"tệp đính kèm '{target}' nằm ngoài thư mục của bài viết; hãy đặt tệp cạnh bài "
                "(bài dạng thư mục: <tên-bài>/index.md).",
                line=where,
            )
        elif not candidate.is_file() and not _has_nfc_name(post.folder, target):
            report.error(
                post.shown, f"không tìm thấy tệp đính kèm '{target}' trong thư mục {shown_folder}/.", line=where
            )
        elif not post.is_bundle:
            report.error(
                post.shown,
                f"tệp đính kèm '{target}' chỉ được đăng kèm bài dạng thư mục: chuyển bài thành "
                f"<tên-bài>/index.md và đặt tệp bên cạnh.",
                line=where,
            )
    return tuple(dict.fromkeys(target for target, _line in links))


def link_state(post_folder: Path, target: str) -> tuple[object, ...]:
    """What check_attachments finds of one linked file (see reader.reference_state)."""
    candidate = (post_folder / target).resolve()
    if not candidate.is_relative_to(post_folder.resolve()):
        return ("outside",)
    if candidate.is_file():
        return ("file",)
    return ("missing", _has_nfc_name(post_folder, target))


def _has_nfc_name(folder: Path, target: str) -> bool:
    """A file saved from macOS has a decomposed (NFD) name on disk; the link in the post is NFC."""
    wanted = nfc(posixpath.normpath(target))
    return any(nfc(p.relative_to(folder).as_posix()) == wanted for p in folder.rglob("*") if p.is_file())
