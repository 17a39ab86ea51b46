"""sitemap.xml for the whole portal, with each post's own date as lastmod.

MkDocs writes its sitemap from the pages it rendered itself, which no longer include ours
(see page_writer.py), and stamps every page with the build date; search engines are better
served by the date each article was published."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

from ..pages.model import PageSpec

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def lastmod_of(spec: PageSpec, newest: date | None) -> date | None:
    """A post's date (or its `updated`) for posts, the newest post's for lists."""
    return spec.view.post.modified.date() if spec.view is not None else newest


def sitemap_entries(pages: Iterable[tuple[str, date | None]], base_url: str) -> list[tuple[str, date | None]]:
    """Site-relative URLs with their lastmod (none for pages written by hand) as absolute entries.
    MkDocs names the home page `./`: the entry is the site's own address, not `https://host/./`."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return [(base + url.removeprefix("./").lstrip("/"), lastmod) for url, lastmod in pages]


def sitemap_xml(entries: Iterable[tuple[str, date | None]]) -> bytes:
    """The sitemap as ElementTree writes it (indented, utf-8, XML declaration), written line by line:
    building the tree of 16 000 URLs and indenting it was most of a second of every build."""
    lines = []
    for location, lastmod in entries:
        loc = f"<loc>{_text(location)}</loc>" if location else "<loc />"  # as ElementTree writes no text
        lines.append(f"  <url>\n    {loc}\n")
        if lastmod is not None:
            lines.append(f"    <lastmod>{_text(lastmod.isoformat())}</lastmod>\n")
        lines.append("  </url>\n")
    head = "<?xml version='1.0' encoding='utf-8'?>\n"
    if not lines:
        return f'{head}<urlset xmlns="{NAMESPACE}" />\n'.encode()
    return f'{head}<urlset xmlns="{NAMESPACE}">\n{"".join(lines)}</urlset>\n'.encode()


def _text(value: str) -> str:
    """Element text escaped as ElementTree escapes it."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def sitemap_tree_xml(entries: Iterable[tuple[str, date | None]]) -> bytes:
    """The same document through ElementTree: what `sitemap_xml` must equal (tests)."""
    urlset = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for location, lastmod in entries:
        url = ElementTree.SubElement(urlset, "url")
        ElementTree.SubElement(url, "loc").text = location
        if lastmod is not None:
            ElementTree.SubElement(url, "lastmod").text = lastmod.isoformat()
    ElementTree.indent(urlset)
    return ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def write_sitemap(site_dir: Path, entries: Iterable[tuple[str, date | None]]) -> None:
    data = sitemap_xml(entries)
    (site_dir / "sitemap.xml").write_bytes(data)
    # mtime=0: the same site gives the same bytes, build after build.
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))
