"""Benchmark (a script, not a test): updates per second through ``Application.process_update``.

Every row feeds real update JSON, one update after the other (as PTB does without concurrent updates),
into an Application whose HTTP layer is the test suite's fake Bot API, with the rate limiter off:

- ``floor``   a bare python-telegram-bot Application with one ``/start`` handler replying "hoi";
- ``stack``   the same plus one SQLAlchemy session per update that upserts the user and commits
              (what any durable bot pays per update; the reference that counts);
- ``/start``  Brug, a member who started the bot before sends ``/start`` privately;
- ``👍 Steun`` Brug, a member presses 👍 Steun on a proposal card (support added, then withdrawn, ...);
- ``/mijn``   Brug, a member with five open commitments asks for them (one heading + five messages).

For each database (SQLite file with WAL and synchronous=NORMAL, as ``storage.db`` configures it; and
PostgreSQL in a schema of its own when a URL is given) it prints updates/s, p50/p99 per update in ms and
the rate as a share of the stack's. Goal (issue 8): Brug's /start and button press at least half the
stack's rate, p99 under 20 ms.

    python bench/throughput.py                                    # SQLite, + PostgreSQL if the env has a URL
    python bench/throughput.py --postgres postgresql+asyncpg://postgres@127.0.0.1:5432/test
    python bench/throughput.py --updates 200 --profile start      # cProfile of Brug's /start path
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import os
import pstats
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import common  # noqa: F401 - puts the project on sys.path
from common import (
    START,
    TOKEN,
    QuietTelegram,
    add_database_arguments,
    brug,
    database_kinds,
    machine,
    scratch_database,
    summary_ms,
    table,
)
from sqlalchemy import BigInteger, Column, DateTime, MetaData, String, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import async_sessionmaker
from telegram import Update
from telegram.ext import ApplicationBuilder, CommandHandler

from bot.domain.clock import FixedClock
from storage.db import Database
from tests.action_steps import card_call, make_cast, write_proposal
from tests.harness import BotHarness, UpdateFactory, User

SCENARIOS = ("floor", "stack", "start", "support", "mijn")
LABELS = {"floor": "floor: bare PTB", "stack": "stack: PTB + upsert", "start": "Brug /start",
          "support": "Brug 👍 Steun", "mijn": "Brug /mijn (5 open)"}


@dataclass
class Result:
    database: str
    scenario: str
    samples: list[float]
    elapsed: float

    @property
    def rate(self) -> float:
        return len(self.samples) / self.elapsed


async def timed(
    process: Callable[[Update], Awaitable[None]], updates: list[Update], profile: bool = False
) -> tuple[list[float], float]:
    """Feed ``updates`` one by one; per-update durations and the total time."""
    samples = []
    profiler = Profiler(profile)
    gc.collect()
    started = time.perf_counter()
    profiler.start()
    for update in updates:
        before = time.perf_counter()
        await process(update)
        samples.append(time.perf_counter() - before)
    profiler.stop()
    return samples, time.perf_counter() - started


class Profiler:
    """pyinstrument when it is installed (wall time, waits on the database included), else cProfile."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.sampler: Any = None

    def start(self) -> None:
        if not self.enabled:
            return
        try:
            import pyinstrument
        except ImportError:
            self.sampler = cProfile.Profile()
            self.sampler.enable()
            return
        # Sample the whole thread: time spent waiting for the database shows as the await that waits.
        self.sampler = pyinstrument.Profiler(interval=0.0005, async_mode="disabled")
        self.sampler.start()

    def stop(self) -> None:
        if self.sampler is None:
            return
        if isinstance(self.sampler, cProfile.Profile):
            self.sampler.disable()
            out = io.StringIO()
            pstats.Stats(self.sampler, stream=out).sort_stats("tottime").print_stats(40)
            print(out.getvalue())
            return
        self.sampler.stop()
        print(self.sampler.output_text(unicode=False, color=False, show_all=bool(os.environ.get("BENCH_PROFILE_ALL"))))


# ---------------------------------------------------------------- the references


users = MetaData()
# The stack's one table: what a durable bot keeps about a user at the least.
bench_users = Table(
    "bench_users", users,
    Column("telegram_user_id", BigInteger, primary_key=True),
    Column("first_name", String(256), nullable=False),
    Column("language_code", String(16)),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)


def private_starts(factory: UpdateFactory, bot, count: int, user: User) -> list[Update]:
    return [Update.de_json(factory.message(user, user, "/start"), bot) for _ in range(count)]


async def reference(kind: str, db: Database, count: int, warmup: int, profile: bool) -> tuple[list[float], float]:
    """The floor (bare PTB) or the stack (bare PTB + one upsert and commit per update)."""
    telegram = QuietTelegram()
    application = ApplicationBuilder().token(TOKEN).request(telegram).get_updates_request(telegram).build()
    sessions = async_sessionmaker(db.engine, expire_on_commit=False)
    upsert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert

    async def hoi(update: Update, context: Any) -> None:
        await update.effective_message.reply_text("hoi")

    async def hoi_with_user(update: Update, context: Any) -> None:
        user = update.effective_user
        async with sessions() as session:
            statement = upsert(bench_users).values(
                telegram_user_id=user.id, first_name=user.first_name,
                language_code=user.language_code, seen_at=START,
            )
            await session.execute(statement.on_conflict_do_update(
                index_elements=[bench_users.c.telegram_user_id],
                set_={"first_name": statement.excluded.first_name, "seen_at": statement.excluded.seen_at},
            ))
            await session.commit()
        await update.effective_message.reply_text("hoi")

    if kind == "stack":
        async with db.engine.begin() as connection:
            await connection.run_sync(users.create_all)
    application.add_handler(CommandHandler("start", hoi_with_user if kind == "stack" else hoi))
    await application.initialize()
    try:
        user = User(201, "Anna")
        telegram.started_users.add(user.id)
        factory = UpdateFactory(FixedClock(START))
        for update in private_starts(factory, application.bot, warmup, user):
            await application.process_update(update)
        telegram.forget()
        return await timed(application.process_update, private_starts(factory, application.bot, count, user), profile)
    finally:
        await application.shutdown()


