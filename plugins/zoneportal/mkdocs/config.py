"""Options of the `zoneportal` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError


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

    widths = opt.ListOfItems(BoundedInt(0, minimum=16, maximum=10000), default=[480, 960, 1600])
    webp_quality = BoundedInt(78, maximum=100)
    jpeg_quality = BoundedInt(80, maximum=100)
    # Photos with more pixels are refused (decompression bombs, unreduced scans).
    max_megapixels = BoundedInt(100)
    # Relative to mkdocs.yml; outside site/ so that publishing never touches it.
    cache_dir = opt.Type(str, default=".cache/zoneportal/images")
    # Encoding processes; 0 means one per CPU core.
    workers = BoundedInt(0, minimum=0)


class PortalConfig(Config):
    posts_dir = opt.Type(str, default="posts")
    page_size = BoundedInt(10)
    home_size = BoundedInt(8)
    drafts = opt.Type(bool, default=False)
    urls = opt.SubConfig(UrlPrefixes)
    legal = opt.SubConfig(LegalInfo)
    images = opt.SubConfig(ImageOptions)
    gallery_page_size = BoundedInt(12)
    # Processes rendering generated pages; 0 means one per available core.
    workers = BoundedInt(0, minimum=0)
    # Category of posts made by `zoneportal import` unless --category says otherwise.
    import_category = opt.Type(str, default="tin-hoat-dong")
    # Build the Pagefind search index (and the search page) after the site is written.
    search = opt.Type(bool, default=True)
    # Write into a staging folder and swap it in only when the whole build succeeded.
    atomic_output = opt.Type(bool, default=True)
    # Hosts (e.g. www.youtube.com) whose https pages a post body may embed in an <iframe>; none by default.
    iframe_hosts = opt.ListOfItems(opt.Type(str), default=[])
    # Seconds a build waits for another build of the same site to finish before giving up.
    build_lock_timeout = BoundedInt(600, minimum=0)
