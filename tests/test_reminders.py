"""Reminders (issue 5): each kind fires at the right local moment, quiet hours and /stil defer, changes
cancel, and the outbox survives crashes. The clock is a ``FixedClock``; nothing sleeps.

Test data is made directly through the models; ``FakeSender`` records what the tick hands over and
renders it with the real prompts (and checks it is HTML Telegram accepts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

import bot.domain.actions
from bot.domain import reminders
from bot.domain.i18n import translator
from bot.domain.messages import Outgoing, Reply
from bot.domain.reminders import (
    action_changed,
    commitment_changed,
    group_settings_changed,
    plan_missing_digests,
)
from bot.domain.scheduler import GROUP_MESSAGES_PER_MINUTE, LEASE, tick
from bot.domain.rendering import fit, render_text
from bot.domain.transport import Address, Blocked, DeliveryFailed, RetryLater
from storage.db import Database
from storage.models import (
    Action,
    AgendaItem,
    Commitment,
    Concern,
    Group,
    Member,
    Membership,
    Reminder,
    Support,
)
from tests.fake_telegram import visible_text

# Tuesday 1 December 2026, 10:00 in Amsterdam (as in conftest).
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# ---------------------------------------------------------------- test data


@dataclass
class Sent:
    address: Address
    reply: Reply
    lang: str
    text: str


@dataclass
class FakeSender:
    """Records what it is handed; ``fail`` scripts failures per chat id (a list, used in order)."""

    sent: list[Sent] = field(default_factory=list)
    edited: list[int] = field(default_factory=list)
    fail: dict[int, list[Exception]] = field(default_factory=dict)
    attempts: int = 0

    async def send(self, address: Address, reply: Reply, lang: str) -> None:
        self.attempts += 1
        failures = self.fail.get(address.chat_id)
        if failures:
            raise failures.pop(0)
        text = fit(str(render_text(translator(), reply, lang)))
        visible_text(text, "HTML")  # Telegram would refuse bad HTML
        self.sent.append(Sent(address, reply, lang, text))

    async def edit(self, address: Address, message_id: int, reply: Reply, lang: str) -> None:
        """An edit is recorded like a message (tests tell them apart by ``edited``)."""
        await self.send(address, reply, lang)
        self.edited.append(message_id)

    def to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.address.chat_id == chat_id]


def make_group(chat_id: int = -1001, now: datetime = START, **settings) -> Group:
    values = dict(
        telegram_chat_id=chat_id, title="De BinnenHaven", active=True, language="nl",
        timezone="Europe/Amsterdam", support_threshold=3, decision_days=7, max_action_days=28,
        stale_days=7, digest_weekday=0, digest_hour=9, quiet_start_hour=21, quiet_end_hour=9,
        created_at=now, updated_at=now,
    )
    values.update(settings)
    return Group(**values)


def make_member(user_id: int, name: str, *, started: bool = True, now: datetime = START, **extra) -> Member:
    values = dict(
        telegram_user_id=user_id, first_name=name, has_private_chat=started, unreachable=False,
        reminder_lead_days=1, reminder_hour=10, created_at=now, updated_at=now,
    )
    values.update(extra)
    return Member(**values)


def make_action(group: Group, proposer: Member, *, now: datetime = START, **extra) -> Action:
    values = dict(
        group_id=group.id, proposer_id=proposer.id, title="Soep koken voor de straat",
        state="running", decision_deadline=now + timedelta(days=7), last_activity_at=now,
        created_at=now, updated_at=now,
    )
    values.update(extra)
    return Action(**values)


def make_commitment(action: Action, member: Member, due_on: date | None, *, now: datetime = START,
                    what: str | None = "soep maken") -> Commitment:
    return Commitment(action_id=action.id, member_id=member.id, what=what, due_on=due_on,
                      status="open", created_at=now, updated_at=now)


@dataclass
class World:
    group: Group
    anna: Member  # proposer
    ben: Member  # joins, has started Brug privately
    action: Action
    commitment: Commitment | None


async def world(
    db: Database,
    *,
    now: datetime = START,
    due_on: date | None = date(2026, 12, 5),
    action_state: str = "running",
    ben_started: bool = True,
    group_settings: dict | None = None,
    **action_extra,
) -> World:
    """A group with Anna's action and Ben's commitment, planned through the contract functions."""
    async with db.unit_of_work() as session:
        group = make_group(now=now, **(group_settings or {}))
        anna = make_member(101, "Anna", now=now)
        ben = make_member(102, "Ben", started=ben_started, now=now)
        session.add_all([group, anna, ben])
        await session.flush()
        for member in (anna, ben):
            session.add(Membership(group_id=group.id, member_id=member.id, is_admin=False,
                                   is_appointed_coordinator=False, first_seen_at=now, last_seen_at=now))
        action = make_action(group, anna, now=now, state=action_state, due_on=due_on, **action_extra)
        session.add(action)
        await session.flush()
        commitment = None
        if due_on is not None:
            commitment = make_commitment(action, ben, due_on, now=now)
            session.add(commitment)
            await session.flush()
        await action_changed(session, action, group, now)
        if commitment is not None:
            await commitment_changed(session, commitment, group, now)
    return World(group, anna, ben, action, commitment)


async def reminder_rows(db: Database, *where) -> list[Reminder]:
    async with db.sessionmaker() as session:
        return list(await session.scalars(select(Reminder).where(*where).order_by(Reminder.due_at, Reminder.id)))


async def pending(db: Database, kind: str) -> list[Reminder]:
    return await reminder_rows(db, Reminder.kind == kind, Reminder.status == "pending")


# ---------------------------------------------------------------- each kind at its local moment


async def test_commitment_due_is_sent_privately_the_day_before_at_ten_local(database: Database) -> None:
    w = await world(database)
    [due] = await pending(database, "due")
    # Saturday 5 December → Friday 4 December 10:00 in Amsterdam (CET, UTC+1).
    assert due.due_at == utc(2026, 12, 4, 9, 0)
    assert due.key == f"due:commitment:{w.commitment.id}:2026-12-05:20261204T0900Z"

    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 4, 8, 59))
    assert sender.sent == []
    report = await tick(database, sender, utc(2026, 12, 4, 9, 0))
    assert report.sent == 1
    [message] = sender.sent
    assert message.address == Address("private", 102)
    assert "Morgen is het zover" in message.text and "Soep koken voor de straat" in message.text
    assert "zaterdag 5 december" in message.text and "soep maken" in message.text
    [row] = await reminder_rows(database, Reminder.id == due.id)
    assert (row.status, row.channel, row.sent_at) == ("sent", "private", utc(2026, 12, 4, 9, 0))
    # Never twice: later ticks find nothing more to send for it.
    await tick(database, sender, utc(2026, 12, 4, 9, 5))
    assert len(sender.sent) == 1


async def test_member_without_private_chat_is_mentioned_in_the_group(database: Database) -> None:
    w = await world(database, ben_started=False)
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 4, 9, 0))
    [message] = sender.sent
    assert message.address == Address("group", w.group.telegram_chat_id)
    assert message.text.startswith('Voor <a href="tg://user?id=102">Ben</a>:')
    assert "Morgen is het zover" in message.text


async def test_member_lead_time_and_hour_are_respected(database: Database) -> None:
    w = await world(database, due_on=None)
    async with database.unit_of_work() as session:
        ben = await session.get(Member, w.ben.id)
        ben.reminder_lead_days, ben.reminder_hour = 2, 8
        commitment = make_commitment(w.action, ben, date(2026, 12, 5))
        session.add(commitment)
        await session.flush()
        await commitment_changed(session, commitment, w.group, START)
    [due] = await pending(database, "due")
    # Two days before, at 08:00 local — inside the default quiet hours (21–9), so at 09:00.
    assert due.due_at == utc(2026, 12, 3, 8, 0)
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 3, 8, 0))
    assert "Over 2 dagen is het zover" in sender.sent[0].text


@pytest.mark.parametrize(
    ("due_on", "reminder_utc", "overdue_utc"),
    [
        # Last Sunday of October 2026 (25th): clocks go back. Reminder on Sunday, 10:00 CET.
        (date(2026, 10, 26), utc(2026, 10, 25, 9, 0), utc(2026, 10, 27, 9, 0)),
        # The day before the change is still summer time: Saturday 10:00 CEST, overdue Monday CET.
        (date(2026, 10, 25), utc(2026, 10, 24, 8, 0), utc(2026, 10, 26, 9, 0)),
        # Last Sunday of March 2027 (28th): clocks go forward. Reminder on Sunday, 10:00 CEST.
        (date(2027, 3, 29), utc(2027, 3, 28, 8, 0), utc(2027, 3, 30, 8, 0)),
        (date(2027, 3, 28), utc(2027, 3, 27, 9, 0), utc(2027, 3, 29, 8, 0)),
    ],
)
async def test_ten_o_clock_stays_ten_across_daylight_saving(
    database: Database, due_on: date, reminder_utc: datetime, overdue_utc: datetime
) -> None:
    start = due_on.replace(day=1)
    now = datetime(start.year, start.month, 1, 12, 0, tzinfo=UTC)
    w = await world(database, now=now, due_on=due_on)
    [due] = await pending(database, "due")
    [overdue] = await pending(database, "overdue")
    assert (due.due_at, overdue.due_at) == (reminder_utc, overdue_utc)
    amsterdam = w.group.timezone
    from bot.domain.zones import zone

    assert due.due_at.astimezone(zone(amsterdam)).hour == 10
    assert overdue.due_at.astimezone(zone(amsterdam)).hour == 10

    sender = FakeSender()
    await tick(database, sender, reminder_utc - timedelta(minutes=1))
    assert sender.to(102) == []
    await tick(database, sender, reminder_utc)
    assert [s.reply.message for s in sender.to(102)] == ["reminder-due"]
    await tick(database, sender, overdue_utc - timedelta(minutes=1))
    assert len(sender.to(102)) == 1
    await tick(database, sender, overdue_utc)
    assert [s.reply.message for s in sender.to(102)] == ["reminder-due", "reminder-overdue"]


async def test_overdue_asks_done_later_or_let_go_with_snooze(database: Database) -> None:
    w = await world(database)
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 4, 9, 0))
    await tick(database, sender, utc(2026, 12, 6, 9, 0))  # Sunday 10:00, the morning after
    message = sender.sent[-1]
    assert "Het stond voor zaterdag 5 december" in message.text
    assert "Gedaan, later, of loslaten?" in message.text
    cid = w.commitment.id
    assert [[c.payload for c in row] for row in message.reply.choices] == [
        [f"c:done:{cid}", f"c:later:{cid}"], [f"c:rel:{cid}", f"r:snooze:{cid}"],
    ]


async def test_stale_action_nudges_the_proposer_after_a_quiet_week(database: Database) -> None:
    w = await world(database, due_on=None)
    [stale] = await pending(database, "stale")
    assert stale.due_at == utc(2026, 12, 8, 9, 0)  # 7 days after the last activity, Anna's 10:00
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 8, 9, 0))
    [message] = sender.sent
    assert message.address == Address("private", 101)
    assert "Het is even stil rond" in message.text and "al 7 dagen" in message.text
    assert [c.payload for row in message.reply.choices for c in row] == [
        f"a:done:{w.action.id}", f"a:smaller:{w.action.id}", f"a:letgo:{w.action.id}",
    ]


async def test_activity_since_moves_the_stale_nudge_instead_of_sending_it(database: Database) -> None:
    w = await world(database, due_on=None)
    async with database.unit_of_work() as session:
        action = await session.get(Action, w.action.id)
        action.last_activity_at = START + timedelta(days=3)  # a support came in; no contract call
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 8, 9, 0))
    assert sender.sent == []
    [moved] = await pending(database, "stale")
    assert moved.due_at == utc(2026, 12, 11, 9, 0)
    await tick(database, sender, utc(2026, 12, 11, 9, 0))
    assert len(sender.sent) == 1


async def test_proposal_closing_mentions_only_members_who_did_not_react(database: Database) -> None:
    w = await world(database, due_on=None, action_state="proposed",
                    decision_deadline=utc(2026, 12, 8, 12, 0))
    async with database.unit_of_work() as session:
        people = [make_member(200 + i, name) for i, name in enumerate(["Carla", "Dirk", "Eva", "<b>Fr"])]
        session.add_all(people)
        await session.flush()
        for member in people:
            session.add(Membership(group_id=w.group.id, member_id=member.id, is_admin=False,
                                   is_appointed_coordinator=False, first_seen_at=START, last_seen_at=START))
        session.add(Support(action_id=w.action.id, member_id=w.ben.id, created_at=START))
        session.add(Concern(action_id=w.action.id, member_id=people[1].id, text="te druk", created_at=START))
        session.add(make_commitment(w.action, people[2], None))
    [closing] = await pending(database, "closing")
    assert closing.due_at == utc(2026, 12, 7, 12, 0)  # 24 hours before the deadline
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 7, 12, 0))
    [message] = sender.sent
    assert message.address == Address("group", -1001)
    assert "Nog één dag" in message.text and "(voorstel van Anna)" in message.text
    # 6 members, all active → a third is 2; Ben supports and Eva joined (joining is support too).
    assert "Er is al genoeg steun" in message.text
    assert 'tg://user?id=200">Carla</a>' in message.text
    assert 'tg://user?id=203">&lt;b&gt;Fr</a>' in message.text  # names are escaped
    for reacted in ("Ben", "Dirk", "Eva", "Anna"):
        assert f">{reacted}</a>" not in message.text


async def test_decision_deadline_runs_the_decision_and_sends_its_messages(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Against the contract ``close_decision_window(session, action_id, now) -> list[Outgoing]``."""
    import bot.domain.actions

    calls = []

    async def close_decision_window(session, action_id, now):
        calls.append((action_id, now))
        action = await session.get(Action, action_id)
        action.state = "running"
        return [
            Outgoing(None, action.group_id, Reply("reminder-snooze-gone")),
            Outgoing(action.proposer_id, None, Reply("reminders-resumed")),
        ]

    monkeypatch.setattr(bot.domain.actions, "close_decision_window", close_decision_window)
    deadline = utc(2026, 12, 8, 12, 0)
    w = await world(database, due_on=None, action_state="proposed", decision_deadline=deadline)
    sender = FakeSender()
    await tick(database, sender, deadline - timedelta(minutes=1))
    assert calls == [] and len(sender.sent) == 1  # only the closing notice of the day before
    report = await tick(database, sender, deadline)
    assert calls == [(w.action.id, deadline)] and report.decided == 1
    assert [s.address for s in sender.sent[1:]] == [Address("group", -1001), Address("private", 101)]
    [row] = await reminder_rows(database, Reminder.kind == "deadline")
    assert row.status == "sent"
    outgoing = await reminder_rows(database, Reminder.kind == "outgoing")
    assert [r.status for r in outgoing] == ["sent", "sent"]
    await tick(database, sender, deadline + timedelta(hours=1))
    assert len(calls) == 1 and len(sender.sent) == 3


