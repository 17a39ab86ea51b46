"""Reading one legacy export: chrome, title, date, byline, committee, term, event, photos, body."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kit.legacykit import CAPTION, NBSP, PARAGRAPHS, LegacyPage
from zoneportal.importer.article import NotAnArticle, is_photo_placeholder, parse_article
from zoneportal.importer.bylines import read_byline
from zoneportal.importer.committees import find_committee
from zoneportal.importer.dates import read_date_line
from zoneportal.importer.fields import find_event, find_terms
from zoneportal.importer.titles import recase_title
from zoneportal.vi import VIETNAM_TZ


def body_texts(article) -> list[str]:
    return [block.text for block in article.blocks]


def reasons(article) -> dict[str, str]:
    return {d.text: d.reason for d in article.dropped}


def test_capital_title_iso_date_photos_and_right_aligned_byline() -> None:
    page = LegacyPage(
        title="CHI BỘ PHÒNG QUẢN LÝ MÔI TRƯỜNG SƠ KẾT CÔNG TÁC QUÝ I",
        date_line="2024-03-15 08:30:41",
        indent=NBSP * 8,
        photos={0: ("So-ket-quy-1", CAPTION), 2: ("IMG_0412.JPG", None)},
        byline="Hoàng Yến!",
    )
    article = parse_article(page.text())
    # Proper nouns keep the capitals the body gives them; the rest is lower case.
    assert article.title == "Chi bộ Phòng Quản lý môi trường sơ kết công tác quý I"
    assert any("viết hoa" in w for w in article.warnings)
    assert (article.date.front_matter, article.date.has_time) == ("2024-03-15 08:30", True)
    assert article.byline.name == "Hoàng Yến"
    assert article.committee.name == "Chi bộ Phòng Quản lý môi trường"
    assert [t.key for t in article.terms] == ["2020-2025"]
    assert article.event.kind == "so-ket"
    assert [(p.name, p.caption) for p in article.photos] == [("So-ket-quy-1", CAPTION), ("IMG_0412.JPG", None)]
    # Every paragraph and the caption stay in the body, in order; the caption marks its photo.
    assert body_texts(article) == [PARAGRAPHS[0], CAPTION, *PARAGRAPHS[1:]]
    assert [b.photo for b in article.blocks if b.photo] == ["So-ket-quy-1"]


def test_breadcrumbs_repeated_title_and_single_newline_paragraphs() -> None:
    title = "Ban Chấp hành Đảng bộ Khu kinh tế Mẫu tổ chức Hội nghị lần thứ 9"
    page = LegacyPage(
        header=["Trang chủ", "", "Tin hoạt động", ""],
        title=title,
        date_line="Ngày đăng 09/10/2023 | 3:05 PM",
        repeat_title=True,
        blank_between=False,
        byline="Lương Thảo",
    )
    article = parse_article(page.text())
    assert article.title == title
    assert article.date.front_matter == "2023-10-09 15:05"
    assert article.event.kind == "hoi-nghi-bch" and article.event.number == "9"
    assert article.committee.name == "Đảng bộ Khu kinh tế Mẫu"
    assert body_texts(article) == list(PARAGRAPHS)
    dropped = reasons(article)
    assert "breadcrumb" in dropped["Trang chủ"] and "breadcrumb" in dropped["Tin hoạt động"]
    assert [d.reason for d in article.dropped].count("tiêu đề lặp lại") == 1


def test_footer_sections_drop_the_rest_of_the_page_and_list_it() -> None:
    related = ["Hội nghị tổng kết năm 2022 của Chi bộ Phòng A", "Đoàn Thanh niên ra quân tháng ba"]
    page = LegacyPage(
        date_line="21/06/2019 - 07:45",
        byline="T. Ngân",
        footer=["Chia sẻ bài viết", "BÌNH LUẬN", "Tin liên quan", *related],
    )
    article = parse_article(page.text())
    assert article.date.front_matter == "2019-06-21 07:45"
    assert article.byline.name == "T. Ngân"
    assert body_texts(article) == list(PARAGRAPHS)
    dropped = reasons(article)
    assert set(related) <= dropped.keys() and "Chia sẻ bài viết" in dropped


def test_portal_name_font_tools_bracketed_date_and_no_byline() -> None:
    page = LegacyPage(
        header=["Trang thông tin điện tử Ban Quản lý Khu kinh tế Mẫu", "Tin Đảng ủy", "Xem với cỡ chữAAA"],
        title="Đại hội Đảng bộ Ban Quản lý Khu kinh tế Mẫu lần thứ IV, nhiệm kỳ 2025 - 2030",
        date_line="(16:20 | 27/06/2025)",
        paragraphs=(*PARAGRAPHS[:3], PARAGRAPHS[3] + "/."),
        byline=None,
    )
    article = parse_article(page.text())
    assert article.date.front_matter == "2025-06-27 16:20"
    assert article.byline is None
    assert article.event.kind == "dai-hoi" and article.event.number == "IV"
    assert article.terms[0].key == "2025-2030"
    assert len(article.dropped) == 5  # three chrome lines, the title, the date
    assert body_texts(article)[-1].endswith("/.")


def test_time_before_date_and_related_list_heading() -> None:
    page = LegacyPage(date_line="07:05 02/01/2022", footer=[NBSP, "Bài viết liên quan"])
    article = parse_article(page.text())
    assert article.date.moment == datetime(2022, 1, 2, 7, 5, tzinfo=VIETNAM_TZ)
    assert body_texts(article) == list(PARAGRAPHS)


def test_date_above_the_title_and_credit_line_with_unit() -> None:
    page = LegacyPage(
        date_first=True,
        date_line="Thứ Hai, 04/03/2024, 14:05 (GMT+7)",
        byline="Tin, ảnh: Đỗ Minh Châu - Văn phòng Đảng ủy",
    )
    article = parse_article(page.text())
    assert article.title == LegacyPage().title
    assert article.date.front_matter == "2024-03-04 14:05"
    assert (article.byline.name, article.byline.unit) == ("Đỗ Minh Châu", "Văn phòng Đảng ủy")


def test_iso_date_with_time_zone_is_read_in_vietnam_time() -> None:
    article = parse_article(LegacyPage(date_line="2024-02-29T18:30:00Z").text())
    assert article.date.front_matter == "2024-03-01 01:30"


def test_no_date_anywhere_leaves_it_to_the_caller() -> None:
    article = parse_article(LegacyPage(date_line=None).text())
    assert article.date is None and article.title == LegacyPage().title


def test_date_printed_at_the_end_of_the_page() -> None:
    page = LegacyPage(date_line=None, footer=["Cập nhật lúc 9h30 ngày 5 tháng 4 năm 2024"])
    article = parse_article(page.text())
    assert article.date.front_matter == "2024-04-05 09:30"


def test_unknown_line_above_the_title_is_kept_not_dropped() -> None:
    sentence = "Bài viết này được đăng lại theo đề nghị của Ban Tuyên giáo, có bổ sung số liệu mới."
    article = parse_article(LegacyPage(header=[sentence]).text())
    assert body_texts(article)[0] == sentence
    assert any("giữ ở đầu bài" in w for w in article.warnings)


@pytest.mark.parametrize("text", ["", "\n \n\u00a0\n", "Chỉ một dòng tiêu đề"])
def test_nothing_to_publish_is_not_an_article(text: str) -> None:
    with pytest.raises(NotAnArticle):
        parse_article(text)


# --- the parts on their own ------------------------------------------------------------------

PORTAL_DATE_FORMATS = (
    "{d:%Y-%m-%d %H:%M:%S}",
    "Ngày đăng {d:%d/%m/%Y} | {h12}:{d:%M} {ampm}",
    "{d:%d/%m/%Y} - {d:%H:%M}",
    "{d:%H:%M} {d:%d/%m/%Y}",
    "({d:%H:%M} | {d:%d/%m/%Y})",
    "Cập nhật: {d.day}/{d.month}/{d:%Y} {d:%H}h{d:%M}",
    "Thứ Sáu, {d:%d/%m/%Y}, {d:%H:%M} (GMT+7)",
    "{d:%d.%m.%Y} {d:%H:%M}",
    "Đăng lúc {d:%H:%M} ngày {d.day} tháng {d.month} năm {d:%Y}",
)


@pytest.mark.parametrize("template", PORTAL_DATE_FORMATS)
@pytest.mark.parametrize(
    "moment", [datetime(2018, 10, 25, 7, 30), datetime(2023, 12, 3, 21, 47), datetime(2024, 2, 29, 0, 5)]
)
def test_date_line_formats_give_back_the_moment(template: str, moment: datetime) -> None:
    h12 = moment.hour % 12 or 12
    line = template.format(d=moment, h12=h12, ampm="AM" if moment.hour < 12 else "PM")
    found = read_date_line(line)
    assert found is not None, line
    assert found.moment == moment.replace(tzinfo=VIETNAM_TZ) and found.has_time


def test_day_first_unless_impossible() -> None:
    assert read_date_line("03/04/2024").moment.month == 4
    found = read_date_line("04/25/2024")
    assert (found.moment.month, found.moment.day, found.month_first) == (4, 25, True)
    assert read_date_line("31/02/2024") is None


def test_utc_offsets_are_converted() -> None:
    found = read_date_line("2024-01-01T23:30:00-02:00")
    assert found.moment.astimezone(UTC) == datetime(2024, 1, 2, 1, 30, tzinfo=UTC)
    assert found.moment.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ngày 07/4/2023, Đảng ủy tổ chức hội nghị tổng kết công tác năm.",
        "Tính đến 31/12/2022, các khu công nghiệp thu hút 120 dự án.",
        "Hội nghị lần thứ 12 diễn ra trong 2 ngày.",
    ],
)
def test_sentences_with_dates_are_not_date_lines(sentence: str) -> None:
    assert read_date_line(sentence) is None


@pytest.mark.parametrize(
    ("line", "name", "unit"),
    [
        ("Đỗ Minh Châu", "Đỗ Minh Châu", None),
        ("K. Ngân.", "K. Ngân", None),
        ("Bài và ảnh: Lương Thảo", "Lương Thảo", None),
        ("Tin: Hoàng Yến; Ảnh: Văn Sơn", "Hoàng Yến", None),
        ("Lương Thảo (Chi bộ Phòng Quản lý đầu tư)", "Lương Thảo", "Chi bộ Phòng Quản lý đầu tư"),
        ("Hoàng Yến, Văn phòng Ban Quản lý", "Hoàng Yến", "Văn phòng Ban Quản lý"),
        ("Văn Sơn (tổng hợp)", "Văn Sơn", None),
    ],
)
def test_bylines(line: str, name: str, unit: str | None) -> None:
    found = read_byline(line)
    assert (found.name, found.unit) == (name, unit)


@pytest.mark.parametrize(
    "line", ["Ảnh: Văn Sơn", "Nguồn: Báo Thanh Vân", "Theo Cổng thông tin tỉnh", "Trân trọng", PARAGRAPHS[3], "Kết"]
)
def test_not_bylines(line: str) -> None:
    assert read_byline(line) is None


def test_committee_from_title_completed_by_the_body() -> None:
    title = "Đại hội Đảng bộ Ban Quản lý Khu kinh tế tỉnh lần thứ IV"
    body = [
        "Đảng ủy Khối các cơ quan tỉnh đã chuẩn y kết quả bầu cử.",
        "Đảng bộ Ban Quản lý Khu kinh tế tỉnh Thanh Vân có 9 chi bộ trực thuộc, 210 đảng viên.",
        "Đảng ủy Ban Quản lý Khu kinh tế tỉnh Thanh Vân và Quyết định số 12 được công bố.",
    ]
    found = find_committee(title, body)
    assert found.name == "Đảng bộ Ban Quản lý Khu kinh tế tỉnh Thanh Vân"
    assert found.level == "Đảng bộ"


def test_committee_from_the_body_counts_shorter_mentions() -> None:
    body = [
        "Ngày 3/5, Đảng ủy Ban Quản lý các khu chế xuất và công nghiệp Thanh Vân (Đảng ủy Ban Quản lý) họp.",
        "Đồng chí Phó Bí thư Đảng ủy Ban Quản lý phát biểu; Đảng ủy Ban Quản lý đã triển khai kế hoạch.",
        "Bí thư Đảng ủy các cơ quan tỉnh dự họp.",
    ]
    found = find_committee("Hội nghị sơ kết quý I", body)
    assert found.name == "Đảng ủy Ban Quản lý các khu chế xuất và công nghiệp Thanh Vân"


def test_terms_in_several_spellings() -> None:
    body = ["Nhiệm kỳ 2015 – 2020 đã khép lại.", "Nghị quyết nhiệm kỳ 2020-2025 và (NK 2020-2025)."]
    assert [t.key for t in find_terms("Đại hội nhiệm kỳ 2020 - 2025", body)] == ["2020-2025", "2015-2020"]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Hội nghị sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội", "so-ket"),
        ("Chi bộ Văn phòng tổng kết công tác năm 2023", "tong-ket"),
        ("Chi bộ Phòng A sinh hoạt chuyên đề quý III", "sinh-hoat-chuyen-de"),
        ("Hội nghị lần thứ 18 Ban Chấp hành Đảng bộ", "hoi-nghi-bch"),
        ("Hội nghị đối thoại với doanh nghiệp", "hoi-nghi"),
        ("Đại hội đại biểu Đảng bộ lần thứ V", "dai-hoi"),
    ],
)
def test_event_kinds(title: str, kind: str) -> None:
    assert find_event(title, "").kind == kind


def test_no_event_in_an_ordinary_story() -> None:
    assert find_event("Khởi công nhà máy linh kiện", "Sáng nay, công ty khởi công nhà máy mới.") is None


@pytest.mark.parametrize("line", ["Hop-mat-2022", "IMG_2041.JPG", "anh hoi nghi 2.jpg", "DSC01234"])
def test_photo_placeholders(line: str) -> None:
    assert is_photo_placeholder(line)


@pytest.mark.parametrize("line", ["Kết luận", "2020-2025", "Hội nghị", "25/10/2018"])
def test_not_photo_placeholders(line: str) -> None:
    assert not is_photo_placeholder(line)


def test_recased_title_keeps_acronyms_and_numerals() -> None:
    title = recase_title("ĐẠI HỘI CHI BỘ KCN MẪU LẦN THỨ III", ["Chi bộ KCN Mẫu họp mặt đầu xuân với đảng viên."])
    assert title == "Đại hội Chi bộ KCN Mẫu lần thứ III"
