"""The built example portal, read as files: links, assets, footer, breadcrumbs, 404, Vietnamese interface.

No browser needed (integration: it builds the example once per session).
"""

from __future__ import annotations

import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest
import yaml

from kit.examplesite import REPO, SUB_PATH, BuiltSite
from kit.sitecheck import check_site

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
OUR_VI = REPO / "plugins" / "zoneportal" / "templates" / "partials" / "languages" / "vi.html"
# Search-engine settings (lunr), not words a reader sees: Material's own vi.html leaves them to en.html too.
NOT_INTERFACE_TEXT = {"search.config.pipeline", "search.config.separator"}
SAME_IN_BOTH = {"direction"}  # "ltr" is not a word


def translations(path: Path) -> dict[str, str]:
    """The key → text table of one of Material's language partials."""
    body = path.read_text(encoding="utf-8")
    table = body[body.index("{{ {") + 3 : body.rindex("}[key]") + 1]
    return json.loads(table)


def html_pages(site: Path) -> list[Path]:
    """The portal's pages; /admin/ is the web editor's app (Decap CMS), with none of the portal's chrome."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "admin")


def url_of(site: Path, page: Path) -> str:
    relative = page.relative_to(site).as_posix()
    return "/" + relative.removesuffix("index.html")


class VisibleStrings(HTMLParser):
    """Text nodes and the attributes a reader or screen reader meets, outside scripts and styles."""

    ATTRS = ("aria-label", "title", "placeholder", "alt", "value", "data-md-state")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.strings: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in self.ATTRS and value:
                self.strings.add(" ".join(value.split()))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.strings.add(" ".join(data.split()))


# Links, images, srcsets and assets -------------------------------------------------------------


def test_every_link_image_and_asset_resolves(example_site: BuiltSite) -> None:
    checker = check_site(example_site.site, "/", example_site.site_url)
    assert checker.problems == []
    assert checker.checked_refs > 20 * len(html_pages(example_site.site))  # it really looked


def test_every_link_resolves_when_hosted_under_a_sub_path(subpath_site: BuiltSite) -> None:
    checker = check_site(subpath_site.site, SUB_PATH, subpath_site.site_url)
    assert checker.problems == []
    assert checker.checked_refs > 20 * len(html_pages(subpath_site.site))


def test_link_checker_reports_each_kind_of_fault(tmp_path: Path) -> None:
    """The checker itself: a small site with one fault of each kind, and a good page it must accept."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "img").mkdir()
    (site / "img" / "ok.jpg").write_bytes(b"jpg")
    (site / "style.css").write_text("body{background:url(img/ok.jpg)} h1{background:url('img/gone.png')}")
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="style.css"><a href="a/" id="top">a</a><a href="#top">top</a>'
        '<a href="https://example.org/">external link is fine</a><img src="img/ok.jpg" srcset="img/ok.jpg 1x">'
    )
    (site / "a" / "index.html").write_text(
        '<a href="../missing/">gone</a>'
        '<img src="../img/ok.jpg" srcset="../img/ok.jpg 480w, ../img/gone-960.jpg 960w">'
        '<script src="https://cdn.example.org/lib.js"></script>'
        '<link rel="preconnect" href="https://fonts.example.org">'
        '<a href="../#nowhere">bad fragment</a>'
        '<a href="/a/">root-absolute</a>'
        '<a class="lightbox" href="../img/ok.jpg" data-srcset="../img/ok.jpg 480w, ../img/big.webp 1600w">photo</a>'
    )
    checker = check_site(site, "/cong-thong-tin/")
    found = "\n".join(checker.problems)
    assert "'../missing/': no such file" in found
    assert "'../img/gone-960.jpg': no such file" in found
    assert "https://cdn.example.org/lib.js" in found and "no CDN" in found
    assert "https://fonts.example.org" in found
    assert "no element with id 'nowhere'" in found
    assert "'/a/': points outside /cong-thong-tin/" in found
    assert "'img/gone.png': no such file" in found
    assert "data-srcset> '../img/big.webp': no such file" in found
    assert len(checker.problems) == 8, found


