"""Options of the `zoneportal` plugin in mkdocs.yml, and their conversion into the core's settings.

Every default comes from the core (settings.py, UrlScheme, ImageSettings, PageSizes): the options
here only say how mkdocs.yml spells them."""

from __future__ import annotations

from dataclasses import fields

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig

from ..editor.backend import BackendKind, EditorBackend
from ..output.build_cache import DEFAULT_DIR as BUILD_CACHE_DIR
from ..output.seo import SiteMeta
from ..pages.home import read_home_layout
from ..pages.identity import read_identity
from ..pages.model import PageSizes
from ..pages.urls import URL_PREFIX, UrlScheme
from ..photos.variants import ImageSettings
from ..settings import DocumentSettings, LegalInfo, PhotoSettings, PortalSettings

URLS, IMAGES, PHOTOS, SIZES, PORTAL = UrlScheme(), ImageSettings(), PhotoSettings(), PageSizes(), PortalSettings()
LEGAL, DOCUMENTS = LegalInfo(), DocumentSettings()
EDITOR = EditorBackend()


def text_options(
    name: str, defaults: object, *, skip: frozenset[str] = frozenset(), option: type[opt.Type[str]] | None = None
) -> type[Config]:
    """A sub-config with one text option per field of a core settings dataclass, defaulting to
    that field's value: the field list is written once, in the core."""
    make = option or (lambda default: opt.Type(str, default=default))
    schema = {f.name: make(getattr(defaults, f.name)) for f in fields(defaults) if f.name not in skip}
    return type(name, (Config,), schema)  # type: ignore[arg-type]


