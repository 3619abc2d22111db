"""Benchmark (a script, not a test): chats side by side, and workers side by side (issue 16).

``flood``    One group floods Brug with ``/help`` (60 at once) while 15 other chats (10 private, 5 groups)
             each send an update, wait for the answer, pause 0.5-1.5 s and go again, for ``--seconds``.
             The rate limiter is ON and real: 20 messages a minute per group, 30 a second overall.
             Latency of the other chats' answers (update in → reply out), before (one update at a
             time, PTB's default) and now (per-chat lanes, each update through the inbox).
``workers``  PostgreSQL only: ``--updates`` updates over 100 group chats stored in the inbox, then one or
             two ``brug run --worker``-like processes (the real Brug on the fake Bot API, rate limiter
             off) handle them all; updates/s and each worker's resident memory (RSS).

    python bench/chats.py                                   # flood on SQLite (+ PostgreSQL and workers
                                                            #   when the env has a URL)
    python bench/chats.py --postgres postgresql+asyncpg://postgres@127.0.0.1:5432/test
    python bench/chats.py --only workers --updates 4000
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing
import random
import resource
import time
from collections import defaultdict
from typing import Any

import common  # noqa: F401 - puts the project on sys.path
from common import (
    START,
    QuietTelegram,
    add_database_arguments,
    brug,
    database_kinds,
    machine,
    percentile,
    rss_mib,
    scratch_database,
    table,
)
from sqlalchemy import text
from telegram import Update
from telegram.ext import SimpleUpdateProcessor

from bot.domain.clock import FixedClock
from bot.road.inbox import Inbox
from storage.db import Database
from tests.harness import User

FLOOD = 60
PRIVATE_CHATS = 10
OTHER_GROUPS = 5


# ---------------------------------------------------------------- flood


class TimedTelegram(QuietTelegram):
    """The fake Bot API, noting when each chat was sent a message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.replies: dict[int, int] = defaultdict(int)
        self.news: dict[int, asyncio.Event] = defaultdict(asyncio.Event)

    async def answer(self, api_method: str, params: dict[str, Any], uploads: Any) -> tuple[int, bytes]:
        result = await super().answer(api_method, params, uploads)
        if api_method == "sendMessage":
            chat_id = int(params["chat_id"])
            self.replies[chat_id] += 1
            self.news[chat_id].set()
        self.calls.clear()
        return result


async def flood_run(kind: str, postgres: str | None, mode: str, seconds: float) -> dict[str, Any]:
    async with scratch_database(kind, postgres) as db:
        clock = FixedClock(START)
        telegram = TimedTelegram(clock=clock.now)
        async with brug(db, clock, rate_limiter=True, durable=mode == "now", telegram=telegram) as bot:
            if mode == "before":
                bot.app._update_processor = SimpleUpdateProcessor(1)  # PTB's default: one at a time
            await bot.app.start()
            inbox = bot.app.bot_data["services"].inbox

            async def intake(update_json: dict) -> None:
                if inbox is not None:
                    await inbox.receive(update_json)
                else:
                    await bot.app.update_queue.put(Update.de_json(update_json, bot.app.bot))

            people = [bot.user(300 + i, f"Lid{i}", started=True) for i in range(PRIVATE_CHATS + 1)]
            flooder = people[-1]
            flooding = bot.group(-3000, "De Stormloop", admins=[flooder])
            groups = [bot.group(-3001 - i, f"Groep {i}", admins=[people[i]]) for i in range(OTHER_GROUPS)]
            # Warm up: every chat has talked to Brug once (members and groups stored, statements cached).
            for chat, user in [*((p, p) for p in people), *zip(groups, people), (flooding, flooder)]:
                await bot.app.process_update(Update.de_json(bot.updates.message(chat, user, "/help"), bot.app.bot))
            for _ in range(FLOOD):
                await intake(bot.updates.message(flooding, flooder, "/help"))
            await asyncio.sleep(0.5)  # the flood's answers go out until the group's budget is spent
            flood_answers_at_start = telegram.replies[flooding.id]

            samples: list[float] = []
            unanswered = 0
            loop = asyncio.get_running_loop()
            end = loop.time() + seconds

            jitter = random.Random(16)

            async def client(chat: Any, user: User, command: str) -> None:
                nonlocal unanswered
                await asyncio.sleep(jitter.random())  # chats talk independently, not in step
                while loop.time() < end:
                    before = telegram.replies[chat.id]
                    news = telegram.news[chat.id]
                    news.clear()
                    started = time.perf_counter()
                    await intake(bot.updates.message(chat, user, command))
                    if telegram.replies[chat.id] == before:
                        try:
                            await asyncio.wait_for(news.wait(), max(0.0, end + 2 - loop.time()))
                        except TimeoutError:
                            pass
                    if telegram.replies[chat.id] == before:
                        unanswered += 1
                        return
                    samples.append(time.perf_counter() - started)
                    await asyncio.sleep(0.5 + jitter.random())

            clients = [client(person, person, "/help") for person in people[:PRIVATE_CHATS]]
            clients += [client(group, people[i], "/help") for i, group in enumerate(groups)]
            await asyncio.gather(*clients)
            flood_answers = telegram.replies[flooding.id]
            # Open the flood gate so that stopping does not wait minutes for the paced tail.
            limiter = bot.app.bot.rate_limiter._get_group_limiter(flooding.id)
            limiter.max_rate = limiter._rate_per_sec = 1e9
            limiter._wake_next()
            if mode == "before":
                while not bot.app.update_queue.empty():
                    bot.app.update_queue.get_nowait()
                    bot.app.update_queue.task_done()
    p50, p99 = percentile(samples, 0.5) * 1000, percentile(samples, 0.99) * 1000
    return {"database": kind, "mode": mode, "answered": len(samples), "unanswered": unanswered,
            "p50": p50, "p99": p99, "max": max(samples, default=float("nan")) * 1000,
            "flood": f"{flood_answers_at_start}→{flood_answers}"}


