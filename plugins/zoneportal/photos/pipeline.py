"""One build's photos: probe and plan (validate phase), encode on the pool, write into the output.

    pipeline = PhotoPipeline(settings, cache_dir)
    photos = pipeline.add_post(post, post_url, report)   # for every published post; problems → report
    pipeline.start()                                     # jobs go to the pool; pages render meanwhile
    report = pipeline.finish(site_dir)                   # waits, then writes variants into site_dir

Originals are never published: only re-encoded variants, with no metadata, reach the site.
"""

from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..content.post import Photo, Post
from ..content.problems import ProblemReport
from ..vi import slugify
from .cache import ImageCache, file_digest
from .encode import EncodeJob, EncodeResult
from .pool import EncodePool
from .probe import PhotoError, probe
from .variants import ImageSettings, PostPhotos, PublishedPhoto, SourceInfo, content_key, plan_variants

# Camera and phone formats that carry EXIF/GPS and that the pipeline does not convert:
# never copied into the site as attachments.
CAMERA_SUFFIXES = {
    ".heic", ".heif", ".avif", ".dng", ".cr2", ".cr3", ".nef", ".arw", ".orf", ".rw2", ".raf", ".raw",
    ".mov", ".mp4", ".m4v", ".3gp",
}  # fmt: skip


@dataclass
class PipelineStats:
    """Counted through the pipeline (not timed): what a build did with its photos."""

    published: int = 0  # photos shown by posts (one photo in two posts counts twice)
    distinct: int = 0  # distinct photo contents
    encoded: int = 0  # encoded by this build
    reused: int = 0  # found complete in the cache
    probed: int = 0  # headers read because the file was new or changed
    files: int = 0  # variant files written into the site
    encode_cpu_seconds: float = 0.0  # summed over the workers: the work, whatever the wall clock says


@dataclass(frozen=True)
class _Owner:
    shown: str
    src: str
    line: int | None
    field: str | None


