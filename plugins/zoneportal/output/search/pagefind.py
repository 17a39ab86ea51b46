"""Write phase of search: search documents → a folder of small HTML files → Pagefind's static index.

Pagefind runs as `python -m pagefind` (the `pagefind[bin]` wheel ships the binary but no console
script) over a temporary folder of search documents, and writes its bundle into the built site.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ...content.problems import StaffError
from .documents import SearchDocument, render_document

BUNDLE_DIR = "pagefind"


class SearchIndexError(StaffError):
    """Pagefind failed; the message says so in Vietnamese, with Pagefind's own words."""


def write_document(doc: SearchDocument, target: Path) -> None:
    target.write_text(render_document(doc), encoding="utf-8")


def write_search_index(
    documents: Iterable[SearchDocument],
    site_dir: Path,
    *,
    language: str = "vi",
    write: Callable[[SearchDocument, Path], None] = write_document,
) -> Path:
    """Index `documents` into `site_dir/pagefind/` (replacing any older bundle) and return that folder.
    `write` puts one document's HTML at a path (the build cache links documents it rendered before)."""
    bundle = site_dir / BUNDLE_DIR
    # Pagefind never deletes files; `mkdocs serve` builds again and again into one folder.
    shutil.rmtree(bundle, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="zoneportal-search-") as tmp:
        source = Path(tmp)
        count = 0
        for doc in documents:
            target = source / doc.path
            target.parent.mkdir(parents=True, exist_ok=True)
            write(doc, target)
            count += 1
        if count == 0:
            return bundle
        command = [
            sys.executable, "-m", "pagefind",
            "--site", str(source),
            "--output-path", str(bundle.resolve()),
            "--force-language", language,
            "--quiet",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind không tạo được chỉ mục tìm kiếm: " + " | ".join(detail))
    return bundle