async def test_a_moved_deadline_does_not_decide_early(database: Database, monkeypatch) -> None:
    import bot.domain.actions

    async def must_not_run(session, action_id, now):
        raise AssertionError("decided on an old deadline")

    monkeypatch.setattr(bot.domain.actions, "close_decision_window", must_not_run)
    w = await world(database, due_on=None, action_state="proposed",
                    decision_deadline=utc(2026, 12, 8, 12, 0))
    async with database.unit_of_work() as session:
        # Changed without telling the reminders: the tick itself notices.
        action = await session.get(Action, w.action.id)
        action.decision_deadline = utc(2026, 12, 15, 12, 0)
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 8, 12, 0))
    statuses = {r.kind: r.status for r in await reminder_rows(database, Reminder.kind == "deadline")}
    assert statuses == {"deadline": "cancelled"}


async def test_harvest_asks_the_proposer_the_day_after(database: Database) -> None:
    w = await world(database, due_on=date(2026, 12, 5))
    [harvest] = await pending(database, "harvest")
    assert harvest.due_at == utc(2026, 12, 6, 9, 0)
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 6, 9, 0))
    to_anna = sender.to(101)
    assert len(to_anna) == 1 and "Hoe ging het?" in to_anna[0].text
    assert to_anna[0].reply.choices[0][0].payload == f"h:start:{w.action.id}"


