"""Partners and key figures of a group, and the actions done with them."""

from __future__ import annotations

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Action, ActionState, Group, Partner, PartnerStatus


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


def _done_with() -> Select:
    """Done actions with a partner, latest first: (partner id, title, reach at the harvest, neighbours
    who said they would come)."""
    return (
        select(Action.partner_id, Action.title, Action.reach_count, Action.neighbours_coming)
        .where(Action.partner_id.is_not(None), Action.state == ActionState.DONE)
        .order_by(func.coalesce(Action.closed_at, Action.created_at).desc(), Action.id.desc())
    )


async def done_with_partner(session: AsyncSession, partner_id: int) -> list[tuple[str, int | None, int]]:
    """The done actions with this partner, latest first: title, reach count, neighbours coming."""
    result = await session.execute(_done_with().where(Action.partner_id == partner_id))
    return [(title, reach, coming or 0) for _, title, reach, coming in result]


async def done_with_partners_of(
    session: AsyncSession, group_id: int
) -> dict[int, list[tuple[str, int | None, int]]]:
    """``done_with_partner`` for every partner of the group at once (the dashboard and the export)."""
    result = await session.execute(_done_with().where(Action.group_id == group_id))
    done: dict[int, list[tuple[str, int | None, int]]] = {}
    for partner_id, title, reach, coming in result:
        done.setdefault(partner_id, []).append((title, reach, coming or 0))
    return done


async def shortlisted_for_nudges(session: AsyncSession) -> list[tuple[Partner, Group]]:
    """Shortlisted partners of active groups that want quiet-partner nudges, whose silence may be long
    enough: not "(nog) niet", and not nudged already unless a contact was noted since (the exact day
    rule, in the group's time zone, is the domain's)."""
    result = await session.execute(
        select(Partner, Group)
        .join(Group, Group.id == Partner.group_id)
        .where(
            Group.active.is_(True),
            Group.partner_quiet_days > 0,
            Partner.on_shortlist.is_(True),
            or_(Partner.status.is_(None), Partner.status != PartnerStatus.NOT_NOW),
            or_(Partner.nudged_at.is_(None), Partner.last_contact_on.is_not(None)),
        )
        .order_by(Partner.group_id, Partner.id)
    )
    return [(partner, group) for partner, group in result]


async def add(session: AsyncSession, row: Partner) -> Partner:
    session.add(row)
    await session.flush()
    return row


async def remove(session: AsyncSession, partner_id: int) -> None:
    await session.execute(delete(Partner).where(Partner.id == partner_id))
    await session.flush()
