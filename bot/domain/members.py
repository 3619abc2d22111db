"""Who is talking, in which group, and in which language Brug answers them.

Transports describe people and chats with the plain dataclasses below, so no Telegram type reaches the
domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.i18n import LANGUAGES, normalise_language
from storage.models import Group, Member, Membership
from storage.repositories import members as repo

NAME_LIMIT = 256


@dataclass(frozen=True)
class Person:
    """A user as a transport sees them."""

    user_id: int
    first_name: str
    username: str | None = None
    language_code: str | None = None


@dataclass(frozen=True)
class Chat:
    """A chat as a transport sees it; ``is_group`` covers groups and supergroups."""

    chat_id: int
    is_group: bool
    title: str | None = None


@dataclass
class Identity:
    member: Member
    group: Group | None
    membership: Membership | None
    language: str

    @property
    def is_coordinator(self) -> bool:
        return bool(self.membership and self.membership.is_coordinator)


async def ensure_member(session: AsyncSession, person: Person, now: datetime) -> Member:
    """The stored member for ``person``, created on first interaction and kept up to date."""
    member = await repo.member_by_telegram_id(session, person.user_id)
    if member is None:
        member = new_member(person, now)
        try:
            async with session.begin_nested():
                await repo.add(session, member)
        except IntegrityError:
            # A newcomer's first updates in two chats, handled side by side: the other one made the row.
            made = await repo.member_by_telegram_id(session, person.user_id)
            if made is None:  # the insert failed on something else
                raise
            member = made
            refresh_member(member, person, now)
    else:
        refresh_member(member, person, now)
    return member


def new_member(person: Person, now: datetime) -> Member:
    first_name = (person.first_name or "").strip()[:NAME_LIMIT] or "?"
    username = person.username[:64] if person.username else None
    return Member(
        telegram_user_id=person.user_id,
        first_name=first_name,
        username=username,
        telegram_language=person.language_code,
        has_private_chat=False,
        unreachable=False,
        reminder_lead_days=1,
        reminder_hour=10,
        created_at=now,
        updated_at=now,
    )


def refresh_member(member: Member, person: Person, now: datetime) -> None:
    """Keep the stored name and language in step with what Telegram says now."""
    first_name = (person.first_name or "").strip()[:NAME_LIMIT] or "?"
    if first_name == "?" and member.first_name:
        first_name = member.first_name  # a transport that does not know the name now keeps the one we have
    username = person.username[:64] if person.username else None
    if (member.first_name, member.username, member.telegram_language) != (
        first_name,
        username,
        person.language_code,
    ):
        member.first_name = first_name
        member.username = username
        member.telegram_language = person.language_code
        member.updated_at = now


async def ensure_membership(
    session: AsyncSession, group: Group, member: Member, now: datetime
) -> Membership:
    return await _seen(session, group, member, await repo.membership(session, group.id, member.id), now)


async def _seen(
    session: AsyncSession, group: Group, member: Member, membership: Membership | None, now: datetime
) -> Membership:
    """The membership, created when new; ``last_seen_at`` moved on at most once an hour."""
    if membership is None:
        membership = Membership(
            group_id=group.id,
            member_id=member.id,
            is_admin=False,
            is_appointed_coordinator=False,
            first_seen_at=now,
            last_seen_at=now,
        )
        await repo.add(session, membership)
    elif (now - membership.last_seen_at).total_seconds() > 3600:
        # Hourly precision is enough for "active members"; it spares a write on every message.
        membership.last_seen_at = now
    return membership


async def identify(
    session: AsyncSession,
    person: Person,
    chat: Chat | None,
    now: datetime,
    *,
    default_language: str,
    default_timezone: str,
) -> Identity:
    """Store the member (and their membership of a group chat) and pick the answer language."""
    group = membership = None
    known = None
    if chat is not None and chat.is_group:
        # Most group updates come from people and groups Brug knows: one query instead of three.
        known = await repo.member_in_group(session, person.user_id, chat.chat_id)
    if known is not None and chat is not None:  # known only for a chat
        member, group, membership = known
        refresh_member(member, person, now)
        _retitle(group, chat, now)
        membership = await _seen(session, group, member, membership, now)
    else:
        member = await ensure_member(session, person, now)
        if chat is not None and chat.is_group:
            group = await ensure_group(
                session, chat, now, language=default_language, timezone=default_timezone
            )
            membership = await ensure_membership(session, group, member, now)
    if chat is not None and not chat.is_group and chat.chat_id == person.user_id:
        # Anything from the private chat means it is open (a member writes there only after Start):
        # what follows on from it may go there, not to the group.
        await mark_private_chat(member, now)
    language = answer_language(member, group, default_language)
    return Identity(member=member, group=group, membership=membership, language=language)


def answer_language(member: Member | None, group: Group | None, default_language: str) -> str:
    """In a group the group's language (everyone reads it); privately the member's own choice."""
    if group is not None:
        return group.language
    if member is not None:
        if member.language in LANGUAGES:
            return member.language
        return normalise_language(member.telegram_language, default=default_language)
    return default_language


async def ensure_group(
    session: AsyncSession, chat: Chat, now: datetime, *, language: str, timezone: str
) -> Group:
    group = await repo.group_by_chat_id(session, chat.chat_id)
    title = (chat.title or "").strip()[:256] or "?"
    if group is None:
        group = Group(
            telegram_chat_id=chat.chat_id,
            title=title,
            active=True,
            language=language,
            timezone=timezone,
            support_threshold=3,
            decision_days=7,
            max_action_days=28,
            stale_days=7,
            digest_weekday=0,
            digest_hour=9,
            quiet_start_hour=21,
            quiet_end_hour=9,
            quick_days=3,
            created_at=now,
            updated_at=now,
        )
        await repo.add(session, group)
    else:
        _retitle(group, chat, now)
    return group


def _retitle(group: Group, chat: Chat, now: datetime) -> None:
    """The group was renamed in Telegram: keep the stored title in step."""
    title = (chat.title or "").strip()[:256] or "?"
    if group.title != title and chat.title:
        group.title = title
        group.updated_at = now


async def mark_private_chat(member: Member, now: datetime) -> None:
    """The member started the bot privately: from now on Brug may write to them there."""
    if not member.has_private_chat or member.unreachable:
        member.has_private_chat = True
        member.unreachable = False
        member.updated_at = now


def set_member_language(member: Member, language: str, now: datetime) -> None:
    if language not in LANGUAGES:
        raise ValueError(language)
    member.language = language
    member.updated_at = now


def set_group_language(group: Group, language: str, now: datetime) -> None:
    if language not in LANGUAGES:
        raise ValueError(language)
    group.language = language
    group.updated_at = now


def mark_unreachable(member: Member, now: datetime) -> None:
    """Brug may not write to the member privately (they blocked it, or never pressed Start): from now on
    they are addressed in the group, until they talk to Brug privately again."""
    member.unreachable = True
    member.updated_at = now
