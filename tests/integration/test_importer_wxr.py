"""`zoneportal import export.xml --uploads DIR`: a WordPress export, into fixture projects."""

from __future__ import annotations

import json

import yaml

from kit.mirrorkit import rendered_text
from kit.sitekit import Project
from kit.wxrkit import sample_export
from zoneportal.cli import main
from zoneportal.content.validate import load_content


def run_import(project: Project, *args: str) -> tuple[int, list[dict]]:
    report = project.root / "report.json"
    report.unlink(missing_ok=True)
    code = main(["-f", str(project.config_path()), "import", *args, "--json", str(report)])
    return code, json.loads(report.read_text(encoding="utf-8")) if report.exists() else []


def test_posts_with_categories_tags_authors_dates_and_uploads(project: Project) -> None:
    xml, uploads, export = sample_export(project.root / "wp")
    code, rows = run_import(project, str(xml), "--uploads", str(uploads))
    assert code == 0, rows
    statuses = {r["file"].split(": ", 1)[1]: r for r in rows}
    assert statuses["Giới thiệu"]["status"] == "không phải bài viết"
    assert "--drafts" in statuses["Bài còn nháp"]["reason"]
    _registry, posts, report = load_content(project.posts, project.root)
    assert not report.has_errors(), report.render()
    first, second = sorted(posts, key=lambda p: p.date)
    assert first.title == export.posts[0].title and first.date.strftime("%Y-%m-%d %H:%M") == "2023-03-09 15:30"
    assert first.tags == ("Sơ kết", "Quý I")
    assert first.categories == ("tin-hoat-dong", "xay-dung-dang")  # matched by name to posts/categories.yml
    assert first.term == "2020-2025" and first.event == "so-ket"
    authors = yaml.safe_load((project.posts / "authors.yml").read_text(encoding="utf-8"))
    assert authors[first.author] == {"name": "Phạm Thu Trang", "imported": True, "review": True}
    # The resized copy named in the post is found as its original in the uploads folder.
    # It is the lead photo: the cover, its caption kept in a gallery entry of the same file.
    assert first.cover is not None and first.cover.src == "so-ket-quy-1.jpg" and not first.body_photos
    assert (first.folder / "so-ket-quy-1.jpg").is_file()
    front = yaml.safe_load(first.source.read_text(encoding="utf-8").split("---\n")[1])
    assert front["cover"] == "so-ket-quy-1.jpg"
    assert front["gallery"] == [
        {"src": "so-ket-quy-1.jpg", "caption": "Quang cảnh hội nghị sơ kết"},
        {"src": "khong-co.jpg", "caption": "Ảnh chưa có trong thư mục", "missing": True},
    ]
    shown = rendered_text(first.body)
    assert "ba nhiệm vụ trọng tâm cho quý II. Dòng thứ hai của đoạn này." in shown
    assert "**ba nhiệm vụ trọng tâm**" in first.body
    # A link to the other post goes to its new address.
    assert "[hội nghị sơ kết](../../../2023/03/chi-bo-phong-quan-ly-doanh-nghiep-so-ket-quy-i/index.md)" in second.body
    assert front["source"] == "export.xml#12"


def test_drafts_when_asked_and_reimport_adds_nothing(project: Project) -> None:
    xml, uploads, _export = sample_export(project.root / "wp")
    code, rows = run_import(project, str(xml), "--drafts")
    assert code == 0
    _registry, posts, _report = load_content(project.posts, project.root)
    drafts = [p for p in posts if p.draft]
    assert [p.title for p in drafts] == ["Bài còn nháp"]
    code, rows = run_import(project, str(xml), "--drafts", "--uploads", str(uploads))
    assert code == 0 and {r["status"] for r in rows} == {"bỏ qua", "không phải bài viết"}


def test_a_broken_export_is_one_clear_error(project: Project) -> None:
    project.write(
        "wp/export.xml", '<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
    )
    code, (row,) = run_import(project, str(project.root / "wp"))
    assert code == 1 and row["status"] == "lỗi" and "dòng" in row["error"]


def test_entity_expansion_is_never_done(project: Project) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<item><title>&c;</title><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>"
        "</channel></rss>"
    )
    project.write("wp/export.xml", bomb)
    code, rows = run_import(project, str(project.root / "wp"))
    assert all("aaaaaaaaaaaaaaaaaaaa" not in (r.get("title") or "") for r in rows)
    assert code in (0, 1)
