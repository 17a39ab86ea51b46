"""Build the same synthetic corpus with zoneportal, plain MkDocs and Material's blog plugin; print one table.

    python -m bench.run                 # the full plan (make bench)
    python -m bench.run --plan quick    # N = 200 / 1 000, for iteration (make bench-quick)
    python -m bench.run --plan full --only zoneportal:10000=1

Each build is a separate `mkdocs build` process, started from a removed site/ folder; wall time is
measured around the process, peak memory is the process's own maximum RSS (from os.wait4), pages
written are the index.html files in the built site. Runs of the generators alternate, so a burst of
load from elsewhere on the machine hits all of them rather than one.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlparse

from .corpus import generate
from .layouts import LAYOUTS, write_project

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".cache" / "bench"
SEED = 8
GZIP_LEVEL = 6  # what nginx and Apache use when told to gzip

# "zoneportal-edit": one post of the zoneportal project edited, then `mkdocs build` with the build
# cache of the previous build (.cache/zoneportal/build/ kept, site/ removed, as on a CI runner).
EDIT = "zoneportal-edit"
ALL_LAYOUTS = (*LAYOUTS, EDIT)

# (layout, N) → runs. Blog stops at 2 000 posts: at 65 s a build, more would not tell us more.
PLANS: dict[str, dict[tuple[str, int], int]] = {
    "full": {
        ("zoneportal", 1000): 5,
        ("plain", 1000): 5,
        ("blog", 1000): 3,
        ("zoneportal", 2000): 3,
        ("plain", 2000): 3,
        ("blog", 2000): 2,
        ("zoneportal", 10000): 2,
        ("plain", 10000): 2,
        (EDIT, 10000): 2,
    },
    "quick": {
        ("zoneportal", 200): 3,
        ("plain", 200): 3,
        ("blog", 200): 3,
        ("zoneportal", 1000): 3,
        ("plain", 1000): 3,
        (EDIT, 1000): 3,
    },
}

# Targets of issue #8.
TARGET_VS_PLAIN = 1.0
TARGET_VS_BLOG = 5.0
TARGET_SCALING = 11.0
TARGET_RSS_MB = 1024  # issue 18: peak memory at 10 000 posts, summed over the process tree
TARGET_ARTICLE_KB = 150


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    pages: int
    load: float = 0.0  # 1-minute load average when the run started: the machine is shared
    cpu: float = 0.0  # user + system CPU seconds of the build and its workers: steadier than wall time
    tree_rss_mb: float = 0.0  # sampled peak of the RSS summed over the build's process tree
    tree_pss_mb: float = 0.0  # the same with shared pages split between processes (PSS)


@dataclass
class Measure:
    layout: str
    posts: int
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss(self) -> float:
        return max(r.peak_rss_mb for r in self.runs)

    @property
    def tree_rss(self) -> float:
        return max(r.tree_rss_mb for r in self.runs)

    @property
    def tree_pss(self) -> float:
        return max(r.tree_pss_mb for r in self.runs)

    @property
    def pages(self) -> int:
        return self.runs[-1].pages


def mkdocs_bin() -> str:
    candidate = Path(sys.executable).parent / "mkdocs"
    return str(candidate) if candidate.exists() else "mkdocs"


def project_dir(layout: str, posts: int) -> Path:
    return WORK / f"{'zoneportal' if layout == EDIT else layout}-{posts}"


def generator_digest() -> str:
    """Projects are regenerated when the generator's code changes, not on every run."""
    digest = hashlib.sha256()
    for name in ("corpus.py", "layouts.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


def prepare(layouts_by_size: dict[int, set[str]], photo_share: float) -> None:
    for posts, layouts in sorted(layouts_by_size.items()):
        stamp_text = f"{generator_digest()} seed={SEED} posts={posts} photos={photo_share}"
        todo = [
            layout
            for layout in sorted(layouts)
            if not (project_dir(layout, posts) / ".stamp").exists()
            or (project_dir(layout, posts) / ".stamp").read_text() != stamp_text
        ]
        if not todo:
            continue
        started = time.perf_counter()
        corpus = generate(posts, seed=SEED, photo_share=photo_share)
        for layout in todo:
            write_project(corpus, layout, project_dir(layout, posts))
            (project_dir(layout, posts) / ".stamp").write_text(stamp_text)
        words = [p.word_count for p in corpus.posts]
        print(
            f"  corpus N={posts}: {', '.join(todo)} written in {time.perf_counter() - started:.1f} s "
            f"(words per post {min(words)}-{max(words)}, median {statistics.median(words):.0f})",
            file=sys.stderr,
        )


def clean_outputs(root: Path, *, keep_build_cache: bool = False) -> None:
    """A cold build starts without site/ and without zoneportal's build cache (pages kept between
    builds); the photo cache is kept, as every earlier benchmark did."""
    for name in ("site", ".site-staging", ".site-previous", ".site-builds"):
        shutil.rmtree(root / name, ignore_errors=True)
    if not keep_build_cache:
        shutil.rmtree(root / BUILD_CACHE, ignore_errors=True)


BUILD_CACHE = ".cache/zoneportal/build"
EDITED_POST_SHARE = 0.5  # the post edited: one from the middle of the archive (on a few listing pages)


# Runs each build from a small interpreter: Linux carries a process's peak RSS across exec, so a build
# forked straight from this process (which holds a whole corpus) would report this process's size.
# zoneportal renders on forked workers: wait4's ru_maxrss is the largest single process, so the
# launcher also samples the whole process tree every 0.1 s, summing RSS (counts pages the workers
# share with the parent once per process: an upper bound) and PSS (shared pages split between them).
LAUNCHER = """
import json, os, subprocess, sys, threading, time

def tree(pid):
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as handle:
                todo += [int(child) for child in handle.read().split()]
        except OSError:
            pass
    return found

def memory_kb(pid):
    rss = pss = 0
    for member in tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss

peak = [0, 0]
done = threading.Event()

def sample(pid):
    while not done.wait(0.1):
        rss, pss = memory_kb(pid)
        peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

with open(sys.argv[1], "wb") as log:
    started = time.perf_counter()
    process = subprocess.Popen(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
    sampler = threading.Thread(target=sample, args=(process.pid,), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
cpu = usage.ru_utime + usage.ru_stime
code = os.waitstatus_to_exitcode(status)
print(json.dumps({"seconds": seconds, "cpu": cpu, "code": code, "maxrss_kb": usage.ru_maxrss,
                  "tree_rss_kb": peak[0], "tree_pss_kb": peak[1]}))
"""


def edit_once(root: Path, round_number: int) -> Run:
    """One post edited (a sentence added to its body), then a build that keeps the build cache."""
    if not (root / BUILD_CACHE / "manifest.json").exists():
        build_once(root)  # untimed: fills the cache, as the previous CI run would have
    posts = sorted((root / "posts").glob("*/*.md"))
    post = posts[int(len(posts) * EDITED_POST_SHARE)]
    original = post.read_bytes()
    head, marker, body = original.partition(b"\n---\n")
    post.write_bytes(head + marker + f"Câu sửa lần {round_number + 1}.\n\n".encode() + body)
    try:
        return build_once(root, keep_build_cache=True)
    finally:
        post.write_bytes(original)


def build_once(root: Path, *, keep_build_cache: bool = False) -> Run:
    """One `mkdocs build` in its own process; raises with its log when the build fails."""
    clean_outputs(root, keep_build_cache=keep_build_cache)
    load = os.getloadavg()[0]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log_path = root / ".build.log"
    command = [mkdocs_bin(), "build", "-q", "-f", str(root / "mkdocs.yml")]
    launched = subprocess.run(
        [sys.executable, "-I", "-S", "-c", LAUNCHER, str(log_path), *command],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(launched.stdout)
    if result["code"] != 0:
        raise RuntimeError(f"build failed in {root}:\n{log_path.read_text(errors='replace')[-3000:]}")
    pages = sum(1 for _ in (root / "site").rglob("index.html"))
    # wait4 gives the build's own rusage (ru_maxrss in KiB on Linux: its largest process), with the CPU
    # time of the workers it reaped.
    return Run(
        seconds=result["seconds"],
        peak_rss_mb=result["maxrss_kb"] / 1024,
        pages=pages,
        load=load,
        cpu=result["cpu"],
        tree_rss_mb=result["tree_rss_kb"] / 1024,
        tree_pss_mb=result["tree_pss_kb"] / 1024,
    )


def run_plan(plan: dict[tuple[str, int], int]) -> dict[tuple[str, int], Measure]:
    measures = {key: Measure(*key) for key in plan}
    # Warm-up (not timed): byte-compiles every module and fills the page cache for each layout.
    warm = {"zoneportal" if layout == EDIT else layout for layout, _ in plan}
    prepare({50: warm}, 0.0)
    for layout in sorted(warm):
        build_once(project_dir(layout, 50))
    rounds = max(plan.values())
    for round_number in range(rounds):
        for (layout, posts), runs in plan.items():
            if round_number >= runs:
                continue
            root = project_dir(layout, posts)
            run = edit_once(root, round_number) if layout == EDIT else build_once(root)
            measures[(layout, posts)].runs.append(run)
            print(
                f"  {layout:<10} N={posts:>6} run {round_number + 1}/{runs}: {run.seconds:7.2f} s "
                f"(CPU {run.cpu:.2f} s), "
                f"{run.peak_rss_mb:6.0f} MB (tree {run.tree_rss_mb:.0f} MB RSS, {run.tree_pss_mb:.0f} MB PSS), "
                f"{run.pages} pages, load {run.load:.1f}",
                file=sys.stderr,
                flush=True,
            )
    return measures


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "stylesheet" and found.get("href"):
            self.urls.append(found["href"] or "")
        if tag == "script" and found.get("src"):
            self.urls.append(found["src"] or "")


@dataclass
class ArticleWeight:
    page: str
    html_gzip: int
    assets_gzip: int
    files: list[tuple[str, int, int]]  # (file, bytes, gzip bytes)

    @property
    def total_kb(self) -> float:
        return (self.html_gzip + self.assets_gzip) / 1024


def article_weight(site: Path) -> ArticleWeight:
    """HTML of the first article in the site plus the CSS and JS files it references, each gzipped."""
    page = min((site / "tin-tuc").rglob("index.html"))
    url = "/" + page.relative_to(site).as_posix()
    parser = _Assets()
    html = page.read_bytes()
    parser.feed(html.decode("utf-8"))
    files = [(url, len(html), len(gzip.compress(html, GZIP_LEVEL)))]
    for ref in parser.urls:
        parsed = urlparse(ref)
        if parsed.scheme or ref.startswith("//"):
            continue  # nothing external is loaded: the site works offline
        target = site / urljoin(url, parsed.path).lstrip("/")
        data = target.read_bytes()
        files.append((target.relative_to(site).as_posix(), len(data), len(gzip.compress(data, GZIP_LEVEL))))
    return ArticleWeight(page=url, html_gzip=files[0][2], assets_gzip=sum(f[2] for f in files[1:]), files=files)


def machine() -> dict[str, str]:
    versions = {name: metadata.version(name) for name in ("mkdocs", "mkdocs-material", "markdown", "jinja2")}
    return {
        "nproc": str(os.cpu_count()),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        **versions,
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def report(measures: dict[tuple[str, int], Measure], weight: ArticleWeight | None, plan_name: str) -> str:
    lines = [
        f"zoneportal bench ({plan_name}): " + ", ".join(f"{k}={v}" for k, v in machine().items()),
        "",
        "| generator  |      N | runs | wall median (s) | min-max (s)   | CPU median (s) "
        "| peak RSS MB: process / tree / tree PSS | pages written | load |",
        "|------------|-------:|-----:|----------------:|---------------|---------------:"
        "|---------------------------------------:|--------------:|-----:|",
    ]
    for (layout, posts), m in sorted(measures.items(), key=lambda kv: (kv[0][1], ALL_LAYOUTS.index(kv[0][0]))):
        if not m.runs:
            continue
        low, high = min(r.seconds for r in m.runs), max(r.seconds for r in m.runs)
        lines.append(
            f"| {layout:<10} | {posts:>6} | {len(m.runs):>4} | {m.median:>15.2f} | {low:>5.2f}-{high:<7.2f} "
            f"| {m.cpu:>14.2f} "
            f"| {m.rss:>14.0f} / {m.tree_rss:>5.0f} / {m.tree_pss:>5.0f} | {m.pages:>13} "
            f"| {statistics.median(r.load for r in m.runs):4.1f} |"
        )
    lines += [
        "",
        "CPU: user + system seconds of the build and the workers it reaped. Memory: the largest process",
        "(wait4), and sampled peaks of RSS and PSS summed over the build's processes (zoneportal forks workers).",
        "load: median 1-minute load average when the runs started (2 cores, shared with other work).",
        "",
    ]
    sizes = sorted({n for _, n in measures})

    def median(layout: str, posts: int) -> float | None:
        m = measures.get((layout, posts))
        return m.median if m and m.runs else None

    checks: list[str] = []
    for posts in sizes:
        zp, plain, blog = median("zoneportal", posts), median("plain", posts), median("blog", posts)
        cpu = {
            name: measures[(name, posts)].cpu for name in LAYOUTS if measures.get((name, posts), Measure(name, 0)).runs
        }
        if zp and plain:
            lines.append(
                f"zoneportal / plain MkDocs at {posts}: {zp / plain:.2f}x wall, "
                f"{cpu['zoneportal'] / cpu['plain']:.2f}x CPU"
            )
        edit = median(EDIT, posts)
        if zp and edit:
            lines.append(
                f"one edited post at {posts} (build cache kept): {edit:.2f} s wall, "
                f"{measures[(EDIT, posts)].cpu:.2f} s CPU; cold build {zp:.2f} s ({zp / edit:.1f}x)"
            )
        if zp and blog:
            lines.append(
                f"blog / zoneportal at {posts}: {blog / zp:.1f}x wall, {cpu['blog'] / cpu['zoneportal']:.1f}x CPU"
            )
    largest = max((n for n in sizes if median("zoneportal", n)), default=None)
    if largest and median("plain", largest):
        ratio = median("zoneportal", largest) / median("plain", largest)  # type: ignore[operator]
        checks.append(
            _check(
                f"zoneportal <= {TARGET_VS_PLAIN}x plain MkDocs at {largest}", ratio <= TARGET_VS_PLAIN, f"{ratio:.2f}x"
            )
        )
    if median("zoneportal", 2000) and median("blog", 2000):
        ratio = median("blog", 2000) / median("zoneportal", 2000)  # type: ignore[operator]
        checks.append(
            _check(
                f">= {TARGET_VS_BLOG}x faster than the blog plugin at 2000", ratio >= TARGET_VS_BLOG, f"{ratio:.1f}x"
            )
        )
    if median("zoneportal", 1000) and median("zoneportal", 10000):
        ratio = median("zoneportal", 10000) / median("zoneportal", 1000)  # type: ignore[operator]
        checks.append(_check(f"time(10000) / time(1000) <= {TARGET_SCALING}", ratio <= TARGET_SCALING, f"{ratio:.1f}"))
    if ("zoneportal", 10000) in measures and measures[("zoneportal", 10000)].runs:
        m = measures[("zoneportal", 10000)]
        checks.append(
            _check(
                f"peak memory at 10000 <= {TARGET_RSS_MB} MB (RSS summed over the process tree)",
                m.tree_rss <= TARGET_RSS_MB,
                f"{m.tree_rss:.0f} MB (PSS {m.tree_pss:.0f} MB, largest process {m.rss:.0f} MB)",
            )
        )
    if weight is not None:
        checks.append(
            _check(
                f"article HTML+CSS+JS gzip <= {TARGET_ARTICLE_KB} KB",
                weight.total_kb <= TARGET_ARTICLE_KB,
                f"{weight.total_kb:.1f} KB ({weight.page}; HTML {weight.html_gzip / 1024:.1f} KB, "
                f"{len(weight.files) - 1} CSS/JS files {weight.assets_gzip / 1024:.1f} KB)",
            )
        )
    if checks:
        lines += ["", "Targets:", *checks]
    return "\n".join(lines)


def _check(label: str, met: bool, value: str) -> str:
    return f"  [{'met' if met else 'GAP'}] {label}: {value}"


def parse_only(values: list[str]) -> dict[tuple[str, int], int]:
    plan: dict[tuple[str, int], int] = {}
    for value in values:
        layout, _, rest = value.partition(":")
        posts, _, runs = rest.partition("=")
        if layout not in ALL_LAYOUTS:
            raise SystemExit(f"unknown layout {layout!r} in --only {value!r}")
        plan[(layout, int(posts))] = int(runs or 1)
    return plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--plan", choices=sorted(PLANS), default="full")
    parser.add_argument("--only", nargs="+", metavar="LAYOUT:N=RUNS", help="run these instead of the plan")
    parser.add_argument("--photos", type=float, default=0.0, help="share of posts with a cover photo (0-1)")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args(argv)
    plan = parse_only(args.only) if args.only else PLANS[args.plan]
    by_size: dict[int, set[str]] = {}
    for layout, posts in plan:
        by_size.setdefault(posts, set()).add("zoneportal" if layout == EDIT else layout)
    print(f"preparing projects in {WORK} ...", file=sys.stderr)
    prepare(by_size, args.photos)
    measures = run_plan(plan)
    weight = None
    zp_sizes = sorted(n for layout, n in plan if layout == "zoneportal")
    if zp_sizes:
        weight = article_weight(project_dir("zoneportal", zp_sizes[0]) / "site")
    print(report(measures, weight, "custom" if args.only else args.plan))
    if args.json:
        data = {
            "machine": machine(),
            "measures": [asdict(m) for m in measures.values()],
            "article": asdict(weight) if weight else None,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
