"""Options of the `zoneportal` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class LegalInfo(Config):
    """The board's legal footer, shown on every page (thông tin pháp lý của cơ quan)."""

    agency = opt.Type(str, default="")
    governing_body = opt.Type(str, default="")
    responsible = opt.Type(str, default="")
    address = opt.Type(str, default="")
    phone = opt.Type(str, default="")
    email = opt.Type(str, default="")
    licence = opt.Type(str, default="")


class UrlPrefixes(Config):
    posts = opt.Type(str, default="tin-tuc")
    categories = opt.Type(str, default="chuyen-muc")
    archive = opt.Type(str, default="luu-tru")
    authors = opt.Type(str, default="tac-gia")
    committees = opt.Type(str, default="to-chuc")
    terms = opt.Type(str, default="nhiem-ky")
    tags = opt.Type(str, default="the")
    gallery = opt.Type(str, default="thu-vien-anh")
    page = opt.Type(str, default="trang")
    search = opt.Type(str, default="tim-kiem")


class ImageOptions(Config):
    """The photo pipeline: widths of the published variants, quality, limits and cache."""

    widths = opt.ListOfItems(opt.Type(int), default=[480, 960, 1600])
    webp_quality = opt.Type(int, default=78)
    jpeg_quality = opt.Type(int, default=80)
    # Photos with more pixels are refused (decompression bombs, unreduced scans).
    max_megapixels = opt.Type(int, default=100)
    # Relative to mkdocs.yml; outside site/ so that publishing never touches it.
    cache_dir = opt.Type(str, default=".cache/zoneportal/images")
    # Encoding processes; 0 means one per CPU core.
    workers = opt.Type(int, default=0)


class PublishOptions(Config):
    """`zoneportal publish`: releases kept on the server (the one being served is always kept)."""

    keep = opt.Type(int, default=5)


class PortalConfig(Config):
    posts_dir = opt.Type(str, default="posts")
    page_size = opt.Type(int, default=10)
    home_size = opt.Type(int, default=8)
    drafts = opt.Type(bool, default=False)
    urls = opt.SubConfig(UrlPrefixes)
    legal = opt.SubConfig(LegalInfo)
    images = opt.SubConfig(ImageOptions)
    gallery_page_size = opt.Type(int, default=12)
    # Processes rendering generated pages; 0 means one per available core.
    workers = opt.Type(int, default=0)
    # Category of posts made by `zoneportal import` unless --category says otherwise.
    import_category = opt.Type(str, default="tin-hoat-dong")
    # Build the Pagefind search index (and the search page) after the site is written.
    search = opt.Type(bool, default=True)
    # Write into a staging folder and swap it in only when the whole build succeeded.
    atomic_output = opt.Type(bool, default=True)
    publish = opt.SubConfig(PublishOptions)
