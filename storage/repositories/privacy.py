"""Queries for a member's data export and for forgetting a member."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Action,
    Base,
    BridgeAddress,
    BridgeMessage,
    Commitment,
    Concern,
    Delivery,
    Group,
    Membership,
    Reminder,
    Support,
)

OPEN_REMINDER_STATUSES = ("pending",)


async def memberships_with_groups(
    session: AsyncSession, member_id: int
) -> Sequence[tuple[Membership, Group]]:
    result = await session.execute(
        select(Membership, Group)
        .join(Group, Group.id == Membership.group_id)
        .where(Membership.member_id == member_id)
        .order_by(Membership.id)
    )
    return [(first, second) for first, second in result]


async def supports_with_titles(session: AsyncSession, member_id: int) -> Sequence[tuple[Support, str]]:
    result = await session.execute(
        select(Support, Action.title)
        .join(Action, Action.id == Support.action_id)
        .where(Support.member_id == member_id)
        .order_by(Support.id)
    )
    return [(first, second) for first, second in result]


async def concerns_with_titles(session: AsyncSession, member_id: int) -> Sequence[tuple[Concern, str]]:
    result = await session.execute(
        select(Concern, Action.title)
        .join(Action, Action.id == Concern.action_id)
        .where(Concern.member_id == member_id)
        .order_by(Concern.id)
    )
    return [(first, second) for first, second in result]


async def commitments_with_titles(
    session: AsyncSession, member_id: int
) -> Sequence[tuple[Commitment, str]]:
    result = await session.execute(
        select(Commitment, Action.title)
        .join(Action, Action.id == Commitment.action_id)
        .where(Commitment.member_id == member_id)
        .order_by(Commitment.id)
    )
    return [(first, second) for first, second in result]


async def rows_of(session: AsyncSession, column: Any, member_id: int) -> Sequence[Any]:
    """The rows of ``column``'s table whose ``column`` is the member (``ActionDraft.member_id``,
    ``Action.proposer_id`` …), oldest first."""
    model = column.class_
    return (await session.scalars(select(model).where(column == member_id).order_by(model.id))).all()


def _about_member(member_id: int):  # noqa: ANN202 - a SQL expression
    """Reminders for the member, or about one of their commitments (e.g. a group nudge), or carrying
    their suggestion for a group's profile to its coordinators (``bot.domain.profile.suggest_change``)."""
    their_commitments = select(Commitment.id).where(Commitment.member_id == member_id)
    return or_(
        Reminder.member_id == member_id,
        Reminder.commitment_id.in_(their_commitments),
        Reminder.key.startswith(f"outgoing:profile:{member_id}:", autoescape=True),
    )


async def reminders_about(session: AsyncSession, member_id: int) -> Sequence[Reminder]:
    return (
        await session.scalars(select(Reminder).where(_about_member(member_id)).order_by(Reminder.id))
    ).all()


async def cancel_reminders_about(session: AsyncSession, member_id: int, now: datetime) -> None:
    """Cancel the member's pending reminders; clear prepared texts (they may carry the name)."""
    await session.execute(
        update(Reminder)
        .where(_about_member(member_id), Reminder.status.in_(OPEN_REMINDER_STATUSES))
        .values(status="cancelled", last_error="member forgotten")
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(Reminder)
        .where(_about_member(member_id), Reminder.payload.is_not(None))
        .values(payload=None)
        .execution_options(synchronize_session=False)
    )


# Finished reminders keep their key (so nothing is sent twice) but not what they said: their payload
# (names, texts) is cleared. A profile suggestion's row keeps its payload until a coordinator decides.
FINISHED = ("sent", "cancelled", "failed")
SUGGESTIONS = "outgoing:profile:"


def _finished_words():  # noqa: ANN202 - a SQL expression
    return and_(
        Reminder.status.in_(FINISHED),
        Reminder.payload.is_not(None),
        ~Reminder.key.startswith(SUGGESTIONS, autoescape=True),
    )


