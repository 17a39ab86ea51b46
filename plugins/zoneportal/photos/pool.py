"""A process pool across every core: jobs are submitted while MkDocs reads files and collected when it is done.

Like Material's optimize and social plugins: encoding overlaps page rendering, and the build waits
only for what is still running when the pages are written. The pool exists only when there is work.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from threading import Lock
from typing import TYPE_CHECKING, Any

from ..workers import worker_count
from .encode import EncodeJob, EncodeResult, encode_job

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


def _context() -> Any:
    """fork where there is one: workers start at once, share the parent's imports, and need no
    importable `__main__` (spawn re-runs the calling script, and fails for `python -` or a notebook).
    The pool is forked before any thread of ours starts (the progress bar starts after it)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class EncodePool:
    def __init__(self, workers: int = 0, progress: bool | None = None, label: str = "Mã hóa ảnh") -> None:
        self.workers = worker_count(workers)
        # None: a bar only when stderr is a terminal, so CI logs never get one.
        self.progress = progress
        self.label = label
        self._executor: ProcessPoolExecutor | None = None
        self._futures: list[tuple[EncodeJob, Future[EncodeResult]]] = []
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._lock = Lock()
        self._inline = False
        self._deferred: list[tuple[EncodeJob, Future[EncodeResult]]] = []

    def submit(self, jobs: list[EncodeJob]) -> None:
        if not jobs:
            return
        if self._executor is None and not self._inline:
            try:
                self._executor = ProcessPoolExecutor(max_workers=min(self.workers, len(jobs)), mp_context=_context())
            except (OSError, ValueError, RuntimeError):
                self._inline = True
        for job in jobs:
            future = self._submit_one(job)
            future.add_done_callback(self._tick)
            self._futures.append((job, future))
        with self._lock:
            if self._bar is None:
                self._start_bar()
            if self._bar is not None and self._task is not None:
                done = sum(f.done() for _, f in self._futures)
                self._bar.update(self._task, total=len(self._futures), completed=done)

    def _submit_one(self, job: EncodeJob) -> Future[EncodeResult]:
        """On the pool; in this process if no pool can be started (no fork, no importable __main__ …)."""
        if not self._inline and self._executor is not None:
            try:
                return self._executor.submit(encode_job, job)
            except (BrokenProcessPool, OSError, RuntimeError):
                self._inline = True
                self.shutdown_pool()
        future: Future[EncodeResult] = Future()
        self._deferred.append((job, future))
        return future

    def _start_bar(self) -> None:
        # rich is imported here, not with the module: ~0.2 s of every build's start otherwise.
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

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
        for job, future in self._deferred:  # encoded here, one after another
            future.set_result(encode_job(job))
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

    def shutdown_pool(self, cancel: bool = False) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=cancel)
            self._executor = None

    def shutdown(self, cancel: bool = False) -> None:
        self.shutdown_pool(cancel)
        self._futures = []
        self._deferred = []
        with self._lock:
            if self._bar is not None:
                self._bar.stop()
                self._bar = None
                self._task = None
