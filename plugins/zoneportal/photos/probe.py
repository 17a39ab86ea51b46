"""Read a photo's header (never its pixels): size, orientation, mode; refuse what cannot be published.

Runs in the validate phase, so every bad photo is reported before a page is rendered. Damage that
only decoding reveals is caught by encode.py and reported the same way; a file cut short in copying
(the commonest damage) is caught here already, from its missing end marker, so `check` and the build
agree on it.
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
                info = _describe(image, shown_name, settings)
                _require_complete(path, size, image, shown_name)
                return info
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


# A JPEG ends with EOI (FF D9), a PNG with its IEND chunk; a copy cut short has neither at its end.
_TAIL_BYTES = 64 * 1024
_END_MARKERS = {"JPEG": b"\xff\xd9", "MPO": b"\xff\xd9", "PNG": b"IEND\xaeB`\x82"}


def _require_complete(path: Path, size: int, image: Image.Image, shown_name: str) -> None:
    """Refuse a truncated JPEG/PNG without decoding it: read the file's tail for the end marker.
    Only when the marker is missing (some cameras append data after it) is the photo decoded —
    a JPEG at 1/8 scale — to tell a trailer from a real cut."""
    marker = _END_MARKERS.get(image.format or "")
    if marker is None:
        return
    with path.open("rb") as stream:
        stream.seek(max(0, size - _TAIL_BYTES))
        if marker in stream.read():
            return
    try:
        if image.format != "PNG":
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise PhotoError(
            f"ảnh '{shown_name}' bị hỏng hoặc không đầy đủ, có thể tệp bị cắt khi sao chép. Hãy chép lại ảnh gốc."
        ) from exc


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
