"""Claiming rows of a work table (the reminders, the deliveries): one statement that picks the due rows
and marks them taken, so two workers never take the same row.

On PostgreSQL ``FOR UPDATE SKIP LOCKED`` in the sub-select lets a second worker claim other rows instead
of waiting for (or taking) the same ones; SQLite has one writer at a time and ignores the clause. The
caller commits right away.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.ext.asyncio import AsyncSession


async def claim(
    session: AsyncSession,
    model: Any,
    *,
    where: list[ColumnElement[bool]],
    order_by: list[Any],
    limit: int | None,
    values: dict[str, Any],
) -> list[Any]:
    """Up to ``limit`` rows of ``model`` matching ``where`` (in ``order_by``), updated with ``values``
    in the same statement; returned as they are after the update."""
    picked = select(model.id).where(*where).order_by(*order_by)
    if limit is not None:
        picked = picked.limit(limit)
    claimed = await session.scalars(
        update(model)
        .where(model.id.in_(picked.with_for_update(skip_locked=True).scalar_subquery()))
        .values(**values)
        .returning(model)
        .execution_options(synchronize_session=False)
    )
    return list(claimed.all())
