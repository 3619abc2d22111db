"""Addresses and sent messages of other chat services (see ``bot.bridge.botapi``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import BridgeAddress, BridgeMessage


async def all_addresses(session: AsyncSession, transport: str) -> list[BridgeAddress]:
    return list(
        (await session.scalars(select(BridgeAddress).where(BridgeAddress.transport == transport))).all()
    )


async def save_address(
    session: AsyncSession,
    *,
    transport: str,
    kind: str,
    address: str,
    local_id: int,
    name: str | None,
    private_ok: bool,
) -> None:
    row = await session.scalar(
        select(BridgeAddress).where(
            BridgeAddress.transport == transport,
            BridgeAddress.kind == kind,
            BridgeAddress.address == address,
        )
    )
    if row is None:
        session.add(
            BridgeAddress(
                transport=transport, kind=kind, address=address, local_id=local_id,
                name=name, private_ok=private_ok,
            )
        )
        return
    row.name = name or row.name
    row.private_ok = private_ok or row.private_ok


async def last_message_id(session: AsyncSession) -> int:
    return int(await session.scalar(select(BridgeMessage.id).order_by(BridgeMessage.id.desc()).limit(1)) or 0)


async def save_message(
    session: AsyncSession,
    *,
    message_id: int,
    transport: str,
    chat_id: int,
    ref: str,
    first_ref: str,
    text: str,
    options: str,
    had_options: bool,
    expects_text: bool,
    sent_at: datetime,
    edits: int = 0,
    new: bool = True,
    addressee: int | None = None,
    answered: bool = False,
    alias: str | None = None,
) -> None:
    """Store a message Brug sent, or its new state after an edit (``new=False``).

    An edit of a message that is no longer stored (forgotten with /vergeetmij, or past its retention)
    does not bring it back.
    """
    row = await session.get(BridgeMessage, message_id)
    if row is None:
        if not new:
            return
        session.add(
            BridgeMessage(
                id=message_id, transport=transport, chat_id=chat_id, ref=ref, first_ref=first_ref,
                text=text, options=options, had_options=had_options, expects_text=expects_text,
                sent_at=sent_at, edits=edits, addressee=addressee, answered=answered, alias=alias,
            )
        )
        return
    row.ref = ref
    row.alias = alias
    row.text = text
    row.options = options
    row.had_options = had_options
    row.expects_text = expects_text
    row.edits = edits
    row.answered = answered


async def delete_message(session: AsyncSession, message_id: int) -> None:
    row = await session.get(BridgeMessage, message_id)
    if row is not None:
        await session.delete(row)


async def message(session: AsyncSession, message_id: int) -> BridgeMessage | None:
    return await session.get(BridgeMessage, message_id)


async def message_by_ref(
    session: AsyncSession, transport: str, chat_id: int, ref: str
) -> BridgeMessage | None:
    return await session.scalar(
        select(BridgeMessage)
        .where(
            BridgeMessage.transport == transport,
            BridgeMessage.chat_id == chat_id,
            (BridgeMessage.ref == ref) | (BridgeMessage.first_ref == ref) | (BridgeMessage.alias == ref),
        )
        .limit(1)
    )


async def recent_messages(
    session: AsyncSession, transport: str, chat_id: int, limit: int
) -> list[BridgeMessage]:
    return list(
        (
            await session.scalars(
                select(BridgeMessage)
                .where(BridgeMessage.transport == transport, BridgeMessage.chat_id == chat_id)
                .order_by(BridgeMessage.id.desc())
                .limit(limit)
            )
        ).all()
    )


async def delete_messages_before(session: AsyncSession, transport: str, moment: datetime) -> None:
    """Forget Brug's messages sent before ``moment``: their choices can no longer be answered."""
    await session.execute(
        delete(BridgeMessage)
        .where(BridgeMessage.transport == transport, BridgeMessage.sent_at < moment)
        .execution_options(synchronize_session=False)
    )
