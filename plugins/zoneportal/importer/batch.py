"""`zoneportal import`: every export → decode → parse → plan → (unless a dry run) write.

Exports are plain-text files, saved or mirrored HTML pages of the old portal, and WordPress
exports (WXR). Each becomes a `Draft` (draft.py); all drafts are planned before anything is
written, so that links between imported articles can point to their new addresses, and the
registries are written before the posts that name their new entries. A file that cannot be
imported is reported and skipped; the others still import, and the exit status says whether any
failed. An article is known by its content (`source_hash`), not by its file's name.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from rich.console import Console
from rich.progress import track

from ..content.bundle import DEFAULT_ATTACHMENT_TYPES
from ..content.problems import ProblemReport, StaffError, display_path
from ..content.registry import CATEGORIES_FILE, load_registry
from ..vi import VIETNAM_TZ, slugify
from .article import NotAnArticle, parse_article
from .bodytext import markdown_body
from .datecheck import far_from_body_dates
from .decode import Undecodable, decode_export
from .draft import PAGE_LINK, Draft, PhotoRef, content_key
from .htmlblocks import LinkRewriter
from .htmlpage import NotArticle, read_page
from .htmlphotos import PhotoFinder, PhotoLookup, photo_markdown
from .htmlsoup import UndecidedEncoding, parse_page
from .mirror import Mirror, Refused
from .registries import RegistryEditError, RegistryPlan
from .report import FileResult, Status, print_report, render
from .sources import ExportFile, find_exports
from .writer import PlannedPost, PostIndex, choose_path, find_photo_file, write_post
from .wxr import NotWxr, item_draft, read_wxr, unsized, uploads_relative

# Below this many files a progress bar is only noise.
PROGRESS_FROM = 5
_PAGE_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(" + re.escape(PAGE_LINK) + r"([^)\s]+)\)")
_PHOTO_SUFFIX = re.compile(r"\.(jpe?g|png|gif|webp|tiff?|jfif|jpe)$", re.IGNORECASE)
# Documents a page links to that are copied into the post's folder: those the portal publishes as
# attachments (content/bundle.py), stripped of their metadata at build time.
_DOCUMENT_SUFFIX = re.compile(r"\.(" + "|".join(DEFAULT_ATTACHMENT_TYPES) + r")$", re.IGNORECASE)


@dataclass
class ImportOptions:
    paths: list[Path]
    posts_dir: Path
    project_root: Path
    out_dir: Path
    category: str
    dry_run: bool = False
    force: bool = False
    csv_report: Path | None = None
    json_report: Path | None = None
    # --category given on the command line: every post gets it, old categories are not mapped.
    category_explicit: bool = False
    drafts: bool = False  # WordPress drafts too (as draft: true)
    uploads: Path | None = None  # WordPress wp-content/uploads copy


class ImportAborted(StaffError):
    """Nothing can be imported (broken registries, unknown category); `message` is in Vietnamese."""


def run_import(options: ImportOptions, console: Console, progress_console: Console | None = None) -> int:
    """Import, print the report; 0 when every file imported (or was imported before, or is not an
    article), 1 when some failed, 2 when nothing could be tried."""
    try:
        results = import_files(options, progress_console or console)
    except ImportAborted as exc:
        console.print(f"Lỗi: {exc.message}", markup=False, highlight=False)
        return 2
    print_report(results, console)
    for path, kind in ((options.csv_report, "csv"), (options.json_report, "json")):
        if path is None:
            continue
        if str(path) == "-":
            sys.stdout.write(render(results, kind))
        else:
            path.write_text(render(results, kind), encoding="utf-8")
            console.print(f"Đã ghi báo cáo {kind.upper()} vào {path}.", markup=False, highlight=False)
    return 1 if any(r.status is Status.FAILED for r in results) else 0


def import_files(options: ImportOptions, progress_console: Console) -> list[FileResult]:
    report = ProblemReport()
    registry = load_registry(options.posts_dir, options.project_root, report)
    if report.has_errors():
        raise ImportAborted(
            "danh mục trong posts/ đang có lỗi; hãy chạy 'zoneportal check', sửa, rồi nhập lại:\n" + report.render()
        )
    if options.category not in registry.categories:
        known = ", ".join(registry.categories) or "(chưa có chuyên mục nào)"
        raise ImportAborted(
            f"chuyên mục '{options.category}' không có trong posts/{CATEGORIES_FILE} (các khóa: {known}); "
            "chọn bằng --category hoặc đặt import_category trong mkdocs.yml."
        )
    if options.uploads is not None and not options.uploads.is_dir():
        raise ImportAborted(f"không tìm thấy thư mục ảnh WordPress '{options.uploads}' (--uploads).")
    plan = RegistryPlan(registry)
    importer = _Importer(options, plan, PostIndex.scan(options.out_dir))
    exports = list(find_exports(options.paths))
    show_progress = len(exports) >= PROGRESS_FROM and progress_console.is_terminal
    # The project's own posts and built site are never an export (`zoneportal import .` from the project).
    own = [options.posts_dir.resolve(), options.out_dir.resolve(), (options.project_root / "site").resolve()]
    for export in track(
        exports, description="Đang đọc bài…", console=progress_console, transient=True, disable=not show_progress
    ):
        if export.mirror is not None and export.relative and any(export.path.resolve().is_relative_to(o) for o in own):
            continue
        importer.plan_export(export)
    importer.resolve_links()
    planned = importer.planned
    if options.dry_run:
        return [result for result, _post in planned]
    try:
        edits = plan.edited_files(options.posts_dir)
    except RegistryEditError as exc:
        raise ImportAborted(exc.message + " Chưa ghi bài nào.") from None
    for path, text in edits.items():
        path.write_text(text, encoding="utf-8")
    for result, post in planned:
        if post is None or result.status is not Status.IMPORTED:
            continue
        try:
            write_post(post, force=options.force)
        except OSError as exc:
            result.status, result.error = Status.FAILED, f"không ghi được {result.post}: {exc.strerror or exc}."
    return [result for result, _post in planned]


@dataclass
class _Target:
    """Where an imported article will live, for links from the other articles."""

    url_key: tuple[int, int, str]


@dataclass
class _Importer:
    options: ImportOptions
    registries: RegistryPlan
    index: PostIndex
    planned: list[tuple[FileResult, PlannedPost | None]] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)  # content key → file shown, within this run
    targets: dict[tuple[int, str], _Target] = field(default_factory=dict)  # (mirror id, source) → post
    uploads: Mirror | None = None

    def __post_init__(self) -> None:
        if self.options.uploads is not None:
            self.uploads = Mirror.scan(self.options.uploads)

    def display(self, path: Path) -> str:
        return display_path(path, self.options.project_root)

    def failed(self, shown: str, message: str) -> None:
        self.planned.append((FileResult(shown, Status.FAILED, error=message), None))

    # --- each kind of export -------------------------------------------------------------------
    def plan_file(self, path: Path, shown: str) -> tuple[FileResult, PlannedPost | None]:
        """Plan one file on its own (its folder as the import folder): what it would become."""
        for export in find_exports([path]):
            export.shown = shown
            self.plan_export(export)
        return self.planned[-1]

    def plan_export(self, export: ExportFile) -> None:
        if export.problem is not None:
            self.failed(export.shown, export.problem)
            return
        try:
            if export.kind == "text":
                self._plan_text(export)
            elif export.kind == "html":
                self._plan_html(export)
            elif export.kind == "wxr":
                self._plan_wxr(export)
        except Exception as exc:  # a bug must not stop the other files of a batch
            self.failed(export.shown, f"lỗi nội bộ khi đọc tệp, hãy báo nhóm phát triển: {exc!r}")

    def _read(self, export: ExportFile) -> bytes | None:
        assert export.mirror is not None
        try:
            return export.mirror.open_checked(export.relative).read_bytes()
        except Refused as exc:
            self.failed(export.shown, exc.message)
        except OSError as exc:
            self.failed(export.shown, f"không đọc được tệp ({exc.strerror or exc}).")
        return None

    def _plan_text(self, export: ExportFile) -> None:
        raw = self._read(export)
        if raw is None:
            return
        try:
            decoded = decode_export(raw)
            article = parse_article(decoded.text)
        except (Undecodable, NotAnArticle) as exc:
            where = f" (dòng {exc.line})" if getattr(exc, "line", None) else ""
            self.failed(export.shown, exc.message + where)
            return
        warnings = [] if decoded.encoding == "utf_8" else [f"tệp được đọc theo mã {decoded.encoding_label}."]
        photos = []
        for placeholder in article.photos:
            found = find_photo_file(export.path, placeholder.name)
            if found is not None and export.mirror is not None:
                try:
                    export.mirror.open_checked(found.relative_to(export.mirror.root).as_posix())
                except (Refused, ValueError):
                    found = None
            photos.append(PhotoRef(src=placeholder.name, caption=placeholder.caption, file=found))
        draft = Draft(
            title=article.title,
            date=article.date,
            byline=article.byline,
            committee=article.committee,
            terms=article.terms,
            event=article.event,
            body=markdown_body(article.blocks),
            content_key=content_key(decoded.text),
            photos=photos,
            dropped=article.dropped,
            warnings=[*warnings, *article.warnings],
        )
        self._plan(draft, export, export.source)

    def _plan_html(self, export: ExportFile) -> None:
        raw = self._read(export)
        if raw is None:
            return
        mirror = export.mirror
        assert mirror is not None
        try:
            page = parse_page(raw)
        except UndecidedEncoding as exc:
            self.failed(export.shown, exc.message)
            return
        links: list[str] = []
        notes: list[str] = []
        attachments: list[tuple[Path, str]] = []
        rewriter = self._page_rewriter(mirror, export.relative, links, notes, attachments)
        result = read_page(page, export.relative, rewriter, self._mirror_photos(mirror, export.relative))
        if isinstance(result, NotArticle):
            self.planned.append((FileResult(export.shown, Status.NOT_ARTICLE, reason=result.reason), None))
            return
        result.page_links = links
        result.attachments = attachments
        result.warnings += notes
        self._plan(result, export, export.source)

    def _plan_wxr(self, export: ExportFile) -> None:
        raw = self._read(export)
        if raw is None:
            return
        try:
            wxr = read_wxr(raw, drafts=self.options.drafts)
        except NotWxr as exc:
            self.failed(export.shown, exc.message)
            return
        for title, why in wxr.skipped:
            self.planned.append((FileResult(f"{export.shown}: {title}", Status.NOT_ARTICLE, reason=why), None))
        by_link = {item.link.rstrip("/"): item.post_id for item in wxr.posts if item.link}
        for item in wxr.posts:
            source = f"{export.source}#{item.post_id}"
            links: list[str] = []
            notes: list[str] = []

            def rewrite(href: str, links: list[str] = links, notes: list[str] = notes) -> str | None:
                target = by_link.get(href.split("#", 1)[0].rstrip("/"))
                match = re.search(r"[?&]p=(\d+)", href)
                if target is None and match is not None and any(i.post_id == match[1] for i in wxr.posts):
                    target = match[1]
                if target is not None:
                    links.append(f"{export.source}#{target}")
                    return PAGE_LINK + quote(f"{export.source}#{target}", safe="/#")
                if href.startswith(("http://", "https://", "mailto:")):
                    return href
                notes.append(f"liên kết '{href}' không trỏ tới bài nào được nhập: bỏ liên kết, giữ chữ.")
                return None

            draft = item_draft(item, wxr.authors, rewrite, self._upload_photos())
            draft.page_links = links
            draft.warnings += notes
            assert export.mirror is not None
            self._plan(draft, export, source, shown=f"{export.shown}: {item.title or item.post_id}")

    # --- links and photos inside a mirror ------------------------------------------------------
    def _page_rewriter(
        self, mirror: Mirror, page: str, links: list[str], notes: list[str], attachments: list[tuple[Path, str]]
    ) -> LinkRewriter:
        copied: dict[str, str] = {}  # mirror path → name in the post's folder (a document linked twice)
        taken: set[str] = set()

        def rewrite(href: str) -> str | None:
            if href.startswith("#") or href.lower().startswith("javascript:"):
                return None
            if href.lower().startswith(("mailto:", "tel:")):
                return href
            try:
                found = mirror.resolve_link(page, href)
                if found is not None and _DOCUMENT_SUFFIX.search(found.split("?", 1)[0]):
                    source = mirror.open_checked(found)  # a symlink is refused, as for photos
                    if found not in copied:
                        copied[found] = _bundle_name(found, taken, _DOCUMENT_SUFFIX)
                        attachments.append((source, copied[found]))
                    return copied[found]
            except Refused as exc:
                notes.append(f"liên kết bị từ chối: {exc.message}")
                return None
            if found is None:
                if href.startswith(("http://", "https://")):
                    return href  # another site: kept as it is, never fetched
                what = "tệp" if _DOCUMENT_SUFFIX.search(urlsplit(href).path) else "trang"
                notes.append(f"liên kết '{href}' trỏ tới {what} không có trong bản lưu: bỏ liên kết, giữ chữ.")
                return None
            links.append(found)
            return PAGE_LINK + quote(found, safe="/#")

        return rewrite

    def _mirror_photos(self, mirror: Mirror, page: str) -> PhotoFinder:
        def find(src: str) -> PhotoLookup:
            try:
                found = mirror.resolve_link(page, src)
            except Refused as exc:
                return PhotoLookup(refused=exc.message)
            if found is None:
                return PhotoLookup()
            try:
                mirror.open_checked(found)
            except Refused as exc:
                return PhotoLookup(refused=exc.message)
            return PhotoLookup(file=str(mirror.path(found)))

        return find

    def _upload_photos(self) -> PhotoFinder:
        def find(src: str) -> PhotoLookup:
            relative = uploads_relative(src) if "://" in src or src.startswith("/") else src
            if self.uploads is None or relative is None:
                return PhotoLookup()
            for candidate in unsized(relative):
                try:
                    found = self.uploads.resolve_link("", candidate)
                except Refused as exc:
                    return PhotoLookup(refused=exc.message)
                if found is not None:
                    self.uploads.open_checked(found)
                    return PhotoLookup(file=str(self.uploads.path(found)))
            return PhotoLookup()

        return find

    # --- one article → one planned post --------------------------------------------------------
    def _plan(self, draft: Draft, export: ExportFile, source: str, shown: str | None = None) -> None:
        shown = shown or export.shown
        earlier_in_run = self.seen.get(draft.content_key)
        if earlier_in_run is not None:
            self.planned.append(
                (
                    FileResult(shown, Status.SKIPPED, reason=f"cùng nội dung với {earlier_in_run} trong lần nhập này."),
                    None,
                )
            )
            return
        self.seen[draft.content_key] = shown
        earlier = self.index.by_key.get(draft.content_key) or self.index.by_source_title.get((source, draft.title))
        mirror_id = id(export.mirror)
        if earlier is not None and not self.options.force:
            self.planned.append(
                (
                    FileResult(
                        shown,
                        Status.SKIPPED,
                        post=self.display(earlier),
                        reason="đã nhập trước đó (cùng nội dung); không ghi đè. Dùng --force để nhập lại bài đó.",
                    ),
                    None,
                )
            )
            key = self.index.url_of.get(earlier)
            if key is not None:
                self.targets[(mirror_id, export.relative if export.kind == "html" else source)] = _Target(key)
            return
        warnings = list(draft.warnings)
        same_name = self.index.by_source.get(source)
        if same_name is not None and same_name != earlier:
            warnings.append(
                f"{self.display(same_name)} cũng được nhập từ '{source}' nhưng nội dung khác: nhập thành bài mới, "
                "không ghi đè bài đó."
            )
        fields: list[tuple[str, Any, str | None]] = [("title", draft.title, None)]
        if not draft.title.strip():
            warnings.append("dòng tiêu đề trống: hãy đặt tiêu đề cho bài.")
        draft_post = draft.draft
        if draft.date is not None:
            moment, date_text = draft.date.moment, draft.date.front_matter
            fields.append(("date", date_text, None))
        else:
            moment = datetime.fromtimestamp(export.path.stat().st_mtime, VIETNAM_TZ)
            date_text = moment.strftime("%Y-%m-%d %H:%M")
            fields.append(("date", date_text, "CHƯA RÕ: không thấy ngày đăng, tạm lấy ngày sửa tệp gốc"))
            warnings.append("không tìm thấy ngày đăng: tạm lấy ngày sửa tệp gốc và để bài ở dạng nháp (draft).")
            draft_post = True
        far = far_from_body_dates(moment.date(), [draft.body])
        if far is not None:
            warnings.append(far)
        author = self.registries.author_for(draft.byline)
        _resolved_field(
            fields, warnings, "author", author, found=draft.byline is not None,
            unknown="CHƯA RÕ: bài gốc không ghi tác giả", warning=f"không tìm thấy tên tác giả: ghi '{author}'.",
        )  # fmt: skip
        committee = self.registries.committee_for(draft.committee)
        _resolved_field(
            fields, warnings, "committee", committee, found=draft.committee is not None,
            unknown="CHƯA RÕ: bài gốc không nêu tổ chức đảng",
            warning=f"không tìm thấy tổ chức đảng (Đảng bộ/Đảng ủy/Chi bộ …): ghi '{committee}'.",
        )  # fmt: skip
        term, term_warning = None, None
        if draft.committee is not None:  # an unknown organisation collects no terms
            term, term_warning = self.registries.term_for(committee, draft.terms, moment.date())
        if term_warning:
            warnings.append(term_warning)
        if term:
            fields.append(("term", term, None))
        fields.append(("categories", self._categories(draft), None))
        if draft.tags:
            fields.append(("tags", draft.tags, None))
        if draft.event is not None:
            fields.append(("event", draft.event.kind, None))
            if draft.event.number:
                fields.append(("number", draft.event.number, None))
        body, cover, gallery, photo_files, missing = self._photos(draft)
        if cover is not None:
            fields.append(("cover", cover, None))
        if gallery:
            fields.append(("gallery", gallery, None))
        photo_count = len(photo_files) + len(missing)
        photo_files += draft.attachments
        if draft_post:
            fields.append(("draft", True, None))
        fields.append(("source", source, None))
        fields.append(("source_hash", draft.content_key, None))

        if earlier is not None:
            self.index.release(earlier)
        title_slug = slugify(draft.title)
        target, slug = choose_path(
            self.options.out_dir,
            moment.year,
            moment.month,
            title_slug,
            bool(gallery or photo_files),
            self.index,
            reusable=earlier,
        )
        if slug is not None:
            fields.insert(2, ("slug", slug, None))
        url_key = (moment.year, moment.month, slug or title_slug)
        self.index.claim(target, url_key, source, draft.content_key)
        self.targets[(mirror_id, export.relative if export.kind == "html" else source)] = _Target(url_key)
        post = PlannedPost(target, fields, body, photo_files, replaces=earlier)
        post.page_links = [(mirror_id, link) for link in draft.page_links]
        post.url_key = url_key
        result = FileResult(
            file=shown,
            status=Status.PLANNED if self.options.dry_run else Status.IMPORTED,
            post=self.display(target),
            title=draft.title,
            date=date_text,
            author=self.registries.author_name(author),
            author_key=author,
            committee=self.registries.committee_name(committee),
            committee_key=committee,
            term=term,
            event=draft.event.kind if draft.event else None,
            photos=photo_count,
            missing_photos=missing,
            warnings=warnings,
            dropped=draft.dropped,
        )
        self.planned.append((result, post))

    def _categories(self, draft: Draft) -> list[str]:
        if self.options.category_explicit or not draft.category_names:
            return [self.options.category]
        # A breadcrumb's last label is the page's own category; a WordPress post names each of its own.
        names = draft.category_names if draft.tags or len(draft.category_names) == 1 else draft.category_names[-1:]
        keys: list[str] = []
        for name in names:
            key = self.registries.category_for(name)
            if key not in keys:
                keys.append(key)
        return keys

    def _photos(self, draft: Draft) -> tuple[str, str | None, list[dict[str, Any]], list[tuple[Path, str]], list[str]]:
        """The body with its photos named, the cover, the gallery (photos listed, missing ones), files
        to copy.

        The first photo found is the cover (the thumbnail on the home page and listings). The article
        shows its cover above the body, so that photo leaves the body rather than show twice; its
        caption moves to a gallery entry of the same file, which the cover shows as its caption and
        the gallery section does not repeat (PostPhotos.gallery_only)."""
        body = draft.body
        cover: str | None = None
        gallery: list[dict[str, Any]] = []
        files: list[tuple[Path, str]] = []
        missing: list[str] = []
        taken: set[str] = set()
        for photo in draft.photos:
            source_file = photo.file
            name = _bundle_name(photo.src if source_file is None else source_file.name, taken)
            if source_file is not None and cover is None:
                cover = name
                files.append((source_file, name))
                if photo.inline:
                    body = _without_token(body, photo.token)
                    if photo.caption:
                        gallery.insert(0, {"src": name, "caption": photo.caption})
                    continue
            elif source_file is not None and photo.inline:
                files.append((source_file, name))
                body = body.replace(photo.token, photo_markdown(name, photo.caption))
                continue
            item: dict[str, Any] = {"src": name}
            if photo.caption:
                item["caption"] = photo.caption
            if source_file is not None:
                if name != cover:
                    files.append((source_file, name))
            else:
                # Never invent a photo: the entry waits for the file (see README, `missing`).
                item["missing"] = True
                missing.append(photo.src)
            gallery.append(item)
        return body, cover, gallery, files, missing

    def resolve_links(self) -> None:
        """Links to other pages of the old portal → the new address of the post made from that page."""
        for result, post in self.planned:
            if post is None or not post.page_links:
                continue
            mirror_id = post.page_links[0][0]

            def replace(match: re.Match[str], mirror_id: int = mirror_id, result: FileResult = result) -> str:
                target = self.targets.get((mirror_id, unquote(match[2])))
                if target is None:
                    result.warnings.append(
                        f"liên kết tới trang cũ '{match[2]}' (không phải bài được nhập): bỏ liên kết, giữ chữ."
                    )
                    return match[1]
                year, month, slug = target.url_key
                return f"[{match[1]}](../../../{year}/{month:02d}/{slug}/index.md)"

            post.body = _PAGE_LINK.sub(replace, post.body)


def _without_token(body: str, token: str) -> str:
    """The body without a photo's placeholder, and without the empty paragraph it leaves."""
    body = re.sub(r"(?m)^[ \t]*" + re.escape(token) + r"[ \t]*\n?", "", body)
    body = body.replace(token, "")
    return re.sub(r"\n{3,}", "\n\n", body).lstrip("\n")


