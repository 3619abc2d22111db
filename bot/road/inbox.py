"""The inbox: every Telegram update is stored before Telegram hears that it arrived, and handled once.

The road of an update
---------------------
1. **Stored.** The webhook answers 200 only after the update's row is committed (``Inbox.receive``);
   polling (``InboxPoller``) writes a whole ``getUpdates`` batch in one transaction and only then asks
   for the next offset, which is what tells Telegram to forget the batch. A row holds the raw JSON, the
   chat (the order lane), a status and a lease.
2. **Claimed when it is its chat's turn.** ``Inbox.dispatch`` claims, in one statement, the rows whose
   chat has nothing earlier unfinished and nothing in flight (``storage.repositories.inbox.claim``:
   ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, and a partial unique index that refuses two claimed rows of
   one chat), at most as many as this process has room for, and puts them on the Application's update
   queue. The update processor (``bot.road.chat_order``) runs them, chats side by side.
3. **Handled and finished in one transaction.** ``BrugApplication.process_update`` records the update id
   in the ledger (``bot.road.updates_seen``), runs the handlers and deletes the inbox row, all in the update's
   unit of work: committed together or not at all.

A kill -9 at any moment: before 1 Telegram still has the update and delivers it again; between 1 and 3
the row waits (``new``, or ``claimed`` until its lease runs out) and is handled by the next worker; after
3 it is gone, and a re-delivery finds its id in the ledger. A handler that fails marks the row
``failed`` (the member was told to try again) and the chat moves on. A row that keeps taking its worker
down is given up after ``MAX_ATTEMPTS`` claims.

Several processes on PostgreSQL share one inbox: whichever process stored a row, any worker may claim
it, and the chat's order holds across them (``NOTIFY`` wakes the others when a process stored rows it did
not take itself; each worker also looks every ``inbox_poll_seconds``). SQLite is for one process: at start-up every claimed row is
an orphan of the previous run and is given back at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.error import InvalidToken, RetryAfter, TelegramError

from bot.road.chat_order import lane_of
from bot.domain.clock import Clock
from storage.db import Database, is_sqlite
from storage.repositories import inbox as repo

if TYPE_CHECKING:
    from telegram.ext import Application

log = logging.getLogger(__name__)

# A row claimed this many times without being finished (its worker died each time) is given up.
MAX_ATTEMPTS = 5
# Failed rows are kept this long to be looked at.
FAILED_RETENTION = timedelta(days=7)


def default_worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def inbox_row(data: dict[str, Any], now) -> dict[str, Any]:
    """The row for one update's JSON (as Telegram sent it)."""
    update = Update.de_json(data, None)
    return {
        "update_id": update.update_id,
        "chat_id": lane_of(update),
        "payload": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        "received_at": now,
    }


