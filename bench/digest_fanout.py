"""Benchmark (a script, not a test): the Monday digest for 1,000 groups, on a simulated clock.

Seeds ``--groups`` groups (five members each, a new proposal and a running action with an open
commitment, so that every group has something to say), plans their weekly digest with
``bot.domain.reminders.plan_missing_digests`` and then plays the scheduler as the bot's JobQueue runs it: a
tick every ``tick_seconds`` (10 s), one tick at a time (a run that falls while a tick still sends is
skipped, APScheduler's ``max_instances=1, coalesce=True``), each tick ``bot.domain.scheduler.tick`` with its
default limit of rows.

The sender is a simulated Telegram: it renders each message as ``TelegramSender`` does, checks it as the
fake Bot API does (HTML, length), and paces it as python-telegram-bot's ``AIORateLimiter`` does with its
defaults (two leaky buckets: 30 messages per second overall, 20 per minute per group), advancing the
simulated clock instead of sleeping. Telegram's side is modelled by the same two limits; a message over
them would be a 429 (and is counted, and handed back as ``RetryLater``). The clock also advances by the
real time each tick spends working, so slow Python shows up in the simulated time.

Reported: the simulated time from the first tick until every digest was delivered, against the ideal
(what the limits allow: ``groups / 30`` s, since each group gets one message), the number of ticks, 429s,
the largest number of messages in any sliding one-second window, and the real time the ticks took.

    python bench/digest_fanout.py                          # SQLite, + PostgreSQL if the env has a URL
    python bench/digest_fanout.py --groups 100 --no-sqlite --postgres postgresql+asyncpg://...

Goal (issue 8): the simulated send time within 10 % of the ideal, zero 429s.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import common  # noqa: F401 - puts the project on sys.path
from common import add_database_arguments, database_kinds, group_row, machine, scratch_database, table
from sqlalchemy import func, select

from bot.domain.i18n import translator
from bot.domain.messages import Reply
from bot.domain.reminders import DIGEST, plan_missing_digests
from bot.domain.scheduler import tick
from bot.domain.transport import Address, DeliveryFailed, RetryLater
from bot.domain.rendering import fit, render_text
from storage.db import Database
from storage.models import Action, Commitment, Member, Membership, Reminder
from tests.fake_telegram import TelegramHTMLError, visible_text

# Sunday 6 December 2026, 20:00 UTC: the digests are planned; Monday 7 December 09:00 Amsterdam they are due.
PLANNED_AT = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)
DUE = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
OVERALL_PER_SECOND = 30
GROUP_PER_MINUTE = 20
TICK_SECONDS = 10.0
MEMBERS_PER_GROUP = 5


class SimulatedClock:
    """Simulated waits plus the real time spent working: what a wall clock would show in production."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.waited = 0.0
        self.real_start = time.perf_counter()

    def seconds(self) -> float:
        return self.waited + (time.perf_counter() - self.real_start)

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds())

    def sleep(self, seconds: float) -> None:
        self.waited += max(0.0, seconds)


@dataclass
class LeakyBucket:
    """aiolimiter's ``AsyncLimiter`` (what ``AIORateLimiter`` uses): ``rate`` per ``period``, bursts of ``rate``."""

    rate: float
    period: float
    level: float = 0.0
    last: float = 0.0

    def _leak(self, at: float) -> None:
        self.level = max(0.0, self.level - (at - self.last) * self.rate / self.period)
        self.last = at

    def wait(self, at: float) -> float:
        """Seconds until one more fits."""
        self._leak(at)
        excess = self.level + 1 - self.rate
        return 0.0 if excess <= 0 else excess * self.period / self.rate

    def take(self, at: float) -> bool:
        self._leak(at)
        if self.level + 1 > self.rate + 1e-9:
            return False
        self.level += 1
        return True