@dataclass
class PhotoPipeline:
    settings: ImageSettings
    cache_dir: Path
    workers: int = 0
    progress: bool | None = None
    stats: PipelineStats = field(default_factory=PipelineStats)

    def __post_init__(self) -> None:
        self.cache = ImageCache(self.cache_dir)
        self.pool = EncodePool(self.workers, self.progress)
        self._sources: dict[Path, tuple[str, SourceInfo] | PhotoError] = {}
        self._jobs: dict[str, EncodeJob] = {}
        self._owners: dict[str, list[_Owner]] = {}
        self._targets: list[PublishedPhoto] = []

    # --- validate and plan ---------------------------------------------------------------------

    def add_post(self, post: Post, base_url: str, report: ProblemReport) -> PostPhotos:
        """Plan every photo of a post; bad photos become errors naming the post and the photo."""
        captions = {p.path: p.caption for p in (*post.gallery, *post.body_photos) if p.caption}
        cover = None
        if post.cover is not None:
            caption = post.cover.caption or captions.get(post.cover.path)
            cover = self._add(post.shown, post.cover, base_url, report, "cover", caption, alt=caption or post.title)
        body = []
        for photo in post.body_photos:
            caption = photo.caption or captions.get(photo.path)
            body.append(self._add(post.shown, photo, base_url, report, None, caption, alt=caption or post.title))
        gallery = []
        for number, photo in enumerate(post.gallery, start=1):
            caption = photo.caption or captions.get(photo.path)
            alt = caption or f"{post.title} (ảnh {number})"
            gallery.append(self._add(post.shown, photo, base_url, report, f"gallery[{number - 1}]", caption, alt=alt))
        return PostPhotos(
            cover=cover,
            body=tuple(p for p in body if p is not None),
            gallery=tuple(p for p in gallery if p is not None),
        )

    def add_photo(
        self, shown: str, photo: Photo, base_url: str, report: ProblemReport, *, alt: str, caption: str | None = None
    ) -> PublishedPhoto | None:
        """One picture that is not a post's own photo (the first page of a PDF attachment), published
        under `base_url` like a post's photos: same cache, same variants, no metadata."""
        return self._add(shown, photo, base_url, report, None, caption, alt=alt)

    def _add(
        self,
        shown: str,
        photo: Photo,
        base_url: str,
        report: ProblemReport,
        field: str | None,
        caption: str | None,
        *,
        alt: str,
    ) -> PublishedPhoto | None:
        try:
            digest, info = self._source(photo)
        except PhotoError as exc:
            report.error(shown, str(exc), line=photo.line, field=field)
            return None
        key = content_key(digest, self.settings)
        variants = plan_variants(info, self.settings)
        width, height = info.displayed_size
        published = PublishedPhoto(
            key=key,
            source=photo.path,
            src=photo.src,
            base_url=base_url,
            name=published_name(photo.src, key),
            width=width,
            height=height,
            variants=variants,
            alt=alt,
            caption=caption,
            has_alpha=info.has_alpha,
            line=photo.line,
        )
        self._targets.append(published)
        self._owners.setdefault(key, []).append(_Owner(shown, photo.src, photo.line, field))
        if key not in self._jobs:
            self._jobs[key] = EncodeJob(key, str(photo.path), info, variants, self.settings, str(self.cache_dir))
        return published

    def inspect(self, path: Path, src: str) -> SourceInfo:
        """The validate phase's photo check (content/photo_checks.py), through this build's cache:
        a photo is probed once per build, and not at all while unchanged since an earlier one."""
        return self._source(Photo(src=src, path=path))[1]

    def _source(self, photo: Photo) -> tuple[str, SourceInfo]:
        found = self._sources.get(photo.path)
        if found is None:
            try:
                found = self.cache.known_source(photo.path)
                if found is None:
                    info = probe(photo.path, photo.src, self.settings)
                    found = (file_digest(photo.path), info)
                    self.cache.remember_source(photo.path, *found)
                    self.stats.probed += 1
            except PhotoError as exc:
                found = exc
            except OSError as exc:
                found = PhotoError(f"không đọc được ảnh '{photo.src}' ({exc.strerror}).")
            self._sources[photo.path] = found
        if isinstance(found, PhotoError):
            raise found
        return found

    # --- encode and write ----------------------------------------------------------------------

    def start(self) -> None:
        """Send every photo not already in the cache to the pool; returns at once."""
        waiting = [job for key, job in self._jobs.items() if not self.cache.has(key)]
        self.stats.published = len(self._targets)
        self.stats.distinct = len(self._jobs)
        self.stats.reused = len(self._jobs) - len(waiting)
        self.pool.submit(waiting)

    def finish(self, site_dir: Path, written: set[Path] | None = None) -> ProblemReport:
        """Wait for the pool, then copy every variant into `site_dir`. Errors come back in the report.

        `written`: a live preview's variants already in its site folder (kept from save to save, added
        to here); they are not looked for on disk again, and the cache is not pruned (a photo put
        back as it was must not be encoded again: the next build prunes)."""
        report = ProblemReport()

        def record(_job: EncodeJob, result: EncodeResult) -> None:
            if result.ok:
                if result.encoded:
                    self.stats.encoded += 1
                    self.stats.encode_cpu_seconds += result.cpu_seconds
                else:
                    self.stats.reused += 1
                return
            for owner in self._owners.get(result.key, []):
                report.error(owner.shown, f"ảnh '{owner.src}' {result.error}", line=owner.line, field=owner.field)

        self.pool.collect(record)
        if not report.has_errors():
            self._write(site_dir, report, written)
        self.cache.save_sources()
        if not report.has_errors() and written is None:
            self.cache.prune(set(self._jobs))
        return report

    def _write(self, site_dir: Path, report: ProblemReport, written: set[Path] | None) -> None:
        written = written if written is not None else set()
        for photo in self._targets:
            for variant in photo.variants:
                target = site_dir / photo.url(variant)
                if target in written or target.is_file():
                    written.add(target)
                    self.stats.files += 1
                    continue  # named by content: already there (a preview's site folder, a shared photo)
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    # A copy, not a link: nothing done to the site later can reach the cache.
                    shutil.copyfile(self.cache.variant_path(photo.key, variant.cache_name), target)
                except OSError as exc:
                    owner = self._owners[photo.key][0]
                    report.error(owner.shown, f"không ghi được ảnh '{owner.src}' vào {target} ({exc.strerror}).")
                    return
                written.add(target)
                self.stats.files += 1

    def abort(self) -> None:
        """A failed build: stop the workers, keep what the cache already holds."""
        self.pool.shutdown(cancel=True)
        self.cache.save_sources()


def published_name(src: str, key: str) -> str:
    """`Ảnh/Toàn cảnh.JPG` → `anh/toan-canh-1a2b3c4d`: ASCII, and new whenever the photo changes."""
    path = PurePosixPath(posixpath.normpath(src))
    folders = [slugify(part) or "anh" for part in path.parts[:-1] if part not in {".", ""}]
    stem = slugify(path.stem) or "anh"
    return "/".join([*folders, f"{stem}-{key[:8]}"])


def is_camera_file(path: Path) -> bool:
    return path.suffix.lower() in CAMERA_SUFFIXES
