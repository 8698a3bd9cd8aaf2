"""What subscriptions listen to: the store's revision, as the API's follower moves it.

Every write, through any replica or the CLI, moves the store revision; each server's follower
picks it up (at once for its own writes, within the poll interval for others) and announces
it here. So a subscriber on any replica hears every write.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol


class StoreEvents(Protocol):
    @property
    def current(self) -> int:
        """The revision this server's index (and caches) have caught up to."""
        ...

    def changes(self, since: int) -> AsyncIterator[int]:
        """Each new revision after `since`, as soon as this server has caught up to it;
        several writes in quick succession may arrive as one."""
        ...
