"""What the benchmark scripts share: the machine, the databases, a wired Brug, timing and tables.

Scripts, not tests: each prints a table. They reuse the test suite's fake Bot API
(``tests/fake_telegram.py``) and its update factory (``tests/harness.py``), so the bot under measurement
is the real ``Application`` with only the HTTP layer replaced.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bot.app import build_application  # noqa: E402
from bot.domain.clock import FixedClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Group  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402
from tests.harness import BotHarness  # noqa: E402

# Tuesday 1 December 2026, 10:00 in Amsterdam (the test suite's start, outside quiet hours).
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TOKEN = "123456:BENCH-TOKEN"


def postgres_url_from_env() -> str | None:
    return os.environ.get("BRUG_BENCH_POSTGRES_URL") or os.environ.get("BRUG_TEST_POSTGRES_URL")


def add_database_arguments(parser) -> None:
    parser.add_argument(
        "--postgres", default=postgres_url_from_env(),
        help="an asyncpg URL (default $BRUG_BENCH_POSTGRES_URL or $BRUG_TEST_POSTGRES_URL); "
        "a schema of its own is created and dropped",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="skip SQLite")


def database_kinds(args) -> list[str]:
    kinds = [] if args.no_sqlite else ["sqlite"]
    if args.postgres:
        kinds.append("postgres")
    return kinds


@asynccontextmanager
async def scratch_database(
    kind: str, postgres_url: str | None = None, *, migrate: bool = True
) -> AsyncIterator[Database]:
    """A fresh database: an SQLite file (WAL, synchronous=NORMAL, as ``storage.db`` sets it) in a
    temporary folder, or a PostgreSQL schema of its own, created here and dropped afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="brug-bench-") as folder:
            db = Database(f"sqlite+aiosqlite:///{folder}/bench.db")
            try:
                if migrate:
                    await upgrade(db.engine)
                yield db
            finally:
                await db.dispose()
        return
    if not postgres_url:
        raise ValueError("PostgreSQL needs a URL")
    schema = f"brug_bench_{uuid.uuid4().hex[:8]}"
    admin = Database(postgres_url)
    async with admin.engine.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    db = Database(postgres_url, connect_args={"server_settings": {"search_path": schema}})
    try:
        if migrate:
            await upgrade(db.engine)
        yield db
    finally:
        await db.dispose()
        async with admin.engine.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def group_row(chat_id: int, title: str, now: datetime) -> Group:
    """A group with Brug's default settings (Amsterdam, digest Monday 09:00, quiet 21-9)."""
    return Group(
        telegram_chat_id=chat_id, title=title, active=True, language="nl", timezone="Europe/Amsterdam",
        support_threshold=3, decision_days=7, max_action_days=28, stale_days=7, digest_weekday=0,
        digest_hour=9, quiet_start_hour=21, quiet_end_hour=9, created_at=now, updated_at=now,
    )


class QuietTelegram(FakeTelegram):
    """The test suite's fake Bot API, forgetting its call log (a long run would keep every call)."""

    def forget(self) -> None:
        self.calls.clear()


@asynccontextmanager
async def brug(
    db: Database,
    clock: FixedClock | None = None,
    *,
    rate_limiter: bool = False,
    durable: bool = False,
    started: bool = False,
    telegram: FakeTelegram | None = None,
    **settings: object,
) -> AsyncIterator[BotHarness]:
    """The real Brug Application on ``db``, with the fake Bot API, the rate limiter off (unless
    ``rate_limiter``). ``durable``: updates go through the inbox; ``started``: the update queue, the
    update processor and the inbox run (as under ``brug run``)."""
    clock = clock or FixedClock(START)
    config = Settings(
        telegram_token=TOKEN, database_url=db.url, rate_limiter=rate_limiter, _env_file=None, **settings
    )
    telegram = telegram or QuietTelegram(clock=clock.now)
    application = build_application(config, request=telegram, clock=clock, database=db, durable=durable)
    await application.initialize()
    if started:
        await application.start()
    try:
        yield BotHarness(application, telegram, db, clock)
    finally:
        if application.running:
            await application.stop()
        # Application.shutdown does not run post_shutdown (only run_polling does): the database,
        # which belongs to the caller, stays open.
        await application.shutdown()


def rss_mib() -> float:
    """This process's resident memory now, in MiB (Linux)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# ---------------------------------------------------------------- numbers


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The sample below which ``fraction`` of the samples lie (nearest rank)."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary_ms(samples_s: Sequence[float]) -> tuple[float, float, float]:
    """(p50, p99, mean) in milliseconds."""
    return (
        percentile(samples_s, 0.50) * 1000,
        percentile(samples_s, 0.99) * 1000,
        statistics.fmean(samples_s) * 1000 if samples_s else float("nan"),
    )


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table (also valid Markdown), numbers right-aligned."""
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = []
        for i, value in enumerate(row):
            numeric = value and (value[0].isdigit() or value[0] in "-+.") and i > 0
            parts.append(value.rjust(widths[i]) if numeric else value.ljust(widths[i]))
        return "| " + " | ".join(parts) + " |"

    separator = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), separator] + [line(row) for row in cells[1:]])


def _cell(value: object) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "-"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def machine() -> str:
    """One line about where the numbers come from."""
    memory = ""
    try:
        with open("/proc/meminfo") as info:
            total_kb = int(info.readline().split()[1])
        memory = f", {total_kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} CPUs{memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