async def test_weekly_digest_on_monday_nine_and_none_when_nothing_to_say(database: Database) -> None:
    async with database.unit_of_work() as session:
        group = make_group()
        session.add(group)
        await session.flush()
        await group_settings_changed(session, group, START)
    [digest] = await pending(database, "digest")
    assert digest.due_at == utc(2026, 12, 7, 8, 0)  # Monday 7 December, 09:00 in Amsterdam
    sender = FakeSender()
    report = await tick(database, sender, utc(2026, 12, 7, 8, 0))
    assert sender.sent == [] and report.cancelled == 1
    [skipped] = await reminder_rows(database, Reminder.id == digest.id)
    assert (skipped.status, skipped.last_error) == ("cancelled", "nothing to say this week")
    # No row stays pending forever: next week's digest is planned.
    [following] = await pending(database, "digest")
    assert following.due_at == utc(2026, 12, 14, 8, 0)


async def test_weekly_digest_tells_what_happened_and_what_is_coming(database: Database) -> None:
    w = await world(database, due_on=date(2026, 12, 12))
    async with database.unit_of_work() as session:
        session.add(make_action(w.group, w.ben, title="Buurtborrel", state="proposed",
                                created_at=START + timedelta(days=2)))
        session.add(make_action(w.group, w.anna, title="Bankje schilderen", state="done",
                                closed_at=START + timedelta(days=3)))
        session.add(make_action(w.group, w.anna, title="Oud en klaar", state="done",
                                closed_at=START - timedelta(days=10)))
        session.add(AgendaItem(group_id=w.group.id, what="Wijkfeest", happens_on=date(2026, 12, 19),
                               place="Het plein", created_at=START, updated_at=START))
        group = await session.get(Group, w.group.id)
        await group_settings_changed(session, group, START)
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 7, 8, 0))
    [digest] = sender.to(-1001)
    text = digest.text
    assert "Deze week bij ons" in text
    assert "<b>Buurtborrel</b> (van Ben)" in text
    assert "<b>Soep koken voor de straat</b> – zaterdag 12 december" in text
    assert "– Ben: soep maken" in text
    assert "Gedaan deze week" in text and "Bankje schilderen" in text
    assert "Oud en klaar" not in text
    assert "zaterdag 19 december: Wijkfeest (Het plein)" in text
    assert [r.due_at for r in await pending(database, "digest")] == [utc(2026, 12, 14, 8, 0)]


