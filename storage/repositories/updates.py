"""The ledger of processed Telegram update ids."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Table, bindparam, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from storage.models import ProcessedUpdate


async def claim(session: AsyncSession, update_id: int, now: datetime) -> bool:
    """Record ``update_id`` as processed; False when it already was (or another worker holds it).

    ``INSERT ... ON CONFLICT DO NOTHING`` rather than select-then-insert: on PostgreSQL a second
    transaction inserting the same id waits for the first and then inserts nothing.
    """
    statement = _CLAIM[session.get_bind().dialect.name == "postgresql"]
    inserted = (
        await session.execute(statement, {"update_id": update_id, "processed_at": now})
    ).scalar_one_or_none()
    return inserted is not None


def _claim(insert: Callable[[Table], postgresql.Insert | sqlite.Insert]) -> ReturningInsert[int]:
    # The table, not the mapped class: an ORM-enabled insert goes through the bulk-insert path and
    # builds (and keys for the statement cache) a new statement each time.
    table = ProcessedUpdate.__table__
    return (
        insert(table)
        .values(update_id=bindparam("update_id"), processed_at=bindparam("processed_at"))
        .on_conflict_do_nothing(index_elements=[table.c.update_id])
        .returning(table.c.update_id)
    )


# Built once per dialect (every update runs it): {is PostgreSQL: statement}.
_CLAIM = {True: _claim(postgresql.insert), False: _claim(sqlite.insert)}


async def prune(session: AsyncSession, before: datetime) -> int:
    """Forget update ids processed before ``before``; returns how many."""
    # A DELETE's result is a CursorResult (with its rowcount); execute() is typed for any statement.
    result = cast(CursorResult[Any], await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < before)
    ))
    return result.rowcount or 0
