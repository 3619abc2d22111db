"""The coordinator's overview: each query answers one whole section, whatever the group's size."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    LIVE_ACTION_STATES,
    Action,
    Commitment,
    CommitmentStatus,
    Concern,
    Member,
    Membership,
    Reminder,
    Support,
)


def _late(today: date) -> ColumnElement[bool]:
    """Open and past its day, of an action still under way: nothing of a closed action is late.
    (Every query using it joins the commitment's Action.)"""
    return and_(
        Commitment.status == CommitmentStatus.OPEN, Commitment.due_on < today, Action.state.in_(LIVE_ACTION_STATES)
    )


def _filter_condition(
    status: str, action_id: int | None, member_id: int | None, today: date
) -> ColumnElement[bool]:
    if action_id is not None:
        return Commitment.action_id == action_id
    if member_id is not None:
        return Commitment.member_id == member_id
    if status == "open":
        return Commitment.status == CommitmentStatus.OPEN
    if status == "late":
        return _late(today)
    if status == "done":
        return Commitment.status == CommitmentStatus.DONE
    return Commitment.status.is_not(None)


async def count_commitments(
    session: AsyncSession,
    group_id: int,
    *,
    status: str,
    action_id: int | None,
    member_id: int | None,
    today: date,
) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(Commitment)
            .join(Action, Action.id == Commitment.action_id)
            .where(
                Action.group_id == group_id,
                _filter_condition(status, action_id, member_id, today),
            )
        )
        or 0
    )


async def commitments_page(
    session: AsyncSession,
    group_id: int,
    *,
    status: str,
    action_id: int | None,
    member_id: int | None,
    today: date,
    offset: int,
    limit: int,
) -> list[tuple]:
    """(commitment id, member name, what, due, status, is late, action id, action title), overdue first."""
    late = _late(today)
    rank = case(
        (late, 0),
        (Commitment.status == CommitmentStatus.OPEN, 1),
        (Commitment.status == CommitmentStatus.DONE, 2),
        else_=3,
    )
    result = await session.execute(
        select(
            Commitment.id,
            Member.first_name,
            Commitment.what,
            Commitment.due_on,
            Commitment.status,
            case((late, True), else_=False),
            Action.id,
            Action.title,
        )
        .join(Action, Action.id == Commitment.action_id)
        .join(Member, Member.id == Commitment.member_id)
        .where(Action.group_id == group_id, _filter_condition(status, action_id, member_id, today))
        .order_by(rank, Commitment.due_on.is_(None), Commitment.due_on, Commitment.id)
        .offset(offset)
        .limit(limit)
    )
    return [tuple(row) for row in result]


async def heavy_loads(
    session: AsyncSession, group_id: int, at_least: int, limit: int
) -> list[tuple[str, int]]:
    """Members carrying at least ``at_least`` open commitments in this group, most first."""
    open_count = func.count(Commitment.id)
    result = await session.execute(
        select(Member.first_name, open_count)
        .join(Commitment, Commitment.member_id == Member.id)
        .join(Action, Action.id == Commitment.action_id)
        .where(Action.group_id == group_id, Commitment.status == CommitmentStatus.OPEN)
        .group_by(Member.id, Member.first_name)
        .having(open_count >= at_least)
        .order_by(open_count.desc(), Member.first_name, Member.id)
        .limit(limit)
    )
    return [(name, count) for name, count in result]


async def not_heard_from(session: AsyncSession, group_id: int, limit: int) -> tuple[list[str], int]:
    """Members who have not proposed, supported, joined or raised a concern yet: (first names, how many)."""
    member = Membership.member_id
    in_group = Action.group_id == group_id
    took_part = or_(
        exists().where(Action.proposer_id == member, in_group),
        exists().where(Commitment.member_id == member, Commitment.action_id == Action.id, in_group),
        exists().where(Support.member_id == member, Support.action_id == Action.id, in_group),
        exists().where(Concern.member_id == member, Concern.action_id == Action.id, in_group),
    )
    result = await session.execute(
        select(Member.first_name, func.count().over())
        .join(Membership, Membership.member_id == Member.id)
        .where(Membership.group_id == group_id, ~took_part)
        .order_by(func.lower(Member.first_name), Member.id)
        .limit(limit)
    )
    rows = list(result)
    return [name for name, _ in rows], (rows[0][1] if rows else 0)


