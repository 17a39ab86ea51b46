"""The văn bản register in the web editor's config.yml: a field for every front-matter key of a document
with `check`'s rules, select lists from documents/types.yml and issuers.yml, relations chosen among the
register's numbers, and the two registries editable in "Danh mục"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from test_documents import entry, write_register  # the register fixture of tests/unit
from test_editor_config import decap_accepts, registry_of

from kit.sitekit import make_project
from zoneportal.content.problems import ProblemReport
from zoneportal.documents.model import DocumentRegister, Status
from zoneportal.documents.register import load_register
from zoneportal.documents.schema import DocumentFrontMatter, IssuerEntry, TypeEntry
from zoneportal.editor import EditorBackend, EditorSite, admin_files, editor_config, render_config
from zoneportal.editor.config import EditorRegister, editor_register
from zoneportal.editor.fields import DOCUMENT_REGISTRY_MODELS, document_field_names


def register_project(root: Path, entries: dict[str, dict[str, object]] | None = None) -> EditorRegister | None:
    make_project(root)
    write_register(
        root,
        entries
        if entries is not None
        else {
            "05-ct-tw": entry("05-CT/TW", field=["Xây dựng Đảng"]),
            "20-bc-du": entry("20/BC-DU", type="bao-cao", issuer="dang-uy", issued="2023-01-05", field="Báo cáo"),
        },
    )
    report = ProblemReport()
    register = load_register(root / "documents", root, report, committees=["dang-uy"])
    assert not report.has_errors(), report.render()
    return editor_register(register, root / "documents", "documents")


def config_with(root: Path, register: EditorRegister | None) -> dict[str, Any]:
    config = editor_config(registry_of(root), EditorBackend(), EditorSite(register=register))
    return yaml.safe_load(render_config(config))


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def document_fields(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in collection(config, "documents")["fields"]}


def test_every_document_key_is_a_field_with_the_schemas_required_flag(tmp_path: Path) -> None:
    """Fails when a new front-matter key of a document has no editor field (it would be hidden, kept as is)."""
    fields = document_fields(config_with(tmp_path, register_project(tmp_path)))
    assert set(DocumentFrontMatter.model_fields) == document_field_names() == set(fields) - {"body"}
    for name, info in DocumentFrontMatter.model_fields.items():
        assert fields[name]["required"] is info.is_required(), name
        assert fields[name]["widget"] != "hidden", name
    assert {n for n, f in fields.items() if f["required"]} == {"number", "type", "issuer", "summary", "issued"}
    assert fields["body"]["widget"] == "markdown" and fields["body"]["required"] is False
    assert fields["files"]["field"]["widget"] == "file"  # uploaded beside index.md (media_folder "")


def test_type_and_issuer_are_registry_keys_with_vietnamese_labels(tmp_path: Path) -> None:
    fields = document_fields(config_with(tmp_path, register_project(tmp_path)))
    assert fields["type"]["widget"] == "select"
    assert fields["type"]["options"] == [  # by `order`, then by name (the fixture gives no order)
        {"label": "Báo cáo", "value": "bao-cao"},
        {"label": "Chỉ thị", "value": "chi-thi"},
    ]
    assert {"label": "Đảng ủy", "value": "dang-uy"} in fields["issuer"]["options"]
    assert [o["value"] for o in fields["status"]["options"]] == [s.value for s in Status]


def test_relations_are_chosen_among_the_registers_numbers(tmp_path: Path) -> None:
    fields = document_fields(config_with(tmp_path, register_project(tmp_path)))
    for name in ("replaces", "amends", "implements"):
        assert fields[name]["widget"] == "select" and fields[name]["multiple"] is True, name
        assert [o["value"] for o in fields[name]["options"]] == ["20/BC-DU", "05-CT/TW"], name  # newest first
    assert fields["replaces"]["options"][1]["label"] == "05-CT/TW — Trích yếu 05-CT/TW"
    assert "Báo cáo, Xây dựng Đảng" in fields["field"]["hint"]  # the lĩnh vực already in use


def test_status_stored_by_the_editor_is_one_check_reads() -> None:
    base = {"number": "1/TB", "type": "t", "issuer": "i", "summary": "s", "issued": "2024-01-02"}
    for status in Status:
        assert DocumentFrontMatter.model_validate(base | {"status": status.value}).status is status


NUMBERS = ["05-CT/TW", "42/2022/NĐ-CP", " 45/QĐ-BQL ", "12", "Đ", "—", "/", "", "   ", "-/-", "1" * 60, "1" * 61]
NUMBERS += ["０５-ＣＴ/ＴＷ", "АБ/ВГ", "①", "ß", "Ø", "æ", "ơ", "½", "№"]  # IME, Cyrillic, Word's symbols


@pytest.mark.parametrize("number", NUMBERS)
def test_the_editor_refuses_a_number_exactly_when_check_does(tmp_path: Path, number: str) -> None:
    fields = document_fields(config_with(tmp_path, register_project(tmp_path)))
    base = {"type": "t", "issuer": "i", "summary": "s", "issued": "2024-01-02"}
    try:
        DocumentFrontMatter.model_validate(base | {"number": number})
        check_accepts = True
    except ValidationError:
        check_accepts = False
    assert decap_accepts(fields["number"], number) is check_accepts


@pytest.mark.parametrize("value", ["", "   ", "Về đẩy mạnh học tập"])
def test_a_blank_summary_is_refused_as_check_refuses_it(tmp_path: Path, value: str) -> None:
    fields = document_fields(config_with(tmp_path, register_project(tmp_path)))
    assert decap_accepts(fields["summary"], value) is bool(value.strip())


def test_dates_are_days_written_as_check_reads_them(tmp_path: Path) -> None:
    fields = document_fields(config_with(tmp_path, register_project(tmp_path)))
    for name in ("issued", "effective", "expires"):
        field = fields[name]
        assert field["widget"] == "datetime" and field["format"] == "YYYY-MM-DD" and field["time_format"] is False
        day = re.compile(field["pattern"][0])
        assert day.search("2024-03-15") and not day.search("15/03/2024") and not day.search("2024-03-15 09:00")
    assert "default" not in fields["effective"]  # empty unless staff fill it (then: from the day of issue)


def test_documents_are_bundles_in_a_folder_per_year_of_issue(tmp_path: Path) -> None:
    documents = collection(config_with(tmp_path, register_project(tmp_path)), "documents")
    assert documents["folder"] == "documents" and documents["format"] == "frontmatter"
    assert documents["media_folder"] == "" and documents["public_folder"] == ""
    assert documents["identifier_field"] == "number"
    # The year from `issued`, then the number as a slug; three parts, as deep as the bundles lie.
    assert documents["slug"] == "{{fields.issued | date('YYYY')}}/{{slug}}"
    assert documents["path"].startswith("{{slug}}/index") and len(documents["path"].split("/")) == 3


def test_no_documents_folder_no_collection(tmp_path: Path) -> None:
    make_project(tmp_path)
    assert editor_register(DocumentRegister(), tmp_path / "documents", "documents") is None
    config = config_with(tmp_path, None)
    assert [c["name"] for c in config["collections"]] == ["posts", "registries"]
    assert {f["name"] for f in collection(config, "registries")["files"]} == {
        "authors",
        "categories",
        "committees",
        "events",
    }


def test_an_empty_register_folder_is_editable(tmp_path: Path) -> None:
    """A new portal creates documents/ with its two registries and adds its first decision on the web."""
    register = register_project(tmp_path, entries={})
    assert register is not None and register.numbers == ()
    fields = document_fields(config_with(tmp_path, register))
    assert fields["replaces"]["widget"] == "list"  # nothing to choose from yet
    assert [o["value"] for o in fields["type"]["options"]] == ["bao-cao", "chi-thi"]


def test_types_and_issuers_are_in_the_registries_collection(tmp_path: Path) -> None:
    config = config_with(tmp_path, register_project(tmp_path))
    registries = collection(config, "registries")
    assert registries["format"] == "zp-registry"
    files = {f["name"]: f for f in registries["files"]}
    assert files["types"]["file"] == "documents/types.yml" and files["issuers"]["file"] == "documents/issuers.yml"
    for name, (_label, model) in DOCUMENT_REGISTRY_MODELS.items():
        entry_fields = {f["name"]: f for f in files[name]["fields"][0]["fields"]}
        assert set(entry_fields) == {"key", *model.model_fields}, name
        assert entry_fields["key"]["required"] and not decap_accepts(entry_fields["name"], "  "), name
        assert [f for f in entry_fields.values() if f["label"] == f["name"]] == [], name  # all in Vietnamese
    issuer = {f["name"]: f for f in files["issuers"]["fields"][0]["fields"]}
    assert issuer["committee"]["widget"] == "select" and issuer["committee"]["required"] is False
    assert {"label": "Chi bộ Phòng A", "value": "chi-bo-a"} in issuer["committee"]["options"]
    types = {f["name"]: f for f in files["types"]["fields"][0]["fields"]}
    assert types["legal"]["widget"] == "boolean" and types["order"]["widget"] == "number"


def test_registry_files_that_do_not_exist_are_not_offered(tmp_path: Path) -> None:
    register = register_project(tmp_path, entries={})
    (tmp_path / "documents" / "issuers.yml").unlink()
    report = ProblemReport()
    register = editor_register(
        load_register(tmp_path / "documents", tmp_path, report), tmp_path / "documents", "documents"
    )
    assert register is not None and register.registries == ("types",)
    files = [f["name"] for f in collection(config_with(tmp_path, register), "registries")["files"]]
    assert "types" in files and "issuers" not in files


def test_document_registry_yes_no_keys_default_to_no() -> None:
    """zp-editor.js leaves `false` out of the registry files it writes."""
    for model in (TypeEntry, IssuerEntry):
        for name, info in model.model_fields.items():
            if info.annotation is bool:
                assert info.default is False, f"{model.__name__}.{name}"


def test_the_preview_names_types_and_issuers(tmp_path: Path) -> None:
    import json

    register = register_project(tmp_path)
    files = admin_files(
        registry_of(tmp_path), EditorBackend(), EditorSite(register=register), site_name="Cổng", preview_styles=[]
    )
    portal = json.loads(next(f.text for f in files if f.path == "admin/portal.json") or "{}")
    assert portal["labels"]["types"]["chi-thi"] == "Chỉ thị"
    assert portal["labels"]["issuers"]["dang-uy"] == "Đảng ủy"


def test_a_relation_spelled_otherwise_stays_a_choice(tmp_path: Path) -> None:
    """`replaces: [05/CT-TW]` names 05-CT/TW: the select offers that spelling too, else changing the list
    on the web would silently drop the relation."""
    register = register_project(
        tmp_path,
        {"05-ct-tw": entry("05-CT/TW"), "06-ct-tw": entry("06-CT/TW", issued="2023-02-01", replaces=["05/CT-TW"])},
    )
    fields = document_fields(config_with(tmp_path, register))
    options = {o["value"]: o["label"] for o in fields["replaces"]["options"]}
    assert list(options) == ["06-CT/TW", "05-CT/TW", "05/CT-TW"]
    assert options["05/CT-TW"] == "05/CT-TW (= 05-CT/TW) — Trích yếu 05-CT/TW"