async def test_digest_across_daylight_saving_stays_at_nine(database: Database) -> None:
    now = utc(2027, 3, 20, 12, 0)
    async with database.unit_of_work() as session:
        group = make_group(now=now)
        session.add(group)
        await session.flush()
        await group_settings_changed(session, group, now)
    [first] = await pending(database, "digest")
    assert first.due_at == utc(2027, 3, 22, 8, 0)  # 09:00 CET
    await tick(database, FakeSender(), first.due_at)
    [second] = await pending(database, "digest")
    assert second.due_at == utc(2027, 3, 29, 7, 0)  # 09:00 CEST, after the last Sunday of March


async def test_missing_digests_are_planned_at_start_up(database: Database) -> None:
    async with database.unit_of_work() as session:
        session.add_all([make_group(-1001), make_group(-1002), make_group(-1003, active=False)])
    async with database.unit_of_work() as session:
        assert await plan_missing_digests(session, START) == 2
    async with database.unit_of_work() as session:
        assert await plan_missing_digests(session, START) == 0
    assert len(await pending(database, "digest")) == 2


# ---------------------------------------------------------------- quiet hours and /stil


async def test_quiet_hours_defer_to_their_end(database: Database) -> None:
    w = await world(database)
    async with database.unit_of_work() as session:
        session.add(Reminder(key="outgoing:test:late", kind="outgoing", group_id=w.group.id,
                             due_at=utc(2026, 12, 2, 21, 30), status="pending", attempts=0,
                             created_at=START,
                             payload=reminders.encode_outgoing(
                                 Outgoing(None, w.group.id, Reply("reminders-resumed")))))
    sender = FakeSender()
    report = await tick(database, sender, utc(2026, 12, 2, 21, 30))  # 22:30 in Amsterdam
    assert sender.sent == [] and report.deferred == 1
    [row] = await reminder_rows(database, Reminder.key == "outgoing:test:late")
    assert (row.status, row.due_at, row.attempts) == ("pending", utc(2026, 12, 3, 8, 0), 0)
    await tick(database, sender, utc(2026, 12, 3, 7, 59))
    assert sender.sent == []
    await tick(database, sender, utc(2026, 12, 3, 8, 0))
    assert len(sender.sent) == 1


