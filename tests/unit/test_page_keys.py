"""Keys of the build cache (output/build_cache.py) are the same in every process and every checkout
folder (Python's `hash()` of text changes with each process), and change with what a page shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kit.plankit import plan, three_posts
from kit.sitekit import make_project
from zoneportal.output.build_cache import PageKeys

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
from pathlib import Path
from kit.plankit import plan
from kit.sitekit import Project
from zoneportal.output.build_cache import PageKeys
root = Path(sys.argv[1])
keys = PageKeys("salt", root)
print(json.dumps({spec.url: keys.key(spec) for spec in plan(Project(root)).pages}))
"""


def _keys_in_process(root: Path, seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join(["tests", ".", "plugins"])}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(root)], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_keys_are_the_same_in_every_process_and_folder(tmp_path: Path) -> None:
    first, second = make_project(tmp_path / "a"), make_project(tmp_path / "elsewhere" / "b")
    three_posts(first)
    three_posts(second)
    keys = _keys_in_process(first.root, "1")
    assert len(keys) > 5
    assert _keys_in_process(first.root, "2") == keys
    assert _keys_in_process(second.root, "3") == keys


def test_a_retitled_post_changes_its_pages_and_no_other(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    three_posts(project)
    before = {spec.url: PageKeys("s", project.root).key(spec) for spec in plan(project).pages}
    [source] = [p for p in sorted(project.posts.rglob("*.md"))][:1]
    source.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: Sửa ", 1), encoding="utf-8")
    after = {spec.url: PageKeys("s", project.root).key(spec) for spec in plan(project).pages}
    changed = {url for url in before if after.get(url) != before[url]}
    assert changed and len(changed) < len(before)
    salted = {spec.url: PageKeys("other salt", project.root).key(spec) for spec in plan(project).pages}
    assert not set(salted.values()) & set(after.values())
