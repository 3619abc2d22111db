"""Who coordinates a group: its Telegram creator and administrators, plus members appointed with /coordinator.

The role is read from the database on every use (every command, button press and typed answer); the
Telegram side of it (``Membership.is_admin``) is kept fresh by ``handlers.common.refresh_admins``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.buttons import COORDINATORS
from bot.domain.listing import paging, shorten
from bot.domain.members import Person, ensure_member, ensure_membership
from bot.domain.messages import Choice, Reply
from storage.models import Group, Member, Membership
from storage.repositories import roles as repo

MEMBERS_PER_PAGE = 8
NAME_ON_BUTTON = 30


class RoleChange(StrEnum):
    APPOINTED = "appointed"
    REMOVED = "removed"
    # Telegram administrators coordinate because Telegram says so; /coordinator cannot take that away.
    TELEGRAM_ADMIN = "telegram-admin"


async def coordinated_group(session: AsyncSession, group_id: int, member_id: int) -> Group | None:
    """The active group ``group_id`` if ``member_id`` coordinates it now, else None."""
    group = await repo.group_by_id(session, group_id)
    if group is None or not group.active:
        return None
    found = await repo.membership_with_member(session, group_id, member_id)
    if found is None or not found[0].is_coordinator:
        return None
    return group


async def groups_of(session: AsyncSession, member_id: int) -> list[tuple[Group, Membership]]:
    """The active groups the member belongs to, with their membership (for the coordinator check)."""
    return await repo.active_groups_of(session, member_id)


async def toggle_coordinator(
    session: AsyncSession, group: Group, target: Member, now: datetime
) -> RoleChange:
    """Appoint ``target`` as coordinator, or take the appointment back; admins stay coordinators."""
    membership = await ensure_membership(session, group, target, now)
    if membership.is_admin:
        return RoleChange.TELEGRAM_ADMIN
    membership.is_appointed_coordinator = not membership.is_appointed_coordinator
    await session.flush()
    return RoleChange.APPOINTED if membership.is_appointed_coordinator else RoleChange.REMOVED


async def toggle_person(
    session: AsyncSession, group: Group, person: Person, now: datetime
) -> tuple[Member, RoleChange]:
    """``/coordinator`` as a reply to someone's message: that person, stored if new, toggled."""
    member = await ensure_member(session, person, now)
    return member, await toggle_coordinator(session, group, member, now)


async def member_by_id(session: AsyncSession, group: Group, member_id: int) -> Member | None:
    """A member of this group (never someone from another group via forged data)."""
    found = await repo.membership_with_member(session, group.id, member_id)
    return found[1] if found else None


def change_reply(change: RoleChange, name: str) -> Reply:
    return Reply(f"coordinator-{change.value}", args={"name": name})


async def members_reply(session: AsyncSession, group: Group, page: int) -> Reply:
    """Known members as buttons (⭐ = coordinator); pressing one appoints or removes them."""
    view = paging(await repo.count_members(session, group.id), page, MEMBERS_PER_PAGE)
    members = await repo.members_page(session, group.id, view.offset, view.size)
    buttons = [
        (
            Choice(
                ("⭐ " if membership.is_coordinator else "") + shorten(member.first_name, NAME_ON_BUTTON),
                payload=COORDINATORS.data("t", group.id, member.id, view.page),
                literal=True,
            ),
        )
        for membership, member in members
    ]
    nav = []
    if view.has_previous:
        nav.append(Choice("button-previous", payload=COORDINATORS.data("p", group.id, view.page - 1)))
    if view.has_next:
        nav.append(Choice("button-next", payload=COORDINATORS.data("p", group.id, view.page + 1)))
    return Reply(
        "coordinator-list",
        args={"page": view.page + 1, "pages": view.pages},
        choices=tuple(buttons) + ((tuple(nav),) if nav else ()),
    )
