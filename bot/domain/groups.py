"""The bot joining and leaving groups, and who coordinates a group."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import Chat, Person, ensure_group, ensure_member, ensure_membership
from bot.domain.messages import Reply
from storage.models import Group, Member
from storage.repositories import members as repo

log = logging.getLogger(__name__)


async def bot_added(
    session: AsyncSession, chat: Chat, now: datetime, *, language: str, timezone: str
) -> tuple[Group, Reply]:
    """Store (or reactivate) the group and give the introduction of the three building blocks."""
    group = await ensure_group(session, chat, now, language=language, timezone=timezone)
    group.active = True
    group.removed_at = None
    group.updated_at = now
    return group, Reply("group-welcome", choices=())


async def bot_removed(session: AsyncSession, chat: Chat, now: datetime) -> Group | None:
    """Mark the group inactive; its data stays for when Brug is added again."""
    group = await repo.group_by_chat_id(session, chat.chat_id)
    if group is not None and group.active:
        mark_inactive(group, now)
    return group


def mark_inactive(group: Group, now: datetime) -> None:
    """Brug is no longer in the group (removed, or Telegram refuses it there): nothing is sent there any
    more; its data stays for when Brug is added again."""
    group.active = False
    group.removed_at = now
    group.updated_at = now


async def known_group(session: AsyncSession, chat_id: int) -> Group | None:
    return await repo.group_by_chat_id(session, chat_id)


async def members_joined(session: AsyncSession, chat: Chat, people: list[Person], now: datetime) -> int:
    """New members of a group Brug is in: known from now on, so they count for broad support."""
    group = await repo.group_by_chat_id(session, chat.chat_id)
    if group is None:
        return 0
    for person in people:
        await ensure_membership(session, group, await ensure_member(session, person, now), now)
    return len(people)


async def member_left(session: AsyncSession, chat: Chat, person: Person) -> Member | None:
    """A member left the group: no longer counted or appointed there. What they did and promised stays.
    The member when they were in it, else None."""
    group = await repo.group_by_chat_id(session, chat.chat_id)
    member = await repo.member_by_telegram_id(session, person.user_id)
    if group is None or member is None:
        return None
    membership = await repo.membership(session, group.id, member.id)
    if membership is None:
        return None
    await session.delete(membership)
    return member


@dataclass(frozen=True)
class TelegramPlace:
    """Where Telegram says a person stands in a group: in it or not, and whether they administer it."""

    present: bool
    admin: bool


class PlaceChange(StrEnum):
    JOINED = "joined"
    # Left, kicked or banned: no longer a member, so no longer a coordinator either.
    GONE = "gone"
    PROMOTED = "promoted"
    DEMOTED = "demoted"
    UNCHANGED = "unchanged"


async def place_changed(
    session: AsyncSession,
    chat: Chat,
    person: Person,
    before: TelegramPlace,
    after: TelegramPlace,
    now: datetime,
) -> PlaceChange:
    """Telegram says someone's place in the group changed (``chat_member``): their role follows at once.

    Gone (left, kicked, banned): the membership goes, appointment and admin status with it. Demoted
    (administrator or owner before, not now): no longer a Telegram admin, and an old /coordinator
    appointment ends too, so a demotion really ends the role. Promoted: an admin, so a coordinator, now.
    When an admin was or is involved, the group's cached administrator list is forgotten too: the next
    check asks Telegram again (which also mends updates that arrived out of order). A demoted or departed
    admin's dashboard sessions end at once (``Member.dashboard_signed_out_at``); every page also checks
    the role on each request.
    """
    group = await repo.group_by_chat_id(session, chat.chat_id)
    if group is None:
        return PlaceChange.UNCHANGED
    if before.admin or after.admin:
        forget_admins(group)
    if not after.present:
        gone = await member_left(session, chat, person)
        if gone is not None:  # whatever role they had there ends: so do their dashboard sessions
            gone.dashboard_signed_out_at = now
        return PlaceChange.GONE if gone is not None or before.present else PlaceChange.UNCHANGED
    member = await ensure_member(session, person, now)
    membership = await ensure_membership(session, group, member, now)
    change = PlaceChange.UNCHANGED if before.present else PlaceChange.JOINED
    if after.admin and not membership.is_admin:
        membership.is_admin = True
        change = PlaceChange.PROMOTED
    elif not after.admin and (membership.is_admin or before.admin):
        membership.is_admin = False
        if before.admin:
            membership.is_appointed_coordinator = False
        member.dashboard_signed_out_at = now  # their dashboard sessions end with the role (issue 18)
        change = PlaceChange.DEMOTED
    await session.flush()
    return change


async def group_moved(session: AsyncSession, old_chat_id: int, new_chat_id: int, now: datetime) -> Group | None:
    """Telegram made the group a supergroup, with a new chat id: the group, its history included, moves along.

    Telegram tells it twice (in the old chat and in the new one); the second time finds nothing to move.
    """
    group = await repo.group_by_chat_id(session, old_chat_id)
    if group is None:
        return await repo.group_by_chat_id(session, new_chat_id)
    if await repo.group_by_chat_id(session, new_chat_id) is not None:
        # The new chat spoke before the move was announced; keep the group that has the history.
        log.warning("group %s moved to chat %s, which Brug already knew; not merged", group.id, new_chat_id)
        return group
    group.telegram_chat_id = new_chat_id
    group.updated_at = now
    await session.flush()
    return group


def forget_admins(group: Group) -> None:
    """The cached administrator list is no longer trusted: the next coordinator check asks Telegram."""
    group.admins_refreshed_at = None


def admins_need_refresh(group: Group, now: datetime, max_age_seconds: int) -> bool:
    refreshed = group.admins_refreshed_at
    return refreshed is None or now - refreshed > timedelta(seconds=max_age_seconds)


async def replace_admins(
    session: AsyncSession, group: Group, admins: list[Person], now: datetime
) -> None:
    """Make exactly these people the group's Telegram admins (creator included)."""
    admin_member_ids = []
    for person in admins:
        member = await ensure_member(session, person, now)
        membership = await ensure_membership(session, group, member, now)
        membership.is_admin = True
        admin_member_ids.append(member.id)
    await repo.clear_admin_flags(session, group.id, admin_member_ids)
    group.admins_refreshed_at = now
    await session.flush()


async def refresh_admins(
    session: AsyncSession, fetch: Callable[[int], Awaitable[list[Person] | None]], group: Group, now: datetime,
    *, max_age_seconds: int, force: bool = False,
) -> None:
    """Keep the group's coordinators in step with its creator and administrators as the transport says
    (``fetch(chat_id)``; None when it cannot say now: the old list stays). Cached on the group for
    ``max_age_seconds``."""
    if not force and not admins_need_refresh(group, now, max_age_seconds):
        return
    people = await fetch(group.telegram_chat_id)
    if people is not None:
        await replace_admins(session, group, people, now)
