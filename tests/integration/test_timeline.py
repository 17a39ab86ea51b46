"""Term timelines and committee pages: the pure timeline first, then built fixture sites."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from kit.sitebuilder import SiteBuilder, SiteSpec
from kit.sitekit import Project, make_project
from zoneportal.content.validate import load_content
from zoneportal.index.taxonomy import build_index
from zoneportal.index.timeline import MarkerKind, TimelineMarker, TimelinePost, build_timelines


def timelines_of(project: Project, today: date):
    registry, posts, report = load_content(project.posts, project.root)
    assert not report.errors, report.render()
    return build_timelines(registry, build_index(posts).by["term"], today)


def flat(timeline) -> list[str]:
    """Entries as 'kind:YYYY-MM-DD' (markers) or 'post:<title>', in order."""
    out = []
    for year in timeline.years:
        for quarter in year.quarters:
            for entry in quarter.entries:
                if isinstance(entry, TimelineMarker):
                    out.append(f"{entry.kind.value}:{entry.day}")
                else:
                    out.append(f"post:{entry.post.title}")
    return out


def test_term_without_posts_still_has_its_span_and_midpoint(project: Project) -> None:
    timeline = timelines_of(project, date(2030, 1, 1)).get("dang-uy", "2015-2020")
    assert timeline is not None and timeline.post_count == 0 and not timeline.is_current
    assert flat(timeline) == ["start:2015-01-01", "mid:2017-12-31", "end:2020-12-31"]


def test_posts_on_first_and_last_day_sit_inside_the_markers(project: Project) -> None:
    project.add_post("2020/dau.md", title="Ngày đầu", date="2020-01-01 07:00", term="2020-2025")
    project.add_post("2025/cuoi.md", title="Ngày cuối", date="2025-12-31 16:00", term="2020-2025")
    timeline = timelines_of(project, date(2030, 1, 1)).get("dang-uy", "2020-2025")
    assert flat(timeline) == [
        "start:2020-01-01",
        "post:Ngày đầu",
        "mid:2022-12-31",
        "post:Ngày cuối",
        "end:2025-12-31",
    ]


def test_grouped_by_year_then_quarter_in_time_order(project: Project) -> None:
    for title, day in [("C", "2021-11-02"), ("A", "2021-02-10"), ("B", "2021-02-11 09:00"), ("D", "2022-04-01")]:
        project.add_post(f"x/{title}.md", title=f"Tin {title}", date=day)
    timeline = timelines_of(project, date(2030, 1, 1)).get("dang-uy", "2020-2025")
    shape = [(y.year, [(q.number, len(q.entries)) for q in y.quarters]) for y in timeline.years]
    assert shape == [(2020, [(1, 1)]), (2021, [(1, 2), (4, 1)]), (2022, [(2, 1), (4, 1)]), (2025, [(4, 1)])]
    assert [p.title for p in timeline.posts] == ["Tin A", "Tin B", "Tin C", "Tin D"]


def test_today_marker_only_in_the_current_term(project: Project) -> None:
    timelines = timelines_of(project, date(2023, 3, 4))
    current = timelines.get("dang-uy", "2020-2025")
    assert current.is_current and "today:2023-03-04" in flat(current)
    assert not any(e.startswith("today:") for e in flat(timelines.get("dang-uy", "2015-2020")))


def test_terms_meeting_in_one_year(project: Project) -> None:
    project.add_post("2020/cu.md", title="Tổng kết nhiệm kỳ cũ", date="2020-02-10", term="2015-2020")
    project.add_post("2020/moi.md", title="Tin sau Đại hội", date="2020-09-10")
    timelines = timelines_of(project, date(2030, 1, 1))
    assert [p.title for p in timelines.get("dang-uy", "2015-2020").posts] == ["Tổng kết nhiệm kỳ cũ"]
    assert [p.title for p in timelines.get("dang-uy", "2020-2025").posts] == ["Tin sau Đại hội"]


def test_two_committees_with_the_same_span_keep_their_own_posts(project: Project) -> None:
    project.add_post("2021/a.md", title="Của Đảng ủy", date="2021-05-05")
    project.add_post("2021/b.md", title="Của Chi bộ", date="2021-05-05", committee="chi-bo-a")
    timelines = timelines_of(project, date(2030, 1, 1))
    assert [p.title for p in timelines.get("dang-uy", "2020-2025").posts] == ["Của Đảng ủy"]
    assert [p.title for p in timelines.get("chi-bo-a", "2020-2025").posts] == ["Của Chi bộ"]


def test_markers_and_posts_are_typed_entries(project: Project) -> None:
    project.add_post("2021/a.md", date="2021-05-05")
    timeline = timelines_of(project, date(2030, 1, 1)).get("dang-uy", "2020-2025")
    entries = [e for y in timeline.years for q in y.quarters for e in q.entries]
    assert {type(e) for e in entries} == {TimelineMarker, TimelinePost}
    assert [e.kind for e in entries if isinstance(e, TimelineMarker)] == [
        MarkerKind.START,
        MarkerKind.MIDPOINT,
        MarkerKind.END,
    ]


# --- built sites ---------------------------------------------------------------------------------


def _timeline_posts(project: Project) -> None:
    project.add_post(
        "2020/dh.md", title="Đại hội Đảng bộ lần thứ III", date="2020-01-01 08:00", event="dai-hoi", number="III"
    )
    project.add_post("2022/sk.md", title="Sơ kết giữa nhiệm kỳ", date="2022-12-20", event="so-ket")
    project.add_post(
        "2023/bch.md", title="Hội nghị Ban Chấp hành", date="2023-02-14", event="hoi-nghi-bch", number="16"
    )
    project.add_post("2023/tin.md", title="Tin không có sự kiện", date="2023-03-01")
    project.add_post("2023/cb.md", title="Tin <b>Chi bộ</b>", date="2023-03-02", committee="chi-bo-a")


# Built "on" 2023-06-01: the current term and the "today" marker depend on the build's date.
TIMELINE_SITE = SiteSpec(
    "timeline", _timeline_posts, env={"SOURCE_DATE_EPOCH": str(int(datetime(2023, 6, 1, 12).timestamp()))}
)


@pytest.fixture
def site(built_site: SiteBuilder) -> Project:
    return built_site(TIMELINE_SITE)


def test_timeline_page_is_an_ordered_list_with_labelled_marks(site: Project) -> None:
    html = site.html("nhiem-ky/dang-uy/2020-2025/")
    assert '<ol class="zp-timeline"' in html
    titles = re.findall(r'class="zp-tl__title" href="[^"]+">([^<]+)</a>', html)
    assert titles == [
        "Đại hội Đảng bộ lần thứ III",
        "Sơ kết giữa nhiệm kỳ",
        "Hội nghị Ban Chấp hành",
        "Tin không có sự kiện",
    ]
    assert "zp-tl--dai-hoi zp-tl--highlight" in html and "zp-tl--so-ket zp-tl--highlight" in html
    assert ">Đại hội lần thứ III</span>" in html
    assert ">Hội nghị Ban Chấp hành lần thứ 16</span>" in html
    assert "zp-tl--none" in html and ">Tin bài</span>" in html
    assert '<time datetime="2020-01-01T08:00:00+07:00">01/01/2020</time>' in html
    for label in ("Bắt đầu nhiệm kỳ", "Giữa nhiệm kỳ", "Hôm nay", "Kết thúc nhiệm kỳ"):
        assert f">{label}</strong>" in html
    assert html.index(">Hôm nay<") > html.index("Tin không có sự kiện")
    assert '<h3 id="nam-2023-quy-1">Quý I / 2023</h3>' in html


def test_past_term_and_empty_term_pages(site: Project) -> None:
    old = site.html("nhiem-ky/dang-uy/2015-2020/")
    assert "Chưa có bài viết nào trong nhiệm kỳ này" in old and ">Hôm nay<" not in old


def test_post_links_to_committee_and_its_place_on_the_timeline(site: Project) -> None:
    html = site.html("tin-tuc/2022/12/so-ket-giua-nhiem-ky/")
    link = re.search(r'class="zp-post__term"><a href="([^"]+)"', html)
    assert link is not None
    target, anchor = link[1].split("#")
    assert target == "../../../../nhiem-ky/dang-uy/2020-2025/"
    assert f'id="{anchor}"' in site.html("nhiem-ky/dang-uy/2020-2025/")
    assert 'class="zp-post__committee"><a href="../../../../to-chuc/dang-uy/"' in html


def test_committee_page_and_tree(site: Project) -> None:
    html = site.html("to-chuc/dang-uy/")
    assert "Đại hội lần thứ III, nhiệm kỳ 2020-2025" in html and "Đại hội lần thứ II, nhiệm kỳ 2015-2020" in html
    assert "đang diễn ra" in html and "Chi bộ Phòng A" in html
    child = site.html("to-chuc/chi-bo-a/")
    assert "Trực thuộc" in child and "Tin &lt;b&gt;Chi bộ&lt;/b&gt;" in child and "<b>Chi bộ</b>" not in child
    tree = site.html("to-chuc/")
    outer = tree.index("Đảng ủy Ban Quản lý Khu kinh tế Mẫu")
    assert tree.index('<ul class="zp-tree">') < outer < tree.index("Chi bộ Phòng A")
    assert tree.count('<ul class="zp-tree">') == 2  # the root level, and the Đảng ủy's children
    overview = site.html("nhiem-ky/")
    assert overview.count('href="dang-uy/2020-2025/"') == 1 and 'href="chi-bo-a/2020-2025/"' in overview


def test_category_index_shows_the_term(site: Project) -> None:
    assert "Nhiệm kỳ 2020-2025" in site.html("chuyen-muc/tin-hoat-dong/")


def test_committee_without_parent_is_a_root(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    committees = (project.posts / "committees.yml").read_text(encoding="utf-8")
    project.write("posts/committees.yml", committees + "cong-doan:\n  name: Công đoàn Khu\n  level: Công đoàn\n")
    project.add_post("2023/a.md", committee="cong-doan")
    project.build()
    tree = project.html("to-chuc/")
    assert tree.count('<ul class="zp-tree">') == 2
    assert "Công đoàn Khu" in tree
    meta = project.html("tin-tuc/2023/04/hoi-nghi-so-ket/").split("zp-post__meta")[1].split("</dl>")[0]
    assert "Nhiệm kỳ" not in meta
