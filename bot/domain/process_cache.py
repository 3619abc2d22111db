"""What rarely changes, kept for a short while in one bot process.

A press of 👍 needs the number of active members of the group (memberships seen in the last 30 days) to
know how much support a proposal needs. That number moves when somebody appears in the group (a new
membership, or ``last_seen_at`` moved on) or leaves it, and otherwise only as time passes. So it is
counted once a minute per group instead of on every press:

- in this process it is exact: any change to a ``Membership`` written through a session that carries
  the cache (``session.info[PROCESS_CACHE]``, set by ``BrugApplication.process_update``) forgets the
  group's count, and a bulk update or delete of memberships forgets every count;
- another process (a second worker) may see a count up to ``ttl`` old: the "needed" shown on a card
  may lag a member behind for a minute, never more.

Sessions without the cache (the scheduler, scripts, tests calling the domain directly) count every time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from storage.models import Membership

PROCESS_CACHE = "brug_process_cache"
TTL = timedelta(minutes=1)


@dataclass
class ProcessCache:
    """Per-group counts with the moment they were taken; one per Application."""

    ttl: timedelta = TTL
    _active_members: dict[int, tuple[datetime, int]] = field(default_factory=dict)

    def active_members(self, group_id: int, now: datetime) -> int | None:
        """The cached count, or None when there is none younger than ``ttl`` (a clock that went back
        counts as a miss, too)."""
        cached = self._active_members.get(group_id)
        if cached is None:
            return None
        counted_at, count = cached
        if not timedelta(0) <= now - counted_at < self.ttl:
            return None
        return count

    def remember_active_members(self, group_id: int, now: datetime, count: int) -> None:
        self._active_members[group_id] = (now, count)

    def forget_group(self, group_id: int) -> None:
        self._active_members.pop(group_id, None)

    def forget_all(self) -> None:
        self._active_members.clear()


def cache_of(session: Any) -> ProcessCache | None:
    """The process cache a (sync or async) session carries, if any."""
    return session.info.get(PROCESS_CACHE)


@event.listens_for(Session, "before_flush")
def _forget_changed_memberships(session: Session, _context: Any, _instances: Any) -> None:
    cache = cache_of(session)
    if cache is None:
        return
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, Membership):
            if row.group_id is None:
                cache.forget_all()
                return
            cache.forget_group(row.group_id)


@event.listens_for(Session, "do_orm_execute")
def _forget_after_bulk_changes(state: ORMExecuteState) -> None:
    cache = cache_of(state.session)
    if cache is None or not (state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is not None and mapper.class_ is Membership:
        cache.forget_all()
