"""Generated pages rendered and finished in forked workers: same bytes as one process, warnings
still counted."""

from __future__ import annotations

import logging
from pathlib import Path
from xml.etree import ElementTree

import pytest
from mkdocs.exceptions import Abort

from kit.pagefindkit import search_metadata
from kit.sitekit import Project, make_project
from zoneportal.mkdocs import page_writer
from zoneportal.output import finish


def site_bytes(site: Path) -> dict[str, bytes]:
    """Every file's bytes, but Pagefind's metadata and entry files: Pagefind 1.5 lists filters in
    a hash map's order, which changes from run to run (compared decoded, in search_bytes)."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not (p.suffix == ".pf_meta" or p.name == "pagefind-entry.json")
    }


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
    monkeypatch.setattr(finish, "PAGES_PER_WORKER", 1)  # the finish step forks its workers too
    forks = []
    real_pool = page_writer.multiprocessing.get_context

    def counting_context(method: str):
        forks.append(method)
        return real_pool(method)

    monkeypatch.setattr(page_writer.multiprocessing, "get_context", counting_context)
    parallel.build()
    assert forks == ["fork", "fork"]  # rendering, then finishing (scripts out, hashed names, .gz/.br)
    serial_files, parallel_files = site_bytes(serial.site), site_bytes(parallel.site)
    assert serial_files.keys() == parallel_files.keys()
    differing = [name for name in serial_files if serial_files[name] != parallel_files[name]]
    assert differing == []
    assert search_metadata(serial.site) == search_metadata(parallel.site)
    assert "tin-tuc/2023/03/tin-so-12/index.html" in parallel_files


def test_a_warning_in_a_worker_fails_a_strict_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path, plugin_options={"workers": 2}, strict=True)
    fill(project)
    project.add_post("2023/link.md", title="Liên kết hỏng", date="2023-04-01", body="[xem](khong-co-trang-nay.md)")
    monkeypatch.setattr(page_writer, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(finish, "PAGES_PER_WORKER", 1)  # the finish step forks its workers too
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


def test_serve_dirty_renders_only_pages_whose_content_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = make_project(tmp_path)
    fill(project)
    project.add_post(
        "2021/cu.md",
        title="Tin cũ không liên quan",
        date="2021-01-05",
        categories=["xay-dung-dang"],
        author="tac-gia-b",
        committee="chi-bo-a",
    )
    config = load_config(str(project.config_path()))
    plugin = config.plugins["zoneportal"]
    plugin.on_startup(command="serve", dirty=True)
    # MkDocs reuses plugin objects that define on_startup across configs of one process.
    request.addfinalizer(lambda: plugin.on_startup(command="build", dirty=False))
    rendered: list[str] = []
    real_render = page_writer._render_one

    def counting(job, file):
        rendered.append(file.url)
        return real_render(job, file)

    monkeypatch.setattr(page_writer, "_render_one", counting)
    build(config, dirty=True)
    everything = set(rendered)
    assert "tin-tuc/2021/01/tin-cu-khong-lien-quan/" in everything

    rendered.clear()
    build(config, dirty=True)
    assert rendered == []  # nothing changed, nothing rendered

    project.add_post(
        "2023/t5.md", title="Tin số 5 (đã sửa)", date="2023-03-05", body="Nội dung mới.", tags=["Thẻ chung"]
    )
    build(config, dirty=True)
    again = set(rendered)
    assert "tin-tuc/2023/03/tin-so-5-da-sua/" in again
    assert {"tin-tuc/2023/03/tin-so-4/", "tin-tuc/2023/03/tin-so-6/"} <= again  # neighbours show its title
    # Page 3 of each list holds the 5th of 12 posts (3 a page); page 1 of those lists did not change.
    assert {"./", "chuyen-muc/tin-hoat-dong/trang/3/", "luu-tru/2023/", "the/the-chung/trang/3/"} <= again
    assert "chuyen-muc/tin-hoat-dong/" not in again
    assert "tin-tuc/2021/01/tin-cu-khong-lien-quan/" not in again
    assert "chuyen-muc/xay-dung-dang/" not in again
    assert len(again) < len(everything) / 2
    assert not (Path(config.site_dir) / "tin-tuc/2023/03/tin-so-5/index.html").exists()  # the old URL is gone
    page3 = Path(config.site_dir) / "chuyen-muc/tin-hoat-dong/trang/3/index.html"
    assert "Tin số 5 (đã sửa)" in page3.read_text(encoding="utf-8")
