"""mkdocs.yml → PortalSettings: options left out take the core's defaults, options given reach the core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import load_config

from kit.sitekit import make_project
from zoneportal.mkdocs.config import portal_settings
from zoneportal.pages import PageSizes
from zoneportal.pages.urls import UrlScheme
from zoneportal.photos.variants import ImageSettings
from zoneportal.settings import LegalInfo, PhotoSettings, PortalSettings


def settings_of(tmp_path: Path, **options: Any) -> PortalSettings:
    project = make_project(tmp_path, plugin_options=options)
    config = load_config(str(project.config_path()))
    return portal_settings(config.plugins["zoneportal"].config, config)


def test_options_left_out_take_the_core_defaults(tmp_path: Path) -> None:
    settings = settings_of(tmp_path)
    defaults = PortalSettings()
    assert settings.urls == UrlScheme()
    assert settings.photos == PhotoSettings()
    assert settings.photos.encoding == ImageSettings()
    assert settings.legal == LegalInfo()
    assert settings.sizes == PageSizes(listing=3)  # make_project sets page_size: 3
    assert (settings.drafts, settings.search, settings.workers) == (defaults.drafts, defaults.search, defaults.workers)
    assert settings.site.url == "https://example.test/" and settings.site.name == "Cổng thử nghiệm"


def test_options_given_reach_the_core(tmp_path: Path) -> None:
    settings = settings_of(
        tmp_path,
        urls={"posts": "bai-viet"},
        images={"widths": [960, 0, 320, 960], "max_megapixels": 5, "workers": 2},
        legal={"agency": "Ban Quản lý"},
        home_size=4,
        gallery_page_size=6,
        drafts=True,
    )
    assert settings.urls == UrlScheme(posts="bai-viet")
    assert settings.photos.encoding.widths == (320, 960)  # sorted, without duplicates or zero
    assert settings.photos.encoding.max_pixels == 5_000_000 and settings.photos.workers == 2
    assert settings.legal.agency == "Ban Quản lý" and settings.site.publisher == "Ban Quản lý"
    assert settings.sizes == PageSizes(listing=3, home=4, gallery=6) and settings.drafts
