"""Search-engine and sharing metadata: JSON-LD, Open Graph and Twitter cards, sitemap dates.

Pure functions of post views and site settings; templates print what these return."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from markupsafe import Markup

if TYPE_CHECKING:
    from ..pages.model import PostView


def script_json(value: Any) -> Markup:
    """JSON that is safe inside a <script> element: no "<", ">" or "&" can end the element or open a
    comment, whatever a title contains (`</script>` becomes `\\u003c/script\\u003e`). Markup, so
    that autoescaping templates print it as it is (HTML escapes would break the JSON)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@dataclass(frozen=True)
class SiteMeta:
    """What every page's head needs to know about the site (from mkdocs.yml)."""

    name: str
    url: str  # absolute with a trailing slash, or "" when mkdocs.yml has no site_url
    description: str = ""
    publisher: str = ""  # the board's name (legal.agency), else the site name
    logo: str | None = None  # absolute URL
    parent: str = ""  # the governing body (cơ quan chủ quản)

    @classmethod
    def of(
        cls,
        *,
        name: str,
        site_url: str | None,
        description: str | None,
        publisher: str | None,
        logo: str | None,
        parent: str = "",
    ) -> SiteMeta:
        """From mkdocs.yml: `site_url` may lack its trailing slash, `logo` is site-relative."""
        url = site_url or ""
        if url and not url.endswith("/"):
            url += "/"
        return cls(
            name=name,
            url=url,
            description=description or "",
            publisher=publisher or name,
            logo=urljoin(url, logo) if url and logo else None,
            parent=parent,
        )

    def absolute(self, url: str | None) -> str | None:
        """`url` (site-relative) as an absolute URL; None without a site_url, since Open Graph,
        JSON-LD and feeds need absolute addresses."""
        if url is None or not self.url:
            return None
        return urljoin(self.url, url)


@dataclass(frozen=True)
class HeadTags:
    """Printed in <head> by zp/partials/head.html."""

    meta: list[tuple[str, str, str]] = field(default_factory=list)  # (attribute, name, content)
    jsonld: str | None = None
    feeds: list[tuple[str, str]] = field(default_factory=list)  # (title, site-relative URL)


def page_head(
    site: SiteMeta,
    *,
    title: str,
    description: str | None,
    canonical: str | None,
    feeds: list[tuple[str, str]],
    kind: str = "website",
    image: str | None = None,
    jsonld: str | None = None,
) -> HeadTags:
    description = description or site.description
    meta = [
        ("property", "og:type", kind),
        ("property", "og:site_name", site.name),
        ("property", "og:locale", "vi_VN"),
        ("property", "og:title", title),
    ]
    if description:
        meta.append(("property", "og:description", description))
    if canonical:
        meta.append(("property", "og:url", canonical))
    if image:
        meta += [("property", "og:image", image), ("name", "twitter:image", image)]
    meta += [
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", title),
    ]
    if description:
        meta.append(("name", "twitter:description", description))
    return HeadTags(meta=meta, feeds=feeds, jsonld=jsonld)


def home_head(
    site: SiteMeta, *, title: str, canonical: str | None, feeds: list[tuple[str, str]], search_url: str | None
) -> HeadTags:
    """The home page: who publishes the portal (Organization) and how to search it (WebSite)."""
    graph = [organization(site), website(site, search_url)]
    data = script_json({"@context": "https://schema.org", "@graph": graph})
    return page_head(
        site, title=title, description=None, canonical=canonical, feeds=feeds, image=site.logo, jsonld=data
    )


def organization(site: SiteMeta) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "GovernmentOrganization", "name": site.publisher or site.name}
    if site.url:
        found["@id"] = site.url + "#to-chuc"
        found["url"] = site.url
    if site.logo:
        found["logo"] = {"@type": "ImageObject", "url": site.logo}
    if site.parent:
        found["parentOrganization"] = {"@type": "GovernmentOrganization", "name": site.parent}
    return found


def website(site: SiteMeta, search_url: str | None) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "WebSite", "name": site.name, "inLanguage": "vi"}
    if site.url:
        found["url"] = site.url
        found["publisher"] = {"@id": site.url + "#to-chuc"}
    target = site.absolute(search_url)
    if target:
        found["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{target}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        }
    return found


def post_head(
    site: SiteMeta, view: PostView, canonical: str | None, feeds: list[tuple[str, str]], author_url: str | None = None
) -> HeadTags:
    post = view.post
    image = site.absolute(view.cover_url) or site.logo
    head = page_head(
        site, title=view.title, description=view.summary, canonical=canonical, feeds=feeds, kind="article", image=image
    )
    head.meta.append(("property", "article:published_time", post.date.isoformat()))
    if post.updated:
        head.meta.append(("property", "article:modified_time", post.modified.isoformat()))
    head.meta.extend(("property", "article:section", c.name) for c in view.categories)
    head.meta.extend(("property", "article:tag", t.name) for t in view.tags)
    article = news_article(site, view, canonical, author_url)
    return HeadTags(meta=head.meta, jsonld=script_json(article), feeds=feeds)


def news_article(
    site: SiteMeta, view: PostView, canonical: str | None, author_url: str | None = None
) -> dict[str, Any]:
    """schema.org NewsArticle for a post, as a dict ready for `script_json`."""
    author: dict[str, Any] = {"@type": "Person", "name": view.author.name}
    if site.absolute(author_url):
        author["url"] = site.absolute(author_url)
    if view.author.role:
        author["jobTitle"] = view.author.role
    publisher: dict[str, Any] = {"@type": "Organization", "name": site.publisher or site.name}
    if site.url:
        publisher["url"] = site.url
    if site.logo:
        publisher["logo"] = {"@type": "ImageObject", "url": site.logo}
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": view.title,
        "datePublished": view.post.date.isoformat(),
        "dateModified": view.post.modified.isoformat(),
        "author": [author],
        "publisher": publisher,
        "inLanguage": "vi",
        "articleSection": [c.name for c in view.categories],
    }
    if view.summary:
        article["description"] = view.summary
    if canonical:
        article["url"] = canonical
        article["mainEntityOfPage"] = {"@type": "WebPage", "@id": canonical}
    # Google wants an image for every article: the cover, else the board's emblem.
    image = site.absolute(view.cover_url) or site.logo
    if image:
        article["image"] = [image]
    if view.tags:
        article["keywords"] = [t.name for t in view.tags]
    return article
