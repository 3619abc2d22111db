"""Drafts, actions, their events, supports, concerns and commitments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Action,
    ActionDraft,
    ActionEvent,
    AgendaItem,
    Commitment,
    Concern,
    Group,
    Member,
    Membership,
    Partner,
    Support,
)

# ---------------------------------------------------------------- drafts


async def draft_for(session: AsyncSession, group_id: int, member_id: int) -> ActionDraft | None:
    return await session.scalar(
        select(ActionDraft).where(
            ActionDraft.group_id == group_id, ActionDraft.member_id == member_id
        )
    )


async def open_draft_of_member(
    session: AsyncSession, member_id: int, now: datetime
) -> ActionDraft | None:
    """The member's most recently touched draft that has not expired, in any group."""
    return await session.scalar(
        select(ActionDraft)
        .where(ActionDraft.member_id == member_id, ActionDraft.expires_at > now)
        .order_by(ActionDraft.updated_at.desc(), ActionDraft.id.desc())
        .limit(1)
    )


async def draft_by_id(session: AsyncSession, draft_id: int) -> ActionDraft | None:
    return await session.get(ActionDraft, draft_id)


async def delete_draft(session: AsyncSession, draft: ActionDraft) -> None:
    await session.delete(draft)
    await session.flush()


async def shortlist(session: AsyncSession, group_id: int, limit: int) -> list[Partner]:
    return list(
        await session.scalars(
            select(Partner)
            .where(Partner.group_id == group_id, Partner.on_shortlist.is_(True))
            .order_by(Partner.name, Partner.id)
            .limit(limit)
        )
    )


async def partner_in_group(session: AsyncSession, group_id: int, partner_id: int) -> Partner | None:
    return await session.scalar(
        select(Partner).where(Partner.id == partner_id, Partner.group_id == group_id)
    )


async def upcoming_agenda(
    session: AsyncSession, group_id: int, today: date, limit: int
) -> list[AgendaItem]:
    """What already happens: dated items from today on (soonest first), then undated ones."""
    return list(
        await session.scalars(
            select(AgendaItem)
            .where(
                AgendaItem.group_id == group_id,
                (AgendaItem.happens_on.is_(None)) | (AgendaItem.happens_on >= today),
            )
            .order_by(AgendaItem.happens_on.is_(None), AgendaItem.happens_on, AgendaItem.id)
            .limit(limit)
        )
    )


async def agenda_item_in_group(
    session: AsyncSession, group_id: int, item_id: int
) -> AgendaItem | None:
    return await session.scalar(
        select(AgendaItem).where(AgendaItem.id == item_id, AgendaItem.group_id == group_id)
    )


async def groups_of_member(session: AsyncSession, member_id: int) -> list[Group]:
    """The active groups a member has been seen in, by title."""
    return list(
        await session.scalars(
            select(Group)
            .join(Membership, Membership.group_id == Group.id)
            .where(Membership.member_id == member_id, Group.active.is_(True))
            .order_by(Group.title, Group.id)
        )
    )


# ---------------------------------------------------------------- actions


async def add(session: AsyncSession, row: object) -> None:
    session.add(row)
    await session.flush()


async def action_by_id(session: AsyncSession, action_id: int) -> Action | None:
    return await session.get(Action, action_id)


async def group_by_id(session: AsyncSession, group_id: int) -> Group | None:
    return await session.get(Group, group_id)


async def member_by_id(session: AsyncSession, member_id: int) -> Member | None:
    return await session.get(Member, member_id)


async def open_actions(session: AsyncSession, group_id: int, limit: int) -> list[Action]:
    """Proposals and running actions of a group, newest first."""
    return list(
        await session.scalars(
            select(Action)
            .where(Action.group_id == group_id, Action.state.in_(("proposed", "running")))
            .order_by(Action.created_at.desc(), Action.id.desc())
            .limit(limit)
        )
    )


async def supporters(session: AsyncSession, action_id: int) -> list[Member]:
    return list(
        await session.scalars(
            select(Member)
            .join(Support, Support.member_id == Member.id)
            .where(Support.action_id == action_id)
            .order_by(Support.created_at, Support.id)
        )
    )


async def support_of(session: AsyncSession, action_id: int, member_id: int) -> Support | None:
    return await session.scalar(
        select(Support).where(Support.action_id == action_id, Support.member_id == member_id)
    )


async def remove(session: AsyncSession, row: object) -> None:
    await session.delete(row)
    await session.flush()


async def count_supports(session: AsyncSession, action_id: int) -> int:
    return (
        await session.scalar(
            select(func.count()).select_from(Support).where(Support.action_id == action_id)
        )
        or 0
    )


async def add_concern(session: AsyncSession, concern: Concern) -> None:
    session.add(concern)
    await session.flush()


async def record_event(
    session: AsyncSession,
    action: Action,
    kind: str,
    now: datetime,
    *,
    member_id: int | None,
    from_state: str | None = None,
    to_state: str | None = None,
) -> ActionEvent:
    event = ActionEvent(
        action_id=action.id,
        member_id=member_id,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        at=now,
    )
    session.add(event)
    await session.flush()
    return event


# ---------------------------------------------------------------- commitments


async def commitment_by_id(session: AsyncSession, commitment_id: int) -> Commitment | None:
    return await session.get(Commitment, commitment_id)


async def commitment_of(
    session: AsyncSession, action_id: int, member_id: int
) -> Commitment | None:
    return await session.scalar(
        select(Commitment).where(
            Commitment.action_id == action_id, Commitment.member_id == member_id
        )
    )


async def commitments_with_members(
    session: AsyncSession, action_id: int
) -> list[tuple[Commitment, Member]]:
    result = await session.execute(
        select(Commitment, Member)
        .join(Member, Member.id == Commitment.member_id)
        .where(Commitment.action_id == action_id)
        .order_by(Commitment.created_at, Commitment.id)
    )
    return [(commitment, member) for commitment, member in result.all()]


async def open_commitments_of_member(
    session: AsyncSession, member_id: int, limit: int
) -> list[tuple[Commitment, Action, Group]]:
    """A member's open commitments in active groups, the soonest first (undated last)."""
    result = await session.execute(
        select(Commitment, Action, Group)
        .join(Action, Action.id == Commitment.action_id)
        .join(Group, Group.id == Action.group_id)
        .where(
            Commitment.member_id == member_id,
            Commitment.status == "open",
            Action.state.in_(("proposed", "running")),
            Group.active.is_(True),
        )
        .order_by(Commitment.due_on.is_(None), Commitment.due_on, Commitment.id)
        .limit(limit)
    )
    return [(c, a, g) for c, a, g in result.all()]


async def count_open_commitments_of_member(session: AsyncSession, member_id: int) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(Commitment)
            .join(Action, Action.id == Commitment.action_id)
            .join(Group, Group.id == Action.group_id)
            .where(
                Commitment.member_id == member_id,
                Commitment.status == "open",
                Action.state.in_(("proposed", "running")),
                Group.active.is_(True),
            )
        )
        or 0
    )
