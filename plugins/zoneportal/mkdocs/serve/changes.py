"""Which saved files the preview reacts to, and which saves it can show without a build.

A save of a post's Markdown or of a photo beside it is previewed by re-planning (session.update);
anything else the portal is made from (mkdocs.yml, docs/, the registries, the register, an
attachment) goes through a build, as `mkdocs serve` did for every save. Editors' scratch files
(vim's swap files and its `4913` probe, backups ending in `~`, hidden files) are not saves."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ...content.bundle import PHOTO_SUFFIXES

# The post itself and the photos a post shows: what re-planning reads again by itself.
POST_SUFFIXES = frozenset({".md", *PHOTO_SUFFIXES})
_SCRATCH_ENDINGS = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")


def is_scratch(path: Path) -> bool:
    name = path.name
    return name.startswith((".", "#")) or name.endswith(_SCRATCH_ENDINGS) or name == "4913"


@dataclass(frozen=True)
class WatchedProject:
    """What one preview watches: the configuration file and the folders the portal is made from."""

    config_file: Path
    posts_dir: Path
    folders: tuple[Path, ...]  # docs/, posts/, the register, mkdocs.yml's `watch:`

    def matters(self, path: Path) -> bool:
        if is_scratch(path):
            return False
        return path == self.config_file or any(path.is_relative_to(folder) for folder in self.folders)

    def posts_only(self, paths: Iterable[Path]) -> bool:
        """Every path a post's Markdown or photo: re-planning is enough (registries are .yml: a build)."""
        return all(path.is_relative_to(self.posts_dir) and path.suffix.lower() in POST_SUFFIXES for path in paths)


class SavedFiles:
    """Paths saved since the last rebuild; filled by the watcher's thread, taken by the builder's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[Path] = set()

    def add(self, path: Path) -> None:
        with self._lock:
            self._paths.add(path)

    def take(self) -> set[Path]:
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths
