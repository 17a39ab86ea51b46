"""Edit-to-preview latency: save a post while `zoneportal serve` runs, time until the change is served.

    .venv/bin/python -m bench.preview_latency --posts 10000 --edits 5
    .venv/bin/python -m bench.preview_latency --project .cache/bench/zoneportal-10000 --edits 3
    .venv/bin/python -m bench.preview_latency --posts 1000 --mkdocs-serve   # MkDocs' own server, for comparison

`make bench` runs `measure_preview` on its own 10 000-post project as the `zoneportal-preview` row.

Generates the synthetic corpus (bench.corpus) as a zoneportal project in a temporary folder,
starts `zoneportal serve` (`make serve`; with --mkdocs-serve, `mkdocs serve --dirty` with our
plugin, the preview before mkdocs/serve/ existed) on a free loopback port, waits for the first full build, then
edits one post at a time (a new sentence at the end of its body) and polls its URL until the
sentence is served. Prints each latency and the median; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .corpus import generate
from .layouts import write_project
from .memtree import TreeSampler

POLL_SECONDS = 0.05


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_until(predicate, limit: float) -> float | None:
    """Seconds until `predicate()` holds, or None after `limit` seconds."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if predicate():
            return time.monotonic() - start
        time.sleep(POLL_SECONDS)
    return None


@dataclass
class PreviewResult:
    startup: float  # seconds until the server answered (its first full build)
    latencies: list[float]  # edit-to-preview seconds, one per edit (inf: not served within the limit)
    peak_rss_kb: int  # the server's process tree, summed (bench/memtree.py)
    peak_pss_kb: int

    @property
    def median(self) -> float:
        return statistics.median(self.latencies)


def post_url(source: Path, posts_dir: Path) -> str:
    """posts/2020/01-slug.md or posts/2020/01-slug/index.md → tin-tuc/2020/01/slug/ (bench projects
    name post files by month and slug, bench/layouts.py)."""
    relative = source.relative_to(posts_dir)
    year, name = relative.parts[0], relative.parts[1].removesuffix(".md")
    month, slug = name.split("-", 1)
    return f"tin-tuc/{year}/{month}/{slug}/"


def edited_posts(root: Path, edits: int) -> list[Path]:
    """`edits` post files spread over the archive (a fixed stride, so reruns edit the same posts)."""
    sources = sorted((root / "posts").glob("*/*.md"))
    return [sources[(i * 7919) % len(sources)] for i in range(edits)]


def measure_preview(
    root: Path, edits: int, startup_limit: float = 1800.0, mkdocs_serve: bool = False, log: Path | None = None
) -> PreviewResult | None:
    """Runs `zoneportal serve` (or `mkdocs serve --dirty`) on the zoneportal project in `root`, edits
    `edits` posts one at a time and times each until the change is served; every edited file gets its
    bytes back. None when the server did not answer within `startup_limit` seconds."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if mkdocs_serve:
        command = [str(Path(sys.executable).with_name("mkdocs")), "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    else:
        command = [sys.executable, "-m", "zoneportal.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(
        command,
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb") if log is not None else subprocess.DEVNULL,  # the server's own timings
        start_new_session=True,
    )
    sampler = TreeSampler(server.pid).start()
    originals: dict[Path, bytes] = {}
    try:
        started = wait_until(lambda: fetch(base) is not None, startup_limit)
        if started is None:
            return None
        latencies = []
        for number, source in enumerate(edited_posts(root, edits), start=1):
            url = base + post_url(source, root / "posts")
            marker = f"Đã cập nhật lần {number} lúc {time.time():.0f}."
            originals.setdefault(source, source.read_bytes())
            source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            seconds = wait_until(lambda u=url, m=marker: m in (fetch(u) or ""), 120)
            latencies.append(seconds if seconds is not None else float("inf"))
            print(f"  edit {number}: {url} served the change after {latencies[-1]:.2f} s", file=sys.stderr)
            time.sleep(1.0)  # let the watcher settle between edits
        return PreviewResult(started, latencies, sampler.peak_rss_kb, sampler.peak_pss_kb)
    finally:
        sampler.stop()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        for source, data in originals.items():
            source.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.preview_latency", description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--startup-limit", type=float, default=1800.0, help="seconds allowed for the first build")
    parser.add_argument(
        "--project", type=Path, help="an existing zoneportal project (e.g. a copy of .cache/bench/zoneportal-10000)"
    )
    parser.add_argument("--mkdocs-serve", action="store_true", help="measure `mkdocs serve --dirty` instead")
    parser.add_argument("--log", type=Path, help="write the server's messages (its time per save) to this file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="zp-preview-") as folder:
        root = args.project.resolve() if args.project else Path(folder)
        if args.project is None:
            write_project(generate(args.posts), "zoneportal", root)
        else:
            args.posts = len(list((root / "posts").glob("*/*.md")))
        result = measure_preview(root, args.edits, args.startup_limit, args.mkdocs_serve, args.log)
        if result is None:
            print(f"first build did not finish within {args.startup_limit:.0f} s")
            return 1
        print(f"posts: {args.posts}; first build and server start: {result.startup:.1f} s")
        print(f"median edit-to-preview: {result.median:.2f} s over {len(result.latencies)} edits")
        print(f"server's peak memory: {result.peak_rss_kb / 1024:.0f} MB RSS summed over its processes")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
