"""Decap CMS's config.yml, generated from the content model on every build so it never drifts from
`zoneportal check`; and registries.json, the names the editor's preview and term list show."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml

from ..content.registry import AUTHORS_FILE, CATEGORIES_FILE, COMMITTEES_FILE, EVENTS_FILE, Registry
from .backend import EditorBackend
from .fields import REGISTRY_MODELS, post_fields, registry_entry_fields

REGISTRY_FORMAT = "zp-registry"  # registered by zp-editor.js: `key: {…}` mappings edited as lists
REGISTRY_FILES = {"authors": AUTHORS_FILE, "categories": CATEGORIES_FILE, "committees": COMMITTEES_FILE}
REGISTRY_FILES["events"] = EVENTS_FILE


@dataclass(frozen=True)
class EditorSite:
    """What the editor needs to know about the portal it edits."""

    posts_dir: str = "posts"
    site_url: str = ""
    # Registry files that exist: Decap cannot open a file that is not there (posts/events.yml is optional)
    # and would show the previous file's entries in its place.
    registries: tuple[str, ...] = tuple(REGISTRY_FILES)
    # The register's numbers (số hiệu) and their labels, newest first: the post's `documents` select.
    # Empty (no register): a free list, as `check` then accepts no number anyway.
    documents: tuple[tuple[str, str], ...] = ()


def editor_config(registry: Registry, backend: EditorBackend, site: EditorSite) -> dict[str, Any]:
    posts = site.posts_dir.strip("/")
    config: dict[str, Any] = {
        "locale": "vi",
        "backend": backend.decap(),
        # Uploads from the Media tab (not from a post) go to the docs pages' photos.
        "media_folder": "docs/anh",
        "public_folder": "/anh",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            _posts_collection(registry, posts, backend, site.documents),
            _registries_collection(posts, site.registries),
        ],
    }
    if backend.workflow:
        config["publish_mode"] = "editorial_workflow"
    if site.site_url:
        config["site_url"] = site.site_url
        config["display_url"] = site.site_url
    return config


def _posts_collection(
    registry: Registry, posts: str, backend: EditorBackend, documents: tuple[tuple[str, str], ...] = ()
) -> dict[str, Any]:
    return {
        "name": "posts",
        "label": "Bài viết",
        "label_singular": "bài viết",
        "description": "Tin bài của cổng. Ảnh tải lên được lưu ngay trong thư mục của bài.",
        "folder": posts,
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        # A bundle per post: posts/YYYY/<slug>/index.md, YYYY from the post's date. (Decap takes the year in
        # UTC: a post dated 1 January before 07:00 goes into the previous year's folder; its URL is not affected.)
        "path": "{{year}}/{{slug}}/index",
        # Photos beside the post, named by file name only in the front matter and body.
        "media_folder": "",
        "public_folder": "",
        "identifier_field": "title",
        "summary": "{{title}} — {{fields.date | date('DD/MM/YYYY')}}",
        "sortable_fields": ["date", "title"],
        "view_filters": [{"label": "Bài nháp", "field": "draft", "pattern": True}],
        # Without a server-side workflow, a new post is a draft until staff untick it.
        "fields": post_fields(registry, draft_default=not backend.workflow, documents=documents),
    }


def _registries_collection(posts: str, present: tuple[str, ...]) -> dict[str, Any]:
    files = []
    for name, (label, model) in REGISTRY_MODELS.items():
        if name not in present:
            continue
        files.append(
            {
                "name": name,
                "label": label,
                "file": f"{posts}/{REGISTRY_FILES[name]}",
                "fields": [
                    {
                        "name": "entries",
                        "label": label,
                        "widget": "list",
                        "summary": "{{fields.key}}: {{fields.name}}",
                        "fields": registry_entry_fields(model),
                    },
                    # The file's opening comment lines, written back unchanged.
                    {"name": "header", "widget": "hidden", "required": False},
                ],
            }
        )
    return {
        "name": "registries",
        "label": "Danh mục",
        "description": "Tác giả, chuyên mục, tổ chức và nhiệm kỳ, loại sự kiện: các danh sách chọn trong bài.",
        "format": REGISTRY_FORMAT,
        "extension": "yml",
        "editor": {"preview": False},
        "files": files,
    }


def render_config(config: dict[str, Any]) -> str:
    header = "# Sinh tự động từ posts/*.yml và mkdocs.yml mỗi lần xây dựng trang: đừng sửa tay.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def registry_labels(registry: Registry) -> str:
    """Names for keys, for the preview (tác giả, tổ chức, chuyên mục, sự kiện) and the term list."""
    data = {
        "authors": {a.key: {"name": a.name, "role": a.role} for a in registry.authors.values()},
        "categories": {c.key: c.name for c in registry.categories.values()},
        "events": {e.key: e.name for e in registry.events.values()},
        "committees": {
            c.key: {
                "name": c.name,
                "terms": [{"key": t.key, "label": _term_label(t.key, t.congress)} for t in c.terms],
            }
            for c in registry.committees.values()
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _term_label(key: str, congress: str | None) -> str:
    return f"Nhiệm kỳ {key} (Đại hội {congress})" if congress else f"Nhiệm kỳ {key}"
