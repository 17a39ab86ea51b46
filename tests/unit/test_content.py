"""Reading and validating posts and registries: no MkDocs involved."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest

from kit.sitekit import Project, post_text
from zoneportal.content.problems import ProblemReport
from zoneportal.content.validate import load_content


def load(project: Project):
    return load_content(project.posts, project.root)


def only_error(report: ProblemReport):
    assert len(report.errors) == 1, report.render()
    return report.errors[0]


def test_valid_post_is_read_with_vietnam_time_and_derived_term(project: Project) -> None:
    project.add_post("2023/hoi-nghi.md", title="Hội nghị sơ kết Đảng ủy", date="2023-04-26 14:00")
    _registry, posts, report = load(project)
    assert not report.problems, report.render()
    (post,) = posts
    assert post.date.utcoffset() == timedelta(hours=7)
    assert (post.date.hour, post.has_time) == (14, True)
    assert post.term == "2020-2025"
    assert post.slug == "hoi-nghi-so-ket-dang-uy"
    assert post.summary == "Nội dung."


def test_decomposed_text_is_composed(project: Project) -> None:
    nfd_title = unicodedata.normalize("NFD", "Đại hội Chi bộ")
    project.add_post("2023/nfd.md", title=nfd_title, body=unicodedata.normalize("NFD", "Tiếng Việt"))
    _registry, (post,), report = load(project)
    assert not report.errors
    assert post.title == "Đại hội Chi bộ" and unicodedata.is_normalized("NFC", post.body)


def test_bom_and_crlf_are_handled(project: Project) -> None:
    text = post_text(title="Tin có BOM").replace("\n", "\r\n")
    project.write("posts/2023/bom.md", b"\xef\xbb\xbf" + text.encode("utf-8"))
    _registry, (post,), report = load(project)
    assert not report.errors, report.render()
    assert post.title == "Tin có BOM" and "\r" not in post.body


def test_file_not_in_utf8_names_file_and_line(project: Project) -> None:
    # Windows-1258 keeps tone marks as combining characters, hence NFD before encoding.
    legacy = unicodedata.normalize("NFD", post_text(title="Tin Đà Lạt", body="Bài cũ Đà Lạt.")).encode("cp1258")
    project.write("posts/2023/cu.md", legacy)
    _registry, posts, report = load(project)
    problem = only_error(report)
    assert posts == []
    assert problem.file == "posts/2023/cu.md" and problem.line == 2
    assert "UTF-8" in problem.message


def test_malformed_yaml_names_line(project: Project) -> None:
    project.write("posts/2023/hong.md", "---\ntitle: Tin\ndate: 2023-01-02\nauthor: [tac-gia-a\n---\nBody\n")
    problem = only_error(load(project)[2])
    assert problem.file == "posts/2023/hong.md"
    assert problem.line in (4, 5)
    assert "YAML không hợp lệ" in problem.message


def test_missing_title_names_field_and_is_vietnamese(project: Project) -> None:
    project.write(
        "posts/2023/khong-tieu-de.md",
        "---\ndate: 2023-01-02\nauthor: tac-gia-a\ncommittee: dang-uy\ncategories: [tin-hoat-dong]\n---\nx\n",
    )
    problem = only_error(load(project)[2])
    assert problem.field == "title" and problem.message == "thiếu trường bắt buộc."


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-02-30", "không tồn tại"), ("26/04/2023", "YYYY-MM-DD"), ("2023-04-26 25:00", "không tồn tại")],
)
def test_bad_dates(project: Project, value: str, expected: str) -> None:
    project.add_post("2023/ngay.md", date=value)
    problem = only_error(load(project)[2])
    assert problem.field == "date" and expected in problem.message and problem.line == 3


def test_unknown_author_suggests_close_key(project: Project) -> None:
    project.add_post("2023/tg.md", author="tac-gia-c")
    problem = only_error(load(project)[2])
    assert problem.field == "author" and problem.line == 4
    assert "posts/authors.yml" in problem.message and "Có phải ý bạn là 'tac-gia-" in problem.message


def test_unknown_committee_and_category_are_both_reported(project: Project) -> None:
    project.add_post("2023/a.md", committee="dang-bo-khac")
    project.add_post("2023/b.md", title="Khác", categories=["tin-hoat-dog"])
    report = load(project)[2]
    fields = sorted(p.field for p in report.errors)
    assert fields == ["categories", "committee"]
    assert any("'tin-hoat-dong'" in p.message for p in report.errors)


def test_unknown_front_matter_key_suggests(project: Project) -> None:
    project.write("posts/2023/k.md", post_text().replace("title:", "titel:"))
    report = load(project)[2]
    messages = {p.field: p.message for p in report.errors}
    assert "Có phải ý bạn là 'title'?" in messages["titel"]
    assert messages["title"] == "thiếu trường bắt buộc."


def test_unknown_key_with_brackets_is_named_not_a_traceback(project: Project) -> None:
    # Found by the fuzzer: pydantic names union members "list[...]", so a key holding "[" was lost.
    project.write("posts/2023/b.md", "---\n([:\n---\n")
    report = load(project)[2]
    messages = {p.field: p.message for p in report.errors}
    assert "không được hỗ trợ" in messages["(["]
    assert messages["title"] == "thiếu trường bắt buộc."


def test_term_the_committee_does_not_have(project: Project) -> None:
    project.add_post("2023/t.md", committee="chi-bo-a", term="2015-2020")
    problem = only_error(load(project)[2])
    assert problem.field == "term" and "2020-2025" in problem.message


def test_post_dated_outside_its_term(project: Project) -> None:
    project.add_post("2019/t.md", date="2019-05-01", term="2020-2025")
    problem = only_error(load(project)[2])
    assert problem.field == "date"
    assert "01/01/2020 – 31/12/2025" in problem.message


def test_term_on_boundary_year_prefers_newer_term_unless_congress_date(project: Project) -> None:
    project.add_post("2020/a.md", title="Đầu năm", date="2020-02-01")
    _registry, (post,), _report = load(project)
    assert post.term == "2020-2025"
    committees = (project.posts / "committees.yml").read_text(encoding="utf-8")
    project.write(
        "posts/committees.yml",
        committees.replace("congress: lần thứ III", "congress: lần thứ III\n    start_date: 2020-07-15"),
    )
    _registry, (post,), report = load(project)
    assert not report.errors, report.render()
    assert post.term == "2015-2020"


@pytest.mark.parametrize("cover", ["khong-co.jpg", "../../../etc/passwd", "/etc/hosts"])
def test_bad_cover(project: Project, cover: str) -> None:
    project.add_post("2023/bia/index.md", cover=cover)
    problem = only_error(load(project)[2])
    assert problem.field == "cover" and problem.line is not None
    assert cover in problem.message


def test_two_posts_on_one_url_are_both_named(project: Project) -> None:
    project.add_post("2023/a.md", title="Hội nghị", date="2023-04-01")
    project.add_post("2023/b.md", title="Hội nghị!", date="2023-04-20")
    report = load(project)[2]
    assert len(report.errors) == 2
    for problem in report.errors:
        assert "posts/2023/a.md" in problem.message and "posts/2023/b.md" in problem.message
    project.add_post("2023/b.md", title="Hội nghị!", date="2023-04-20", slug="hoi-nghi-lan-2")
    assert not load(project)[2].errors


def test_every_problem_is_reported_at_once(project: Project) -> None:
    project.add_post("2023/a.md", author="ai-do")
    project.add_post("2023/b.md", title="B", date="2023-13-01")
    project.write("posts/2023/c.md", "khong co front matter\n")
    report = load(project)[2]
    assert sorted(p.file for p in report.errors) == ["posts/2023/a.md", "posts/2023/b.md", "posts/2023/c.md"]


def test_hostile_title_is_kept_as_text(project: Project) -> None:
    project.add_post("2023/x.md", title='<script>alert("x")</script> Tin')
    _registry, (post,), report = load(project)
    assert not report.errors and post.title.startswith("<script>")
    assert post.slug == "script-alert-x-script-tin"


def test_broken_registry_yaml_and_unknown_parent(project: Project) -> None:
    project.write("posts/authors.yml", "tac-gia-a:\n  name: [An\n")
    project.write("posts/committees.yml", "chi-bo:\n  name: Chi bộ\n  level: Chi bộ\n  parent: dang-uy-x\n")
    report = load(project)[2]
    by_file = {p.file: p for p in report.errors}
    assert by_file["posts/authors.yml"].line == 3 or by_file["posts/authors.yml"].line == 2
    assert by_file["posts/committees.yml"].field == "parent" and by_file["posts/committees.yml"].line == 1


def test_registry_entry_errors_name_key_and_line(project: Project) -> None:
    project.write("posts/categories.yml", "tin:\n  name: Tin\n  order: dau-tien\n")
    problem = only_error(load(project)[2])
    assert problem.file == "posts/categories.yml" and problem.line == 3 and problem.field == "order"
    assert "mục 'tin'" in problem.message


def test_placeholder_from_new_is_explained(project: Project) -> None:
    project.add_post("2023/moi.md", author="chua-chon")
    problem = only_error(load(project)[2])
    assert "chưa chọn tác giả" in problem.message and "tac-gia-a, tac-gia-b" in problem.message


def test_control_character_in_front_matter_is_reported_not_raised(project: Project) -> None:
    project.write("posts/2023/dieu-khien.md", "---\ntitle: Tin\x0bmới\ndate: 2023-01-02\n---\nBody\n")
    problem = only_error(load(project)[2])
    assert problem.file == "posts/2023/dieu-khien.md" and problem.line == 2
    assert "U+000B" in problem.message


def test_cache_rereads_only_changed_posts(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from zoneportal.content import validate

    project.add_post("2023/a.md", title="Tin A")
    project.add_post("2023/b.md", title="Tin B", author="khong-co")
    cache = validate.ContentCache()
    first = validate.load_content(project.posts, project.root, cache)
    reads: list[str] = []
    real_read = validate.read_post_salvaged

    def counting_read(path, root, report, data=None):
        reads.append(path.name)
        return real_read(path, root, report, data)

    monkeypatch.setattr(validate, "read_post_salvaged", counting_read)
    again = validate.load_content(project.posts, project.root, cache)
    assert reads == []
    assert [p.title for p in again[1]] == [p.title for p in first[1]] == ["Tin A"]
    assert [str(p) for p in again[2].problems] == [str(p) for p in first[2].problems]  # problems kept too
    project.add_post("2023/b.md", title="Tin B đã sửa")
    fixed = validate.load_content(project.posts, project.root, cache)
    assert reads == ["b.md"]
    assert sorted(p.title for p in fixed[1]) == ["Tin A", "Tin B đã sửa"] and not fixed[2].errors
    project.write("posts/authors.yml", (project.posts / "authors.yml").read_text(encoding="utf-8") + "\n")
    reads.clear()
    validate.load_content(project.posts, project.root, cache)
    assert sorted(reads) == ["a.md", "b.md"]  # a registry change re-checks every post


def test_display_paths_as_written_then_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths shown to staff: from the project root as written, text-compared; else resolved; else as given."""
    from zoneportal.content.problems import display_path

    root = tmp_path / "du-an"
    (root / "posts" / "2024").mkdir(parents=True)
    shared = tmp_path / "chung"
    shared.mkdir()
    (root / "lien-ket").symlink_to(shared)
    assert display_path(root / "posts" / "2024" / "bai.md", root) == "posts/2024/bai.md"
    assert display_path(root / "posts" / ".." / "posts" / "bai.md", root) == "posts/bai.md"
    assert display_path(root, root) == "."
    assert display_path(Path("/"), Path("/")) == "."
    assert display_path(root / "a.md", Path("/")) == (root / "a.md").as_posix()[1:]
    assert display_path(tmp_path / "du-an-khac" / "a.md", root) == (tmp_path / "du-an-khac" / "a.md").as_posix()
    assert display_path(shared / "a.md", root / "lien-ket") == "a.md"  # resolved: the link's target
    monkeypatch.chdir(root)
    assert display_path(Path("posts/bai.md"), Path(".")) == "posts/bai.md"
