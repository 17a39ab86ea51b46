"""The văn bản register in Chromium: numbers typed as staff type them find the document first, a
phrase from inside a PDF (text layer or OCR of a scan) finds it, the register is a table on a desktop
and cards on a phone, filters are plain links, an article lists its attachments."""

from __future__ import annotations

import pytest

from kit.browsing import SEARCH, follow, wait_for_results
from kit.pdfkit import require_tesseract

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("05-CT/TW", "Chỉ thị 05-CT/TW"),
        ("05 CT TW", "Chỉ thị 05-CT/TW"),
        ("05/CT-TW", "Chỉ thị 05-CT/TW"),
        ("nd 42 2022", "Nghị định 42/2022/NĐ-CP"),
        ("42/2022/NĐ-CP", "Nghị định 42/2022/NĐ-CP"),
        ("nghi dinh 42", "Nghị định 42/2022/NĐ-CP"),
        ("15/QĐ-BQL", "Quyết định 15/QĐ-BQL"),
        # held out by QA: spellings the six above do not cover
        ("05 - CT/TW", "Chỉ thị 05-CT/TW"),
        ("5/ct-tw", "Chỉ thị 05-CT/TW"),
        ("15/QD-BQL", "Quyết định 15/QĐ-BQL"),
        ("qđ 15", "Quyết định 15/QĐ-BQL"),
        ("số 42/2022", "Nghị định 42/2022/NĐ-CP"),
        ("ND-CP 42", "Nghị định 42/2022/NĐ-CP"),
        ("０５-ＣＴ/ＴＷ", "Chỉ thị 05-CT/TW"),  # full-width, as an IME types it
        ("nghị định 42", "Nghị định 42/2022/NĐ-CP"),  # NFD, as macOS pastes it
    ],
)
def test_a_number_finds_its_document_first(open_tab, query: str, title: str) -> None:
    tab = open_tab("desktop")
    tab.goto(f"{SEARCH}?q={query}")
    titles = wait_for_results(tab)
    assert titles and titles[0] == title, titles
    tab.assert_clean()


@pytest.mark.parametrize(
    ("phrase", "title"),
    [
        ("hợp nhất hai phòng chuyên môn", "Quyết định 08/QĐ-BQL"),  # text layer of the PDF
        ("tuyến đường gom phía đông", "Thông báo 27/TB-BQL"),  # a scan: found through OCR
    ],
)
def test_a_phrase_from_inside_a_pdf_finds_it(open_tab, phrase: str, title: str) -> None:
    if "27/TB-BQL" in title:
        require_tesseract()  # the example scan is searchable only where Tesseract read it
    tab = open_tab("phone")
    tab.goto(f"{SEARCH}?q={phrase}")
    titles = wait_for_results(tab)
    assert titles and titles[0] == title, titles
    first = tab.page.locator(".zp-search__results .zp-search__title a").first
    follow(tab, first)
    assert tab.page.locator("article h1").inner_text().strip() == title
    assert tab.page.locator(".zp-attachments__name").first.get_attribute("href").endswith(".pdf")
    tab.assert_clean()


def test_register_is_a_table_on_desktop_and_cards_on_a_phone(open_tab) -> None:
    desktop = open_tab("desktop")
    desktop.goto("/van-ban/")
    header = desktop.page.locator(".zp-register__table thead")
    assert header.is_visible()
    assert desktop.page.locator(".zp-register__row").count() >= 12
    desktop.screenshot("so-van-ban-may-tinh")
    phone = open_tab("phone")
    phone.goto("/van-ban/")
    hidden = phone.page.locator(".zp-register__table thead").bounding_box()
    assert hidden is not None and hidden["height"] <= 1, "column headings shown on a phone"  # left for screen readers
    row = phone.page.locator(".zp-register__row").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    label = row.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Số hiệu" in label
    width = phone.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 1, "the register scrolls sideways on a phone"
    phone.screenshot("so-van-ban-dien-thoai")
    phone.assert_clean()
    desktop.assert_clean()


def test_filters_sorting_and_relations(open_tab) -> None:
    tab = open_tab("desktop")
    page = tab.page
    tab.goto("/van-ban/")
    page.locator(".zp-register__filters summary").click()
    follow(tab, page.locator(".zp-register__filters a", has_text="Quyết định").first)
    assert tab.path() == "/van-ban/loai/quyet-dinh/"
    numbers = page.locator(".zp-register__number").all_inner_texts()
    assert numbers == ["08/QĐ-BQL", "40/QĐ-BQL", "32/QĐ-BQL", "15/QĐ-BQL"]
    follow(tab, page.locator(".zp-register__number", has_text="15/QĐ-BQL"))
    relations = page.locator(".zp-document__relations").inner_text()
    assert "Bị thay thế bởi" in relations and "32/QĐ-BQL" in relations
    assert page.locator(".zp-status").inner_text() == "Hết hiệu lực"
    tab.goto("/van-ban/cu-nhat/")
    assert page.locator(".zp-register__number").first.inner_text() == "05-CT/TW"
    tab.assert_clean()


def test_an_article_lists_its_attachments_and_documents(open_tab) -> None:
    tab = open_tab("phone")
    page = tab.page
    tab.goto("/tin-tuc/2025/04/dai-hoi-chi-bo-van-phong-lan-thu-vi-nhiem-ky-2025-2030/")
    items = page.locator(".zp-attachments__item")
    assert items.count() == 2
    assert "1 trang" in items.first.inner_text() and "PDF" in items.first.inner_text()
    thumbnail = page.locator(".zp-attachments__thumb img").first
    thumbnail.scroll_into_view_if_needed()  # lazy-loaded below the article
    thumbnail.evaluate("img => img.decode()")
    assert thumbnail.evaluate("img => img.naturalWidth") > 0
    response = page.request.get(page.locator(".zp-attachments__name").first.evaluate("a => a.href"))
    assert response.ok and response.body().startswith(b"%PDF")
    follow(tab, page.locator(".zp-post-documents a").first)
    assert tab.path() == "/van-ban/52-kh-du/"
    assert "Đại hội Chi bộ Văn phòng" in page.locator(".zp-document__posts").inner_text()
    tab.assert_clean()
