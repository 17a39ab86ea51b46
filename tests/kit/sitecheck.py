"""Link checker for a built site, as a static web server with no rewrite rules would serve it.

Every internal link, image, srcset candidate, script, stylesheet, icon and CSS `url()` must name a
file in the site; every `#fragment` on an internal page must name an element id there; assets
(anything the browser loads by itself) must be local. Links that a reader follows to another site
(`<a href="https://…">`) are allowed; what the page loads is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that make the browser fetch something on its own: these must stay local.
ASSET_ATTRS: dict[str, tuple[str, ...]] = {
    "img": ("src",),
    "script": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
SRCSET_TAGS = {"img", "source"}
# <link rel=…> values that make the browser connect or load (canonical/alternate/next/prev are only references).
LOADING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "manifest",
    "prefetch",
    "preconnect",
    "dns-prefetch",
}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")
IGNORED_SCHEMES = {"mailto", "tel", "data", "javascript", "blob", "about"}


@dataclass
class Reference:
    url: str
    kind: str  # "asset" (fetched by the browser) or "link" (followed by the reader)
    where: str  # tag/attribute, for the report


@dataclass
class ParsedPage:
    refs: list[Reference] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    styles: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        page = self.page
        if "id" in values:
            page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            page.ids.add(values["name"])
        if tag in ("a", "area") and "href" in values:
            page.refs.append(Reference(values["href"], "link", f"<{tag} href>"))
        if tag == "link" and "href" in values:
            rels = set((values.get("rel") or "").lower().split())
            kind = "asset" if rels & LOADING_RELS else "link"
            page.refs.append(Reference(values["href"], kind, f"<link rel={' '.join(sorted(rels))}>"))
        for attr in ASSET_ATTRS.get(tag, ()):
            if attr in values:
                page.refs.append(Reference(values[attr], "asset", f"<{tag} {attr}>"))
        if tag in SRCSET_TAGS and "srcset" in values:
            for candidate in srcset_urls(values["srcset"]):
                page.refs.append(Reference(candidate, "asset", f"<{tag} srcset>"))
        # Lazy loaders and lightboxes keep what they will fetch in data attributes.
        if "data-srcset" in values:
            for candidate in srcset_urls(values["data-srcset"]):
                page.refs.append(Reference(candidate, "asset", f"<{tag} data-srcset>"))
        for attr in ("data-src", "data-href"):
            if attr in values:
                page.refs.append(Reference(values[attr], "asset", f"<{tag} {attr}>"))
        if tag == "meta" and values.get("property", values.get("name", "")) in ("og:image", "twitter:image"):
            page.refs.append(Reference(values.get("content", ""), "asset", "<meta og:image>"))
        if "style" in values:
            page.styles.append(values["style"])
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.page.styles.append(data)


def srcset_urls(srcset: str) -> list[str]:
    """URLs of a srcset: comma-separated candidates, each a URL and an optional descriptor."""
    urls = []
    for candidate in srcset.split(","):
        parts = candidate.strip().split()
        if parts:
            urls.append(parts[0])
    return urls


def parse_page(html: str) -> ParsedPage:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


def css_urls(css: str) -> list[str]:
    return [next(g for g in match.groups() if g is not None) for match in CSS_URL.finditer(css)]


@dataclass
class SiteChecker:
    """Checks a site folder served at `base_path` (e.g. "/" or "/cong-thong-tin/")."""

    site: Path
    base_path: str = "/"
    site_url: str | None = None
    problems: list[str] = field(default_factory=list)
    _pages: dict[Path, ParsedPage] = field(default_factory=dict)
    checked_refs: int = 0

    def url_of(self, path: Path) -> str:
        return self.base_path + path.relative_to(self.site).as_posix()

    def parsed(self, path: Path) -> ParsedPage:
        found = self._pages.get(path)
        if found is None:
            found = self._pages[path] = parse_page(path.read_text(encoding="utf-8"))
        return found

    def run(self) -> list[str]:
        for path in sorted(self.site.rglob("*.html")):
            page_url = self.url_of(path)
            parsed = self.parsed(path)
            for ref in parsed.refs:
                self._check(page_url, ref)
            for style in parsed.styles:
                for url in css_urls(style):
                    self._check(page_url, Reference(url, "asset", "style url()"))
        for path in sorted(self.site.rglob("*.css")):
            css = path.read_text(encoding="utf-8", errors="replace")
            for url in css_urls(css):
                self._check(self.url_of(path), Reference(url, "asset", "css url()"))
        sitemap = self.site / "sitemap.xml"
        if sitemap.is_file() and self.site_url:
            for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")):
                self._check(self.url_of(sitemap), Reference(loc.strip(), "link", "sitemap <loc>"))
        return self.problems

    def _problem(self, page_url: str, ref: Reference, reason: str) -> None:
        self.problems.append(f"{page_url}: {ref.where} {ref.url!r}: {reason}")

    def _check(self, page_url: str, ref: Reference) -> None:
        link = ref.url.strip()
        if not link:
            self._problem(page_url, ref, "empty URL")
            return
        split = urlsplit(link)
        if split.scheme.lower() in IGNORED_SCHEMES:
            return
        self.checked_refs += 1
        absolute = urljoin("http://site.invalid" + page_url, link)
        if self.site_url and link.startswith(self.site_url):
            absolute = "http://site.invalid" + self.base_path + link[len(self.site_url) :]
        target = urlsplit(absolute)
        if target.netloc != "site.invalid":
            if ref.kind == "asset":
                self._problem(page_url, ref, "asset loaded from outside the site (must be local, no CDN)")
            return
        path = unquote(target.path)
        if not path.startswith(self.base_path):
            self._problem(page_url, ref, f"points outside {self.base_path} (breaks under a sub-path)")
            return
        file = self.site / path[len(self.base_path) :]
        if path.endswith("/") or file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            self._problem(page_url, ref, "no such file in the site")
            return
        if target.fragment and file.suffix == ".html" and ref.kind == "link":
            fragment = unquote(target.fragment)
            if fragment not in self.parsed(file).ids:
                self._problem(page_url, ref, f"no element with id {fragment!r} in {file.relative_to(self.site)}")


def check_site(site: Path, base_path: str = "/", site_url: str | None = None) -> SiteChecker:
    checker = SiteChecker(site=site, base_path=base_path, site_url=site_url)
    checker.run()
    return checker


def broken_internal_links(site: Path, site_url: str = "https://example.test/") -> list[str]:
    """What does not resolve in a fixture site (make_project's site_url) served at "/"."""
    return check_site(site, "/", site_url).problems
