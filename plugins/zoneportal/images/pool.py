"""A process pool across every core: jobs are submitted while MkDocs reads files and collected when it is done.

Like Material's optimize and social plugins: encoding overlaps page rendering, and the build waits
only for what is still running when the pages are written. The pool exists only when there is work.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from threading import Lock
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from .encode import EncodeJob, EncodeResult, encode_job


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> Any:
    # fork copies a running MkDocs (threads of `mkdocs serve` included); a fresh interpreter is safer.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class EncodePool:
    def __init__(self, workers: int = 0, progress: bool | None = None, label: str = "Mã hóa ảnh") -> None:
        self.workers = workers if workers > 0 else default_workers()
        # None: a bar only when stderr is a terminal, so CI logs never get one.
        self.progress = progress
        self.label = label
        self._executor: ProcessPoolExecutor | None = None
        self._futures: list[tuple[EncodeJob, Future[EncodeResult]]] = []
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._lock = Lock()

    def submit(self, jobs: list[EncodeJob]) -> None:
        if not jobs:
            return
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=min(self.workers, len(jobs)), mp_context=_context())
        if self._bar is None:
            self._start_bar()
        with self._lock:
            if self._bar is not None and self._task is not None:
                self._bar.update(self._task, total=(self._bar.tasks[0].total or 0) + len(jobs))
        for job in jobs:
            future = self._executor.submit(encode_job, job)
            future.add_done_callback(self._tick)
            self._futures.append((job, future))

    def _start_bar(self) -> None:
        console = Console(stderr=True)
        if self.progress is False or (self.progress is None and not console.is_terminal):
            return
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task = self._bar.add_task(self.label, total=0)
        self._bar.start()

    def _tick(self, _future: Future[EncodeResult]) -> None:
        with self._lock:
            if self._bar is not None and self._task is not None:
                self._bar.advance(self._task)

    def collect(self, on_result: Callable[[EncodeJob, EncodeResult], None] | None = None) -> list[EncodeResult]:
        """Wait for every job; a crashed worker becomes a failed result, never an exception."""
        results = []
        try:
            for job, future in self._futures:
                try:
                    result = future.result()
                except BrokenProcessPool:
                    result = EncodeResult(
                        job.key, ok=False, error="tiến trình mã hóa ảnh dừng đột ngột (có thể do thiếu bộ nhớ)."
                    )
                except Exception as exc:  # a bug in the encoder must still name the photo
                    result = EncodeResult(job.key, ok=False, error=f"lỗi khi mã hóa ảnh ({type(exc).__name__}: {exc}).")
                results.append(result)
                if on_result is not None:
                    on_result(job, result)
        finally:
            self.shutdown()
        return results

    def shutdown(self, cancel: bool = False) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=cancel)
            self._executor = None
        self._futures = []
        with self._lock:
            if self._bar is not None:
                self._bar.stop()
                self._bar = None
                self._task = None
