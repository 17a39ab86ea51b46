"""Inline scripts moved into files, so the Content-Security-Policy can say `script-src 'self'`.

Material writes three small inline scripts into every page (its storage scope, which varies with the
page's depth; the colour scheme; the #hash target), and templates may add more. Listing their hashes
in the server configuration would tie the shipped config to one build of the templates; moving them
into content-hashed files keeps the policy static: whatever a template emits, it runs from 'self'.

Only the page's own chrome is moved. A script inside an <article> (the post or docs page body that
staff wrote) stays inline, so the policy blocks it as it should, and the build says which page has one.
JSON data blocks (`application/json`, `application/ld+json`) are never executed and stay in place.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

INLINE_DIR = "assets/zoneportal/inline"
SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
ARTICLE_TAG = re.compile(r"<(/?)article\b", re.I)
TYPE_ATTR = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
SRC_ATTR = re.compile(r"\bsrc\s*=", re.I)
# MkDocs writes attributes in lower case with double quotes: a literal prefix keeps this fast.
ABSOLUTE_ASSETS = re.compile(r"""(?:src|href)=["'](/(?:[^"'/]+/)*)assets/""")
# Attributes that mean nothing on an inline script but would change how an external one runs.
TIMING_ATTRS = re.compile(r"\s+(?:async|defer)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?(?=[\s>/]|$)", re.I)
# The HTML standard's JavaScript MIME types (plus "module"); any other type is a data block.
EXECUTABLE_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/jscript",
}
# What the policy blocks and no file can carry: inline event handlers and javascript: links.
HANDLER_ATTR = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
HANDLER_HINT = re.compile(r"\son[a-z]+\s*=", re.I)  # cheap first look; most pages have none
JS_URL = re.compile(r"""\b(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


@dataclass
class ScriptStore:
    """The files the moved scripts went into, one per distinct script body."""

    site_dir: Path
    written: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)  # names given out since reset (finish_cache.py)

    def path_for(self, body: str) -> str:
        data = body.encode("utf-8")
        name = f"{INLINE_DIR}/script.{hashlib.sha256(data).hexdigest()[:16]}.js"
        self.used.add(name)
        if name not in self.written:
            target = self.site_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            # Under a name of this process first: the finish step's workers may write one script at once.
            partial = target.with_name(f"{target.name}.{os.getpid()}.part")
            partial.write_bytes(data)
            os.replace(partial, target)
            self.written.add(name)
        return name


@dataclass
class InlineFindings:
    """Per page: scripts the policy will block (inside the page body) and handlers/javascript: links."""

    blocked_scripts: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)


def is_executable(attrs: str) -> bool:
    found = TYPE_ATTR.search(attrs)
    script_type = next((g for g in found.groups() if g is not None), "") if found else ""
    return script_type.strip().lower() in EXECUTABLE_TYPES


def _article_spans(html: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for match in ARTICLE_TAG.finditer(html):
        if match.group(1):
            depth = max(depth - 1, 0)
            if depth == 0:
                spans.append((start, match.end()))
        else:
            if depth == 0:
                start = match.start()
            depth += 1
    if depth:
        spans.append((start, len(html)))
    return spans


def externalize_scripts(html: str, page_path: str, store: ScriptStore, findings: InlineFindings) -> str:
    """`page_path` is the page's file relative to the site root (`tin-tuc/2023/04/x/index.html`)."""
    spans = _article_spans(html)
    page_dir = posixpath.dirname(page_path) or "."
    # Pages link the site's assets relatively, except those built to be served at any depth (MkDocs'
    # 404.html: absolute, from site_url's path); the moved scripts are linked the way the page links.
    absolute = ABSOLUTE_ASSETS.search(html)

    def replace(match: re.Match[str]) -> str:
        attrs, body = match.group("attrs"), match.group("body")
        if SRC_ATTR.search(attrs) or not is_executable(attrs) or not body.strip():
            return match.group(0)
        if any(start <= match.start() < end for start, end in spans):
            findings.blocked_scripts.append(page_path)
            return match.group(0)
        name = store.path_for(body)
        url = absolute.group(1) + name if absolute else posixpath.relpath(name, page_dir)
        kept = TIMING_ATTRS.sub("", attrs).rstrip()
        return f'<script src="{url}"{kept}></script>'

    result = SCRIPT.sub(replace, html)
    handlers = HANDLER_HINT.search(result) is not None and HANDLER_ATTR.search(result) is not None
    if handlers or ("javascript:" in result.lower() and JS_URL.search(result)):
        findings.handlers.append(page_path)
    return result
