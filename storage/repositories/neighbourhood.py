"""Public invitations ("📣 Ook voor de buurt") and the neighbours who said "ik kom ook"."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import LIVE_ACTION_STATES, Action, Group, NeighbourSignup, PublicInvitation


async def invitation_of_action(session: AsyncSession, action_id: int) -> PublicInvitation | None:
    return await session.scalar(select(PublicInvitation).where(PublicInvitation.action_id == action_id))


async def shown_tokens(session: AsyncSession, group_id: int) -> dict[int, str]:
    """Action id -> its page's token, for the group's actions shown to the neighbourhood now."""
    rows = await session.execute(
        select(PublicInvitation.action_id, PublicInvitation.token).where(
            PublicInvitation.group_id == group_id, PublicInvitation.withdrawn_at.is_(None)
        )
    )
    return {action_id: token for action_id, token in rows}


async def shown_invitation(session: AsyncSession, token: str) -> tuple[PublicInvitation, Action, Group] | None:
    """The invitation behind a page address with its action and group, if it is still shown."""
    found = (
        await session.execute(
            select(PublicInvitation, Action, Group)
            .join(Action, Action.id == PublicInvitation.action_id)
            .join(Group, Group.id == PublicInvitation.group_id)
            .where(PublicInvitation.token == token, PublicInvitation.withdrawn_at.is_(None), Group.active)
        )
    ).first()
    return (found[0], found[1], found[2]) if found else None


async def group_by_public_token(session: AsyncSession, token: str) -> Group | None:
    return await session.scalar(select(Group).where(Group.public_token == token, Group.active))


async def coming_public_actions(
    session: AsyncSession, group_id: int, today: date
) -> list[tuple[PublicInvitation, Action]]:
    """The group's shown invitations of live actions on or after ``today`` (or without a day), soonest first."""
    rows = await session.execute(
        select(PublicInvitation, Action)
        .join(Action, Action.id == PublicInvitation.action_id)
        .where(
            PublicInvitation.group_id == group_id,
            PublicInvitation.withdrawn_at.is_(None),
            Action.state.in_(LIVE_ACTION_STATES),
            or_(Action.due_on.is_(None), Action.due_on >= today),
        )
        .order_by(Action.due_on.is_(None), Action.due_on, Action.id)
    )
    return [(invitation, action) for invitation, action in rows]


async def signups_of(session: AsyncSession, action_id: int) -> list[NeighbourSignup]:
    return list(
        await session.scalars(
            select(NeighbourSignup)
            .where(NeighbourSignup.action_id == action_id, NeighbourSignup.removed_at.is_(None))
            .order_by(NeighbourSignup.id)
        )
    )


async def count_signups(session: AsyncSession, action_id: int) -> int:
    """Who is on the list now (the page's cap), counted in the database."""
    return int(
        await session.scalar(
            select(func.count()).select_from(NeighbourSignup).where(
                NeighbourSignup.action_id == action_id, NeighbourSignup.removed_at.is_(None)
            )
        )
        or 0
    )


async def signups_since(session: AsyncSession, action_id: int, since: datetime) -> int:
    """Sign-ups from the public page since ``since`` (the page's own rate limit survives a restart)."""
    return int(
        await session.scalar(
            select(func.count()).select_from(NeighbourSignup).where(
                NeighbourSignup.action_id == action_id,
                NeighbourSignup.member_id.is_(None),
                NeighbourSignup.created_at >= since,
            )
        )
        or 0
    )


async def signup_by_undo_token(session: AsyncSession, token: str) -> NeighbourSignup | None:
    return await session.scalar(
        select(NeighbourSignup).where(NeighbourSignup.undo_token == token, NeighbourSignup.removed_at.is_(None))
    )


async def add_coming(session: AsyncSession, action: Action, change: int) -> None:
    """The card's "+N buren komen ook", changed in the database (two sign-ups at once both count), and
    read back into ``action`` so whatever shows it next (the card, the page) shows the new count."""
    changed = Action.neighbours_coming + change
    await session.execute(
        update(Action)
        .where(Action.id == action.id)
        .values(neighbours_coming=case((changed < 0, 0), else_=changed))
        .execution_options(synchronize_session=False)
    )
    await session.refresh(action, ["neighbours_coming"])


async def clear_old_contacts(session: AsyncSession, before: date) -> int:
    """Names and contacts of sign-ups for actions whose day was before ``before``: no longer needed."""
    done = await session.execute(
        update(NeighbourSignup)
        .where(
            NeighbourSignup.action_id.in_(select(Action.id).where(Action.due_on < before)),
            or_(NeighbourSignup.first_name.is_not(None), NeighbourSignup.contact.is_not(None)),
        )
        .values(first_name=None, contact=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(done, "rowcount", 0) or 0)


async def reach_of_group(session: AsyncSession, group_id: int, since: datetime | None = None) -> int:
    """Neighbours who said "ik kom ook" to the group's actions (for /overzicht, the digest, the dashboard)."""
    query = (
        select(func.count())
        .select_from(NeighbourSignup)
        .join(Action, Action.id == NeighbourSignup.action_id)
        .where(Action.group_id == group_id, NeighbourSignup.removed_at.is_(None))
    )
    if since is not None:
        query = query.where(NeighbourSignup.created_at >= since)
    return int(await session.scalar(query) or 0)


async def guests_of_members(session: AsyncSession, action_ids: list[int]) -> dict[tuple[int, int], list[str]]:
    """Who members signed up on someone's behalf, per (action, member): their reminders name them."""
    rows = await session.execute(
        select(NeighbourSignup.action_id, NeighbourSignup.member_id, NeighbourSignup.first_name)
        .where(
            NeighbourSignup.action_id.in_(action_ids),
            NeighbourSignup.member_id.is_not(None),
            NeighbourSignup.removed_at.is_(None),
            NeighbourSignup.first_name.is_not(None),
        )
        .order_by(NeighbourSignup.id)
    )
    guests: dict[tuple[int, int], list[str]] = {}
    for action_id, member_id, name in rows:
        if member_id is not None and name is not None:  # both filtered above; the types do not know
            guests.setdefault((action_id, member_id), []).append(name)
    return guests


async def anonymise_guests_of(session: AsyncSession, member_id: int) -> None:
    """/vergeetmij: the people a member brought still count, with no name and no link to the member."""
    await session.execute(
        update(NeighbourSignup)
        .where(NeighbourSignup.member_id == member_id)
        .values(member_id=None, first_name=None, contact=None)
        .execution_options(synchronize_session=False)
    )
