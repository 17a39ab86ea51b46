"""Splitting a long list of posts into numbered pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class PageSlice(Generic[T]):
    number: int
    count: int
    items: Sequence[T]
    url: str
    previous_url: str | None
    next_url: str | None
    urls: tuple[str, ...]

    @property
    def is_first(self) -> bool:
        return self.number == 1


def paginate(items: Sequence[T], size: int, url_of: Callable[[int], str]) -> list[PageSlice[T]]:
    """At least one page, so an empty category still has its index page."""
    count = max(1, -(-len(items) // size))
    urls = tuple(url_of(n) for n in range(1, count + 1))
    return [
        PageSlice(
            number=n,
            count=count,
            items=items[(n - 1) * size : n * size],
            url=urls[n - 1],
            previous_url=urls[n - 2] if n > 1 else None,
            next_url=urls[n] if n < count else None,
            urls=urls,
        )
        for n in range(1, count + 1)
    ]