@dataclass
class SimulatedTelegram:
    """A ``bot.domain.transport.Sender``: paced like ``AIORateLimiter``, checked like Telegram's limits."""

    clock: SimulatedClock
    latency: float = 0.0
    translator: object = field(default_factory=translator)
    pace_overall: LeakyBucket = field(default_factory=lambda: LeakyBucket(OVERALL_PER_SECOND, 1))
    pace_group: dict = field(default_factory=lambda: defaultdict(lambda: LeakyBucket(GROUP_PER_MINUTE, 60)))
    limit_overall: LeakyBucket = field(default_factory=lambda: LeakyBucket(OVERALL_PER_SECOND, 1))
    limit_group: dict = field(default_factory=lambda: defaultdict(lambda: LeakyBucket(GROUP_PER_MINUTE, 60)))
    sent_at: list = field(default_factory=list)
    per_chat: Counter = field(default_factory=Counter)
    too_many: int = 0

    async def send(self, address: Address, reply: Reply, lang: str) -> None:
        text = fit(str(render_text(self.translator, reply, lang)))
        try:
            shown = visible_text(text, "HTML")
        except TelegramHTMLError as exc:
            raise DeliveryFailed(f"400: {exc}") from exc
        if len(shown) > 4096:
            raise DeliveryFailed("400: message is too long")
        # AIORateLimiter: the group limiter (negative chat ids), then the overall one.
        is_group = address.chat_id < 0
        at = self.clock.seconds()
        if is_group:
            self.clock.sleep(self.pace_group[address.chat_id].wait(at))
            at = self.clock.seconds()
            self.pace_group[address.chat_id].take(at)
        self.clock.sleep(self.pace_overall.wait(at))
        at = self.clock.seconds()
        self.pace_overall.take(at)
        # Telegram receives it half a round trip after the limiter let it go, and checks its limits
        # (at that exact moment: the model has no jitter).
        at += self.latency / 2
        self.clock.sleep(self.latency / 2)
        if not self.limit_overall.take(at) or (is_group and not self.limit_group[address.chat_id].take(at)):
            self.too_many += 1
            raise RetryLater(1.0, "429: Too Many Requests: retry after 1")
        self.sent_at.append(at)
        self.per_chat[address.chat_id] += 1
        self.clock.sleep(self.latency / 2)

    async def edit(self, address: Address, message_id: int, reply: Reply, lang: str) -> None:
        """Paced and limited like a message (Telegram counts edits against the same limits)."""
        await self.send(address, reply, lang)

    def busiest_second(self) -> int:
        window: deque[float] = deque()
        busiest = 0
        for moment in self.sent_at:
            window.append(moment)
            while window[0] <= moment - 1.0:
                window.popleft()
            busiest = max(busiest, len(window))
        return busiest


