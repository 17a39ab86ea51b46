"""Fixtures every test folder shares, and markers by folder: tests/integration is `build`,
tests/e2e is `browser`, so `-m "not build and not browser"` leaves exactly tests/unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.examplesite import SUB_PATH_SITE_URL, BuiltSite, build_example
from kit.hostileposts import HOSTILE_SITE, as_served
from kit.sitebuilder import SiteBuilder
from kit.sitekit import Project, make_project

_MARKERS = {"integration": "build", "e2e": "browser"}
_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(item.fspath).resolve().relative_to(_TESTS).parts[0]
        marker = _MARKERS.get(folder)
        if marker is not None:
            item.add_marker(marker)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The example portal built once per session, served at "/"."""
    return build_example(tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The same portal built for a sub-path deployment (/cong-thong-tin/)."""
    return build_example(tmp_path_factory.mktemp("subpath") / "site", SUB_PATH_SITE_URL)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> SiteBuilder:
    """`built_site(SPEC)`: the fixture site of a `kit.sitebuilder.SiteSpec`, built once per session."""
    return SiteBuilder(lambda name: tmp_path_factory.mktemp(name))


@pytest.fixture(scope="session")
def hostile_site(built_site: SiteBuilder) -> BuiltSite:
    """Hostile and extreme content (kit/hostileposts.py), built once per session."""
    return as_served(built_site(HOSTILE_SITE))
