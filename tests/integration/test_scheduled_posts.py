"""Scheduled posts: a post dated after the build's clock (Vietnam time) is nowhere in the site until a
build runs after its time. The clock is pinned with SOURCE_DATE_EPOCH."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kit.pagefindkit import PagefindBundle
from kit.sitekit import Project, make_project
from zoneportal.vi import VIETNAM_TZ

pytestmark = pytest.mark.build

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=VIETNAM_TZ)
SCHEDULED_TITLE = "Thông báo tuyển dụng lao động khu công nghiệp Bắc Thanh Vân"
SCHEDULED_URL = "tin-tuc/2026/11/thong-bao-tuyen-dung-lao-dong-khu-cong-nghiep-bac-thanh-van/"


def pin_clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


def everything_about(project: Project) -> dict[str, bool]:
    """Where a post can show up in a built site."""
    site = project.site
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    return {
        "page": (site / SCHEDULED_URL / "index.html").exists(),
        "listings": any(SCHEDULED_TITLE in html for html in pages),
        "feed": SCHEDULED_TITLE in (site / "rss.xml").read_text(encoding="utf-8"),
        "sitemap": SCHEDULED_URL in (site / "sitemap.xml").read_text(encoding="utf-8"),
        "search": any(SCHEDULED_URL in url for url in PagefindBundle(site / "pagefind").search("tuyen dung")),
    }


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = make_project(tmp_path)
    project.add_post("2026/da-dang.md", title="Tin đã đăng", date="2026-11-28 08:00")
    project.add_post("2026/hen-gio.md", title=SCHEDULED_TITLE, date="2026-11-29 09:30")
    return project


def test_a_post_is_absent_until_its_time_then_everywhere(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    pin_clock(monkeypatch, NOW)
    project.build()
    assert everything_about(project) == dict.fromkeys(("page", "listings", "feed", "sitemap", "search"), False)
    assert "Tin đã đăng" in project.html("")

    pin_clock(monkeypatch, NOW + timedelta(minutes=29, seconds=59))  # a second early: still waiting
    project.build()
    assert not everything_about(project)["page"]

    pin_clock(monkeypatch, NOW + timedelta(minutes=30))  # the scheduled run after 09:30
    project.build()
    assert everything_about(project) == dict.fromkeys(("page", "listings", "feed", "sitemap", "search"), True)


def test_check_lists_scheduled_posts_and_flags_a_far_date(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.add_post("2026/da-dang.md", title="Tin đã đăng", date="2026-11-28 08:00")
    project.add_post("2026/hen-gio.md", title=SCHEDULED_TITLE, date="2026-11-29 09:30")
    project.add_post("2027/go-nham-nam.md", title="Hội nghị tổng kết", date="2027-11-20 08:00")
    env = {"SOURCE_DATE_EPOCH": str(int(NOW.timestamp())), "PATH": "/usr/bin:/bin"}
    zoneportal = Path(sys.executable).parent / "zoneportal"
    result = subprocess.run(
        [str(zoneportal), "check"], cwd=project.root, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Bài hẹn giờ (2)" in out
    assert "posts/2026/hen-gio.md: đăng lúc Chủ Nhật, 29/11/2026 09:30 (giờ Việt Nam)" in out
    assert "posts/2027/go-nham-nam.md:3: [cảnh báo] trường 'date':" in out and "hơn 60 ngày" in out
    assert "3 hợp lệ, 1 sẽ đăng, 2 hẹn giờ" in out
    assert out.index("hen-gio.md: đăng lúc") < out.index("go-nham-nam.md: đăng lúc")  # soonest first
