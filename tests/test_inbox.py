"""Issue 16, items 3 and 4: the durable inbox, and several workers sharing it on PostgreSQL.

An update is stored before Telegram hears it arrived (the webhook's 200, polling's next offset), claimed
when its chat has nothing earlier unfinished, and handled in one unit of work with the ledger of update
ids and the deletion of its row: a kill at any moment loses no acknowledged update and handles none twice.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from telegram import Update

from bot.app import build_application
from bot.domain.clock import FixedClock
from bot.config import Settings
from bot.road.inbox import Inbox, InboxPoller
from bot.road.webhook import SECRET_HEADER, WebhookServer
from storage.db import Database
from bot.road.ticking import tick_now
from storage.models import Delivery, InboxUpdate, ProcessedUpdate
from storage.repositories import inbox as repo
from tests.conftest import POSTGRES_URL, START, postgres_engine_kwargs
from tests.fake_telegram import FakeTelegram
from tests.harness import BotHarness, UpdateFactory, User, break_welcome_once, dead_database_url

ROOT = Path(__file__).resolve().parent.parent
SECRET = "inbox-test-SECRET"


# ---------------------------------------------------------------- helpers (test_per_chat_order uses them)


async def until(condition: Callable[[], Any], timeout: float = 10.0) -> None:
    """Wait, in tiny steps, until ``condition()`` is true."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not come true in time")
        await asyncio.sleep(0.002)


def let_the_group_limiter_drip(limiter: Any, seconds: float) -> None:
    """Move a group's rate limiter (aiolimiter's leaky bucket, which reads the event loop's clock) on
    by ``seconds``, as if that much time had passed, and let a waiting sender look again."""
    limiter._last_check -= seconds
    limiter._wake_next()


@asynccontextmanager
async def running_brug(
    settings: Settings,
    database: Database,
    clock: FixedClock,
    telegram: FakeTelegram,
    *,
    durable: bool = True,
    worker: str | None = None,
) -> AsyncIterator[BotHarness]:
    """Brug started as ``brug run`` starts it (update queue, processor, inbox), on a fake Telegram."""
    if worker is not None:
        settings = settings.model_copy(update={"worker_name": worker})
    application = build_application(settings, request=telegram, clock=clock, database=database, durable=durable)
    await application.initialize()
    await application.start()
    try:
        yield BotHarness(application, telegram, database, clock)
    finally:
        if application.running:
            await application.stop()
        await application.shutdown()


def inbox_of(bot: BotHarness) -> Inbox:
    return bot.app.bot_data["services"].inbox


async def inbox_rows(database: Database) -> list[InboxUpdate]:
    async with database.sessionmaker() as session:
        return list((await session.scalars(select(InboxUpdate).order_by(InboxUpdate.update_id))).all())


async def ledger(database: Database) -> int:
    async with database.sessionmaker() as session:
        return len((await session.scalars(select(ProcessedUpdate))).all())


async def waiting_deliveries(database: Database) -> int:
    async with database.sessionmaker() as session:
        return len((await session.scalars(select(Delivery))).all())


# ---------------------------------------------------------------- stored, then handled once


async def test_an_update_is_stored_before_it_is_handled_and_handled_once(settings, database, clock) -> None:
    telegram = FakeTelegram(clock=clock.now)
    application = build_application(settings, request=telegram, clock=clock, database=database, durable=True)
    await application.initialize()
    bot = BotHarness(application, telegram, database, clock)
    anna = bot.user(101, "Anna", started=True)
    update = bot.updates.message(anna, anna, "/start")
    try:
        # Received while no worker runs: stored, nothing handled yet.
        await inbox_of(bot).receive(update)
        rows = await inbox_rows(database)
        assert [(r.update_id, r.chat_id, r.status) for r in rows] == [(update["update_id"], anna.id, "new")]
        assert json.loads(rows[0].payload) == update
        assert telegram.sent("sendMessage") == []

        await application.start()
        await until(lambda: telegram.sent("sendMessage", anna.id))
        await until(lambda: inbox_of(bot).held == {})
        assert await inbox_rows(database) == []
        assert await ledger(database) == 1

        # Telegram delivers it again (a retried webhook): stored anew, recognised, not answered twice.
        await inbox_of(bot).receive(update)
        await application.update_queue.join()
        await until(lambda: inbox_of(bot).held == {})
        assert len(telegram.sent("sendMessage", anna.id)) == 1
        assert await inbox_rows(database) == []
    finally:
        if application.running:
            await application.stop()
        await application.shutdown()


