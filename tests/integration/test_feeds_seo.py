"""RSS feeds (parsed with feedparser), JSON-LD and Open Graph tags, share buttons, related posts
and the sitemap, on a built fixture site."""

from __future__ import annotations

import html
import json
import mimetypes
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest

from kit.photokit import photo
from kit.sitebuilder import SiteBuilder, SiteSpec
from kit.sitekit import Project, make_project

HOSTILE = 'Tiêu đề </script><script>alert("x")</script> & <b>đậm</b>'
SITE = "https://example.test/"


def _feed_posts(project: Project) -> None:
    for day in range(1, 24):
        project.add_post(
            f"2023/tin-{day}.md",
            title=f"Tin hoạt động số {day}",
            date=f"2023-05-{day:02d} 08:30",
            summary=f"Tóm tắt đầy đủ của tin số {day}.",
        )
    project.add_post(
        "2022/dai-hoi/index.md",
        title="Đại hội Chi bộ Phòng A lần thứ I",
        date="2022-03-03",
        committee="chi-bo-a",
        categories=["xay-dung-dang"],
        tags=["Đại hội"],
        cover="anh-bia.jpg",
        author="tac-gia-b",
        updated="2022-03-10 09:00",
    )
    project.write("posts/2022/dai-hoi/anh-bia.jpg", photo((640, 400)))
    project.add_post(
        "2022/hoi-nghi.md",
        title="Hội nghị Chi ủy Chi bộ Phòng A",
        date="2022-05-05",
        committee="chi-bo-a",
        categories=["xay-dung-dang"],
        tags=["Đại hội"],
    )
    project.add_post(
        "2021/doc.md",
        title=HOSTILE,
        date="2021-06-01",
        summary=HOSTILE,
        committee="chi-bo-a",
        categories=["xay-dung-dang"],
        slug="tieu-de-la",
    )


FEEDS_SITE = SiteSpec("feeds", _feed_posts, plugin_options={"legal": {"agency": "Ban Quản lý Khu kinh tế Mẫu"}})


@pytest.fixture
def portal(built_site: SiteBuilder) -> Project:
    return built_site(FEEDS_SITE)


POST_URL = "tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/"


def published_cover(project: Project, url: str) -> str:
    """`url` is the post's cover as the image pipeline published it: a file of the built site in
    the post's folder (a resized variant, not the original)."""
    assert url.startswith(f"{SITE}{POST_URL}anh-bia"), url
    assert (project.site / url.removeprefix(SITE)).is_file(), url
    return url


