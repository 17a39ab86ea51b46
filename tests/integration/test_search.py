"""Search: Vietnamese folding rules, search documents, and a built Pagefind index queried as the
browser queries it (tests/pagefindkit.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kit.pagefindkit import PagefindBundle
from kit.sitebuilder import SiteBuilder, SiteSpec
from kit.sitekit import Project, make_project
from zoneportal.output.search import html_text, index_keys, markdown_text, page_document, post_document, render_document
from zoneportal.vi import fold, strip_marks, words

ASSETS = Path(__file__).resolve().parents[2] / "plugins" / "zoneportal" / "assets"

# (text, fully folded, as the index files it)
FOLDING = [
    ("Đảng ủy", "dang uy", "đang uy"),
    ("ĐẦU TƯ", "dau tu", "đau tu"),
    ("Hội nghị", "hoi nghi", "hoi nghi"),
    ("hoà", "hoa", "hoa"),
    ("hòa", "hoa", "hoa"),
    ("thuỷ", "thuy", "thuy"),
    ("thủy", "thuy", "thuy"),
    ("người được", "nguoi duoc", "nguoi đuoc"),
    ("Ăn ở Ơn", "an o on", "an o on"),
    ("2023", "2023", "2023"),
]


@pytest.mark.parametrize(("text", "folded", "plain"), FOLDING)
def test_folding_rules(text: str, folded: str, plain: str) -> None:
    assert fold(text) == folded
    assert strip_marks(text) == plain


def test_folding_accepts_decomposed_input() -> None:
    decomposed = "Đa\u0309ng u\u0309y"  # "Đảng ủy" typed on a system that sends NFD
    assert fold(decomposed) == "dang uy"
    assert strip_marks(decomposed) == "đang uy"


def test_old_and_new_tone_placement_share_one_key() -> None:
    assert index_keys("hoà thuỷ") == index_keys("hòa thủy") == ["hoa", "thuy"]


def test_words_split_on_punctuation_not_on_diacritics() -> None:
    assert words("Hội nghị (sơ kết), năm 2023; Đảng_ủy") == ["Hội", "nghị", "sơ", "kết", "năm", "2023", "Đảng", "ủy"]


def test_index_keys_give_words_with_d_a_folded_key_too() -> None:
    assert index_keys("Đầu tư đầu TƯ, Đảng ủy") == ["đau", "dau", "tu", "đang", "dang", "uy"]


def test_markdown_text_drops_link_targets_tags_and_attribute_lists() -> None:
    markdown = "Xem [báo cáo](../bao-cao.pdf) và ![ảnh](anh-1.jpg){: .wide }\n\n<div>Đoạn <b>đậm</b></div>"
    text = markdown_text(markdown)
    assert "bao-cao" not in text and "anh-1" not in text and "wide" not in text and "<" not in text
    assert words(text) == ["Xem", "báo", "cáo", "và", "ảnh", "Đoạn", "đậm"]


def test_html_text_skips_title_permalinks_and_scripts() -> None:
    html = '<h1>Liên hệ</h1><p>Địa chỉ <a class="headerlink" href="#a">¶</a></p><script>var x;</script><p>A &amp; B</p>'
    assert html_text(html) == "Địa chỉ A & B"


def test_search_document_escapes_what_staff_typed() -> None:
    hostile = '<script>alert("x")</script>'
    doc = post_document(
        url="tin-tuc/2023/04/a/",
        title=hostile,
        summary=f'Tóm tắt "{hostile}"',
        body_text="Nội dung.",
        date_label="26/04/2023",
        sort_date="2023-04-26T14:00",
        labels=[],
        filters={"committee": ["dang-uy"], "term": []},
    )
    html = render_document(doc)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'data-pagefind-filter="committee[content]" content="dang-uy"' in html
    assert "term[content]" not in html  # empty filters are left out
    assert 'data-pagefind-sort="date[content]" content="2023-04-26T14:00"' in html


def test_search_document_keeps_each_word_once_and_folds_d_in_the_title() -> None:
    doc = post_document(
        url="a/",
        title="Thu hút đầu tư",
        summary="",
        body_text="đầu tư đầu tư đầu tư vào khu công nghiệp",
        date_label="",
        sort_date="",
        labels=[],
        filters={},
    )
    html = render_document(doc)
    keys = re.findall(r"<p>([^<]*)</p>", html)[-1].split()
    assert len(keys) == len(set(keys))
    assert {"dau", "vao", "khu", "cong", "nghiep"} <= set(keys)
    # the title's words are indexed in the title, with their marks, for the exact-form bonus
    assert not {"thu", "hut", "đau", "tu"} & set(keys)
    assert '<p data-pagefind-weight="7">dau</p>' in html


def test_page_summary_is_the_beginning_of_its_text() -> None:
    doc = page_document(url="gioi-thieu/", title="Giới thiệu", body_text=" ".join(["chữ"] * 100))
    assert doc.summary.endswith("…") and len(doc.summary.split()) == 41
    assert page_document(url="x/", title="X", body_text="Ngắn.", description="Mô tả").summary == "Mô tả"


JS_FOLD_CASES = ["Đảng ủy", "ĐẦU TƯ", "hoà", "Thuỷ", "người được", "Hội nghị sơ kết 2023", "Ăn Ơn Ưu"]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_search_page_folds_queries_like_python(tmp_path: Path) -> None:
    script = tmp_path / "check.mjs"
    script.write_text(
        f"import {{ fold, markedPieces, queryTerms }} from {json.dumps((ASSETS / 'search.js').as_uri())};\n"
        f"const cases = {json.dumps(JS_FOLD_CASES, ensure_ascii=False)};\n"
        "console.log(JSON.stringify({folded: cases.map(fold),"
        " marked: markedPieces('Đảng ủy tổ chức Hội nghị sơ kết', queryTerms('dang  HOI'))}));\n",
        encoding="utf-8",
    )
    result = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True)
    out = json.loads(result.stdout)
    assert out["folded"] == [fold(text) for text in JS_FOLD_CASES]
    assert [piece for piece, marked in out["marked"] if marked] == ["Đảng", "Hội"]
    assert "".join(piece for piece, _ in out["marked"]) == "Đảng ủy tổ chức Hội nghị sơ kết"


def _searchable_posts(project: Project) -> None:
    project.add_post(
        "2023/so-ket.md",
        title="Hội nghị sơ kết giữa nhiệm kỳ",
        date="2023-04-26 14:00",
        committee="dang-uy",
        body="Đảng ủy Ban Quản lý đánh giá kết quả nửa nhiệm kỳ.",
    )
    project.add_post(
        "2023/dau-tu.md",
        title="Thu hút đầu tư vào khu công nghiệp",
        date="2023-06-02",
        committee="chi-bo-a",
        categories=["xay-dung-dang"],
        body="Năm 2023 có **12 dự án** mới; xem [báo cáo](../bao-cao-mat/).",
    )
    project.add_post(
        "2022/hoa-binh.md",
        title="Giữ gìn hoà bình, thuỷ lợi",
        date="2022-01-10",
        body="Bài viết về hòa bình và thủy lợi.",
    )
    project.add_post("2022/nhap.md", title="Hội nghị chưa đăng", date="2022-02-01", draft=True)


SEARCH_SITE = SiteSpec("search", _searchable_posts)


@pytest.fixture
def searchable(built_site: SiteBuilder) -> Project:
    return built_site(SEARCH_SITE)


def test_search_index_is_built_into_the_site(searchable: Project) -> None:
    bundle = searchable.site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert list(bundle.glob("pagefind.*.pf_meta")) and list((bundle / "index").glob("*.pf_index"))
    assert not any((searchable.root / ".site-builds").iterdir())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hoi nghi", ["/tin-tuc/2023/04/hoi-nghi-so-ket-giua-nhiem-ky/"]),
        ("Hội nghị", ["/tin-tuc/2023/04/hoi-nghi-so-ket-giua-nhiem-ky/"]),
        ("dau tu", ["/tin-tuc/2023/06/thu-hut-dau-tu-vao-khu-cong-nghiep/"]),
        ("đầu tư", ["/tin-tuc/2023/06/thu-hut-dau-tu-vao-khu-cong-nghiep/"]),
        # the body says "Đảng ủy"; the other post is by the committee "Đảng ủy …", whose name is searchable
        ("dang uy", ["/tin-tuc/2022/01/giu-gin-hoa-binh-thuy-loi/", "/tin-tuc/2023/04/hoi-nghi-so-ket-giua-nhiem-ky/"]),
        ("hoà bình", ["/tin-tuc/2022/01/giu-gin-hoa-binh-thuy-loi/"]),
        ("thủy lợi", ["/tin-tuc/2022/01/giu-gin-hoa-binh-thuy-loi/"]),
        ("12 du an", ["/tin-tuc/2023/06/thu-hut-dau-tu-vao-khu-cong-nghiep/"]),
        ("chua dang", []),
        ("bao cao mat", []),  # a link's target is not text
    ],
)
def test_queries_find_posts_with_and_without_diacritics(searchable: Project, query: str, expected: list[str]) -> None:
    assert PagefindBundle(searchable.site / "pagefind").search(query) == expected


def test_title_and_summary_words_keep_their_marks_for_ranking(searchable: Project) -> None:
    """Pagefind ranks a query typed with marks higher on pages holding that exact form; a plain
    copy of the same word on the page would hide it, so the page has only the marked forms."""
    forms = PagefindBundle(searchable.site / "pagefind").forms("hoa")
    assert forms["/tin-tuc/2022/01/giu-gin-hoa-binh-thuy-loi/"] == {"hoà", "hòa"}  # title, summary
    dau = PagefindBundle(searchable.site / "pagefind").forms("dau")
    assert dau["/tin-tuc/2023/06/thu-hut-dau-tu-vao-khu-cong-nghiep/"] == {"dau"}  # the folded "đầu"


def test_filters_narrow_results(searchable: Project) -> None:
    bundle = PagefindBundle(searchable.site / "pagefind")
    assert bundle.search("", committee="chi-bo-a") == ["/tin-tuc/2023/06/thu-hut-dau-tu-vao-khu-cong-nghiep/"]
    assert bundle.search("", year="2022") == ["/tin-tuc/2022/01/giu-gin-hoa-binh-thuy-loi/"]
    assert bundle.search("", category="xay-dung-dang", term="2020-2025") == [
        "/tin-tuc/2023/06/thu-hut-dau-tu-vao-khu-cong-nghiep/"
    ]
    assert bundle.search("hoi nghi", committee="chi-bo-a") == []


def test_results_carry_title_date_and_summary(searchable: Project) -> None:
    bundle = PagefindBundle(searchable.site / "pagefind")
    [page] = [p for p in range(len(bundle.page_hashes)) if "dau-tu" in bundle.fragment(p)["url"]]
    meta = bundle.fragment(page)["meta"]
    assert meta["title"] == "Thu hút đầu tư vào khu công nghiệp"
    assert meta["date"] == "02/06/2023"
    assert meta["summary"].startswith("Năm 2023 có")


def test_pages_written_in_docs_are_searchable(searchable: Project) -> None:
    assert PagefindBundle(searchable.site / "pagefind").search("gioi thieu") == ["/gioi-thieu/"]


def test_search_page_and_header_box(searchable: Project) -> None:
    html = searchable.html("tim-kiem/")
    for name in ("category", "committee", "term", "year", "sort"):
        assert f'name="{name}"' in html
    assert '<option value="chi-bo-a">Chi bộ Phòng A</option>' in html
    # Our scripts go out under content-hashed names (output/hashed_assets.py).
    assert re.search(r'src="\.\./assets/zoneportal/search\.[0-9a-f]{10}\.js"', html)
    assert 'data-bundle="../pagefind/"' in html
    names = json.loads(html.split('<script type="application/json" data-zp-names>', 1)[1].split("</script>", 1)[0])
    assert names["committee"]["chi-bo-a"] == {"name": "Chi bộ Phòng A", "url": "to-chuc/chi-bo-a/"}
    assert names["year"]["2022"] == {"name": "Năm 2022", "url": "luu-tru/2022/"}
    assert names["term"]["2020-2025"]["url"] is None  # no single page lists a term of every committee
    post = searchable.html("tin-tuc/2023/04/hoi-nghi-so-ket-giua-nhiem-ky/")
    assert '<form class="zp-header-search" role="search" method="get" action="../../../../tim-kiem/">' in post


def test_material_search_is_not_used(searchable: Project) -> None:
    assert not (searchable.site / "search" / "search_index.json").exists()
    assert 'for="__search"' not in searchable.html("")


def test_search_can_be_turned_off(tmp_path: Path) -> None:
    project = make_project(tmp_path, plugin_options={"search": False})
    project.add_post("2023/a.md")
    project.build()
    assert not (project.site / "pagefind").exists()
    assert "zp-header-search" not in project.html("")
