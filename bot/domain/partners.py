"""/partners: the longlist and shortlist of partners and key figures ("Samen met anderen").

The seed's tips: make a shortlist from the longlist — who is already moving and can you take along? Find
the key figures: the wijkregisseur (formal role) and the buurtburgemeesters (informal role).

CONTRACT for the proposal flow: ``shortlist(session, group_id)`` gives the partners on the shortlist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import dateparser
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.listing import Paging, cleaned, optional_day, paging
from storage.models import Action, Group, Partner
from storage.repositories import partners as repo

PAGE_SIZE = 8
ACTIONS_SHOWN = 5
LIMITS = {"name": 200, "kind": 100, "contact": 500, "moving": 1000, "role": 100}
# The fields a coordinator edits by typing, and the column each one fills.
TEXT_FIELDS = {
    "name": "name",
    "kind": "kind",
    "contact": "contact",
    "moving": "moving_note",
    "role": "key_role",
}
KINDS = ("welzijn", "gemeente", "corporatie", "buurthuis", "zorg", "school", "ondernemer", "bewoner")
# Key figures the seed names: a formal and an informal role.
KEY_ROLES = {"w": ("wijkregisseur", True), "b": ("buurtburgemeester", False)}


@dataclass(frozen=True)
class PartnerList:
    group: Group
    partners: list[tuple[Partner, int]]
    view: Paging


@dataclass(frozen=True)
class PartnerCard:
    partner: Partner
    actions: list[Action]
    action_count: int


async def partner_list(session: AsyncSession, group: Group, page: int) -> PartnerList:
    """One page of the longlist, shortlist first, with the number of actions done with each."""
    view = paging(await repo.count_partners(session, group.id), page, PAGE_SIZE)
    return PartnerList(group, await repo.partners_page(session, group.id, view.offset, view.size), view)


async def shortlist(session: AsyncSession, group_id: int) -> list[Partner]:
    """The partners on the group's shortlist, by name (the proposal flow offers them as buttons)."""
    return await repo.shortlist(session, group_id)


async def partner_of_group(session: AsyncSession, partner_id: int) -> Partner | None:
    return await repo.partner(session, partner_id)


async def partner_card(session: AsyncSession, partner: Partner) -> PartnerCard:
    actions, count = await repo.actions_with(session, partner.id, ACTIONS_SHOWN)
    return PartnerCard(partner, actions, count)


async def add_partner(session: AsyncSession, group: Group, name: str, now: datetime) -> Partner:
    """A new partner on the longlist; raises ``InvalidInput`` for an empty or too long name."""
    value = cleaned(name, LIMITS["name"])
    return await repo.add(
        session,
        Partner(
            group_id=group.id, name=value, on_shortlist=False, created_at=now, updated_at=now
        ),
    )


def set_text(partner: Partner, field: str, text: str, now: datetime) -> None:
    """Fill one typed field; a skip word empties an optional one. Raises ``InvalidInput``."""
    value = cleaned(text, LIMITS[field], optional=field != "name")
    setattr(partner, TEXT_FIELDS[field], value)
    if field == "role":
        # A role typed by hand is neither the seed's formal nor its informal example.
        partner.key_role_formal = None
    partner.updated_at = now


def set_last_contact(partner: Partner, text: str, today: date, now: datetime) -> None:
    """ "gisteren", "vorige week", "3 november": the last contact, today or earlier. Raises ``InvalidInput``."""
    partner.last_contact_on = optional_day(text, today, parse_past_day, "partner-bad-date")
    partner.updated_at = now


def parse_past_day(text: str, today: date) -> date | None:
    """A day in the past or today, read forgivingly in Dutch or English."""
    base = datetime(today.year, today.month, today.day, 12, 0)
    parsed = dateparser.parse(
        text,
        languages=["nl", "en"],
        settings={"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY", "RELATIVE_BASE": base},
    )
    if parsed is None or parsed.date() > today:
        return None
    return parsed.date()


def set_kind(partner: Partner, kind_label: str | None, now: datetime) -> None:
    partner.kind = kind_label[: LIMITS["kind"]] if kind_label else None
    partner.updated_at = now


def set_key_role(partner: Partner, code: str, role_label: str | None, now: datetime) -> None:
    """A key figure's role from a button: ``w`` wijkregisseur (formal), ``b`` buurtburgemeester, ``x`` none."""
    if code == "x":
        partner.key_role, partner.key_role_formal = None, None
    else:
        _, formal = KEY_ROLES[code]
        partner.key_role, partner.key_role_formal = role_label, formal
    partner.updated_at = now


def toggle_shortlist(partner: Partner, now: datetime) -> bool:
    partner.on_shortlist = not partner.on_shortlist
    partner.updated_at = now
    return partner.on_shortlist


async def remove_partner(session: AsyncSession, partner: Partner) -> None:
    """Remove from the longlist; actions done with them keep their history (their link is cleared)."""
    await repo.remove(session, partner.id)
