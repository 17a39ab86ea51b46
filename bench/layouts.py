"""Write one `Corpus` as a complete project for each generator under test.

- `zoneportal`: our format (posts/ registries + posts/YYYY/<slug>.md), the plugin and nothing else.
- `plain`: the same posts as MkDocs pages at the same URLs, Material theme, no plugin, not in the nav.
- `blog`: Material's blog plugin (docs/blog/posts, its front matter: date, authors, categories).
- `hugo`: the same posts as a Hugo site (content/tin-tuc/YYYY/MM/<slug>.md) at the same URLs, with
  taxonomies for categories, authors, tags and committees, year archives, a home page and Hugo's RSS;
  templates of comparable weight written with it (bench/hugo_templates.py), no theme.

The three MkDocs layouts share the theme, Markdown extensions and static pages, and none runs the
search plugin, so the difference between them is what each does with the posts.
"""

from __future__ import annotations

import io
import random
import shutil
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

from zoneportal.vi import slugify

from .corpus import AUTHORS, CATEGORIES, COMMITTEE_NAMES, TAGS, Corpus, SyntheticPost, committee_terms
from .hugo_templates import STYLESHEET, TEMPLATES

LAYOUTS = ("zoneportal", "plain", "blog", "hugo")
MKDOCS_LAYOUTS = ("zoneportal", "plain", "blog")
SITE_NAME = "Cổng thông tin Ban Quản lý các khu công nghiệp tỉnh Thanh Vân (thử tải)"
MARKDOWN_EXTENSIONS: list[Any] = [{"toc": {"permalink": True}}, "attr_list", "md_in_html", "tables", "admonition"]
STATIC_PAGES = {
    "gioi-thieu.md": "# Giới thiệu\n\nBan Quản lý các khu công nghiệp tỉnh Thanh Vân là cơ quan trực thuộc "
    "Ủy ban nhân dân tỉnh, thực hiện chức năng quản lý nhà nước đối với các khu công nghiệp.\n",
    "lien-he.md": "# Liên hệ\n\nSố 18 đường Hùng Vương, thành phố Thanh Vân. Điện thoại: 0200 3 812 345.\n",
}
PHOTO_NAME = "anh-bia.jpg"
WRITE_THREADS = 4
WRITE_AHEAD = 256


def write_project(corpus: Corpus, layout: str, root: Path) -> Path:
    """A fresh project for `layout` in `root` (emptied first); returns its mkdocs.yml (hugo.yaml)."""
    return write_projects(corpus.posts, {layout: root})[layout]


def write_projects(posts: Iterable[SyntheticPost], roots: Mapping[str, Path]) -> dict[str, Path]:
    """Fresh projects of several layouts (layout → folder, each emptied first) from one pass over
    `posts`, so a corpus can be streamed (bench.corpus.stream) instead of held in memory: at 100 000
    posts the corpus alone would take about a gigabyte. Returns each project's configuration file."""
    unknown = set(roots) - set(WRITERS)
    if unknown:
        raise ValueError(f"unknown layout {sorted(unknown)!r}; expected one of {', '.join(LAYOUTS)}")
    for layout, root in roots.items():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        pages = root / ("content" if layout == "hugo" else "docs")
        for name, text in STATIC_PAGES.items():
            _write(pages / name, text)
        WRITERS[layout][0](root)
    adders = [(WRITERS[layout][1], root) for layout, root in roots.items()]
    # Opening and creating files is most of the time on a slow or busy disk: a few threads write
    # while this one draws the next posts; at most WRITE_AHEAD posts wait, so memory stays flat.
    pending: deque[Future[None]] = deque()
    with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
        for post in posts:
            for add, root in adders:
                pending.append(pool.submit(add, post, root))
            while len(pending) > WRITE_AHEAD:
                pending.popleft().result()
        for future in pending:
            future.result()
    return {layout: root / ("hugo.yaml" if layout == "hugo" else "mkdocs.yml") for layout, root in roots.items()}


