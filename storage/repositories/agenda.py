"""The neighbourhood agenda of a group."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from sqlalchemy import Select, case, func, literal_column, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import LIVE_ACTION_STATES, Action, AgendaItem


async def count_items(session: AsyncSession, group_id: int) -> int:
    return (
        await session.scalar(
            select(func.count()).select_from(AgendaItem).where(AgendaItem.group_id == group_id)
        )
        or 0
    )


# Within one day: what has no time first, then by its time. An item without a time is the whole day
# (a market, a collection week): it is already on when the day begins, so it opens the day, as a
# calendar puts its all-day events on top; "14:00" and "19:30" follow in the order they happen.
# Spelled out rather than left to NULLS FIRST/LAST, which SQLite and PostgreSQL order differently.
def _by_time(start: Any) -> tuple[Any, Any]:  # noqa: ANN401 - a column of either table
    return start.is_not(None), start


async def items_page(
    session: AsyncSession, group_id: int, today: date, offset: int, limit: int
) -> list[AgendaItem]:
    """Upcoming first (soonest first), then what is in the pipeline without a date, then the past; within
    one day the whole day first, then by time."""
    upcoming = AgendaItem.happens_on >= today
    rank = case((upcoming, 0), (AgendaItem.happens_on.is_(None), 1), else_=2)
    return list(
        await session.scalars(
            select(AgendaItem)
            .where(AgendaItem.group_id == group_id)
            .order_by(
                rank,
                case((upcoming, AgendaItem.happens_on)),
                AgendaItem.happens_on.desc(),
                *_by_time(AgendaItem.start_time),
                AgendaItem.id,
            )
            .offset(offset)
            .limit(limit)
        )
    )


OPEN_ACTION_STATES = LIVE_ACTION_STATES


def _our_dated_actions(group_id: int, today: date):  # noqa: ANN202 - a SQL condition
    """The group's own open actions with a day from ``today`` on: they belong on its agenda too."""
    return (
        Action.group_id == group_id,
        Action.state.in_(OPEN_ACTION_STATES),
        Action.due_on >= today,
    )


async def count_entries(session: AsyncSession, group_id: int, today: date) -> int:
    """Agenda items plus the group's own dated open actions (what ``entries_page`` pages through)."""
    actions = await session.scalar(
        select(func.count()).select_from(Action).where(*_our_dated_actions(group_id, today))
    )
    return await count_items(session, group_id) + (actions or 0)


async def entries_page(
    session: AsyncSession, group_id: int, today: date, offset: int, limit: int
) -> list[AgendaItem | Action]:
    """Agenda items and the group's own dated open actions in one order: upcoming first (soonest first;
    on one day the whole day first, then by time, and at the same time the neighbourhood's item before
    ours), then the pipeline without a date, then the past."""
    items = select(
        literal_column("0").label("kind"),
        AgendaItem.id.label("id"),
        AgendaItem.happens_on.label("day"),
        case((AgendaItem.happens_on >= today, 0), (AgendaItem.happens_on.is_(None), 1), else_=2).label("rank"),
        AgendaItem.start_time.label("starts"),
    ).where(AgendaItem.group_id == group_id)
    # (kind, id, day, rank, starts); the literal columns are typed by the union's first select.
    actions: Select[Any, int, date | None, Any, time | None] = select(
        literal_column("1"), Action.id, Action.due_on, literal_column("0"), Action.start_time
    ).where(*_our_dated_actions(group_id, today))
    merged = union_all(items, actions).subquery()
    rows = (
        await session.execute(
            select(merged.c.kind, merged.c.id)
            .order_by(
                merged.c.rank,
                case((merged.c.rank == 0, merged.c.day)),
                merged.c.day.desc(),
                *_by_time(merged.c.starts),
                merged.c.kind,
                merged.c.id,
            )
            .offset(offset)
            .limit(limit)
        )
    ).all()
    wanted = {0: [i for k, i in rows if k == 0], 1: [i for k, i in rows if k == 1]}
    found: dict[tuple[int, int], AgendaItem | Action] = {}
    if wanted[0]:
        for item in await session.scalars(select(AgendaItem).where(AgendaItem.id.in_(wanted[0]))):
            found[(0, item.id)] = item
    if wanted[1]:
        for action in await session.scalars(select(Action).where(Action.id.in_(wanted[1]))):
            found[(1, action.id)] = action
    return [found[(kind, row_id)] for kind, row_id in rows if (kind, row_id) in found]


async def coming_up(
    session: AsyncSession, group_id: int, today: date, until: date, limit: int
) -> list[AgendaItem]:
    return list(
        await session.scalars(
            select(AgendaItem)
            .where(
                AgendaItem.group_id == group_id,
                AgendaItem.happens_on >= today,
                AgendaItem.happens_on <= until,
            )
            .order_by(AgendaItem.happens_on, *_by_time(AgendaItem.start_time), AgendaItem.id)
            .limit(limit)
        )
    )


async def all_items(session: AsyncSession, group_id: int) -> list[AgendaItem]:
    return list(
        await session.scalars(
            select(AgendaItem)
            .where(AgendaItem.group_id == group_id)
            .order_by(
                AgendaItem.happens_on.is_(None), AgendaItem.happens_on, *_by_time(AgendaItem.start_time),
                AgendaItem.id,
            )
        )
    )
