"""Release names and the rules between two releases: what carries over, what is pruned, what a rollback
goes back to. Pure: no file system, no network."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from ..output.hashed_assets import is_fingerprinted
from .manifest import Manifest

RELEASE_NAME = re.compile(r"^\d{8}-\d{6}-[0-9a-z]+$")
STAMP = "%Y%m%d-%H%M%S"


def release_name(moment: datetime, commit: str, taken: set[str]) -> str:
    """`20261129-041500-1a2b3c4d`: says when and which commit. Names sort in publishing order (what a
    rollback relies on): a name never sorts before an existing release, even within the same second
    or with a clock that went back."""
    stamp = f"{moment:%Y%m%d-%H%M%S}"
    newest = max((name[:15] for name in taken if is_release_name(name)), default="")
    if stamp <= newest:
        stamp = f"{datetime.strptime(newest, STAMP) + timedelta(seconds=1):{STAMP}}"
    return f"{stamp}-{commit}"


def is_release_name(name: str) -> bool:
    return RELEASE_NAME.match(name) is not None


def carried_assets(previous: Manifest | None, new_files: dict[str, str]) -> list[str]:
    """Hashed files of the previous release that the new one lacks. A page fetched from the previous
    release just before the switch asks for them just after it; with them, no such request fails.
    Only hashed names: a hashed name can never mean different content, so keeping one is harmless."""
    if previous is None:
        return []
    return sorted(path for path in previous.own_files() if path not in new_files and is_fingerprinted(path))


def releases_to_prune(releases: list[str], current: str | None, keep: int) -> list[str]:
    """All but the newest `keep` releases; the one `current` points to is never removed."""
    ordered = sorted(releases)
    kept = set(ordered[-keep:]) if keep > 0 else set()
    if current:
        kept.add(current)
    return [name for name in ordered if name not in kept]


def rollback_target(releases: list[str], current: str | None) -> str | None:
    """The newest release older than the current one."""
    ordered = sorted(releases)
    if current not in ordered:
        return ordered[-2] if len(ordered) >= 2 else None
    position = ordered.index(current)
    return ordered[position - 1] if position > 0 else None
