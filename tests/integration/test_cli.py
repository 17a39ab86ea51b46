"""`zoneportal check` and `zoneportal new`, run as staff run them: a process in the project folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kit.sitekit import Project, make_project

ZONEPORTAL = [sys.executable, "-m", "zoneportal.cli"]


def run(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*ZONEPORTAL, *args], cwd=project.root, capture_output=True, text=True, env=env, check=False, timeout=120
    )


def test_check_passes_on_valid_content(project: Project) -> None:
    project.add_post("2023/a.md")
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert "Đã kiểm tra 1 bài viết: 1 hợp lệ, 1 sẽ đăng." in result.stdout and "Không có lỗi." in result.stdout


def test_check_lists_every_error_and_fails(project: Project) -> None:
    project.add_post("2023/a.md", author="khong-co")
    project.add_post("2023/b.md", title="B", date="2023-02-30")
    result = run(project, "check")
    assert result.returncode == 1
    # Errors on stderr (the rest on stdout), as the build reports them.
    assert "posts/2023/a.md:4: [lỗi] trường 'author'" in result.stderr
    assert "posts/2023/b.md:3: [lỗi] trường 'date': ngày '2023-02-30' không tồn tại" in result.stderr
    assert "Có 2 lỗi" in result.stdout
    # A post with an error is never counted as valid.
    assert "Đã kiểm tra 2 bài viết: 0 hợp lệ, 2 có lỗi (chưa đăng), 0 sẽ đăng." in result.stdout
    assert "Traceback" not in result.stderr


def test_check_without_project_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run([*ZONEPORTAL, "check"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "không tìm thấy mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("identity", "named"),
    [
        ({"colors": {"primary": "#f0e68c"}}, "identity.colors.primary #f0e68c quá sáng"),
        ({"colors": {"accent": "vang"}}, "identity.colors.accent 'vang' cần dạng mã màu"),
    ],
)
def test_a_refused_identity_is_one_message_for_every_command(tmp_path: Path, identity: dict, named: str) -> None:
    """The build refuses a too-light primary in Vietnamese; check, new and import must not
    answer the same mkdocs.yml with a traceback."""
    project = make_project(tmp_path, plugin_options={"identity": identity})
    for args in (["check"], ["new", "Bài thử"], ["import", "khong-co.txt"]):
        result = run(project, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        assert result.stderr.startswith("Lỗi: mkdocs.yml: ") and named in result.stderr, (args, result.stderr)


def test_new_scaffolds_a_draft_that_check_explains(project: Project) -> None:
    result = run(project, "new", "Hội nghị Ban Chấp hành lần thứ 7")
    assert result.returncode == 0, result.stderr
    (created,) = project.posts.glob("*/hoi-nghi-ban-chap-hanh-lan-thu-7.md")
    text = created.read_text(encoding="utf-8")
    assert 'title: "Hội nghị Ban Chấp hành lần thứ 7"' in text and "draft: true" in text
    check = run(project, "check")
    assert check.returncode == 1
    assert "chưa chọn tác giả: thay 'chua-chon' bằng một khóa trong posts/authors.yml: tac-gia-a, tac-gia-b" in (
        check.stderr
    )
    assert "chưa chọn tổ chức" in check.stderr and "chưa chọn chuyên mục" in check.stderr
    again = run(project, "new", "Hội nghị Ban Chấp hành lần thứ 7")
    assert again.returncode == 1 and "không ghi đè" in again.stderr
    assert created.read_text(encoding="utf-8") == text


def test_new_with_keys_and_bundle_passes_check(project: Project) -> None:
    result = run(
        project,
        "new",
        "Đại hội Chi bộ",
        "--bundle",
        "--author",
        "tac-gia-b",
        "--committee",
        "chi-bo-a",
        "--category",
        "xay-dung-dang",
    )
    assert result.returncode == 0, result.stderr
    assert list(project.posts.glob("*/dai-hoi-chi-bo/index.md"))
    assert run(project, "check").returncode == 0


def test_new_title_with_quotes_stays_valid_yaml(project: Project) -> None:
    run(
        project,
        "new",
        'Phát động "Tháng Công nhân"',
        "--author",
        "tac-gia-a",
        "--committee",
        "dang-uy",
        "--category",
        "tin-hoat-dong",
    )
    result = run(project, "check")
    assert result.returncode == 0, result.stderr


ENGLISH = ("usage:", "positional arguments", "options:", "show this help message", "error:", "invalid choice")


def test_help_and_usage_are_vietnamese(project: Project) -> None:
    commands = ("check", "build", "serve", "new", "import", "publish", "init-ci", "edit")
    for args in (["-h"], *([command, "-h"] for command in commands)):
        result = run(project, *args)
        # argparse names a value after its English dest (TARGET, OUT, KEEP) unless given a metavar.
        usage = result.stdout.split("\n\n")[0]
        names = re.findall(r"[^\s\[\]|.]+", usage.removeprefix("cách dùng: zoneportal"))
        english = [n for n in names if not n.startswith("-") and n.isascii() and n not in commands]
        assert not english, (args, english)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("cách dùng: zoneportal"), result.stdout[:80]
        assert "hiện hướng dẫn này rồi thoát" in result.stdout
        assert not [word for word in ENGLISH if word in result.stdout], (args, result.stdout)
    wrong = run(project, "buil")
    assert wrong.returncode == 2
    assert "zoneportal: lỗi: tham số LỆNH: lựa chọn không hợp lệ: 'buil'" in wrong.stderr
    assert "Xem thêm: zoneportal -h" in wrong.stderr
    missing = run(project, "new")
    assert missing.returncode == 2 and "thiếu tham số bắt buộc: TIÊU_ĐỀ" in missing.stderr
    assert not [word for word in ENGLISH if word in wrong.stderr + missing.stderr]


def test_a_busy_port_is_one_vietnamese_line(project: Project) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(project, "serve", "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Lỗi: cổng {port} trên 127.0.0.1 đang được một chương trình khác dùng (có thể là một lần "
        f"'make serve' khác). Hãy tắt chương trình đó, hoặc chọn cổng khác: make serve PORT={port + 1}"
    )
    bad = run(project, "serve", "--port", "tam-muoi")
    assert bad.returncode == 2 and "cổng 'tam-muoi' phải là một số" in bad.stderr


def test_make_serve_takes_a_port() -> None:
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed", "serve", "PORT=8001"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "zoneportal serve --port 8001" in result.stdout


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (
            {"identity": {"logo": "assets/khong-co.png"}},
            "trường 'identity.logo': không tìm thấy tệp biểu trưng khong-co.png",
        ),
        (
            {"menu": [{"Trang chủ": ""}, "Liên hệ"]},
            "trường 'menu': mỗi mục của menu cần một dòng dạng 'Tên mục: địa chỉ'",
        ),
    ],
)
def test_check_refuses_the_emblem_and_menu_the_build_refuses(tmp_path: Path, options: dict, named: str) -> None:
    """`check` said 'Không có lỗi' while `make build` failed on a missing emblem or a malformed menu."""
    project = make_project(tmp_path, plugin_options=options)
    result = run(project, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"mkdocs.yml: [lỗi] {named}" in result.stderr, result.stderr
    assert "Errno" not in result.stderr and "Traceback" not in result.stderr
    build = run(project, "build")
    assert build.returncode != 0 and named.split(": ", 1)[1] in build.stdout + build.stderr
