"""Where each kind of page lives; prefixes come from mkdocs.yml, the shapes are fixed here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.post import Post

# Filter pages of the photo gallery: /thu-vien-anh/nam/2023/, /thu-vien-anh/to-chuc/<khóa>/.
ALBUM_YEARS = "nam"
ALBUM_COMMITTEES = "to-chuc"
# A prefix is one or more path segments of URL-safe letters: "", "/etc" or "../x" would write pages
# outside the site folder (MkDocs joins the URL to site_dir as a path).
URL_PREFIX = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")


@dataclass(frozen=True)
class UrlScheme:
    posts: str = "tin-tuc"
    categories: str = "chuyen-muc"
    archive: str = "luu-tru"
    authors: str = "tac-gia"
    committees: str = "to-chuc"
    terms: str = "nhiem-ky"
    tags: str = "the"
    gallery: str = "thu-vien-anh"
    page: str = "trang"
    search: str = "tim-kiem"
    feed_name: str = "rss.xml"

    def post(self, post: Post) -> str:
        return f"{self.posts}/{post.date.year}/{post.date.month:02d}/{post.slug}/"

    def category(self, key: str, number: int = 1) -> str:
        return self._paged(f"{self.categories}/{key}/", number)

    def author(self, key: str, number: int = 1) -> str:
        return self._paged(f"{self.authors}/{key}/", number)

    def tag(self, slug: str, number: int = 1) -> str:
        return self._paged(f"{self.tags}/{slug}/", number)

    def committee(self, key: str, number: int = 1) -> str:
        return self._paged(f"{self.committees}/{key}/", number)

    def term(self, committee: str, term: str) -> str:
        return f"{self.terms}/{committee}/{term}/"

    def year(self, year: int) -> str:
        return f"{self.archive}/{year}/"

    def albums(self, number: int = 1) -> str:
        return self._paged(f"{self.gallery}/", number)

    def album(self, slug: str) -> str:
        return f"{self.gallery}/{slug}/"

    def albums_of_year(self, year: int, number: int = 1) -> str:
        return self._paged(f"{self.gallery}/{ALBUM_YEARS}/{year}/", number)

    def albums_of_committee(self, key: str, number: int = 1) -> str:
        return self._paged(f"{self.gallery}/{ALBUM_COMMITTEES}/{key}/", number)

    def reserved_album_slugs(self) -> set[str]:
        """Folders of the gallery that are not albums: an album never takes these names."""
        return {ALBUM_YEARS, ALBUM_COMMITTEES, self.page}

    def search_page(self) -> str:
        return f"{self.search}/"

    def feed(self) -> str:
        """The RSS feed of the whole site."""
        return self.feed_name

    def _paged(self, base: str, number: int) -> str:
        return base if number == 1 else f"{base}{self.page}/{number}/"


def src_uri(url: str) -> str:
    """The virtual Markdown file that MkDocs turns into `url` (directory URLs)."""
    return f"{url}index.md" if url else "index.md"