async def failed_reminders(
    session: AsyncSession, group_id: int, limit: int
) -> list[tuple[str, datetime, str | None, str | None, int]]:
    """(kind, due, last error, member name, how many failed in all), newest first."""
    group_actions = select(Action.id).where(Action.group_id == group_id)
    result = await session.execute(
        select(
            Reminder.kind,
            Reminder.due_at,
            Reminder.last_error,
            Member.first_name,
            func.count().over(),
        )
        .outerjoin(Member, Member.id == Reminder.member_id)
        .where(
            Reminder.status == "failed",
            or_(Reminder.group_id == group_id, Reminder.action_id.in_(group_actions)),
        )
        .order_by(Reminder.due_at.desc(), Reminder.id.desc())
        .limit(limit)
    )
    return [
        (kind, due_at, last_error, first_name, failed)
        for kind, due_at, last_error, first_name, failed in result
    ]


async def reach_since(
    session: AsyncSession, group_id: int, since: datetime
) -> list[tuple[datetime, int]]:
    """(closed at, reach) of the group's actions closed since ``since`` that reported a reach."""
    result = await session.execute(
        select(Action.closed_at, Action.reach_count).where(
            Action.group_id == group_id,
            Action.closed_at.is_not(None),
            Action.closed_at >= since,
            Action.reach_count.is_not(None),
        )
    )
    # Both columns may be NULL, but not in these rows (the WHERE above).
    return cast(list[tuple[datetime, int]], list(result))


async def action_title(session: AsyncSession, group_id: int, action_id: int) -> str | None:
    return await session.scalar(
        select(Action.title).where(Action.id == action_id, Action.group_id == group_id)
    )


async def member_name(session: AsyncSession, group_id: int, member_id: int) -> str | None:
    return await session.scalar(
        select(Member.first_name)
        .join(Membership, Membership.member_id == Member.id)
        .where(Membership.group_id == group_id, Member.id == member_id)
    )


async def _count_with_commitments(session: AsyncSession, group_id: int, column: Any) -> int:
    """How many different ``column`` values (actions, members) the group's commitments have."""
    return (
        await session.scalar(
            select(func.count(func.distinct(column)))
            .join(Action, Action.id == Commitment.action_id)
            .where(Action.group_id == group_id)
        )
        or 0
    )


async def count_actions_with_commitments(session: AsyncSession, group_id: int) -> int:
    return await _count_with_commitments(session, group_id, Commitment.action_id)


async def actions_with_commitments(
    session: AsyncSession, group_id: int, offset: int, limit: int
) -> list[tuple[int, str, int]]:
    """(action id, title, open commitments) for actions that have commitments, newest first."""
    open_count = func.count(case((Commitment.status == CommitmentStatus.OPEN, 1)))
    result = await session.execute(
        select(Action.id, Action.title, open_count)
        .join(Commitment, Commitment.action_id == Action.id)
        .where(Action.group_id == group_id)
        .group_by(Action.id, Action.title)
        .order_by(Action.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [(row_id, name, open_commitments) for row_id, name, open_commitments in result]


async def count_members_with_commitments(session: AsyncSession, group_id: int) -> int:
    return await _count_with_commitments(session, group_id, Commitment.member_id)


async def members_with_commitments(
    session: AsyncSession, group_id: int, offset: int, limit: int
) -> list[tuple[int, str, int]]:
    """(member id, name, open commitments) for members with commitments in this group, by name."""
    open_count = func.count(case((Commitment.status == CommitmentStatus.OPEN, 1)))
    result = await session.execute(
        select(Member.id, Member.first_name, open_count)
        .join(Commitment, Commitment.member_id == Member.id)
        .join(Action, Action.id == Commitment.action_id)
        .where(Action.group_id == group_id)
        .group_by(Member.id, Member.first_name)
        .order_by(func.lower(Member.first_name), Member.id)
        .offset(offset)
        .limit(limit)
    )
    return [(row_id, name, open_commitments) for row_id, name, open_commitments in result]
