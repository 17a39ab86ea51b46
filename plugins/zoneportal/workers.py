"""How many processes a `workers` setting means (photo encoding, page rendering)."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def worker_count(setting: int) -> int:
    """0 means one per core this process may use."""
    if setting > 0:
        return setting
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def shared_heap() -> Iterator[None]:
    """Around forking workers: the build's objects (posts, pages, navigation) are moved out of the
    garbage collector's reach, so neither the parent nor a worker walks them again. A worker's
    collection would otherwise write to every object's header and copy the whole heap out of the
    pages it shares with the parent (copy-on-write), and each full collection walks ~all posts."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # `mkdocs serve` rebuilds in this process: what a rebuild drops must stay collectable


def map_alongside_forks(
    chunks: Sequence[T], processes: int, here: Callable[[T], R], forked: Callable[[T], R] | None = None
) -> list[R]:
    """`here(chunk)` for every chunk on `processes` processes, this one included: `processes - 1` are
    forked and this process works through its own share meanwhile. Results in the order of `chunks`.

    A forked worker's resident memory counts the pages it shares with its parent again, so a tree of
    a parent waiting on two workers weighs three copies of the build's state; a parent that works
    beside one worker weighs two, with the same two cores busy. `forked` is what a worker runs
    instead of `here` (e.g. to capture its log records for the parent)."""
    processes = min(processes, len(chunks))
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [here(chunk) for chunk in chunks]
    own = range(0, len(chunks), processes)
    theirs = [index for index in range(len(chunks)) if index % processes]
    results: dict[int, R] = {}
    with shared_heap(), multiprocessing.get_context("fork").Pool(processes - 1) as pool:
        pending = pool.map_async(forked or here, [chunks[index] for index in theirs], chunksize=1)
        for index in own:
            results[index] = here(chunks[index])
        results.update(zip(theirs, pending.get(), strict=True))
    return [results[index] for index in range(len(chunks))]
