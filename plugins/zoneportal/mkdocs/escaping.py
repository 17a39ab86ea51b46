"""Text from mkdocs.yml and the registries is escaped wherever a template prints it.

MkDocs' Jinja environment does not autoescape (Material's templates print page HTML as plain
strings), so a `short` in events.yml or a `site_description` with markup reached pages raw. The fix
is by class, not by template: every template the portal ships (zp/*, and its overrides of Material
partials) is compiled with autoescaping on, so a template written tomorrow is safe by default;
HTML that is meant as HTML (page.content, our photo markup, JSON for scripts) is `Markup`. Material's
own templates print a few settings (site_name, site_description, site_author) raw: those settings
are handed to them as escaped `Markup`.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig

# Settings Material's templates print without `| e`.
PRINTED_SETTINGS = ("site_name", "site_description", "site_author", "repo_name")


def portal_template_names(templates_dir: Path) -> frozenset[str]:
    return frozenset(p.relative_to(templates_dir).as_posix() for p in templates_dir.rglob("*.html"))


def autoescape_portal_templates(env: Environment, templates_dir: Path) -> None:
    ours = portal_template_names(templates_dir)
    previous = env.autoescape

    def autoescape(name: str | None) -> bool:
        if name is not None and (name in ours or name.startswith("zp/")):
            return True
        return previous(name) if callable(previous) else bool(previous)

    env.autoescape = autoescape


def escape_site_settings(config: MkDocsConfig) -> None:
    for name in PRINTED_SETTINGS:
        value = config.get(name)
        if isinstance(value, str) and not isinstance(value, Markup):
            config[name] = escape(value)
