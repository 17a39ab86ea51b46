"""Write phase: the site is built into a staging folder and swapped in only when the build succeeded,
so a failed build leaves the previous `site/` exactly as it was."""

from __future__ import annotations

import shutil
from pathlib import Path


class StagedOutput:
    def __init__(self, site_dir: Path) -> None:
        self.final = site_dir
        self.staging = site_dir.parent / f".{site_dir.name}-staging"
        self.previous = site_dir.parent / f".{site_dir.name}-previous"

    def begin(self) -> Path:
        """A clean staging folder beside `site/` (same file system, so the swap is a rename)."""
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        return self.staging

    def commit(self) -> None:
        shutil.rmtree(self.previous, ignore_errors=True)
        if self.final.exists():
            self.final.rename(self.previous)
        self.staging.rename(self.final)
        shutil.rmtree(self.previous, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