# ---------------------------------------------------------------- Brug


@dataclass
class Stage:
    """A Brug with a group, five proposals and a member with five open commitments."""

    bot: BotHarness
    carla: User  # presses 👍 Steun
    dirk: User  # has five open commitments
    card: dict  # the first proposal's card in the group

    def start_updates(self, count: int) -> list[Update]:
        return private_starts(self.bot.updates, self.bot.app.bot, count, self.dirk)

    def support_updates(self, count: int) -> list[Update]:
        data = next(b["callback_data"] for row in self.card["reply_markup"]["inline_keyboard"]
                    for b in row if b.get("callback_data", "").startswith("a:sup:"))
        message = self.bot._message_json(self.card)
        return [Update.de_json(self.bot.updates.callback(self.carla, message, data), self.bot.app.bot)
                for _ in range(count)]

    def mijn_updates(self, count: int) -> list[Update]:
        return [Update.de_json(self.bot.updates.message(self.dirk, self.dirk, "/mijn"), self.bot.app.bot)
                for _ in range(count)]


async def stage(bot: BotHarness) -> Stage:
    """Through the bot's own flows: a cast in a group, five proposals, Dirk joins each one."""
    cast = await make_cast(bot)
    titles = ["Soep koken voor de straat", "Wandelen op dinsdag", "Samen de tuin wieden",
              "Boekenkast bij de ingang", "Koffie-ochtend in de hal"]
    actions = [await write_proposal(bot, cast, title) for title in titles]
    for action in actions:
        await bot.press(cast.dirk, card_call(bot, cast, action), cast.label("join"))
        await bot.press(cast.dirk, bot.telegram.last("sendMessage", cast.dirk.id), cast.label("plain"))
        # Plain joining of a dated action is on the action's day: noted at once, no "wanneer?".
        noted = bot.telegram.last("sendMessage", cast.dirk.id).text
        assert f"<b>{action.title}</b> op zaterdag 5 december" in noted, f"Dirk's join was not noted: {noted}"
    await bot.say(cast.dirk, cast.dirk, "/mijn")
    listed = bot.texts(cast.dirk.id)[-6:]
    assert "(5)" in listed[0], f"Dirk should have five open commitments: {listed[0]}"
    return Stage(bot, cast.carla, cast.dirk, card_call(bot, cast, actions[0]))


async def measure_brug(
    db: Database, scenarios: list[str], count: int, warmup: int, profile: str | None
) -> dict[str, tuple[list[float], float]]:
    results = {}
    async with brug(db) as bot:
        staged = await stage(bot)
        makers = {"start": staged.start_updates, "support": staged.support_updates, "mijn": staged.mijn_updates}
        for scenario in scenarios:
            for update in makers[scenario](warmup):
                await bot.app.process_update(update)
            bot.telegram.forget()
            results[scenario] = await timed(bot.app.process_update, makers[scenario](count), profile == scenario)
            failures = [c for c in bot.telegram.calls if "_error" in c.params]
            assert not failures, f"{scenario}: the fake Bot API refused {failures[:2]}"
            bot.telegram.forget()
    return results


async def run(args: argparse.Namespace) -> list[Result]:
    results: list[Result] = []
    for kind in database_kinds(args):
        for scenario in ("floor", "stack"):
            if scenario in args.scenarios:
                async with scratch_database(kind, args.postgres, migrate=False) as db:
                    samples, elapsed = await reference(scenario, db, args.updates, args.warmup,
                                                       args.profile == scenario)
                results.append(Result(kind, scenario, samples, elapsed))
        mine = [s for s in args.scenarios if s not in ("floor", "stack")]
        if mine:
            async with scratch_database(kind, args.postgres) as db:
                measured = await measure_brug(db, mine, args.updates, args.warmup, args.profile)
            results += [Result(kind, s, *measured[s]) for s in mine]
    return results


def report(results: list[Result]) -> str:
    rows = []
    for result in results:
        stack = next((r for r in results if r.database == result.database and r.scenario == "stack"), None)
        p50, p99, mean = summary_ms(result.samples)
        share = f"{result.rate / stack.rate:.2f}" if stack else "-"
        rows.append([result.database, LABELS[result.scenario], len(result.samples), result.rate,
                     p50, p99, mean, share])
    return table(["database", "scenario", "updates", "updates/s", "p50 ms", "p99 ms", "mean ms",
                  "× stack"], rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=2000, help="measured updates per row")
    parser.add_argument("--warmup", type=int, default=100, help="updates fed before measuring")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument("--profile", choices=SCENARIOS, help="print a cProfile of one scenario")
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    print(f"# throughput, {machine()}")
    print(report(asyncio.run(run(args))))


if __name__ == "__main__":
    main()
