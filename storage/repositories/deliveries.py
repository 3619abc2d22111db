"""The messages updates caused that Telegram has not taken yet (see ``bot.delivery``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery

PENDING, FAILED = "pending", "failed"


def add(
    session: AsyncSession, *, chat_id: int, method: str, params: str, now: datetime, due_at: datetime
) -> Delivery:
    """A message about to be sent; it is committed with the change it tells about."""
    row = Delivery(
        chat_id=chat_id, method=method, params=params, status=PENDING, created_at=now, due_at=due_at,
        attempts=0,
    )
    session.add(row)
    return row


async def forget(session: AsyncSession, ids: Iterable[int]) -> None:
    """Telegram took these: nothing left to deliver."""
    wanted = list(ids)
    if wanted:
        await session.execute(delete(Delivery).where(Delivery.id.in_(wanted)))


async def claim_due(session: AsyncSession, now: datetime, limit: int, lease_until: datetime) -> list[Delivery]:
    """Up to ``limit`` rows nobody delivered by their ``due_at``, oldest first per chat; the caller commits
    at once. ``SKIP LOCKED`` lets a second process's tick take other rows on PostgreSQL."""
    due = (
        select(Delivery.id)
        .where(Delivery.status == PENDING, Delivery.due_at <= now)
        .order_by(Delivery.chat_id, Delivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = await session.scalars(
        update(Delivery)
        .where(Delivery.id.in_(due.scalar_subquery()))
        .values(due_at=lease_until, attempts=Delivery.attempts + 1)
        .returning(Delivery)
        .execution_options(synchronize_session=False)
    )
    return sorted(claimed.all(), key=lambda row: (row.chat_id, row.id))


async def retry_at(session: AsyncSession, row_id: int, when: datetime, error: str) -> None:
    await session.execute(
        update(Delivery).where(Delivery.id == row_id).values(due_at=when, last_error=error[:500])
    )


async def give_up(session: AsyncSession, row_id: int, error: str) -> None:
    await session.execute(
        update(Delivery).where(Delivery.id == row_id).values(status=FAILED, last_error=error[:500])
    )


async def prune_failed(session: AsyncSession, before: datetime) -> None:
    await session.execute(delete(Delivery).where(Delivery.status == FAILED, Delivery.created_at < before))
