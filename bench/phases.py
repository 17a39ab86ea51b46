"""Time zoneportal's own phases in one process, without MkDocs around them, for before/after comparisons.

    python -m bench.phases --posts 10000 --repeat 3

Phases: read + validate every post, build the indexes, build the page specs, and convert every post
body with the site's Markdown extensions (toc with our heading slugs). Reports the median of the
repeats and CPU time (process time), which a busy machine disturbs less than wall time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from .run import prepare, project_dir


def timed(action: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.phases", description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-markdown", action="store_true")
    args = parser.parse_args(argv)

    import markdown

    from zoneportal.content.validate import load_content
    from zoneportal.index.taxonomy import build_index
    from zoneportal.pages import PageSizes, build_pages
    from zoneportal.pages.urls import UrlScheme
    from zoneportal.vi import heading_slug

    prepare({args.posts: {"zoneportal"}}, 0.0)
    root = project_dir("zoneportal", args.posts)
    samples: dict[str, list[tuple[float, float]]] = {}
    for _ in range(args.repeat):
        for cache in (getattr(heading_slug, "cache_clear", None),):
            if cache:
                cache()  # every repeat starts cold, like a fresh build process
        wall, cpu, (registry, posts, report) = timed(lambda: load_content(root / "posts", root))
        assert not report.has_errors(), report.render()
        samples.setdefault("read + validate", []).append((wall, cpu))
        wall, cpu, index = timed(lambda posts=posts: build_index(posts))
        samples.setdefault("index", []).append((wall, cpu))
        wall, cpu, _ = timed(
            lambda index=index, registry=registry: build_pages(index, registry, UrlScheme(), PageSizes())
        )
        samples.setdefault("page specs", []).append((wall, cpu))
        if not args.skip_markdown:
            md = markdown.Markdown(
                extensions=["toc", "attr_list", "md_in_html", "tables", "admonition"],
                extension_configs={"toc": {"permalink": True, "slugify": heading_slug}},
            )

            def convert_all(posts: list[Any] = posts, md: markdown.Markdown = md) -> None:
                for post in posts:
                    md.reset().convert(post.body)

            wall, cpu, _ = timed(convert_all)
            samples.setdefault("markdown (all bodies)", []).append((wall, cpu))
    print(f"zoneportal phases, N={args.posts}, {args.repeat} repeats (median wall / median CPU, seconds):")
    for name, values in samples.items():
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        print(f"  {name:<24} {statistics.median(walls):7.2f} / {statistics.median(cpus):7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
