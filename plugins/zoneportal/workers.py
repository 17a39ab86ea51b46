"""How many processes a `workers` setting means (photo encoding, page rendering)."""

from __future__ import annotations

import os


def worker_count(setting: int) -> int:
    """0 means one per core this process may use."""
    if setting > 0:
        return setting
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
