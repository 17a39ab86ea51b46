"""How many bytes does one search fetch? Drives the real search page in headless Chromium.

    python -m bench.search_payload --posts 10000            # generate (bench/corpus.py), build, measure
    python -m bench.search_payload --site site              # measure an already built site
    python -m bench.search_payload --site site -q "dau tu" --filter committee=dang-bo-bql
    python -m bench.search_payload --site site -q "ky lan" --older 6     # then "Tìm tiếp", step by step

For every query a fresh browser (empty cache) opens `/tim-kiem/?q=…`, waits until the page says
how many results it found (the first 10 are shown), and sums the bytes of every file it fetched
from `/pagefind/`: the fixed part (pagefind.js, its WebAssembly and the index's metadata, fetched
once per visit) and the part that depends on the query (index chunks, filter chunks, fragments of
the results shown). Pagefind's chunks are gzip files already, so these are the bytes on the wire.
On a site indexed in shards, the entry and metadata of each older shard a search reaches count as
part of that query ("shards"): the search page merges older shards only when a search needs them.
With `--older N`, while no result shows, the page's "Tìm tiếp trong các bài cũ hơn" is clicked (up
to N times), and the bytes of each step are reported.

Needs Playwright for Python (`pip install playwright`) and a Chromium (`apt-get install chromium`);
Playwright's own browser download is not needed.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from .corpus import generate
from .layouts import write_project

QUERIES = (
    "hoi nghi",
    "hội nghị",
    "dau tu",
    "dang uy",
    "so ket",
    "khu cong nghiep",
    "nha o cong nhan",
    "chuyen doi so",
    "dang uy khu cong nghiep",
)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERY_KINDS = {".pf_index": "index", ".pf_filter": "filter", ".pf_fragment": "fragments"}
OLDER_SHARD = re.compile(r"/pagefind/\d{4}-\d{2}/")


@dataclass
class Measurement:
    query: str
    filters: dict[str, str]
    found: str = ""
    titles: list[str] = field(default_factory=list)
    bytes: dict[str, int] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    steps: list[tuple[int, str]] = field(default_factory=list)  # ("Tìm tiếp") bytes, status after it

    @property
    def per_query(self) -> int:
        return sum(size for kind, size in self.bytes.items() if kind != "fixed")

    @property
    def total(self) -> int:
        return sum(self.bytes.values())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def measure(
    site: Path, queries: list[str], filters: dict[str, str], search_path: str = "tim-kiem/", older: int = 0
) -> list[Measurement]:
    from playwright.sync_api import sync_playwright

    results = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                results.append(_measure_one(browser, base + search_path, query, filters, older))
        finally:
            browser.close()
    return results


def _measure_one(browser: object, page_url: str, query: str, filters: dict[str, str], older: int = 0) -> Measurement:
    context = browser.new_context(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page = context.new_page()
    found = Measurement(query, filters)
    fetched: list[tuple[str, str, int]] = []

    def on_response(response: object) -> None:
        url = response.url.split("?")[0]  # type: ignore[attr-defined]
        if "/pagefind/" in url:
            fetched.append((url, url.rsplit("/", 1)[-1], len(response.body())))  # type: ignore[attr-defined]

    page.on("response", on_response)
    page.goto(page_url + "?" + urlencode({"q": query, **filters}))
    status = page.locator("[data-zp-status]")

    def settle() -> None:
        done = status.filter(has_text="kết quả").or_(status.filter(has_text="Không tìm thấy"))
        done.or_(status.filter(has_text="Nhập từ khóa")).wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")

    settle()
    found.found = status.inner_text()
    found.titles = page.locator(".zp-search__title").all_inner_texts()
    for url, name, size in fetched:
        kind = next((k for suffix, k in QUERY_KINDS.items() if name.endswith(suffix)), "fixed")
        if kind == "fixed" and OLDER_SHARD.search(url):
            kind = "shards"
        found.bytes[kind] = found.bytes.get(kind, 0) + size
        found.files[name] = size
    button = page.locator("[data-zp-older]")
    titles = page.locator(".zp-search__title")
    while older > len(found.steps) and not titles.count() and button.count() and button.is_visible():
        before = len(fetched)
        button.click()
        settle()
        found.steps.append((sum(size for _, _, size in fetched[before:]), status.inner_text()))
    context.close()
    return found


def build(project: Path) -> float:
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")], check=True, env=env
    )
    return time.perf_counter() - started


def kib(size: int) -> str:
    return f"{size / 1024:.1f}"


def report(results: list[Measurement]) -> str:
    lines = [
        "| query | results | index chunks | filters | fragments | older shards' metadata | **per query** "
        "| fixed | total |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in results:
        label = m.query + "".join(f" [{k}={v}]" for k, v in m.filters.items())
        number = re.search(r"(\d+) kết quả", m.found)
        count = ("≥" if "ít nhất" in m.found else "") + number.group(1) if number else "0"
        lines.append(
            f"| {label} | {count} | {kib(m.bytes.get('index', 0))} | {kib(m.bytes.get('filter', 0))} "
            f"| {kib(m.bytes.get('fragments', 0))} | {kib(m.bytes.get('shards', 0))} | **{kib(m.per_query)}** "
            f"| {kib(m.bytes.get('fixed', 0))} "
            f"| {kib(m.total)} |"
        )
    for m in results:
        for number, (size, status) in enumerate(m.steps, 1):
            lines.append(f'\n{m.query}: "Tìm tiếp" step {number}: {kib(size)} KiB — {status}')
    return "\n".join(lines) + "\n\nSizes in KiB as fetched (Pagefind's files are gzip already)."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="measure this built site instead of generating one")
    parser.add_argument("--posts", type=int, default=10_000, help="synthetic posts to generate (default 10000)")
    parser.add_argument("--seed", type=int, default=8, help="corpus seed (default 8, as make bench)")
    parser.add_argument("--keep", type=Path, help="generate the project here and keep it")
    parser.add_argument("-q", "--query", action="append", help="a query (repeatable); default: a fixed set")
    parser.add_argument("--filter", action="append", default=[], help="NAME=VALUE, e.g. committee=dang-bo-bql")
    parser.add_argument("--show", action="store_true", help="print the titles found")
    parser.add_argument("--older", type=int, default=0, help='click "Tìm tiếp" up to N times (until a result)')
    args = parser.parse_args(argv)
    filters = dict(item.split("=", 1) for item in args.filter)
    queries = args.query or list(QUERIES)
    if args.site:
        site = args.site
    else:
        root = args.keep or Path(tempfile.mkdtemp(prefix="zoneportal-bench-"))
        # The one synthetic corpus of every benchmark (bench/corpus.py), as a zoneportal project.
        write_project(generate(args.posts, seed=args.seed), "zoneportal", root)
        seconds = build(root)
        site = root / "site"
        print(f"{args.posts} posts built in {seconds:.0f} s into {site}")
    results = measure(site, queries, filters, older=args.older)
    if args.show:
        for m in results:
            print(f"{m.query!r}: {m.found}")
            for title in m.titles:
                print(f"   - {title}")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
