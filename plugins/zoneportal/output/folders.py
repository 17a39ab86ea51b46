"""Folders a build makes in the site (or a scratch folder): each made once, by name."""

from __future__ import annotations

import contextlib
import os


class Folders:
    """Folders of the site this build made: each made with one mkdir, never looked up again (at
    10 000 posts, `mkdir(parents=True, exist_ok=True)` for each of 47 000 files was 3-4 s of system
    time)."""

    def __init__(self) -> None:
        self.made: set[str] = set()

    def make(self, folder: str) -> None:
        if folder in self.made:
            return
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass
        except FileNotFoundError:
            self.make(os.path.dirname(folder))
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder)
        self.made.add(folder)
