"""The validate phase, shared by `zoneportal check`, the build and the preview: every post is read,
its fields, registry keys, photos (header probe) and captions checked, URLs compared, and every
problem of every file collected into one report before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .attachments import check_attachments
from .bulk import in_bulk
from .photo_checks import PhotoInspector, check_post_photos, post_photos
from .post import Post
from .problems import Problem, ProblemReport, did_you_mean, display_path
from .read_cache import LINK, PostStore, StoredPost, current_states, reading_salt
from .reader import find_post_files, read_post_salvaged
from .registry import AUTHORS_FILE, CATEGORIES_FILE, COMMITTEES_FILE, EVENTS_FILE, Registry, load_registry
from .url_history import UrlHistory

REGISTRY_FILES = (AUTHORS_FILE, CATEGORIES_FILE, COMMITTEES_FILE, EVENTS_FILE)

# What `zoneportal new` writes where staff still have to choose a key.
PLACEHOLDER = "chua-chon"


StatKey = tuple[int, ...]


@dataclass
class ContentCache:
    """What one build read, reused by the next while files are unchanged (live preview of a
    large archive re-reads only the post that was saved). Keyed by size and mtime.

    `store`: posts kept on disk by earlier builds, found by their file's content (read_cache.py);
    `by_stat=False` (a one-off build) skips the size-and-mtime layer, which only a live preview's
    next rebuild would use."""

    registry_key: tuple[StatKey | None, ...] = ()
    registry: Registry | None = None
    registry_problems: list[Problem] = field(default_factory=list)
    posts: dict[Path, _CachedPost] = field(default_factory=dict)
    store: PostStore | None = None
    by_stat: bool = True


@dataclass(frozen=True)
class _CachedPost:
    key: StatKey
    post: Post | None
    problems: list[Problem]
    # Photos the post names, with their stat keys: a photo replaced under the same name is probed again.
    photos: tuple[tuple[Path, StatKey | None], ...] = ()

    def photos_unchanged(self) -> bool:
        return all(_stat_key(path) == key for path, key in self.photos)


@in_bulk
def load_content(
    posts_dir: Path,
    project_root: Path,
    cache: ContentCache | None = None,
    inspect_photo: PhotoInspector | None = None,
    url_history: UrlHistory | None = None,
) -> tuple[Registry, list[Post], ProblemReport]:
    """Read and validate everything under `posts/`; drafts are kept (the caller decides).

    The posts are those without errors (a post with any error is left out); entries waiting for
    review are in the registry, listed in `registry.pending` (what is public is decided by
    review.hold_for_review, in the plan). `report.checked` counts the post files read."""
    if inspect_photo is None:
        inspect_photo = default_photo_inspector()
    report = ProblemReport()
    if not posts_dir.is_dir():
        report.error(str(posts_dir), "không tìm thấy thư mục bài viết (cấu hình posts_dir trong mkdocs.yml).")
        return Registry(), [], report
    cache = cache if cache is not None else ContentCache()
    registry_key = tuple(_stat_key(posts_dir / name) for name in REGISTRY_FILES)
    if cache.registry is None or cache.registry_key != registry_key:
        registry_report = ProblemReport()
        cache.registry = load_registry(posts_dir, project_root, registry_report)
        cache.registry_key, cache.registry_problems = registry_key, registry_report.problems
        cache.posts.clear()  # every post is checked against the registries
    registry = cache.registry
    report.problems.extend(cache.registry_problems)
    store = cache.store
    if store is not None:
        store.open(reading_salt([posts_dir / name for name in REGISTRY_FILES]), project_root)
    posts = []
    seen = set()
    folders: dict[Path, StatKey | None] = {}  # a year folder holds hundreds of posts: stat it once
    skipped: list[tuple[Path, str]] = []
    for path in find_post_files(posts_dir, skipped):
        seen.add(path)
        if cache.by_stat:
            # The folder's mtime moves when a photo is added or removed beside the post.
            if path.parent not in folders:
                folders[path.parent] = _stat_key(path.parent)
            key = (*(_stat_key(path) or ()), *(folders[path.parent] or ()))
            cached = cache.posts.get(path)
            if cached is None or cached.key != key or not cached.photos_unchanged():
                cached = cache.posts[path] = _check_post(path, key, project_root, registry, inspect_photo, store)
        else:
            cached = _check_post(path, (), project_root, registry, inspect_photo, store)
        report.problems.extend(cached.problems)
        if cached.post is not None:
            posts.append(cached.post)
    report.checked = len(seen)
    for folder, reason in skipped:
        # The link itself, not resolved: resolving it is what loops.
        report.warning(f"{display_path(folder.parent, project_root)}/{folder.name}", reason)
    for gone in set(cache.posts) - seen:
        del cache.posts[gone]
    check_unique_urls(posts, report)
    if url_history is not None:
        url_history.check(posts, report)
    return registry, posts, report


def _check_post(
    path: Path,
    key: StatKey,
    project_root: Path,
    registry: Registry,
    inspect_photo: PhotoInspector,
    store: PostStore | None = None,
) -> _CachedPost:
    """Every check of one post, all run even when an earlier one failed (one report, one pass).
    With a store, a file whose bytes an earlier build checked is not parsed again: its problems
    are those stored, its photos probed again (photo problems follow the photos, not the file)."""
    data: bytes | None = None
    stored_key = ""
    if store is not None:
        try:
            data = path.read_bytes()
        except OSError:
            data = None  # read_post_salvaged reports it
        else:
            stored_key = store.key(path, data)
            stored = store.get(stored_key, path.parent)
            if stored is not None:
                return _from_store(stored, key, inspect_photo)
    post_report = ProblemReport()
    read = read_post_salvaged(path, project_root, post_report, data)
    if read.post is None:
        if stored_key and store is not None:
            store.put(stored_key, StoredPost(None, None, tuple(post_report.problems), ()))
        return _CachedPost(key, None, post_report.problems)
    checked = check_references(read.post, registry, post_report, skip=read.failed)
    before_photos = len(post_report.problems)
    check_post_photos(read.post, post_report, inspect_photo)
    after_photos = len(post_report.problems)
    links = check_attachments(read.post, post_report)
    if stored_key and store is not None:
        references = (*read.references, *((LINK, target) for target in links))
        problems = post_report.problems
        store.put(
            stored_key,
            StoredPost(
                read.post,
                checked,
                tuple(problems[:before_photos]),
                tuple(problems[after_photos:]),
                references,
                current_states(path.parent, references),
            ),
        )
    photos = tuple((photo.path, _stat_key(photo.path)) for photo in post_photos(read.post))
    publishable = checked if not post_report.has_errors() else None
    return _CachedPost(key, publishable, post_report.problems, photos)


def _from_store(stored: StoredPost, key: StatKey, inspect_photo: PhotoInspector) -> _CachedPost:
    if stored.read is None:
        return _CachedPost(key, None, list(stored.before_photos))
    post_report = ProblemReport(list(stored.before_photos))
    check_post_photos(stored.read, post_report, inspect_photo)
    post_report.problems.extend(stored.after_photos)
    photos = tuple((photo.path, _stat_key(photo.path)) for photo in post_photos(stored.read))
    publishable = stored.checked if not post_report.has_errors() else None
    return _CachedPost(key, publishable, post_report.problems, photos)


def default_photo_inspector() -> PhotoInspector:
    from ..photos.probe import HeaderProbe
    from ..photos.variants import ImageSettings

    return HeaderProbe(ImageSettings())


def _stat_key(path: Path) -> StatKey | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def check_references(
    post: Post, registry: Registry, report: ProblemReport, skip: frozenset[str] = frozenset()
) -> Post | None:
    """Resolve the post's term and check every key it names; None when it cannot be published.
    Fields in `skip` already failed the schema (their values are stand-ins): not checked again."""
    ok = not skip

    def missing(field: str, value: str, registry_file: str, choices: dict[str, object], what: str) -> None:
        nonlocal ok
        ok = False
        if value == PLACEHOLDER:
            listed = ", ".join(choices) or "(danh mục đang trống)"
            message = f"chưa chọn {what}: thay '{PLACEHOLDER}' bằng một khóa trong posts/{registry_file}: {listed}."
        else:
            message = f"không có {what} '{value}' trong posts/{registry_file}.{did_you_mean(value, choices)}"
        report.error(post.shown, message, line=_line_of(post, field), field=field)

    if "author" not in skip and post.author not in registry.authors:
        missing("author", post.author, AUTHORS_FILE, registry.authors, "tác giả")
    for category in post.categories if "categories" not in skip else ():
        if category not in registry.categories:
            missing("categories", category, CATEGORIES_FILE, registry.categories, "chuyên mục")
    if "event" not in skip and post.event is not None and post.event not in registry.events:
        missing("event", post.event, EVENTS_FILE, registry.events, "loại sự kiện")
    if "committee" in skip:
        return None
    committee = registry.committees.get(post.committee)
    if committee is None:
        missing("committee", post.committee, COMMITTEES_FILE, registry.committees, "tổ chức")
        return None
    if "date" in skip or "term" in skip:
        return None  # the term cannot be checked against a date that is not there

    day = post.date.date()
    term_key = post.term
    if term_key is not None:
        term = committee.term(term_key)
        if term is None:
            known = ", ".join(t.key for t in committee.terms) or "chưa khai báo nhiệm kỳ nào"
            report.error(
                post.shown,
                f"tổ chức '{committee.key}' không có nhiệm kỳ {term_key} (các nhiệm kỳ: {known}).",
                line=_line_of(post, "term"),
                field="term",
            )
            return None
        if not term.contains(day):
            report.error(
                post.shown,
                f"ngày đăng {day:%d/%m/%Y} nằm ngoài nhiệm kỳ {term.key} của '{committee.key}' "
                f"({term.first_day:%d/%m/%Y} – {term.last_day:%d/%m/%Y}).",
                line=_line_of(post, "date"),
                field="date",
            )
            return None
    else:
        derived = committee.term_on(day)
        term_key = derived.key if derived else None
    if not ok:
        return None
    # The post as read when its term was given: a copy of every field for nothing was a tenth of checking it.
    return post if term_key == post.term else replace(post, term=term_key)


def check_unique_urls(posts: list[Post], report: ProblemReport) -> None:
    """Two posts with one URL would overwrite each other in site/: name both, publish neither."""
    by_url: dict[tuple[int, int, str], list[Post]] = {}
    for post in posts:
        if not post.draft:
            by_url.setdefault(post.url_key, []).append(post)
    for (year, month, slug), clashing in by_url.items():
        if len(clashing) < 2:
            continue
        names = ", ".join(p.shown for p in clashing)
        for post in clashing:
            report.error(
                post.shown,
                f"trùng địa chỉ /{year}/{month:02d}/{slug}/ với bài khác ({names}); "
                "đổi tiêu đề hoặc khai báo 'slug' khác cho một bài.",
                line=_line_of(post, "slug") or _line_of(post, "title"),
                field="slug",
            )


def _line_of(post: Post, field: str) -> int | None:
    return post.lines.get(field)
