"""Fixture sites built once and shared: a `SiteSpec` says what goes into the project, the
`built_site` fixture (tests/conftest.py) builds each spec once per test session.

Integration modules used to build their own site in a function-scoped fixture, once per test; a
spec is built the first time a test asks for it and every later test reads the same folder, so a
test must never write into a shared site (build its own with `make_project` when it must)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.sitekit import Project, make_project


@dataclass(frozen=True)
class SiteSpec:
    name: str  # also the temporary folder's name; one spec per name
    populate: Callable[[Project], None]  # writes the posts, photos and files before the build
    plugin_options: Mapping[str, Any] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)  # environment during the build (SOURCE_DATE_EPOCH)
    # How the project is built; what it returns is kept (e.g. the photo pipeline's counts).
    build: Callable[[Project], Any] = Project.build


class SiteBuilder:
    """Builds each spec at most once, each in a folder of its own."""

    def __init__(self, folder_for: Callable[[str], Path]) -> None:
        self._folder_for = folder_for
        self._built: dict[str, tuple[SiteSpec, Project, Any]] = {}

    def __call__(self, spec: SiteSpec) -> Project:
        return self.built(spec)[0]

    def built(self, spec: SiteSpec) -> tuple[Project, Any]:
        """The project and what its build returned (e.g. the photo pipeline's counts)."""
        found = self._built.get(spec.name)
        if found is None:
            project = make_project(self._folder_for(spec.name), plugin_options=dict(spec.plugin_options))
            spec.populate(project)
            with _environment(spec.env):
                result = spec.build(project)
            found = self._built[spec.name] = (spec, project, result)
        assert found[0] is spec, f"two different site specs are both named {spec.name!r}"
        return found[1], found[2]


@contextmanager
def _environment(values: Mapping[str, str]):  # type: ignore[no-untyped-def]
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
