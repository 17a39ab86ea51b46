"""One report at every stage: `zoneportal check` and `zoneportal build` (the Makefile's build) run
the same validation, list every problem of every post in one pass, grouped by file, and agree."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kit.photokit import photo
from kit.sitekit import Project

ZONEPORTAL = [sys.executable, "-m", "zoneportal.cli"]
PROBLEM = re.compile(r"^(posts/\S+?)(?::(\d+))?: \[(lỗi|cảnh báo)\]", re.MULTILINE)


def run(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """`check` writes errors to stderr and the rest to stdout, line by line: read both as a
    terminal shows them (one stream, in order). The build's messages are all on stderr."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    merged = subprocess.STDOUT if args[:1] == ("check",) else subprocess.PIPE
    return subprocess.run(
        [*ZONEPORTAL, *args],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=merged,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )


def problems(output: str) -> list[tuple[str, str, str]]:
    return [(m[1], m[2], m[3]) for m in PROBLEM.finditer(output)]


def test_three_slips_are_reported_in_one_pass(project: Project) -> None:
    """Unknown committee, impossible date and a missing photo: all three at once, by line."""
    project.add_post(
        "2026/ba-loi/index.md", date="2026-02-30", committee="dang-uy-ha-noi", cover="khong-co.jpg", title="Ba lỗi"
    )
    result = run(project, "check")
    assert result.returncode == 1
    out = result.stdout
    assert "trường 'date': ngày '2026-02-30' không tồn tại" in out
    assert "trường 'committee': không có tổ chức 'dang-uy-ha-noi'" in out
    assert "trường 'cover': không tìm thấy ảnh 'khong-co.jpg' trong thư mục posts/2026/ba-loi/." in out
    assert {file for file, _line, _kind in problems(out)} == {"posts/2026/ba-loi/index.md"}
    assert "Đã kiểm tra 1 bài viết: 0 hợp lệ, 1 có lỗi" in out


def line_of(path: Path, text: str) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return str(next(number for number, line in enumerate(lines, 1) if text in line))


def test_check_opens_photos_and_warns_of_missing_captions(project: Project) -> None:
    hong = project.add_post(
        "2023/hong/index.md", title="Ảnh hỏng", cover="bia.jpg", body="Mở đầu.\n\n![Cờ](co.png)\n"
    )
    project.write("posts/2023/hong/bia.jpg", b"day khong phai anh")  # a text file named .jpg
    project.write("posts/2023/hong/co.png", photo((40, 30), fmt="PNG")[:20])  # header cut short
    tot = project.add_post("2023/tot/index.md", title="Ảnh tốt", date="2023-05-01", body="![](anh.jpg)\n")
    project.write("posts/2023/tot/anh.jpg", photo((64, 48)))
    out = run(project, "check").stdout
    found = problems(out)
    assert ("posts/2023/hong/index.md", line_of(hong, "cover:"), "lỗi") in found
    assert ("posts/2023/hong/index.md", line_of(hong, "co.png"), "lỗi") in found
    # The missing caption was a build-only warning; check reports it now, on the photo's line.
    assert ("posts/2023/tot/index.md", line_of(tot, "anh.jpg"), "cảnh báo") in found
    assert "ảnh không có chú thích: 'anh.jpg'" in out


def test_report_is_grouped_by_file_errors_first(project: Project) -> None:
    project.add_post("2023/b.md", title="B", author="khong-co", body="![](x.jpg)\n")
    project.add_post("2023/a/index.md", title="A", date="2023-13-01", body="![](anh.jpg)\n")
    project.write("posts/2023/a/anh.jpg", photo((32, 32)))
    found = problems(run(project, "check").stdout)
    files = [file for file, _line, _kind in found]
    assert files == sorted(files), "grouped by file, in path order"
    for file in set(files):
        kinds = [kind for f, _line, kind in found if f == file]
        assert kinds == sorted(kinds, key=lambda k: k != "lỗi"), f"errors before warnings in {file}"


@pytest.mark.build
def test_check_and_build_report_the_same_problems(project: Project) -> None:
    project.add_post("2023/ok/index.md", title="Bài tốt", body="![](anh.jpg)\n")
    project.write("posts/2023/ok/anh.jpg", photo((64, 48)))
    project.add_post("2023/sai/index.md", title="Bài sai", date="2023-04-31", cover="../ok/anh.jpg", author="ai-do")
    project.add_post("2023/trung.md", title="Bài tốt", date="2023-04-02")  # same URL as the good post
    check = run(project, "check")
    build = run(project, "build")
    assert check.returncode == 1 and build.returncode == 1
    assert sorted(problems(check.stdout)) == sorted(problems(build.stderr))
    assert len(problems(check.stdout)) >= 5
    last = build.stderr.strip().splitlines()[-1]
    assert last.startswith("Xây dựng thất bại: Có ") and "Thư mục site/ cũ được giữ nguyên." in last
    assert "Aborted with a BuildError" not in build.stderr + build.stdout
    assert "Traceback" not in build.stderr
    assert not project.site.exists()


@pytest.mark.build
def test_build_ends_with_one_vietnamese_line(project: Project) -> None:
    project.add_post("2023/a.md")
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"Đã xây dựng cổng vào site/ trong \d+,\d giây(, \d+ cảnh báo \(xem ở trên\))?\.", last), last
    assert "INFO" not in result.stderr and "Building documentation" not in result.stderr
    assert (project.site / "index.html").is_file()


def test_attachments_exist_inside_the_folder(project: Project) -> None:
    post = project.add_post(
        "2023/van-ban/index.md",
        title="Văn bản",
        body="Xem [Nghị quyết](nghi-quyet.pdf), [Báo cáo](bao-cao.docx) và [bí mật](../../../bi-mat.pdf).\n\n"
        '<a href="phu-luc.xlsx">Phụ lục</a>, [bản có dấu](Ph%E1%BB%A5%20l%E1%BB%A5c.xlsx), [trang khác](/to-chuc/) '
        "và [tin](../khac/index.md).\n",
    )
    project.write("posts/2023/van-ban/nghi-quyet.pdf", b"%PDF-1.4\n%%EOF\n")
    # Saved from macOS: the name on disk is decomposed (NFD), the link in the post composed (NFC).
    project.write(unicodedata.normalize("NFD", "posts/2023/van-ban/Phụ lục.xlsx"), b"PK\x03\x04")
    result = run(project, "check")
    assert result.returncode == 1
    out = result.stdout
    assert "nghi-quyet.pdf" not in out  # present: fine
    assert "không tìm thấy tệp đính kèm 'bao-cao.docx' trong thư mục posts/2023/van-ban/." in out
    assert "không tìm thấy tệp đính kèm 'phu-luc.xlsx'" in out
    assert "tệp đính kèm '../../../bi-mat.pdf' nằm ngoài thư mục của bài viết" in out
    assert "Phụ lục" not in out  # found under its NFD name
    assert "/to-chuc/" not in out and "index.md'" not in out  # links to pages are not attachments
    lines = post.read_text(encoding="utf-8").splitlines()
    docx_line = next(n for n, line in enumerate(lines, 1) if "bao-cao.docx" in line)
    assert f"posts/2023/van-ban/index.md:{docx_line}: [lỗi]" in out