def _config(plugins: list[Any], nav: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "site_name": SITE_NAME,
        "site_url": "https://bench.example/",
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "vi", "font": False, "features": ["navigation.tabs"]},
        "plugins": plugins,
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "nav": nav,
        **extra,
    }


def _zoneportal(root: Path) -> None:
    _dump(
        root / "mkdocs.yml",
        _config(
            [{"zoneportal": {"posts_dir": "posts", "page_size": 10}}],
            [
                {"Trang chủ": "index.md"},
                {"Chuyên mục": "chuyen-muc/index.md"},
                {"Lưu trữ": "luu-tru/index.md"},
                {"Tác giả": "tac-gia/index.md"},
                {"Giới thiệu": "gioi-thieu.md"},
                {"Liên hệ": "lien-he.md"},
            ],
        ),
    )
    _dump(root / "posts" / "authors.yml", AUTHORS)
    _dump(root / "posts" / "categories.yml", CATEGORIES)
    committees = {
        key: {
            "name": name,
            "short_name": short,
            "level": level,
            "parent": parent,
            "order": order,
            "terms": [
                {"start": int(t.key[:4]), "end": int(t.key[5:]), "congress": t.congress}
                | ({"start_date": t.start_date} if t.start_date else {})
                for t in committee_terms()[key]
            ],
        }
        for order, (key, (name, short, level, parent)) in enumerate(COMMITTEE_NAMES.items(), start=1)
    }
    _dump(root / "posts" / "committees.yml", committees)


def _zoneportal_post(post: SyntheticPost, root: Path) -> None:
    fields: dict[str, Any] = {
        "title": post.title,
        "date": post.moment.strftime("%Y-%m-%d %H:%M" if post.has_time else "%Y-%m-%d"),
        "author": post.author,
        "committee": post.committee,
    }
    if post.term:
        fields["term"] = post.term
    fields["categories"] = list(post.categories)
    if post.tags:
        fields["tags"] = list(post.tags)
    if post.event:
        fields["event"] = post.event
    if post.number:
        fields["number"] = post.number
    year = f"{post.moment.year}"
    if post.photo_seed is not None:
        fields["cover"] = PHOTO_NAME
        folder = root / "posts" / year / f"{post.moment:%m}-{post.slug}"
        _write(folder / "index.md", _front_matter(fields) + "\n" + post.body)
        _photo(post, folder / PHOTO_NAME)
    else:
        # Slugs are unique within a month, so the month keeps file names unique within a year.
        _write(root / "posts" / year / f"{post.moment:%m}-{post.slug}.md", _front_matter(fields) + "\n" + post.body)


def _plain(root: Path) -> None:
    # `not_in_nav` only quiets MkDocs' notice listing every page left out of the nav.
    _dump(
        root / "mkdocs.yml",
        _config(
            [],
            [{"Trang chủ": "index.md"}, {"Giới thiệu": "gioi-thieu.md"}, {"Liên hệ": "lien-he.md"}],
            not_in_nav="/tin-tuc/\n",
        ),
    )
    _write(root / "docs" / "index.md", f"# {SITE_NAME}\n\nTin tức hoạt động của Ban Quản lý.\n")


def _plain_post(post: SyntheticPost, root: Path) -> None:
    fields = {"title": post.title, "date": post.moment.strftime("%Y-%m-%d %H:%M")}
    folder = root / "docs" / "tin-tuc" / f"{post.moment:%Y}" / f"{post.moment:%m}"
    body = post.body
    if post.photo_seed is not None:
        folder = folder / post.slug
        _photo(post, folder / PHOTO_NAME)
        body = f"![{post.title}]({PHOTO_NAME})\n\n{body}"
        _write(folder / "index.md", _front_matter(fields) + "\n" + body)
    else:
        _write(folder / f"{post.slug}.md", _front_matter(fields) + "\n" + body)


