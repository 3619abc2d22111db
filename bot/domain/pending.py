"""Questions Brug asked and whose free-text answer it waits for.

The question is a row, not memory: a restart in the middle of a flow loses nothing. In a group (privacy
mode on) only a reply to the question's own message answers it; in a private chat any text does.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PendingReply
from storage.repositories import pending as repo

DEFAULT_TTL = timedelta(hours=24)


async def ask(
    session: AsyncSession,
    *,
    chat_id: int,
    member_id: int,
    kind: str,
    subject_id: int | None,
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
) -> PendingReply:
    """Wait for ``member_id``'s answer in ``chat_id``; replaces any earlier open question there."""
    pending = await repo.for_member(session, chat_id, member_id)
    if pending is None:
        pending = PendingReply(chat_id=chat_id, member_id=member_id)
        session.add(pending)
    pending.kind = kind
    pending.subject_id = subject_id
    pending.prompt_message_id = None
    pending.choices = None
    pending.answer = None
    pending.created_at = now
    pending.expires_at = now + ttl
    await session.flush()
    return pending


def remember_prompt(pending: PendingReply, message_id: int) -> None:
    """The message that asked the question: in a group only a reply to it counts as the answer."""
    pending.prompt_message_id = message_id


async def waiting(
    session: AsyncSession,
    *,
    chat_id: int,
    member_id: int,
    now: datetime,
    replied_to_message_id: int | None,
    is_group: bool,
) -> PendingReply | None:
    """The open question this text answers, if any."""
    pending = await repo.for_member(session, chat_id, member_id)
    if pending is None:
        return None
    if pending.expires_at <= now:
        await session.delete(pending)
        return None
    if is_group and (
        replied_to_message_id is None or replied_to_message_id != pending.prompt_message_id
    ):
        return None
    return pending


async def answered(session: AsyncSession, chat_id: int, member_id: int) -> None:
    await repo.remove(session, chat_id, member_id)
