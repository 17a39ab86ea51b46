"""MkDocs side of Nhận diện: icons drawn from the emblem, Material's palette handed to our colours,
the merged stylesheet and script, and the top menu resolved against the pages this build makes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..output.assets import PORTAL_CSS, PORTAL_JS, portal_css, portal_js
from ..output.icons import EmblemError, SiteIcons, icon_files
from ..pages.identity import IdentityError, MenuEntry, default_menu, keep_existing, read_menu
from ..pages.listings import ordered_categories_of
from ..pages.model import PostView
from ..plan import PortalPlan
from ..settings import PortalSettings

if TYPE_CHECKING:
    from .config import PortalConfig


@dataclass
class PortalLook:
    icons: SiteIcons | None = None
    icon_files: dict[str, bytes] = field(default_factory=dict)
    menu: list[MenuEntry] = field(default_factory=list)
    latest: list[PostView] = field(default_factory=list)  # the side column's "Tin mới"


def prepare_look(
    options: PortalConfig, config: MkDocsConfig, read: Callable[[PortalConfig, MkDocsConfig], PortalSettings]
) -> tuple[PortalSettings, PortalLook]:
    """The settings `read` from mkdocs.yml (identity, home and menu mistakes as clear messages), icons
    from the emblem (the favicon and the logo search engines see), and Material's palette set to
    `custom` so that identity.colors alone decides the colours."""
    try:
        settings = read(options, config)
    except IdentityError as exc:
        raise PluginError(str(exc)) from None
    look = PortalLook()
    identity = settings.identity
    palettes = config.theme.get("palette") or []
    for palette in [palettes] if isinstance(palettes, dict) else palettes:
        palette["primary"], palette["accent"] = "custom", "custom"
    if identity is None or not identity.logo:
        return settings, look
    try:
        look.icons, look.icon_files = icon_files(
            Path(config.docs_dir) / identity.logo, identity.agency, identity.short_name, identity.colours.primary
        )
    except (EmblemError, FileNotFoundError) as exc:
        raise PluginError(f"mkdocs.yml: identity.logo: {exc}") from None
    config.theme["favicon"] = look.icons.favicon
    logo = look.icons.manifest.rsplit("/", 1)[0] + "/icon-512.png"
    site = dataclasses.replace(settings.site, logo=urljoin(settings.site.url, logo) if settings.site.url else None)
    return dataclasses.replace(settings, site=site), look


def add_look_files(
    look: PortalLook, settings: PortalSettings, plan: PortalPlan, files: Files, config: MkDocsConfig
) -> None:
    registry = plan.registry
    look.latest = list(plan.pages.latest)
    colours = settings.identity.colours.css() if settings.identity else ""
    files.append(File.generated(config, PORTAL_CSS, content=portal_css(colours)))
    files.append(File.generated(config, PORTAL_JS, content=portal_js()))
    for path, data in look.icon_files.items():
        files.append(File.generated(config, path, content=data, inclusion=InclusionLevel.NOT_IN_NAV))
    urls = settings.urls
    categories = [(c.name, urls.category(c.key)) for c in ordered_categories_of(registry)]
    raw = list(settings.menu) or default_menu(categories, urls.albums(), urls.archive + "/")
    try:
        menu = read_menu(raw, categories)
    except IdentityError as exc:
        raise PluginError(str(exc)) from None
    exists = {"" if f.url == "./" else f.url for f in files.documentation_pages()}
    look.menu = keep_existing(menu, exists)
