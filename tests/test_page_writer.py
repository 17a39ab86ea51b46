"""Generated pages rendered in forked workers: same bytes as one process, warnings still counted."""

from __future__ import annotations

import logging
from pathlib import Path
from xml.etree import ElementTree

import pytest
from mkdocs.exceptions import Abort

from sitekit import Project, make_project
from zoneportal import page_writer

pytestmark = pytest.mark.build


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def fill(project: Project) -> None:
    for day in range(1, 13):
        project.add_post(
            f"2023/t{day}.md",
            title=f"Tin số {day}",
            date=f"2023-03-{day:02d}",
            body=f"## Mục {day}\n\nĐoạn văn **{day}**.",
            tags=["Thẻ chung"],
        )


def test_forked_workers_write_the_same_site_as_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = make_project(tmp_path / "serial", plugin_options={"workers": 1})
    fill(serial)
    serial.build()
    parallel = make_project(tmp_path / "parallel", plugin_options={"workers": 2})
    fill(parallel)
    monkeypatch.setattr(page_writer, "PARALLEL_THRESHOLD", 1)
    forks = []
    real_pool = page_writer.multiprocessing.get_context

    def counting_context(method: str):
        forks.append(method)
        return real_pool(method)

    monkeypatch.setattr(page_writer.multiprocessing, "get_context", counting_context)
    parallel.build()
    assert forks == ["fork"]
    serial_files, parallel_files = site_bytes(serial.site), site_bytes(parallel.site)
    assert serial_files.keys() == parallel_files.keys()
    differing = [name for name in serial_files if serial_files[name] != parallel_files[name]]
    assert differing == []
    assert "tin-tuc/2023/03/tin-so-12/index.html" in parallel_files


def test_a_warning_in_a_worker_fails_a_strict_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path, plugin_options={"workers": 2}, strict=True)
    fill(project)
    project.add_post("2023/link.md", title="Liên kết hỏng", date="2023-04-01", body="[xem](khong-co-trang-nay.md)")
    monkeypatch.setattr(page_writer, "PARALLEL_THRESHOLD", 1)
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort):
        project.build()
    assert any("khong-co-trang-nay.md" in record.getMessage() for record in caplog.records)
    assert not project.site.exists()


def test_sitemap_lists_generated_pages_with_post_dates(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    fill(project)
    project.build()
    tree = ElementTree.parse(project.site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
        for u in tree.getroot().findall("s:url", ns)
    }
    assert entries["https://example.test/tin-tuc/2023/03/tin-so-5/"] == "2023-03-05"
    assert entries["https://example.test/chuyen-muc/tin-hoat-dong/"] == "2023-03-12"
    assert "https://example.test/gioi-thieu/" in entries
    assert (project.site / "sitemap.xml.gz").is_file()