async def test_group_quiet_hours_are_applied_when_planning(database: Database) -> None:
    w = await world(database, group_settings={"quiet_start_hour": 8, "quiet_end_hour": 12})
    [due] = await pending(database, "due")
    # 10:00 falls in this group's quiet morning (8–12): planned for 12:00 local.
    assert due.due_at == utc(2026, 12, 4, 11, 0)
    assert due.key.endswith("20261204T0900Z")  # the key keeps the planned moment


async def test_a_paused_member_gets_reminders_after_the_pause(database: Database) -> None:
    w = await world(database)
    async with database.unit_of_work() as session:
        ben = await session.get(Member, w.ben.id)
        await reminders.pause(session, ben, 1, utc(2026, 12, 3, 12, 0))
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 4, 9, 0))
    assert sender.sent == []
    [due] = await reminder_rows(database, Reminder.kind == "due")
    assert (due.status, due.due_at, due.attempts) == ("pending", utc(2026, 12, 4, 12, 0), 0)
    await tick(database, sender, utc(2026, 12, 4, 12, 0))
    assert [s.reply.message for s in sender.to(102)] == ["reminder-due"]


async def test_a_reminder_held_back_past_its_day_gives_way_to_the_overdue_one(database: Database) -> None:
    w = await world(database)
    async with database.unit_of_work() as session:
        ben = await session.get(Member, w.ben.id)
        await reminders.pause(session, ben, 3, utc(2026, 12, 3, 12, 0))
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 4, 9, 0))
    await tick(database, sender, utc(2026, 12, 6, 12, 0))
    # "Morgen is het zover" after the day is wrong: only "Gedaan, later, of loslaten?" comes.
    assert [s.reply.message for s in sender.to(102)] == ["reminder-overdue"]
    [due] = await reminder_rows(database, Reminder.kind == "due")
    assert (due.status, due.last_error) == ("cancelled", "the day has passed")
    # Anna did not pause: her harvest question came on time.
    assert [s.reply.message for s in sender.to(101)] == ["reminder-harvest"]


