"""Copy the web editor's browser files from the pinned npm packages into the plugin's assets.

The site serves Decap CMS (and js-yaml, which reads and writes the registries in the editor) from
itself: no CDN at build or view time. Versions and integrity hashes come from
`editor/package-lock.json`; `npm pack` fetches exactly those tarballs, whose sha512 must match the
lock before anything is copied.

    python tools/vendor_editor.py           # (re)write plugins/zoneportal/assets/vendor/{decap-cms,js-yaml}/
    python tools/vendor_editor.py --check   # exit 1 if a vendored file differs from the pinned package
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "editor" / "package-lock.json"
VENDOR = REPO / "plugins" / "zoneportal" / "assets" / "vendor"


@dataclass(frozen=True)
class VendoredPackage:
    """An npm package some of whose files the site serves, unchanged, from `VENDOR / folder`."""

    name: str
    folder: str
    # Paths inside the tarball (under package/) that are copied, as regular expressions.
    keep: tuple[str, ...]


PACKAGES = (
    VendoredPackage(
        name="decap-cms",
        folder="decap-cms",
        # The bundle, the chunks it loads on demand (code-block modes, WebP encoder) and its licence notices;
        # not the source maps nor the duplicate `cms.js` build.
        keep=(
            r"dist/decap-cms\.js",
            r"dist/decap-cms\.js\.LICENSE\.txt",
            r"dist/\d+\.decap-cms\.js",
            r"dist/[0-9a-f]+\.wasm",
        ),
    ),
    VendoredPackage(name="js-yaml", folder="js-yaml", keep=(r"dist/js-yaml\.min\.js", r"LICENSE")),
)


class VendorError(Exception):
    pass


def pinned_version(package: str, lock: Path = LOCK) -> tuple[str, str]:
    """(version, integrity) of `package` as editor/package-lock.json pins it."""
    entry = json.loads(lock.read_text(encoding="utf-8"))["packages"].get(f"node_modules/{package}")
    if entry is None:
        raise VendorError(f"{package} is not in {lock.relative_to(REPO)}")
    return entry["version"], entry["integrity"]


def fetch_tarball(package: str, into: Path) -> Path:
    """`npm pack` the pinned version into `into`, checked against the lock's sha512."""
    version, integrity = pinned_version(package)
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError("npm is not installed")
    result = subprocess.run(
        [npm, "pack", f"{package}@{version}", "--pack-destination", str(into), "--json", "--loglevel=error"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise VendorError(f"npm pack {package}@{version} failed: {result.stderr.strip()[-500:]}")
    tarball = into / json.loads(result.stdout)[0]["filename"]
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise VendorError(f"{tarball.name}: {algorithm} does not match editor/package-lock.json")
    return tarball


def package_files(package: VendoredPackage, tarball: Path) -> dict[str, bytes]:
    """The files of the tarball the site serves, by their name in the vendor folder."""
    patterns = [re.compile(p) for p in package.keep]
    files: dict[str, bytes] = {}
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            inner = member.name.removeprefix("package/")
            if member.isfile() and any(p.fullmatch(inner) for p in patterns):
                extracted = archive.extractfile(member)
                assert extracted is not None
                files[Path(inner).name] = extracted.read()
    return files


def vendored_names(package: VendoredPackage) -> set[str]:
    folder = VENDOR / package.folder
    patterns = [re.compile(Path(p).name) for p in package.keep]
    return (
        {f.name for f in folder.iterdir() if any(p.fullmatch(f.name) for p in patterns)} if folder.is_dir() else set()
    )


def differences(package: VendoredPackage, tarball: Path) -> list[str]:
    """What differs between the vendored copy and the pinned package (empty: identical)."""
    wanted = package_files(package, tarball)
    folder = VENDOR / package.folder
    found = vendored_names(package)
    problems = [f"missing {package.folder}/{name}" for name in sorted(set(wanted) - found)]
    problems += [f"not in the package: {package.folder}/{name}" for name in sorted(found - set(wanted))]
    problems += [
        f"differs from {package.name}: {package.folder}/{name}"
        for name in sorted(set(wanted) & found)
        if (folder / name).read_bytes() != wanted[name]
    ]
    return problems


def write(package: VendoredPackage, tarball: Path) -> int:
    folder = VENDOR / package.folder
    folder.mkdir(parents=True, exist_ok=True)
    for stale in vendored_names(package):
        (folder / stale).unlink()
    files = package_files(package, tarball)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return sum(len(d) for d in files.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on any difference")
    args = parser.parse_args(argv)
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="zoneportal-vendor-") as tmp:
        for package in PACKAGES:
            try:
                tarball = fetch_tarball(package.name, Path(tmp))
            except VendorError as exc:
                print(exc, file=sys.stderr)
                return 2
            if args.check:
                problems += differences(package, tarball)
            else:
                size = write(package, tarball)
                print(f"{package.name}@{pinned_version(package.name)[0]}: {size / 1e6:.1f} MB → {package.folder}/")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
