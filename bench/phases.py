"""Time zoneportal's own phases in one process, without MkDocs around them, for before/after comparisons.

    python -m bench.phases --posts 10000 --repeat 3
    python -m bench.phases --posts 2000 --only "read + validate" "page specs"

Phases, in the order a build runs them:
  read + validate               every post read and checked, no stored posts (as `zoneportal check`)
  read + validate, cold store   the same as a cold `mkdocs build` does it: every post also put into an
                                empty store of posts (content/read_cache.py) …
  save stored posts             … which is then written to disk
  read + validate, stored       a one-post build's reading: the store opened again, every post reused
  index                         taxonomies and timelines
  page specs                    every page's spec, related posts computed (cold build)
  page specs, related stored    the same with related posts kept from the last build (one-post build)
  plan, stored posts            plan_portal() as a one-post build calls it: everything the main
                                process does before rendering, from the stored posts
  markdown (all bodies)         every body converted with the site's Markdown extensions (--skip-markdown)

Reports the median of the repeats and CPU time (process time), which a busy machine disturbs less
than wall time; with --profile DIR, a pyinstrument text profile of each phase's last repeat.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .run import prepare, project_dir

PHASES = (
    "read + validate",
    "read + validate, cold store",
    "save stored posts",
    "read + validate, stored",
    "index",
    "page specs",
    "page specs, related stored",
    "plan, stored posts",
    "markdown (all bodies)",
)


class Timer:
    """Runs each phase, keeping its wall and CPU time (and, with a profile folder, its profile)."""

    def __init__(self, only: set[str], profile_dir: Path | None) -> None:
        self.only = only
        self.profile_dir = profile_dir
        self.samples: dict[str, list[tuple[float, float]]] = {}

    def wanted(self, name: str) -> bool:
        return not self.only or name in self.only

    def run(self, name: str, action: Callable[[], Any]) -> Any:
        profiler = None
        if self.profile_dir is not None and self.wanted(name):
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if profiler is not None and self.profile_dir is not None:
            profiler.stop()
            slug = "".join(c if c.isalnum() else "-" for c in name)
            (self.profile_dir / f"{slug}.txt").write_text(profiler.output_text(show_all=False))
        self.samples.setdefault(name, []).append((wall, cpu))
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.phases", description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-markdown", action="store_true")
    parser.add_argument("--only", nargs="*", default=[], help="phases to time (the others still run when needed)")
    parser.add_argument("--profile", type=Path, help="folder for a pyinstrument profile of each phase")
    args = parser.parse_args(argv)
    unknown = set(args.only) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases {sorted(unknown)}; phases: {', '.join(PHASES)}")
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)

    import markdown

    from zoneportal.content.read_cache import PostStore, reading_salt
    from zoneportal.content.validate import REGISTRY_FILES, ContentCache, load_content
    from zoneportal.index.taxonomy import build_index
    from zoneportal.output.seo import SiteMeta
    from zoneportal.pages import PageSizes, build_pages
    from zoneportal.pages.model import RenderMemo
    from zoneportal.pages.urls import UrlScheme
    from zoneportal.plan import plan_portal
    from zoneportal.settings import PortalSettings
    from zoneportal.vi import heading_slug, slugify, today_in_vietnam

    prepare({args.posts: {"zoneportal"}}, 0.0)
    root = project_dir("zoneportal", args.posts)
    timer = Timer(set(args.only), args.profile)
    for _ in range(args.repeat):
        for cache in (heading_slug, slugify):
            cache.cache_clear()  # every repeat starts cold, like a fresh build process
        if timer.wanted("read + validate"):
            registry, posts, report = timer.run("read + validate", lambda: load_content(root / "posts", root))
            assert not report.has_errors(), report.render()
        with tempfile.TemporaryDirectory(prefix="zp-phases-") as scratch:
            store_file = Path(scratch) / "posts.pickle"
            for cache in (heading_slug, slugify):
                cache.cache_clear()
            cold = ContentCache(store=PostStore(store_file), by_stat=False)
            registry, posts, report = timer.run(
                "read + validate, cold store", lambda cold=cold: load_content(root / "posts", root, cold)
            )
            assert not report.has_errors(), report.render()
            index = timer.run("index", lambda posts=posts: build_index(posts))
            memo = RenderMemo()
            timer.run(
                "page specs",
                lambda index=index, registry=registry, memo=memo: build_pages(
                    index, registry, UrlScheme(), PageSizes(), memo=memo
                ),
            )
            store = cold.store
            assert store is not None
            store.related_signature, store.related = memo.related_signature, memo.related
            timer.run("save stored posts", store.save)

            stored = ContentCache(store=PostStore(store_file), by_stat=False)
            timer.run("read + validate, stored", lambda stored=stored: load_content(root / "posts", root, stored))
            kept = RenderMemo(related_signature=memo.related_signature, related=memo.related)
            timer.run(
                "page specs, related stored",
                lambda index=index, registry=registry, kept=kept: build_pages(
                    index, registry, UrlScheme(), PageSizes(), memo=kept
                ),
            )
            if timer.wanted("plan, stored posts"):
                settings = PortalSettings(site=SiteMeta(name="bench", url="https://bench.example/"))
                again = PostStore(store_file)
                cache = ContentCache(store=again, by_stat=False)
                planned = RenderMemo()

                def plan_stored(
                    again: PostStore = again,
                    cache: ContentCache = cache,
                    planned: RenderMemo = planned,
                    settings: PortalSettings = settings,
                ) -> Any:
                    # As mkdocs/preview.plan_with_state does it for a build with a build cache folder.
                    again.open(reading_salt([root / "posts" / name for name in REGISTRY_FILES]), root)
                    planned.related_signature, planned.related = again.related_signature, again.related
                    return plan_portal(root, settings, today_in_vietnam(), content_cache=cache, render_memo=planned)

                plan = timer.run("plan, stored posts", plan_stored)
                assert not plan.problems.has_errors(), plan.problems.render()
        if not args.skip_markdown and timer.wanted("markdown (all bodies)"):
            md = markdown.Markdown(
                extensions=["toc", "attr_list", "md_in_html", "tables", "admonition"],
                extension_configs={"toc": {"permalink": True, "slugify": heading_slug}},
            )

            def convert_all(posts: list[Any] = posts, md: markdown.Markdown = md) -> None:
                for post in posts:
                    md.reset().convert(post.body)

            timer.run("markdown (all bodies)", convert_all)
    print(f"zoneportal phases, N={args.posts}, {args.repeat} repeats (median wall / median CPU, seconds):")
    for name in PHASES:
        values = timer.samples.get(name)
        if not values or not timer.wanted(name):
            continue
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        print(f"  {name:<30} {statistics.median(walls):7.2f} / {statistics.median(cpus):7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