def feed(project: Project, path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((project.site / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    return parsed


def test_site_feed_has_the_latest_20_posts_newest_first(portal: Project) -> None:
    parsed = feed(portal, "rss.xml")
    assert parsed.feed.title == "Cổng thử nghiệm"
    assert parsed.feed.link == SITE
    assert parsed.feed.language == "vi"
    titles = [entry.title for entry in parsed.entries]
    assert len(titles) == 20
    assert titles[:2] == ["Tin hoạt động số 23", "Tin hoạt động số 22"]
    first = parsed.entries[0]
    assert first.link == f"{SITE}tin-tuc/2023/05/tin-hoat-dong-so-23/"
    assert first.id == first.link
    assert first.published == "Tue, 23 May 2023 08:30:00 +0700"
    assert first.summary == "Tóm tắt đầy đủ của tin số 23."
    assert first.author == "Nguyễn Thị An"


def test_category_and_committee_feeds(portal: Project) -> None:
    category = feed(portal, "chuyen-muc/xay-dung-dang/rss.xml")
    assert category.feed.link == f"{SITE}chuyen-muc/xay-dung-dang/"
    assert [e.title for e in category.entries] == [
        "Hội nghị Chi ủy Chi bộ Phòng A",
        "Đại hội Chi bộ Phòng A lần thứ I",
        HOSTILE,
    ]
    committee = feed(portal, "to-chuc/chi-bo-a/rss.xml")
    assert "Chi bộ Phòng A" in committee.feed.title
    assert len(committee.entries) == 3
    dai_hoi = committee.entries[1]
    assert dai_hoi.published.endswith("+0700")
    [cover] = dai_hoi.media_content
    assert published_cover(portal, cover["url"]) and cover["medium"] == "image"
    assert cover["type"] == mimetypes.guess_type(cover["url"])[0]


def test_feed_escapes_titles(portal: Project) -> None:
    raw = (portal.site / "to-chuc/chi-bo-a/rss.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "</script>" not in raw
    entry = feed(portal, "to-chuc/chi-bo-a/rss.xml").entries[-1]
    assert entry.title == HOSTILE
    assert entry.summary == html.escape(HOSTILE, quote=False)  # shown as text by readers, not run


class HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.feeds: list[tuple[str, str]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "meta" and "content" in a and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a["content"])
        if tag == "link" and a.get("type") == "application/rss+xml":
            self.feeds.append((a["title"], a["href"]))
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data


def head_of(project: Project, url: str) -> HeadReader:
    reader = HeadReader()
    reader.feed(project.html(url))
    return reader


def test_post_has_news_article_json_ld(portal: Project) -> None:
    head = head_of(portal, "tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/")
    [article] = [d for d in map(json.loads, head.jsonld) if d["@type"] == "NewsArticle"]
    assert article["headline"] == "Đại hội Chi bộ Phòng A lần thứ I"
    assert article["datePublished"] == "2022-03-03T00:00:00+07:00"
    assert article["dateModified"] == "2022-03-10T09:00:00+07:00"
    assert article["author"] == [{"@type": "Person", "name": "Đỗ Văn Bình", "url": f"{SITE}tac-gia/tac-gia-b/"}]
    assert article["publisher"]["name"] == "Ban Quản lý Khu kinh tế Mẫu"
    [image] = article["image"]
    assert published_cover(portal, image) == head.meta["og:image"][0]
    assert article["mainEntityOfPage"]["@id"] == f"{SITE}tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/"


def test_json_ld_cannot_be_broken_out_of(portal: Project) -> None:
    html = portal.html("tin-tuc/2021/06/tieu-de-la/")
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block)["headline"] == HOSTILE
    assert "<" not in block


def test_open_graph_and_twitter_tags(portal: Project) -> None:
    head = head_of(portal, "tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/")
    url = f"{SITE}tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/"
    assert head.meta["og:type"] == ["article"]
    assert head.meta["og:title"] == ["Đại hội Chi bộ Phòng A lần thứ I"]
    assert head.meta["og:url"] == [url]
    [image] = head.meta["og:image"]
    assert published_cover(portal, image) == head.meta["twitter:image"][0]
    assert head.meta["twitter:card"] == ["summary_large_image"]
    assert head.meta["article:published_time"] == ["2022-03-03T00:00:00+07:00"]
    hostile = head_of(portal, "tin-tuc/2021/06/tieu-de-la/")
    assert hostile.meta["og:title"] == [HOSTILE]  # escaped in HTML, the same text once parsed


def test_every_page_is_vietnamese_and_canonical(portal: Project) -> None:
    for page in portal.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="vi"' in html, page
        if page.name == "index.html" and page.parent.name != "admin":  # the editor is not a page to index
            assert '<link rel="canonical" href="https://example.test/' in html, page


def test_pages_announce_their_feeds(portal: Project) -> None:
    post = head_of(portal, "tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/").feeds
    links = [href for _, href in post]
    assert links == [
        "../../../../rss.xml",
        "../../../../chuyen-muc/xay-dung-dang/rss.xml",
        "../../../../to-chuc/chi-bo-a/rss.xml",
    ]
    category = [href for _, href in head_of(portal, "chuyen-muc/xay-dung-dang/").feeds]
    assert category == ["../../rss.xml", "rss.xml"]
    assert [href for _, href in head_of(portal, "").feeds] == ["rss.xml"]


def test_share_buttons_are_plain_links(portal: Project) -> None:
    html = portal.html("tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/")
    encoded = "https%3A//example.test/tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/"
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    assert f'href="https://sp.zalo.me/share?url={encoded}"' in html
    assert 'data-zp-copy="https://example.test/tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/"' in html
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert scripts and not [src for src in scripts if src.startswith(("http:", "https:", "//"))]


def test_related_posts_under_a_post(portal: Project) -> None:
    html = portal.html("tin-tuc/2022/05/hoi-nghi-chi-uy-chi-bo-phong-a/")
    section = html.split('id="zp-related-title"', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'<a href="[^"]+">([^<]+)</a>', section)
    assert titles[0] == "Đại hội Chi bộ Phòng A lần thứ I"  # same committee, category and tag
    assert "Hội nghị Chi ủy Chi bộ Phòng A" not in titles
    assert len(titles) <= 5


def test_sitemap_lastmod_is_the_post_update(portal: Project) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(portal.site / "sitemap.xml")
    lastmod = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in tree.getroot().findall("s:url", ns)
    }
    assert lastmod[f"{SITE}tin-tuc/2022/03/dai-hoi-chi-bo-phong-a-lan-thu-i/"] == "2022-03-10"
    assert lastmod[f"{SITE}tin-tuc/2022/05/hoi-nghi-chi-uy-chi-bo-phong-a/"] == "2022-05-05"


def test_no_feed_without_site_url(tmp_path: Path) -> None:
    project = make_project(tmp_path, site_url="")
    project.add_post("2023/a.md")
    project.build()
    assert not (project.site / "rss.xml").exists()
    assert "application/rss+xml" not in project.html("")
