"""Icons drawn from the board's emblem with Pillow: favicon, Apple touch icon, web-app manifest icons,
and the small emblem the masthead shows (the original may be a 500 KB scan).

The emblem is a PNG (or JPEG/WebP); Pillow cannot draw SVG, so a board with an SVG logo puts a PNG
of it beside (`logo: assets/emblem.svg` finds `assets/emblem.png`). Output is deterministic: the
same emblem gives the same bytes, build after build.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

ICON_DIR = "assets/zoneportal/icons"
MASTHEAD_HEIGHT = 112  # 2× the 56 px the masthead shows it at
FAVICON_SIZES = ((16, 16), (32, 32), (48, 48))


class EmblemError(ValueError):
    """The emblem cannot be read; the message is for staff."""


@dataclass(frozen=True)
class SiteIcons:
    """Site-relative paths of what `icon_files` wrote, for the page head and the masthead."""

    favicon: str = f"{ICON_DIR}/favicon.ico"
    png32: str = f"{ICON_DIR}/favicon-32.png"
    apple_touch: str = f"{ICON_DIR}/apple-touch-icon.png"
    manifest: str = f"{ICON_DIR}/site.webmanifest"
    masthead: str = f"{ICON_DIR}/emblem.png"
    masthead_width: int = MASTHEAD_HEIGHT
    masthead_height: int = MASTHEAD_HEIGHT


def raster_source(logo: Path) -> Path:
    """The PNG to draw from: the logo itself, or for an SVG the PNG of the same name beside it."""
    if logo.suffix.lower() == ".svg":
        png = logo.with_suffix(".png")
        if not png.is_file():
            raise EmblemError(
                f"biểu trưng {logo.name} là SVG: hãy đặt bản PNG cùng tên ({png.name}, vuông, từ 512×512 điểm ảnh) "
                "bên cạnh để tạo favicon và biểu tượng."
            )
        return png
    return logo


def icon_files(logo: Path, name: str, short_name: str, theme_colour: str) -> tuple[SiteIcons, dict[str, bytes]]:
    """Every icon file (site-relative path → bytes) drawn from `logo`."""
    source = raster_source(logo)
    try:
        with Image.open(source) as opened:
            emblem = ImageOps.exif_transpose(opened).convert("RGBA")
    except FileNotFoundError:
        raise EmblemError(f"không tìm thấy tệp biểu trưng {source.name} (đường dẫn tính từ thư mục docs/).") from None
    except (OSError, UnidentifiedImageError):
        raise EmblemError(
            f"không đọc được biểu trưng {source.name}: tệp không phải ảnh PNG/JPEG, hoặc bị hỏng."
        ) from None
    square = _square(emblem)
    files: dict[str, bytes] = {}
    icons = SiteIcons()
    files[icons.favicon] = _encode(square.resize((48, 48), Image.Resampling.LANCZOS), "ICO", sizes=FAVICON_SIZES)
    files[icons.png32] = _encode(square.resize((32, 32), Image.Resampling.LANCZOS), "PNG")
    # Apple draws touch icons on black where transparent: put the emblem on white with a margin.
    touch = Image.new("RGBA", (180, 180), (255, 255, 255, 255))
    small = square.resize((156, 156), Image.Resampling.LANCZOS)
    touch.alpha_composite(small, (12, 12))
    files[icons.apple_touch] = _encode(touch.convert("RGB"), "PNG")
    manifest_icons = []
    for size in (192, 512):
        path = f"{ICON_DIR}/icon-{size}.png"
        files[path] = _encode(square.resize((size, size), Image.Resampling.LANCZOS), "PNG")
        manifest_icons.append({"src": path.rsplit("/", 1)[1], "sizes": f"{size}x{size}", "type": "image/png"})
    ratio = emblem.width / emblem.height
    height = MASTHEAD_HEIGHT
    width = max(1, round(height * ratio))
    # 256 colours: a fifth of the bytes, and an emblem is drawn in a few flat colours anyway.
    masthead = emblem.resize((width, height), Image.Resampling.LANCZOS).quantize(256, Image.Quantize.FASTOCTREE)
    files[icons.masthead] = _encode(masthead, "PNG")
    icons = SiteIcons(masthead_width=width, masthead_height=height)
    manifest = {
        "name": name,
        "short_name": short_name,
        "icons": manifest_icons,
        "start_url": "../../../",
        "display": "browser",
        "theme_color": theme_colour,
        "background_color": "#ffffff",
        "lang": "vi",
    }
    files[icons.manifest] = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    return icons, files


def _square(image: Image.Image) -> Image.Image:
    """A wide logo centred on a transparent square, so icons are never squashed."""
    side = max(image.size)
    if image.width == image.height:
        return image
    canvas = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    canvas.alpha_composite(image, ((side - image.width) // 2, (side - image.height) // 2))
    return canvas


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, optimize=True, **options) if fmt == "PNG" else image.save(buffer, fmt, **options)
    return buffer.getvalue()
