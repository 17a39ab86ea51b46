"""Options of the `zoneportal` plugin in mkdocs.yml, and their conversion into the core's settings.

Every default comes from the core (settings.py, UrlScheme, ImageSettings, PageSizes): the options
here only say how mkdocs.yml spells them."""

from __future__ import annotations

from dataclasses import fields

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from ..output.seo import SiteMeta
from ..pages.model import PageSizes
from ..pages.urls import UrlScheme
from ..photos.variants import ImageSettings
from ..settings import LegalInfo, PhotoSettings, PortalSettings

URLS, IMAGES, PHOTOS, SIZES, PORTAL = UrlScheme(), ImageSettings(), PhotoSettings(), PageSizes(), PortalSettings()
LEGAL = LegalInfo()


class LegalOptions(Config):
    """The board's legal footer, shown on every page (thông tin pháp lý của cơ quan)."""

    agency = opt.Type(str, default=LEGAL.agency)
    governing_body = opt.Type(str, default=LEGAL.governing_body)
    responsible = opt.Type(str, default=LEGAL.responsible)
    address = opt.Type(str, default=LEGAL.address)
    phone = opt.Type(str, default=LEGAL.phone)
    email = opt.Type(str, default=LEGAL.email)
    licence = opt.Type(str, default=LEGAL.licence)


class UrlPrefixes(Config):
    posts = opt.Type(str, default=URLS.posts)
    categories = opt.Type(str, default=URLS.categories)
    archive = opt.Type(str, default=URLS.archive)
    authors = opt.Type(str, default=URLS.authors)
    committees = opt.Type(str, default=URLS.committees)
    terms = opt.Type(str, default=URLS.terms)
    tags = opt.Type(str, default=URLS.tags)
    gallery = opt.Type(str, default=URLS.gallery)
    page = opt.Type(str, default=URLS.page)
    search = opt.Type(str, default=URLS.search)


class ImageOptions(Config):
    """The photo pipeline: widths of the published variants, quality, limits and cache."""

    widths = opt.ListOfItems(opt.Type(int), default=list(IMAGES.widths))
    webp_quality = opt.Type(int, default=IMAGES.webp_quality)
    jpeg_quality = opt.Type(int, default=IMAGES.jpeg_quality)
    # Photos with more pixels are refused (decompression bombs, unreduced scans).
    max_megapixels = opt.Type(int, default=IMAGES.max_pixels // 1_000_000)
    cache_dir = opt.Type(str, default=PHOTOS.cache_dir)
    workers = opt.Type(int, default=PHOTOS.workers)


class PortalConfig(Config):
    posts_dir = opt.Type(str, default=PORTAL.posts_dir)
    page_size = opt.Type(int, default=SIZES.listing)
    home_size = opt.Type(int, default=SIZES.home)
    drafts = opt.Type(bool, default=PORTAL.drafts)
    urls = opt.SubConfig(UrlPrefixes)
    legal = opt.SubConfig(LegalOptions)
    images = opt.SubConfig(ImageOptions)
    gallery_page_size = opt.Type(int, default=SIZES.gallery)
    workers = opt.Type(int, default=PORTAL.workers)
    import_category = opt.Type(str, default=PORTAL.import_category)
    search = opt.Type(bool, default=PORTAL.search)
    atomic_output = opt.Type(bool, default=PORTAL.atomic_output)


def portal_settings(options: PortalConfig, config: MkDocsConfig) -> PortalSettings:
    """mkdocs.yml (the plugin's options and the site's own name, URL, description, logo) as core settings."""
    images = options.images
    return PortalSettings(
        site=SiteMeta.of(
            name=config.site_name,
            site_url=config.site_url,
            description=config.site_description,
            publisher=options.legal.agency,
            logo=config.theme.get("logo"),
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
        workers=options.workers,
        import_category=options.import_category,
        search=options.search,
        atomic_output=options.atomic_output,
    )
