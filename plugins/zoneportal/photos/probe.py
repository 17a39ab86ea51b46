"""Read a photo's header (never its pixels): size, orientation, mode; refuse what cannot be published.

Runs in the validate phase, so every bad photo is reported before a page is rendered. Damage that
only decoding reveals (a truncated file) is caught by encode.py and reported the same way.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..content.problems import StaffError
from .variants import ImageSettings, SourceInfo

ORIENTATION_TAG = 0x0112
READABLE_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF"}
_HEIF_SUFFIXES = {".heic", ".heif", ".avif"}


class PhotoError(StaffError):
    """A photo that cannot be published; the message is Vietnamese and names the photo."""


def probe(path: Path, shown_name: str, settings: ImageSettings) -> SourceInfo:
    """What the header says, or `PhotoError` with what staff should do about it."""
    if path.suffix.lower() in _HEIF_SUFFIXES:
        raise PhotoError(
            f"ảnh '{shown_name}' ở định dạng {path.suffix[1:].upper()} chưa được hỗ trợ; "
            "hãy xuất ảnh sang JPEG (hoặc PNG) rồi đăng lại."
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PhotoError(f"không đọc được ảnh '{shown_name}' ({exc.strerror}).") from None
    if size == 0:
        raise PhotoError(f"tệp ảnh '{shown_name}' rỗng (0 byte); hãy chép lại ảnh gốc.")
    try:
        with warnings.catch_warnings():
            # We check the pixel count ourselves, against our own limit, with our own message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return _describe(image, shown_name, settings)
    except Image.DecompressionBombError as exc:
        # Pillow stops before telling the size; its message has the pixel count.
        counted = re.search(r"\((\d+) pixels\)", str(exc))
        raise PhotoError(_too_large(shown_name, int(counted[1]) if counted else None, settings)) from None
    except UnidentifiedImageError:
        raise PhotoError(
            f"tệp '{shown_name}' không phải là ảnh, hoặc ở định dạng không đọc được "
            "(nhận JPEG, PNG, WebP, GIF, TIFF). Hãy mở tệp bằng trình xem ảnh để kiểm tra."
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoError(f"ảnh '{shown_name}' bị hỏng, không đọc được phần đầu tệp ({exc}).") from None


def _describe(image: Image.Image, shown_name: str, settings: ImageSettings) -> SourceInfo:
    if image.format not in READABLE_FORMATS:
        raise PhotoError(
            f"ảnh '{shown_name}' ở định dạng {image.format} chưa được hỗ trợ; hãy xuất ảnh sang JPEG hoặc PNG."
        )
    width, height = image.size
    if width < 1 or height < 1:
        raise PhotoError(f"ảnh '{shown_name}' có kích thước không hợp lệ ({width}×{height}).")
    if width * height > settings.max_pixels:
        raise PhotoError(_too_large(shown_name, width * height, settings, f"{width}×{height} điểm ảnh"))
    try:
        orientation = int(image.getexif().get(ORIENTATION_TAG, 1))
    except Exception:  # a broken EXIF block must not stop a good photo: show it as stored
        orientation = 1
    if orientation not in range(1, 9):
        orientation = 1
    has_alpha = image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or (
        image.mode in {"P", "L", "RGB"} and "transparency" in image.info
    )
    return SourceInfo(
        width=width,
        height=height,
        orientation=orientation,
        format=image.format or "",
        mode=image.mode,
        has_alpha=has_alpha,
    )


def _too_large(shown_name: str, pixels: int | None, settings: ImageSettings, size: str = "") -> str:
    limit = settings.max_pixels // 1_000_000
    what = f"{pixels / 1e6:.0f} triệu điểm ảnh" if pixels else "quá nhiều điểm ảnh"
    if size:
        what = f"{size} ({what})"
    return (
        f"ảnh '{shown_name}' quá lớn: {what}, giới hạn là {limit} triệu điểm ảnh. "
        "Hãy thu nhỏ ảnh (ví dụ còn 4000 điểm ảnh chiều rộng) rồi đăng lại."
    )


class HeaderProbe:
    """The validate phase's photo check without a cache (`zoneportal check`)."""

    def __init__(self, settings: ImageSettings) -> None:
        self.settings = settings

    def __call__(self, path: Path, src: str) -> SourceInfo:
        return probe(path, src, self.settings)