# ---------------------------------------------------------------- workers


def worker_main(url: str, schema: str, name: str, concurrency: int, go: Any, results: Any) -> None:
    asyncio.run(_worker(url, schema, name, concurrency, go, results))


async def _worker(url: str, schema: str, name: str, concurrency: int, go: Any, results: Any) -> None:
    db = Database(url, connect_args={"server_settings": {"search_path": schema}},
                  pool_size=concurrency + 4, max_overflow=4)
    async with brug(db, durable=True, worker_name=name, concurrent_updates=concurrency,
                    inbox_poll_seconds=0.02) as bot:
        # Warm up on a chat of its own (imports, prompts, prepared statements), outside the inbox.
        warm = bot.user(9000 + int(name[1:]), "Warm", started=True)
        bot.updates._update_ids = itertools.count(100_000 * int(name[1:]))  # ids of its own
        for _ in range(20):
            await bot.say(warm, warm, "/help")
        go.wait(60)
        await bot.app.start()
        inbox = bot.app.bot_data["services"].inbox
        while await inbox.waiting():
            await asyncio.sleep(0.02)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        peak = usage.ru_maxrss / 1024
        results.put({"worker": name, "rss": rss_mib(), "peak": peak, "cpu": usage.ru_utime + usage.ru_stime,
                     "busiest": bot.app.update_processor.busiest})
    await db.dispose()


