"""MkDocs side of the image pipeline (`photos/` itself knows nothing of MkDocs): files, filters, pages.

- Each post's original photos are known to MkDocs as `OriginalPhoto` files: links to them validate
  quietly, and MkDocs never copies them (the pipeline publishes metadata-free variants instead).
- Other files of a bundle: attachments of allowed types are published as metadata-free copies
  (`zoneportal.documents`), everything else is not published (`zoneportal.content.bundle`).
- Templates get `zp_picture` and `zp_lightbox` filters; article bodies get their photos rewritten;
  pages with a lightbox link the vendored GLightbox.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import url_filter

from ..content.post import Post
from ..content.problems import ProblemReport
from ..photos.markup import add_lightbox_assets, lightbox_picture, needs_lightbox, picture_html, rewrite_body
from ..photos.pipeline import PhotoPipeline
from ..photos.variants import PostPhotos, PublishedPhoto

LIGHTBOX_CSS = "assets/zoneportal/vendor/glightbox/glightbox.min.css"
LIGHTBOX_JS = ("assets/zoneportal/vendor/glightbox/glightbox.min.js", "assets/zoneportal/lightbox.js")
VENDOR_FILES = ("glightbox.min.js", "glightbox.min.css", "LICENSE.txt")
POST_GALLERY = "bai-viet"

log = logging.getLogger("mkdocs.plugins.zoneportal")


class OriginalPhoto(File):
    """A photo as staff put it beside the post. Never copied: it may carry GPS; its variants are published."""

    def copy_file(self, dirty: bool = False) -> None:
        return None


def post_files(post: Post, post_url: str, photos: PostPhotos | None, config: MkDocsConfig) -> list[File]:
    """The post's photos as MkDocs files that are never copied (links to them validate; the
    pipeline publishes their variants). Attachments are published from their cleaned copies
    (`documents.catalog`); nothing else of a bundle is (`content/bundle.py` says what and why)."""
    files: dict[str, File] = {}
    for photo in photos.album if photos else ():
        uri = post_url + posixpath.normpath(photo.src)
        files[uri] = OriginalPhoto.generated(
            config, uri, abs_src_path=str(photo.source), inclusion=InclusionLevel.NOT_IN_NAV
        )
    return list(files.values())


def rewrite_post_body(html: str, photos: PostPhotos, post_url: str, page_url: str) -> str:
    """An article's own `<img>`s become responsive pictures in the post's lightbox gallery."""
    table: dict[str, PublishedPhoto] = {}
    for photo in photos.album + photos.gallery + photos.body:
        best = photos.find(photo.source)
        if best is not None:
            table.setdefault(posixpath.normpath(photo.src), best)

    def href(url: str) -> str:
        return get_relative_url(url, page_url) if page_url else url

    return rewrite_body(html, table.get, POST_GALLERY, href)


def add_lightbox(html: str, page_url: str) -> str:
    if not needs_lightbox(html):
        return html
    return add_lightbox_assets(
        html,
        get_relative_url(LIGHTBOX_CSS, page_url),
        [get_relative_url(src, page_url) for src in LIGHTBOX_JS],
    )


def register_filters(env: Environment) -> None:
    """`{{ photo | zp_picture(sizes="teaser") }}`, `{{ photo | zp_lightbox("album") }}`: URLs relative to the page."""

    @pass_context
    def zp_picture(context: Any, photo: PublishedPhoto, **options: Any) -> Markup:
        return Markup(picture_html(photo, lambda url: url_filter(context, url), **options))

    @pass_context
    def zp_lightbox(context: Any, photo: PublishedPhoto, gallery: str, **options: Any) -> Markup:
        return Markup(lightbox_picture(photo, lambda url: url_filter(context, url), gallery, **options))

    env.filters["zp_picture"] = zp_picture
    env.filters["zp_lightbox"] = zp_lightbox


def finish_photos(photos: PhotoPipeline, site_dir: Path) -> ProblemReport:
    """Wait for the encoders and write the variants into `site_dir`; say what the build did."""
    report = photos.finish(site_dir)
    stats = photos.stats
    log.info(
        f"zoneportal: {stats.distinct} ảnh, {stats.encoded} ảnh mã hóa mới, {stats.reused} lấy từ bộ đệm "
        f"({stats.encode_cpu_seconds:.1f} s CPU)."
    )
    return report
