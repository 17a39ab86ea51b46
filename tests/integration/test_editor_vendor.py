"""The editor's vendored browser files are byte-identical to the npm packages pinned in editor/package-lock.json
(each tarball checked against the lock's sha512 first). Needs npm and the npm registry: CI installs npm."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tools.vendor_editor import PACKAGES, VENDOR, differences, fetch_tarball, pinned_version

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def tarballs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if shutil.which("npm") is None:
        if IN_CI:
            pytest.fail("CI must check the vendored editor files, but npm is not installed")
        pytest.skip("npm not installed: vendored editor files NOT checked against the pinned packages")
    folder = tmp_path_factory.mktemp("npm-pack")
    return {package.name: fetch_tarball(package.name, folder) for package in PACKAGES}


@pytest.mark.parametrize("package", PACKAGES, ids=[p.name for p in PACKAGES])
def test_vendored_files_are_the_pinned_packages(package, tarballs: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    assert differences(package, tarballs[package.name]) == []
    version, _ = pinned_version(package.name)
    assert version in (VENDOR / package.folder / "README.md").read_text(encoding="utf-8")


def test_the_bundle_is_a_reasonable_download() -> None:
    """Measured, bounded: Decap's bundle is large for a page staff open, not for the portal's readers."""
    size = sum(f.stat().st_size for f in (VENDOR / "decap-cms").iterdir() if f.suffix in (".js", ".wasm"))
    main = (VENDOR / "decap-cms" / "decap-cms.js").stat().st_size
    assert main < 6_000_000 and size < 8_000_000, (main, size)
