"""Property tests: import never raises on any input, and never loses a line of the body."""

from __future__ import annotations

import itertools
import os
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.legacykit import LegacyPage
from kit.sitekit import make_project
from zoneportal.content.problems import ProblemReport
from zoneportal.content.registry import load_registry
from zoneportal.importer.article import Block, NotAnArticle, normalise_line, parse_article
from zoneportal.importer.batch import ImportOptions, _Importer
from zoneportal.importer.bodytext import escape_markdown, markdown_body
from zoneportal.importer.registries import RegistryPlan
from zoneportal.importer.report import Status
from zoneportal.importer.writer import PostIndex
from zoneportal.vi import VIETNAM_TZ, fold

# The extensions mkdocs.yml enables: escaping must hold against all of them.
EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables", "admonition"]
# No deadline: the machine is shared, and a slow example is not a wrong one.
# HYPOTHESIS_EXAMPLES=3000 for a long run.
SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "p":
            self.paragraphs.append("")
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.paragraphs:
            self.paragraphs[-1] += data


def rendered_paragraphs(body: str) -> list[str]:
    parser = _Paragraphs()
    parser.feed(markdown.markdown(body, extensions=EXTENSIONS))
    return [" ".join(p.split()) for p in parser.paragraphs]


# --- any text ---------------------------------------------------------------------------------


@SETTINGS
@given(st.text())
def test_every_line_of_any_text_is_in_the_body_or_listed_as_dropped(text: str) -> None:
    try:
        article = parse_article(text)
    except NotAnArticle:
        return
    lines = {n: normalise_line(raw) for n, raw in enumerate(text.split("\n"), start=1) if normalise_line(raw)}
    accounted = [b.line for b in article.blocks] + [d.line for d in article.dropped]
    assert sorted(accounted) == sorted(lines)
    assert [b.line for b in article.blocks] == sorted(b.line for b in article.blocks)
    assert all(b.text == lines[b.line] for b in article.blocks)
    assert all(d.text == lines[d.line] and d.reason for d in article.dropped)


line_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1).map(normalise_line).filter(bool)


@SETTINGS
@given(st.lists(st.tuples(line_text, st.booleans()), min_size=1, max_size=6))
def test_markdown_body_shows_exactly_the_source_text(lines: list[tuple[str, bool]]) -> None:
    blocks = [Block(n, text, photo="anh" if caption else None) for n, (text, caption) in enumerate(lines, start=1)]
    assert rendered_paragraphs(markdown_body(blocks)) == [" ".join(text.split()) for text, _caption in lines]


@SETTINGS
@given(line_text)
def test_escaped_line_is_one_plain_paragraph(text: str) -> None:
    html = markdown.markdown(escape_markdown(text), extensions=EXTENSIONS)
    assert html.startswith("<p>") and html.count("<p>") == 1
    assert rendered_paragraphs(escape_markdown(text)) == [" ".join(text.split())]


@pytest.fixture(scope="module")
def importer(tmp_path_factory: pytest.TempPathFactory) -> tuple[_Importer, Path]:
    project = make_project(tmp_path_factory.mktemp("project"))
    report = ProblemReport()
    registry = load_registry(project.posts, project.root, report)
    options = ImportOptions([], project.posts, project.root, project.posts, "tin-hoat-dong", dry_run=True)
    return _Importer(options, RegistryPlan(registry), PostIndex.scan(project.posts)), project.root


_names = itertools.count()


@SETTINGS
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda t: t.encode("utf-8"))))
def test_importing_any_file_never_raises(importer: tuple[_Importer, Path], raw: bytes) -> None:
    batch, root = importer
    path = root / "exports" / f"bai-{next(_names)}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    result, post = batch.plan_file(path, path.name)
    assert result.status in (Status.PLANNED, Status.FAILED)
    if result.status is Status.FAILED:
        assert result.error and "lỗi nội bộ" not in result.error
    else:
        assert post is not None and post.text().startswith("---\n")


# --- article-shaped text ------------------------------------------------------------------------

