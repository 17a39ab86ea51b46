"""Profile one build of a benchmark project with pyinstrument (sampling, 1 ms), in this process.

    python -m bench.profile --layout zoneportal --posts 10000
    python -m bench.profile --layout plain --posts 10000 --top 15

zoneportal is profiled with `workers: 1`, so its render phase runs in the profiled process.
Prints the heaviest frames by self time and by total (inclusive) time, and writes the full call tree
to .cache/bench/profile-<layout>-<N>.txt (and .html) for reading in detail.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from .layouts import MKDOCS_LAYOUTS
from .run import SEED, WORK, clean_outputs, prepare, project_dir


def profile_build(layout: str, posts: int, top: int, photo_share: float) -> str:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer

    prepare({posts: {layout}}, photo_share)
    root = project_dir(layout, posts)
    clean_outputs(root)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    profiler = Profiler(interval=0.001)
    started = time.perf_counter()
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins.get("zoneportal")
    if plugin is not None and "workers" in plugin.config:
        # pyinstrument sees only this process: render here rather than on forked workers.
        plugin.config["workers"] = 1
    profiler.start()
    build(config)
    profiler.stop()
    seconds = time.perf_counter() - started
    session = profiler.last_session
    assert session is not None

    tree = ConsoleRenderer(unicode=False, color=False, show_all=False, processor_options={"filter_threshold": 0.005})
    (WORK / f"profile-{layout}-{posts}.txt").write_text(tree.render(session))
    (WORK / f"profile-{layout}-{posts}.html").write_text(HTMLRenderer().render(session))

    sections = [f"{layout}, N={posts} (seed {SEED}), profiled wall {seconds:.1f} s, {session.sample_count} samples"]
    own, inclusive = flat_times(session.root_frame())
    for title, table in (("self", own), ("total (inclusive)", inclusive)):
        sections.append(f"-- heaviest {top} frames by {title} time (s, % of build) --")
        for name, value in sorted(table.items(), key=lambda kv: -kv[1])[:top]:
            sections.append(f"{value:8.3f}  {100 * value / seconds:5.1f}%  {name}")
    return "\n".join(sections)


def flat_times(root: Any) -> tuple[dict[str, float], dict[str, float]]:
    """Self and inclusive time per function, from pyinstrument's call tree.

    pyinstrument's own flat view merges every synthetic "[self]" node into one row named after the
    first file it met; here a "[self]" node's time goes to the function it belongs to, and a function
    that recurses is counted once per stack (its outermost call).
    """
    own: dict[str, float] = {}
    inclusive: dict[str, float] = {}

    def name_of(frame: Any) -> str:
        return f"{frame.function}  {frame.file_path_short}:{frame.line_no}"

    def walk(frame: Any, parent: str | None, active: frozenset[str]) -> None:
        if frame.is_synthetic:
            if parent is not None:
                own[parent] = own.get(parent, 0.0) + frame.time
            return
        name = name_of(frame)
        children_time = sum(child.time for child in frame.children)
        own[name] = own.get(name, 0.0) + max(0.0, frame.time - children_time)
        if name not in active:
            inclusive[name] = inclusive.get(name, 0.0) + frame.time
        for child in frame.children:
            walk(child, name, active | {name})

    if root is not None:
        walk(root, None, frozenset())
    return own, inclusive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--layout", choices=MKDOCS_LAYOUTS, default="zoneportal")
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--photos", type=float, default=0.0)
    args = parser.parse_args(argv)
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        print("pyinstrument is not installed: run `make bench-profile` (it installs it)", file=sys.stderr)
        return 2
    text = profile_build(args.layout, args.posts, args.top, args.photos)
    print(text)
    Path(WORK / f"profile-{args.layout}-{args.posts}.top.txt").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
