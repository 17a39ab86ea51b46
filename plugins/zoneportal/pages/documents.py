"""The văn bản register's pages: `/van-ban/` (newest first, paginated), the same list oldest first,
one static list per filter value (type, issuer, year, field, status: they work without loading the
register in the browser), and one page per document with every field, its files, relations both
ways and the posts that name it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from ..documents.catalog import Attachment, DocumentCatalog
from ..documents.model import Document, DocumentType, Issuer, Relation, Status
from ..output.seo import script_json
from ..vi import slugify
from .model import PageKind, PageSpec, PostView, RenderContext
from .paging import PageSlice, paginate

REGISTER = "van-ban"
PAGE_SIZE = 20
FEED = f"{REGISTER}/rss.xml"
# Filter folders: /van-ban/loai/chi-thi/, /van-ban/co-quan/…, /van-ban/nam/2024/, /van-ban/linh-vuc/…
FILTERS = (("type", "loai", "Loại văn bản"), ("issuer", "co-quan", "Cơ quan ban hành"), ("year", "nam", "Năm ban hành"),
           ("field", "linh-vuc", "Lĩnh vực"), ("status", "hieu-luc", "Hiệu lực"))  # fmt: skip
OLDEST_FIRST = "cu-nhat"


def register_url(number: int = 1) -> str:
    return _paged(f"{REGISTER}/", number)


def document_url(document: Document) -> str:
    return f"{REGISTER}/{document.slug}/"


def filter_url(folder: str, value: str, number: int = 1) -> str:
    return _paged(f"{REGISTER}/{folder}/{value}/", number)


def _paged(base: str, number: int) -> str:
    return base if number == 1 else f"{base}trang/{number}/"


def day_label(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


@dataclass(frozen=True)
class RelationLink:
    label: str
    number: str
    url: str
    summary: str


@dataclass(frozen=True)
class DocumentView:
    document: Document
    url: str
    title: str  # "Chỉ thị 05-CT/TW"
    type: DocumentType
    issuer: Issuer
    issuer_url: str | None
    status: Status
    fields: tuple[tuple[str, str], ...]  # (name, filter URL)
    files: tuple[Attachment, ...]
    relations: tuple[RelationLink, ...]
    posts: tuple[PostView, ...]

    @property
    def number(self) -> str:
        return self.document.number

    @property
    def summary(self) -> str:
        return self.document.summary

    @property
    def issued_label(self) -> str:
        return day_label(self.document.issued)

    @property
    def effective_label(self) -> str:
        return day_label(self.document.effective)

    @property
    def expires_label(self) -> str:
        return day_label(self.document.expires)

    @property
    def status_url(self) -> str:
        return filter_url("hieu-luc", self.status.slug)

    @property
    def type_url(self) -> str:
        return filter_url("loai", self.type.key)


def document_views(ctx: RenderContext) -> dict[str, DocumentView]:
    catalog: DocumentCatalog = ctx.documents
    register = catalog.register
    naming: dict[str, list[PostView]] = {}
    for post in ctx.index.posts:
        for number in post.documents:
            found = register.find(number)
            if found is not None:
                naming.setdefault(found.key, []).append(ctx.view(post))
    views = {}
    for document in register.newest_first():
        issuer = register.issuers[document.issuer]
        relations = tuple(
            RelationLink(
                link.relation.reverse_label if link.reverse else link.relation.label,
                link.document.number,
                document_url(link.document),
                link.document.summary,
            )
            for link in register.links(document)
        )
        views[document.key] = DocumentView(
            document=document,
            url=document_url(document),
            title=f"{register.types[document.type].name} {document.number}",
            type=register.types[document.type],
            issuer=issuer,
            issuer_url=ctx.urls.committee(issuer.committee) if issuer.committee else None,
            status=register.status(document, catalog.today),
            fields=tuple((name, filter_url("linh-vuc", slugify(name))) for name in document.fields),
            files=tuple(catalog.document_files.get(document.key, ())),
            relations=relations,
            posts=tuple(naming.get(document.key, ())),
        )
    return views


def document_pages(ctx: RenderContext) -> Iterator[PageSpec]:
    if not ctx.documents.register.documents:
        return
    views = document_views(ctx)
    newest = list(views.values())
    filters = _filter_groups(newest)
    yield from _listing(register_url, newest, "Văn bản", PageKind.REGISTER_PAGE, filters, None)
    oldest = sorted(newest, key=lambda v: (v.document.issued, v.number))
    oldest_url = lambda n: _paged(f"{REGISTER}/{OLDEST_FIRST}/", n)  # noqa: E731
    yield from _listing(oldest_url, oldest, "Văn bản (cũ nhất trước)", PageKind.REGISTER_PAGE, filters, None)
    for key, folder, label in FILTERS:
        for value, name, members in _filter_values(key, newest):
            yield from _listing(
                lambda n, f=folder, v=value: filter_url(f, v, n),
                members,
                f"Văn bản – {label}: {name}",
                PageKind.REGISTER_FILTER,
                filters,
                filter_url(folder, value),
            )
    for view in newest:
        yield PageSpec(
            url=view.url,
            title=view.title,
            template="zp/document.html",
            kind=PageKind.DOCUMENT,
            markdown=view.document.body,
            description=view.summary,
            context={"document": view, "register_url": register_url(), "jsonld": script_json(document_jsonld(view))},
        )


@dataclass(frozen=True)
class FilterOption:
    name: str
    url: str
    count: int


def _filter_values(key: str, views: Sequence[DocumentView]) -> list[tuple[str, str, list[DocumentView]]]:
    """(URL value, label, documents) of each value of one filter, in a stable, readable order."""
    groups: dict[str, tuple[str, list[DocumentView], tuple[object, ...]]] = {}

    def add(value: str, name: str, order: tuple[object, ...], view: DocumentView) -> None:
        groups.setdefault(value, (name, [], order))[1].append(view)

    for view in views:
        if key == "type":
            add(view.type.key, view.type.name, (view.type.order, view.type.name), view)
        elif key == "issuer":
            add(view.issuer.key, view.issuer.name, (view.issuer.name,), view)
        elif key == "year":
            year = view.document.issued.year
            add(str(year), str(year), (-year,), view)
        elif key == "field":
            for name, _url in view.fields:
                add(slugify(name), name, (name,), view)
        elif key == "status":
            add(view.status.slug, view.status.value, (list(Status).index(view.status),), view)
    ordered = sorted(groups.items(), key=lambda item: item[1][2])
    return [(value, name, members) for value, (name, members, _order) in ordered]


def _filter_groups(views: Sequence[DocumentView]) -> list[tuple[str, list[FilterOption]]]:
    groups = []
    for key, folder, label in FILTERS:
        options = [
            FilterOption(name, filter_url(folder, value), len(m)) for value, name, m in _filter_values(key, views)
        ]
        if options:
            groups.append((label, options))
    return groups


def _listing(
    url_of: Callable[[int], str],
    views: Sequence[DocumentView],
    heading: str,
    kind: PageKind,
    filters: list[tuple[str, list[FilterOption]]],
    active: str | None,
) -> Iterator[PageSpec]:
    slices: list[PageSlice[DocumentView]] = paginate(views, PAGE_SIZE, url_of)
    for page in slices:
        yield PageSpec(
            url=page.url,
            title=heading if page.is_first else f"{heading} (trang {page.number})",
            template="zp/documents.html",
            # Only /van-ban/ itself is in the site's navigation; its other pages stay out of it.
            kind=PageKind.REGISTER if page.url == register_url() else kind,
            description=f"{heading}: số hiệu, ngày ban hành, trích yếu, hiệu lực và tệp tải về.",
            context={
                "heading": heading,
                "slice": page,
                "filters": filters,
                "active": active,
                "register_url": register_url(),
                "newest_url": register_url(),
                "oldest_url": _paged(f"{REGISTER}/{OLDEST_FIRST}/", 1),
                "sorted_oldest": url_of(1).startswith(f"{REGISTER}/{OLDEST_FIRST}/"),
                "feed_url": FEED,
            },
        )


def document_jsonld(view: DocumentView) -> dict[str, object]:
    """schema.org: normative documents (types with `legal: true`: Nghị định, Chỉ thị, Quyết định …)
    are `Legislation`, which has fields for exactly what the register keeps (identifier, date,
    date of applicability, legal force, the act it changes); reports and notices have no legal
    force and are plain `DigitalDocument`s."""
    document = view.document
    files = [{"@type": "MediaObject", "name": a.file.name, "contentUrl": a.url, "encodingFormat": a.file.label}
             for a in view.files]  # fmt: skip
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Legislation" if view.type.legal else "DigitalDocument",
        "name": view.title,
        "description": document.summary,
        "dateCreated": document.issued.isoformat(),
        "inLanguage": "vi",
        "author": {"@type": "GovernmentOrganization", "name": view.issuer.name},
        "associatedMedia": files,
    }
    if view.type.legal:
        data |= {
            "legislationIdentifier": document.number,
            "legislationType": view.type.name,
            "legislationDate": document.issued.isoformat(),
            "legislationPassedBy": {"@type": "GovernmentOrganization", "name": view.issuer.name},
            "legislationLegalForce": view.status.schema_force,
        }
        if document.effective:
            data["legislationDateOfApplicability"] = document.effective.isoformat()
        if document.expires:
            data["expires"] = document.expires.isoformat()
        changes = [link.number for link in view.relations if link.label == Relation.AMENDS.label]
        if changes:
            data["legislationChanges"] = [{"@type": "Legislation", "legislationIdentifier": n} for n in changes]
    else:
        data["identifier"] = document.number
    return data
