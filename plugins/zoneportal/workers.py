"""How many processes a `workers` setting means (photo encoding, page rendering)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager


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
