"""Encode one photo into its variants (Pillow). Runs in worker processes: top-level, picklable, no MkDocs.

Order matters: decode (JPEG at the smallest DCT scale still big enough), apply the EXIF orientation,
convert to sRGB RGB/RGBA, resize down, then save with no metadata at all: no EXIF (GPS, camera,
date), no XMP, no comments, no ICC profile (pixels are converted to sRGB instead).
"""

from __future__ import annotations

import io
import struct
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from .cache import ImageCache
from .variants import ImageSettings, SourceInfo, Variant

_WHITE = (255, 255, 255)
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class EncodeJob:
    key: str
    source: str
    info: SourceInfo
    variants: tuple[Variant, ...]
    settings: ImageSettings
    cache_root: str


@dataclass(frozen=True)
class EncodeResult:
    key: str
    ok: bool
    encoded: bool = False  # False: another build or job had already made this entry
    error: str | None = None  # Vietnamese, without the photo's name (the pipeline names post and photo)
    cpu_seconds: float = 0.0  # CPU time the worker spent on this photo (for measurements, not a timed test)


def encode_job(job: EncodeJob) -> EncodeResult:
    """Worker entry point: make the variants of one photo and store them in the cache."""
    cache = ImageCache(Path(job.cache_root))
    if cache.has(job.key):
        return EncodeResult(job.key, ok=True)
    Image.MAX_IMAGE_PIXELS = job.settings.max_pixels  # this process only
    started = time.process_time()
    try:
        files = encode_variants(Path(job.source), job.info, job.variants, job.settings)
    except Image.DecompressionBombError:
        return EncodeResult(job.key, ok=False, error="có quá nhiều điểm ảnh để giải nén an toàn.")
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error) as exc:
        return EncodeResult(
            job.key,
            ok=False,
            error=f"bị hỏng hoặc không đầy đủ, có thể tệp bị cắt khi sao chép ({exc}). Hãy chép lại ảnh gốc.",
        )
    manifest = {
        "key": job.key,
        "source": {"width": job.info.width, "height": job.info.height, "orientation": job.info.orientation},
        "settings": job.settings.fingerprint(),
        "variants": [{"name": v.cache_name, "width": v.width, "height": v.height} for v in job.variants],
    }
    cache.store(job.key, files, manifest)
    return EncodeResult(job.key, ok=True, encoded=True, cpu_seconds=time.process_time() - started)


def encode_variants(
    source: Path, info: SourceInfo, variants: tuple[Variant, ...], settings: ImageSettings
) -> dict[str, bytes]:
    """Cache file name → encoded bytes, for every planned variant."""
    base = load_oriented(source, info, variants)
    files: dict[str, bytes] = {}
    current = base
    for width, height in sorted({(v.width, v.height) for v in variants}, reverse=True):
        if current.size != (width, height):
            # Each size from the next larger one: fast, and still a clean downscale (ratio ≥ 0.5).
            current = current.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for variant in variants:
            if (variant.width, variant.height) == (width, height):
                files[variant.cache_name] = save(current, variant.format, settings)
    return files


def load_oriented(source: Path, info: SourceInfo, variants: tuple[Variant, ...]) -> Image.Image:
    with Image.open(source) as image:
        if image.format == "JPEG" and variants:
            wanted = max(variants, key=lambda v: v.width)
            size = (wanted.width, wanted.height)
            if info.orientation in {5, 6, 7, 8}:
                size = (size[1], size[0])  # the file stores the picture turned by 90°
            image.draft(None, size)
        image.load()
        try:
            oriented = ImageOps.exif_transpose(image)
        except (ValueError, TypeError, KeyError, struct.error):
            # EXIF too damaged for Pillow to read: use the orientation the probe salvaged.
            oriented = image.transpose(_TRANSPOSE[info.orientation]) if info.orientation in _TRANSPOSE else image.copy()
    return to_srgb(oriented)


def to_srgb(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when the photo really has transparency, in sRGB; everything else dropped."""
    icc = image.info.get("icc_profile")
    mode = image.mode
    if mode in {"I;16", "I;16B", "I;16L", "I;16N", "I"}:
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif mode == "F":
        image = image.convert("L")
    if icc and image.mode in {"RGB", "RGBA", "CMYK"}:
        image = _profile_to_srgb(image, icc)
    if image.mode in {"P", "PA"}:
        image = image.convert("RGBA" if image.mode == "PA" or "transparency" in image.info else "RGB")
    elif image.mode in {"LA", "La", "RGBa"}:
        image = image.convert("RGBA")
    elif image.mode in {"L", "1", "CMYK", "YCbCr", "LAB", "HSV"} or (
        image.mode == "RGB" and "transparency" in image.info
    ):
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    if image.mode not in {"RGB", "RGBA"}:
        image = image.convert("RGB")
    image.info = {}
    return image


def _profile_to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in (ImageCms.getProfileDescription(profile) or "").lower().replace(" ", ""):
            return image
        output = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(image, profile, ImageCms.createProfile("sRGB"), outputMode=output)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # a broken profile: fall back to Pillow's plain conversion
    return converted if converted is not None else image


def save(image: Image.Image, fmt: str, settings: ImageSettings) -> bytes:
    """Encode with nothing but pixels: `info` is cleared and no metadata argument is passed."""
    out = io.BytesIO()
    if fmt == "webp":
        picture = image.copy()
        picture.info = {}
        picture.save(out, "WEBP", quality=settings.webp_quality, method=4)
    else:
        picture = flatten(image)
        picture.info = {}
        picture.save(out, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)
    return out.getvalue()


def flatten(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: lay a transparent photo on white, as a page would show it."""
    if image.mode != "RGBA":
        return image.convert("RGB") if image.mode != "RGB" else image.copy()
    background = Image.new("RGB", image.size, _WHITE)
    background.paste(image, mask=image.getchannel("A"))
    return background
