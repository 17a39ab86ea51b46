"""The web editor's config.yml against the content model: fields, rules and select lists come from the
front-matter schema and the registries, so the editor cannot drift from `zoneportal check`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from kit.sitekit import make_project
from zoneportal.content.problems import ProblemReport
from zoneportal.content.registry import load_registry
from zoneportal.content.schema import SLUG_PATTERN, PostFrontMatter
from zoneportal.editor import BackendError, BackendKind, EditorBackend, EditorSite, admin_files, editor_config
from zoneportal.editor.admin import SCRIPTS, admin_csp
from zoneportal.editor.config import registry_labels, render_config
from zoneportal.editor.fields import DATE_PATTERN, post_field_names

FORGEJO = EditorBackend(
    kind=BackendKind.FORGEJO, repo="ban-quan-ly/cong", base_url="https://git.bql.example.vn/", app_id="abc-123"
)


def registry_of(root: Path):  # type: ignore[no-untyped-def]
    report = ProblemReport()
    registry = load_registry(root / "posts", root, report)
    assert not report.has_errors(), report.render()
    return registry


def config_of(root: Path, backend: EditorBackend | None = None) -> dict[str, Any]:
    """The config as Decap reads it: rendered to YAML and parsed back."""
    config = editor_config(registry_of(root), backend or EditorBackend(), EditorSite())
    return yaml.safe_load(render_config(config))


def post_fields(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    posts = next(c for c in config["collections"] if c["name"] == "posts")
    return {f["name"]: f for f in posts["fields"]}


def values(field: dict[str, Any]) -> list[str]:
    return [o["value"] for o in field["options"]]


def test_every_front_matter_key_is_a_field_with_the_schemas_required_flag(tmp_path: Path) -> None:
    make_project(tmp_path)
    fields = post_fields(config_of(tmp_path))
    assert set(PostFrontMatter.model_fields) == post_field_names() == set(fields) - {"body"}
    for name, info in PostFrontMatter.model_fields.items():
        assert fields[name]["required"] is info.is_required(), name
    assert {n for n, f in fields.items() if f["required"]} == {"title", "date", "author", "committee", "categories"}
    assert fields["categories"]["multiple"] is True and fields["categories"]["min"] == 1
    assert fields["body"]["widget"] == "markdown"
    assert [f["name"] for f in fields["gallery"]["fields"]] == ["src", "caption", "missing"]


def test_patterns_accept_what_check_accepts_and_refuse_the_rest(tmp_path: Path) -> None:
    make_project(tmp_path)
    fields = post_fields(config_of(tmp_path))
    date = re.compile(fields["date"]["pattern"][0])
    assert date.match("2026-11-20 09:30") and date.match("2026-11-20") and not date.match("20/11/2026")
    assert "giờ Việt Nam" in fields["date"]["pattern"][1]
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm" and fields["date"]["pattern"][0] == DATE_PATTERN
    assert fields["slug"]["pattern"][0] == SLUG_PATTERN
    slug = re.compile(fields["slug"]["pattern"][0])
    assert slug.match("hoi-nghi-so-ket") and not slug.match("Hội Nghị")
    term = re.compile(fields["term"]["pattern"][0])
    assert term.match("2020-2025") and not term.match("2020")


def test_select_lists_show_vietnamese_names_and_store_keys(tmp_path: Path) -> None:
    make_project(tmp_path)
    fields = post_fields(config_of(tmp_path))
    assert fields["author"]["options"][0] == {"label": "Nguyễn Thị An — Phóng viên", "value": "tac-gia-a"}
    assert values(fields["author"]) == ["tac-gia-a", "tac-gia-b"]
    assert {"label": "Chi bộ Phòng A", "value": "chi-bo-a"} in fields["committee"]["options"]
    assert values(fields["categories"]) == ["tin-hoat-dong", "xay-dung-dang"]  # by `order`
    assert {"label": "Đại hội", "value": "dai-hoi"} in fields["event"]["options"]
    assert values(fields["term"]) == ["2015-2020", "2020-2025"]


def test_changing_a_registry_changes_the_lists(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    before = post_fields(config_of(tmp_path))
    authors = yaml.safe_load((project.posts / "authors.yml").read_text(encoding="utf-8"))
    authors["tac-gia-moi"] = {"name": "Vũ Thị Mới", "role": "Biên tập viên"}
    del authors["tac-gia-b"]
    project.write("posts/authors.yml", yaml.safe_dump(authors, allow_unicode=True))
    committees = yaml.safe_load((project.posts / "committees.yml").read_text(encoding="utf-8"))
    committees["chi-bo-a"]["terms"].append({"start": 2025, "end": 2030, "congress": "lần thứ II"})
    project.write("posts/committees.yml", yaml.safe_dump(committees, allow_unicode=True))
    project.write("posts/events.yml", yaml.safe_dump({"hoi-thao": {"name": "Hội thảo"}}, allow_unicode=True))

    after = post_fields(config_of(tmp_path))
    assert values(before["author"]) == ["tac-gia-a", "tac-gia-b"]
    assert values(after["author"]) == ["tac-gia-a", "tac-gia-moi"]
    assert {"label": "Vũ Thị Mới — Biên tập viên", "value": "tac-gia-moi"} in after["author"]["options"]
    assert "2025-2030" not in values(before["term"]) and "2025-2030" in values(after["term"])
    assert "hoi-thao" in values(after["event"]) and "hoi-thao" not in values(before["event"])
    labels = yaml.safe_load(registry_labels(registry_of(tmp_path)))
    terms = [t["key"] for t in labels["committees"]["chi-bo-a"]["terms"]]
    assert terms == ["2020-2025", "2025-2030"]  # the term list the editor shows for that committee


def test_posts_are_bundles_with_photos_beside_them(tmp_path: Path) -> None:
    make_project(tmp_path)
    posts = next(c for c in config_of(tmp_path)["collections"] if c["name"] == "posts")
    assert posts["folder"] == "posts" and posts["path"] == "{{year}}/{{slug}}/index"
    assert posts["media_folder"] == "" and posts["public_folder"] == ""
    assert posts["format"] == "frontmatter" and posts["extension"] == "md"


def test_registries_are_a_collection_of_their_own_files(tmp_path: Path) -> None:
    make_project(tmp_path)
    registries = next(c for c in config_of(tmp_path)["collections"] if c["name"] == "registries")
    files = {f["name"]: f for f in registries["files"]}
    assert files["authors"]["file"] == "posts/authors.yml"
    assert registries["format"] == "zp-registry"
    committee_entry = {f["name"]: f for f in files["committees"]["fields"][0]["fields"]}
    assert committee_entry["key"]["required"] and committee_entry["name"]["required"]
    term_fields = {f["name"]: f for f in committee_entry["terms"]["fields"]}
    assert term_fields["start"]["widget"] == "number" and term_fields["start_date"]["required"] is False
    # events.yml is optional: listed only when the project has it (Decap cannot open a missing file).
    config = editor_config(registry_of(tmp_path), EditorBackend(), EditorSite(registries=("authors",)))
    assert [f["name"] for f in config["collections"][1]["files"]] == ["authors"]


def test_local_backend_writes_straight_into_posts_and_drafts_stand_in_for_review(tmp_path: Path) -> None:
    make_project(tmp_path)
    config = config_of(tmp_path)
    assert config["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1", "branch": "main"}
    assert "publish_mode" not in config
    assert post_fields(config)["draft"]["default"] is True
    assert config["locale"] == "vi"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (BackendKind.FORGEJO, {"name": "forgejo", "api_root": "https://git.bql.example.vn/api/v1"}),
        (BackendKind.GITLAB, {"name": "gitlab", "auth_type": "pkce", "api_root": "https://git.bql.example.vn/api/v4"}),
    ],
)
def test_git_servers_log_in_with_pkce_and_review_before_publishing(
    tmp_path: Path, kind: BackendKind, expected: dict[str, str]
) -> None:
    make_project(tmp_path)
    backend = EditorBackend(kind=kind, repo=FORGEJO.repo, base_url=FORGEJO.base_url, app_id=FORGEJO.app_id)
    config = config_of(tmp_path, backend)
    assert expected.items() <= config["backend"].items()
    assert config["backend"]["app_id"] == "abc-123" and config["backend"]["base_url"] == "https://git.bql.example.vn"
    assert config["publish_mode"] == "editorial_workflow"
    assert post_fields(config)["draft"]["default"] is False
    assert "secret" not in render_config(config).lower()


def test_gitea_has_no_review_workflow_in_decap(tmp_path: Path) -> None:
    make_project(tmp_path)
    gitea = EditorBackend(kind=BackendKind.GITEA, repo="a/b", base_url="https://gitea.example.vn", app_id="x")
    config = config_of(tmp_path, gitea)
    assert config["backend"]["name"] == "gitea" and "publish_mode" not in config


@pytest.mark.parametrize(
    ("backend", "needed"),
    [
        (EditorBackend(kind=BackendKind.FORGEJO, base_url="https://git.example.vn", app_id="x"), "repo"),
        (EditorBackend(kind=BackendKind.GITLAB, repo="a/b", app_id="x"), "base_url"),
        (EditorBackend(kind=BackendKind.GITEA, repo="a/b", base_url="https://git.example.vn"), "app_id"),
    ],
)
def test_incomplete_backends_are_refused_in_vietnamese(backend: EditorBackend, needed: str) -> None:
    with pytest.raises(BackendError, match=f"cần '{needed}'"):
        backend.check()


def test_admin_page_runs_scripts_from_files_only_under_its_own_policy(tmp_path: Path) -> None:
    make_project(tmp_path)
    files = admin_files(registry_of(tmp_path), FORGEJO, EditorSite(), site_name="Cổng <thử>", preview_styles=[])
    by_path = {f.path: f for f in files}
    page = by_path["admin/index.html"].text or ""
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert [attrs for attrs, _ in scripts] == [f' src="{name}"' for name in SCRIPTS]
    assert all(body.strip() == "" for _, body in scripts)  # no inline script: `script-src 'self'` holds
    assert "Cổng &lt;thử&gt;" in page and 'data-pagefind-ignore="all"' in page and "noindex" in page
    for name in SCRIPTS:
        assert f"admin/{name}" in by_path, name
    assert by_path["admin/vendor/decap-cms/LICENSE.txt"].source is not None
    csp = admin_csp(FORGEJO)
    assert "script-src 'self' 'unsafe-eval'" in csp and "connect-src 'self' blob: https://git.bql.example.vn" in csp
    assert csp in page


def test_registry_yes_no_keys_all_default_to_no() -> None:
    """zp-editor.js leaves `false` out of the registry files it writes: right only while every yes/no key of
    a registry entry defaults to no."""
    from zoneportal.editor.fields import REGISTRY_MODELS, TermEntry

    for _label, model in [*REGISTRY_MODELS.values(), ("", TermEntry)]:
        for name, info in model.model_fields.items():
            if info.annotation is bool:
                assert info.default is False, f"{model.__name__}.{name}"


def decap_accepts(field: dict[str, Any], value: str) -> bool:
    """Decap CMS's own rules for a string: `required` refuses only "", `pattern` is RegExp.test (a search)."""
    if field["required"] and value == "":
        return False
    pattern = field.get("pattern")
    return not (pattern and value and not re.search(pattern[0], value))


