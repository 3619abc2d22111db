"""How fast the coordinator's dashboard answers, for a group with many commitments.

The real web server (Brug's tornado server with the dashboard routes), the real Application and the test
suite's seeded group (``tests/dashboard_fixtures.py``) plus ``--commitments`` more; a coordinator logged
in with Telegram's initData fetches every page ``--repeat`` times.

    python bench/dashboard.py [--commitments 1000] [--repeat 20] [--postgres URL | --postgres ""]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import START, add_database_arguments, database_kinds, scratch_database, summary_ms, table  # noqa: E402

import httpx  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bot.app import build_application  # noqa: E402
from bot.domain.clock import FixedClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.domain.members import Person, new_member  # noqa: E402
from storage.models import Action, Commitment  # noqa: E402
from tests.dashboard_fixtures import DASHBOARD_URL, TOKEN, DashboardServer, init_data, seeded_group  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402
from tests.harness import BotHarness  # noqa: E402

PAGES = ("commitments", "actions", "partners", "agenda", "movement")


async def measure(kind: str, args) -> list[list[object]]:
    rows: list[list[object]] = []
    async with scratch_database(kind, args.postgres) as database:
        clock = FixedClock(START)
        settings = Settings(
            telegram_token=TOKEN, database_url=database.url, rate_limiter=False,
            dashboard_url=DASHBOARD_URL, _env_file=None,
        )
        telegram = FakeTelegram(clock=clock.now)
        application = build_application(settings, request=telegram, clock=clock, database=database)
        await application.initialize()
        bot = BotHarness(application, telegram, database, clock)
        try:
            seeded = await seeded_group(bot)
            async with database.unit_of_work() as session:
                soep = await session.scalar(select(Action).where(Action.title == "Soep koken voor de buren"))
                for number in range(args.commitments):
                    member = new_member(Person(90_000 + number, f"Lid {number}"), clock.now())
                    session.add(member)
                    await session.flush()
                    session.add(Commitment(
                        action_id=soep.id, member_id=member.id, what=f"Taak {number}",
                        status="done" if number % 3 == 0 else "open", due_on=date(2026, 12, 12),
                        created_at=clock.now(), updated_at=clock.now(),
                    ))
            async with DashboardServer(bot) as server, httpx.AsyncClient() as client:
                await client.get(server.base)
                xsrf = {"X-XSRFToken": client.cookies.get("_xsrf", "")}
                await client.post(
                    f"{server.base}/auth/webapp",
                    data={"init_data": init_data(seeded.coordinator, clock.now()), "confirm": "1"},
                    headers=xsrf,
                )
                group_id = seeded.setting.group_id
                for page in PAGES:
                    samples, size = [], 0
                    for _ in range(args.repeat):
                        started = time.perf_counter()
                        answer = await client.get(f"{server.base}/{page}?group={group_id}")
                        samples.append(time.perf_counter() - started)
                        if answer.status_code != 200:
                            raise SystemExit(f"{page}: HTTP {answer.status_code}")
                        size = len(answer.content)
                    p50, p99, _mean = summary_ms(samples)
                    rows.append([kind, page, f"{p50:.1f}", f"{p99:.1f}", f"{size / 1024:.0f}"])
        finally:
            await application.shutdown()
    return rows


async def run(args) -> None:
    rows: list[list[object]] = []
    for kind in database_kinds(args):
        rows.extend(await measure(kind, args))
    print(f"{args.commitments + 3} commitments in the group, {args.repeat} requests per page")
    print(table(["database", "page", "p50 ms", "p99 ms", "KiB"], rows))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commitments", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    add_database_arguments(parser)
    asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
