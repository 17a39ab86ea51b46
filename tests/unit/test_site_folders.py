"""output/folders.py: each folder of the site made by one mkdir, parents first when missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoneportal.output.folders import Folders


def test_folders_are_made_with_their_parents_and_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folders = Folders()
    (tmp_path / "a").mkdir()
    calls: list[str] = []
    real_mkdir = __import__("os").mkdir

    def counting_mkdir(path: str, *args: object) -> None:
        calls.append(path)
        real_mkdir(path, *args)

    monkeypatch.setattr("zoneportal.output.folders.os.mkdir", counting_mkdir)
    deep = f"{tmp_path}/a/b/c/d"
    folders.make(deep)
    assert Path(deep).is_dir()
    made = len(calls)
    folders.make(deep)
    folders.make(f"{tmp_path}/a/b")  # made on the way: known without asking the file system
    assert len(calls) == made
    folders.make(f"{tmp_path}/a")  # already there before: one mkdir that finds it
    assert Path(tmp_path / "a").is_dir() and len(calls) == made + 1
