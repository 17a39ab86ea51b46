"""map_alongside_forks: this process works one share while forked workers do the rest."""

from __future__ import annotations

import os

import pytest

from zoneportal.workers import map_alongside_forks


def _tag(chunk: list[int]) -> tuple[int, list[int]]:
    return os.getpid(), [value * 2 for value in chunk]


def _tag_forked(chunk: list[int]) -> tuple[int, list[int]]:
    return -os.getpid(), [value * 2 for value in chunk]


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_results_keep_the_order_of_the_chunks(processes: int) -> None:
    chunks = [[index, index + 100] for index in range(7)]
    results = map_alongside_forks(chunks, processes, _tag)
    assert [doubled for _, doubled in results] == [[2 * a, 2 * b] for a, b in chunks]


def test_this_process_works_its_share_and_workers_run_the_forked_function() -> None:
    chunks = [[index] for index in range(6)]
    results = map_alongside_forks(chunks, 2, _tag, _tag_forked)
    here = [index for index, (pid, _) in enumerate(results) if pid == os.getpid()]
    forked = [index for index, (pid, _) in enumerate(results) if pid < 0]
    assert here == [0, 2, 4]  # every second chunk, in this process, with `here`
    assert forked == [1, 3, 5] and all(-pid != os.getpid() for pid, _ in (results[i] for i in forked))


def test_one_process_or_one_chunk_forks_nothing() -> None:
    assert map_alongside_forks([[1]], 4, _tag, _tag_forked) == [(os.getpid(), [2])]
    assert {pid for pid, _ in map_alongside_forks([[1], [2]], 1, _tag, _tag_forked)} == {os.getpid()}


def _boom(chunk: list[int]) -> list[int]:
    if chunk == [1]:
        raise ValueError("chunk 1")
    return chunk


def test_a_failing_worker_is_raised_here() -> None:
    with pytest.raises(ValueError, match="chunk 1"):
        map_alongside_forks([[0], [1]], 2, _boom)
