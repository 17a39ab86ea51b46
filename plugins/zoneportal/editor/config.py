"""Decap CMS's config.yml, generated from the content model on every build so it never drifts from
`zoneportal check`; and registries.json, the names the editor's preview and term list show."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content.registry import AUTHORS_FILE, CATEGORIES_FILE, COMMITTEES_FILE, EVENTS_FILE, Registry
from ..documents.model import DocumentRegister, Relation
from ..documents.register import ISSUERS_FILE, TYPES_FILE
from .backend import EditorBackend
from .fields import (
    DOCUMENT_REGISTRY_MODELS,
    REGISTRY_MODELS,
    Choices,
    committee_options,
    document_fields,
    post_fields,
    registry_entry_fields,
)

REGISTRY_FORMAT = "zp-registry"  # registered by zp-editor.js: `key: {…}` mappings edited as lists
REGISTRY_FILES = {"authors": AUTHORS_FILE, "categories": CATEGORIES_FILE, "committees": COMMITTEES_FILE}
REGISTRY_FILES["events"] = EVENTS_FILE
DOCUMENT_REGISTRY_FILES = {"types": TYPES_FILE, "issuers": ISSUERS_FILE}


@dataclass(frozen=True)
class EditorRegister:
    """The văn bản register as the editor offers it: its folder, and the choices its fields take."""

    dir: str = "documents"
    types: Choices = ()  # documents/types.yml, by `order`
    issuers: Choices = ()  # documents/issuers.yml
    numbers: Choices = ()  # the register's numbers, newest first: relations (replaces, amends, implements)
    fields_in_use: tuple[str, ...] = ()  # lĩnh vực already used, offered in the hint
    # Registry files that exist (Decap cannot open a missing file).
    registries: tuple[str, ...] = tuple(DOCUMENT_REGISTRY_FILES)


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
    # None: the project has no documents/ folder, so no register to edit (a project opts in by creating
    # the folder with types.yml and issuers.yml; `check` accepts an absent register, and a document saved
    # without those registries could not pass it).
    register: EditorRegister | None = None


def editor_register(register: DocumentRegister, folder: Path, documents_dir: str) -> EditorRegister | None:
    """What the editor offers from the register in `folder` (None when the project has no such folder)."""
    if not folder.is_dir():
        return None
    types = sorted(register.types.values(), key=lambda t: (t.order, t.name))
    documents = register.newest_first()
    return EditorRegister(
        dir=documents_dir,
        types=tuple((t.key, t.name) for t in types),
        issuers=tuple((i.key, i.name) for i in register.issuers.values()),
        numbers=_relation_choices(register),
        fields_in_use=tuple(sorted({name for d in documents for name in d.fields})),
        registries=tuple(name for name, file in DOCUMENT_REGISTRY_FILES.items() if (folder / file).is_file()),
    )


def _relation_choices(register: DocumentRegister) -> Choices:
    """The register's numbers, newest first, then other spellings the entries already use for them
    (`05/CT-TW` for `05-CT/TW`): a select drops a stored value it has no option for when staff change it."""
    choices = {d.number: f"{d.number} — {d.summary}" for d in register.newest_first()}
    for document in register.newest_first():
        for relation in Relation:
            for spelling in document.related_numbers(relation):
                target = register.find(spelling)
                if target is not None and spelling not in choices:
                    choices[spelling] = f"{spelling} (= {target.number}) — {target.summary}"
    return tuple(choices.items())


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
            *([_documents_collection(site.register)] if site.register else []),
            _registries_collection(registry, posts, site.registries, site.register),
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


def _documents_collection(register: EditorRegister) -> dict[str, Any]:
    return {
        "name": "documents",
        "label": "Văn bản",
        "label_singular": "văn bản",
        "description": "Sổ văn bản (nghị quyết, quyết định, chỉ thị …): mỗi văn bản một thư mục, tệp PDF lưu cạnh.",
        "folder": register.dir.strip("/"),
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        # A bundle per document: documents/YYYY/<slug>/index.md, YYYY the year of issue, <slug> the number
        # written as the portal writes it in the document's address (45/QĐ-BQL → 45-qd-bql).
        # Decap's `{{year}}` is the year of a field named `date` (else today), and Decap lower-cases the `path`
        # template (a `date('YYYY')` filter there gives "yyyy"): the year comes from `issued` in the `slug`
        # template, which Decap does not lower-case. Decap lists a collection as deep as `path` has parts, so
        # `path` keeps three: the last, `{{/}}`, names no field and writes nothing.
        "slug": "{{fields.issued | date('YYYY')}}/{{slug}}",
        "path": "{{slug}}/index{{/}}",
        "media_folder": "",
        "public_folder": "",
        "identifier_field": "number",
        "summary": "{{fields.number}} — {{fields.summary}}",
        "sortable_fields": ["issued", "number"],
        "fields": document_fields(register.types, register.issuers, register.numbers, register.fields_in_use),
    }


def _registry_file(name: str, label: str, path: str, entry_fields: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "file": path,
        "fields": [
            {
                "name": "entries",
                "label": label,
                "widget": "list",
                "summary": "{{fields.key}}: {{fields.name}}",
                "fields": entry_fields,
            },
            # The file's opening comment lines, written back unchanged.
            {"name": "header", "widget": "hidden", "required": False},
            # Whether the file is written one entry a line (zp-editor.js), kept on save.
            {"name": "flow", "widget": "hidden", "required": False},
        ],
    }


def _registries_collection(
    registry: Registry, posts: str, present: tuple[str, ...], register: EditorRegister | None
) -> dict[str, Any]:
    files = [
        _registry_file(name, label, f"{posts}/{REGISTRY_FILES[name]}", registry_entry_fields(model))
        for name, (label, model) in REGISTRY_MODELS.items()
        if name in present
    ]
    if register is not None:
        # An issuer that is one of our committees links to it: the committee chosen from posts/committees.yml.
        committees = tuple((o["value"], o["label"]) for o in committee_options(registry))
        for name, (label, model) in DOCUMENT_REGISTRY_MODELS.items():
            if name in register.registries:
                path = f"{register.dir.strip('/')}/{DOCUMENT_REGISTRY_FILES[name]}"
                files.append(_registry_file(name, label, path, registry_entry_fields(model, {"committee": committees})))
    return {
        "name": "registries",
        "label": "Danh mục",
        "description": "Tác giả, chuyên mục, tổ chức và nhiệm kỳ, loại sự kiện; loại văn bản và cơ quan ban hành: "
        "các danh sách chọn trong bài và trong văn bản.",
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
