"""YAML that cannot hurt: aliases refused, depth and size capped, broken files are messages.

The fuzz tests feed random bytes, random YAML and random front matter to `zoneportal check` (the
function the command runs, in-process) and require a Vietnamese message or success, never an
exception, within bounded time and memory."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.sitekit import AUTHORS, CATEGORIES, COMMITTEES, Project, make_project, post_text
from zoneportal.cli import check
from zoneportal.content.textfile import LOADERS, MAX_YAML_CHARS, MAX_YAML_DEPTH, YamlSyntaxError, load_yaml_with
from zoneportal.content.validate import load_content

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8)
)
# Text that marks a message as written for staff: Vietnamese words of our messages.
VIETNAMESE = ("không", "cần", "hãy", "tệp", "thiếu", "Đã kiểm tra")


@pytest.mark.parametrize("loader", LOADERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize(
    ("text", "expected", "line"),
    [
        (BILLION_LAUGHS, "neo và tham chiếu", 1),
        ("title: *khong-co\n", "neo và tham chiếu", 1),
        ("title: x\nlist: &l [1]\n", "neo và tham chiếu", 2),
        ("a: &r [*r]\n", "neo và tham chiếu", 1),
        ("x: " + "[" * 100_000, "lồng quá sâu", 1),
        ("x: " + "{a: " * 5000, "lồng quá sâu", 1),
        ("".join(" " * n + f"k{n}:\n" for n in range(60)) + " " * 60 + "v\n", "lồng quá sâu", MAX_YAML_DEPTH + 1),
        ("a: 1\n---\nb: 2\n", "nhiều hơn một tài liệu", 2),
        # Escapes make what the reader refuses as raw text: no feed (XML) can hold them.
        ('title: "Bài \\x0b viết"\n', "ký tự điều khiển U+000B", 1),
        ('a: 1\ntags: ["\\ud800"]\n', "YAML không hợp lệ", 2),
        ('a: 1\nb:\n  "\\uFFFE": x\n', "U+FFFE", 3),
    ],
)
def test_hostile_documents_are_refused_with_a_line(loader: type, text: str, expected: str, line: int) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml_with(text, loader)
    assert expected in caught.value.message
    assert caught.value.line == line


def test_huge_document_is_refused_before_parsing() -> None:
    started = time.monotonic()
    with pytest.raises(YamlSyntaxError, match="YAML quá lớn"):
        load_yaml_with("a: " + "x" * (MAX_YAML_CHARS + 1), LOADERS[0])
    assert time.monotonic() - started < 1


def test_billion_laughs_in_a_registry_and_front_matter_are_file_and_line(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.write("posts/authors.yml", BILLION_LAUGHS)
    project.write("posts/2023/a.md", "---\ntitle: Bài\n" + BILLION_LAUGHS + "---\n\nNội dung.\n")
    tracemalloc.start()
    _registry, _posts, report = load_content(project.posts, project.root)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50_000_000
    errors = {(p.file, p.line) for p in report.errors if "neo và tham chiếu" in p.message}
    assert ("posts/authors.yml", 1) in errors
    assert ("posts/2023/a.md", 3) in errors


def test_control_characters_in_a_post_or_registry_are_file_and_line(tmp_path: Path) -> None:
    """A word processor's line break (U+000B) pasted into a body, or a control character written
    as an escape in front matter or a registry, passed `check` and crashed the build in the RSS
    writer (lxml refuses them)."""
    project = make_project(tmp_path)
    project.write("posts/2023/a.md", post_text(title="Bài", date="2023-04-26 08:00", body="Đoạn một.\n\nHai\x0bba."))
    project.write(
        "posts/2023/b.md",
        post_text(title="Bài hai", date="2023-04-27 08:00").replace("title: Bài hai", 'title: "Bài \\x01 hai"'),
    )
    project.write("posts/categories.yml", 'tin-hoat-dong:\n  name: "Tin \\x1f"\n')
    _registry, _posts, report = load_content(project.posts, project.root)
    found = {(p.file, p.line) for p in report.errors if "ký tự điều khiển" in p.message}
    text = (project.posts / "2023/a.md").read_text(encoding="utf-8")
    body_line = text[: text.index("\x0b")].count("\n") + 1
    assert found == {("posts/2023/a.md", body_line), ("posts/2023/b.md", 2), ("posts/categories.yml", 2)}


def test_unclosed_front_matter_is_a_message(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.write("posts/2023/a.md", "---\ntitle: Bài\ndate: 2023-04-26\n\nNội dung, quên dòng đóng.\n")
    _registry, posts, report = load_content(project.posts, project.root)
    assert posts == []
    (error,) = report.errors
    assert (error.file, error.line) == ("posts/2023/a.md", 1)
    assert "không có dòng '---' đóng lại" in error.message


def test_symlink_loops_in_posts_are_warnings_not_tracebacks(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.add_post("2023/a.md")
    (project.posts / "2023" / "vong").mkdir()
    (project.posts / "2023" / "vong" / "len").symlink_to("..", target_is_directory=True)
    (project.posts / "2023" / "tu-tro").symlink_to("tu-tro")
    (project.posts / "ngoai").symlink_to(tmp_path / "docs", target_is_directory=True)
    _registry, posts, report = load_content(project.posts, project.root)
    assert [p.title for p in posts] == ["Hội nghị sơ kết"]
    assert not report.errors
    warned = {p.file for p in report.warnings}
    assert {"posts/2023/vong/len", "posts/ngoai"} <= warned


def test_a_symlinked_posts_folder_is_read_and_named_as_posts(tmp_path: Path) -> None:
    """posts/ as a symlink to a shared folder: messages named the file by its absolute path."""
    project = make_project(tmp_path / "du-an")
    project.add_post("2023/a.md", author="khong-co")
    (tmp_path / "chung").mkdir()
    project.posts.rename(tmp_path / "chung" / "posts")
    project.posts.symlink_to(tmp_path / "chung" / "posts", target_is_directory=True)
    (project.posts / "2023" / "vong").symlink_to("..", target_is_directory=True)
    _registry, _posts, report = load_content(project.posts, project.root)
    assert {p.file for p in report.errors} == {"posts/2023/a.md"}
    assert {p.file for p in report.warnings} == {"posts/2023/vong"}


def test_a_registry_that_is_a_folder_is_a_message(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project.posts / "authors.yml").unlink()
    (project.posts / "authors.yml").mkdir()
    _registry, _posts, report = load_content(project.posts, project.root)
    assert any(p.file == "posts/authors.yml" and "không đọc được" in p.message for p in report.errors)


# --- fuzzing through `zoneportal check` ---------------------------------------------------------

YAML_PIECES = [
    "title: ",
    "date: ",
    "author: ",
    "tags:",
    "gallery:",
    "- ",
    "  ",
    "    ",
    "\n",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!python/object:os.system ",
    "? ",
    "|",
    ">",
    "'",
    '"',
    "#",
    "---",
    "...",
    "2023-04-26",
    "2023-02-30 25:61",
    "x",
    "Hội nghị",
    "\t",
    "%YAML 1.1\n",
    "\\",
    "0x1F",
    "-1",
    "~",
    "\u00a0",
    "\u0301",
    "\x0b",
    "\ufeff",
]
yaml_text = st.lists(st.sampled_from(YAML_PIECES), max_size=60).map("".join)
front_matter_text = st.builds(
    lambda fm, body, close: "---\n" + fm + ("\n---\n" if close else "\n") + body,
    yaml_text,
    st.text(max_size=200),
    st.booleans(),
)
any_bytes = st.binary(max_size=2000)


def _fuzz_project() -> Project:
    root = Path(tempfile.mkdtemp(prefix="zp-fuzz-"))
    return make_project(root)


def _run_check(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    tracemalloc.start()
    started = time.monotonic()
    try:
        code = check(project.posts, project.root)  # any exception fails the test: that is the point
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    out = capsys.readouterr()
    assert code in (0, 1)
    assert elapsed < 5, elapsed
    assert peak < 64_000_000, peak
    assert "Traceback" not in out.out + out.err
    if code == 1:
        assert any(word in out.err for word in VIETNAMESE), out.err
    assert "Đã kiểm tra" in out.out


FUZZ = settings(
    max_examples=int(os.environ.get("ZP_FUZZ_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(post=st.one_of(any_bytes, front_matter_text.map(str.encode), yaml_text.map(str.encode)))
def test_fuzz_post_files(post: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    project = _fuzz_project()
    try:
        project.write("posts/2023/bai.md", post)
        project.write("posts/2023/bai-tot.md", post_text())
        _run_check(project, capsys)
    finally:
        shutil.rmtree(project.root)


@FUZZ
@given(
    registry=st.sampled_from(["authors.yml", "categories.yml", "committees.yml", "events.yml"]),
    text=st.one_of(any_bytes, yaml_text.map(str.encode)),
    keep_valid_prefix=st.booleans(),
)
def test_fuzz_registries(
    registry: str, text: bytes, keep_valid_prefix: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _fuzz_project()
    try:
        valid = {"authors.yml": AUTHORS, "categories.yml": CATEGORIES, "committees.yml": COMMITTEES}.get(registry, {})
        prefix = yaml.safe_dump(valid, allow_unicode=True).encode() if keep_valid_prefix else b""
        project.write(f"posts/{registry}", prefix + text)
        project.add_post("2023/a.md")
        _run_check(project, capsys)
    finally:
        shutil.rmtree(project.root)


@pytest.mark.parametrize(
    ("options", "shown"),
    [
        ({"page_size": 0}, "'page_size': cần một số nguyên từ 1 trở lên, không phải 0."),
        ({"home_size": -3}, "'home_size': cần một số nguyên từ 1 trở lên, không phải -3."),
        ({"gallery_page_size": "mười"}, "'gallery_page_size': cần một số nguyên, không phải 'mười'."),
        ({"images": {"jpeg_quality": 0}}, "'jpeg_quality': cần một số nguyên từ 1 đến 100, không phải 0."),
        ({"images": {"max_megapixels": -1}}, "'max_megapixels': cần một số nguyên từ 1 trở lên"),
        ({"build_lock_timeout": -5}, "'build_lock_timeout': cần một số nguyên từ 0 trở lên"),
        # A prefix is joined to the site folder as a path: these wrote pages into /etc or beside site/.
        ({"urls": {"posts": "/etc"}}, "'posts': cần chữ không dấu"),
        ({"urls": {"posts": "../../x"}}, "không phải '../../x'"),
        ({"urls": {"tags": ""}}, "'tags': cần chữ không dấu"),
        ({"urls": {"archive": "luu tru<b>"}}, "'archive': cần chữ không dấu"),
    ],
)
def test_bad_sizes_in_mkdocs_yml_are_messages(
    tmp_path: Path, options: dict[str, object], shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from zoneportal.cli import main

    project = make_project(tmp_path, plugin_options=options)
    code = main(["-f", str(project.config_path()), "check"])
    err = capsys.readouterr().err
    assert code == 2
    assert shown in err and "Traceback" not in err
