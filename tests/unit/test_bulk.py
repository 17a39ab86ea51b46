"""Bulk work runs with the cycle collector paused, and leaves it as it found it."""

from __future__ import annotations

import gc
import weakref

import pytest

from zoneportal.content.bulk import cycle_collection_paused, in_bulk


@in_bulk
def _collector_state() -> bool:
    return gc.isenabled()


@in_bulk
def _failing() -> None:
    raise ValueError("hỏng")


def test_paused_during_the_work_and_enabled_after() -> None:
    assert gc.isenabled()
    assert _collector_state() is False
    assert gc.isenabled()


def test_nested_work_keeps_it_paused_until_the_outermost_ends() -> None:
    with cycle_collection_paused():
        assert _collector_state() is False
        assert not gc.isenabled()  # the inner work ended; the outer one still runs
    assert gc.isenabled()


def test_enabled_again_when_the_work_fails() -> None:
    with pytest.raises(ValueError):
        _failing()
    assert gc.isenabled()


def test_left_paused_when_it_was_paused_before() -> None:
    gc.disable()
    try:
        assert _collector_state() is False
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cycles_made_meanwhile_are_collected_afterwards() -> None:
    class Node:
        partner: object = None

    @in_bulk
    def make_cycles() -> list[weakref.ref[Node]]:
        made = []
        for _ in range(1000):
            first, second = Node(), Node()
            first.partner, second.partner = second, first
            made.append(weakref.ref(first))
        return made

    made = make_cycles()
    gc.collect()
    assert all(ref() is None for ref in made)