async def seed(db: Database, groups: int) -> None:
    """Groups with members, a new proposal and a running action with an open commitment each."""
    now = PLANNED_AT - timedelta(days=2)
    async with db.unit_of_work() as session:
        group_rows = [group_row(-100_000_000 - i, f"Buurtgroep {i}", now) for i in range(groups)]
        members = [
            Member(telegram_user_id=1_000_000 + i, first_name=f"Buur {i}", has_private_chat=i % 3 == 0,
                   unreachable=False, reminder_lead_days=1, reminder_hour=10, created_at=now, updated_at=now)
            for i in range(groups * MEMBERS_PER_GROUP)
        ]
        session.add_all(group_rows + members)
        await session.flush()
        session.add_all([
            Membership(group_id=group_rows[i // MEMBERS_PER_GROUP].id, member_id=m.id, is_admin=False,
                       is_appointed_coordinator=False, first_seen_at=now, last_seen_at=now)
            for i, m in enumerate(members)
        ])
        actions = []
        for i, group in enumerate(group_rows):
            proposer = members[i * MEMBERS_PER_GROUP]
            for state, title in (("proposed", "Soep koken voor de straat"), ("running", "Samen de tuin wieden")):
                actions.append(Action(
                    group_id=group.id, proposer_id=proposer.id, title=title, state=state,
                    decision_deadline=now + timedelta(days=7), due_on=date(2026, 12, 12),
                    last_activity_at=now, created_at=now, updated_at=now,
                ))
        session.add_all(actions)
        await session.flush()
        session.add_all([
            Commitment(action_id=action.id, member_id=members[(i // 2) * MEMBERS_PER_GROUP + 1].id,
                       what="pannen meenemen", due_on=date(2026, 12, 12), status="open",
                       created_at=now, updated_at=now)
            for i, action in enumerate(actions) if action.state == "running"
        ])
    async with db.unit_of_work() as session:
        await plan_missing_digests(session, PLANNED_AT)


@dataclass
class Outcome:
    database: str
    groups: int
    digests: int
    simulated: float
    ticks: int
    too_many: int
    busiest: int
    busiest_group_minute: int
    real_seconds: float
    deferred: int

    @property
    def ideal(self) -> float:
        # One digest per group: the overall limit binds (each group's single message is far under 20/min).
        return self.digests / OVERALL_PER_SECOND


async def fan_out(db: Database, label: str, groups: int, latency: float, limit: int | None) -> Outcome:
    await seed(db, groups)
    async with db.sessionmaker() as session:
        planned = await session.scalar(
            select(func.count()).select_from(Reminder).where(Reminder.kind == DIGEST, Reminder.due_at <= DUE)
        )
    assert planned == groups, f"expected {groups} digests due Monday, found {planned}"
    clock = SimulatedClock(DUE)
    sender = SimulatedTelegram(clock, latency=latency)
    ticks, deferred, real = 0, 0, 0.0
    kwargs = {"limit": limit} if limit else {}
    while True:
        started_real = time.perf_counter()
        report = await tick(db, sender, clock.now(), **kwargs)
        real += time.perf_counter() - started_real
        ticks += 1
        deferred += report.deferred
        if report.claimed == 0 or sum(sender.per_chat.values()) >= groups:
            if sum(sender.per_chat.values()) >= groups:
                finished = max(sender.sent_at)
                break
        if ticks > 10_000:
            raise RuntimeError("the digests never finished")
        # The next JobQueue run: the first multiple of tick_seconds after this tick ended.
        elapsed = clock.seconds()
        clock.sleep(math.floor(elapsed / TICK_SECONDS + 1) * TICK_SECONDS - elapsed)
    return Outcome(
        database=label, groups=groups, digests=sum(sender.per_chat.values()), simulated=finished,
        ticks=ticks, too_many=sender.too_many, busiest=sender.busiest_second(),
        busiest_group_minute=max(sender.per_chat.values()), real_seconds=real, deferred=deferred,
    )


async def run(args: argparse.Namespace) -> list[Outcome]:
    outcomes = []
    for kind in database_kinds(args):
        async with scratch_database(kind, args.postgres) as db:
            outcomes.append(await fan_out(db, kind, args.groups, args.latency_ms / 1000, args.limit))
    return outcomes


def report(outcomes: list[Outcome], latency_ms: float) -> str:
    rows = [
        [o.database, o.groups, o.digests, o.simulated, o.ideal, f"{o.simulated / o.ideal - 1:+.1%}",
         o.ticks, o.too_many, o.busiest, o.busiest_group_minute, o.real_seconds]
        for o in outcomes
    ]
    return table(
        ["database", "groups", "digests sent", "simulated s", "ideal s", "vs ideal", "ticks", "429s",
         "max msgs in 1 s", "max per group", "real s in ticks"],
        rows,
    ) + f"\n(simulated round trip per message: {latency_ms:g} ms)"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=0.0,
                        help="simulated round trip to Telegram per message (0: the limits alone)")
    parser.add_argument("--limit", type=int, help="rows per tick (default: bot.scheduler's)")
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    print(f"# digest fan-out, {machine()}")
    print(report(asyncio.run(run(args)), args.latency_ms))


if __name__ == "__main__":
    main()
