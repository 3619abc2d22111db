"""Members, groups and memberships."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Group, Member, Membership


async def member_by_telegram_id(session: AsyncSession, telegram_user_id: int) -> Member | None:
    return await session.scalar(_MEMBER_BY_TELEGRAM_ID, {"telegram_user_id": telegram_user_id})


async def group_by_chat_id(session: AsyncSession, chat_id: int) -> Group | None:
    return await session.scalar(select(Group).where(Group.telegram_chat_id == chat_id))


async def membership(session: AsyncSession, group_id: int, member_id: int) -> Membership | None:
    return await session.scalar(
        select(Membership).where(
            Membership.group_id == group_id, Membership.member_id == member_id
        )
    )


# Built once: it runs for every update in a group; the ids are bound when it runs.
_MEMBER_IN_GROUP = (
    select(Member, Group, Membership)
    .select_from(Member)
    .join(Group, Group.telegram_chat_id == bindparam("chat_id"))
    .outerjoin(
        Membership,
        (Membership.group_id == Group.id) & (Membership.member_id == Member.id),
    )
    .where(Member.telegram_user_id == bindparam("telegram_user_id"))
)
_MEMBER_BY_TELEGRAM_ID = select(Member).where(Member.telegram_user_id == bindparam("telegram_user_id"))


async def member_in_group(
    session: AsyncSession, telegram_user_id: int, chat_id: int
) -> tuple[Member, Group, Membership | None] | None:
    """The member and the group (and the membership, if any) in one round trip; None when either
    the member or the group is not stored yet."""
    row = (
        await session.execute(
            _MEMBER_IN_GROUP, {"telegram_user_id": telegram_user_id, "chat_id": chat_id}
        )
    ).first()
    return (row[0], row[1], row[2]) if row is not None else None


async def add(session: AsyncSession, row: Member | Group | Membership) -> None:
    session.add(row)
    await session.flush()


async def clear_admin_flags(session: AsyncSession, group_id: int, keep_member_ids: Iterable[int]) -> None:
    await session.execute(
        update(Membership)
        .where(Membership.group_id == group_id, Membership.member_id.not_in(list(keep_member_ids)))
        .values(is_admin=False)
    )


async def group_members(session: AsyncSession, group_id: int) -> list[tuple[Membership, Member]]:
    result = await session.execute(
        select(Membership, Member)
        .join(Member, Member.id == Membership.member_id)
        .where(Membership.group_id == group_id)
        .order_by(Member.first_name)
    )
    return [(m, member) for m, member in result.tuples()]


async def count_active_members(session: AsyncSession, group_id: int, since: datetime) -> int:
    from sqlalchemy import func

    return (
        await session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(Membership.group_id == group_id, Membership.last_seen_at >= since)
        )
        or 0
    )
