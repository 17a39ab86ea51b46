"""Where a link or `src` on a saved page points inside the mirror, as wget, HTTrack and browsers store it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from zoneportal.importer.mirror import Mirror, Refused, is_page_candidate


@pytest.fixture
def mirror(tmp_path: Path) -> Mirror:
    files = [
        "host.example/tin/Default.aspx?id=3.html",
        "host.example/tin/bai-1.html",
        "host.example/uploads/anh%20a.jpg",
        "host.example/uploads/b.jpg?w=600",
        "host.example/uploads/" + unicodedata.normalize("NFD", "Ảnh hội nghị.JPG"),
        "host.example/chi-tiet",
        "host.example/style.css",
    ]
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"<!DOCTYPE html><html>" if "chi-tiet" in name else b"x")
    (tmp_path / "host.example/tin/lien-ket").symlink_to(tmp_path / "host.example/uploads")
    return Mirror.scan(tmp_path)


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("Default.aspx?id=3", "host.example/tin/Default.aspx?id=3.html"),  # wget --adjust-extension
        ("bai-1.html#binh-luan", "host.example/tin/bai-1.html"),
        ("../uploads/anh%20a.jpg", "host.example/uploads/anh%20a.jpg"),  # stored percent-encoded
        ("/uploads/b.jpg?w=600", "host.example/uploads/b.jpg?w=600"),  # root-absolute, query kept
        ("http://host.example/tin/bai-1.html", "host.example/tin/bai-1.html"),  # full URL of the mirrored host
        ("HTTP://HOST.EXAMPLE:80/tin/BAI-1.HTML", "host.example/tin/bai-1.html"),  # any case, with a port
        ("../uploads/Ảnh hội nghị.jpg", "host.example/uploads/" + unicodedata.normalize("NFD", "Ảnh hội nghị.JPG")),
        ("https://other.example/anh.jpg", None),  # another host: missing, never fetched
        ("mailto:vanphong@example.vn", None),
    ],
)
def test_links_resolve_to_mirror_files(mirror: Mirror, href: str, expected: str | None) -> None:
    assert mirror.resolve_link("host.example/tin/trang.html", href) == expected


@pytest.mark.parametrize("href", ["../../../etc/passwd", "lien-ket/anh%20a.jpg", "file:///etc/passwd", "/../../x.jpg"])
def test_paths_leaving_the_mirror_or_through_symlinks_are_refused(mirror: Mirror, href: str) -> None:
    with pytest.raises(Refused):
        mirror.resolve_link("host.example/tin/trang.html", href)


def test_pages_are_found_by_suffix_or_by_their_first_bytes(mirror: Mirror) -> None:
    assert is_page_candidate(mirror, "host.example/chi-tiet")
    assert is_page_candidate(mirror, "host.example/tin/Default.aspx?id=3.html")
    assert not is_page_candidate(mirror, "host.example/style.css")
    assert "host.example/tin/lien-ket" in mirror.symlinks