async def clear_finished_payloads_of_groups(session: AsyncSession, group_ids: Sequence[int]) -> None:
    """What Brug's finished reminders in these groups said (a closing call names members, a digest too):
    cleared when one of their members is forgotten, whether or not the text names them."""
    if not group_ids:
        return
    their_actions = select(Action.id).where(Action.group_id.in_(group_ids))
    await session.execute(
        update(Reminder)
        .where(_finished_words(), or_(Reminder.group_id.in_(group_ids), Reminder.action_id.in_(their_actions)))
        .values(payload=None)
        .execution_options(synchronize_session=False)
    )


async def clear_finished_payloads_before(session: AsyncSession, before: datetime) -> int:
    """The same for every finished reminder due before ``before`` (the README's retention)."""
    result = await session.execute(
        update(Reminder)
        .where(_finished_words(), Reminder.due_at < before)
        .values(payload=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def written_alone() -> list[type[Base]]:
    """The models whose rows about a member are deleted at /vergeetmij, by the member's id (the
    personal-data registry, ``MemberData``): drafts, concerns, open questions, memberships, dashboard
    logins, and whatever is declared so later."""
    models: dict[str, type[Base]] = {
        mapper.class_.__table__.name: mapper.class_ for mapper in Base.registry.mappers
    }
    found: list[type[Base]] = []
    for table in reversed(Base.metadata.sorted_tables):  # rows that refer to others go first
        model = models.get(table.name)
        declared = getattr(model, "__member_data__", None)
        if (
            model is not None
            and declared is not None
            and declared.on_forget == "deleted"
            and "member_id" in table.c
        ):
            found.append(model)
    return found


async def delete_written_alone(session: AsyncSession, member_id: int) -> None:
    """Delete the member's rows in every table the registry says is theirs alone."""
    for model in written_alone():
        await session.execute(
            delete(model)
            .where(model.__table__.c.member_id == member_id)
            .execution_options(synchronize_session=False)
        )


async def transport_address(session: AsyncSession, chat_id: int) -> BridgeAddress | None:
    """The member's address on another chat service (Signal, the console), by the id Brug gave it."""
    return await session.scalar(
        select(BridgeAddress).where(BridgeAddress.kind == "person", BridgeAddress.local_id == chat_id)
    )


async def private_messages_kept(session: AsyncSession, chat_id: int) -> int:
    """How many of Brug's messages to the member's private conversation the bridge keeps."""
    return int(
        await session.scalar(
            select(func.count()).select_from(BridgeMessage).where(BridgeMessage.chat_id == chat_id)
        )
        or 0
    )


async def forget_transport_traces(session: AsyncSession, chat_id: int) -> None:
    """Delete the member's address on another chat service, Brug's messages to them there, and Brug's
    messages to their private chat still waiting for Telegram (``bot.road.delivery``)."""
    await session.execute(
        delete(Delivery).where(Delivery.chat_id == chat_id).execution_options(synchronize_session=False)
    )
    await session.execute(
        delete(BridgeAddress)
        .where(BridgeAddress.kind == "person", BridgeAddress.local_id == chat_id)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        delete(BridgeMessage)
        .where(BridgeMessage.chat_id == chat_id)
        .execution_options(synchronize_session=False)
    )


async def scrub_name_in_group_messages(
    session: AsyncSession, chat_ids: Sequence[int], name: str, replacement: str
) -> int:
    """Brug's messages kept for a group on another chat service (90 days, for numbered answers and quotes)
    with the forgotten member's name in them: the name becomes ``replacement`` ("een lid"), the message
    and its choices stay. A name is matched as a whole word; another member with the same name is
    renamed in those texts too, which is the safe side."""
    if not chat_ids or not name.strip():
        return 0
    rows = (
        await session.scalars(
            select(BridgeMessage).where(
                BridgeMessage.chat_id.in_(chat_ids), BridgeMessage.text.contains(name, autoescape=True)
            )
        )
    ).all()
    word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    for row in rows:
        row.text = word.sub(replacement, row.text)
    await session.flush()
    return len(rows)
