"""Who coordinates which group."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Group, Member, Membership


async def group_by_id(session: AsyncSession, group_id: int) -> Group | None:
    return await session.get(Group, group_id)


async def active_groups_of(session: AsyncSession, member_id: int) -> list[tuple[Group, Membership]]:
    """The active groups a member was seen in, with their membership, by title."""
    result = await session.execute(
        select(Group, Membership)
        .join(Membership, Membership.group_id == Group.id)
        .where(Membership.member_id == member_id, Group.active.is_(True))
        .order_by(Group.title, Group.id)
    )
    return list(result)


async def membership_with_member(
    session: AsyncSession, group_id: int, member_id: int
) -> tuple[Membership, Member] | None:
    row = (
        await session.execute(
            select(Membership, Member)
            .join(Member, Member.id == Membership.member_id)
            .where(Membership.group_id == group_id, Membership.member_id == member_id)
        )
    ).first()
    return (row[0], row[1]) if row else None


async def coordinators_of(session: AsyncSession, group_id: int) -> list[Member]:
    """The group's coordinators (Telegram admins and appointed members), by name."""
    return list(
        await session.scalars(
            select(Member)
            .join(Membership, Membership.member_id == Member.id)
            .where(
                Membership.group_id == group_id,
                Membership.is_admin | Membership.is_appointed_coordinator,
            )
            .order_by(func.lower(Member.first_name), Member.id)
        )
    )


async def count_members(session: AsyncSession, group_id: int) -> int:
    return (
        await session.scalar(
            select(func.count()).select_from(Membership).where(Membership.group_id == group_id)
        )
        or 0
    )


async def members_page(
    session: AsyncSession, group_id: int, offset: int, limit: int
) -> list[tuple[Membership, Member]]:
    """Known members of the group, coordinators first, then by name."""
    result = await session.execute(
        select(Membership, Member)
        .join(Member, Member.id == Membership.member_id)
        .where(Membership.group_id == group_id)
        .order_by(
            (Membership.is_admin | Membership.is_appointed_coordinator).desc(),
            func.lower(Member.first_name),
            Member.id,
        )
        .offset(offset)
        .limit(limit)
    )
    return list(result)
