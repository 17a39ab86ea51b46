"""Test photos made with Pillow in code: camera-like JPEGs with EXIF (GPS, orientation), and bad inputs."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw, ImageOps

ORIENTATION = 0x0112
GPS_IFD = 0x8825
MAKE = 0x010F
# A made-up position: what must never reach the site.
GPS = {1: "N", 2: (21.0, 1.0, 30.5), 3: "E", 4: (105.0, 51.0, 12.25)}


def photo(
    size: tuple[int, int] = (1200, 800),
    *,
    fmt: str = "JPEG",
    mode: str = "RGB",
    orientation: int | None = None,
    gps: bool = False,
    color: tuple[int, ...] = (40, 90, 160),
    marker: tuple[int, ...] = (230, 20, 20),
    comment: bytes | None = None,
) -> bytes:
    """A photo with a red marker in the top-left quarter *as stored*, to check orientation."""
    image = Image.new("RGB", size, color[:3])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] // 4, size[1] // 4), fill=marker[:3])
    draw.ellipse((size[0] // 3, size[1] // 3, size[0] * 2 // 3, size[1] * 2 // 3), fill=(250, 210, 40))
    if mode != "RGB":
        image = image.convert(mode)
    exif = Image.Exif()
    if orientation is not None:
        exif[ORIENTATION] = orientation
    if gps:
        exif[MAKE] = "Test Camera"
        exif.get_ifd(GPS_IFD).update(GPS)
    out = io.BytesIO()
    options: dict[str, object] = {}
    if len(exif):
        options["exif"] = exif
    if comment is not None:
        options["comment"] = comment
    if fmt == "JPEG":
        options["quality"] = 90
    image.save(out, fmt, **options)
    return out.getvalue()


def cmyk_jpeg(size: tuple[int, int] = (800, 600)) -> bytes:
    image = Image.new("CMYK", size, (0, 80, 200, 0))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def palette_png(size: tuple[int, int] = (640, 480)) -> bytes:
    image = Image.new("RGB", size, (20, 120, 60))
    ImageDraw.Draw(image).rectangle((100, 100, 300, 300), fill=(240, 240, 20))
    out = io.BytesIO()
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(out, "PNG")
    return out.getvalue()


def alpha_png(size: tuple[int, int] = (640, 480)) -> bytes:
    """Transparent background with an opaque square: the JPEG fallback must show white, not black."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((200, 150, 440, 330), fill=(10, 60, 200, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def truncated_jpeg(size: tuple[int, int] = (1200, 800)) -> bytes:
    """A JPEG cut in the middle, as an interrupted copy leaves it: the header still reads fine."""
    data = photo(size)
    return data[: len(data) // 2]


def bomb_png(width: int = 20000, height: int = 20000) -> bytes:
    """A real PNG of width×height one-bit pixels: tiny on disk, 400 million pixels once decoded."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def displayed(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    return ImageOps.exif_transpose(image)


def corrupt_png(size: tuple[int, int] = (640, 480)) -> bytes:
    """A PNG whose compressed pixels are damaged: header fine, decoding fails."""
    data = bytearray(photo(size, fmt="PNG"))
    start = data.index(b"IDAT") + 8
    for offset in range(start, min(start + 400, len(data) - 20), 3):
        data[offset] ^= 0x5A
    return bytes(data)
