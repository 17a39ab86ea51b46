"""`zoneportal check` for the register and attachments: the same reading and the same messages as a
build (duplicate numbers, relations, files; what a post folder would publish; scans without text),
without writing a site or encoding photos."""

from __future__ import annotations

from pathlib import Path

from ..content.post import Post
from ..content.problems import ProblemReport
from ..content.registry import Registry
from ..pages.urls import UrlScheme
from ..settings import DocumentSettings
from ..vi import today_in_vietnam
from .plan import plan_documents


def check_documents(
    project_root: Path,
    settings: DocumentSettings | None,
    registry: Registry,
    posts: list[Post],
    report: ProblemReport,
) -> None:
    plan_documents(
        project_root,
        settings or DocumentSettings(),
        registry,
        posts,
        [p for p in posts if not p.draft],
        UrlScheme(),
        None,
        report,
        today_in_vietnam(),
        report_read_scans=True,
    )
