"""Work that makes objects by the hundred thousand (reading every post, planning every page, loading
stored posts) runs with Python's cycle collector paused.

Such work only adds objects that live on (posts, views, page specs), and makes next to no garbage
cycles; yet each collection of the oldest generation walks every object alive, and the collector
starts one every few ten thousand allocations. At 10 000 posts that was a third of a one-post
build's planning (1.8 → 0.9 s to open the stored posts, 1.1 → 0.6 s for page specs). Reference
counting still frees what is dropped; cycles made meanwhile are collected once the work is done."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Nested uses keep the collector paused until the outermost one ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def in_bulk(work: Callable[P, R]) -> Callable[P, R]:
    """`work`, run with the cycle collector paused (see the module's note)."""

    @wraps(work)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with cycle_collection_paused():
            return work(*args, **kwargs)

    return paused