def _blog(root: Path) -> None:
    _dump(
        root / "mkdocs.yml",
        _config(
            [{"blog": {"authors_profiles": True, "post_date_format": "full"}}],
            [
                {"Trang chủ": "index.md"},
                {"Tin tức": "blog/index.md"},
                {"Giới thiệu": "gioi-thieu.md"},
                {"Liên hệ": "lien-he.md"},
            ],
        ),
    )
    _write(root / "docs" / "index.md", f"# {SITE_NAME}\n\nTin tức hoạt động của Ban Quản lý.\n")
    _write(root / "docs" / "blog" / "index.md", "# Tin tức\n")
    authors = {
        key: {"name": a["name"], "description": a.get("role", ""), "avatar": "https://bench.example/avatar.png"}
        for key, a in AUTHORS.items()
    }
    _dump(root / "docs" / "blog" / ".authors.yml", {"authors": authors})


def _blog_post(post: SyntheticPost, root: Path) -> None:
    fields: dict[str, Any] = {
        "title": post.title,
        "date": post.moment,
        "authors": [post.author],
        "categories": [CATEGORIES[c]["name"] for c in post.categories],
        "slug": post.slug,  # its default slugify drops "đ": keep URLs the same as the other layouts
    }
    # The blog shows everything above this marker in its lists, as our summaries do.
    body = post.lead + "\n\n<!-- more -->\n\n" + post.body[len(post.lead) :].lstrip("\n")
    folder = root / "docs" / "blog" / "posts" / f"{post.moment:%Y}"
    name = f"{post.moment:%m}-{post.slug}"
    if post.photo_seed is not None:
        folder = folder / name
        _photo(post, folder / PHOTO_NAME)
        body = f"![{post.title}]({PHOTO_NAME})\n\n{body}"
        _write(folder / "index.md", _front_matter(fields) + "\n" + body)
    else:
        _write(folder / f"{name}.md", _front_matter(fields) + "\n" + body)


# Hugo's taxonomies (singular: plural); the plural names the content folder of each term's page.
HUGO_TAXONOMIES = {"category": "categories", "author": "authors", "tag": "tags", "committee": "committees"}
# zoneportal's URL prefix of each taxonomy (pages/urls.py UrlScheme), so both sites have the same URLs.
HUGO_PREFIXES = {"categories": "chuyen-muc", "authors": "tac-gia", "tags": "the", "committees": "to-chuc"}


def _hugo(root: Path) -> None:
    menu = [("Trang chủ", "/"), ("Chuyên mục", "/chuyen-muc/"), ("Lưu trữ", "/luu-tru/"), ("Tác giả", "/tac-gia/")]
    menu += [("Giới thiệu", "/gioi-thieu/"), ("Liên hệ", "/lien-he/")]
    _dump(
        root / "hugo.yaml",
        {
            "baseURL": "https://bench.example/",
            "title": SITE_NAME,
            "languageCode": "vi",
            "defaultContentLanguage": "vi",
            "timeZone": "Asia/Ho_Chi_Minh",
            "enableRobotsTXT": True,
            "taxonomies": HUGO_TAXONOMIES,
            "permalinks": {
                "taxonomy": {plural: f"/{prefix}/" for plural, prefix in HUGO_PREFIXES.items()},
                "term": {plural: f"/{prefix}/:slug/" for plural, prefix in HUGO_PREFIXES.items()},
            },
            "pagination": {"pagerSize": 10, "path": "trang"},
            "related": {
                "includeNewer": True,
                "threshold": 60,
                "toLower": False,
                "indices": [
                    {"name": "tags", "weight": 100},
                    {"name": "committees", "weight": 60},
                    {"name": "categories", "weight": 40},
                    {"name": "date", "weight": 10},
                ],
            },
            "markup": {
                "goldmark": {"renderer": {"unsafe": True}, "parser": {"attribute": {"block": True}}},
                "tableOfContents": {"startLevel": 2, "endLevel": 3},
            },
            "menus": {"main": [{"name": name, "url": url, "weight": i} for i, (name, url) in enumerate(menu, 1)]},
        },
    )
    for name, text in TEMPLATES.items():
        _write(root / "layouts" / name, text)
    _write(root / "static" / "css" / "site.css", STYLESHEET)
    content = root / "content"
    _write(content / "_index.md", _front_matter({"title": SITE_NAME}))
    _write(content / "tin-tuc" / "_index.md", _front_matter({"title": "Tin tức"}))
    # A term's page gives its display name; the term itself is the slug zoneportal uses in the URL.
    terms: dict[str, dict[str, dict[str, Any]]] = {
        "categories": {k: {"title": c["name"], "description": c["description"]} for k, c in CATEGORIES.items()},
        "authors": {k: {"title": a["name"], "description": a["role"]} for k, a in AUTHORS.items()},
        "tags": {slugify(tag): {"title": tag} for tag in TAGS},
        "committees": {k: {"title": names[0]} for k, names in COMMITTEE_NAMES.items()},
    }
    for plural, pages in terms.items():
        _write(content / plural / "_index.md", _front_matter({"title": _HUGO_TAXONOMY_TITLES[plural]}))
        for slug, fields in pages.items():
            _write(content / plural / slug / "_index.md", _front_matter({**fields, "slug": slug}))
    _write(content / "luu-tru" / "_index.md", _front_matter({"title": "Lưu trữ", "layout": "archive"}))


