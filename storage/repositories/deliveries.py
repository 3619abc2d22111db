"""The messages updates caused that Telegram has not taken yet (see ``bot.road.delivery``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery
from storage.repositories.claims import claim

# pending: being delivered (by the process that wrote it, or a tick) until ``due_at``, then due again;
# waiting: a try failed, the next one is at ``due_at`` (or sooner, when the chat's next message goes);
# failed: Telegram refused it for good.
PENDING, WAITING, FAILED = "pending", "waiting", "failed"


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
    claimed = await claim(
        session, Delivery,
        where=[Delivery.status.in_((PENDING, WAITING)), Delivery.due_at <= now],
        order_by=[Delivery.chat_id, Delivery.id],
        limit=limit,
        values={"status": PENDING, "due_at": lease_until, "attempts": Delivery.attempts + 1},
    )
    return sorted(claimed, key=lambda row: (row.chat_id, row.id))


async def claim_waiting(
    session: AsyncSession, chat_id: int, before_id: int, lease_until: datetime
) -> list[Delivery]:
    """The chat's messages older than ``before_id`` that wait for another try (whenever that was
    planned), oldest first: a chat's next message goes after them, not past them. Rows another
    process is delivering (``PENDING``) are not taken."""
    claimed = await claim(
        session, Delivery,
        where=[Delivery.chat_id == chat_id, Delivery.status == WAITING, Delivery.id < before_id],
        order_by=[Delivery.id],
        limit=None,
        values={"status": PENDING, "due_at": lease_until, "attempts": Delivery.attempts + 1},
    )
    return sorted(claimed, key=lambda row: row.id)


async def retry_at(session: AsyncSession, row_id: int, when: datetime, error: str) -> None:
    await session.execute(
        update(Delivery).where(Delivery.id == row_id).values(status=WAITING, due_at=when, last_error=error[:500])
    )


async def give_up(session: AsyncSession, row_id: int, error: str) -> None:
    await session.execute(
        update(Delivery).where(Delivery.id == row_id).values(status=FAILED, last_error=error[:500])
    )


async def prune_failed(session: AsyncSession, before: datetime) -> None:
    await session.execute(delete(Delivery).where(Delivery.status == FAILED, Delivery.created_at < before))
