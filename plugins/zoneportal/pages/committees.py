"""Committee pages (`/to-chuc/`), their tree, and term timelines (`/nhiem-ky/`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..content.registry import Committee, Term, display_order
from ..index.taxonomy import TaxonomyName
from ..index.timeline import TermTimeline, current_term
from .model import PageKind, PageSpec, RenderContext, timeline_anchor
from .paging import paginate


@dataclass(frozen=True)
class TermRow:
    term: Term
    url: str
    post_count: int
    is_current: bool

    @property
    def congress_label(self) -> str:
        """ "Đại hội lần thứ III, nhiệm kỳ 2020-2025"."""
        if self.term.congress:
            return f"Đại hội {self.term.congress}, nhiệm kỳ {self.term.key}"
        return f"Nhiệm kỳ {self.term.key}"


@dataclass(frozen=True)
class CommitteeNode:
    committee: Committee
    url: str
    children: tuple[CommitteeNode, ...]


def _term_rows(ctx: RenderContext, committee: Committee) -> list[TermRow]:
    rows = []
    for term in reversed(committee.terms):
        timeline = ctx.timelines.get(committee.key, term.key)
        rows.append(
            TermRow(
                term=term,
                url=ctx.urls.term(committee.key, term.key),
                post_count=timeline.post_count if timeline else 0,
                is_current=term.contains(ctx.today),
            )
        )
    return rows


def _tree(ctx: RenderContext, parent: str | None) -> tuple[CommitteeNode, ...]:
    committees = ctx.registry.committees
    level = sorted(
        (c for c in committees.values() if c.parent == parent or (parent is None and c.parent not in committees)),
        key=display_order,
    )
    return tuple(CommitteeNode(c, ctx.urls.committee(c.key), _tree(ctx, c.key)) for c in level)


def committee_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    registry, urls = ctx.registry, ctx.urls
    for committee in registry.committees.values():
        parent = registry.committees.get(committee.parent) if committee.parent else None
        posts = ctx.views_of(ctx.index.of(TaxonomyName.COMMITTEE, committee.key))
        current = current_term(committee, ctx.today)
        info = {
            "committee": committee,
            "parent": (parent, urls.committee(parent.key)) if parent else None,
            "children": [(c, urls.committee(c.key)) for c in registry.children_of(committee.key)],
            "terms": _term_rows(ctx, committee),
            "current": current,
            "current_url": urls.term(committee.key, current.key) if current else None,
            "breadcrumbs": [("Tổ chức", urls.committees + "/")],
        }
        for page in paginate(posts, ctx.sizes.listing, lambda n, k=committee.key: urls.committee(k, n)):
            yield PageSpec(
                url=page.url,
                title=committee.name if page.is_first else f"{committee.name} (trang {page.number})",
                template="zp/committee.html",
                kind=PageKind.COMMITTEE,
                description=committee.description,
                context={**info, "slice": page},
            )
    yield PageSpec(
        url=urls.committees + "/",
        title="Tổ chức",
        template="zp/committees.html",
        kind=PageKind.COMMITTEES,
        context={"tree": _tree(ctx, None)},
    )


def term_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    urls = ctx.urls
    overview = []
    for committee in sorted(ctx.registry.committees.values(), key=display_order):
        overview.append((committee, urls.committee(committee.key), _term_rows(ctx, committee)))
        for term in committee.terms:
            timeline = ctx.timelines.get(committee.key, term.key)
            assert timeline is not None  # every term of every committee has one
            yield _timeline_page(ctx, timeline)
    yield PageSpec(
        url=urls.terms + "/",
        title="Nhiệm kỳ",
        template="zp/terms.html",
        kind=PageKind.TERMS,
        context={"committees": overview},
    )


def _timeline_page(ctx: RenderContext, timeline: TermTimeline) -> PageSpec:
    committee, term = timeline.committee, timeline.term
    title = f"{committee.name}: nhiệm kỳ {term.key}"
    return PageSpec(
        url=ctx.urls.term(committee.key, term.key),
        title=title,
        template="zp/timeline.html",
        kind=PageKind.TIMELINE,
        description=f"Dòng thời gian các sự kiện của {committee.name}, nhiệm kỳ {term.key}.",
        context={
            "timeline": timeline,
            "heading": title,
            "views": {p.source.as_posix(): ctx.view(p) for p in timeline.posts},
            "anchors": {p.source.as_posix(): timeline_anchor(p) for p in timeline.posts},
            "committee_url": ctx.urls.committee(committee.key),
            "congress": TermRow(term, "", timeline.post_count, timeline.is_current).congress_label,
            "breadcrumbs": [
                ("Nhiệm kỳ", ctx.urls.terms + "/"),
                (committee.short_name or committee.name, ctx.urls.committee(committee.key)),
            ],
        },
    )
