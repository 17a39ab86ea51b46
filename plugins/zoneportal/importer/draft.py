"""What every kind of export (text file, saved HTML page, WordPress item) becomes before it is planned
as a post: the article's fields, its body in Markdown, its photos, and what was left out and why.

The content key identifies an article by what it says, not by its file's name: a hash of the
normalised text (NFC, whitespace runs as one space, no blank lines), so a copy saved under another
name, with other line endings or in another encoding is the same article, and a different article
that happens to share a file name is not.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..vi import nfc
from .article import Dropped
from .bylines import Byline
from .committees import CommitteeMention
from .dates import FoundDate
from .fields import EventMention, TermMention

KEY_PREFIX = "sha256:"
# A link to another page of the old portal, replaced once every article's new address is known.
PAGE_LINK = "zp-trang-cu:"


@dataclass
class PhotoRef:
    """A photo the article shows: `file` when found inside the import folder, else missing."""

    src: str  # as the page wrote it
    caption: str | None = None
    file: Path | None = None
    refused: str | None = None  # why a file was not read (outside the folder, a symlink)
    inline: bool = False  # shown in the body where it stood ("![caption](name)")
    token: str = ""  # placeholder in the body, replaced by the Markdown image once named


@dataclass
class Draft:
    title: str
    date: FoundDate | None
    byline: Byline | None
    committee: CommitteeMention | None
    terms: list[TermMention]
    event: EventMention | None
    body: str
    content_key: str
    photos: list[PhotoRef] = field(default_factory=list)
    # Names of the old portal's categories (breadcrumb, WordPress categories), to map to ours.
    category_names: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    draft: bool = False
    # Mirror paths of other old pages this body links to (PAGE_LINK placeholders).
    page_links: list[str] = field(default_factory=list)
    # Documents (PDF, Word …) the body links to, found in the mirror → their name in the post's folder;
    # the body already links to that name, so they publish as the article's attachments.
    attachments: list[tuple[Path, str]] = field(default_factory=list)


_BLANKS = re.compile(r"\s+")


def content_key(*texts: str) -> str:
    """A hash of the normalised text: NFC, any run of whitespace (line breaks too) as one space."""
    normalised = " ".join(_BLANKS.sub(" ", nfc(text)).strip() for text in texts if text.strip())
    return KEY_PREFIX + hashlib.sha256(normalised.encode("utf-8")).hexdigest()
