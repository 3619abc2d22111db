"""Queries for the coordinator's dashboard: whole sections at once, and the deep-link logins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    CLOSED_ACTION_STATES,
    Action,
    ActionEvent,
    ActionState,
    Commitment,
    Concern,
    DashboardLogin,
    Member,
    Support,
)


async def actions_with_proposers(session: AsyncSession, group_id: int) -> list[tuple[Action, str]]:
    """Every action of the group with its proposer's first name, open ones first, newest first."""
    result = await session.execute(
        select(Action, Member.first_name)
        .join(Member, Member.id == Action.proposer_id)
        .where(Action.group_id == group_id)
        .order_by(Action.state.in_(CLOSED_ACTION_STATES), Action.created_at.desc(), Action.id.desc())
    )
    return [(action, name) for action, name in result]


async def support_counts(session: AsyncSession, group_id: int) -> dict[int, int]:
    result = await session.execute(
        select(Support.action_id, func.count())
        .join(Action, Action.id == Support.action_id)
        .where(Action.group_id == group_id)
        .group_by(Support.action_id)
    )
    return {action_id: count for action_id, count in result}


async def commitment_counts(session: AsyncSession, group_id: int) -> dict[tuple[int, str], int]:
    """(action id, commitment status) -> how many."""
    result = await session.execute(
        select(Commitment.action_id, Commitment.status, func.count())
        .join(Action, Action.id == Commitment.action_id)
        .where(Action.group_id == group_id)
        .group_by(Commitment.action_id, Commitment.status)
    )
    return {(action_id, status): count for action_id, status, count in result}


async def running_since(session: AsyncSession, group_id: int) -> dict[int, datetime]:
    """Action id -> when it first started running (its broad support)."""
    result = await session.execute(
        select(ActionEvent.action_id, func.min(ActionEvent.at))
        .join(Action, Action.id == ActionEvent.action_id)
        .where(Action.group_id == group_id, ActionEvent.to_state == ActionState.RUNNING)
        .group_by(ActionEvent.action_id)
    )
    return {action_id: at for action_id, at in result}


async def participation_since(
    session: AsyncSession, group_id: int, since: datetime
) -> list[tuple[int, datetime]]:
    """(member id, moment) of every proposal, 👍, commitment and concern in the group since ``since``."""
    in_group = Action.group_id == group_id
    moments = union_all(
        select(Action.proposer_id.label("member_id"), Action.created_at.label("at")).where(
            in_group, Action.created_at >= since
        ),
        select(Support.member_id, Support.created_at)
        .join(Action, Action.id == Support.action_id)
        .where(in_group, Support.created_at >= since),
        select(Commitment.member_id, Commitment.created_at)
        .join(Action, Action.id == Commitment.action_id)
        .where(in_group, Commitment.created_at >= since),
        select(Concern.member_id, Concern.created_at)
        .join(Action, Action.id == Concern.action_id)
        .where(in_group, Concern.created_at >= since),
    ).subquery()
    result = await session.execute(select(moments.c.member_id, moments.c.at))
    return [(member_id, at) for member_id, at in result]


# ---------------------------------------------------------------- deep-link logins


async def add_login(session: AsyncSession, login: DashboardLogin) -> DashboardLogin:
    session.add(login)
    await session.flush()
    return login


async def login_by_hash(session: AsyncSession, nonce_hash: str) -> DashboardLogin | None:
    return await session.scalar(select(DashboardLogin).where(DashboardLogin.nonce_hash == nonce_hash))


async def login_by_id(session: AsyncSession, login_id: int) -> DashboardLogin | None:
    return await session.get(DashboardLogin, login_id)


async def delete_expired_logins(session: AsyncSession, now: datetime) -> None:
    await session.execute(delete(DashboardLogin).where(DashboardLogin.expires_at < now))


async def commitments_of_group(session: AsyncSession, group_id: int, limit: int) -> list[tuple]:
    """(commitment id, member id, member name, what, due, status, action id, action title, action state),
    oldest first."""
    result = await session.execute(
        select(
            Commitment.id,
            Member.id,
            Member.first_name,
            Commitment.what,
            Commitment.due_on,
            Commitment.status,
            Action.id,
            Action.title,
            Action.state,
        )
        .join(Action, Action.id == Commitment.action_id)
        .join(Member, Member.id == Commitment.member_id)
        .where(Action.group_id == group_id)
        .order_by(Commitment.id)
        .limit(limit)
    )
    return [tuple(row) for row in result]
