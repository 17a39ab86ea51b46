"""`zoneportal publish` on the example portal, served by Debian's nginx with deploy/nginx.conf, and by
Caddy and Apache with deploy/Caddyfile and deploy/.htaccess.

The example portal is a real git repository in a temporary folder with a public site_url; it is
published twice into a local web root while readers keep fetching a page of the first release and
every file it asks for; then rolled back. Each server runs the shipped configuration, changed only in
its listening address and root.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest

from kit.deployservers import ApacheServer, CaddyServer, ShippedServer, find_apache, find_caddy
from kit.publishkit import (
    RequestLoop,
    add_post,
    example_project,
    fetch,
    git,
    page_assets,
    tree_bytes,
    zoneportal,
)
from kit.webserver import StaticServer, find_nginx
from zoneportal.output.precompress import COMPRESSIBLE, MIN_SIZE
from zoneportal.output.search import shard_names

pytestmark = pytest.mark.build
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BAN_CSS = "stylesheets/ban.css"
SHARD_SIZE = 6


@dataclass
class Published:
    project: Path
    webroot: Path
    server: StaticServer
    first_output: str


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    nginx = find_nginx()
    if nginx is None:
        if IN_CI:
            pytest.fail("CI must run the publish tests, but nginx is not installed", pytrace=False)
        pytest.skip("nginx not installed (apt-get install nginx)")
    root = tmp_path_factory.mktemp("publish")
    project = example_project(root / "cong")
    # The board's own stylesheet, to see a hashed name change between two releases.
    (project / "docs" / BAN_CSS).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / BAN_CSS).write_text(".md-header{border-bottom:2px solid #b71c1c}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8") + f"\nextra_css:\n  - {BAN_CSS}\n"
    # Search in shards (as a large archive is): the servers' rules must cover the shards' folders.
    shards = f"      posts_dir: posts\n      search_shard_size: {SHARD_SIZE}\n"
    text = text.replace("      posts_dir: posts\n", shards, 1)
    config.write_text(text, encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Kiểu riêng của Ban")
    webroot = root / "web"
    result = zoneportal(project, "publish", str(webroot))
    assert result.returncode == 0, result.stdout + result.stderr
    server = StaticServer(root / "nginx", [], nginx, shipped_root=webroot / "current")
    server.start()
    yield Published(project, webroot, server, result.stdout)
    server.stop()


def test_first_release_is_live_behind_current(published: Published) -> None:
    current = published.webroot / "current"
    assert current.is_symlink()
    name = os.readlink(current).removeprefix("releases/")
    commit = git(published.project, "rev-parse", "--short=8", "HEAD").strip()
    assert re.fullmatch(rf"\d{{8}}-\d{{6}}-{commit}", name)
    assert (published.webroot / "releases" / f"{name}.manifest.json").is_file()
    assert "Bản đầu tiên:" in published.first_output
    assert (current / ".htaccess").is_file()  # for Apache; nginx never serves it (below)


def check_served(url: Callable[[str], str], current: Path) -> None:
    """The rules every shipped configuration must hold, read over HTTP."""
    home = fetch(url("/"), {"Accept-Encoding": "gzip"})
    assert home.status == 200
    assert home.headers["content-encoding"] == "gzip"
    html = gzip.decompress(home.body).decode("utf-8")
    assert html == (current / "index.html").read_text(encoding="utf-8")
    csp = home.headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"].split() == ["'self'", "'wasm-unsafe-eval'"]
    assert "frame-ancestors" in directives and "'none'" in directives["object-src"]
    assert home.headers["x-content-type-options"] == "nosniff"
    assert home.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in home.headers["permissions-policy"]
    assert home.headers["cache-control"] == "public, max-age=300"
    assert "text/html" in home.headers["content-type"]
    brotli_home = fetch(url("/"), {"Accept-Encoding": "br"})
    if brotli_home.headers.get("content-encoding") == "br":  # nginx needs a module for .br (see nginx.conf)
        assert brotli.decompress(brotli_home.body).decode("utf-8") == html
    # Every inline script of the page went into a file: nothing for 'unsafe-inline' to allow.
    for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attrs or "application/" in attrs, (attrs, body[:80])
    css = re.search(r'<link rel="stylesheet" href="(assets/zoneportal/[a-z-]+\.[0-9a-f]{10}\.css)">', html)
    assert css, "our stylesheet under a hashed name"
    asset = fetch(url("/" + css.group(1)), {"Accept-Encoding": "gzip"})
    assert asset.status == 200 and asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "text/css" in asset.headers["content-type"]
    assert gzip.decompress(asset.body) == (current / css.group(1)).read_bytes()
    assert "content-security-policy" in asset.headers  # security headers on every answer
    material = re.search(r'src="(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', html)
    assert material and "immutable" in fetch(url("/" + material.group(1))).headers["cache-control"]
    feed = fetch(url("/rss.xml"))
    assert feed.status == 200 and feed.headers["cache-control"] == "public, max-age=300"
    plain = fetch(url("/"))
    assert "content-encoding" not in plain.headers and plain.body.decode("utf-8") == html
    # Our Vietnamese 404, with the security headers; hidden files are never served.
    missing = fetch(url("/tin-tuc/khong-co-bai-nay/"))
    assert missing.status == 404
    text = missing.body.decode("utf-8")
    assert 'lang="vi"' in text and "Không tìm thấy" in text
    assert "content-security-policy" in missing.headers
    assert fetch(url("/.htaccess")).status == 404
    check_folders_without_index(url, current)
    check_editor_policy(url, directives)
    robots = fetch(url("/robots.txt"))
    assert robots.status == 200
    lines = robots.body.decode("utf-8").splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /pagefind/" in lines  # every shard's folder is under it
    assert "Sitemap: https://congthongtin.bqlkcn-thanhvan.vn/sitemap.xml" in lines
    check_search_shards(url, current)


def check_search_shards(url: Callable[[str], str], current: Path) -> None:
    """An older shard of the search index is served like the primary: its chunks cached for a year
    (content-hashed names), its entry file five minutes, the security headers on both."""
    names = shard_names(current)
    assert names, "the published example is indexed in shards"
    for name in names:
        folder = current / "pagefind" / name
        chunk = next(folder.glob("fragment/*.pf_fragment")).relative_to(current).as_posix()
        answer = fetch(url("/" + chunk))
        assert answer.status == 200 and answer.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert answer.body == (current / chunk).read_bytes() and "content-security-policy" in answer.headers
        meta = next(folder.glob("pagefind.*.pf_meta")).relative_to(current).as_posix()
        assert "immutable" in fetch(url("/" + meta)).headers["cache-control"]
        entry = fetch(url(f"/pagefind/{name}/pagefind-entry.json"))
        assert entry.status == 200 and entry.headers["cache-control"] == "public, max-age=300"
        assert fetch(url(f"/pagefind/{name}/pagefind.js")).status == 404  # the primary's script serves all


SECURITY_HEADERS = ("x-content-type-options", "referrer-policy", "permissions-policy", "x-frame-options")


def csp_directives(value: str) -> dict[str, str]:
    directives: dict[str, str] = {}
    for part in value.split(";"):
        name, _, sources = part.strip().partition(" ")
        if name:
            directives[name] = sources.strip()
    return directives


def check_editor_policy(url: Callable[[str], str], portal: dict[str, str]) -> None:
    """/admin/ (Decap CMS) gets the editor's policy instead of the portal's, with every other security
    header still there; the rest of the site keeps the strict one."""
    home = fetch(url("/"))
    for path in ("/admin/", "/admin/config.yml"):
        answer = fetch(url(path))
        assert answer.status == 200, path
        editor = csp_directives(answer.headers["content-security-policy"])
        assert editor["script-src"].split() == ["'self'", "'unsafe-eval'"], path
        assert "'wasm-unsafe-eval'" not in answer.headers["content-security-policy"]
        assert set(editor["connect-src"].split()) >= {"'self'", "blob:"}, path
        assert editor["img-src"].split() == ["'self'", "blob:", "data:"]
        assert editor["frame-src"].split() == ["'self'", "blob:"]
        assert editor["object-src"] == "'none'" and editor["frame-ancestors"] == "'self'"
        assert editor["base-uri"] == "'self'" and editor["form-action"] == "'self'"
        assert "unsafe-inline" not in editor["script-src"]
        for header in SECURITY_HEADERS:
            assert answer.headers.get(header) == home.headers[header], (path, header)
        assert answer.headers.get("x-robots-tag") == "noindex, nofollow"
    # Not a prefix match gone wrong: a page whose path merely contains "admin" keeps the portal's policy.
    for path in ("/", "/tin-tuc/khong-co-bai-nay/", "/404.html?admin/"):
        answer = fetch(url(path))
        assert csp_directives(answer.headers["content-security-policy"]) == portal, path
        assert "x-robots-tag" not in answer.headers, path


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def first_answer(url: str) -> tuple[int, str]:
    """Status and Location of the server's own answer, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def check_folders_without_index(url: Callable[[str], str], current: Path) -> None:
    """A folder with no index page answers our Vietnamese 404 (status 404), not the server's English
    403 or a listing; a folder with one, named without its slash, is still redirected to it."""
    folders = sorted(
        "/" + d.relative_to(current).as_posix() + "/"
        for d in current.rglob("*")
        if d.is_dir() and not (d / "index.html").exists() and not d.name.startswith(".")
    )
    assert "/assets/" in folders
    nested = next(f for f in folders if f.count("/") >= 4)
    for path in ("/assets/", nested, "/assets"):
        answer = fetch(url(path))
        assert answer.status == 404, (path, answer.status)
        text = answer.body.decode("utf-8")
        assert 'lang="vi"' in text and "Không tìm thấy" in text, path
        assert "content-security-policy" in answer.headers, path
    status, location = first_answer(url("/to-chuc"))
    assert status in (301, 308) and location.endswith("/to-chuc/"), (status, location)


