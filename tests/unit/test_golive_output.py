"""Write-phase steps for a public web server: site_url checks, robots.txt, inline scripts moved into
files, hashed asset names, precompressed copies, scheduled posts. Plain strings and tmp folders."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta
from pathlib import Path

import brotli
import pytest

from zoneportal.content.post import Post
from zoneportal.index.schedule import split_schedule
from zoneportal.index.taxonomy import build_index
from zoneportal.output.finish import finish_site
from zoneportal.output.hashed_assets import AssetNamer, is_fingerprinted
from zoneportal.output.inline_scripts import InlineFindings, ScriptStore, externalize_scripts
from zoneportal.output.precompress import precompress
from zoneportal.output.robots import robots_txt
from zoneportal.output.site_url import site_url_problem
from zoneportal.output.sitemap import sitemap_entries
from zoneportal.vi import VIETNAM_TZ, now_in_vietnam


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "http://127.0.0.1:8000/",
        "http://localhost/",
        "http://cong.localhost/",
        "http://[::1]/",
        "http://127.1.2.3/",
        "http://0.0.0.0/",
        "http://127.1/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://0/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::]/",
        "https://example.com/",
        "https://www.example.org/cong/",
        "https://thanhvan.example.vn/",
        "https://cong.test/",
        "ftp://cong.gov.vn/",
        "cong.gov.vn",
    ],
)
def test_unpublishable_site_urls_are_named_in_vietnamese(url: str | None) -> None:
    problem = site_url_problem(url)
    assert problem and "site_url" in problem


@pytest.mark.parametrize(
    "url",
    [
        "https://bqlkcn.thanhvan.gov.vn/",
        "https://banquanly.thanhvan.gov.vn/",
        "http://10.0.0.5/cong/",
        "https://examples.vn/",
        "https://x.gov.vn/cong-thong-tin/",
    ],
)
def test_public_site_urls_pass(url: str) -> None:
    assert site_url_problem(url) is None


def test_robots_names_the_sitemap_and_keeps_the_editor_out() -> None:
    text = robots_txt("https://cong.gov.vn/ban/", ["admin/", "pagefind/", "tim-kiem/"])
    lines = text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /ban/admin/" in lines and "Disallow: /ban/tim-kiem/" in lines
    assert "Sitemap: https://cong.gov.vn/ban/sitemap.xml" in lines


MATERIAL_HEAD = (
    '<html><head><script>__md_scope=new URL("../..",location)</script>'
    '<script id="__config" type="application/json">{"base": "../.."}</script>'
    '<script type="application/ld+json">{"@type":"NewsArticle"}</script>'
    '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    '<script type="module" defer>import "./x.js";</script>'
    "</head><body><script>var palette=1</script>"
    "<article class=\"md-content__inner\"><p>Bài</p><script>alert('trong bài')</script></article>"
    "</body></html>"
)


def test_inline_scripts_move_into_hashed_files_and_data_blocks_stay(tmp_path: Path) -> None:
    store, findings = ScriptStore(tmp_path), InlineFindings()
    html = externalize_scripts(MATERIAL_HEAD, "tin-tuc/a/index.html", store, findings)
    assert "__md_scope" not in html and "var palette" not in html
    assert '<script id="__config" type="application/json">{"base": "../.."}</script>' in html
    assert '<script type="application/ld+json">' in html
    assert html.count('src="../../assets/zoneportal/inline/script.') == 3
    assert '<script src="../../assets/zoneportal/inline/script.' in html
    assert 'type="module"></script>' in html and "defer" not in html.split("</head>")[0].split("bundle")[1]
    moved = sorted(store.written)
    bodies = {(tmp_path / name).read_text(encoding="utf-8") for name in moved}
    assert bodies == {'__md_scope=new URL("../..",location)', "var palette=1", 'import "./x.js";'}
    # The script staff put in a post body is left for the policy to block, and the build says where.
    assert "<script>alert('trong bài')</script>" in html
    assert findings.blocked_scripts == ["tin-tuc/a/index.html"]


def test_same_script_on_two_pages_is_one_file(tmp_path: Path) -> None:
    store, findings = ScriptStore(tmp_path), InlineFindings()
    a = externalize_scripts("<script>x=1</script>", "index.html", store, findings)
    b = externalize_scripts("<script>x=1</script>", "a/b/index.html", store, findings)
    assert len(store.written) == 1
    name = next(iter(store.written))
    assert a == f'<script src="{name}"></script>' and b == f'<script src="../../{name}"></script>'


def test_pages_with_absolute_links_get_absolute_script_links(tmp_path: Path) -> None:
    """MkDocs builds 404.html with links from site_url's path, to work at any depth: moved scripts and
    hashed names follow the page's way of linking."""
    (tmp_path / "assets/zoneportal").mkdir(parents=True)
    (tmp_path / "assets/zoneportal/zp.css").write_text("body{}", encoding="utf-8")
    page = (
        '<link rel="stylesheet" href="/cong/assets/zoneportal/zp.css">'
        '<script src="/cong/assets/javascripts/bundle.a5f9d56c.min.js"></script><script>x=1</script>'
    )
    store = ScriptStore(tmp_path)
    moved = externalize_scripts(page, "404.html", store, InlineFindings())
    assert f'<script src="/cong/{next(iter(store.written))}"></script>' in moved
    namer = AssetNamer(tmp_path, "/cong/")
    assert f'href="/cong/{namer.hashed_path("assets/zoneportal/zp.css")}"' in namer.rewrite(moved, "404.html")


