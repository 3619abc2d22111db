"""The neighbourhood agenda of a group."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AgendaItem


async def count_items(session: AsyncSession, group_id: int) -> int:
    return (
        await session.scalar(
            select(func.count()).select_from(AgendaItem).where(AgendaItem.group_id == group_id)
        )
        or 0
    )


async def items_page(
    session: AsyncSession, group_id: int, today: date, offset: int, limit: int
) -> list[AgendaItem]:
    """Upcoming first (soonest first), then what is in the pipeline without a date, then the past."""
    upcoming = AgendaItem.happens_on >= today
    rank = case((upcoming, 0), (AgendaItem.happens_on.is_(None), 1), else_=2)
    return list(
        await session.scalars(
            select(AgendaItem)
            .where(AgendaItem.group_id == group_id)
            .order_by(
                rank,
                case((upcoming, AgendaItem.happens_on)),
                AgendaItem.happens_on.desc(),
                AgendaItem.id,
            )
            .offset(offset)
            .limit(limit)
        )
    )


async def coming_up(
    session: AsyncSession, group_id: int, today: date, until: date, limit: int
) -> list[AgendaItem]:
    return list(
        await session.scalars(
            select(AgendaItem)
            .where(
                AgendaItem.group_id == group_id,
                AgendaItem.happens_on >= today,
                AgendaItem.happens_on <= until,
            )
            .order_by(AgendaItem.happens_on, AgendaItem.id)
            .limit(limit)
        )
    )


async def all_items(session: AsyncSession, group_id: int) -> list[AgendaItem]:
    return list(
        await session.scalars(
            select(AgendaItem)
            .where(AgendaItem.group_id == group_id)
            .order_by(AgendaItem.happens_on.is_(None), AgendaItem.happens_on, AgendaItem.id)
        )
    )
