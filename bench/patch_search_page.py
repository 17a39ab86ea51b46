"""python -m bench.patch_search_page SITE

A one-off used for bench/RESULTS.md: gives a site built by an older commit (064f83b) main's lazily
searching page without rebuilding its 156 751 pages. The index files stay the build's; the manifest
gets the fields main's build writes (computed from those files, as `_write_manifest` does), the
hashed search.js is replaced by main's, and the search page gets its "Tìm tiếp" button.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "zoneportal"
BUTTON = (
    '<button type="button" class="md-button zp-search__older" data-zp-older hidden>'
    "Tìm tiếp trong các bài cũ hơn</button>"
)


def largest_chunk(bundle: Path) -> int:
    return max((p.stat().st_size for p in (bundle / "index").glob("*.pf_index")), default=0)


def replace(path: Path, text: str | None = None, source: Path | None = None) -> None:
    """A new file (the old one may be a hard link into the build cache), without stale .gz/.br."""
    path.unlink()
    if source is not None:
        shutil.copyfile(source, path)
    else:
        path.write_text(text or "", encoding="utf-8")
    for suffix in (".gz", ".br"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def main(site: Path) -> None:
    sys.path.insert(0, str(ROOT / "plugins"))
    from zoneportal.output.search.pagefind import STEP_BYTES

    bundle = site / "pagefind"
    entry = bundle / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    manifest = data["zoneportal"]
    news = site / "tin-tuc"
    months = sorted(
        f"{year.name}-{month.name}"
        for year in news.iterdir()
        if year.name.isdigit()
        for month in year.iterdir()
        if month.name.isdigit()
    )
    manifest.update(primary_last=months[-1], primary_chunk=largest_chunk(bundle), step_bytes=STEP_BYTES)
    for shard in manifest["shards"]:
        folder = bundle / shard["path"]
        shard["chunk"] = largest_chunk(folder)
        shard["pages"] = sum(1 for _ in (folder / "fragment").glob("*.pf_fragment"))
    replace(entry, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    page = site / "tim-kiem" / "index.html"
    html = page.read_text(encoding="utf-8")
    script = re.search(r'src="\.\./(assets/zoneportal/search\.[0-9a-f]+\.js)"', html)
    assert script is not None, "no search script on the search page"
    replace(page, html.replace("data-zp-status></p>", f"data-zp-status></p>\n  {BUTTON}", 1))
    replace(site / script.group(1), source=PACKAGE / "assets" / "search.js")
    print(f"{len(manifest['shards'])} older shards; {script.group(1)} replaced; newest month {months[-1]}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
