"""/overzicht: who does what by when, overdue first, with load, silence, failed reminders and reach.

Every section is one query, so a group with 200 actions and 1,000 commitments costs the same number of
statements as a group with ten (``tests/test_coordinator_overview.py`` counts them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.listing import Paging, paging

from bot.domain.zones import local_today, zone
from storage.models import Group
from storage.repositories import neighbourhood as neighbourhood_repo
from storage.repositories import overview as repo
from storage.repositories import roles as roles_repo

PAGE_SIZE = 10
PICKER_PAGE_SIZE = 8
# "Many open commitments": from this many on a member is listed as carrying a lot.
HEAVY_AT = 3
HEAVY_SHOWN = 5
NOT_HEARD_SHOWN = 10
FAILED_SHOWN = 3
REACH_MONTHS = 6

STATUS_CODES = {"a": "all", "o": "open", "l": "late", "d": "done"}
FILTER_CODE = re.compile(r"^(?:[aold]|[AM]\d{1,10})$")


@dataclass(frozen=True)
class Filter:
    """One of: a status (all / open / late / done), one action, or one member."""

    status: str = "all"
    action_id: int | None = None
    member_id: int | None = None

    @property
    def code(self) -> str:
        if self.action_id is not None:
            return f"A{self.action_id}"
        if self.member_id is not None:
            return f"M{self.member_id}"
        return {value: key for key, value in STATUS_CODES.items()}[self.status]

    @classmethod
    def parse(cls, code: str) -> Filter | None:
        if not FILTER_CODE.match(code):
            return None
        if code[0] == "A":
            return cls(action_id=int(code[1:]))
        if code[0] == "M":
            return cls(member_id=int(code[1:]))
        return cls(status=STATUS_CODES[code])


@dataclass(frozen=True)
class CommitmentLine:
    commitment_id: int
    member_name: str
    what: str | None
    due_on: date | None
    # open | late | done | released
    status: str
    action_id: int
    action_title: str
    # Filled where the member can be picked from the line (the dashboard's filters).
    member_id: int | None = None


@dataclass(frozen=True)
class FailedReminder:
    kind: str
    due_at: datetime
    last_error: str | None
    member_name: str | None


@dataclass(frozen=True)
class Overview:
    group: Group
    filter: Filter
    # The action's title or the member's name when filtered on one; None when it is not (or no longer) there.
    subject: str | None
    view: Paging
    lines: list[CommitmentLine]
    heavy: list[tuple[str, int]]
    not_heard: list[str]
    not_heard_count: int
    member_count: int
    failed: list[FailedReminder]
    failed_count: int
    reach: list[tuple[date, int]]
    # Neighbours who said "ik kom ook" on the public pages (or were signed up by a member), same months.
    neighbours: int
    today: date


@dataclass(frozen=True)
class Picker:
    """A page of actions or members to filter on: (id, label, open commitments)."""

    group: Group
    kind: str
    items: list[tuple[int, str, int]]
    view: Paging


class _Criteria(TypedDict):
    """The arguments that pick the commitments of a page (and their count)."""

    status: str
    action_id: int | None
    member_id: int | None
    today: date


async def overview(
    session: AsyncSession, group: Group, flt: Filter, page: int, now: datetime
) -> Overview:
    """One page of the group's commitments under ``flt``, and the sections below the list."""
    today = local_today(now, group.timezone)
    criteria = _Criteria(status=flt.status, action_id=flt.action_id, member_id=flt.member_id, today=today)
    subject = None
    if flt.action_id is not None:
        subject = await repo.action_title(session, group.id, flt.action_id)
    elif flt.member_id is not None:
        subject = await repo.member_name(session, group.id, flt.member_id)
    total = await repo.count_commitments(session, group.id, **criteria)
    view = paging(total, page, PAGE_SIZE)
    rows = await repo.commitments_page(
        session, group.id, **criteria, offset=view.offset, limit=view.size
    )
    lines = [
        CommitmentLine(
            commitment_id=commitment_id,
            member_name=name,
            what=what,
            due_on=due_on,
            status="late" if late else status,
            action_id=action_id,
            action_title=title,
        )
        for commitment_id, name, what, due_on, status, late, action_id, title in rows
    ]
    heavy = await repo.heavy_loads(session, group.id, HEAVY_AT, HEAVY_SHOWN)
    not_heard, not_heard_count = await repo.not_heard_from(session, group.id, NOT_HEARD_SHOWN)
    member_count = await roles_repo.count_members(session, group.id)
    failed_rows = await repo.failed_reminders(session, group.id, FAILED_SHOWN)
    failed = [FailedReminder(kind, due, error, name) for kind, due, error, name, _ in failed_rows]
    reach = reach_per_month(
        await repo.reach_since(session, group.id, now - timedelta(days=31 * REACH_MONTHS)),
        group.timezone,
    )
    return Overview(
        group=group,
        filter=flt,
        subject=subject,
        view=view,
        lines=lines,
        heavy=heavy,
        not_heard=not_heard,
        not_heard_count=not_heard_count,
        member_count=member_count,
        failed=failed,
        failed_count=failed_rows[0][4] if failed_rows else 0,
        reach=reach,
        neighbours=await neighbourhood_repo.reach_of_group(
            session, group.id, now - timedelta(days=31 * REACH_MONTHS)
        ),
        today=today,
    )


def reach_per_month(rows: list[tuple[datetime, int]], timezone: str) -> list[tuple[date, int]]:
    """Sum of the reach per calendar month (in the group's time zone) of when actions closed, oldest first."""
    tz = zone(timezone)
    months: dict[date, int] = defaultdict(int)
    for closed_at, reach in rows:
        local = closed_at.astimezone(tz)
        months[date(local.year, local.month, 1)] += max(reach, 0)
    return sorted(months.items())[-REACH_MONTHS:]


async def action_picker(session: AsyncSession, group: Group, page: int) -> Picker:
    """Actions that have commitments, to filter the overview on one of them."""
    view = paging(await repo.count_actions_with_commitments(session, group.id), page, PICKER_PAGE_SIZE)
    items = await repo.actions_with_commitments(session, group.id, view.offset, view.size)
    return Picker(group=group, kind="action", items=items, view=view)


async def member_picker(session: AsyncSession, group: Group, page: int) -> Picker:
    """Members with commitments in this group, to filter the overview on one of them."""
    view = paging(await repo.count_members_with_commitments(session, group.id), page, PICKER_PAGE_SIZE)
    items = await repo.members_with_commitments(session, group.id, view.offset, view.size)
    return Picker(group=group, kind="member", items=items, view=view)
