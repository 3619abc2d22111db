"""A member's rights over their data (GDPR): see everything Brug stores about them, and be forgotten.

``export_member_data`` gathers every row that is about the member or was written by them into one
JSON-ready document. ``forget_member`` removes what identifies them and what they wrote alone, and keeps
what the group did together: an action they proposed, their commitments and supports stay, credited to
"een lid", so the group's history (who did how much, what was reached) stays correct.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Action, ActionDraft, ActionEvent, AgendaItem, Member, NeighbourSignup, PendingReply,
)
from storage.repositories import neighbourhood as neighbourhood_repo
from storage.repositories import privacy as repo

# The name a forgotten member is shown by. Stored, not translated: it replaces a person's name.
FORGOTTEN_NAME = "een lid"
EXPORT_FORMAT = "brug-member-data/1"


def is_forgotten(member: Member) -> bool:
    """A forgotten member has a negative surrogate instead of their Telegram id (never a real user)."""
    return member.telegram_user_id < 0


def row_to_dict(row: object, *, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every column of a model row, with moments and days as ISO 8601 text."""
    mapper = sa_inspect(type(row))
    document: dict[str, Any] = {}
    for attribute in mapper.column_attrs:
        if attribute.key in leave_out:
            continue
        document[attribute.key] = _json_value(getattr(row, attribute.key))
    return document


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


async def export_member_data(session: AsyncSession, member: Member, now: datetime) -> dict[str, Any]:
    """Everything Brug stores about ``member``, as a JSON-ready document (sent as a file)."""

    async def own_rows(column: Any) -> list[dict[str, Any]]:
        return [row_to_dict(row) for row in await repo.rows_of(session, column, member.id)]

    memberships = await repo.memberships_with_groups(session, member.id)
    supports = await repo.supports_with_titles(session, member.id)
    commitments = await repo.commitments_with_titles(session, member.id)
    concerns = await repo.concerns_with_titles(session, member.id)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": now.isoformat(),
        "member": row_to_dict(member),
        "memberships": [
            {**row_to_dict(membership), "group_title": group.title} for membership, group in memberships
        ],
        "drafts": await own_rows(ActionDraft.member_id),
        "actions_proposed": await own_rows(Action.proposer_id),
        "supports": [{**row_to_dict(support), "action_title": title} for support, title in supports],
        "concerns": [{**row_to_dict(concern), "action_title": title} for concern, title in concerns],
        "commitments": [
            {**row_to_dict(commitment), "action_title": title} for commitment, title in commitments
        ],
        "action_history": await own_rows(ActionEvent.member_id),
        "agenda_items_added": await own_rows(AgendaItem.created_by_id),
        "pending_questions": await own_rows(PendingReply.member_id),
        "reminders": [row_to_dict(r) for r in await repo.reminders_about(session, member.id)],
        "other_chat_service": await _transport_part(session, member),
        "signed_up_for_others": await own_rows(NeighbourSignup.member_id),
    }


async def _transport_part(session: AsyncSession, member: Member) -> dict[str, Any] | None:
    """On Signal or the console: the member's address there, and how many private messages are kept."""
    address = await repo.transport_address(session, member.telegram_user_id)
    if address is None:
        return None
    return {
        **row_to_dict(address, leave_out=("id",)),
        "private_messages_kept": await repo.private_messages_kept(session, member.telegram_user_id),
    }


async def forget_member(session: AsyncSession, member: Member, now: datetime) -> None:
    """Anonymise ``member`` and delete what they wrote alone; keep the group's shared history.

    - deleted: drafts, concerns ("bedenkingen"), open questions, group memberships, dashboard logins;
      on Signal or the console also their address there and Brug's private messages to them;
    - cancelled: their pending reminders (and those about their commitments); texts prepared for
      reminders about them are cleared, and what finished reminders in their groups said;
    - their name in Brug's messages kept for their groups on another chat service becomes "een lid";
    - kept, as "een lid": actions they proposed, supports, commitments, the actions' history;
    - people they signed up for an action ("Ik neem Riet mee") still count, without a name;
    - the member row: name "een lid", no username or language, no private chat, and a negative
      surrogate instead of the Telegram id, so nothing links it to the person any more. If they talk
      to Brug again, they start as a new member.
    """
    await repo.cancel_reminders_about(session, member.id, now)
    her_groups = [group for _membership, group in await repo.memberships_with_groups(session, member.id)]
    await repo.clear_finished_payloads_of_groups(session, [group.id for group in her_groups])
    await repo.scrub_name_in_group_messages(
        session, [group.telegram_chat_id for group in her_groups], member.first_name, FORGOTTEN_NAME
    )
    await repo.delete_written_alone(session, member.id)
    await neighbourhood_repo.anonymise_guests_of(session, member.id)
    await repo.forget_transport_traces(session, member.telegram_user_id)
    member.telegram_user_id = -member.id
    member.first_name = FORGOTTEN_NAME
    member.username = None
    member.language = None
    member.telegram_language = None
    member.has_private_chat = False
    member.unreachable = True
    member.reminders_paused_until = None
    member.dashboard_signed_out_at = now  # every dashboard session of theirs is void at once
    member.updated_at = now
    await session.flush()
