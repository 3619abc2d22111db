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


async def for_prompt(session: AsyncSession, chat_id: int, prompt_message_id: int) -> PendingReply | None:
    """The open question that message asked in that chat (whoever it asked)."""
    return await session.scalar(
        select(PendingReply).where(
            PendingReply.chat_id == chat_id, PendingReply.prompt_message_id == prompt_message_id
        ).limit(1)
    )
