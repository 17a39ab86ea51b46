"""Scheduled posts: a post dated in the future (Vietnam time) waits for the first build after its time.

Nothing of a scheduled post is published — page, listings, feeds, search, sitemap — because every
page is planned from the index, and the index is built from the posts that are due only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..content.post import Post

# A date further ahead than this is more likely a typo of the year than a plan.
FAR_AHEAD = timedelta(days=60)


@dataclass(frozen=True)
class Schedule:
    due: list[Post]
    waiting: list[Post]  # soonest first

    def far_ahead(self, now: datetime) -> list[Post]:
        return [post for post in self.waiting if post.date - now > FAR_AHEAD]


def split_schedule(posts: Iterable[Post], now: datetime) -> Schedule:
    """Posts whose time has come, and those still waiting; a post dated exactly `now` is due."""
    due: list[Post] = []
    waiting: list[Post] = []
    for post in posts:
        (waiting if post.date > now else due).append(post)
    waiting.sort(key=lambda post: post.sort_key)
    return Schedule(due=due, waiting=waiting)