class UrlPrefix(opt.Type[str]):
    """A URL prefix: `posts: ../../x` or `/etc` wrote pages outside the site folder."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not URL_PREFIX.fullmatch(text):
            raise ValidationError(
                f"cần chữ không dấu, số, '-' (nhiều đoạn thì cách bằng '/', không bắt đầu bằng '/' "
                f"hay '.'), ví dụ tin-tuc; không phải {text!r}."
            )
        return text


class BoundedInt(opt.Type[int]):
    """A whole number within limits: `page_size: 0` is a clear message, not a ZeroDivisionError."""

    def __init__(self, default: int, minimum: int = 1, maximum: int | None = None) -> None:
        super().__init__(int, default=default)
        self.minimum, self.maximum = minimum, maximum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"cần một số nguyên, không phải {value!r}.")
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            upper = f" đến {self.maximum}" if self.maximum is not None else " trở lên"
            raise ValidationError(f"cần một số nguyên từ {self.minimum}{upper}, không phải {value}.")
        return value


# The board's legal footer, shown on every page (thông tin pháp lý của cơ quan).
LegalOptions = text_options("LegalOptions", LEGAL)
# URL prefixes; the feed's file name is not a prefix and stays fixed.
UrlPrefixes = text_options("UrlPrefixes", URLS, skip=frozenset({"feed_name"}), option=UrlPrefix)


class ImageOptions(Config):
    """The photo pipeline: widths of the published variants, quality, limits and cache."""

    widths = opt.ListOfItems(BoundedInt(0, minimum=0, maximum=10000), default=list(IMAGES.widths))  # 0 is ignored
    webp_quality = BoundedInt(IMAGES.webp_quality, maximum=100)
    jpeg_quality = BoundedInt(IMAGES.jpeg_quality, maximum=100)
    # Photos with more pixels are refused (decompression bombs, unreduced scans).
    max_megapixels = BoundedInt(IMAGES.max_pixels // 1_000_000)
    cache_dir = opt.Type(str, default=PHOTOS.cache_dir)
    workers = BoundedInt(PHOTOS.workers, minimum=0)


class IdentityOptions(Config):
    """Nhận diện (README): emblem, masthead lines, colours, banner; checked by pages/identity.py."""

    logo = opt.Type(str, default="")  # relative to docs_dir: PNG (an SVG needs a PNG of the same name beside)
    short_name = opt.Type(str, default="")
    agency = opt.Type(str, default="")  # default: legal.agency
    governing_body = opt.Type(str, default="")  # default: legal.governing_body
    banner = opt.Type(str, default="")
    colors = opt.Type(dict, default={})


class EditorOptions(Config):
    """The web editor at /admin/ (README, Trình soạn bài): which git server it saves to."""

    enabled = opt.Type(bool, default=True)
    backend = opt.Choice(tuple(kind.value for kind in BackendKind), default=EDITOR.kind.value)
    repo = opt.Type(str, default=EDITOR.repo)  # owner/name on the git server
    base_url = opt.Type(str, default=EDITOR.base_url)  # https://git.example.vn (GitHub: the board's OAuth relay)
    api_root = opt.Type(str, default=EDITOR.api_root)  # only when the server's API is not at the usual path
    app_id = opt.Type(str, default=EDITOR.app_id)  # OAuth application (Client ID); PKCE: no secret in the site
    branch = opt.Type(str, default=EDITOR.branch)
    local_url = opt.Type(str, default=EDITOR.local_url)  # decap-server (`make edit`)


class DocumentOptions(Config):
    """The văn bản register (`documents/`) and the attachments of posts."""

    dir = opt.Type(str, default=DOCUMENTS.dir)
    attachment_types = opt.ListOfItems(opt.Type(str), default=list(DOCUMENTS.attachment_types))
    cache_dir = opt.Type(str, default=DOCUMENTS.cache_dir)


class PublishOptions(Config):
    """`zoneportal publish`: releases kept on the server (the one being served is always kept)."""

    keep = opt.Type(int, default=5)


class PortalConfig(Config):
    posts_dir = opt.Type(str, default=PORTAL.posts_dir)
    page_size = BoundedInt(SIZES.listing)
    home_size = BoundedInt(SIZES.home)
    drafts = opt.Type(bool, default=PORTAL.drafts)
    urls = opt.SubConfig(UrlPrefixes)
    legal = opt.SubConfig(LegalOptions)
    images = opt.SubConfig(ImageOptions)
    documents = opt.SubConfig(DocumentOptions)
    gallery_page_size = BoundedInt(SIZES.gallery)
    workers = BoundedInt(PORTAL.workers, minimum=0)
    import_category = opt.Type(str, default=PORTAL.import_category)
    search = opt.Type(bool, default=PORTAL.search)
    search_shard_size = BoundedInt(PORTAL.search_shard_size, minimum=1)
    atomic_output = opt.Type(bool, default=PORTAL.atomic_output)
    build_lock_timeout = BoundedInt(PORTAL.build_lock_timeout, minimum=0)
    iframe_hosts = opt.ListOfItems(opt.Type(str), default=list(PORTAL.iframe_hosts))
    identity = opt.SubConfig(IdentityOptions)
    # Front-page blocks and the top menu: plain mappings, read by pages/home.py and pages/identity.py.
    home = opt.Type(dict, default={})
    menu = opt.Type(list, default=[])
    # Rendered pages kept between `mkdocs build`s (output/build_cache.py); "" turns it off.
    build_cache = opt.Type(str, default=BUILD_CACHE_DIR)
    editor = opt.SubConfig(EditorOptions)
    publish = opt.SubConfig(PublishOptions)


def portal_settings(options: PortalConfig, config: MkDocsConfig, logo: str | None = None) -> PortalSettings:
    """mkdocs.yml (the plugin's options and the site's own name, URL, description, logo) as core settings.

    `logo` is the site-relative emblem drawn for search engines (mkdocs/identity.py); mistakes in the
    identity, home and menu keys are IdentityErrors (Vietnamese, naming the key)."""
    images = options.images
    legal = options.legal
    identity = read_identity(dict(options.identity), legal.agency, legal.governing_body, config.site_name)
    return PortalSettings(
        site=SiteMeta.of(
            name=config.site_name,
            site_url=config.site_url,
            description=config.site_description,
            publisher=options.legal.agency,
            logo=logo or config.theme.get("logo"),
            parent=options.legal.governing_body,
        ),
        posts_dir=options.posts_dir,
        sizes=PageSizes(listing=options.page_size, home=options.home_size, gallery=options.gallery_page_size),
        drafts=options.drafts,
        urls=UrlScheme(**dict(options.urls)),
        legal=LegalInfo(**{f.name: options.legal[f.name] for f in fields(LegalInfo)}),
        photos=PhotoSettings(
            encoding=ImageSettings(
                widths=tuple(sorted({w for w in images.widths if w > 0})) or IMAGES.widths,
                webp_quality=images.webp_quality,
                jpeg_quality=images.jpeg_quality,
                max_pixels=images.max_megapixels * 1_000_000,
            ),
            cache_dir=images.cache_dir,
            workers=images.workers,
        ),
        documents=DocumentSettings(
            dir=options.documents.dir,
            attachment_types=tuple(options.documents.attachment_types),
            cache_dir=options.documents.cache_dir,
        ),
        workers=options.workers,
        import_category=options.import_category,
        search=options.search,
        search_shard_size=options.search_shard_size,
        atomic_output=options.atomic_output,
        build_lock_timeout=options.build_lock_timeout,
        iframe_hosts=tuple(options.iframe_hosts),
        identity=identity,
        home=read_home_layout(options.home),
        menu=tuple(options.menu),
    )
