"""Each update is handled once.

Telegram re-delivers a webhook update when the answer was not a 2xx in time, and long polling may hand
out an update again after a crash before its offset was confirmed. Brug records every processed
``update_id`` in the same unit of work as the update's own changes: a repeat finds its id and changes
nothing, and an update whose handling was rolled back is not recorded, so a re-delivery may try again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories import updates as repo

log = logging.getLogger(__name__)

# Telegram keeps an undelivered update for at most 24 hours; a week leaves ample room.
RETENTION = timedelta(days=7)
# Pruning is a range delete on an index; once an hour keeps it off the path of most updates.
PRUNE_EVERY = timedelta(hours=1)


@dataclass
class UpdateLedger:
    """Remembers processed update ids (in the database) and prunes them now and then."""

    retention: timedelta = RETENTION
    prune_every: timedelta = PRUNE_EVERY
    next_prune_at: datetime | None = field(default=None)

    async def first_time(self, session: AsyncSession, update_id: int, now: datetime) -> bool:
        """True when ``update_id`` was not processed before; records it in ``session``'s transaction."""
        is_new = await repo.claim(session, update_id, now)
        if is_new and (self.next_prune_at is None or now >= self.next_prune_at):
            pruned = await repo.prune(session, now - self.retention)
            self.next_prune_at = now + self.prune_every
            if pruned:
                log.info("forgot %d processed update ids older than %s", pruned, self.retention)
        return is_new