async def test_resume_brings_held_back_reminders_forward(database: Database) -> None:
    w = await world(database)
    async with database.unit_of_work() as session:
        ben = await session.get(Member, w.ben.id)
        await reminders.pause(session, ben, 7, utc(2026, 12, 3, 12, 0))
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 4, 9, 0))
    async with database.unit_of_work() as session:
        ben = await session.get(Member, w.ben.id)
        await reminders.resume(session, ben, utc(2026, 12, 4, 10, 0))
    await tick(database, sender, utc(2026, 12, 4, 10, 0))
    assert [s.reply.message for s in sender.to(102)] == ["reminder-due"]


# ---------------------------------------------------------------- changes cancel or move


async def test_done_commitment_cancels_its_reminders(database: Database) -> None:
    w = await world(database)
    async with database.unit_of_work() as session:
        commitment = await session.get(Commitment, w.commitment.id)
        commitment.status = "done"
        await commitment_changed(session, commitment, w.group, START)
    rows = await reminder_rows(database, Reminder.commitment_id == w.commitment.id)
    assert {(r.kind, r.status) for r in rows} == {("due", "cancelled"), ("overdue", "cancelled")}
    sender = FakeSender()
    await tick(database, sender, utc(2026, 12, 10, 9, 0))
    # The stale nudge counts from the action's own day (Saturday 5 December), not from its last news.
    assert sorted(s.reply.message for s in sender.sent) == ["reminder-harvest"]
    await tick(database, sender, utc(2026, 12, 12, 9, 0))
    assert sorted(s.reply.message for s in sender.sent) == ["reminder-harvest", "reminder-stale"]


