"""Office attachments: author fields scrubbed from OOXML (docx, xlsx, pptx) and ODF (odt, ods, odp).

No well-kept Python library strips these without a desktop stack (mat2 needs GObject and
poppler), so this is a careful rewrite of the zip: every member is copied byte for byte except the
metadata parts, which are replaced by empty (valid) ones:

* OOXML: `docProps/core.xml` (creator, lastModifiedBy, title …), `docProps/app.xml` (Company,
  Manager, Template, application name), `docProps/custom.xml` (user-defined fields) emptied;
* ODF: `meta.xml` (initial-creator, creator, generator, printed-by, user-defined fields).

Names also hide inside the content: who wrote each comment and each tracked change (OOXML
`w:author`/`w:initials` in `word/document.xml`, `comments.xml`, `people.xml`; `<author>` in an
Excel `comments*.xml`, `displayName` in `persons/`; PowerPoint `commentAuthors.xml`; ODF
`dc:creator` in `content.xml`/`styles.xml` annotations and change-info). Those attributes and
elements are emptied in every XML part, keeping the markup valid, and ODF `settings.xml` (printer
name, view settings) is replaced by an empty one.

Inside the package: photos (`word/media/*.jpg`, `Pictures/*.png`) lose their EXIF/XMP/text segments
without being re-encoded (`embedded_images`), and an office file embedded in another (a spreadsheet in
a report) is cleaned the same way, recursively. Embedded legacy objects (`embeddings/*.bin`, OLE) and
other photo formats are named back to the caller, and `check` warns about them.

Legacy binary formats (doc, xls, ppt) cannot be rewritten safely: `check` warns that they are
published as they are.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from . import embedded_images

CORE_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
)
CUSTOM_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)
META_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.2"><office:meta/></office:document-meta>'
)
SETTINGS_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.2"/>'
)
# Attributes naming a person, in any namespace prefix (w:author, w15:author, p:name is below).
_PERSON_ATTRIBUTE = re.compile(rb'(\s(?:[\w.-]+:)?(?:author|initials|displayName|userId|providerId))="[^"]*"')
# Elements holding a person's name: Excel comment authors, ODF/Dublin Core creators.
_PERSON_ELEMENT = re.compile(rb"(<((?:[\w.-]+:)?(?:author|creator))(?:\s[^>]*)?>)[^<]*(</\2>)")
# PowerPoint's comment authors carry the person in `name`.
_PPT_AUTHOR_NAME = re.compile(rb'(<(?:[\w.-]+:)?cmAuthor\b[^>]*?\sname=)"[^"]*"')
OOXML = frozenset({"docx", "xlsx", "pptx"})
MACRO_OOXML = frozenset({"docm", "xlsm", "pptm"})  # only ever met embedded: attachments are never these
# Parts that may carry a person's name and that no rewrite here can clean: embedded legacy (OLE)
# objects, other photo formats with EXIF.
UNCLEANABLE = frozenset({"bin", "ole", "doc", "xls", "ppt", "tif", "tiff", "heic", "webp", "wdp"})
MAX_EMBEDDING_DEPTH = 3
ODF = frozenset({"odt", "ods", "odp"})
LEGACY_OFFICE = frozenset({"doc", "xls", "ppt", "rtf"})


class OfficeError(ValueError):
    pass


def clean_office(source: Path, target: Path, extension: str) -> list[str]:
    """Copy `source` to `target` with its metadata parts replaced (see the module docstring); return the
    parts inside it published as they are (embedded legacy objects that cannot be cleaned)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    as_is: list[str] = []
    try:
        cleaned = _clean_package(source.read_bytes(), extension, "", as_is, depth=0)
    except (zipfile.BadZipFile, OSError, KeyError, EOFError) as exc:
        target.unlink(missing_ok=True)
        raise OfficeError(f"tệp {extension.upper()} bị hỏng, không đọc được ({exc}).") from None
    target.write_bytes(cleaned)
    return as_is


def _clean_package(data: bytes, extension: str, prefix: str, as_is: list[str], *, depth: int) -> bytes:
    """A package's bytes cleaned; an office file embedded in it (a spreadsheet in a report) likewise."""
    replacements: dict[str, bytes]
    if extension in OOXML | MACRO_OOXML:
        replacements = {"docProps/core.xml": CORE_XML, "docProps/app.xml": APP_XML, "docProps/custom.xml": CUSTOM_XML}
    elif extension in ODF:
        replacements = {"meta.xml": META_XML, "settings.xml": SETTINGS_XML}
    else:
        raise ValueError(extension)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            if info.filename in replacements:
                new.writestr(_fresh(info), replacements[info.filename], compress_type=zipfile.ZIP_DEFLATED)
                continue
            # `mimetype` of ODF must stay first and stored: copying in order with the same
            # compression keeps it so.
            member = _clean_member(info.filename, old.read(info.filename), prefix, as_is, depth=depth)
            new.writestr(info, member, compress_type=info.compress_type)
    return out.getvalue()


def _clean_member(name: str, data: bytes, prefix: str, as_is: list[str], *, depth: int) -> bytes:
    lower = name.lower()
    extension = lower.rsplit(".", 1)[-1] if "." in lower.rsplit("/", 1)[-1] else ""
    if lower.endswith((".xml", ".rels")):
        return scrub_people(data)
    try:
        if extension in ("jpg", "jpeg", "jpe", "jfif"):
            return embedded_images.strip_jpeg(data)
        if extension == "png":
            return embedded_images.strip_png(data)
    except embedded_images.NotAnImage:
        as_is.append(prefix + name)
        return data
    if extension in OOXML | MACRO_OOXML | ODF and depth < MAX_EMBEDDING_DEPTH:
        try:
            return _clean_package(data, extension, f"{prefix}{name}/", as_is, depth=depth + 1)
        except (zipfile.BadZipFile, KeyError, EOFError):
            as_is.append(prefix + name)
            return data
    if extension in UNCLEANABLE or "/embeddings/" in f"/{lower}":
        as_is.append(prefix + name)
    return data


def scrub_people(xml: bytes) -> bytes:
    """`xml` with every person's name emptied (see the module docstring); the rest byte for byte."""
    xml = _PERSON_ATTRIBUTE.sub(rb'\1=""', xml)
    xml = _PERSON_ELEMENT.sub(rb"\1\3", xml)
    return _PPT_AUTHOR_NAME.sub(rb'\1""', xml)


def _fresh(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    fresh = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
    fresh.compress_type = zipfile.ZIP_DEFLATED
    return fresh
