"""Test data for the coordinator's tools, made through the models (the features that create it run elsewhere)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select

from storage.models import (
    Action,
    AgendaItem,
    Commitment,
    Group,
    Member,
    Membership,
    Partner,
    Reminder,
)
from tests.harness import BotHarness, GroupChat, User

_ids = itertools.count(1)


@dataclass
class Setting:
    """A group with Brug in it, its coordinator (Telegram creator) and its members."""

    chat: GroupChat
    group_id: int
    coordinator: User
    members: list[User] = field(default_factory=list)


async def group_with_coordinator(
    bot: BotHarness,
    *,
    chat_id: int = -1001,
    title: str = "De BinnenHaven",
    coordinator: User | None = None,
    members: list[User] | None = None,
) -> Setting:
    """Brug added to a group by its creator; each member says something so Brug knows them."""
    coordinator = coordinator or bot.user(100, "Carla", started=True)
    chat = bot.group(chat_id, title, admins=[coordinator])
    await bot.add_bot_to(chat, by=coordinator)
    for member in members or []:
        await bot.say(chat, member, "/help")
    bot.telegram.clear()
    [group] = await bot.rows(Group, Group.telegram_chat_id == chat_id)
    return Setting(chat=chat, group_id=group.id, coordinator=coordinator, members=members or [])


async def member_id(bot: BotHarness, user: User) -> int:
    [member] = await bot.rows(Member, Member.telegram_user_id == user.id)
    return member.id


async def add_members(bot: BotHarness, group_id: int, count: int, *, start_id: int = 5000) -> list[int]:
    """``count`` members stored directly (quicker than a message each)."""
    now = bot.now()
    async with bot.db.unit_of_work() as session:
        members = [
            Member(
                telegram_user_id=start_id + i, first_name=f"Lid{i:04d}", has_private_chat=False,
                unreachable=False, reminder_lead_days=1, reminder_hour=10, created_at=now,
                updated_at=now,
            )
            for i in range(count)
        ]
        session.add_all(members)
        await session.flush()
        session.add_all(
            Membership(
                group_id=group_id, member_id=m.id, is_admin=False, is_appointed_coordinator=False,
                first_seen_at=now, last_seen_at=now,
            )
            for m in members
        )
        return [m.id for m in members]


def action(
    group_id: int, proposer_id: int, title: str, now: datetime, *, state: str = "running",
    due_on: date | None = None, **values,
) -> Action:
    return Action(
        group_id=group_id, proposer_id=proposer_id, title=title, state=state,
        decision_deadline=now + timedelta(days=7), last_activity_at=now, created_at=now,
        updated_at=now, due_on=due_on, **values,
    )


def commitment(
    action_id: int, member_id: int, now: datetime, *, what: str | None = None,
    due_on: date | None = None, status: str = "open",
) -> Commitment:
    return Commitment(
        action_id=action_id, member_id=member_id, what=what, due_on=due_on, status=status,
        created_at=now, updated_at=now, done_at=now if status == "done" else None,
    )


async def add(bot: BotHarness, *rows) -> list:
    """Store rows and return them with their ids."""
    async with bot.db.unit_of_work() as session:
        session.add_all(rows)
        await session.flush()
    return list(rows)


async def add_actions_with_commitments(
    bot: BotHarness, group_id: int, proposer_id: int, member_ids: list[int], *, actions: int,
    commitments: int,
) -> None:
    """``actions`` actions and ``commitments`` commitments spread over them and the members."""
    now = bot.now()
    today = now.date()
    async with bot.db.unit_of_work() as session:
        made = [
            action(group_id, proposer_id, f"Actie {i}", now, due_on=today + timedelta(days=i % 30))
            for i in range(actions)
        ]
        session.add_all(made)
        await session.flush()
        pairs = [(a, m) for m in member_ids for a in made][:commitments]
        assert len(pairs) == commitments, "not enough members for that many commitments"
        session.add_all(
            commitment(
                a.id, m, now, what=f"taak {i}", due_on=today + timedelta(days=(i % 20) - 5),
                status=("open", "open", "done", "released")[i % 4],
            )
            for i, (a, m) in enumerate(pairs)
        )


def reminder(group_id: int, now: datetime, *, member_id: int | None, error: str, kind: str = "due") -> Reminder:
    return Reminder(
        key=f"test:{next(_ids)}", kind=kind, group_id=group_id, member_id=member_id, due_at=now,
        status="failed", attempts=5, last_error=error, created_at=now,
    )


def partner(group_id: int, name: str, now: datetime, **values) -> Partner:
    return Partner(group_id=group_id, name=name, created_at=now, updated_at=now, **values)


def agenda_item(group_id: int, what: str, now: datetime, **values) -> AgendaItem:
    return AgendaItem(group_id=group_id, what=what, created_at=now, updated_at=now, **values)


async def the(bot: BotHarness, model: type, *where) -> object:
    async with bot.db.sessionmaker() as session:
        return (await session.scalars(select(model).where(*where))).one()