class Inbox:
    """One process's side of the inbox: store updates, claim the ones whose turn it is, keep leases."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        worker: str | None = None,
        stable_name: bool = False,
        lease: timedelta = timedelta(seconds=60),
        poll_seconds: float = 1.0,
        capacity: int = 16,
        writer: Any = None,
    ) -> None:
        self.db = db
        # SQLite's one writer, taken in turns with the updates' units of work (``Services.writer``).
        self.writer = writer if writer is not None else contextlib.nullcontext()
        self.clock = clock
        self.worker = worker or default_worker_name()
        # A stable name (``BRUG_WORKER_NAME``) means rows claimed under it belong to a previous life.
        self.stable_name = stable_name
        self.lease = lease
        self.poll_seconds = poll_seconds
        # At most this many claimed rows in this process at once (running or waiting for a slot).
        self.capacity = capacity
        self.single_process = is_sqlite(db.url)
        # update_id -> chat: rows this worker claimed and has not finished.
        self.held: dict[int, int] = {}
        self.application: Application | None = None
        self._wake = asyncio.Event()
        self._claiming = asyncio.Lock()
        self._asked = self._covered = 0  # dispatch requests made, and covered by a claim that started
        # Updates received and not yet stored, each batch with the future its caller waits on.
        self._arrived: list[tuple[list[dict[str, Any]], asyncio.Future[None]]] = []
        self._task: asyncio.Task | None = None
        self._stopping = False
        self._listener: Any = None
        self._next_renewal = 0.0
        self._next_prune = 0.0

    @contextlib.asynccontextmanager
    async def _unit_of_work(self) -> Any:
        async with self.writer:
            async with self.db.unit_of_work() as session:
                yield session

    # ---------------------------------------------------------------- storing

    async def receive(self, data: dict[str, Any]) -> None:
        """Store one update (raises when the database cannot: then Telegram must not hear 200), then
        claim what is ready so the update is on its way when the answer goes out."""
        await self.receive_many([data])

    async def receive_many(self, updates: list[dict[str, Any]]) -> None:
        """Store updates; returns once they are committed, raises when they could not be.

        Updates arriving at the same moment (webhook requests side by side) share one transaction,
        which also claims what is ready: one commit for a burst instead of two per update.
        """
        if not updates:
            return
        now = self.clock.now()
        stored: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._arrived.append(([inbox_row(data, now) for data in updates], stored))
        async with self._claiming:
            if not stored.done():
                with contextlib.suppress(Exception):  # ``stored`` carries it
                    await self._store_and_claim()
        stored.result()

    # ---------------------------------------------------------------- claiming

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def dispatch(self) -> int:
        """Claim the rows whose turn it is (as many as there is room for) and queue them for the
        Application; returns how many.

        Claims in one process take turns, and a caller whose request an already started claim covers
        does not claim again: a burst of finished updates costs a few claims, not one each.
        """
        self._asked += 1
        ticket = self._asked
        async with self._claiming:
            if self._covered >= ticket and not self._arrived:
                return 0
            return await self._store_and_claim()

    def _room(self) -> int:
        """How many more rows this process may claim: rows of flooding groups that wait for room to
        answer (``bot.road.chat_order``) do not take a worker's place."""
        if not self.running or self.application is None:
            return 0
        pacing = getattr(self.application.update_processor, "pacing", 0)
        return self.capacity - len(self.held) + pacing

    def _needs_more(self) -> bool:
        """True unless enough claimed rows already wait here for a free worker: then the next claim waits
        for a few more updates to finish and takes them together (one claim for several updates)."""
        processor = self.application.update_processor if self.application is not None else None
        workers = getattr(processor, "workers", None)
        if workers is None:
            return True
        waiting = len(self.held) - processor.running - processor.pacing
        return waiting < max(1, workers // 2)

    async def _store_and_claim(self) -> int:
        """One transaction: store what arrived, claim what is ready, and tell the other processes
        about rows this one did not take. Run under ``_claiming``."""
        self._covered = self._asked
        arrived, self._arrived = self._arrived, []
        rows = [row for batch, _ in arrived for row in batch]
        room = self._room()
        now = self.clock.now()
        try:
            try:
                claimed = await self._transaction(rows, room, now)
            except IntegrityError:
                if not room:
                    raise
                # Two workers raced for one chat (a late update with a lower id): the index said no.
                log.info("inbox: a chat was claimed by another worker at the same moment; trying again")
                self._wake.set()
                claimed = await self._transaction(rows, 0, now)
        except BaseException as exc:
            for _, stored in arrived:
                stored.set_exception(exc if isinstance(exc, Exception) else RuntimeError("not stored"))
            raise
        for _, stored in arrived:
            stored.set_result(None)
        return await self._queue(claimed)

    async def _transaction(self, rows: list[dict[str, Any]], room: int, now) -> list[repo.Claimed]:
        async with self._unit_of_work() as session:
            new = await repo.add(session, rows) if rows else []
            claimed = await repo.claim(session, self.worker, now, now + self.lease, room) if room > 0 else []
            given_up = [row.update_id for row in claimed if row.attempts > MAX_ATTEMPTS]
            if given_up:
                await repo.fail(session, given_up, f"claimed {MAX_ATTEMPTS} times and never finished")
                log.error("inbox: updates %s were given up after %s claims", given_up, MAX_ATTEMPTS)
            if set(new) - {row.update_id for row in claimed}:
                await repo.notify(session)
        return [row for row in claimed if row.attempts <= MAX_ATTEMPTS]

    async def _queue(self, claimed: list[repo.Claimed]) -> int:
        queued = 0
        for row in claimed:
            update = self._parse(row)
            if update is None:
                continue
            self.held[row.update_id] = row.chat_id
            await self.application.update_queue.put(update)
            queued += 1
        return queued

    def _parse(self, row: repo.Claimed) -> Update | None:
        try:
            return Update.de_json(json.loads(row.payload), self.application.bot)
        except Exception as exc:  # noqa: BLE001 - a row we cannot read must not block its chat
            log.error("inbox: update %s cannot be read: %s", row.update_id, type(exc).__name__)
            asyncio.get_running_loop().create_task(self._fail([row.update_id], f"unreadable: {exc}"))
            return None

    # ---------------------------------------------------------------- the unit of work's side

    def holds(self, update_id: int) -> bool:
        """True when this worker claimed ``update_id`` and has not finished it."""
        return update_id in self.held

    async def finish(self, session: AsyncSession, update_id: int) -> None:
        """Delete the row in the update's own unit of work (``session``): handled, committed together."""
        await repo.finish(session, update_id)

    async def done(self, update_id: int, *, failed: str | None = None) -> None:
        """After the unit of work: a failed update's row is marked ``failed``; the next update of the
        chat may be claimed now."""
        try:
            if failed is not None:
                await self._fail([update_id], failed)
        finally:
            self.held.pop(update_id, None)
            self._wake.set()

    def abandoned(self, update_id: int) -> None:
        """The handling was cut off (cancelled, the process going down): the row stays claimed and is
        taken again when its lease runs out, as after a kill."""
        self.held.pop(update_id, None)

    async def _fail(self, update_ids: list[int], error: str) -> None:
        try:
            async with self._unit_of_work() as session:
                await repo.fail(session, update_ids, error)
        except Exception:  # noqa: BLE001 - then the lease runs out and the row is tried again
            log.warning("inbox: could not mark %s as failed", update_ids, exc_info=True)

    # ---------------------------------------------------------------- running

    async def start(self, application: Application) -> None:
        """Take back what a previous life of this worker held, listen, and start claiming."""
        self.application = application
        if self.running:
            return
        await self._take_back_orphans()
        await self._listen()
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name=f"brug-inbox-{self.worker}")
        self._wake.set()

    async def stop(self) -> None:
        """Stop claiming (rows already queued are still handled: ``Application.stop`` waits for them)."""
        task, self._task = self._task, None
        if task is not None:
            self._stopping = True
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._unlisten()

    async def release_held(self) -> None:
        """Give back what is still claimed here (after the Application stopped), so another worker or
        the next start need not wait for the lease."""
        held, self.held = list(self.held), {}
        if not held:
            return
        try:
            async with self._unit_of_work() as session:
                await repo.release(session, worker=self.worker, update_ids=held)
        except Exception:  # noqa: BLE001 - the lease will run out instead
            log.warning("inbox: could not give back %d claimed updates", len(held), exc_info=True)

    async def _take_back_orphans(self) -> None:
        if not (self.single_process or self.stable_name):
            return
        async with self._unit_of_work() as session:
            released = await repo.release(session, worker=None if self.single_process else self.worker)
        if released:
            log.info("inbox: took back %d updates a previous run had claimed", released)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        backoff = self.poll_seconds
        while not self._stopping:
            # asyncio.timeout, not wait_for: Python 3.11's wait_for can swallow a cancellation that
            # arrives just as the wake-up does, and then stop() would wait for this loop forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_seconds):
                    await self._wake.wait()
            self._wake.clear()
            try:
                if self._needs_more():
                    await self.dispatch()
                if loop.time() >= self._next_renewal:
                    await self._renew()
                    self._next_renewal = loop.time() + self.lease.total_seconds() / 3
                if loop.time() >= self._next_prune:
                    await self._prune()
                    self._next_prune = loop.time() + 3600
                backoff = self.poll_seconds
            except Exception as exc:  # noqa: BLE001 - the loop must outlive a database outage
                log.warning("inbox: claiming failed (%s: %s); trying again in %.0f s",
                            type(exc).__name__, str(exc)[:200], backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _renew(self) -> None:
        if not self.held:
            return
        async with self._unit_of_work() as session:
            await repo.renew(session, self.worker, self.held, self.clock.now() + self.lease)

    async def _prune(self) -> None:
        async with self._unit_of_work() as session:
            await repo.prune_failed(session, self.clock.now() - FAILED_RETENTION)

    async def _listen(self) -> None:
        """PostgreSQL: LISTEN on a connection of its own, so a row stored by any process wakes us."""
        if self.db.engine.dialect.name != "postgresql":
            return
        try:
            connection = await self.db.engine.connect()
            raw = (await connection.get_raw_connection()).driver_connection
            await raw.add_listener(repo.CHANNEL, self._notified)
            self._listener = (connection, raw)
        except Exception:  # noqa: BLE001 - polling every inbox_poll_seconds still finds every row
            log.warning("inbox: LISTEN failed; looking every %ss instead", self.poll_seconds, exc_info=True)

    def _notified(self, *_args: Any) -> None:
        self._wake.set()

    async def _unlisten(self) -> None:
        listener, self._listener = self._listener, None
        if listener is None:
            return
        connection, raw = listener
        with contextlib.suppress(Exception):
            await raw.remove_listener(repo.CHANNEL, self._notified)
        with contextlib.suppress(Exception):
            await connection.close()

    async def waiting(self) -> int:
        async with self.db.sessionmaker() as session:
            return await repo.waiting(session)


class InboxPoller:
    """Long polling that stores every batch before it confirms it.

    PTB's ``Updater`` puts each batch on the in-memory update queue and confirms it with the next
    ``getUpdates`` straight away, before any of it is handled or stored: a crash then loses the batch,
    because Telegram forgets confirmed updates. Here the offset moves only after the batch is committed
    to the inbox; a crash before that makes Telegram send the batch again (stored rows are kept once).
    """

    def __init__(
        self, application: Application, inbox: Inbox, *, timeout: int = 30, first_backoff: float = 1.0
    ) -> None:
        self.application = application
        self.inbox = inbox
        self.timeout = timeout
        self.first_backoff = first_backoff
        self.offset: int | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop`` is set."""
        bot = self.application.bot
        await bot.delete_webhook()  # getUpdates answers 409 while a webhook is set
        backoff = self.first_backoff
        while not stop.is_set():
            try:
                updates = await self._next_batch(stop)
                if updates is None:
                    break
                if updates:
                    await self.inbox.receive_many([update.to_dict() for update in updates])
                    self.offset = updates[-1].update_id + 1  # confirmed by the next getUpdates
                backoff = self.first_backoff
            except InvalidToken:
                raise
            except RetryAfter as exc:
                await self._pause(stop, exc.retry_after if isinstance(exc.retry_after, (int, float))
                                  else exc.retry_after.total_seconds())
            except Exception as exc:  # noqa: BLE001 - Telegram or the database away: try again, offset kept
                log.warning("polling: %s: %s; trying again in %.0f s", type(exc).__name__, str(exc)[:200], backoff)
                await self._pause(stop, backoff)
                backoff = min(backoff * 2, 30.0)
        await self._confirm()

    async def _next_batch(self, stop: asyncio.Event) -> list[Update] | None:
        """The next batch, or None when ``stop`` was set while waiting for it."""
        polling = asyncio.ensure_future(self.application.bot.get_updates(
            offset=self.offset, timeout=self.timeout, allowed_updates=Update.ALL_TYPES,
        ))
        stopping = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if not polling.done():
            polling.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await polling
            return None
        return list(polling.result())

    async def _confirm(self) -> None:
        """Tell Telegram the stored batches may go (else it sends the last one again at the next start,
        which the inbox and the ledger would recognise; this only saves the trouble)."""
        if self.offset is None:
            return
        with contextlib.suppress(TelegramError, OSError):
            await self.application.bot.get_updates(offset=self.offset, timeout=0, limit=1)

    @staticmethod
    async def _pause(stop: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await stop.wait()


def inbox_for(application: Application) -> Inbox | None:
    """The Application's inbox, when it takes updates through one."""
    return application.bot_data["services"].inbox


async def serve(
    application: Application,
    settings: Any,
    stop: asyncio.Event,
    *,
    poll: bool,
    on_ready: Any = None,
) -> None:
    """``brug run`` (``poll``: long polling into the inbox) and ``brug run --worker`` (claiming only):
    start, work until ``stop`` is set, then stop polling, finish what is in hand and shut down.

    With ``BRUG_DASHBOARD_URL`` the polling process also serves the dashboard and ``/healthz``.
    """
    from bot.road.webhook import HEALTH_PATH, WebhookServer, shut_down

    server = None
    if poll and (settings.dashboard_url or settings.public_url):
        server = WebhookServer(
            application, secret=None, path=None, listen=settings.webhook_listen, port=settings.webhook_port
        )
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        if server is not None:
            port = await server.start()
            log.info("dashboard on %s:%s, health at %s", settings.webhook_listen, port, HEALTH_PATH)
        if on_ready is not None:
            on_ready()
        inbox = inbox_for(application)
        if poll:
            log.info("polling Telegram; updates go through the inbox (worker %s)", inbox.worker)
            await InboxPoller(application, inbox).run(stop)
        else:
            log.info("worker %s: handling updates from the inbox", inbox.worker)
            await stop.wait()
    finally:
        await shut_down(application, server)
