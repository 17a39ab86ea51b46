"""Fingerprints of generated pages: what a page shows, reduced to one number.

Live preview rebuilds after every save; with thousands of posts, rendering every page again is
what makes it slow. A page whose fingerprint is unchanged would render to the same HTML, so the
writer skips it. The walk covers everything a page's template reads: its spec and every value in
its context, posts by a per-build token.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from ..content.post import Post
from .model import PageSpec, PostView

_ATOMS = (str, int, float, bool, type(None), date, datetime, Enum, Path)


class Fingerprinter:
    def __init__(self, salt: object, kept: dict[int, tuple[Post, int]] | None = None) -> None:
        self.salt = salt
        self._post_tokens: dict[int, int] = {}
        # Tokens of posts from earlier rebuilds; an unchanged post is the same object (content cache).
        self._kept = kept if kept is not None else {}

    def share(self, context: object) -> None:
        """Site-wide context every page shows (the menu, the side column's latest posts): part of
        every page's fingerprint, so a change there renders every page again."""
        parts: list[object] = [self.salt]
        self._feed(context, parts)
        self.salt = tuple(parts)

    def of(self, spec: PageSpec) -> int:
        parts: list[object] = [self.salt, spec.url, spec.title, spec.template, spec.kind, spec.description]
        parts.append(hash(spec.markdown))
        if spec.view is not None:
            parts.append(self._post(spec.view.post))
        self._feed(spec.context, parts)
        return hash(tuple(parts))

    def _post(self, post: Post) -> int:
        token = self._post_tokens.get(id(post))
        if token is None:
            kept = self._kept.get(id(post))
            if kept is not None and kept[0] is post:
                token = kept[1]
            else:
                fields = tuple(getattr(post, f.name) for f in _POST_FIELDS)
                token = hash(tuple(_atomic(v) for v in fields))
                self._kept[id(post)] = (post, token)
            self._post_tokens[id(post)] = token
        return token

    def _feed(self, value: Any, parts: list[object]) -> None:
        if isinstance(value, _ATOMS):
            parts.append(value)
        elif isinstance(value, Post):
            parts.append(self._post(value))
        elif isinstance(value, PostView):
            parts.append((value.url, self._post(value.post)))
            if value.photos:  # variants are named by photo content: a replaced photo changes the page
                parts.append(tuple(photo.key for photo in value.photos.album))
        elif isinstance(value, dict):
            for key, item in value.items():
                parts.append(key)
                self._feed(item, parts)
        elif isinstance(value, (list, tuple, set, frozenset)):
            parts.append(len(value))
            for item in value:
                self._feed(item, parts)
        elif dataclasses.is_dataclass(value):
            parts.append(type(value).__name__)
            for item in dataclasses.fields(value):
                self._feed(getattr(value, item.name), parts)
        else:
            parts.append(repr(value))


_POST_FIELDS = dataclasses.fields(Post)


def _atomic(value: object) -> object:
    if isinstance(value, dict):
        return tuple(sorted(value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(_atomic(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (list, tuple)):
        return tuple(_atomic(v) for v in value)
    return value


def changed_pages(
    specs: Iterable[PageSpec], previous: dict[str, int], fingerprinter: Fingerprinter
) -> tuple[set[str], dict[str, int]]:
    """URLs whose pages must be rendered again, and the fingerprints to remember for next time."""
    current = {spec.url: fingerprinter.of(spec) for spec in specs}
    changed = {url for url, value in current.items() if previous.get(url) != value}
    return changed, current
