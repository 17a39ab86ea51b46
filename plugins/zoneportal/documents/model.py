"""The register's model: documents, their types and issuers, relations both ways, and status."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path

from ..vi import slugify
from .numbers import number_key


class Status(Enum):
    """Hiệu lực: what a reader needs first. Value = the Vietnamese label; `slug` = filter URL."""

    IN_FORCE = "Còn hiệu lực"
    PARTLY = "Hết hiệu lực một phần"
    EXPIRED = "Hết hiệu lực"
    PENDING = "Chưa có hiệu lực"

    @property
    def slug(self) -> str:
        return slugify(self.value)

    @property
    def schema_force(self) -> str:
        """schema.org `legislationLegalForce`."""
        return {
            Status.IN_FORCE: "https://schema.org/InForce",
            Status.PARTLY: "https://schema.org/PartiallyInForce",
        }.get(self, "https://schema.org/NotInForce")


STATUS_BY_SLUG = {status.slug: status for status in Status}


class Relation(Enum):
    """`replaces: [...]` in the newer document; the older one shows the reverse label."""

    REPLACES = ("replaces", "Thay thế", "Bị thay thế bởi")
    AMENDS = ("amends", "Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi")
    IMPLEMENTS = ("implements", "Thực hiện", "Được thực hiện bởi")

    def __init__(self, field: str, label: str, reverse_label: str) -> None:
        self.field = field
        self.label = label
        self.reverse_label = reverse_label


@dataclass(frozen=True)
class DocumentType:
    key: str
    name: str
    abbr: str = ""
    # Normative (legal) documents are schema.org `Legislation`; reports and notices `DigitalDocument`.
    legal: bool = False
    order: int = 100


@dataclass(frozen=True)
class Issuer:
    key: str
    name: str
    short_name: str | None = None
    # Key in posts/committees.yml when one of our own committees issued the document.
    committee: str | None = None


@dataclass(frozen=True)
class DocumentFile:
    """A file of a document bundle: `name` NFC, relative to the bundle folder."""

    name: str
    path: Path
    size: int


@dataclass(frozen=True, eq=False)
class Document:
    source: Path
    shown: str
    number: str
    type: str
    issuer: str
    summary: str
    issued: date
    effective: date | None = None
    expires: date | None = None
    declared_status: Status | None = None
    signer: str | None = None
    fields: tuple[str, ...] = ()
    files: tuple[DocumentFile, ...] = ()
    replaces: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()
    implements: tuple[str, ...] = ()
    body: str = ""
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return number_key(self.number)

    @property
    def slug(self) -> str:
        return slugify(self.number) or "van-ban"

    @property
    def folder(self) -> Path:
        return self.source.parent

    def related_numbers(self, relation: Relation) -> tuple[str, ...]:
        return {Relation.REPLACES: self.replaces, Relation.AMENDS: self.amends, Relation.IMPLEMENTS: self.implements}[
            relation
        ]


@dataclass(frozen=True)
class Link:
    relation: Relation
    document: Document
    reverse: bool


@dataclass
class DocumentRegister:
    """Every valid document, keyed by number key; relations resolved both ways."""

    types: dict[str, DocumentType] = field(default_factory=dict)
    issuers: dict[str, Issuer] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    # Number keys of every entry that names a number, valid or not: a relation to an entry that has
    # errors of its own is not reported again as "unknown number".
    declared: set[str] = field(default_factory=set)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.newest_first())

    def __len__(self) -> int:
        return len(self.documents)

    def find(self, number: str) -> Document | None:
        return self.documents.get(number_key(number))

    def newest_first(self) -> list[Document]:
        return sorted(self.documents.values(), key=lambda d: (d.issued, d.number), reverse=True)

    def links(self, document: Document) -> list[Link]:
        """Outgoing relations ("Thay thế 05-CT/TW") then incoming ones ("Bị thay thế bởi …")."""
        found: list[Link] = []
        for relation in Relation:
            for number in document.related_numbers(relation):
                other = self.find(number)
                if other is not None:
                    found.append(Link(relation, other, reverse=False))
        for other in self.newest_first():
            for relation in Relation:
                if any(number_key(n) == document.key for n in other.related_numbers(relation)):
                    found.append(Link(relation, other, reverse=True))
        return found

    def status(self, document: Document, today: date) -> Status:
        """Declared status wins; else from dates and from the documents that replace or amend it."""
        if document.declared_status is not None:
            return document.declared_status
        if document.expires is not None and document.expires < today:
            return Status.EXPIRED
        incoming = [link for link in self.links(document) if link.reverse]
        if any(link.relation is Relation.REPLACES and _in_force_since(link.document, today) for link in incoming):
            return Status.EXPIRED
        if (document.effective or document.issued) > today:
            return Status.PENDING
        if any(link.relation is Relation.AMENDS and _in_force_since(link.document, today) for link in incoming):
            return Status.PARTLY
        return Status.IN_FORCE


def _in_force_since(document: Document, today: date) -> bool:
    return (document.effective or document.issued) <= today
