"""What the bridge costs: the same member actions on Telegram and on a bridged transport.

Telegram: the real Application with the fake Bot API (``tests/fake_telegram.py``). Bridged: the same
Application on ``BridgedBrug`` with an in-memory transport (``tests/memory_transport.py``), so the figure is
the bridge itself — turning events into updates and Bot API calls into transport calls, and writing down
the messages it sent — not Signal's network.

    python bench/transports.py [--updates 300] [--postgres URL | --postgres ""]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import START, TOKEN, add_database_arguments, database_kinds, scratch_database  # noqa: E402

from bot.app import build_application  # noqa: E402
from bot.bridge.interface import Conversation, Contact, Said  # noqa: E402
from bot.bridge.run import BridgedBrug  # noqa: E402
from bot.domain.clock import FixedClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402
from tests.harness import BotHarness  # noqa: E402
from tests.memory_transport import MemoryTransport  # noqa: E402


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{statistics.median(ordered) * 1000:6.2f} ms  p99 {p99 * 1000:6.2f} ms"


async def on_telegram(database, updates: int) -> dict[str, list[float]]:
    clock = FixedClock(START)
    settings = Settings(telegram_token=TOKEN, database_url=database.url, rate_limiter=False, _env_file=None)
    telegram = FakeTelegram(clock=clock.now)
    application = build_application(settings, request=telegram, clock=clock, database=database)
    await application.initialize()
    bot = BotHarness(application, telegram, database, clock)
    anna = bot.user(1, "Anna", started=True)
    times: dict[str, list[float]] = {"/help (private)": [], "press a button": []}
    try:
        await bot.start_private(anna)
        for _ in range(updates):
            started = time.perf_counter()
            await bot.say(anna, anna, "/help")
            times["/help (private)"].append(time.perf_counter() - started)
        await bot.say(anna, anna, "/taal")
        for index in range(updates):
            menu = telegram.last("sendMessage", chat_id=anna.id)
            started = time.perf_counter()
            await bot.press(anna, menu, "English" if index % 2 else "Nederlands")
            times["press a button"].append(time.perf_counter() - started)
            await bot.say(anna, anna, "/taal")
    finally:
        await application.shutdown()
    return times


async def on_bridge(database, updates: int) -> dict[str, list[float]]:
    settings = Settings(database_url=database.url, _env_file=None)
    transport = MemoryTransport()
    brug = BridgedBrug(settings, transport, clock=FixedClock(START), database=database)
    await brug.start()
    anna = Contact("+31600000001", "Anna")
    private = Conversation("private", anna.address, anna.name)
    times: dict[str, list[float]] = {"/help (private)": [], "press a button": []}
    refs = iter(range(1, 10**9))
    try:
        await brug.handle(Said(private, anna, "/start", ref=str(next(refs))))
        for _ in range(updates):
            started = time.perf_counter()
            await brug.handle(Said(private, anna, "/help", ref=str(next(refs))))
            times["/help (private)"].append(time.perf_counter() - started)
        await brug.handle(Said(private, anna, "/taal", ref=str(next(refs))))
        for index in range(updates):
            started = time.perf_counter()
            await brug.handle(Said(private, anna, "2" if index % 2 else "1", ref=str(next(refs))))
            times["press a button"].append(time.perf_counter() - started)
            await brug.handle(Said(private, anna, "/taal", ref=str(next(refs))))
    finally:
        await brug.stop()
    return times


async def run(args) -> None:
    print(f"| database | action | Telegram (fake Bot API) | bridged (in-memory transport) | {args.updates} updates |")
    print("|---|---|---|---|---|")
    for kind in database_kinds(args):
        async with scratch_database(kind, args.postgres) as database:
            telegram = await on_telegram(database, args.updates)
        async with scratch_database(kind, args.postgres) as database:
            bridged = await on_bridge(database, args.updates)
        for action in telegram:
            ratio = statistics.median(bridged[action]) / statistics.median(telegram[action])
            print(f"| {kind} | {action} | {summary(telegram[action])} | {summary(bridged[action])} | ×{ratio:.2f} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=300)
    add_database_arguments(parser)
    asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
