"""The plan as MkDocs files: a virtual Markdown file per planned page, the files beside posts,
the RSS documents and the portal's own assets (`File.generated`, nothing written into docs/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..content.problems import ProblemReport
from ..pages import PageKind, PageSpec
from ..pages.urls import src_uri
from ..plan import PortalPlan
from ..settings import PortalSettings
from ..vi import heading_slug
from .documents import attachment_files
from .photos import LIGHTBOX_JS, VENDOR_FILES, post_files

PACKAGE_DIR = Path(__file__).parents[1]
# Served as they are; the stylesheet and every-page script are merged (output/assets.py, mkdocs/look.py)
# and linked by main.html: one render-blocking stylesheet, print CSS with media="print".
ASSETS = ("zp-print.css",)
# Served from the site, linked only from pages that show a lightbox.
LAZY_ASSETS = (LIGHTBOX_JS[1], *(f"assets/zoneportal/vendor/glightbox/{name}" for name in VENDOR_FILES))
# Scripts that only some pages load (the search page, the share buttons of posts).
SCRIPTS = ("search.js", "share.js")


@dataclass
class PlannedFiles:
    """Our pages among MkDocs' files: `pages` leave MkDocs' render loop, `by_src` answers page events."""

    pages: list[File] = field(default_factory=list)
    by_src: dict[str, PageSpec] = field(default_factory=dict)
    problems: ProblemReport = field(default_factory=ProblemReport)
    # The theme's templates (our templates/ and the site's overrides/ included): what articles'
    # lists of attachments and documents are rendered with (mkdocs/page_html.py).
    templates: Environment | None = None


def add_planned_files(plan: PortalPlan, files: Files, config: MkDocsConfig) -> PlannedFiles:
    planned = PlannedFiles(templates=config.theme.get_env())
    for spec in plan.pages:
        uri = src_uri(spec.url)
        planned.by_src[uri] = spec
        if files.get_file_from_path(uri) is not None:
            if spec.kind is PageKind.HOME:
                continue  # docs/index.md is the home page's introduction
            message = f"trùng địa chỉ /{spec.url} với trang do cổng sinh tự động."
            planned.problems.error(f"docs/{uri}", message)
            continue
        inclusion = InclusionLevel.INCLUDED if spec.in_overview else InclusionLevel.NOT_IN_NAV
        page_file = File.generated(config, uri, content=spec.markdown, inclusion=inclusion)
        files.append(page_file)
        planned.pages.append(page_file)
        if spec.view is not None:
            photos = plan.post_photos.get(spec.view.post.source.as_posix())
            for file in post_files(spec.view.post, spec.url, photos, config):
                files.append(file)
    # Attachments of posts and of register entries: their metadata-free copies (documents/).
    for file in attachment_files(plan.documents, config):
        files.append(file)
    for path, rss in plan.rss.items():
        files.append(File.generated(config, path, content=rss))
    return planned


def watched_folders(project_root: Path, settings: PortalSettings) -> list[str]:
    """What `mkdocs serve` watches besides docs/: the posts and, when there is one, the register."""
    folders = (project_root / settings.posts_dir, project_root / settings.documents.dir)
    return [str(folder) for folder in folders if folder.is_dir()]


def register_theme(config: MkDocsConfig) -> None:
    """Our templates before the theme's (a site's overrides/ still wins) and Vietnamese heading anchors."""
    theme_dirs = config.theme.dirs
    theme_dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE_DIR / "templates"))
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("slugify", heading_slug)
    if "toc" not in config.markdown_extensions:
        config.markdown_extensions.append("toc")


# Material's own search: lunr, its language files and the web worker (~0.9 MB, 35 files). The portal
# searches with Pagefind; without Material's search plugin no page has the search component that
# would start the worker, so these were copied and compressed on every build for nothing.
MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def add_assets(files: Files, config: MkDocsConfig) -> None:
    if not any(name in config.plugins for name in ("search", "material/search")):
        for unused in [file for file in files if file.src_uri.startswith(MATERIAL_SEARCH_FILES)]:
            files.remove(unused)
    for asset in ASSETS:
        source = str(PACKAGE_DIR / "assets" / asset)
        files.append(File.generated(config, f"assets/zoneportal/{asset}", abs_src_path=source))
    for target in (*LAZY_ASSETS, *(f"assets/zoneportal/{name}" for name in SCRIPTS)):
        source = str(PACKAGE_DIR / "assets" / target.removeprefix("assets/zoneportal/"))
        files.append(File.generated(config, target, abs_src_path=source, inclusion=InclusionLevel.NOT_IN_NAV))
