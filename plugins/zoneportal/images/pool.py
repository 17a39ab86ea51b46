"""A process pool across every core: jobs are submitted while MkDocs reads files and collected when it is done.

Like Material's optimize and social plugins: encoding overlaps page rendering, and the build waits
only for what is still running when the pages are written. The pool exists only when there is work.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from threading import Lock
from typing import Any

from tqdm import tqdm

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
    def __init__(self, workers: int = 0, progress: bool | None = None, label: str = "Ảnh") -> None:
        self.workers = workers if workers > 0 else default_workers()
        # None: a bar only on a terminal (tqdm's own test), never in CI logs.
        self.progress = progress
        self.label = label
        self._executor: ProcessPoolExecutor | None = None
        self._futures: list[tuple[EncodeJob, Future[EncodeResult]]] = []
        self._bar: tqdm[Any] | None = None
        self._lock = Lock()

    def submit(self, jobs: list[EncodeJob]) -> None:
        if not jobs:
            return
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=min(self.workers, len(jobs)), mp_context=_context())
        if self._bar is None and self.progress is not False:
            self._bar = tqdm(
                total=0, desc=self.label, unit="ảnh", file=sys.stderr, disable=None if self.progress is None else False
            )
        with self._lock:
            if self._bar is not None:
                self._bar.total += len(jobs)
                self._bar.refresh()
        for job in jobs:
            future = self._executor.submit(encode_job, job)
            future.add_done_callback(self._tick)
            self._futures.append((job, future))

    def _tick(self, _future: Future[EncodeResult]) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.update(1)

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
                self._bar.close()
                self._bar = None
