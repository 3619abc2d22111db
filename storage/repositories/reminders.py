"""The reminders outbox: plan rows idempotently, claim due rows, record what happened — in bulk.

Every query here touches a whole batch at once (``IN`` lists, multi-row inserts, executemany updates), so
the number of statements a tick issues does not grow with the number of reminders it handles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    LIVE_ACTION_STATES,
    Action,
    ActionState,
    AgendaItem,
    Commitment,
    CommitmentStatus,
    Concern,
    Group,
    Member,
    Membership,
    Reminder,
    Support,
)
from storage.repositories.claims import claim

PENDING, CLAIMED, SENT, FAILED, CANCELLED = "pending", "claimed", "sent", "failed", "cancelled"
# Keep each IN list well below the database's parameter limits (asyncpg: 32,767).
CHUNK = 5000


def _insert_for(session: AsyncSession):
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


# ---------------------------------------------------------------- planning


async def upsert_planned(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Insert planned rows; a row whose key exists stays as it is, unless it was cancelled (revived).

    The unique key makes this safe when two updates plan the same reminder at the same moment.
    """
    if not rows:
        return
    insert = _insert_for(session)
    table = Reminder.__table__
    for chunk in _chunks(rows):
        statement = insert(table).values(list(chunk))
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "status": PENDING,
                "due_at": statement.excluded.due_at,
                "attempts": 0,
                "lease_until": None,
                "last_error": None,
            },
            where=table.c.status == CANCELLED,
        )
        await session.execute(statement)


