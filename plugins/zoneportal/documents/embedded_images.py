"""Metadata removed, losslessly, from the photos inside an office file (word/media/*.jpg, Pictures/*.png).

A photo pasted into a Word file keeps its camera's EXIF: GPS position, time, camera owner. Re-encoding
would change the document's pictures, so only the metadata segments are dropped and every pixel byte is
kept: JPEG application segments other than JFIF (APP0), the colour profile (APP2 ICC) and Adobe's
colour transform (APP14), and comments; PNG text, EXIF and time chunks. A file that is not what its
name says is returned unchanged and reported by the caller.
"""

from __future__ import annotations

import struct

_JPEG_KEPT_APPS = frozenset({0xE0, 0xE2, 0xEE})  # JFIF, ICC profile, Adobe
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_DROPPED = frozenset({b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"})


class NotAnImage(ValueError):
    pass


def strip_jpeg(data: bytes) -> bytes:
    """`data` without EXIF/XMP/IPTC/comment segments; the scan (everything from SOS on) byte for byte."""
    if not data.startswith(b"\xff\xd8"):
        raise NotAnImage("not a JPEG")
    out = bytearray(b"\xff\xd8")
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise NotAnImage("broken JPEG marker")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[position:]
            return bytes(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            out += data[position : position + 2]
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise NotAnImage("broken JPEG segment")
        dropped = marker == 0xFE or (0xE1 <= marker <= 0xEF and marker not in _JPEG_KEPT_APPS)
        if not dropped:
            out += data[position:end]
        position = end
    raise NotAnImage("JPEG without image data")


def strip_png(data: bytes) -> bytes:
    """`data` without text, EXIF and time chunks; every other chunk byte for byte."""
    if not data.startswith(_PNG_SIGNATURE):
        raise NotAnImage("not a PNG")
    out = bytearray(_PNG_SIGNATURE)
    position = len(_PNG_SIGNATURE)
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise NotAnImage("broken PNG chunk")
        if kind not in _PNG_DROPPED:
            out += data[position:end]
        position = end
        if kind == b"IEND":
            return bytes(out)
    raise NotAnImage("PNG without its end chunk")
