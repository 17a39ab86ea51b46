"""Album addresses in the photo gallery: `/thu-vien-anh/<slug>/`, unique and stable.

A post's slug is unique only within its month, so two albums may want the same one: the older post
keeps the plain slug and the newer one gets its year and month (`hoi-nghi-2024-05`). Taking the
oldest first means a new post never changes the address of an album already published.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..content.post import Post


def album_slugs(posts: Iterable[Post], reserved: set[str]) -> dict[Path, str]:
    taken = set(reserved)
    slugs: dict[Path, str] = {}
    for post in sorted(posts, key=lambda p: p.sort_key):
        slug = post.slug
        if slug in taken:
            slug = f"{post.slug}-{post.date:%Y-%m}"
        number = 2
        while slug in taken:
            slug = f"{post.slug}-{post.date:%Y-%m}-{number}"
            number += 1
        taken.add(slug)
        slugs[post.source] = slug
    return slugs
