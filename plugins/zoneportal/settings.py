"""The portal's settings as the core sees them: plain values, one default for each, no host.

A host adapter (mkdocs/config.py) reads its own configuration file and converts it into
`PortalSettings`; every default below is the one the adapter's options start from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields

from .content.bundle import DEFAULT_ATTACHMENT_TYPES
from .content.textfile import UNPRINTABLE
from .output.seo import SiteMeta
from .pages.home import HomeLayout
from .pages.identity import Identity
from .pages.model import PageSizes
from .pages.urls import UrlScheme
from .photos.variants import ImageSettings


@dataclass(frozen=True)
class LegalInfo:
    """The board's legal footer, shown on every page (thông tin pháp lý của cơ quan)."""

    agency: str = ""
    governing_body: str = ""
    responsible: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    licence: str = ""
    # The person the decree asks for (họ tên), shown with the title in `responsible`.
    responsible_name: str = ""


@dataclass(frozen=True)
class PhotoSettings:
    """The photo pipeline: what variants are encoded (`encoding`), where they are cached, on how many cores."""

    encoding: ImageSettings = field(default_factory=ImageSettings)
    # Relative to the project root; outside site/ so that publishing never touches it.
    cache_dir: str = ".cache/zoneportal/images"
    # Encoding processes; 0 means one per CPU core.
    workers: int = 0


@dataclass(frozen=True)
class DocumentSettings:
    """The văn bản register and the attachments of posts (zoneportal.documents)."""

    # Relative to the project root: one folder per document, `types.yml` and `issuers.yml` beside them.
    dir: str = "documents"
    # Extensions published from a post's (or document's) folder; everything else is a warning.
    attachment_types: tuple[str, ...] = DEFAULT_ATTACHMENT_TYPES
    # Cleaned copies, page counts, text and OCR of attachments, by content hash; outside site/.
    cache_dir: str = ".cache/zoneportal/documents"


@dataclass(frozen=True)
class PortalSettings:
    site: SiteMeta = field(default_factory=lambda: SiteMeta(name="", url=""))
    posts_dir: str = "posts"
    sizes: PageSizes = field(default_factory=PageSizes)
    drafts: bool = False
    urls: UrlScheme = field(default_factory=UrlScheme)
    legal: LegalInfo = field(default_factory=LegalInfo)
    photos: PhotoSettings = field(default_factory=PhotoSettings)
    documents: DocumentSettings = field(default_factory=DocumentSettings)
    # Processes rendering generated pages; 0 means one per available core.
    workers: int = 0
    # Category of posts made by `zoneportal import` unless --category says otherwise.
    import_category: str = "tin-hoat-dong"
    # Build the search index (and the search page) after the site is written.
    search: bool = True
    # Search documents per Pagefind index: a larger site is indexed in shards of consecutive months
    # (output/search/shards.py), since Pagefind holds a whole index in memory (~180 KB a document).
    search_shard_size: int = 2000
    # Write into a staging folder and swap it in only when the whole build succeeded.
    atomic_output: bool = True
    # Seconds a build waits for another build of the same site to finish before giving up.
    build_lock_timeout: int = 600
    # Hosts (e.g. www.youtube.com) whose https pages a post body may embed in an <iframe>; none by default.
    iframe_hosts: tuple[str, ...] = ()
    # Nhận diện: masthead, colours, emblem (pages/identity.py); None: the site name alone.
    identity: Identity | None = None
    # Front-page blocks (pages/home.py).
    home: HomeLayout = field(default_factory=HomeLayout)
    # The top menu as mkdocs.yml spells it (read_menu resolves it once the categories are known).
    menu: tuple[object, ...] = ()

    def unprintable_texts(self) -> Iterator[tuple[str, str]]:
        """(setting, character) for each text printed on pages and in feeds that holds a character
        no XML can carry (a control character written as an escape in mkdocs.yml)."""
        texts = {"site_name": self.site.name, "site_description": self.site.description}
        texts |= {f"legal.{f.name}": getattr(self.legal, f.name) for f in fields(LegalInfo)}
        for name, text in texts.items():
            bad = UNPRINTABLE.search(text)
            if bad is not None:
                yield name, bad[0]
