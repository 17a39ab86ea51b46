"""`mkdocs build` with a clock on its phases: what a build's time went to, written as JSON for bench.run.

    python bench/clock.py OUT.json MKDOCS_BIN build -q -f mkdocs.yml

Runs MkDocs in this process (argv[0] is MKDOCS_BIN, so caches keyed by the program see a plain
`mkdocs build`) with MkDocs' plugin events timed at the top level (a page event inside our render
step is part of that step), and, inside zoneportal's events, the steps that dominate a build: planning,
rendering, sitemap/feeds, photos, search index, finishing. Each phase gets wall seconds and CPU seconds
of this process and the children it reaped (forked render workers, Pagefind). "start-up" is everything
before the first event (interpreter, imports, configuration); "mkdocs (between events)" is MkDocs' own
work: finding files, navigation, rendering the pages MkDocs renders itself, copying static files.

A script, not a module of the bench package: the benchmark starts it with the corpus as working folder.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

STARTED = time.perf_counter()

# (module, function, phase): steps inside zoneportal's events; a name missing in a version is skipped.
STEPS = (
    ("zoneportal.mkdocs.plugin", "plan_with_state", "plan (read, validate, index, page specs)"),
    ("zoneportal.mkdocs.plugin", "render_or_stop", "render our pages"),
    ("zoneportal.mkdocs.output", "write_site_maps", "sitemap, feeds"),
    ("zoneportal.mkdocs.plugin", "finish_photos", "photos"),
    ("zoneportal.mkdocs.output", "index_for_search", "search index (Pagefind)"),
    ("zoneportal.mkdocs.output", "finish_build", "finish pages (scripts out, hashed names, gzip, brotli), cache"),
)


def cpu_now() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


class Clock:
    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.first_event: float | None = None
        self.start_cpu = 0.0
        self.open: list[list[float]] = []  # per running phase: the wall and CPU its inner steps took
        self.pid = os.getpid()

    def timed(self, phase: str, action: Callable[[], Any], *, step: bool = False) -> Any:
        """A phase's own time: a step inside it (render inside on_env) is its own phase, a page event
        inside a step is part of the step, and a forked worker times nothing."""
        if os.getpid() != self.pid or (self.open and not step):
            return action()
        if self.first_event is None:
            self.first_event, self.start_cpu = time.perf_counter(), cpu_now()
        self.open.append([0.0, 0.0])
        wall, cpu = time.perf_counter(), cpu_now()
        try:
            return action()
        finally:
            inner_wall, inner_cpu = self.open.pop()
            spent_wall, spent_cpu = time.perf_counter() - wall, cpu_now() - cpu
            self.wall[phase] = self.wall.get(phase, 0.0) + spent_wall - inner_wall
            self.cpu[phase] = self.cpu.get(phase, 0.0) + spent_cpu - inner_cpu
            if self.open:
                self.open[-1][0] += spent_wall
                self.open[-1][1] += spent_cpu

    def report(self) -> dict[str, list[float]]:
        total_wall, total_cpu = time.perf_counter() - STARTED, cpu_now()
        if self.first_event is None:
            return {"total": [total_wall, total_cpu]}
        phases = {"start-up": [self.first_event - STARTED, self.start_cpu]}
        phases.update({name: [self.wall[name], self.cpu[name]] for name in self.wall})
        inside_wall = sum(wall for wall, _ in phases.values())
        inside_cpu = sum(cpu for _, cpu in phases.values())
        phases["mkdocs (between events)"] = [total_wall - inside_wall, total_cpu - inside_cpu]
        phases["total"] = [total_wall, total_cpu]
        return phases


def install(clock: Clock) -> None:
    from mkdocs.plugins import PluginCollection

    run_event = PluginCollection.run_event
    steps_installed = False

    def timed_event(self: PluginCollection, name: str, *args: Any, **kwargs: Any) -> Any:
        nonlocal steps_installed
        if not steps_installed and "zoneportal.mkdocs.plugin" in sys.modules:  # loaded with the config
            install_steps(clock)
            steps_installed = True
        return clock.timed(f"on_{name}", lambda: run_event(self, name, *args, **kwargs))

    PluginCollection.run_event = timed_event  # type: ignore[method-assign]


def install_steps(clock: Clock) -> None:
    for module_name, function_name, phase in STEPS:
        module = sys.modules.get(module_name)
        function = getattr(module, function_name, None) if module is not None else None
        if function is not None:
            setattr(module, function_name, _step(clock, phase, function))


def _step(clock: Clock, phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def timed_step(*args: Any, **kwargs: Any) -> Any:
        return clock.timed(phase, lambda: function(*args, **kwargs), step=True)

    return timed_step


def main() -> None:
    out, program, *arguments = sys.argv[1:]
    clock = Clock()
    install(clock)

    def write() -> None:
        if os.getpid() == clock.pid:
            with open(out, "w", encoding="utf-8") as handle:
                json.dump(clock.report(), handle)

    atexit.register(write)
    sys.argv = [program, *arguments]
    from mkdocs.__main__ import cli

    cli.main(args=arguments, prog_name=os.path.basename(program))


if __name__ == "__main__":
    main()
