"""Live preview (`mkdocs serve --dirty`): what outlives rebuilds, and which pages a save changed.

The site folder of a dirty serve keeps its pages between rebuilds, so only pages whose fingerprint
changed are rendered again; posts are re-read only when their file changed (ContentCache), and the
views and related posts of unchanged posts are reused (RenderMemo)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..content.post import Post
from ..content.validate import ContentCache
from ..pages import PageSpec, PortalPages
from ..pages.fingerprint import Fingerprinter, changed_pages
from ..pages.model import RenderMemo


class PreviewState:
    def __init__(self) -> None:
        self.content_cache = ContentCache()
        self.render_memo = RenderMemo()
        self.fingerprints: dict[str, int] = {}
        self.post_tokens: dict[int, tuple[Post, int]] = {}

    def pages_to_render(
        self,
        pages: PortalPages,
        generated: list[File],
        by_src: dict[str, PageSpec],
        config: MkDocsConfig,
        package_dir: Path,
    ) -> list[File]:
        salt = (self.content_cache.registry_key, newest_mtime(config, package_dir))
        previous = self.fingerprints
        changed, self.fingerprints = changed_pages(pages, previous, Fingerprinter(salt, self.post_tokens))
        for url in previous.keys() - self.fingerprints.keys():  # a renamed or deleted post
            (Path(config.site_dir) / url / "index.html").unlink(missing_ok=True)
        return [
            page_file
            for page_file in generated
            if by_src[page_file.src_uri].url in changed or not Path(page_file.abs_dest_path).exists()
        ]


def newest_mtime(config: MkDocsConfig, package_dir: Path) -> int:
    """Templates, styles and mkdocs.yml change every page: their newest mtime salts fingerprints."""
    roots = [package_dir / "templates", package_dir / "assets"]
    if config.theme.custom_dir:
        roots.append(Path(config.theme.custom_dir))
    stamps = [Path(config.config_file_path).stat().st_mtime_ns] if config.config_file_path else [0]
    stamps.extend(p.stat().st_mtime_ns for root in roots if root.is_dir() for p in root.rglob("*") if p.is_file())
    return max(stamps)
