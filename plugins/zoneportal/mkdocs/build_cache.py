"""`mkdocs build` with the build cache (output/build_cache.py): which of our pages must be rendered,
the others linked from the cache into the staging folder, and the rendered ones stored after."""

from __future__ import annotations

import logging
import sys
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation

from ..content.validate import REGISTRY_FILES
from ..digests import files_digest, package_digest, tree_digest
from ..output.build_cache import BuildCache, CacheUnusable, PageKeys, digest, unusable_notice
from ..output.feeds import Feed
from ..output.finish_cache import FinishedPages
from ..pages import PageSpec
from ..plan import PortalPlan

log = logging.getLogger("mkdocs.plugins.zoneportal")

# What renders a page besides our code: a new version of any of them may change every page.
RENDERING_DISTRIBUTIONS = (
    "mkdocs", "properdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe",
    "nh3", "pygments", "babel",
)  # fmt: skip


def _versions() -> list[tuple[str, str]]:
    found = []
    for name in RENDERING_DISTRIBUTIONS:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "-"))
    return found


def _plugin_versions(config: MkDocsConfig) -> list[tuple[str, str]]:
    """Other plugins on the page events: their names and their packages' versions."""
    found = []
    for name, plugin in config.plugins.items():
        top = type(plugin).__module__.split(".")[0]
        found.append((name, top, str(getattr(sys.modules.get(top), "__version__", ""))))
    return found  # type: ignore[return-value]


def _nav_outline(items: list, out: list[object]) -> None:  # type: ignore[type-arg]
    for item in items:
        out.append((type(item).__name__, item.title, getattr(item, "url", None)))
        children = getattr(item, "children", None)
        if children:
            out.append("(")
            _nav_outline(children, out)
            out.append(")")


def code_salt() -> str:
    """Our code, templates and assets, and the versions of what renders pages."""
    return digest(repr([Path(sys.argv[0]).name, _versions(), package_digest()]))


def build_salt(config: MkDocsConfig, code: str, posts_dir: Path, nav: Navigation, feeds: list[Feed]) -> str:
    """What every page shares: if any of it changes, no cached page is reused."""
    nav_items: list[object] = []
    _nav_outline(nav.items, nav_items)
    config_file = Path(config.config_file_path) if config.config_file_path else None
    parts: list[object] = [
        code,  # with the host's name: mkdocs and properdocs name themselves in the pages
        _plugin_versions(config),
        files_digest([config_file], config_file.parent) if config_file else "-",
        tree_digest(Path(config.theme.custom_dir)) if config.theme.custom_dir else "-",
        files_digest([posts_dir / name for name in REGISTRY_FILES], posts_dir),
        nav_items,
        [(feed.path, feed.title, feed.page_url) for feed in feeds],
        config.site_url,
        config.use_directory_urls,
    ]
    return digest(repr(parts))


class PageCache:
    """One build's use of the cache: `select()` before rendering, `finish()` before publishing."""

    def __init__(self, folder: Path) -> None:
        self.cache = BuildCache(folder)
        self.keys: dict[str, str] = {}  # src_uri → key, of the pages rendered in this build
        self.page_keys: dict[str, str] = {}
        self.pending: set[str] = set()  # site paths (dest_uri) of the pages that come from the cache
        self.finished: FinishedPages | None = None  # site path (dest_uri) → key, of every cached page

    def select(
        self,
        plan: PortalPlan,
        pages: list[File],
        by_src: dict[str, PageSpec],
        config: MkDocsConfig,
        nav: Navigation,
        shared: object = None,
    ) -> list[File]:
        """Which pages must be rendered; the others come from the cache, linked into the site folder
        when it is finished (finish_site), already finished where the cache has them so.
        `shared`: site-wide context every page shows (menu, latest posts), part of every key."""
        notice = self.cache.open()
        if notice:
            log.warning(notice)
        root = Path(config.config_file_path or ".").resolve().parent
        self.cache.code_salt = code = code_salt()
        keys = PageKeys(build_salt(config, code, root / plan.settings.posts_dir, nav, plan.feeds), root)
        keys.share(shared)
        todo = []
        for page_file in pages:
            key = keys.key(by_src[page_file.src_uri])
            self.page_keys[page_file.dest_uri] = key
            try:
                reused = self.cache.reuse(key)
            except CacheUnusable as exc:
                log.warning(unusable_notice(self.cache.folder, exc))
                self.cache.clear()
                self.keys, self.pending = {}, set()
                return self._all_again(pages, by_src, keys)
            if reused:
                self.pending.add(page_file.dest_uri)
            else:
                self.keys[page_file.src_uri] = key
                todo.append(page_file)
        return todo

    def _all_again(self, pages: list[File], by_src: dict[str, PageSpec], keys: PageKeys) -> list[File]:
        self.cache.reused = 0
        for page_file in pages:
            self.keys[page_file.src_uri] = keys.key(by_src[page_file.src_uri])
        return list(pages)

    def finish(self, rendered: list[File]) -> FinishedPages:
        """Store the rendered pages; what finish_site uses to reuse finished pages (then `save()`)."""
        for page_file in rendered:
            key = self.keys.get(page_file.src_uri)
            if key is not None:
                self.cache.store(key, Path(page_file.abs_dest_path))
        self.finished = FinishedPages(self.cache, self.page_keys, self.pending)
        return self.finished

    def save(self) -> None:
        self.cache.save()
        reused_finished = self.finished.reused if self.finished is not None else 0
        log.info(
            f"zoneportal: {self.cache.reused} trang lấy từ bộ nhớ đệm, {self.cache.stored} trang dựng mới"
            f" ({reused_finished} trang đã hoàn thiện sẵn)."
        )


def open_page_cache(config: MkDocsConfig, folder: str) -> PageCache | None:
    """The build cache of a `mkdocs build`, in `folder` of the project (none when `build_cache: ""`)."""
    if not folder:
        return None
    return PageCache(Path(config.config_file_path or ".").resolve().parent / folder)