def test_nginx_serves_the_release_by_the_shipped_rules(published: Published) -> None:
    check_served(published.server.url, published.webroot / "current")


def test_brotli_copies_are_written_beside_the_gzip_ones(published: Published) -> None:
    current = published.webroot / "current"
    page = current / "index.html"
    assert brotli.decompress((current / "index.html.br").read_bytes()) == page.read_bytes()
    text_files = [p for p in current.rglob("*") if p.suffix in COMPRESSIBLE and p.stat().st_size >= MIN_SIZE]
    assert {p.suffix for p in text_files} >= {".html", ".css", ".js", ".xml"}
    missing = [p for p in text_files if not Path(f"{p}.gz").is_file()]
    assert missing == []


def test_second_publish_under_load_then_rollback(published: Published) -> None:
    """Readers fetch the first release's home page and every file it asks for, in a loop, while a
    second release goes live: no request fails. Then --rollback serves the first release byte for byte."""
    project, webroot, server = published.project, published.webroot, published.server
    first_release = os.readlink(webroot / "current")
    first_tree = tree_bytes(webroot / "current")
    home_html = (webroot / "current/index.html").read_text(encoding="utf-8")
    assets = page_assets(home_html, server.url("/"))
    old_css = next(u for u in assets if re.search(r"ban\.[0-9a-f]{10}\.css$", u))
    assert len(assets) > 10
    urls = [server.url("/"), *assets, server.url("/chuyen-muc/"), server.url("/tim-kiem/")]

    # What changes: the board's stylesheet (a new hashed name), a new post, a post removed.
    (project / "docs" / BAN_CSS).write_text(".md-header{border-bottom:3px solid #0d47a1}\n", encoding="utf-8")
    add_post(project, "2025/thong-bao-lich-tiep-cong-dan.md", "Thông báo lịch tiếp công dân", "2025-09-01 08:00")
    removed = sorted((project / "posts").rglob("*.md"))[0]
    removed.unlink()
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Tin mới")

    loop = RequestLoop(urls)
    loop.start()
    try:
        result = zoneportal(project, "publish", str(webroot))
    finally:
        loop.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    assert loop.requests > len(urls) * 2
    assert loop.failures == []
    second_release = os.readlink(webroot / "current")
    assert second_release != first_release
    assert "trang mới" in result.stdout and "Trang mới: /tin-tuc/2025/09/thong-bao-lich-tiep-cong-dan/" in result.stdout
    assert "Trang bỏ:" in result.stdout
    # The first release's stylesheet is still served from the second one; the new page links the new one.
    assert fetch(old_css).status == 200
    new_home = (webroot / "current/index.html").read_text(encoding="utf-8")
    assert old_css.rsplit("/", 1)[1] not in new_home and re.search(r"ban\.[0-9a-f]{10}\.css", new_home)
    # Unchanged files are hard links into the first release.
    first_dir, second_dir = webroot / first_release, webroot / second_release
    linked = [p for p in first_dir.rglob("*.webp") if (second_dir / p.relative_to(first_dir)).exists()]
    assert linked and all(p.stat().st_ino == (second_dir / p.relative_to(first_dir)).stat().st_ino for p in linked)

    listing = zoneportal(project, "publish", str(webroot), "--list")
    assert listing.returncode == 0
    assert f"{second_release.removeprefix('releases/')}  (commit" in listing.stdout
    assert "← đang chạy" in listing.stdout.splitlines()[-1]

    back = zoneportal(project, "publish", str(webroot), "--rollback")
    assert back.returncode == 0, back.stdout
    assert os.readlink(webroot / "current") == first_release
    assert tree_bytes(webroot / "current") == first_tree
    assert fetch(server.url("/")).body == first_tree["index.html"]


