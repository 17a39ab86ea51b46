"""The header probe refuses a photo cut short in copying, so `zoneportal check` and the build agree."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from plugins.zoneportal.photos.probe import PhotoError, probe
from plugins.zoneportal.photos.variants import ImageSettings


def _photo(fmt: str) -> bytes:
    image = Image.radial_gradient("L").convert("RGB").resize((640, 480))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(("fmt", "suffix"), [("JPEG", ".jpg"), ("PNG", ".png")])
def test_truncated_photo_is_refused_by_the_probe(tmp_path: Path, fmt: str, suffix: str) -> None:
    whole = _photo(fmt)
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(PhotoError, match="bị cắt khi sao chép") as caught:
        probe(cut, f"cut{suffix}", ImageSettings())
    assert f"'cut{suffix}'" in str(caught.value)


@pytest.mark.parametrize(("fmt", "suffix"), [("JPEG", ".jpg"), ("PNG", ".png")])
def test_whole_photo_passes_and_trailer_after_the_end_marker_is_accepted(
    tmp_path: Path, fmt: str, suffix: str
) -> None:
    whole = tmp_path / f"whole{suffix}"
    whole.write_bytes(_photo(fmt))
    assert probe(whole, whole.name, ImageSettings()).width == 640
    # Some phones append their own data after the JPEG's end marker: still a good photo.
    if fmt == "JPEG":
        trailer = tmp_path / f"trailer{suffix}"
        trailer.write_bytes(_photo(fmt) + b"\0" * (70 * 1024))
        assert probe(trailer, trailer.name, ImageSettings()).height == 480
