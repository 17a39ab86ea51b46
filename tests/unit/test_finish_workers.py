"""The finish step on forked workers writes the same site as in one process; identical files are
compressed once and both get their copies."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from zoneportal.output import finish
from zoneportal.output.finish import finish_site
from zoneportal.output.precompress import precompress

MATERIAL_LIKE = """<!doctype html><html><head>
<link rel="stylesheet" href="{up}assets/zoneportal/zp.css">
<script>__md_scope=new URL("{up}",location)</script>
<script src="{up}assets/zoneportal/zp-share.js" defer></script>
</head><body><h1>Tin số {n}</h1><p>{text}</p>
<article><script>alert({n})</script></article>
<script>var page={n}</script>
</body></html>
"""


def make_site(site: Path, pages: int) -> None:
    (site / "assets/zoneportal").mkdir(parents=True)
    (site / "assets/zoneportal/zp.css").write_text("body{color:#123}\n" * 40, encoding="utf-8")
    (site / "assets/zoneportal/zp-share.js").write_text("console.log('chia sẻ');\n" * 30, encoding="utf-8")
    for n in range(pages):
        depth = n % 3
        folder = site.joinpath(*[f"muc-{n}-{d}" for d in range(depth)]) if depth else site / f"trang-{n}"
        up = "../" * (depth or 1)
        folder.mkdir(parents=True, exist_ok=True)
        text = f"Ban Quản lý các khu công nghiệp, bản tin số {n}. " * (10 + n % 7)
        (folder / "index.html").write_text(MATERIAL_LIKE.format(up=up, n=n, text=text), encoding="utf-8")


def every_file(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_workers_finish_the_site_as_one_process_does(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    make_site(serial, 90)
    make_site(parallel, 90)
    one = finish_site(serial, "https://bqlkcn.thanhvan.gov.vn/", None, workers=1)
    monkeypatch.setattr(finish, "PAGES_PER_WORKER", 10)
    forked = []
    real = finish.multiprocessing.get_context
    monkeypatch.setattr(finish.multiprocessing, "get_context", lambda method: forked.append(method) or real(method))
    two = finish_site(parallel, "https://bqlkcn.thanhvan.gov.vn/", None, workers=2)
    assert forked == ["fork"]
    assert every_file(serial) == every_file(parallel)
    assert one.warnings == two.warnings and len(one.warnings) == 90  # each page's <script> in <article>
    assert one.compression == two.compression and one.compression is not None
    assert one.compression.files == 90 + 2 + 2  # pages, both assets and their hashed copies
    page = parallel / "trang-0/index.html"
    html = page.read_text(encoding="utf-8")
    assert "<script>var page" not in html and "__md_scope" not in html  # moved into files
    assert "zp." in html and "zp.css" not in html  # the hashed stylesheet name
    assert gzip.decompress((parallel / "trang-0/index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((parallel / "trang-0/index.html.br").read_bytes()) == page.read_bytes()
    scripts = sorted((parallel / "assets/zoneportal/inline").iterdir())
    assert scripts and not [s for s in scripts if s.name.endswith(".part")]


def test_files_of_one_content_are_compressed_once_and_each_gets_copies(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bundle = ("function soạnThảo(){return 'Decap';}\n" * 500).encode("utf-8")
    for name in ("admin/vendor/decap-cms.js", "admin/vendor/decap-cms.7c1efd6b61.js"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(bundle)
    (tmp_path / "other.js").write_bytes(bundle[:-1] + b";")  # same size, other bytes
    from zoneportal.output import precompress as module

    calls = []
    real = module.compressed_copies
    monkeypatch.setattr(module, "compressed_copies", lambda data: calls.append(len(data)) or real(data))
    stats = precompress(tmp_path)
    assert len(calls) == 2  # the bundle once, other.js once
    for name in ("admin/vendor/decap-cms.js", "admin/vendor/decap-cms.7c1efd6b61.js"):
        assert gzip.decompress((tmp_path / f"{name}.gz").read_bytes()) == bundle
        assert brotli.decompress((tmp_path / f"{name}.br").read_bytes()) == bundle
    assert gzip.decompress((tmp_path / "other.js.gz").read_bytes()) == bundle[:-1] + b";"
    assert stats.files == 3 and stats.raw_bytes == 3 * len(bundle)