async def insert_new(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Insert rows whose key does not exist yet; existing keys (whatever their status) are left alone."""
    if not rows:
        return
    insert = _insert_for(session)
    for chunk in _chunks(rows):
        await session.execute(
            insert(Reminder.__table__).values(list(chunk)).on_conflict_do_nothing(
                index_elements=["key"]
            )
        )


async def pending_of(
    session: AsyncSession,
    *,
    commitment_id: int | None = None,
    action_id: int | None = None,
    group_id: int | None = None,
    kinds: Iterable[str] | None = None,
) -> list[Reminder]:
    query = select(Reminder).where(Reminder.status == PENDING)
    if commitment_id is not None:
        query = query.where(Reminder.commitment_id == commitment_id)
    if action_id is not None:
        query = query.where(Reminder.action_id == action_id)
    if group_id is not None:
        query = query.where(Reminder.group_id == group_id)
    if kinds is not None:
        query = query.where(Reminder.kind.in_(list(kinds)))
    return list(await session.scalars(query))


async def cancel(session: AsyncSession, ids: Sequence[int], reason: str) -> None:
    """Cancel pending rows (claimed rows are in flight; the tick checks them again before sending)."""
    for chunk in _chunks(list(ids)):
        await session.execute(
            update(Reminder)
            .where(Reminder.id.in_(chunk), Reminder.status == PENDING)
            .values(status=CANCELLED, last_error=reason)
            .execution_options(synchronize_session=False)
        )


async def bring_forward(
    session: AsyncSession, member_id: int, deferred_to: datetime, now: datetime
) -> None:
    """Rows of a member that /stil deferred to ``deferred_to`` become due now (/stil uit)."""
    await session.execute(
        update(Reminder)
        .where(
            Reminder.member_id == member_id,
            Reminder.status == PENDING,
            Reminder.due_at == deferred_to,
        )
        .values(due_at=now)
        .execution_options(synchronize_session=False)
    )


# ---------------------------------------------------------------- the tick


async def claim_due(
    session: AsyncSession, now: datetime, limit: int, lease_until: datetime
) -> list[Reminder]:
    """Claim up to ``limit`` due rows in one statement (``claims.claim``); the caller commits right away.

    Due: pending with ``due_at`` reached, or claimed by a worker whose lease ran out (it crashed).
    """
    claimed = await claim(
        session, Reminder,
        where=[
            Reminder.status.in_((PENDING, CLAIMED)),
            Reminder.due_at <= now,
            or_(Reminder.status == PENDING, Reminder.lease_until <= now),
        ],
        order_by=[Reminder.due_at, Reminder.id],
        limit=limit,
        values={"status": CLAIMED, "lease_until": lease_until, "attempts": Reminder.attempts + 1},
    )
    return sorted(claimed, key=lambda row: (row.due_at, row.id))


async def by_ids(
    session: AsyncSession, model: type[Any], ids: Iterable[int | None]
) -> dict[int, Any]:
    """The rows of ``model`` with these ids (None, a reference not set, is left out), by id."""
    wanted = sorted({i for i in ids if i is not None})
    found: dict[int, Any] = {}
    for chunk in _chunks(wanted):
        for row in await session.scalars(select(model).where(model.id.in_(chunk))):
            found[row.id] = row
    return found


async def group_messages_since(session: AsyncSession, since: datetime) -> dict[int, int]:
    """How many reminders went to each group chat since ``since`` (the per-group rate limit)."""
    # Counted here rather than with GROUP BY: that way SQLite walks the small sent_at index range
    # instead of the whole group_id index.
    result = await session.execute(
        select(Reminder.group_id).where(Reminder.sent_at > since, Reminder.channel == "group")
    )
    counts: dict[int, int] = {}
    for (group_id,) in result:
        if group_id is not None:
            counts[group_id] = counts.get(group_id, 0) + 1
    return counts


async def reactions(
    session: AsyncSession, action_ids: Sequence[int]
) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Per action: the members who reacted (support, commitment or concern), and those who back it
    (support or a commitment: joining counts as support)."""
    reacted: dict[int, set[int]] = {action_id: set() for action_id in action_ids}
    backing: dict[int, set[int]] = {action_id: set() for action_id in action_ids}
    if not action_ids:
        return reacted, backing
    for model in (Support, Commitment, Concern):
        query = select(model.action_id, model.member_id).where(model.action_id.in_(list(action_ids)))
        if model is Commitment:
            query = query.where(Commitment.status != CommitmentStatus.RELEASED)
        for action_id, member_id in await session.execute(query):
            reacted[action_id].add(member_id)
            if model is not Concern:
                backing[action_id].add(member_id)
    return reacted, backing


async def members_of_groups(
    session: AsyncSession, group_ids: Sequence[int]
) -> dict[int, list[tuple[Membership, Member]]]:
    found: dict[int, list[tuple[Membership, Member]]] = {group_id: [] for group_id in group_ids}
    if not group_ids:
        return found
    result = await session.execute(
        select(Membership, Member)
        .join(Member, Member.id == Membership.member_id)
        .where(Membership.group_id.in_(list(group_ids)))
        .order_by(Member.first_name, Member.id)
    )
    for membership, member in result:
        found[membership.group_id].append((membership, member))
    return found


async def actions_of_groups(
    session: AsyncSession, group_ids: Sequence[int], *, closed_since: datetime
) -> list[Action]:
    """Proposed and running actions, and actions done since ``closed_since``, of these groups."""
    if not group_ids:
        return []
    return list(
        await session.scalars(
            select(Action)
            .where(
                Action.group_id.in_(list(group_ids)),
                or_(
                    Action.state.in_(LIVE_ACTION_STATES),
                    and_(Action.state == ActionState.DONE, Action.closed_at >= closed_since),
                ),
            )
            .order_by(Action.created_at, Action.id)
        )
    )


async def open_commitments_of_actions(
    session: AsyncSession, action_ids: Sequence[int]
) -> list[tuple[Commitment, Member]]:
    if not action_ids:
        return []
    result = await session.execute(
        select(Commitment, Member)
        .join(Member, Member.id == Commitment.member_id)
        .where(Commitment.action_id.in_(list(action_ids)), Commitment.status == CommitmentStatus.OPEN)
        .order_by(Commitment.due_on, Commitment.id)
    )
    return [(commitment, member) for commitment, member in result]


async def agenda_between(
    session: AsyncSession, group_ids: Sequence[int], first: date, last: date, *, undated: bool = False
) -> list[AgendaItem]:
    """Items from ``first`` to ``last``, soonest first; with ``undated`` also those without a date yet
    (after the dated ones)."""
    if not group_ids:
        return []
    dated = and_(AgendaItem.happens_on >= first, AgendaItem.happens_on <= last)
    return list(
        await session.scalars(
            select(AgendaItem)
            .where(
                AgendaItem.group_id.in_(list(group_ids)),
                or_(dated, AgendaItem.happens_on.is_(None)) if undated else dated,
            )
            .order_by(AgendaItem.happens_on.is_(None), AgendaItem.happens_on, AgendaItem.id)
        )
    )


async def active_groups(session: AsyncSession) -> list[Group]:
    return list(await session.scalars(select(Group).where(Group.active.is_(True))))


async def groups_with_pending_digest(session: AsyncSession) -> set[int]:
    result = await session.scalars(
        select(Reminder.group_id).where(
            Reminder.kind == "digest", Reminder.status.in_((PENDING, CLAIMED))
        )
    )
    return {group_id for group_id in result if group_id is not None}


async def live_subjects_of_group(
    session: AsyncSession, group_id: int
) -> tuple[list[Action], list[Commitment]]:
    """The group's proposed and running actions and their open commitments (to plan again)."""
    actions = list(
        await session.scalars(
            select(Action).where(
                Action.group_id == group_id, Action.state.in_(LIVE_ACTION_STATES)
            )
        )
    )
    commitments: list[Commitment] = []
    if actions:
        commitments = list(
            await session.scalars(
                select(Commitment).where(
                    Commitment.action_id.in_([a.id for a in actions]), Commitment.status == CommitmentStatus.OPEN
                )
            )
        )
    return actions, commitments


async def open_commitments_of_member(session: AsyncSession, member_id: int) -> list[Commitment]:
    return list(
        await session.scalars(
            select(Commitment).where(Commitment.member_id == member_id, Commitment.status == CommitmentStatus.OPEN)
        )
    )


async def record_outcomes(
    session: AsyncSession,
    now: datetime,
    *,
    sent: dict[str, list[int]],
    changes: list[dict[str, Any]],
    unreachable_member_ids: Iterable[int],
    inactive_group_ids: Iterable[int],
    new_rows: list[dict[str, Any]],
) -> None:
    """Write down what a tick did, in a constant number of statements.

    Only rows still claimed are touched: a row whose lease ran out and that another worker took over
    is that worker's now.
    """
    table = Reminder.__table__
    for channel, ids in sent.items():
        for chunk in _chunks(ids):
            await session.execute(
                update(table)
                .where(table.c.id.in_(chunk), table.c.status == CLAIMED)
                .values(status=SENT, sent_at=now, channel=channel, lease_until=None)
            )
    if changes:
        await session.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"), table.c.status == CLAIMED)
            .values(
                status=bindparam("new_status"),
                due_at=bindparam("new_due_at"),
                attempts=bindparam("new_attempts"),
                last_error=bindparam("new_error"),
                lease_until=None,
            ),
            changes,
        )
    members = sorted(set(unreachable_member_ids))
    if members:
        await session.execute(
            update(Member).where(Member.id.in_(members)).values(unreachable=True, updated_at=now)
        )
    groups = sorted(set(inactive_group_ids))
    if groups:
        await session.execute(
            update(Group)
            .where(Group.id.in_(groups))
            .values(active=False, removed_at=now, updated_at=now)
        )
    await insert_new(session, new_rows)


async def insert_claimed(session: AsyncSession, rows: list[dict[str, Any]]) -> list[Reminder]:
    """Insert rows already claimed by this tick (a decision's messages) and return them."""
    if not rows:
        return []
    insert = _insert_for(session)
    result = await session.scalars(
        insert(Reminder)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(Reminder),
        execution_options={"synchronize_session": False},
    )
    return list(result.all())


async def mark_sent(session: AsyncSession, reminder_id: int, now: datetime) -> None:
    await session.execute(
        update(Reminder)
        .where(Reminder.id == reminder_id, Reminder.status == CLAIMED)
        .values(status=SENT, sent_at=now, lease_until=None)
        .execution_options(synchronize_session=False)
    )
