"""Partners and key figures of a group, and the actions done with them."""

from __future__ import annotations

from sqlalchemy import Select, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Action, Partner


async def count_partners(session: AsyncSession, group_id: int) -> int:
    return (
        await session.scalar(
            select(func.count()).select_from(Partner).where(Partner.group_id == group_id)
        )
        or 0
    )


def with_action_counts(group_id: int) -> Select:
    """Partners with how many actions were done with them: shortlist first, then by name."""
    actions = (
        select(func.count(Action.id))
        .where(Action.partner_id == Partner.id)
        .correlate(Partner)
        .scalar_subquery()
    )
    return (
        select(Partner, actions)
        .where(Partner.group_id == group_id)
        .order_by(Partner.on_shortlist.desc(), func.lower(Partner.name), Partner.id)
    )


async def partners_page(
    session: AsyncSession, group_id: int, offset: int, limit: int
) -> list[tuple[Partner, int]]:
    result = await session.execute(with_action_counts(group_id).offset(offset).limit(limit))
    return [(partner, count) for partner, count in result]


async def partner(session: AsyncSession, partner_id: int) -> Partner | None:
    return await session.get(Partner, partner_id)


async def shortlist(session: AsyncSession, group_id: int) -> list[Partner]:
    return list(
        await session.scalars(
            select(Partner)
            .where(Partner.group_id == group_id, Partner.on_shortlist.is_(True))
            .order_by(func.lower(Partner.name), Partner.id)
        )
    )


async def all_partners(session: AsyncSession, group_id: int) -> list[Partner]:
    return list(
        await session.scalars(
            select(Partner).where(Partner.group_id == group_id).order_by(func.lower(Partner.name), Partner.id)
        )
    )


async def actions_with(session: AsyncSession, partner_id: int, limit: int) -> tuple[list[Action], int]:
    """The latest actions done with this partner, and how many there are in all."""
    result = await session.execute(
        select(Action, func.count().over())
        .where(Action.partner_id == partner_id)
        .order_by(Action.created_at.desc(), Action.id.desc())
        .limit(limit)
    )
    rows = list(result)
    return [action for action, _ in rows], (rows[0][1] if rows else 0)


async def add(session: AsyncSession, row: Partner) -> Partner:
    session.add(row)
    await session.flush()
    return row


async def remove(session: AsyncSession, partner_id: int) -> None:
    await session.execute(delete(Partner).where(Partner.id == partner_id))
    await session.flush()
