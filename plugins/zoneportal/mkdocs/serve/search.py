"""Search documents of a preview's plan, made again only for posts whose view changed.

A build makes the search document of every post from its view (output/search: ~1 s for 10 000
posts); a preview re-plans on every save, and the views of unchanged posts are the same objects
from one plan to the next (pages.model.RenderMemo), so their documents are kept."""

from __future__ import annotations

from ...output.search import SearchDocument
from ...output.search.documents import view_document
from ...output.search.register import register_documents, with_attachment_text
from ...pages.model import PostView
from ...plan import PortalPlan


class SearchMemo:
    def __init__(self) -> None:
        # id of a view → the view (held, so the id stays its own) and its document.
        self._documents: dict[int, tuple[PostView, SearchDocument]] = {}

    def documents(self, plan: PortalPlan) -> list[SearchDocument]:
        """What plan_portal puts in `plan.search_documents` when search is on, in the same order."""
        kept: dict[int, tuple[PostView, SearchDocument]] = {}
        posts = []
        for spec in plan.pages:
            view = spec.view
            if view is None:
                continue
            entry = self._documents.get(id(view))
            if entry is None or entry[0] is not view:
                entry = (view, view_document(view))
            kept[id(view)] = entry
            posts.append(entry[1])
        self._documents = kept
        found = with_attachment_text(posts, plan.pages, plan.documents)
        return [*found, *register_documents(plan.pages)]
