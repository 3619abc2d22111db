"""Questions waiting for a member's free-text answer."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PendingReply


async def for_member(session: AsyncSession, chat_id: int, member_id: int) -> PendingReply | None:
    return await session.scalar(
        select(PendingReply).where(
            PendingReply.chat_id == chat_id, PendingReply.member_id == member_id
        )
    )


async def remove(session: AsyncSession, chat_id: int, member_id: int) -> None:
    await session.execute(
        delete(PendingReply).where(
            PendingReply.chat_id == chat_id, PendingReply.member_id == member_id
        )
    )
