"""Edit-to-preview latency: save a post while `mkdocs serve --dirty` runs, time until the change is served.

    .venv/bin/python -m bench.preview_latency --posts 10000 --edits 5

Generates the synthetic corpus (bench.corpus) as a zoneportal project in a temporary folder,
starts `mkdocs serve --dirty` on a free loopback port, waits for the first full build, then
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
from pathlib import Path

from .corpus import generate
from .layouts import write_project

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.preview_latency", description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--startup-limit", type=float, default=1800.0, help="seconds allowed for the first build")
    args = parser.parse_args(argv)

    corpus = generate(args.posts)
    with tempfile.TemporaryDirectory(prefix="zp-preview-") as folder:
        root = Path(folder)
        write_project(corpus, "zoneportal", root)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        mkdocs = Path(sys.executable).with_name("mkdocs")
        server = subprocess.Popen(
            [str(mkdocs), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            started = wait_until(lambda: fetch(base) is not None, args.startup_limit)
            if started is None:
                print(f"first build did not finish within {args.startup_limit:.0f} s")
                return 1
            print(f"posts: {args.posts}; first build and server start: {started:.1f} s")
            targets = [corpus.posts[(i * 7919) % len(corpus.posts)] for i in range(args.edits)]
            latencies = []
            for number, post in enumerate(targets, start=1):
                source = root / "posts" / f"{post.moment:%Y}" / f"{post.moment:%m}-{post.slug}.md"
                url = f"{base}tin-tuc/{post.moment:%Y}/{post.moment:%m}/{post.slug}/"
                marker = f"Đã cập nhật lần {number} lúc {time.time():.0f}."
                source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
                seconds = wait_until(lambda u=url, m=marker: m in (fetch(u) or ""), 120)
                latencies.append(seconds if seconds is not None else float("inf"))
                print(f"edit {number}: {url} served the change after {latencies[-1]:.2f} s")
                time.sleep(1.0)  # let the watcher settle between edits
            print(f"median edit-to-preview: {statistics.median(latencies):.2f} s over {len(latencies)} edits")
            load = os.getloadavg()[0]
            print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the end")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
