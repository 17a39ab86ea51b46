"""Read and validate the register: `documents/<…>/index.md` bundles and the registries beside them.

Like posts, nothing stops at the first problem; every message names the file (from the project
root), the line and the field, in Vietnamese.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler
from pydantic import ValidationError

from ..content.bundle import DEFAULT_ATTACHMENT_TYPES, classify_bundle
from ..content.post import Post
from ..content.problems import ProblemReport, did_you_mean, display_path
from ..content.registry import _load_entries
from ..content.schema import validation_errors
from ..content.textfile import TextDecodeError, YamlSyntaxError, decode_text, load_yaml
from .model import Document, DocumentFile, DocumentRegister, DocumentType, Issuer, Relation
from .numbers import number_key
from .schema import DocumentFrontMatter, IssuerEntry, TypeEntry

TYPES_FILE = "types.yml"
ISSUERS_FILE = "issuers.yml"
_FRONT_MATTER = YAMLHandler()


def load_register(
    documents_dir: Path,
    project_root: Path,
    report: ProblemReport,
    *,
    committees: Iterable[str] = (),
    attachment_types: Sequence[str] = DEFAULT_ATTACHMENT_TYPES,
) -> DocumentRegister:
    """The whole register; an absent `documents/` folder is an empty register, not an error."""
    register = DocumentRegister()
    if not documents_dir.is_dir():
        return register
    sources = list(find_document_files(documents_dir, project_root, report))
    required = bool(sources)
    for key, (entry, _line) in _load_entries(
        documents_dir / TYPES_FILE, TypeEntry, project_root, report, required=required
    ).items():
        register.types[key] = DocumentType(key, entry.name, entry.abbr, entry.legal, entry.order)
    issuers_path = documents_dir / ISSUERS_FILE
    known_committees = set(committees)
    for key, (entry, line) in _load_entries(issuers_path, IssuerEntry, project_root, report, required=required).items():
        if entry.committee and known_committees and entry.committee not in known_committees:
            report.error(
                display_path(issuers_path, project_root),
                f"mục '{key}': không có tổ chức '{entry.committee}' trong posts/committees.yml."
                + did_you_mean(entry.committee, known_committees),
                line=line,
                field="committee",
            )
        register.issuers[key] = Issuer(key, entry.name, entry.short_name, entry.committee)
    documents = [d for path in sources if (d := read_document(path, project_root, register, report, attachment_types))]
    _check_unique(documents, report)
    for document in documents:
        register.documents.setdefault(document.key, document)
    _check_relations(register, report)
    _check_replacement_cycles(register, report)
    return register


def find_document_files(documents_dir: Path, project_root: Path, report: ProblemReport) -> Iterable[Path]:
    """Every `index.md` under `documents/` (one folder per document, its files beside it)."""
    for folder, subfolders, names in os.walk(documents_dir):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith((".", "_")))
        here = Path(folder)
        if "index.md" in names and here != documents_dir:
            subfolders[:] = []  # the document's own subfolders hold its files
            yield here / "index.md"
            continue
        for name in sorted(names):
            if name.endswith(".md") and name.lower() != "readme.md":
                report.error(
                    display_path(here / name, project_root),
                    "văn bản cần dạng thư mục: documents/<tên-văn-bản>/index.md, tệp PDF đặt cạnh index.md.",
                )


def read_document(
    path: Path, project_root: Path, register: DocumentRegister, report: ProblemReport, attachment_types: Sequence[str]
) -> Document | None:
    shown = display_path(path, project_root)
    try:
        text = decode_text(path.read_bytes())
    except TextDecodeError as exc:
        report.error(shown, exc.message, line=exc.line)
        return None
    except OSError as exc:
        report.error(shown, f"không đọc được tệp ({exc.strerror}).")
        return None
    if not _FRONT_MATTER.detect(text):
        report.error(
            shown,
            "văn bản thiếu phần khai báo đầu tệp (giữa hai dòng '---'): number, type, issuer, issued, summary.",
            line=1,
        )
        return None
    front, body = _FRONT_MATTER.split(text)
    offset = text[: text.find(front)].count("\n")
    try:
        document = load_yaml(front).shifted(offset)
    except YamlSyntaxError as exc:
        report.error(shown, exc.message, line=exc.line + offset if exc.line else 1)
        return None
    if not isinstance(document.data, dict):
        report.error(shown, "phần khai báo đầu văn bản cần dạng 'khóa: giá trị' trên từng dòng.", line=2)
        return None
    lines = {str(key[0]): line for key, line in document.lines.items() if len(key) == 1}
    declared_number = document.data.get("number")
    if isinstance(declared_number, str | int) and str(declared_number).strip():
        register.declared.add(number_key(str(declared_number)))
    try:
        meta = DocumentFrontMatter.model_validate(document.data)
    except ValidationError as exc:
        known = list(DocumentFrontMatter.model_fields)
        for location, message, _found in validation_errors(exc):
            field = ".".join(str(p) for p in location)
            if message == "trường không được hỗ trợ.":
                message = f"trường '{location[-1]}' không được hỗ trợ.{did_you_mean(str(location[-1]), known)}"
            report.error(shown, message, line=document.line_of(location, 2) if location else 2, field=field or None)
        return None

    ok = True

    def error(field: str, message: str) -> None:
        nonlocal ok
        ok = False
        report.error(shown, message, line=lines.get(field), field=field)

    if meta.type not in register.types:
        error(
            "type",
            f"không có loại văn bản '{meta.type}' trong documents/{TYPES_FILE}."
            + did_you_mean(meta.type, register.types),
        )
    if meta.issuer not in register.issuers:
        error(
            "issuer",
            f"không có cơ quan ban hành '{meta.issuer}' trong documents/{ISSUERS_FILE}."
            + did_you_mean(meta.issuer, register.issuers),
        )
    if meta.effective and meta.effective < meta.issued:
        error("effective", f"ngày hiệu lực {meta.effective:%d/%m/%Y} trước ngày ban hành {meta.issued:%d/%m/%Y}.")
    start = meta.effective or meta.issued
    if meta.expires and meta.expires < start:
        error("expires", f"ngày hết hiệu lực {meta.expires:%d/%m/%Y} trước ngày có hiệu lực {start:%d/%m/%Y}.")
    for relation in Relation:
        for number in getattr(meta, relation.field):
            if number_key(number) == number_key(meta.number):
                error(relation.field, f"văn bản không thể tự {relation.label.lower()} chính nó ({number}).")

    contents = classify_bundle(path.parent, shown, report, attachment_types)
    files: list[DocumentFile] = []
    if meta.files:
        for index, name in enumerate(meta.files):
            found = contents.find(name)
            if found is None or found not in contents.attachments:
                where = f"files[{index}]"
                message = f"không tìm thấy tệp '{name}' trong thư mục {path.parent.name}/."
                if found is not None:
                    message = f"tệp '{name}' không đăng được (xem cảnh báo về tệp này)."
                ok = False
                others = [f.name for f in contents.attachments]
                report.error(
                    shown, message + did_you_mean(name, others), line=document.line_of(("files", index)), field=where
                )
                continue
            files.append(DocumentFile(found.name, found.path, found.size))
    else:
        files = [DocumentFile(f.name, f.path, f.size) for f in contents.attachments]
        if not files:
            ok = False
            report.error(
                shown,
                f"văn bản chưa có tệp: đặt tệp PDF (hoặc .docx …) vào thư mục {path.parent.name}/ "
                "cạnh index.md, hoặc khai báo 'files'.",
                line=lines.get("number", 2),
                field="files",
            )
    if not ok:
        return None
    return Document(
        source=path,
        shown=shown,
        number=meta.number,
        type=meta.type,
        issuer=meta.issuer,
        summary=meta.summary,
        issued=meta.issued,
        effective=meta.effective,
        expires=meta.expires,
        declared_status=meta.status,
        signer=meta.signer,
        fields=tuple(dict.fromkeys(meta.field)),
        files=tuple(files),
        replaces=tuple(meta.replaces),
        amends=tuple(meta.amends),
        implements=tuple(meta.implements),
        body=body,
        lines=lines,
    )


def _check_unique(documents: list[Document], report: ProblemReport) -> None:
    by_key: dict[str, list[Document]] = {}
    for document in documents:
        by_key.setdefault(document.key, []).append(document)
    for clashing in by_key.values():
        if len(clashing) < 2:
            continue
        for document in clashing:
            others = ", ".join(d.shown for d in clashing if d is not document)
            report.error(
                document.shown,
                f"số hiệu '{document.number}' trùng với văn bản khác ({others}); mỗi số hiệu chỉ khai báo một lần.",
                line=document.lines.get("number"),
                field="number",
            )


def _check_relations(register: DocumentRegister, report: ProblemReport) -> None:
    numbers = [d.number for d in register.documents.values()]
    for document in register.documents.values():
        for relation in Relation:
            for number in document.related_numbers(relation):
                other = register.find(number)
                if other is not None and other.key != document.key and other.issued > document.issued:
                    report.warning(
                        document.shown,
                        f"văn bản này (ban hành {document.issued:%d/%m/%Y}) ghi '{relation.label.lower()}' văn bản "
                        f"{other.number} ban hành sau nó ({other.issued:%d/%m/%Y}): hãy kiểm tra ngày ban hành "
                        f"hoặc đặt '{relation.field}' ở văn bản mới hơn.",
                        line=document.lines.get(relation.field),
                        field=relation.field,
                    )
                if other is None and number_key(number) not in register.declared:
                    report.error(
                        document.shown,
                        f"không có văn bản số '{number}' trong sổ văn bản (documents/)."
                        + did_you_mean(number, numbers),
                        line=document.lines.get(relation.field),
                        field=relation.field,
                    )


def _check_replacement_cycles(register: DocumentRegister, report: ProblemReport) -> None:
    """Relations must not loop: each of `replaces`, `amends`, `implements` points from a newer
    document to an older one, so a path back to the start (A thay thế B, B sửa đổi A) is impossible and
    would make both "hết hiệu lực". One message per loop, on the field of its first document."""
    reported: set[frozenset[str]] = set()
    for start in register.documents.values():
        loop = _relation_loop(register, start)
        if loop is None or frozenset(d.key for d, _ in loop) in reported:
            continue
        reported.add(frozenset(d.key for d, _ in loop))
        chain = " ".join(f"{d.number} —{relation.label.lower()}→" for d, relation in loop) + f" {start.number}"
        first = loop[0][1]
        report.error(
            start.shown,
            f"quan hệ giữa các văn bản vòng tròn: {chain}; văn bản mới thay thế, sửa đổi hoặc thực hiện "
            f"văn bản cũ, không thể ngược lại. Hãy bỏ '{first.field}' ở văn bản cũ hơn.",
            line=start.lines.get(first.field),
            field=first.field,
        )


def _relation_loop(register: DocumentRegister, start: Document) -> list[tuple[Document, Relation]] | None:
    """The (document, relation followed) steps of a path from `start` back to itself, or None."""
    stack: list[tuple[Document, list[tuple[Document, Relation]]]] = [(start, [])]
    seen = {start.key}
    while stack:
        document, path = stack.pop()
        for relation in Relation:
            for number in document.related_numbers(relation):
                other = register.find(number)
                if other is None:
                    continue
                step = [*path, (document, relation)]
                if other.key == start.key:
                    return step
                if other.key not in seen:
                    seen.add(other.key)
                    stack.append((other, step))
    return None


def check_post_documents(posts: Iterable[Post], register: DocumentRegister, report: ProblemReport) -> None:
    """Every number a post names (`documents: [05-CT/TW]`) is in the register."""
    numbers = [d.number for d in register.documents.values()]
    for post in posts:
        for number in post.documents:
            if register.find(number) is None and number_key(number) not in register.declared:
                report.error(
                    post.shown,
                    f"không có văn bản số '{number}' trong sổ văn bản (documents/)." + did_you_mean(number, numbers),
                    line=post.lines.get("documents"),
                    field="documents",
                )
