"""/admin/ in a built site: the editor's files, served from the site itself, and nowhere else (not in the
sitemap, the feeds or the search index); its lists follow the registries from one build to the next."""

from __future__ import annotations

import re

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from kit.pagefindkit import PagefindBundle
from kit.sitekit import Project, make_project
from zoneportal.editor.admin import ASSETS


def admin_config(project: Project) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((project.site / "admin" / "config.yml").read_text(encoding="utf-8"))


def author_keys(project: Project) -> list[str]:
    posts = next(c for c in admin_config(project)["collections"] if c["name"] == "posts")
    author = next(f for f in posts["fields"] if f["name"] == "author")
    return [o["value"] for o in author["options"]]


def test_admin_is_in_the_site_and_nowhere_else(project: Project) -> None:
    project.add_post("2023/hoi-nghi.md", title="Hội nghị sơ kết", body="Nội dung của hội nghị.")
    project.build()
    admin = project.site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    # Served from the site itself (the build may give it a content-hashed name).
    assert re.search(r'<script src="vendor/decap-cms/decap-cms(\.[0-9a-f]+)?\.js"></script>', page)
    vendored = ASSETS / "vendor" / "decap-cms" / "decap-cms.js"
    assert (admin / "vendor" / "decap-cms" / "decap-cms.js").read_bytes() == vendored.read_bytes()
    assert (admin / "vendor" / "decap-cms" / "LICENSE.txt").is_file()
    assert (admin / "vendor" / "js-yaml" / "LICENSE").is_file()
    assert admin_config(project)["backend"]["name"] == "proxy"
    assert "/admin" not in (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin" not in (project.site / "rss.xml").read_text(encoding="utf-8")
    bundle = PagefindBundle(project.site / "pagefind")
    urls = [bundle.fragment(page)["url"] for page in range(len(bundle.page_hashes))]
    assert urls and not [u for u in urls if "admin" in u]
    assert bundle.search("hội nghị") and not bundle.search("soạn bài")  # "Soạn bài" is the admin page's title


def test_rebuilding_after_a_registry_change_updates_the_editor_lists(project: Project) -> None:
    project.add_post("2023/hoi-nghi.md")
    project.build()
    assert author_keys(project) == ["tac-gia-a", "tac-gia-b"]
    authors = yaml.safe_load((project.posts / "authors.yml").read_text(encoding="utf-8"))
    authors["tac-gia-c"] = {"name": "Hoàng Văn Cường"}
    project.write("posts/authors.yml", yaml.safe_dump(authors, allow_unicode=True))
    project.build()
    assert author_keys(project) == ["tac-gia-a", "tac-gia-b", "tac-gia-c"]


def test_a_git_server_without_its_client_id_stops_the_build_in_vietnamese(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    options = {"editor": {"backend": "forgejo", "repo": "ban-quan-ly/cong", "base_url": "https://git.example.vn"}}
    project = make_project(tmp_path, plugin_options=options)
    project.add_post("2023/hoi-nghi.md")
    with pytest.raises((PluginError, Abort)):
        project.build()
    assert "mục editor của zoneportal trong mkdocs.yml (backend: forgejo): cần 'app_id'" in caplog.text
    assert not (project.site / "admin").exists()


def test_the_editor_can_be_left_out(tmp_path) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path, plugin_options={"editor": {"enabled": False}})
    project.add_post("2023/hoi-nghi.md")
    project.build()
    assert not (project.site / "admin").exists()