def _hugo_post(post: SyntheticPost, root: Path) -> None:
    content = root / "content"
    year_page = content / "luu-tru" / str(post.moment.year) / "_index.md"
    with _YEAR_PAGES:  # the year archive of the first post of each year (posts are streamed, on threads)
        if not year_page.exists():
            year_fields = {"title": f"Năm {post.moment.year}", "layout": "year", "params": {"year": post.moment.year}}
            _write(year_page, _front_matter(year_fields))
    fields = {
        "title": post.title,
        "date": post.moment.strftime("%Y-%m-%dT%H:%M:00"),
        "authors": [post.author],
        "categories": list(post.categories),
        "committees": [post.committee],
    }
    if post.tags:
        fields["tags"] = [slugify(tag) for tag in post.tags]
    fields["params"] = {"term": post.term, "event": post.event, "number": post.number}
    body = post.lead + "\n\n<!--more-->\n\n" + post.body[len(post.lead) :].lstrip("\n")
    folder = content / "tin-tuc" / f"{post.moment:%Y}" / f"{post.moment:%m}"
    if post.photo_seed is not None:
        # A page bundle keeps the photo next to its post, at the same URL as the other layouts.
        folder = folder / post.slug
        _photo(post, folder / PHOTO_NAME)
        _write(folder / "index.md", _front_matter(fields) + "\n" + f"![{post.title}]({PHOTO_NAME})\n\n" + body)
    else:
        _write(folder / f"{post.slug}.md", _front_matter(fields) + "\n" + body)


_YEAR_PAGES = threading.Lock()
_HUGO_TAXONOMY_TITLES = {"categories": "Chuyên mục", "authors": "Tác giả", "tags": "Thẻ", "committees": "Tổ chức"}


def _photo(post: SyntheticPost, path: Path) -> None:
    """A small seeded JPEG (a gradient with a few blocks), enough for the image pipeline to work on."""
    from PIL import Image, ImageDraw

    rng = random.Random(post.photo_seed)
    image = Image.new("RGB", (960, 640), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(900), rng.randrange(600)
        w, h = rng.randint(40, 300), rng.randint(40, 200)
        draw.rectangle((x, y, x + w, y + h), fill=tuple(rng.randrange(256) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def _front_matter(fields: dict[str, Any]) -> str:
    return "---\n" + _yaml(fields) + "---\n"


def _dump(path: Path, data: Any) -> None:
    _write(path, _yaml(data))


# libyaml's emitter when PyYAML has it: the pure-Python one was three quarters of writing a project
# (100 000 front matters); both write the same text for these plain mappings.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# layout → (writes the project's configuration and fixed pages, writes one post)
WRITERS: dict[str, tuple[Callable[[Path], None], Callable[[SyntheticPost, Path], None]]] = {
    "zoneportal": (_zoneportal, _zoneportal_post),
    "plain": (_plain, _plain_post),
    "blog": (_blog, _blog_post),
    "hugo": (_hugo, _hugo_post),
}
