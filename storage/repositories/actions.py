"""Drafts, actions, their events, supports, concerns and commitments."""

from __future__ import annotations

import typing
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import (
    BindParameter, Select, String, Subquery, Table, bindparam, case, cast, delete, func, literal, null,
    select, true, union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import ReturningInsert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import (
    LIVE_ACTION_STATES,
    Action,
    ActionDraft,
    ActionEvent,
    AgendaItem,
    Commitment,
    CommitmentStatus,
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
            .where(Action.group_id == group_id, Action.state.in_(LIVE_ACTION_STATES))
            .order_by(Action.created_at.desc(), Action.id.desc())
            .limit(limit)
        )
    )


def _people_of_action_union() -> Subquery:
    """Who is on an action's card, one row each: supporters (kind 0), joiners (1, with their
    commitment's status) and concerns (2 shared, 3 private; the text in "status")."""
    action_id: BindParameter[int] = bindparam("action_id")
    return union_all(
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


def _people_of_action() -> Select:
    people = _people_of_action_union()
    return (
        select(Member, people.c.kind, people.c.status, people.c.at, people.c.row_id)
        .join(people, people.c.member_id == Member.id)
        .order_by(people.c.kind, people.c.at, people.c.row_id)
    )


def _action_with_people() -> Select:
    """``_ACTION_IN_GROUP`` and ``_PEOPLE_OF_ACTION`` in one: a row per person (one without people)."""
    people = _people_of_action_union()
    person = aliased(Member)
    return (
        select(Action, Group, Member, person, people.c.kind, people.c.status, people.c.at, people.c.row_id)
        .join(Group, Group.id == Action.group_id)
        .outerjoin(Member, Member.id == Action.proposer_id)
        .outerjoin(people, true())
        .outerjoin(person, person.id == people.c.member_id)
        .where(Action.id == bindparam("action_id"))
        .order_by(people.c.kind, people.c.at, people.c.row_id)
    )


# Built once: composing the union costs more than running it (~0.3 ms of Python per press).
_PEOPLE_OF_ACTION = _people_of_action()
_ACTION_WITH_PEOPLE = _action_with_people()


@dataclass
class CardPeople:
    """The people on an action's card, as ``people_and_concerns`` reads them, and where each support
    sits in that order, so a support added or withdrawn can be shown without reading them again."""

    supporting: list[Member]
    joined: list[tuple[str, Member]]
    concerns: list[tuple[Member, bool, str]]
    # (created_at, id) of each support, in the order of ``supporting`` (the query's order).
    support_order: list[tuple[datetime, int]] = field(default_factory=list)

    def add_row(self, member: Member, kind: int, status: str | None, at: datetime, row_id: int) -> None:
        """One row of the query, in its order."""
        if kind == 0:
            self.supporting.append(member)
            self.support_order.append((at, row_id))
        # Only supports (kind 0) have no status: a commitment's status and a concern's text are NOT NULL.
        elif kind == 1:
            self.joined.append((typing.cast(str, status), member))
        else:
            self.concerns.append((member, kind == 3, typing.cast(str, status)))

    def supports(self, member_id: int) -> bool:
        return any(member.id == member_id for member in self.supporting)

    def support_added(self, member: Member, created_at: datetime, support_id: int) -> None:
        """As the query would read it after ``add_support``: in (created_at, id) order."""
        at = bisect_right(self.support_order, (created_at, support_id))
        self.support_order.insert(at, (created_at, support_id))
        self.supporting.insert(at, member)

    def support_withdrawn(self, member_id: int) -> None:
        """As the query would read it after ``withdraw_support`` (a member supports once at most)."""
        for index, member in enumerate(self.supporting):
            if member.id == member_id:
                del self.supporting[index], self.support_order[index]
                return

    def parts(self) -> tuple[list[Member], list[tuple[str, Member]], list[tuple[Member, bool, str]]]:
        return self.supporting, self.joined, self.concerns


async def card_people(session: AsyncSession, action_id: int) -> CardPeople:
    """``people_and_concerns`` with the order of the supports (see ``CardPeople``)."""
    result = await session.execute(_PEOPLE_OF_ACTION, {"action_id": action_id})
    people = CardPeople([], [], [])
    for member, kind, status, at, row_id in result:
        people.add_row(member, kind, status, at, row_id)
    return people


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
    return (await card_people(session, action_id)).parts()


async def locked_action_with_people(
    session: AsyncSession, action_id: int
) -> tuple[Action, Group, Member | None, CardPeople | None] | None:
    """``action_in_group(lock=True)`` and, on SQLite, the people on its card from the same statement
    (None when the action is gone).

    A press that changes the people must read them once the lock is held. On PostgreSQL that is a
    second statement, left to the caller (``card_people``) for a press that does change them: the
    people are None here. On SQLite a transaction reads from one snapshot, so one statement gives what
    two would; and it writes one at a time (this one holds the write lock since the update's first
    insert, the ledger's).
    """
    if session.get_bind().dialect.name == "postgresql":
        loaded = await action_in_group(session, action_id, lock=True)
        return None if loaded is None else (*loaded, None)
    rows = (await session.execute(_ACTION_WITH_PEOPLE, {"action_id": action_id})).all()
    if not rows:
        return None
    action, group, proposer = rows[0][0], rows[0][1], rows[0][2]
    # Kept referenced for the unit of work, as ``action_in_group`` does.
    session.info.setdefault("loaded_rows", []).extend((action, group, proposer))
    people = CardPeople([], [], [])
    for _action, _group, _proposer, member, kind, status, at, row_id in rows:
        if member is not None:
            people.add_row(member, kind, status, at, row_id)
    return action, group, proposer, people


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
    deleted = await session.scalar(_WITHDRAW_SUPPORT, {"action_id": action_id, "member_id": member_id})
    return deleted is not None


async def add_support(
    session: AsyncSession, action_id: int, member_id: int, now: datetime
) -> int | None:
    """Record the member's support of the action: the new support's id, or None when it was
    already there.

    ``INSERT … ON CONFLICT DO NOTHING`` on the (action, member) constraint: a double tap that raced
    us leaves one support and no error, without a savepoint.
    """
    statement = _ADD_SUPPORT[session.get_bind().dialect.name == "postgresql"]
    return await session.scalar(statement, {"action_id": action_id, "member_id": member_id, "created_at": now})


# Built once (every 👍 runs one of them); plain table statements, as no Support object is loaded.
_SUPPORTS = Support.__table__
_WITHDRAW_SUPPORT = (
    delete(_SUPPORTS)
    .where(_SUPPORTS.c.action_id == bindparam("action_id"), _SUPPORTS.c.member_id == bindparam("member_id"))
    .returning(_SUPPORTS.c.id)
)


def _add_support(
    insert: Callable[[Table], postgresql.Insert | sqlite.Insert],
) -> ReturningInsert[int]:
    return (
        insert(_SUPPORTS)
        .values(action_id=bindparam("action_id"), member_id=bindparam("member_id"),
                created_at=bindparam("created_at"))
        .on_conflict_do_nothing(index_elements=[_SUPPORTS.c.action_id, _SUPPORTS.c.member_id])
        .returning(_SUPPORTS.c.id)
    )


# {is PostgreSQL: statement}
_ADD_SUPPORT = {True: _add_support(postgresql.insert), False: _add_support(sqlite.insert)}


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
        Commitment.status == CommitmentStatus.OPEN,
        Action.state.in_(LIVE_ACTION_STATES),
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
            Action.state.in_(LIVE_ACTION_STATES),
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
