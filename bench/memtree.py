"""Peak memory of a process tree, sampled from /proc (Linux): RSS and PSS summed over every process.

Standard library only and no package imports: bench/run.py runs this file's text as the launcher of
each build in a bare interpreter (`python -I -S`), and bench/preview_latency.py samples the
`mkdocs serve` tree with `TreeSampler`. RSS summed counts pages that forked workers share with their
parent once per process (an upper bound); PSS splits shared pages between the processes.
"""

from __future__ import annotations

import threading

SAMPLE_SECONDS = 0.1


def tree(pid: int) -> list[int]:
    """`pid` and every descendant, read from /proc/<pid>/task/<pid>/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as handle:
                todo += [int(child) for child in handle.read().split()]
        except OSError:
            pass  # the process ended between two reads
    return found


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB summed over the tree of `pid`."""
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


class TreeSampler:
    """Samples the tree of `pid` every SAMPLE_SECONDS on a thread until stopped; keeps the peaks."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._done.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            rss, pss = memory_kb(self.pid)
            self.peak_rss_kb, self.peak_pss_kb = max(self.peak_rss_kb, rss), max(self.peak_pss_kb, pss)
