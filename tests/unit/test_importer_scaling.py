"""The text importer's work grows linearly with the size of an export (issue 14: a 1.4 MB export
with a committee named in each paragraph took 28 s, a 73 MB one never finished).

Measured by counting function calls (cProfile), not by timing: the count is the same on any
machine, so the test is exact and never flaky. Quadratic matching would multiply the calls by 16
when the export grows four times; linear work by about 4.
"""

from __future__ import annotations

import cProfile
import pstats

from kit.legacykit import LegacyPage
from zoneportal.importer.article import parse_article
from zoneportal.importer.bodytext import markdown_body
from zoneportal.importer.committees import find_committee

PARAGRAPH = (
    "Đảng ủy Ban Quản lý các khu công nghiệp tỉnh Thanh Vân chỉ đạo Chi bộ Phòng Quản lý doanh nghiệp số {n} "
    "và Đảng bộ Công ty Hạ tầng số {n} rà soát kế hoạch, nhiệm kỳ 2020-2025."
)


def calls(paragraphs: int) -> int:
    page = LegacyPage(paragraphs=tuple(PARAGRAPH.format(n=n) for n in range(paragraphs)))
    text = page.text()
    profiler = cProfile.Profile()
    profiler.enable()
    article = parse_article(text)
    markdown_body(article.blocks)
    find_committee(article.title, [b.text for b in article.blocks])
    profiler.disable()
    return pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]


def test_import_work_is_linear_in_the_size_of_the_export() -> None:
    small, large = calls(80), calls(320)
    assert large / small < 5.0, (small, large)


def test_committee_matching_is_linear_in_the_number_of_mentions() -> None:
    def matching(count: int) -> int:
        body = [PARAGRAPH.format(n=n) for n in range(count)]
        profiler = cProfile.Profile()
        profiler.enable()
        found = find_committee("Hội nghị sơ kết", body)
        profiler.disable()
        assert found is not None
        return pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]

    assert matching(800) / matching(200) < 5.0


def test_fast_fold_is_vi_fold_for_every_letter() -> None:
    import unicodedata

    from zoneportal.importer.folding import RANGES, fold
    from zoneportal.vi import fold as reference

    letters = [chr(code) for low, high in RANGES for code in range(low, high + 1)]
    letters += [ch.upper() for ch in "ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"]
    for letter in letters:
        if unicodedata.combining(letter):
            continue
        assert fold(letter) == reference(letter), letter
    sentence = "Đảng ủy Ban Quản lý KCN tỉnh Thanh Vân: HỘI NGHỊ lần thứ XII, nhiệm kỳ 2020–2025 (ĐẠI HỘI)."
    assert fold(sentence) == reference(sentence)