async def test_redated_commitment_moves_its_reminders(database: Database) -> None:
    w = await world(database)
    async with database.unit_of_work() as session:
        commitment = await session.get(Commitment, w.commitment.id)
        commitment.due_on = date(2026, 12, 12)
        await commitment_changed(session, commitment, w.group, START)
        await commitment_changed(session, commitment, w.group, START)  # idempotent
    rows = await reminder_rows(database, Reminder.commitment_id == w.commitment.id)
    assert [(r.kind, r.status, r.due_at) for r in rows] == [
        ("due", "cancelled", utc(2026, 12, 4, 9, 0)),
        ("overdue", "cancelled", utc(2026, 12, 6, 9, 0)),
        ("due", "pending", utc(2026, 12, 11, 9, 0)),
        ("overdue", "pending", utc(2026, 12, 13, 9, 0)),
    ]
    # Back to the old date: the cancelled rows come back, nothing is duplicated.
    async with database.unit_of_work() as session:
        commitment = await session.get(Commitment, w.commitment.id)
        commitment.due_on = date(2026, 12, 5)
        await commitment_changed(session, commitment, w.group, START)
    rows = await reminder_rows(database, Reminder.commitment_id == w.commitment.id)
    assert len(rows) == 4
    assert sorted((r.due_at, r.status) for r in rows if r.status == "pending") == [
        (utc(2026, 12, 4, 9, 0), "pending"), (utc(2026, 12, 6, 9, 0), "pending"),
    ]


async def test_snooze_survives_a_repeated_contract_call(database: Database) -> None:
    w = await world(database)
    async with database.unit_of_work() as session:
        ben = await session.get(Member, w.ben.id)
        reply = await reminders.snooze(session, w.commitment.id, ben, utc(2026, 12, 6, 9, 30))
        assert reply.message == "reminder-snoozed" and reply.args["day"] == date(2026, 12, 7)
        commitment = await session.get(Commitment, w.commitment.id)
        await commitment_changed(session, commitment, w.group, utc(2026, 12, 6, 9, 30))
    overdue = await pending(database, "overdue")
    assert [r.due_at for r in overdue] == [utc(2026, 12, 6, 9, 0), utc(2026, 12, 7, 9, 0)]
    async with database.unit_of_work() as session:
        intruder = await session.get(Member, w.anna.id)
        with pytest.raises(reminders.NotYours):
            await reminders.snooze(session, w.commitment.id, intruder, START)


async def test_let_go_action_cancels_everything_about_it(database: Database) -> None:
    w = await world(database)
    async with database.unit_of_work() as session:
        action = await session.get(Action, w.action.id)
        action.state = "let_go"
        await action_changed(session, action, w.group, START)
    rows = await reminder_rows(database, Reminder.action_id == w.action.id)
    assert rows and {r.status for r in rows} == {"cancelled"}


async def test_a_change_nobody_reported_is_caught_when_due(database: Database) -> None:
    w = await world(database)
    async with database.unit_of_work() as session:
        commitment = await session.get(Commitment, w.commitment.id)
        commitment.status = "released"  # without commitment_changed
    sender = FakeSender()
    report = await tick(database, sender, utc(2026, 12, 4, 9, 0))
    assert sender.sent == [] and report.cancelled == 1


# ---------------------------------------------------------------- crashes, limits and failures


class Crash(BaseException):
    """The process dies in the middle of a tick."""


async def test_restart_in_the_middle_of_a_tick_sends_everything_once(database: Database) -> None:
    async with database.unit_of_work() as session:
        group = make_group()
        session.add(group)
        await session.flush()
        for i in range(5):
            session.add(Reminder(key=f"outgoing:crash:{i}", kind="outgoing", group_id=group.id,
                                 due_at=START, status="pending", attempts=0, created_at=START,
                                 payload=reminders.encode_outgoing(
                                     Outgoing(None, group.id, Reply("reminders-resumed")))))
    delivered: list[int] = []

    class CrashingSender(FakeSender):
        async def send(self, address, reply, lang):
            if len(delivered) == 2:
                raise Crash()
            await super().send(address, reply, lang)
            delivered.append(1)

    with pytest.raises(Crash):
        await tick(database, CrashingSender(), START)
    rows = await reminder_rows(database)
    # What went out is written down even as the tick dies; the rest stays claimed.
    assert sorted(r.status for r in rows) == ["claimed", "claimed", "claimed", "sent", "sent"]

    sender = FakeSender()
    await tick(database, sender, START + timedelta(minutes=1))  # the lease still holds
    assert sender.sent == []
    await tick(database, sender, START + LEASE)
    assert len(sender.sent) == 3
    assert {r.status for r in await reminder_rows(database)} == {"sent"}


