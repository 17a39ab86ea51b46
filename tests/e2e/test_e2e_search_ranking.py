"""Search ranking and display, in Chromium with the real Pagefind index of a fixture portal built in code:
exact-diacritic and title matches above folded body matches, newer above older for ties, whole
syllables highlighted, no "Xem thêm" without results, each result with its date, category and committee."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kit.examplesite import BuiltSite
from kit.sitekit import make_project
from kit.webserver import StaticServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def ranking_server(
    tmp_path_factory: pytest.TempPathFactory, serve: Callable[[list[BuiltSite]], StaticServer]
) -> StaticServer:
    project = make_project(tmp_path_factory.mktemp("ranking"), site_url="http://127.0.0.1/")
    filler = " ".join(["Cán bộ, đảng viên tham dự đầy đủ, nghiêm túc."] * 3)
    # Exact form in the title vs. the same letters, folded, only in another post's body.
    project.add_post("2021/tieu-de.md", title="Hội nghị hòa giải cơ sở", date="2021-03-01", body=filler)
    project.add_post(
        "2024/than-bai.md", title="Tin sinh hoạt chi bộ", date="2024-03-01", body=f"{filler} Bàn về hoa giải thưởng."
    )
    # Same words, one with the marks the query has ("hòa"), one another word ("hoa", flower).
    project.add_post("2022/hoa-binh.md", title="Giữ gìn hòa bình", date="2022-01-10", body=filler)
    project.add_post("2024/hoa-tuoi.md", title="Giữ gìn hoa tươi", date="2024-01-10", body=filler)
    # Ties: the same text, two dates.
    for year in (2020, 2023):
        project.add_post(
            f"{year}/lich.md", title="Thông báo lịch tiếp dân", date=f"{year}-05-05", body=filler, slug=f"lich-{year}"
        )
    project.build()
    return serve([BuiltSite(site=project.site, base_path="/", site_url="http://127.0.0.1/")])


def result_titles(open_tab, server: StaticServer, query: str) -> tuple[list[str], object]:
    tab = open_tab("desktop", server=server)
    tab.goto(f"/tim-kiem/?q={query}")
    page = tab.page
    page.locator("[data-zp-status]").filter(has_text="Tìm thấy").or_(
        page.locator("[data-zp-status]").filter(has_text="Không tìm thấy")
    ).wait_for()
    return [t.strip() for t in page.locator(".zp-search__title").all_inner_texts()], tab


def test_title_match_ranks_above_folded_body_match(open_tab, ranking_server: StaticServer) -> None:
    titles, tab = result_titles(open_tab, ranking_server, "hòa giải")
    assert titles[0] == "Hội nghị hòa giải cơ sở", titles  # older, but the words are its title
    tab.assert_clean()


def test_exact_diacritics_rank_above_folded_matches(open_tab, ranking_server: StaticServer) -> None:
    titles, _ = result_titles(open_tab, ranking_server, "giữ gìn hòa")
    assert titles[:2] == ["Giữ gìn hòa bình", "Giữ gìn hoa tươi"], titles  # "hòa" exact beats "hoa", though older


def test_newer_first_among_equal_matches(open_tab, ranking_server: StaticServer) -> None:
    tab = open_tab("desktop", server=ranking_server)
    tab.goto("/tim-kiem/?q=th%C3%B4ng+b%C3%A1o+l%E1%BB%8Bch")
    page = tab.page
    page.locator(".zp-search__result").nth(1).wait_for()
    links = page.locator(".zp-search__title a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(2)]
    assert "2023/05/lich-2023" in hrefs[0] and "2020/05/lich-2020" in hrefs[1], hrefs


def test_results_show_facts_and_whole_syllable_highlights(open_tab, ranking_server: StaticServer) -> None:
    tab = open_tab("desktop", server=ranking_server)
    tab.goto("/tim-kiem/?q=hoi+nghi")
    page = tab.page
    first = page.locator(".zp-search__result").first
    first.wait_for()
    meta = first.locator(".zp-meta").inner_text()
    assert "01/03/2021" in meta and "Tin hoạt động" in meta and "Đảng ủy" in meta
    marks = page.locator(".zp-search__result mark").all_inner_texts()
    assert marks and {m.lower() for m in marks} <= {"hội", "nghị"}, marks  # never "nghi" inside "nghiêm"
    assert page.locator("[data-zp-more]").is_hidden()  # fewer results than a page: no "Xem thêm"


def test_no_more_button_without_results(open_tab, ranking_server: StaticServer) -> None:
    tab = open_tab("desktop", server=ranking_server)
    tab.goto("/tim-kiem/?q=xyzzy")
    page = tab.page
    page.locator("[data-zp-status]").filter(has_text="Không tìm thấy").wait_for()
    assert page.locator(".zp-search__result").count() == 0
    assert page.locator("[data-zp-more]").is_hidden()
    assert page.get_by_role("button", name="Xem thêm kết quả").is_hidden()
