"""plan_portal on a fixture project, with small page sizes and a fixed today."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kit.sitekit import Project
from zoneportal.output.seo import SiteMeta
from zoneportal.pages import PageSizes
from zoneportal.plan import PortalPlan, plan_portal
from zoneportal.settings import PhotoSettings, PortalSettings

TODAY = date(2024, 6, 1)
SITE = SiteMeta.of(name="Cổng thử", site_url="https://example.test", description="Tin", publisher=None, logo=None)


def settings(project: Project, **changes: object) -> PortalSettings:
    base = PortalSettings(
        site=SITE,
        sizes=PageSizes(listing=2, home=3, gallery=2),
        photos=PhotoSettings(cache_dir=str(project.root / ".cache" / "anh"), workers=1),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def plan(project: Project, **changes: object) -> PortalPlan:
    return plan_portal(project.root, settings(project, **changes), TODAY)


def three_posts(project: Project) -> None:
    project.add_post("2023/a.md", title="Hội nghị sơ kết", date="2023-04-26 14:00", tags=["Chuyển đổi số"])
    project.add_post("2023/b.md", title="Đại hội Chi bộ", date="2023-05-02", committee="chi-bo-a")
    project.add_post(
        "2024/c.md", title="Học tập nghị quyết", date="2024-01-10", categories=["xay-dung-dang"], updated="2024-02-01"
    )
