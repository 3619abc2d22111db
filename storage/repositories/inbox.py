"""The inbox of Telegram updates: store on arrival, claim a chat's next update, finish it.

A row is claimable when it is its chat's turn: a ``new`` row with nothing of its chat claimed and no
earlier ``new`` row of its chat, or a ``claimed`` row whose lease ran out (its worker died). Every
statement here touches a batch at once, in the style of the reminders outbox
(``storage/repositories/reminders.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, and_, bindparam, delete, exists, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from storage.models import InboxUpdate

NEW, CLAIMED, FAILED = "new", "claimed", "failed"
# PostgreSQL's NOTIFY channel: a stored update wakes the workers of every process at once.
CHANNEL = "brug_inbox"

inbox = InboxUpdate.__table__


@dataclass(frozen=True)
class Claimed:
    update_id: int
    chat_id: int
    payload: str
    attempts: int


def _is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


async def add(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Store updates (``update_id``, ``chat_id``, ``payload``, ``received_at``); one already there
    (Telegram delivered it again) is left as it is. Returns the ids that are new."""
    if not rows:
        return []
    insert = pg_insert if _is_postgres(session) else sqlite_insert
    values = [{**row, "status": NEW, "attempts": 0} for row in rows]
    result = await session.execute(
        insert(inbox).values(values).on_conflict_do_nothing(index_elements=[inbox.c.update_id])
        .returning(inbox.c.update_id)
    )
    return list(result.scalars())


async def notify(session: AsyncSession) -> None:
    """PostgreSQL: wake the listening workers when this transaction commits."""
    if _is_postgres(session):
        await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


def _claim_statement():
    """Built once (every finished update is followed by a claim); ``now``, ``worker``, ``lease_until``
    and ``limit`` are bound when it runs.

    A row's turn: a ``new`` row with nothing of its chat in flight and no earlier ``new`` row of its
    chat, or a ``claimed`` row whose lease ran out (its worker died).
    """
    row = inbox.alias("candidate")
    other = inbox.alias("other")
    # Unfinished (the partial index's own condition, spelled out so SQLite uses that index too), and
    # either in flight or earlier.
    in_the_way = exists().where(
        other.c.chat_id == row.c.chat_id,
        other.c.status.in_((NEW, CLAIMED)),
        other.c.update_id != row.c.update_id,
        or_(other.c.status == CLAIMED, other.c.update_id < row.c.update_id),
    )
    its_turn = or_(
        and_(row.c.status == CLAIMED, row.c.lease_until <= bindparam("now", type_=inbox.c.lease_until.type)),
        and_(row.c.status == NEW, ~in_the_way),
    )
    turn = (
        select(row.c.update_id)
        .where(row.c.status.in_((NEW, CLAIMED)), its_turn)
        .order_by(row.c.update_id)
        .limit(bindparam("limit"))
        .with_for_update(skip_locked=True, of=row)
    )
    return (
        update(inbox)
        .where(inbox.c.update_id.in_(turn.scalar_subquery()))
        .values(
            status=CLAIMED,
            claimed_by=bindparam("worker"),
            lease_until=bindparam("lease_until", type_=inbox.c.lease_until.type),
            attempts=inbox.c.attempts + 1,
        )
        .returning(inbox.c.update_id, inbox.c.chat_id, inbox.c.payload, inbox.c.attempts)
    )


_CLAIM = _claim_statement()


async def claim(
    session: AsyncSession, worker: str, now: datetime, lease_until: datetime, limit: int
) -> list[Claimed]:
    """Claim up to ``limit`` rows whose turn it is, oldest first, in one statement; the caller commits
    right away.

    On PostgreSQL ``FOR UPDATE SKIP LOCKED`` lets another worker's claim pass over these rows instead of
    waiting for them, and the partial unique index on ``chat_id WHERE status = 'claimed'`` refuses a
    second claimed row of one chat even in a race (an update that arrived late, with a lower id): the
    statement then fails and the caller tries again. SQLite has one writer and ignores the clause.
    """
    result = await session.execute(
        _CLAIM, {"now": now, "worker": worker, "lease_until": lease_until, "limit": limit}
    )
    claimed = [Claimed(*values) for values in result.all()]
    return sorted(claimed, key=lambda c: c.update_id)


async def finish(session: AsyncSession, update_id: int) -> None:
    """Handled: the row goes, in the same transaction as the update's own changes."""
    await session.execute(delete(inbox).where(inbox.c.update_id == update_id))


async def fail(session: AsyncSession, update_ids: Sequence[int], error: str) -> None:
    """Handled, and the handler failed (the member was told to try again): kept to look at, never retried."""
    if not update_ids:
        return
    await session.execute(
        update(inbox)
        .where(inbox.c.update_id.in_(list(update_ids)))
        .values(status=FAILED, claimed_by=None, lease_until=None, last_error=error[:1000])
    )


async def renew(
    session: AsyncSession, worker: str, update_ids: Iterable[int], lease_until: datetime
) -> int:
    """Extend the lease of the rows ``worker`` is still handling."""
    ids = list(update_ids)
    if not ids:
        return 0
    result = await _dml(
        session,
        update(inbox)
        .where(inbox.c.update_id.in_(ids), inbox.c.claimed_by == worker, inbox.c.status == CLAIMED)
        .values(lease_until=lease_until),
    )
    return result.rowcount or 0


async def release(
    session: AsyncSession, *, worker: str | None = None, update_ids: Iterable[int] | None = None
) -> int:
    """Give claimed rows back (``new``): of ``worker`` (its ``update_ids`` only, when given), or all
    of them (``worker`` None: SQLite at start-up, where no other process can hold any)."""
    statement = update(inbox).where(inbox.c.status == CLAIMED)
    if worker is not None:
        statement = statement.where(inbox.c.claimed_by == worker)
    if update_ids is not None:
        ids = list(update_ids)
        if not ids:
            return 0
        statement = statement.where(inbox.c.update_id.in_(ids))
    result = await _dml(session, statement.values(status=NEW, claimed_by=None, lease_until=None))
    return result.rowcount or 0


async def waiting(session: AsyncSession) -> int:
    """How many updates are not handled yet (new or claimed)."""
    return await session.scalar(
        select(func.count()).select_from(inbox).where(inbox.c.status.in_((NEW, CLAIMED)))
    ) or 0


async def prune_failed(session: AsyncSession, before: datetime) -> int:
    """Forget failed rows received before ``before``."""
    result = await _dml(
        session, delete(inbox).where(inbox.c.status == FAILED, inbox.c.received_at < before)
    )
    return result.rowcount or 0


async def _dml(session: AsyncSession, statement: Executable) -> CursorResult[Any]:
    """Run an UPDATE or DELETE: its result is a CursorResult (with its rowcount), which execute(),
    typed for any statement, does not say."""
    return cast(CursorResult[Any], await session.execute(statement))
