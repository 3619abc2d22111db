"""Fixtures: both databases, a fixed clock, and the real Application wired to a fake Telegram.

Every database test runs on SQLite, and on PostgreSQL too when ``BRUG_TEST_POSTGRES_URL`` is set
(``.ci/run`` sets it). The PostgreSQL half runs in a schema of its own, made for this test run and
dropped afterwards.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import build_application
from bot.domain.clock import FixedClock
from bot.config import Settings
from storage.db import Database, create_engine
from storage.migrate import upgrade
from storage.models import Base
from tests.fake_telegram import FakeTelegram
from tests.harness import BotHarness

POSTGRES_URL = os.environ.get("BRUG_TEST_POSTGRES_URL")
DB_KINDS = ["sqlite"] + (["postgres"] if POSTGRES_URL else [])

# Tuesday 1 December 2026, 10:00 in Amsterdam.
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


# Whole modules that start processes, servers or a browser, run a benchmark or many generated examples:
# marked ``slow`` (with every PostgreSQL test), so ``pytest -m "not slow"`` is the quick suite.
SLOW_MODULES = {
    "test_bench_smoke", "test_console_demo", "test_dashboard_browser", "test_e2e_http", "test_flow_transcript",
    "test_properties", "test_signal_transport", "test_cli", "test_migrations",
}
SLOW_TESTS = {
    "test_the_benchmark_of_chats_side_by_side_runs", "test_a_burst_of_1000_updates_from_one_group",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("db_kind") == "postgres"
        if module in SLOW_MODULES or item.originalname in SLOW_TESTS or on_postgres:
            item.add_marker(pytest.mark.slow)


def pytest_report_header(config: pytest.Config) -> str:
    if POSTGRES_URL:
        return "brug: database tests run on SQLite and PostgreSQL"
    return "brug: database tests run on SQLite (set BRUG_TEST_POSTGRES_URL for PostgreSQL too)"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (migrating once is much faster)."""
    path = tmp_path_factory.mktemp("template") / "brug.db"

    async def migrate() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        await upgrade(engine)
        async with engine.connect() as connection:
            await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        await engine.dispose()

    run_outside_loop(migrate)
    return path


def run_outside_loop(coroutine_function) -> None:
    """Run set-up in a thread of its own: session fixtures may be reached from inside a test's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine_function()).result()


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str]:
    """A schema for this test run, migrated once and dropped at the end."""
    if not POSTGRES_URL:
        pytest.fail("BRUG_TEST_POSTGRES_URL is not set")
    schema = f"brug_test_{uuid.uuid4().hex[:10]}"

    async def create() -> None:
        engine = create_engine(POSTGRES_URL)
        async with engine.begin() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        await engine.dispose()
        engine = postgres_engine(schema)
        await upgrade(engine)
        await engine.dispose()

    async def drop() -> None:
        engine = create_engine(POSTGRES_URL)
        async with engine.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await engine.dispose()

    run_outside_loop(create)
    yield schema
    run_outside_loop(drop)


def postgres_engine_kwargs(schema: str) -> dict:
    return {"connect_args": {"server_settings": {"search_path": schema}}}


def postgres_engine(schema: str):
    return create_engine(POSTGRES_URL, **postgres_engine_kwargs(schema))


@pytest.fixture(params=DB_KINDS)
def db_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
async def database(
    db_kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Database]:
    """A migrated, empty database of the kind under test."""
    if db_kind == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "brug.db"
        shutil.copy(template, path)
        db = Database(f"sqlite+aiosqlite:///{path}")
    else:
        schema = request.getfixturevalue("postgres_schema")
        db = Database(POSTGRES_URL, **postgres_engine_kwargs(schema))
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        async with db.engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield db
    await db.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(
        telegram_token="123456:TEST-TOKEN",
        database_url=database.url,
        rate_limiter=False,
        _env_file=None,
    )


@pytest.fixture
async def bot(settings: Settings, database: Database, clock: FixedClock) -> AsyncIterator[BotHarness]:
    telegram = FakeTelegram(clock=clock.now)
    application = build_application(settings, request=telegram, clock=clock, database=database)
    await application.initialize()
    harness = BotHarness(application, telegram, database, clock)
    yield harness
    await application.shutdown()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Say plainly how many database tests ran on each database (CI must show the PostgreSQL half ran)."""
    counts: dict[str, dict[str, int]] = {kind: {} for kind in ("sqlite", "postgres")}
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "call") != "call" and outcome == "passed":
                continue
            for kind in counts:
                if f"[{kind}" in report.nodeid or f"-{kind}]" in report.nodeid or f"-{kind}-" in report.nodeid:
                    counts[kind][outcome] = counts[kind].get(outcome, 0) + 1
    for kind, by_outcome in counts.items():
        summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(by_outcome.items())) or "none"
        terminalreporter.write_line(f"brug: database tests on {kind}: {summary}")


class _PromptErrors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(autouse=True)
def prompts_render_cleanly() -> Iterator[None]:
    """A message rendered with a missing or misnamed argument shows the reader "more" or "{$x}":
    any test in which a prompt reports a Fluent error fails."""
    handler = _PromptErrors()
    logger = logging.getLogger("bot.domain.i18n")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    assert handler.messages == [], handler.messages