def _resolved_field(
    fields: list[tuple[str, Any, str | None]],
    warnings: list[str],
    name: str,
    value: str,
    *,
    found: bool,
    unknown: str,
    warning: str,
) -> None:
    """A field the old page named, or the placeholder it falls back to: then marked for staff to
    fill in (a comment in the front matter) and warned about in the report."""
    fields.append((name, value, None if found else unknown))
    if not found:
        warnings.append(warning)


def _bundle_name(original: str, taken: set[str], kind: re.Pattern[str] = _PHOTO_SUFFIX) -> str:
    """A safe, unique file name in the bundle: "Ảnh hội nghị 1.JPG" → "anh-hoi-nghi-1.jpg",
    "Kế hoạch số 12.PDF" → "ke-hoach-so-12.pdf"; `kind` says which extensions are kept."""
    name = PurePosixPath(original.split("?", 1)[0].split("#", 1)[0]).name or "anh"
    suffix = PurePosixPath(name).suffix.lower()
    if not kind.search(suffix):
        stem, suffix = name, ""
    else:
        stem = name[: -len(suffix)]
    if suffix in (".jfif", ".jpe"):
        suffix = ".jpg"
    stem = slugify(stem) or ("anh" if kind is _PHOTO_SUFFIX else "tep")
    candidate, number = f"{stem}{suffix}", 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}{suffix}", number + 1
    taken.add(candidate)
    return candidate
