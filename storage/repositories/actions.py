"""Drafts, actions, their events, supports, concerns and commitments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Select, String, bindparam, case, cast, delete, func, literal, null, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
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


# Built once (the hot path of every card button); the id is bound when it runs.
_ACTION_IN_GROUP = (
    select(Action, Group, Member)
    .join(Group, Group.id == Action.group_id)
    .outerjoin(Member, Member.id == Action.proposer_id)
    .where(Action.id == bindparam("action_id"))
)
_ACTION_IN_GROUP_LOCKED = _ACTION_IN_GROUP.with_for_update(of=Action)


async def action_in_group(
    session: AsyncSession, action_id: int, *, lock: bool = False
) -> tuple[Action, Group, Member | None] | None:
    """The action with its group and its proposer, in one round trip (None when it is gone).

    ``lock``: the action's row is locked until the transaction ends (``FOR UPDATE OF actions`` on
    PostgreSQL; SQLite runs one writer at a time anyway), so two presses that count supporters to
    decide take turns instead of both counting before either commits.

    The rows stay referenced for the unit of work (the session's identity map holds them only weakly),
    so a later ``member_by_id`` of the proposer is answered from the session without a query.
    """
    statement = _ACTION_IN_GROUP_LOCKED if lock else _ACTION_IN_GROUP
    row = (await session.execute(statement, {"action_id": action_id})).first()
    if row is None:
        return None
    session.info.setdefault("loaded_rows", []).extend(row)
    return (row[0], row[1], row[2])


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


def _people_of_action() -> Select:
    action_id = bindparam("action_id")
    people = union_all(
        select(
            Support.member_id.label("member_id"),
            literal(0).label("kind"),
            cast(null(), String).label("status"),
            Support.created_at.label("at"),
            Support.id.label("row_id"),
        ).where(Support.action_id == action_id),
        select(
            Commitment.member_id, literal(1), Commitment.status, Commitment.created_at, Commitment.id
        ).where(Commitment.action_id == action_id),
        # Concerns ride along (2 shared, 3 private; the text in "status"): the card shows them too.
        select(
            Concern.member_id, case((Concern.is_private, 3), else_=2), cast(Concern.text, String),
            Concern.created_at, Concern.id,
        ).where(Concern.action_id == action_id),
    ).subquery()
    return (
        select(Member, people.c.kind, people.c.status)
        .join(people, people.c.member_id == Member.id)
        .order_by(people.c.kind, people.c.at, people.c.row_id)
    )


# Built once: composing the union costs more than running it (~0.3 ms of Python per press).
_PEOPLE_OF_ACTION = _people_of_action()


async def supporters_and_joiners(
    session: AsyncSession, action_id: int
) -> tuple[list[Member], list[tuple[str, Member]]]:
    """The action's supporters (first supporter first) and its joiners with the status of their
    commitment (first joiner first): the people on its card, in one round trip."""
    supporting, joined, _concerns = await people_and_concerns(session, action_id)
    return supporting, joined


async def people_and_concerns(
    session: AsyncSession, action_id: int
) -> tuple[list[Member], list[tuple[str, Member]], list[tuple[Member, bool, str]]]:
    """As ``supporters_and_joiners``, plus the concerns as (author, is private, text): shared ones
    first, oldest first, then the private ones. Still one round trip."""
    result = await session.execute(_PEOPLE_OF_ACTION, {"action_id": action_id})
    supporting: list[Member] = []
    joined: list[tuple[str, Member]] = []
    concerns: list[tuple[Member, bool, str]] = []
    for member, kind, status in result:
        if kind == 0:
            supporting.append(member)
        elif kind == 1:
            joined.append((status, member))
        else:
            concerns.append((member, kind == 3, status))
    return supporting, joined, concerns


async def supporters(session: AsyncSession, action_id: int) -> list[Member]:
    return list(
        await session.scalars(
            select(Member)
            .join(Support, Support.member_id == Member.id)
            .where(Support.action_id == action_id)
            .order_by(Support.created_at, Support.id)
        )
    )


async def withdraw_support(session: AsyncSession, action_id: int, member_id: int) -> bool:
    """Delete the member's support of the action; False when there was none.

    One ``DELETE … RETURNING`` instead of select-then-delete: when two presses race, the second
    waits for the first's row lock and then finds nothing to delete.
    """
    deleted = await session.scalar(
        delete(Support)
        .where(Support.action_id == action_id, Support.member_id == member_id)
        .returning(Support.id)
        .execution_options(synchronize_session=False)
    )
    return deleted is not None


async def add_support(session: AsyncSession, action_id: int, member_id: int, now: datetime) -> bool:
    """Record the member's support of the action; False when it was already there.

    ``INSERT … ON CONFLICT DO NOTHING`` on the (action, member) constraint: a double tap that raced
    us leaves one support and no error, without a savepoint.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    inserted = await session.scalar(
        insert(Support)
        .values(action_id=action_id, member_id=member_id, created_at=now)
        .on_conflict_do_nothing(index_elements=[Support.action_id, Support.member_id])
        .returning(Support.id)
    )
    return inserted is not None


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


async def concern_by_id(session: AsyncSession, concern_id: int) -> Concern | None:
    return await session.get(Concern, concern_id)


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


def _open_commitments_of(member_id: int) -> tuple:
    """What /mijn lists: the member's open commitments to live actions in groups that use Brug.
    (Commitment joined with its Action and Group.)"""
    return (
        Commitment.member_id == member_id,
        Commitment.status == "open",
        Action.state.in_(("proposed", "running")),
        Group.active.is_(True),
    )


async def open_commitments_of_member(
    session: AsyncSession, member_id: int, limit: int
) -> list[tuple[Commitment, Action, Group]]:
    """A member's open commitments in active groups, the soonest first (undated last)."""
    result = await session.execute(
        select(Commitment, Action, Group)
        .join(Action, Action.id == Commitment.action_id)
        .join(Group, Group.id == Action.group_id)
        .where(*_open_commitments_of(member_id))
        .order_by(Commitment.due_on.is_(None), Commitment.due_on, Commitment.id)
        .limit(limit)
    )
    return [(c, a, g) for c, a, g in result.all()]


async def open_proposals_of_member(
    session: AsyncSession, member_id: int, limit: int
) -> list[tuple[Action, Group]]:
    """The member's own proposed and running actions in active groups, the soonest first (undated last)."""
    result = await session.execute(
        select(Action, Group)
        .join(Group, Group.id == Action.group_id)
        .where(
            Action.proposer_id == member_id,
            Action.state.in_(("proposed", "running")),
            Group.active.is_(True),
        )
        .order_by(Action.due_on.is_(None), Action.due_on, Action.id)
        .limit(limit)
    )
    return [(action, group) for action, group in result.all()]


async def count_open_commitments_of_member(session: AsyncSession, member_id: int) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(Commitment)
            .join(Action, Action.id == Commitment.action_id)
            .join(Group, Group.id == Action.group_id)
            .where(*_open_commitments_of(member_id))
        )
        or 0
    )