async def test_a_failing_handler_marks_its_row_failed_and_the_chat_moves_on(
    settings, database, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_welcome_once(monkeypatch)
    async with running_brug(settings, database, clock, FakeTelegram(clock=clock.now)) as bot:
        anna = bot.user(101, "Anna", started=True)
        failing = bot.updates.message(anna, anna, "/start")
        await inbox_of(bot).receive(failing)
        await inbox_of(bot).receive(bot.updates.message(anna, anna, "/help"))
        await until(lambda: len(bot.texts(anna.id)) == 2 and inbox_of(bot).held == {})
        rows = await inbox_rows(database)
        assert [(r.update_id, r.status) for r in rows] == [(failing["update_id"], "failed")]
        assert "Probeer het zo nog eens" in bot.texts(anna.id)[0]
        assert "/actie" in bot.texts(anna.id)[-1]  # the /help after it was handled


# ---------------------------------------------------------------- kills


@pytest.mark.parametrize("who", ["another worker", "the same worker restarted"])
async def test_kill_between_acknowledge_and_handling(settings, database, clock, db_kind, who) -> None:
    """Stored and claimed by a worker that was killed before it handled them: the updates are handled
    once by the next worker (at once on SQLite and by a restarted worker with a stable name; after the
    lease otherwise)."""
    factory, anna = UpdateFactory(clock), User(101, "Anna")
    updates = [factory.message(anna, anna, text) for text in ("/start", "/help")]
    dead = Inbox(database, clock, worker="w1")
    await dead.receive_many(updates)
    async with database.unit_of_work() as session:
        claimed = await repo.claim(session, "w1", clock.now(), clock.now() + timedelta(seconds=60), 10)
    assert [c.update_id for c in claimed] == [updates[0]["update_id"]]  # one per chat at a time

    telegram = FakeTelegram(clock=clock.now)
    telegram.started_users.add(101)
    name = "w1" if who == "the same worker restarted" else "w2"
    async with running_brug(settings, database, clock, telegram, worker=name) as bot:
        inbox = inbox_of(bot)
        if db_kind == "postgres" and name == "w2":
            assert await inbox.dispatch() == 0, "still w1's until its lease runs out"
            assert telegram.sent("sendMessage") == []
            clock.advance(seconds=61)
            inbox._wake.set()
        await until(lambda: len(telegram.sent("sendMessage", 101)) == 2)
        await until(lambda: inbox.held == {})
    assert await inbox_rows(database) == []
    assert await ledger(database) == 2
    texts = [call.text for call in telegram.sent("sendMessage", 101)]
    assert "Welkom" in texts[0] and "/actie" in texts[1]


class ProcessDied(BaseException):
    """What a kill looks like from inside: not an error any handler may catch."""


class StallingTelegram(FakeTelegram):
    """Telegram that never answers sendMessage (the worker is killed while it waits) or dies."""

    def __init__(self, *args: Any, how: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.how = how
        self.waiting = asyncio.Event()

    async def answer(self, api_method: str, params: dict[str, Any], uploads: Any) -> tuple[int, bytes]:
        if api_method == "sendMessage":
            self.waiting.set()
            if self.how == "died":
                raise ProcessDied()
            await asyncio.Event().wait()
        return await super().answer(api_method, params, uploads)


@pytest.mark.parametrize("how", ["cancelled", "died"])
async def test_a_crash_mid_handling_is_rolled_back_and_handled_again_once(
    settings, database, clock, how
) -> None:
    """The worker is cut off while Telegram is called: what it committed before the call (the
    change, its message, the ledger) stays, the next worker recognises the update, and the stored
    message goes out once."""
    anna_id = 101
    first = StallingTelegram(clock=clock.now, how=how)
    first.started_users.add(anna_id)
    async with running_brug(settings, database, clock, first, worker="w1") as bot:
        anna = bot.user(anna_id, "Anna", started=True)
        update = bot.updates.message(anna, anna, "/start")
        await inbox_of(bot).receive(update)
        await asyncio.wait_for(first.waiting.wait(), 10)
        if how == "cancelled":
            handling = [t for t in asyncio.all_tasks() if "process_concurrent_update" in t.get_name()]
            assert len(handling) == 1
            handling[0].cancel()
        await until(lambda: inbox_of(bot).held == {})
        rows = await inbox_rows(database)
        assert [(r.status, r.claimed_by) for r in rows] == [("claimed", "w1")]
        # Commit, then deliver: the member and the welcome were committed together before
        # Telegram was called, the ledger with them.
        assert await ledger(database) == 1
        assert await waiting_deliveries(database) == 1

    second = FakeTelegram(clock=clock.now)
    second.started_users.add(anna_id)
    clock.advance(seconds=61)  # w1's leases run out
    async with running_brug(settings, database, clock, second, worker="w2") as bot:
        # The update comes round again and is recognised; the welcome w1 stored goes out once.
        await until(lambda: inbox_of(bot).held == {})
        await tick_now(bot.app)
        await tick_now(bot.app)
    assert len(second.sent("sendMessage", anna_id)) == 1
    assert "Welkom" in second.last("sendMessage", anna_id).text
    assert await inbox_rows(database) == []
    assert await ledger(database) == 1


async def test_a_row_that_keeps_killing_its_worker_is_given_up(settings, database, clock) -> None:
    inbox = Inbox(database, clock, worker="w1")
    factory, anna = UpdateFactory(clock), User(101, "Anna")
    poison, after = (factory.message(anna, anna, t) for t in ("/start", "/help"))
    await inbox.receive_many([poison, after])
    for _ in range(5):  # claimed five times, the worker dies each time
        async with database.unit_of_work() as session:
            await repo.claim(session, "w1", clock.now(), clock.now() + timedelta(seconds=60), 10)
        clock.advance(seconds=61)
    telegram = FakeTelegram(clock=clock.now)
    telegram.started_users.add(101)
    async with running_brug(settings, database, clock, telegram, worker="w2") as bot:
        await until(lambda: telegram.sent("sendMessage", 101) and inbox_of(bot).held == {})
    rows = await inbox_rows(database)
    assert [(r.update_id, r.status) for r in rows] == [(poison["update_id"], "failed")]
    assert "/actie" in telegram.last("sendMessage", 101).text  # the chat moved on


# ---------------------------------------------------------------- the webhook and polling write first


async def test_webhook_answers_200_only_once_the_update_is_stored(
    settings, database, clock, db_kind, tmp_path
) -> None:
    async with running_brug(settings, database, clock, FakeTelegram(clock=clock.now)) as bot:
        server = WebhookServer(bot.app, secret=SECRET, path="/hook", listen="127.0.0.1", port=0)
        port = await server.start()
        anna = bot.user(101, "Anna", started=True)
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
                stored = bot.updates.message(anna, anna, "/start")
                response = await client.post("/hook", content=json.dumps(stored), headers={SECRET_HEADER: SECRET})
                assert response.status_code == 200
                await until(lambda: bot.texts(anna.id))

                inbox = inbox_of(bot)
                working, inbox.db = inbox.db, Database(dead_database_url(db_kind, tmp_path))
                try:
                    lost = bot.updates.message(anna, anna, "/help")
                    response = await client.post("/hook", content=json.dumps(lost), headers={SECRET_HEADER: SECRET})
                finally:
                    await inbox.db.dispose()
                    inbox.db = working
                assert response.status_code == 503, "not stored: Telegram must send it again"
        finally:
            await server.stop()
        assert len(bot.texts(anna.id)) == 1
        assert await inbox_rows(database) == []


class PollingTelegram(FakeTelegram):
    """getUpdates like Telegram's: everything from ``offset`` on; an offset confirms what is before it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending: list[dict[str, Any]] = []
        self.offsets: list[int | None] = []

    async def answer(self, api_method: str, params: dict[str, Any], uploads: Any) -> tuple[int, bytes]:
        if api_method == "getUpdates" and not self._from(params):
            await asyncio.sleep(0.005)  # a long poll with nothing new
        return await super().answer(api_method, params, uploads)

    def _from(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = params.get("offset")
        return [u for u in self.pending if offset is None or u["update_id"] >= int(offset)]

    def _api_getUpdates(self, params: dict[str, Any], call: Any) -> Any:
        offset = params.get("offset")
        self.offsets.append(int(offset) if offset is not None else None)
        self.pending = self._from(params)
        return self.pending[: int(params.get("limit") or 100)]


async def test_polling_confirms_a_batch_only_after_storing_it(settings, database, clock, monkeypatch) -> None:
    telegram = PollingTelegram(clock=clock.now)
    async with running_brug(settings, database, clock, telegram) as bot:
        inbox = inbox_of(bot)
        anna = bot.user(101, "Anna", started=True)
        batch = [bot.updates.message(anna, anna, text) for text in ("/start", "/help", "/taal")]
        real_receive = inbox.receive_many
        failures = []

        async def first_store_fails(updates):
            if not failures:
                failures.append(len(updates))
                raise OSError("the database went away")
            return await real_receive(updates)

        monkeypatch.setattr(inbox, "receive_many", first_store_fails)
        telegram.pending = list(batch)
        stop = asyncio.Event()
        poller = InboxPoller(bot.app, inbox, timeout=0, first_backoff=0.01)
        polling = asyncio.create_task(poller.run(stop))
        await until(lambda: len(bot.texts(anna.id)) == 3)
        stop.set()
        await asyncio.wait_for(polling, 10)

    first_id = batch[0]["update_id"]
    # The failed store did not move the offset: the same batch was asked for again, then confirmed.
    assert failures == [3]
    assert telegram.offsets[:2] == [None, None]
    assert first_id + 3 in telegram.offsets
    assert telegram.pending == []  # Telegram may forget them: they are handled
    assert await ledger(database) == 3


def test_a_separate_worker_needs_postgresql(tmp_path: Path) -> None:
    from tests.test_cli import run_brug

    result = run_brug(
        "run", "--worker", cwd=tmp_path, PYTHONPATH=str(ROOT), BRUG_TELEGRAM_TOKEN="42:abc",
        BRUG_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'brug.db'}",
    )
    assert result.returncode == 2
    assert "PostgreSQL" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- two processes on PostgreSQL

CHATS = 100
PER_CHAT = 10
LOG_TABLE = "inbox_test_log"


def worker_process(schema: str, name: str, go: Any) -> None:
    """A worker process: Brug's Application with the inbox, and one tiny handler that writes down
    (chat, seq) in the update's own unit of work."""
    asyncio.run(_worker(schema, name, go))


async def _worker(schema: str, name: str, go: Any) -> None:
    from telegram.ext import ApplicationHandlerStop, TypeHandler

    database = Database(POSTGRES_URL, **postgres_engine_kwargs(schema))
    settings = Settings(
        telegram_token="123456:TEST-TOKEN", database_url=POSTGRES_URL, rate_limiter=False,
        worker_name=name, inbox_poll_seconds=0.05, _env_file=None,
    )
    application = build_application(
        settings, request=FakeTelegram(), clock=FixedClock(START), database=database, durable=True
    )

    async def write_down(update: Update, context: Any) -> None:
        await context.session.execute(
            text(f"INSERT INTO {LOG_TABLE} (chat_id, seq, update_id, worker) VALUES (:c, :s, :u, :w)"),
            {"c": update.effective_chat.id, "s": int(update.effective_message.text), "u": update.update_id,
             "w": name},
        )
        await asyncio.sleep(0.001)  # a reply's round trip, so that chats overlap
        raise ApplicationHandlerStop

    application.add_handler(TypeHandler(Update, write_down), group=-3)
    await application.initialize()
    go.wait(30)
    await application.start()
    inbox = application.bot_data["services"].inbox
    try:
        while await inbox.waiting():
            await asyncio.sleep(0.05)
    finally:
        await application.stop()
        await application.shutdown()
        await database.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="needs BRUG_TEST_POSTGRES_URL")
async def test_two_worker_processes_share_1000_updates_each_once_each_chat_in_order(
    postgres_schema: str,
) -> None:
    database = Database(POSTGRES_URL, **postgres_engine_kwargs(postgres_schema))
    clock = FixedClock(START)
    try:
        async with database.engine.begin() as connection:
            await connection.execute(text("TRUNCATE inbox, processed_updates"))
            await connection.execute(text(f"DROP TABLE IF EXISTS {LOG_TABLE}"))
            await connection.execute(text(
                f"CREATE TABLE {LOG_TABLE} (id serial PRIMARY KEY, chat_id bigint, seq int, "
                "update_id bigint, worker text)"
            ))
        updates = []
        for seq in range(PER_CHAT):
            for chat in range(CHATS):
                chat_json = {"id": -5000 - chat, "type": "supergroup", "title": f"g{chat}"}
                updates.append({"update_id": len(updates) + 1, "message": {
                    "message_id": seq + 1, "date": int(START.timestamp()), "chat": chat_json,
                    "from": {"id": 900 + chat, "is_bot": False, "first_name": "x"}, "text": str(seq)}})
        await Inbox(database, clock).receive_many(updates)

        context = multiprocessing.get_context("spawn")
        go = context.Event()
        workers = [context.Process(target=worker_process, args=(postgres_schema, f"w{i}", go)) for i in (1, 2)]
        for worker in workers:
            worker.start()
        go.set()
        loop = asyncio.get_running_loop()
        for worker in workers:
            await loop.run_in_executor(None, worker.join, 120)
            assert worker.exitcode == 0

        async with database.engine.connect() as connection:
            log = (await connection.execute(
                text(f"SELECT chat_id, seq, update_id, worker FROM {LOG_TABLE} ORDER BY id"))).all()
            left = (await connection.execute(text("SELECT count(*) FROM inbox"))).scalar_one()
            handled = (await connection.execute(text("SELECT count(*) FROM processed_updates"))).scalar_one()
        assert len(log) == CHATS * PER_CHAT
        assert len({row.update_id for row in log}) == CHATS * PER_CHAT, "each update once"
        for chat in range(CHATS):
            assert [row.seq for row in log if row.chat_id == -5000 - chat] == list(range(PER_CHAT))
        by_worker = {name: sum(1 for row in log if row.worker == name) for name in ("w1", "w2")}
        assert all(count > 0 for count in by_worker.values()), by_worker
        assert (left, handled) == (0, CHATS * PER_CHAT)
    finally:
        async with database.engine.begin() as connection:
            await connection.execute(text(f"DROP TABLE IF EXISTS {LOG_TABLE}"))
        await database.dispose()