async def workers_run(postgres: str, processes: int, updates: int, chats: int, concurrency: int) -> dict:
    async with scratch_database("postgres", postgres) as db:
        async with db.engine.connect() as connection:
            schema = (await connection.execute(text("SELECT current_schema()"))).scalar_one()
        clock = FixedClock(START)
        batch = []
        for n in range(updates):
            chat = n % chats
            batch.append({"update_id": 1_000_000 + n, "message": {
                "message_id": n + 1, "date": int(START.timestamp()), "text": "/help",
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
                "chat": {"id": -7000 - chat, "type": "supergroup", "title": f"Groep {chat}"},
                "from": {"id": 7000 + chat, "is_bot": False, "first_name": f"Lid{chat}", "language_code": "nl"},
            }})
        inbox = Inbox(db, clock)
        for start in range(0, updates, 1000):
            await inbox.receive_many(batch[start:start + 1000])

        context = multiprocessing.get_context("spawn")
        go, results = context.Event(), context.Queue()
        workers = [
            context.Process(target=worker_main, args=(postgres, schema, f"w{i + 1}", concurrency, go, results))
            for i in range(processes)
        ]
        for worker in workers:
            worker.start()
        await asyncio.sleep(0)
        # Every worker warmed up (its 20 updates in the ledger) before the clock starts.
        while True:
            async with db.engine.connect() as connection:
                warmed = (await connection.execute(text("SELECT count(*) FROM processed_updates"))).scalar_one()
            if warmed >= 20 * processes:
                break
            await asyncio.sleep(0.05)
        go.set()
        started = time.perf_counter()
        while True:
            async with db.engine.connect() as connection:
                left = (await connection.execute(
                    text("SELECT count(*) FROM inbox WHERE status IN ('new', 'claimed')"))).scalar_one()
            if not left:
                break
            await asyncio.sleep(0.01)
        elapsed = time.perf_counter() - started
        loop = asyncio.get_running_loop()
        reports = [await loop.run_in_executor(None, results.get, True, 60) for _ in workers]
        for worker in workers:
            await loop.run_in_executor(None, worker.join, 60)
        async with db.engine.connect() as connection:
            failed = (await connection.execute(text("SELECT count(*) FROM inbox"))).scalar_one()
            handled = (await connection.execute(text("SELECT count(*) FROM processed_updates"))).scalar_one()
    assert failed == 0 and handled == updates + 20 * processes, (failed, handled)
    return {"processes": processes, "updates": updates, "elapsed": elapsed, "rate": updates / elapsed,
            "rss": [round(r["rss"]) for r in sorted(reports, key=lambda r: r["worker"])],
            "cpu": [round(r["cpu"], 1) for r in sorted(reports, key=lambda r: r["worker"])],
            "busiest": [r["busiest"] for r in sorted(reports, key=lambda r: r["worker"])]}


# ---------------------------------------------------------------- main


async def run(args: argparse.Namespace) -> None:
    if "flood" in args.only:
        rows = []
        for kind in database_kinds(args):
            for mode in ("before", "now"):
                rows.append(await flood_run(kind, args.postgres, mode, args.seconds))
        print(f"\n## flood: {FLOOD} × /help in one group, {PRIVATE_CHATS + OTHER_GROUPS} other chats, "
              f"{args.seconds:.0f} s, rate limiter on")
        print(table(
            ["database", "processing", "answered", "unanswered", "p50 ms", "p99 ms", "max ms",
             "flood answers (start→end)"],
            [[r["database"], "one at a time" if r["mode"] == "before" else "per-chat lanes + inbox",
              r["answered"], r["unanswered"], r["p50"], r["p99"], r["max"], r["flood"]] for r in rows],
        ))
    if "workers" in args.only and args.postgres:
        runs: dict[int, list[dict]] = {1: [], 2: []}
        for _ in range(args.repeat):  # alternating, so that a busy moment of the machine hits both
            for processes in (1, 2):
                runs[processes].append(
                    await workers_run(args.postgres, processes, args.updates, args.chats, args.concurrency))
        rows = [max(runs[processes], key=lambda r: r["rate"]) for processes in (1, 2)]
        for row in rows:
            row["all"] = " / ".join(f"{r['rate']:.0f}" for r in runs[row["processes"]])
        print(f"\n## workers: {args.updates} × /help over {args.chats} group chats in the PostgreSQL inbox, "
              f"{args.concurrency} concurrent updates per worker, best of {args.repeat}")
        one = rows[0]["rate"]
        print(table(
            ["worker processes", "updates", "seconds", "updates/s", "every run", "× one worker",
             "RSS MiB per worker", "CPU s per worker", "most at once"],
            [[r["processes"], r["updates"], r["elapsed"], r["rate"], r["all"], f"{r['rate'] / one:.2f}",
              " / ".join(map(str, r["rss"])), " / ".join(map(str, r["cpu"])),
              " / ".join(map(str, r["busiest"]))] for r in rows],
        ))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=["flood", "workers"], default=["flood", "workers"])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long the other chats talk (flood)")
    parser.add_argument("--updates", type=int, default=2000, help="updates in the inbox (workers)")
    parser.add_argument("--chats", type=int, default=100, help="chats they are spread over (workers)")
    parser.add_argument("--concurrency", type=int, default=8, help="BRUG_CONCURRENT_UPDATES per worker")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (workers); the best counts")
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    print(f"# chats side by side, {machine()}")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
