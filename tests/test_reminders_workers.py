"""Two ``brug run`` processes on one database: each reminder is claimed and sent by exactly one of them.

Each worker has its own engine (its own connections), as two processes would. On PostgreSQL the claim's
``FOR UPDATE SKIP LOCKED`` lets the second worker take other rows at once; SQLite allows one writer, so a
second process waits for (or, past its busy timeout, fails on) the lock — SQLite is for one process.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.domain.messages import Outgoing, Reply
from bot.domain.reminders import encode_outgoing
from bot.domain.scheduler import tick
from storage.db import Database
from storage.models import Reminder
from storage.repositories import reminders as repo
from tests.conftest import postgres_engine_kwargs
from tests.test_reminders import START, FakeSender, make_group, reminder_rows


async def seed_outgoing(db: Database, count: int, groups: int = 20) -> None:
    async with db.unit_of_work() as session:
        made = [make_group(-1000 - i) for i in range(groups)]
        session.add_all(made)
        await session.flush()
        for i in range(count):
            group = made[i % groups]
            session.add(Reminder(
                key=f"outgoing:worker-test:{i}", kind="outgoing", group_id=group.id,
                due_at=START - timedelta(seconds=i), status="pending", attempts=0, created_at=START,
                payload=encode_outgoing(Outgoing(None, group.id, Reply("reminders-resumed"))),
            ))


@pytest.fixture
async def workers(database: Database, db_kind: str):
    """The test's database and a second worker: a separate engine and pool, as another process has."""
    kwargs = {}
    if db_kind == "postgres":
        # The PostgreSQL test data lives in a schema of its own; the second engine must look there too.
        async with database.engine.connect() as connection:
            schema = await connection.scalar(text("select current_schema()"))
        kwargs = postgres_engine_kwargs(schema)
    other = Database(database.url, **kwargs)
    yield database, other
    await other.dispose()


async def test_a_second_worker_never_claims_a_row_the_first_holds(workers, db_kind: str) -> None:
    first, second = workers
    await seed_outgoing(first, 200)
    async with first.sessionmaker() as holding:
        # The first worker has claimed 50 rows and not committed yet (it is in the middle of its claim).
        held = await repo.claim_due(holding, START, 50, START + timedelta(minutes=5))
        assert len(held) == 50
        async with second.sessionmaker() as other:
            if db_kind == "postgres":
                taken = await repo.claim_due(other, START, 500, START + timedelta(minutes=5))
                await other.commit()
                # SKIP LOCKED: the other 150 at once, none of the held ones, no waiting.
                assert len(taken) == 150
                assert not {r.id for r in taken} & {r.id for r in held}
            else:
                await other.execute(text("PRAGMA busy_timeout=50"))
                with pytest.raises(OperationalError, match="locked"):
                    await repo.claim_due(other, START, 500, START + timedelta(minutes=5))
                await other.rollback()
        await holding.commit()
    statuses = Counter(r.status for r in await reminder_rows(first))
    assert statuses == ({"claimed": 200} if db_kind == "postgres" else {"claimed": 50, "pending": 150})


async def test_two_workers_ticking_at_once_send_each_reminder_exactly_once(workers) -> None:
    first, second = workers
    await seed_outgoing(first, 300, groups=30)

    class InterleavingSender(FakeSender):
        async def send(self, address, reply, lang):
            await asyncio.sleep(0)  # let the other worker run between two sends (no time passes)
            await super().send(address, reply, lang)

    senders = (InterleavingSender(), InterleavingSender())

    async def work(db: Database, sender: FakeSender) -> None:
        for _ in range(20):
            await tick(db, sender, START, limit=25)

    await asyncio.gather(work(first, senders[0]), work(second, senders[1]))
    chats = Counter(s.address.chat_id for sender in senders for s in sender.sent)
    assert sum(chats.values()) == 300  # every reminder once: 10 per group, within the rate limit
    assert set(chats.values()) == {10}
    assert all(sender.sent for sender in senders), "both workers did part of the work"
    assert {r.status for r in await reminder_rows(first)} == {"sent"}