async def test_at_most_twenty_messages_a_minute_to_one_group(database: Database) -> None:
    async with database.unit_of_work() as session:
        group = make_group()
        other = make_group(-1002)
        session.add_all([group, other])
        await session.flush()
        for i in range(25):
            for g in (group, other) if i < 3 else (group,):
                session.add(Reminder(key=f"outgoing:many:{g.id}:{i}", kind="outgoing", group_id=g.id,
                                     due_at=START, status="pending", attempts=0, created_at=START,
                                     payload=reminders.encode_outgoing(
                                         Outgoing(None, g.id, Reply("reminders-resumed")))))
    sender = FakeSender()
    report = await tick(database, sender, START)
    assert (len(sender.to(-1001)), len(sender.to(-1002))) == (GROUP_MESSAGES_PER_MINUTE, 3)
    assert report.deferred == 5
    # The next tick in the same minute still respects what was sent.
    await tick(database, sender, START + timedelta(seconds=30))
    assert len(sender.to(-1001)) == 20
    await tick(database, sender, START + timedelta(minutes=1))
    assert len(sender.to(-1001)) == 25


async def test_429_waits_retry_after_and_is_not_an_attempt(database: Database) -> None:
    await world(database)
    sender = FakeSender(fail={102: [RetryLater(30)]})
    report = await tick(database, sender, utc(2026, 12, 4, 9, 0))
    assert report.retried == 1 and sender.sent == []
    [due] = await reminder_rows(database, Reminder.kind == "due")
    assert (due.status, due.due_at, due.attempts) == ("pending", utc(2026, 12, 4, 9, 0, 30), 0)
    assert due.last_error.startswith("429")
    await tick(database, sender, utc(2026, 12, 4, 9, 0, 29))
    assert sender.sent == []
    await tick(database, sender, utc(2026, 12, 4, 9, 0, 30))
    assert len(sender.sent) == 1


async def test_403_in_private_marks_unreachable_and_falls_back_to_the_group(database: Database) -> None:
    w = await world(database)
    sender = FakeSender(fail={102: [Blocked("Forbidden: bot was blocked by the user")]})
    await tick(database, sender, utc(2026, 12, 4, 9, 0))
    [message] = sender.sent
    assert message.address == Address("group", -1001) and ">Ben</a>" in message.text
    async with database.sessionmaker() as session:
        assert (await session.get(Member, w.ben.id)).unreachable is True
    [due] = await reminder_rows(database, Reminder.kind == "due")
    assert (due.status, due.channel) == ("sent", "group")


async def test_403_in_the_group_makes_it_inactive(database: Database) -> None:
    w = await world(database, ben_started=False)
    sender = FakeSender(fail={-1001: [Blocked("Forbidden: bot was kicked from the supergroup chat")]})
    await tick(database, sender, utc(2026, 12, 4, 9, 0))
    async with database.sessionmaker() as session:
        assert (await session.get(Group, w.group.id)).active is False
    [due] = await reminder_rows(database, Reminder.kind == "due")
    # Ben cannot be reached privately either: failed, for the coordinator to see.
    assert due.status == "failed" and "403" in due.last_error


async def test_other_errors_back_off_and_fail_after_five_attempts(database: Database) -> None:
    await world(database)
    sender = FakeSender(fail={102: [DeliveryFailed("NetworkError: timed out")] * 5})
    moment = utc(2026, 12, 4, 9, 0)
    waits = []
    for _ in range(5):
        await tick(database, sender, moment)
        [due] = await reminder_rows(database, Reminder.kind == "due")
        waits.append(due.due_at - moment)
        moment = due.due_at
    assert waits[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert (due.status, due.attempts, due.last_error) == ("failed", 5, "telegram: NetworkError: timed out")
    await tick(database, sender, moment + timedelta(hours=1))
    assert sender.sent == [] and sender.attempts == 5