def test_no_page_names_a_web_font_service_or_cdn(example_site: BuiltSite) -> None:
    """Fonts included: no Google Fonts (Material's default) or any other font host, in pages or stylesheets."""
    hosts = re.compile(r"fonts\.(googleapis|gstatic)\.com|cdn\.jsdelivr|unpkg\.com|cdnjs\.")
    offenders = [
        p.relative_to(example_site.site).as_posix()
        for p in example_site.site.rglob("*")
        if p.suffix in (".html", ".css") and hosts.search(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


# Footer, breadcrumbs, 404 ------------------------------------------------------------------------


def test_material_search_files_are_not_published_without_its_search_plugin(example_site: BuiltSite) -> None:
    """The portal searches with Pagefind: Material's lunr files and search worker would be dead weight,
    and no page may carry the search component that would start that worker."""
    site = example_site.site
    assert (site / "assets/javascripts").is_dir()  # Material's bundle is there ...
    assert not (site / "assets/javascripts/lunr").exists()  # ... its search engine is not
    assert not list((site / "assets/javascripts").glob("workers/search.*"))
    assert not [p for p in html_pages(site) if 'data-md-component="search"' in p.read_text(encoding="utf-8")]
    assert (site / "pagefind/pagefind.js").is_file()


def test_legal_footer_on_every_page(example_site: BuiltSite) -> None:
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    legal = next(p["zoneportal"] for p in settings["plugins"] if isinstance(p, dict) and "zoneportal" in p)["legal"]
    assert legal["agency"] and legal["governing_body"] and legal["licence"]
    pages = html_pages(example_site.site)
    assert any(p.name == "404.html" for p in pages)
    missing = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.find('class="md-copyright zp-legal"') :]
        absent = [key for key, value in legal.items() if escape(value, quote=False) not in footer]
        if 'class="md-copyright zp-legal"' not in html or absent:
            missing[url_of(example_site.site, page)] = absent or ["footer"]
    assert missing == {}


def test_breadcrumbs_on_every_post_and_index(example_site: BuiltSite) -> None:
    """Every generated page but the home page starts with Trang chủ › … › the current page."""
    docs = {"/" + p.relative_to(REPO / "docs").with_suffix("").as_posix() + "/" for p in (REPO / "docs").glob("*.md")}
    site = example_site.site
    kinds: set[str] = set()
    missing = []
    for page in html_pages(site):
        url = url_of(site, page)
        if url in ("/", "/404.html") or url in docs:
            continue
        kinds.add(url.strip("/").split("/")[0])
        html = page.read_text(encoding="utf-8")
        crumbs = re.search(r'<nav class="zp-breadcrumbs" aria-label="Đường dẫn">(.*?)</nav>', html, re.S)
        if not crumbs or ">Trang chủ</a>" not in crumbs[1] or 'aria-current="page"' not in crumbs[1]:
            missing.append(url)
    assert missing == []
    # Every kind of page of the example is covered: posts, categories, archive, authors, tags, committees, terms,
    # photo library.
    assert {"tin-tuc", "chuyen-muc", "luu-tru", "tac-gia", "the", "to-chuc", "nhiem-ky", "thu-vien-anh"} <= kinds


@pytest.mark.parametrize("hosting", ["root", "sub-path"])
def test_404_page_is_vietnamese_and_leads_home_search_and_archive(
    hosting: str, example_site: BuiltSite, subpath_site: BuiltSite
) -> None:
    built = example_site if hosting == "root" else subpath_site
    html = (built.site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in html
    assert "<h1>Không tìm thấy trang</h1>" in html
    # Absolute links: the server sends this page for a missing address at any depth.
    assert f'<a href="{built.base_path}">Về trang chủ</a>' in html
    assert f'<a href="{built.base_path}luu-tru/">Lưu trữ</a>' in html
    assert f'<a href="{built.base_path}chuyen-muc/">Chuyên mục</a>' in html
    assert f'<a href="{built.base_path}tim-kiem/">Tìm kiếm</a>' in html
    assert "Not found" not in html


# Vietnamese interface -------------------------------------------------------------------------


def test_our_vietnamese_strings_cover_every_material_string() -> None:
    english = translations(MATERIAL_LANGUAGES / "en.html")
    ours = translations(OUR_VI)
    missing = sorted(set(english) - set(ours) - NOT_INTERFACE_TEXT)
    untranslated = sorted(
        key for key in set(english) & set(ours) if ours[key] == english[key] and key not in SAME_IN_BOTH
    )
    assert missing == [] and untranslated == []
    assert ours["language"] == "vi"


def test_material_vietnamese_alone_would_leave_english_on_screen() -> None:
    """Why our file exists: if Material completes its translation, this fails and ours can be dropped."""
    english = translations(MATERIAL_LANGUAGES / "en.html")
    material_vi = translations(MATERIAL_LANGUAGES / "vi.html")
    interface = set(english) - NOT_INTERFACE_TEXT - SAME_IN_BOTH
    gaps = {k for k in interface if material_vi.get(k, english[k]) == english[k]}
    assert gaps, "Material's Vietnamese is complete now: consider removing our partials/languages/vi.html"


def test_no_english_interface_text_on_any_page(example_site: BuiltSite) -> None:
    english = translations(MATERIAL_LANGUAGES / "en.html")
    ours = translations(OUR_VI)
    # English phrases a reader could meet; single short words like "in" would match Vietnamese text by chance.
    phrases = {
        text
        for key, text in english.items()
        if key not in NOT_INTERFACE_TEXT | SAME_IN_BOTH | {"language", "search.config.lang"} and len(text) > 3
    }
    found: dict[str, set[str]] = {}
    for page in html_pages(example_site.site):
        html = page.read_text(encoding="utf-8")
        parser = VisibleStrings()
        parser.feed(html)
        hits = {s for s in parser.strings if s in phrases}
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
        if config:
            hits |= {v for v in json.loads(config[1]).get("translations", {}).values() if v in phrases}
        if hits:
            found[url_of(example_site.site, page)] = hits
    assert found == {}
    assert ours["tabs"] in (example_site.site / "index.html").read_text(encoding="utf-8")
