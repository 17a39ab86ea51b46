"""The register and attachments in plan_portal, on plain folders (no MkDocs): pages, feed, search
documents with number keywords and PDF text, attachments planned, every problem reported at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

from kit.pdfkit import pdf_bytes
from kit.sitekit import make_project
from zoneportal.output.seo import SiteMeta
from zoneportal.pages import PageKind
from zoneportal.plan import plan_portal
from zoneportal.settings import DocumentSettings, PhotoSettings, PortalSettings

TODAY = date(2024, 6, 1)
SITE = SiteMeta.of(name="Cổng thử", site_url="https://example.test", description="Tin", publisher=None, logo=None)


def project_with_register(root: Path, *, post_documents: list[str]) -> tuple[object, PortalSettings]:
    project = make_project(root)
    project.write(
        "documents/types.yml", yaml.safe_dump({"nghi-dinh": {"name": "Nghị định", "abbr": "NĐ", "legal": True}})
    )
    project.write("documents/issuers.yml", yaml.safe_dump({"chinh-phu": {"name": "Chính phủ"}}, allow_unicode=True))
    fields = {"number": "42/2022/NĐ-CP", "type": "nghi-dinh", "issuer": "chinh-phu", "issued": "2022-06-24",
              "summary": "Cung cấp thông tin trên môi trường mạng"}  # fmt: skip
    project.write("documents/42/index.md", "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n")
    project.write("documents/42/nghi-dinh.pdf", pdf_bytes("Danh mục thông tin phải công khai trên cổng"))
    project.add_post("2023/bai/index.md", title="Bài", date="2023-04-26", documents=post_documents)
    project.write("posts/2023/bai/phu-luc.pdf", pdf_bytes("Phụ lục hồ sơ điều chỉnh dự án"))
    settings = PortalSettings(
        site=SITE,
        photos=PhotoSettings(cache_dir=str(root / ".cache" / "anh"), workers=1),
        documents=replace(DocumentSettings(), cache_dir=str(root / ".cache" / "van-ban")),
    )
    return project, settings


def test_the_plan_holds_the_register_its_feed_and_its_search_documents(tmp_path: Path) -> None:
    project, settings = project_with_register(tmp_path, post_documents=["42/2022/ND-CP"])
    plan = plan_portal(project.root, settings, TODAY)
    assert not plan.problems.has_errors(), plan.problems.render()
    kinds = {spec.url: spec.kind for spec in plan.pages}
    assert kinds["van-ban/"] is PageKind.REGISTER and kinds["van-ban/42-2022-nd-cp/"] is PageKind.DOCUMENT
    assert kinds["van-ban/loai/nghi-dinh/"] is PageKind.REGISTER_FILTER
    assert b"Ngh\xe1\xbb\x8b \xc4\x91\xe1\xbb\x8bnh 42/2022/N\xc4\x90-CP" in plan.rss["van-ban/rss.xml"]
    by_url = {doc.url: doc for doc in plan.search_documents}
    register_entry = by_url["van-ban/42-2022-nd-cp/"]
    assert {"nd", "42", "2022", "nghi", "dinh"} <= set(register_entry.keywords.split())
    assert "Danh mục thông tin phải công khai" in register_entry.text
    assert "Phụ lục hồ sơ điều chỉnh" in by_url["tin-tuc/2023/04/bai/"].text
    [attachment] = plan.documents.post_files[(project.root / "posts/2023/bai/index.md").as_posix()]
    assert attachment.url == "tin-tuc/2023/04/bai/phu-luc.pdf" and attachment.file.pages == 1
    assert attachment.thumbnail is not None  # planned on the photo pipeline with the post's photos
    names = plan.documents.register.find("42/2022/ND-CP")
    assert names is not None and plan.page("van-ban/42-2022-nd-cp/").context["document"].posts[0].title == "Bài"


def test_problems_of_posts_and_of_the_register_are_reported_together(tmp_path: Path) -> None:
    project, settings = project_with_register(tmp_path, post_documents=["43/2022/NĐ-CP"])
    project.add_post("2023/sai.md", title="Sai", date="2023-02-30")
    project.write("documents/42/index.md", "---\nnumber: x\n---\n")
    plan = plan_portal(project.root, settings, TODAY)
    text = plan.problems.render()
    assert "posts/2023/sai.md" in text and "documents/42/index.md" in text and "'43/2022/NĐ-CP'" in text
    assert not plan.pages.specs  # nothing is written when there are errors
