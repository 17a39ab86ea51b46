"""Host portability: the example portal builds with ProperDocs (a drop-in fork of MkDocs 1.6) and
gives the same site as MkDocs: the same files, the same bytes, except the generator tag that
names the host. Each host runs in its own process: ProperDocs installs itself as `mkdocs` in
`sys.modules`, so the two cannot share one interpreter."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import brotli

from kit.examplesite import example_copy

# The only line a host may change: Material prints which generator built the page.
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _example_copy(target: Path) -> Path:
    """The example portal's tracked files (kit/examplesite.py: mkdocs.yml, docs/, overrides/, posts/,
    documents/) in a folder of its own, so the builds neither touch site/ nor share a photo cache with
    other tests, nor see anyone's draft."""
    target.mkdir()
    example_copy(target)
    return target


def _build(host: str, project: Path, site: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", host, "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(site)]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{host} build failed:\n{done.stdout}\n{done.stderr}"


def _files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def _outside_pagefind(files: dict[str, Path]) -> list[str]:
    return [name for name in files if not name.startswith("pagefind/")]


def _fragments(files: dict[str, Path]) -> list[str]:
    return [name for name in files if name.startswith("pagefind/fragment/")]


def _normalised(path: Path) -> bytes:
    data = path.read_bytes()
    # Precompressed copies (output/precompress.py) are compared by what they hold.
    if path.suffix == ".gz":
        data, path = gzip.decompress(data), path.with_suffix("")
    elif path.suffix == ".br":
        data, path = brotli.decompress(data), path.with_suffix("")
    return _GENERATOR.sub(b'<meta name="generator" content="HOST">', data) if path.suffix == ".html" else data


def test_example_builds_identically_with_mkdocs_and_properdocs(tmp_path: Path) -> None:
    project = _example_copy(tmp_path / "example")
    _build("mkdocs", project, tmp_path / "mkdocs-site")
    _build("properdocs", project, tmp_path / "properdocs-site")
    with_mkdocs, with_properdocs = _files(tmp_path / "mkdocs-site"), _files(tmp_path / "properdocs-site")

    # Pagefind names its index files by a hash that changes from run to run, even on one host:
    # its output is compared by what it indexed (one fragment per search document).
    assert sorted(_outside_pagefind(with_mkdocs)) == sorted(_outside_pagefind(with_properdocs))
    assert len(_fragments(with_mkdocs)) == len(_fragments(with_properdocs)) > 0
    pages = [name for name in with_mkdocs if name.endswith("index.html") and not name.startswith("pagefind/")]
    assert len(pages) > 50, pages  # every post, listing, archive and committee page of the example
    generators = set()
    for name, path in with_mkdocs.items():
        if name.startswith("pagefind/"):
            continue
        other = with_properdocs[name]
        assert _normalised(path) == _normalised(other), f"{name} differs between MkDocs and ProperDocs"
        if name.endswith(".html"):
            generators |= set(_GENERATOR.findall(other.read_bytes()))
    # The comparison above is not vacuous: ProperDocs really built the second site.
    assert any(b"ProperDocs" in tag for tag in generators), generators
