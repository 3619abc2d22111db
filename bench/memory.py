"""Benchmark (a script, not a test): the memory of one Brug process after an hour of simulated traffic.

Seeds ``--groups`` groups (1,000) and ``--members`` members (20,000, spread evenly over the groups),
then feeds ``--updates`` updates into the real Application (fake Bot API, rate limiter off) from members
picked at random (fixed seed), while a controlled clock moves through one hour. Every
``--reminder-every`` simulated seconds the reminders tick runs too, as the JobQueue would. The update mix:

- 40 %  ``/acties`` in the member's group (a group command: the group, the membership, a list);
- 25 %  ``/start`` privately;
- 20 %  ``/mijn`` privately;
- 15 %  ``/help`` in the group.

RSS (``VmRSS`` of this process, after a garbage collection) is sampled along the way. The fake Bot API
forgets the messages it "sent" at each sample: they live in the fake Telegram, not in Brug.

    python bench/memory.py                               # SQLite, + PostgreSQL if the env has a URL
    python bench/memory.py --groups 50 --members 500 --updates 500

Goal (issue 8): under 150 MB and not growing.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import time
from datetime import timedelta

import common  # noqa: F401 - puts the project on sys.path
from common import START, add_database_arguments, brug, database_kinds, machine, scratch_database, table
from sqlalchemy import insert
from telegram import Update

from bot.domain.clock import FixedClock
from bot.domain.scheduler import tick
from storage.db import Database
from storage.models import Group, Member, Membership
from tests.harness import GroupChat, User

HOUR = 3600.0


def rss_mb() -> float:
    """Resident set size of this process in MiB (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def seed(db: Database, groups: int, members: int) -> None:
    """Groups, members and their memberships, in bulk (the bot meets them as they talk)."""
    now = START - timedelta(days=30)
    group_rows = [
        dict(id=g + 1, telegram_chat_id=-100_000_000 - g, title=f"Buurtgroep {g}", active=True,
             language="nl", timezone="Europe/Amsterdam", support_threshold=3, decision_days=7,
             max_action_days=28, stale_days=7, digest_weekday=0, digest_hour=9, quiet_start_hour=21,
             quiet_end_hour=9, created_at=now, updated_at=now)
        for g in range(groups)
    ]
    member_rows = [
        dict(id=m + 1, telegram_user_id=2_000_000 + m, first_name=f"Buur {m}", has_private_chat=True,
             unreachable=False, reminder_lead_days=1, reminder_hour=10, created_at=now, updated_at=now)
        for m in range(members)
    ]
    membership_rows = [
        dict(group_id=m % groups + 1, member_id=m + 1, is_admin=False, is_appointed_coordinator=False,
             first_seen_at=now, last_seen_at=now)
        for m in range(members)
    ]
    async with db.unit_of_work() as session:
        for model, rows in ((Group, group_rows), (Member, member_rows), (Membership, membership_rows)):
            for start in range(0, len(rows), 5000):
                await session.execute(insert(model.__table__), rows[start : start + 5000])
    if db.engine.dialect.name == "postgresql":
        async with db.engine.begin() as connection:
            for name in ("groups", "members"):
                await connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
                )


class NoSender:
    """The reminders' sender in this run: nothing is due, so nothing should arrive."""

    async def send(self, address, reply, lang) -> None:
        raise AssertionError(f"nothing should be due in this run, got {reply.message}")

    async def edit(self, address, message_id, reply, lang) -> None:
        await self.send(address, reply, lang)


async def traffic(db: Database, args: argparse.Namespace) -> list[tuple[int, float, float]]:
    """Feed the updates; (updates so far, simulated minutes, RSS MiB) at each sample."""
    clock = FixedClock(START)
    chance = random.Random(8)
    samples = []
    step = HOUR / args.updates
    next_tick = args.reminder_every
    async with brug(db, clock) as bot:
        telegram = bot.telegram
        telegram.started_users.update(2_000_000 + m for m in range(args.members))
        every = max(1, args.updates // args.samples)
        gc.collect()
        samples.append((0, 0.0, rss_mb()))
        for n in range(1, args.updates + 1):
            m = chance.randrange(args.members)
            user = User(2_000_000 + m, f"Buur {m}")
            group = GroupChat(-100_000_000 - (m % args.groups), f"Buurtgroep {m % args.groups}")
            roll = chance.random()
            if roll < 0.40:
                update = bot.updates.message(group, user, "/acties")
            elif roll < 0.65:
                update = bot.updates.message(user, user, "/start")
            elif roll < 0.85:
                update = bot.updates.message(user, user, "/mijn")
            else:
                update = bot.updates.message(group, user, "/help")
            await bot.app.process_update(Update.de_json(update, bot.app.bot))
            clock.advance(seconds=step)
            if n * step >= next_tick:
                await tick(db, NoSender(), clock.now())
                next_tick += args.reminder_every
            if n % every == 0:
                failures = [c for c in telegram.calls if "_error" in c.params]
                assert not failures, f"the fake Bot API refused {failures[:2]}"
                telegram.forget()
                telegram.messages.clear()
                gc.collect()
                samples.append((n, n * step / 60, rss_mb()))
    return samples


async def run(args: argparse.Namespace) -> list[tuple[str, list, float]]:
    results = []
    for kind in database_kinds(args):
        async with scratch_database(kind, args.postgres) as db:
            await seed(db, args.groups, args.members)
            started = time.perf_counter()
            samples = await traffic(db, args)
            results.append((kind, samples, time.perf_counter() - started))
    return results


def report(results: list[tuple[str, list, float]], args: argparse.Namespace) -> str:
    lines = []
    for kind, samples, seconds in results:
        rows = [[kind, n, minutes, rss] for n, minutes, rss in samples]
        lines.append(table(["database", "updates fed", "simulated minutes", "RSS MiB"], rows))
        half = samples[len(samples) // 2][2]
        lines.append(
            f"{kind}: {args.groups:,} groups, {args.members:,} members, {args.updates:,} updates in "
            f"{seconds:.0f} s real; peak RSS {max(s[2] for s in samples):.1f} MiB, "
            f"second half {samples[-1][2] - half:+.1f} MiB"
        )
    return "\n\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--updates", type=int, default=6_000, help="updates spread over one simulated hour")
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--reminder-every", type=float, default=10.0, help="simulated seconds between ticks")
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    print(f"# memory, {machine()}")
    print(report(asyncio.run(run(args)), args))


if __name__ == "__main__":
    main()
