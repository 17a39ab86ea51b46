"""Issue 15 on a built fixture portal: identity from mkdocs.yml, the front page, the menu, structured
data, feeds, the sitemap, meta descriptions and what the page head loads."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from kit.photokit import photo
from kit.sitekit import Project, make_project

pytestmark = pytest.mark.build
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

SITE = "https://example.test/"
MEDIA = "{http://search.yahoo.com/mrss/}"
REPO = Path(__file__).resolve().parents[2]
# Listing, tag, archive, committee, term and gallery pages (generated, not articles).
LISTING_PREFIXES = {"chuyen-muc", "the", "tac-gia", "luu-tru", "to-chuc", "nhiem-ky", "thu-vien-anh"}


class PageReader(HTMLParser):
    """Headlines (link texts inside headings and headline lists), JSON-LD blocks and head links."""

    def __init__(self) -> None:
        super().__init__()
        self.jsonld: list[str] = []
        self.stylesheets: list[tuple[str, str | None]] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.headlines: list[str] = []
        self._jsonld = False
        self._headline_depth = 0
        self._in_link = False
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._jsonld = True
            self.jsonld.append("")
        if tag == "link" and a.get("rel") == "stylesheet":
            self.stylesheets.append((a.get("href") or "", a.get("media")))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        if tag == "meta" and a.get("name"):
            self.meta[a["name"] or ""] = a.get("content") or ""
        classes = (a.get("class") or "").split()
        if tag in ("h2", "h3") or "zp-headlines" in classes or "zp-album-card__title" in classes:
            self._headline_depth += 1
        if tag == "a" and self._headline_depth:
            self._in_link, self._text = True, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._jsonld = False
        if tag == "a" and self._in_link:
            self._in_link = False
            self.headlines.append(" ".join(self._text.split()))
        if tag in ("h2", "h3", "ul", "span") and self._headline_depth:
            self._headline_depth -= 1 if tag in ("h2", "h3", "ul") else 0

    def handle_data(self, data: str) -> None:
        if self._jsonld:
            self.jsonld[-1] += data
        if self._in_link:
            self._text += data


def read(project: Project, url: str) -> PageReader:
    reader = PageReader()
    reader.feed(project.html(url))
    return reader


def emblem_png() -> bytes:
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    image.paste((160, 28, 28, 255), (50, 0, 250, 200))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Project:
    options = {
        "legal": {"agency": "Ban Quản lý Khu kinh tế Mẫu", "governing_body": "Ủy ban nhân dân tỉnh Mẫu"},
        "identity": {"logo": "assets/emblem.png", "short_name": "BQL KKT Mẫu", "colors": {"primary": "#0d3b66"}},
        "home": {
            "grid": 3,
            "albums": 2,
            "categories": 3,
            "notices": "thong-bao",
            "quick_links": [{"Giới thiệu": "gioi-thieu/"}],
        },
        "menu": [{"Trang chủ": ""}, {"Tin tức": "categories"}, {"Văn bản": "van-ban/"}, {"Giới thiệu": "gioi-thieu/"}],
    }
    project = make_project(tmp_path_factory.mktemp("look"), plugin_options=options)
    project.write("docs/assets/emblem.png", emblem_png())
    # The kit's two categories, plus one for notices.
    project.write(
        "posts/categories.yml",
        "tin-hoat-dong: {name: Tin hoạt động, order: 1}\nxay-dung-dang: {name: Xây dựng Đảng, order: 2}\n"
        "thong-bao: {name: Thông báo, order: 3}\n",
    )
    for day in range(1, 13):
        category = "xay-dung-dang" if day % 3 == 0 else "tin-hoat-dong"
        project.add_post(f"2023/tin-{day}.md", title=f"Tin số {day}", date=f"2023-05-{day:02d}", categories=[category])
    project.add_post("2022/noi-bat.md", title="Tin nổi bật cũ", date="2022-01-05", featured=True)
    for name in ("anh-a", "anh-b", "anh-c"):
        project.add_post(
            f"2023/{name}/index.md",
            title=f"Album {name}",
            date="2023-04-0" + name[-1].replace("a", "1").replace("b", "2").replace("c", "3"),
            cover="bia.jpg",
        )
        project.write(f"posts/2023/{name}/bia.jpg", photo((640, 400)))
    project.add_post("2023/tb-1.md", title="Thông báo lịch tiếp công dân", date="2023-06-01", categories=["thong-bao"])
    project.build()
    return project


def test_featured_post_leads_and_no_headline_repeats(portal: Project) -> None:
    page = read(portal, "")
    html = portal.html("")
    lead = html.split('class="zp-lead__title"', 1)[1].split("</h2>", 1)[0]
    assert "Tin nổi bật cũ" in lead  # featured wins over newer posts
    headlines = [h for h in page.headlines if h]
    assert len(headlines) == len(set(headlines)), headlines
    assert "Thông báo lịch tiếp công dân" in headlines  # the notices block
    assert html.count('<li class="zp-album-card">') == 2  # albums: 2, as configured
    assert 'id="zp-front-links"' in html and 'href="gioi-thieu/"' in html
    assert html.count('class="zp-cards zp-cards--grid"') == 1
    grid = html.split('class="zp-cards zp-cards--grid"', 1)[1].split("</section>", 1)[0]
    assert grid.count('class="zp-card"') == 3


def test_masthead_identity_and_icons(portal: Project) -> None:
    html = portal.html("")
    assert 'class="zp-brand__parent">Ủy ban nhân dân tỉnh Mẫu<' in html
    assert 'zp-brand__name--full">Ban Quản lý Khu kinh tế Mẫu<' in html
    assert 'zp-brand__name--short" aria-hidden="true">BQL KKT Mẫu<' in html
    icons = portal.site / "assets" / "zoneportal" / "icons"
    with Image.open(icons / "favicon.ico") as ico:
        assert {size for size in ico.info["sizes"]} >= {(16, 16), (32, 32), (48, 48)}
    with Image.open(icons / "apple-touch-icon.png") as touch:
        assert touch.size == (180, 180) and touch.mode == "RGB"  # no transparency: iOS would paint it black
    with Image.open(icons / "icon-512.png") as large:
        assert large.size == (512, 512)  # the 300×200 emblem centred on a square, not squashed
        assert large.getpixel((256, 5))[3] == 0 and large.getpixel((256, 256))[3] == 255
    manifest = json.loads((icons / "site.webmanifest").read_text(encoding="utf-8"))
    assert manifest["short_name"] == "BQL KKT Mẫu" and manifest["theme_color"] == "#0d3b66"
    assert 'rel="apple-touch-icon"' in html and 'rel="manifest"' in html
    assert 'rel="icon" href="assets/zoneportal/icons/favicon.ico"' in html
    css = next((portal.site / "assets" / "zoneportal").glob("portal*.css")).read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #0d3b66" in css


def test_menu_leaves_out_pages_that_do_not_exist(portal: Project) -> None:
    html = portal.html("gioi-thieu/")
    menu = html.split('class="zp-menu"', 1)[1].split("</nav>", 1)[0]
    assert "van-ban" not in menu and "Văn bản" not in menu
    assert 'href="../chuyen-muc/thong-bao/"' in menu and 'aria-current="page">Giới thiệu<' in menu


def test_one_render_blocking_stylesheet_of_ours(portal: Project) -> None:
    for url in ("", "tin-tuc/2023/05/tin-so-1/", "chuyen-muc/tin-hoat-dong/"):
        sheets = read(portal, url).stylesheets
        ours = [(href, media) for href, media in sheets if "zoneportal" in href]
        blocking = [href for href, media in ours if media in (None, "all", "screen")]
        # Names may carry a content hash (assets/zoneportal/portal.<hash>.css).
        assert len(blocking) == 1 and re.search(r"/portal(\.[0-9a-f]+)?\.css$", blocking[0]), ours
        assert [media for href, media in ours if re.search(r"/zp-print(\.[0-9a-f]+)?\.css$", href)] == ["print"]
    assert "glightbox" not in portal.html("chuyen-muc/tin-hoat-dong/")  # no lightbox, no lightbox script


def test_structured_data(portal: Project) -> None:
    home = [json.loads(text) for text in read(portal, "").jsonld]
    graph = next(d["@graph"] for d in home if "@graph" in d)
    organization = next(n for n in graph if n["@type"] == "GovernmentOrganization")
    assert organization["logo"]["url"] == f"{SITE}assets/zoneportal/icons/icon-512.png"
    assert organization["parentOrganization"]["name"] == "Ủy ban nhân dân tỉnh Mẫu"
    website = next(n for n in graph if n["@type"] == "WebSite")
    assert website["potentialAction"]["target"]["urlTemplate"] == f"{SITE}tim-kiem/?q={{search_term_string}}"
    post = [json.loads(text) for text in read(portal, "tin-tuc/2023/05/tin-so-1/").jsonld]
    article = next(d for d in post if d["@type"] == "NewsArticle")
    assert article["author"][0]["url"] == f"{SITE}tac-gia/tac-gia-a/"
    assert article["publisher"]["logo"]["url"].endswith("icon-512.png")
    assert article["image"] == [f"{SITE}assets/zoneportal/icons/icon-512.png"]  # no cover: the emblem
    trail = next(d for d in post if d["@type"] == "BreadcrumbList")["itemListElement"]
    assert [i["name"] for i in trail] == ["Trang chủ", "Tin hoạt động", "Tin số 1"]
    assert trail[-1]["item"] == f"{SITE}tin-tuc/2023/05/tin-so-1/"
    # Every page that shows breadcrumbs carries the same trail as data.
    for page in portal.site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if 'class="zp-breadcrumbs"' in html:
            assert '"@type": "BreadcrumbList"' in html, page


def test_sitemap_urls_are_canonical(portal: Project) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [u.findtext("s:loc", namespaces=ns) for u in ElementTree.parse(portal.site / "sitemap.xml").getroot()]
    assert SITE in locations and not [loc for loc in locations if loc and "/./" in loc]
    for location in locations:
        assert location is not None
        page = read(portal, location.removeprefix(SITE))
        assert page.canonical == location


def test_every_list_page_has_its_own_description(portal: Project) -> None:
    seen: dict[str, Path] = {}
    for page in sorted(portal.site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        listing = page.relative_to(portal.site).parts[0] in LISTING_PREFIXES
        if not listing:
            continue
        match = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert match, page
        assert match[1] not in seen, f"{page} repeats {seen.get(match[1])}"
        seen[match[1]] = page


def test_feed_images_are_bare_media_content(portal: Project) -> None:
    root = ElementTree.parse(portal.site / "rss.xml").getroot()
    items = root.findall("channel/item")
    assert not list(root.iter(f"{MEDIA}group"))  # the W3C validator rejects a group of one
    with_image = [i for i in items if i.find(f"{MEDIA}content") is not None]
    assert with_image
    for item in with_image:
        [content] = item.findall(f"{MEDIA}content")
        assert content.get("medium") == "image" and content.get("type") == "image/jpeg"
        assert int(content.get("width") or 0) > 0 and int(content.get("height") or 0) > 0


def test_keyboard_script_gives_no_label_a_button_role() -> None:
    script = (REPO / "plugins" / "zoneportal" / "assets" / "zp-keyboard.js").read_text(encoding="utf-8")
    assert 'setAttribute("role", "button")' not in script


@pytest.mark.skipif(shutil.which("node") is None and not IN_CI, reason="Node.js is not installed")
def test_search_page_breaks_ties_newer_first(tmp_path: Path) -> None:
    """Equal Pagefind scores keep Pagefind's order only among equal dates; else the newer comes first."""
    script = tmp_path / "ties.mjs"
    source = (REPO / "plugins" / "zoneportal" / "assets" / "search.js").as_uri()
    script.write_text(
        f"import {{ dateKey, newerFirstOnTies }} from {json.dumps(source)};\n"
        "const items = [['a', 2, '01/01/2020'], ['b', 1, '01/01/2020'], ['c', 1, '5/6/2023'], ['d', 3, '31/12/2010'],"
        " ['e', 1, '01/01/2020']].map(([id, score, label]) => ({id, score, date: dateKey(label)}));\n"
        "console.log(JSON.stringify({order: newerFirstOnTies(items).map((i) => i.id), key: dateKey('5/6/2023')}));\n",
        encoding="utf-8",
    )
    out = json.loads(subprocess.run(["node", str(script)], capture_output=True, text=True, check=True).stdout)
    assert out == {"order": ["d", "a", "c", "b", "e"], "key": "20230605"}
