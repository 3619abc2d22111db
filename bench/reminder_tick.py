"""Benchmark (a script, not a test): one reminders tick over a big outbox.

Seeds 100,000 pending reminders of which 1,000 are due (commitments coming up, stale actions, harvest
questions; some members only reachable in the group), then times ONE tick that claims the due rows, loads
their subjects, composes each message and hands it to a fake sender that renders it — and counts the SQL
statements it issued (SQLAlchemy's ``before_cursor_execute``; an executemany counts once). It runs the
same with 100 due rows to show that the number of statements does not grow with the number of rows.

    python bench/reminder_tick.py                       # SQLite, and PostgreSQL if a URL is set
    BRUG_BENCH_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test python bench/reminder_tick.py

Goal: under 1 second per tick, and a constant number of statements.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import group_row, scratch_database  # noqa: E402

from sqlalchemy import event, insert, text  # noqa: E402

from bot.domain.i18n import translator  # noqa: E402
from bot.domain.messages import Reply  # noqa: E402
from bot.domain.reminders import action_plan, commitment_plan  # noqa: E402
from bot.domain.scheduler import tick  # noqa: E402
from bot.domain.rendering import fit, render_text  # noqa: E402
from bot.domain.transport import Address  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Action, Commitment, Member, Membership, Reminder  # noqa: E402

# Friday 4 December 2026, 10:00 in Amsterdam: the moment every due row is planned for.
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
DAY = date(2026, 12, 5)  # the commitments' day
GROUPS = 50
MEMBERS = 2000


class RenderingSender:
    """A fake transport: renders each message as Telegram would get it, and counts it."""

    def __init__(self) -> None:
        self.channels: Counter[str] = Counter()
        self.translator = translator()

    async def send(self, address: Address, reply: Reply, lang: str) -> None:
        fit(str(render_text(self.translator, reply, lang)))
        self.channels[address.channel] += 1

    async def edit(self, address: Address, message_id: int, reply: Reply, lang: str) -> None:
        await self.send(address, reply, lang)


async def seed(db: Database, total: int, due: int) -> None:
    """``total`` pending reminders, ``due`` of them due at NOW, with real subjects behind them."""
    async with db.unit_of_work() as session:
        groups = [group_row(-100_000 - i, f"Groep {i}", NOW) for i in range(GROUPS)]
        members = [
            Member(telegram_user_id=10_000 + i, first_name=f"Buur {i}", has_private_chat=i % 5 != 0,
                   unreachable=False, reminder_lead_days=1, reminder_hour=10, created_at=NOW,
                   updated_at=NOW)
            for i in range(MEMBERS)
        ]
        session.add_all(groups + members)
        await session.flush()
        session.add_all([
            Membership(group_id=groups[i % GROUPS].id, member_id=m.id, is_admin=False,
                       is_appointed_coordinator=False, first_seen_at=NOW, last_seen_at=NOW)
            for i, m in enumerate(members)
        ])
        # One action per due row: 80 % commitments coming up, 10 % stale actions, 10 % harvests.
        actions, commitments = [], []
        for i in range(due):
            group = groups[i % GROUPS]
            proposer = members[i % MEMBERS]
            kind = "due" if i % 10 < 8 else ("stale" if i % 10 == 8 else "harvest")
            action = Action(
                group_id=group.id, proposer_id=proposer.id, title=f"Actie {i}: soep koken",
                state="running", decision_deadline=NOW, created_at=NOW, updated_at=NOW,
                # A stale action's day lies a week behind: stale counts from the later of its day and
                # its last activity, so an action still to come is never stale.
                due_on={"harvest": DAY - timedelta(days=2), "stale": DAY - timedelta(days=8)}.get(kind, DAY),
                last_activity_at=NOW - timedelta(days=7) if kind == "stale" else NOW,
            )
            actions.append((kind, group, proposer, action))
        session.add_all([a for _, _, _, a in actions])
        await session.flush()
        for i, (kind, group, _, action) in enumerate(actions):
            if kind == "due":
                committed = members[(i * 7 + 1) % MEMBERS]
                commitments.append((group, action, committed, Commitment(
                    action_id=action.id, member_id=committed.id, what="soep maken", due_on=DAY,
                    status="open", created_at=NOW, updated_at=NOW)))
        session.add_all([c for _, _, _, c in commitments])
        await session.flush()

        rows = []
        for group, action, member, commitment in commitments:
            planned = commitment_plan(commitment, action, member, group)[0]
            rows.append(planned.row(group, NOW))
        for kind, group, proposer, action in actions:
            if kind != "due":
                [planned] = [p for p in action_plan(action, proposer, group) if p.kind == kind]
                rows.append(planned.row(group, NOW))
        assert len(rows) == due and all(r["due_at"] == NOW for r in rows), "seed plans must be due now"
        # The rest of the outbox: pending, due in the weeks to come.
        first = commitments[0][3]
        for i in range(total - due):
            rows.append({
                "key": f"due:commitment:{first.id}:future:{i}", "kind": "due",
                "group_id": groups[i % GROUPS].id, "member_id": members[i % MEMBERS].id,
                "action_id": first.action_id, "commitment_id": first.id,
                "due_at": NOW + timedelta(hours=1 + i % (60 * 24)), "status": "pending",
                "attempts": 0, "created_at": NOW,
            })
        for start in range(0, len(rows), 10_000):
            await session.execute(insert(Reminder.__table__), rows[start : start + 10_000])
    async with db.engine.begin() as connection:
        if db.engine.dialect.name == "postgresql":
            await connection.execute(text("ANALYZE"))
        else:
            await connection.exec_driver_sql("ANALYZE")


async def measure(db: Database, label: str, total: int, due: int) -> None:
    await seed(db, total, due)
    statements = Counter()

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements[statement.split(None, 1)[0].upper()] += 1

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    sender = RenderingSender()
    started = time.perf_counter()
    report = await tick(db, sender, NOW, limit=due)
    elapsed = time.perf_counter() - started
    event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    print(
        f"{label:<10} rows={total:>7,} due={due:>5,}  tick={elapsed:6.3f} s  "
        f"statements={sum(statements.values()):>2} ({', '.join(f'{k} {v}' for k, v in sorted(statements.items()))})  "
        f"sent={report.sent} (private {sender.channels['private']}, group {sender.channels['group']}) "
        f"deferred={report.deferred} cancelled={report.cancelled} failed={report.failed}"
    )
    assert report.sent + report.deferred == due, report


async def on_sqlite(total: int, due: int) -> None:
    async with scratch_database("sqlite") as db:
        await measure(db, "SQLite", total, due)


async def on_postgres(url: str, total: int, due: int) -> None:
    async with scratch_database("postgres", url) as db:
        await measure(db, "PostgreSQL", total, due)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--due", type=int, nargs="+", default=[100, 1_000])
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BRUG_BENCH_POSTGRES_URL") or os.environ.get("BRUG_TEST_POSTGRES_URL"),
        help="an asyncpg URL; a schema of its own is made and dropped",
    )
    args = parser.parse_args()
    for due in args.due:
        await on_sqlite(args.total, due)
    if args.postgres:
        for due in args.due:
            await on_postgres(args.postgres, args.total, due)
    else:
        print("PostgreSQL: skipped (set BRUG_BENCH_POSTGRES_URL)")


if __name__ == "__main__":
    asyncio.run(main())