@pytest.mark.parametrize("value", ["", "   ", "\t", "Hội nghị", " Hội nghị "])
def test_the_editor_refuses_a_blank_title_exactly_when_check_does(tmp_path: Path, value: str) -> None:
    make_project(tmp_path)
    fields = post_fields(config_of(tmp_path))
    check_accepts = "title" not in {
        str(e["loc"][0])
        for e in _errors({"title": value, "date": "2026-01-02", "author": "a", "committee": "b", "categories": ["c"]})
    }
    assert decap_accepts(fields["title"], value) is check_accepts


def test_registry_names_refuse_blanks_too(tmp_path: Path) -> None:
    make_project(tmp_path)
    registries = next(c for c in config_of(tmp_path)["collections"] if c["name"] != "posts")
    for file in registries["files"]:
        entry_fields = {f["name"]: f for f in file["fields"][0]["fields"]}
        assert not decap_accepts(entry_fields["name"], "   "), file["name"]
        # every key of the entry has a Vietnamese label, not its YAML name (e.g. authors' `review`)
        assert [f["name"] for f in entry_fields.values() if f["label"] == f["name"]] == [], file["name"]


def _errors(data: dict[str, Any]) -> list[Any]:
    from pydantic import ValidationError

    try:
        PostFrontMatter.model_validate(data)
    except ValidationError as exc:
        return exc.errors()
    return []


def test_a_posts_documents_are_chosen_from_the_register(tmp_path: Path) -> None:
    # `check` refuses a number not in documents/; a free-text list let staff type one the register lacks.
    from test_documents import entry, write_register  # the register fixture of tests/unit

    from zoneportal.documents.register import load_register

    make_project(tmp_path)
    write_register(tmp_path, {"a": entry("05-CT/TW"), "b": entry("42/2022/NĐ-CP", issued="2022-06-09")})
    report = ProblemReport()
    register = load_register(tmp_path / "documents", tmp_path, report, committees=["dang-uy"])
    assert not report.has_errors(), report.render()
    numbers = tuple((d.number, f"{d.number} — {d.summary}") for d in register.newest_first())
    config = editor_config(registry_of(tmp_path), EditorBackend(), EditorSite(documents=numbers))
    field = post_fields(yaml.safe_load(render_config(config)))["documents"]
    assert field["widget"] == "select" and field["multiple"] is True
    assert values(field) == ["42/2022/NĐ-CP", "05-CT/TW"]  # newest first, stored as written in the register
    assert field["options"][1]["label"] == "05-CT/TW — Trích yếu 05-CT/TW"
    assert post_fields(config_of(tmp_path))["documents"]["widget"] == "list"  # no register: a free list