@pytest.mark.parametrize(
    "site_url", ["http://127.0.0.1:8000/", "http://localhost/", "https://thanhvan.example.vn/", None]
)
def test_publish_refuses_an_address_nobody_can_reach(tmp_path: Path, site_url: str | None) -> None:
    project = tmp_path / "cong"
    (project / "docs").mkdir(parents=True)
    config = "site_name: Cổng\nplugins:\n  - zoneportal\n" + (f"site_url: {site_url}\n" if site_url else "")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = zoneportal(project, "publish", str(tmp_path / "web"))
    assert result.returncode == 1
    assert result.stdout.startswith("Không đăng:") and "site_url" in result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "web").exists()


def test_publish_refuses_a_build_with_errors_and_keeps_the_live_site(published: Published, tmp_path: Path) -> None:
    project = tmp_path / "cong"
    shutil.copytree(published.project, project, symlinks=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    post = next((project / "posts").rglob("*.md"))
    text = re.sub(r"(?m)^author: .*$", "author: khong-co-tac-gia", post.read_text(encoding="utf-8"), count=1)
    post.write_text(text, encoding="utf-8")
    git(project, "commit", "-qam", "Bài lỗi")
    live = os.readlink(published.webroot / "current")
    result = zoneportal(project, "publish", str(published.webroot))
    assert result.returncode == 1
    assert "bản xây dựng có lỗi" in result.stdout
    # The build's Vietnamese error list names the file, the field and the value.
    log = result.stderr + result.stdout
    assert "khong-co-tac-gia" in log and post.relative_to(project).as_posix() in log and "Traceback" not in log
    assert os.readlink(published.webroot / "current") == live


def test_publish_refuses_uncommitted_posts(published: Published, tmp_path: Path) -> None:
    project = tmp_path / "cong"
    shutil.copytree(published.project, project, symlinks=True)
    add_post(project, "2025/chua-commit.md", "Bài chưa commit", "2025-09-02 08:00")
    result = zoneportal(project, "publish", str(tmp_path / "web"))
    assert result.returncode == 1
    assert "chưa commit" in result.stdout and "posts/2025/chua-commit.md" in result.stdout
    assert not (tmp_path / "web").exists()


@pytest.fixture(scope="module")
def world_readable_copy(published: Published) -> Iterator[Path]:
    """The same site published (--no-build) into a web root any account can read, for servers whose
    workers drop root (Apache refuses to serve as root)."""
    root = Path(tempfile.mkdtemp(prefix="zp-web-"))
    root.chmod(0o755)
    result = zoneportal(published.project, "publish", str(root / "web"), "--no-build")
    assert result.returncode == 0, result.stdout + result.stderr
    yield root / "web"
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("server_class", [CaddyServer, ApacheServer], ids=["caddy", "apache"])
def test_caddy_and_apache_serve_the_release_by_the_shipped_rules(
    world_readable_copy: Path, tmp_path: Path, server_class: type[ShippedServer]
) -> None:
    found = find_caddy() if server_class is CaddyServer else find_apache()
    if found is None:
        if IN_CI:
            pytest.fail(f"CI must test the shipped {server_class.name} rules, but it is not installed", pytrace=False)
        pytest.skip(f"{server_class.name} not installed (apt-get install caddy apache2)")
    server = server_class(tmp_path / server_class.name, world_readable_copy)
    server.start()
    try:
        check_served(server.url, world_readable_copy / "current")
    finally:
        server.stop()