# An invented vocabulary: lower-case words that make sentences, never page chrome or names.
_VOCABULARY = (
    "chi bộ đảng viên hội nghị kế hoạch doanh nghiệp người lao động công tác kiểm tra giám sát quý năm "
    "tăng cường thực hiện nhiệm vụ đầu tư hạ tầng nhà xưởng môi trường nước thải đối thoại chỉ tiêu "
    "hoàn thành đề nghị tiếp tục phát huy kết quả nâng cao chất lượng sinh hoạt cơ sở đoàn viên"
)
WORDS = _VOCABULARY.split()
sentences = st.lists(st.sampled_from(WORDS), min_size=6, max_size=18).map(
    lambda words: " ".join(words)[:1].upper() + " ".join(words)[1:] + "."
)
paragraphs = st.lists(sentences, min_size=1, max_size=3).map(" ".join)
titles = st.lists(st.sampled_from(WORDS), min_size=4, max_size=12).map(
    lambda words: " ".join(words)[:1].upper() + " ".join(words)[1:]
)
NAMES = ("Đỗ Minh Châu", "Hoàng Yến", "K. Ngân", "Lương Thảo", "Văn Sơn")
DATE_FORMATS = (
    "{d:%Y-%m-%d %H:%M:%S}",
    "Ngày đăng {d:%d/%m/%Y} | {d:%H:%M}",
    "{d:%d/%m/%Y} - {d:%H:%M}",
    "{d:%H:%M} {d:%d/%m/%Y}",
    "({d:%H:%M} | {d:%d/%m/%Y})",
    "{d:%Y-%m-%d}T{d:%H:%M:%S}+07:00",
)
HEADERS = (["Trang chủ", "Tin hoạt động"], ["Trang chủ > Tin tức > Hoạt động"], ["Xem với cỡ chữAA"], [])
FOOTERS = (["Chia sẻ bài viết", "BÌNH LUẬN", "Liên kết hữu ích"], ["Bài viết liên quan", "Một tin khác"], [])


@st.composite
def legacy_pages(draw) -> tuple[LegacyPage, datetime]:
    moment = draw(st.datetimes(min_value=datetime(2005, 1, 1), max_value=datetime(2030, 12, 31))).replace(
        second=0, microsecond=0
    )
    body = tuple(draw(st.lists(paragraphs, min_size=1, max_size=6)))
    photos = {
        index: (f"anh-{index + 1}.jpg", draw(st.one_of(st.none(), titles)))
        for index in draw(st.sets(st.integers(0, len(body) - 1), max_size=2))
    }
    title = draw(titles)
    page = LegacyPage(
        title=title.upper() if draw(st.booleans()) else title,
        date_line=draw(st.sampled_from(DATE_FORMATS)).format(d=moment),
        paragraphs=body,
        byline=draw(st.one_of(st.none(), st.sampled_from(NAMES))),
        header=list(draw(st.sampled_from(HEADERS))),
        footer=list(draw(st.sampled_from(FOOTERS))),
        photos=photos,
        repeat_title=draw(st.booleans()),
        blank_between=draw(st.booleans()),
        indent=draw(st.sampled_from(["", "\u00a0" * 6, "    "])),
    )
    return page, moment


@SETTINGS
@given(legacy_pages())
def test_article_shaped_exports_keep_every_sentence_in_order(case: tuple[LegacyPage, datetime]) -> None:
    page, moment = case
    article = parse_article(page.text())
    assert fold(article.title) == fold(page.title)
    assert article.date.moment == moment.replace(tzinfo=VIETNAM_TZ)
    assert (article.byline.name if article.byline else None) == page.byline
    expected = []
    for index, paragraph in enumerate(page.paragraphs):
        expected.append(paragraph)
        caption = page.photos.get(index, (None, None))[1]
        if caption is not None:
            expected.append(caption)
    assert rendered_paragraphs(markdown_body(article.blocks)) == expected
    assert [p.name for p in article.photos] == [page.photos[i][0] for i in sorted(page.photos)]