def test_hashed_names_for_linked_css_and_js(tmp_path: Path) -> None:
    (tmp_path / "assets/zoneportal").mkdir(parents=True)
    (tmp_path / "assets/zoneportal/zp.css").write_text("body{}", encoding="utf-8")
    (tmp_path / "assets/zoneportal/share.js").write_text("1", encoding="utf-8")
    namer = AssetNamer(tmp_path)
    html = (
        '<link rel="stylesheet" href="../assets/zoneportal/zp.css?v=2">'
        '<script src="../assets/zoneportal/share.js" defer></script>'
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
        '<script src="https://cdn.example.com/x.js"></script><link rel="stylesheet" href="../missing.css">'
    )
    out = namer.rewrite(html, "gioi-thieu/index.html")
    css = namer.hashed["assets/zoneportal/zp.css"]
    assert css and is_fingerprinted(css) and (tmp_path / css).read_text(encoding="utf-8") == "body{}"
    assert f'href="../{css}"' in out
    assert 'src="../assets/javascripts/bundle.a5f9d56c.min.js"' in out
    assert 'src="https://cdn.example.com/x.js"' in out and 'href="../missing.css"' in out
    assert (tmp_path / "assets/zoneportal/zp.css").is_file()  # the plain name stays
    (tmp_path / "assets/zoneportal/zp.css").write_text("body{color:red}", encoding="utf-8")
    assert AssetNamer(tmp_path).hashed_path("assets/zoneportal/zp.css") != css


@pytest.mark.parametrize(
    ("name", "hashed"),
    [
        ("zp.3f9a0c1b2d.css", True),
        ("bundle.a5f9d56c.min.js", True),
        ("dai-bieu-c82e6998-480.webp", True),
        ("vi_134c10b.pf_fragment", True),
        ("zp-access.css", False),
        ("glightbox.min.js", False),
        ("pagefind.js", False),
    ],
)
def test_fingerprinted_names(name: str, hashed: bool) -> None:
    assert is_fingerprinted(name) is hashed


def test_precompressed_copies_decompress_to_the_file(tmp_path: Path) -> None:
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>Hội nghị</p>" * 200, encoding="utf-8")
    (tmp_path / "tiny.css").write_text("a{}", encoding="utf-8")
    (tmp_path / "photo.webp").write_bytes(b"RIFF" * 200)
    stats = precompress(tmp_path)
    assert gzip.decompress((tmp_path / "a/index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((tmp_path / "a/index.html.br").read_bytes()) == page.read_bytes()
    assert not (tmp_path / "tiny.css.gz").exists() and not (tmp_path / "photo.webp.gz").exists()
    assert stats.files == 1 and stats.gzip_bytes < stats.raw_bytes
    first = (tmp_path / "a/index.html.gz").read_bytes()
    precompress(tmp_path)
    assert (tmp_path / "a/index.html.gz").read_bytes() == first  # same bytes: hard-linked on the next publish


def test_finish_site_warns_about_a_loopback_site_url(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><script>x=1</script></html>", encoding="utf-8")
    report = finish_site(tmp_path, "http://127.0.0.1:8000/", "tim-kiem/")
    assert any("127.0.0.1" in w and "publish" in w for w in report.warnings)
    assert "Disallow: /admin/" in (tmp_path / "robots.txt").read_text(encoding="utf-8")
    assert "<script>" not in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert not finish_site(tmp_path, "https://bqlkcn.thanhvan.gov.vn/", None).warnings


def _post(name: str, when: datetime, draft: bool = False) -> Post:
    return Post(
        source=Path(f"posts/{name}.md"),
        shown=f"posts/{name}.md",
        title=name,
        date=when,
        has_time=True,
        author="a",
        committee="c",
        term=None,
        categories=("tin",),
        tags=(),
        summary="",
        body="",
        body_line=1,
        slug=name,
        draft=draft,
    )


def test_scheduled_posts_wait_for_their_time() -> None:
    now = datetime(2026, 11, 29, 8, 0, tzinfo=VIETNAM_TZ)
    past, exactly, later = (
        _post("truoc", now - timedelta(hours=1)),
        _post("dung-gio", now),
        _post("sau", now + timedelta(minutes=1)),
    )
    far = _post("nam-sau", now + timedelta(days=61))
    schedule = split_schedule([later, far, past, exactly], now)
    assert schedule.due == [past, exactly]
    assert schedule.waiting == [later, far]
    assert schedule.far_ahead(now) == [far]
    index = build_index([past, exactly, later], now=now)
    assert index.posts == [exactly, past]
    assert build_index([past, later], now=now + timedelta(minutes=1)).posts == [later, past]


def test_build_clock_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = datetime(2026, 1, 2, 3, 4, tzinfo=VIETNAM_TZ)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    assert now_in_vietnam() == moment
    late = _post("sau", moment + timedelta(seconds=1))
    assert build_index([late]).posts == []


@pytest.mark.parametrize(
    "base_url", ["https://cong.gov.vn/", "https://x.gov.vn/cong-thong-tin/", "https://x.gov.vn/ban"]
)
def test_sitemap_names_the_home_page_by_the_site_address(base_url: str) -> None:
    """MkDocs gives the home page the URL `./`; `https://host/./` is not the address crawlers should index."""
    base = base_url.rstrip("/") + "/"
    entries = sitemap_entries([("./", None), ("gioi-thieu/", None), ("tin-tuc/2023/04/x/", None)], base_url)
    assert [location for location, _ in entries] == [base, base + "gioi-thieu/", base + "tin-tuc/2023/04/x/"]
