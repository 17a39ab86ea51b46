"""Page links: first, last and two either side of the current page, never every page of a long list."""

from __future__ import annotations

from zoneportal.pages.paging import paginate


def shown(count: int, number: int) -> list[int | None]:
    pages = paginate(list(range(count * 10)), 10, lambda n: f"p/{n}/")
    page = pages[number - 1]
    return [link[0] if link else None for link in page.window()]


def test_short_lists_show_every_page() -> None:
    assert shown(1, 1) == [1]
    assert shown(5, 3) == [1, 2, 3, 4, 5]
    assert shown(7, 4) == [1, 2, 3, 4, 5, 6, 7]


def test_long_lists_show_ends_and_neighbours_with_gaps() -> None:
    assert shown(225, 1) == [1, 2, 3, None, 225]
    assert shown(225, 100) == [1, None, 98, 99, 100, 101, 102, None, 225]
    assert shown(225, 225) == [1, None, 223, 224, 225]


def test_a_gap_of_one_page_shows_that_page() -> None:
    assert shown(9, 5) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert shown(10, 5) == [1, 2, 3, 4, 5, 6, 7, None, 10]


def test_links_carry_their_urls() -> None:
    page = paginate(list(range(300)), 10, lambda n: f"p/{n}/")[14]
    assert (15, "p/15/") in page.window()
    assert page.window()[0] == (1, "p/1/") and page.window()[-1] == (30, "p/30/")
