"""robots.txt: where the sitemap is, and what crawlers should leave alone.

Not public: the web editor (/admin/), the search page and its Pagefind index (endless query URLs,
no content of their own). robots.txt is only read at the host's root: a portal served under a
sub-path gets the file with the sub-path in its rules, for the server's root to serve or include.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

ADMIN_PATH = "admin/"
PAGEFIND_PATH = "pagefind/"


def robots_txt(site_url: str | None, private_paths: list[str]) -> str:
    base_path = urlsplit(site_url).path if site_url else "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    lines = ["User-agent: *"]
    lines += [f"Disallow: {base_path}{path.lstrip('/')}" for path in private_paths]
    lines.append("")
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def write_robots(site_dir: Path, site_url: str | None, search_path: str | None) -> None:
    private = [ADMIN_PATH, PAGEFIND_PATH, "404.html"]
    if search_path:
        private.append(search_path)
    (site_dir / "robots.txt").write_text(robots_txt(site_url, private), encoding="utf-8")
