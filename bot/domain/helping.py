"""🤝 Wij helpen mee: join what already moves, in a few taps (issue 20, "Niet opnieuw het wiel uitvinden").

The seed: "Soms is bijdragen of ondersteunen bij wat er al speelt genoeg om van waarde te zijn voor de
buurt." So helping with the buurthuis's coffee morning (an agenda item) or with what a shortlisted partner
already does ("Doet al een kerstmarkt") needs no six questions and no support vote: it becomes a light
action "Meehelpen bij …" — with whom (the organiser or partner) and what it joins filled in, its day and
time taken from the agenda item — that runs at once. Members join it with a task as any action; its
reminders and its harvest are those of any action. One live helping action per agenda item or partner:
a second tap points to the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.actions import change_state, place_new_action
from bot.domain.zones import local_today
from storage.models import LIVE_ACTION_STATES, Action, ActionState, AgendaItem, Group, Member, Partner
from storage.repositories import helping as repo

ITEMS_SHOWN = 8
PARTNERS_SHOWN = 5
TITLE_LIMIT = 120
PARTNER_NAME_LIMIT = 200
PARTNER_NOTE_LIMIT = 300


@dataclass(frozen=True)
class Chances:
    """What the group could help with now: coming agenda items, and shortlisted partners already moving."""

    items: list[AgendaItem]
    partners: list[Partner]


async def chances(session: AsyncSession, group: Group, now: datetime) -> Chances:
    today = local_today(now, group.timezone)
    return Chances(
        items=await repo.coming_items(session, group.id, today, ITEMS_SHOWN),
        partners=await repo.moving_partners(session, group.id, PARTNERS_SHOWN),
    )


async def already_helping(session: AsyncSession, group: Group, *, item: AgendaItem | None = None,
                          partner: Partner | None = None) -> Action | None:
    """The live helping action with this item (or partner, when no item), if there is one."""
    return await repo.live_helping(
        session, group.id, agenda_item_id=item.id if item else None,
        partner_id=partner.id if partner and item is None else None, states=LIVE_ACTION_STATES,
    )


async def help_with(
    session: AsyncSession, group: Group, member: Member, title: str, now: datetime, *,
    item: AgendaItem | None = None, partner: Partner | None = None,
) -> Action:
    """The light action: running at once (no support gate), with whom and what it joins filled in."""
    day: date | None = item.happens_on if item is not None else None
    if day is not None and day < local_today(now, group.timezone):
        day = None  # an item whose day passed: the helpers say when they help
    action = Action(
        group_id=group.id,
        proposer_id=member.id,
        title=title[:TITLE_LIMIT],
        with_whom=(item.organiser if item is not None else None) or (partner.name if partner else None),
        partner_id=partner.id if partner is not None else None,
        due_on=day,
        start_time=item.start_time if item is not None and day is not None else None,
        # An agenda item is what it joins (the chip 📍 counts it); a partner's activity is said in words.
        joins_existing=None if item is not None else (partner.moving_note if partner else None),
        agenda_item_id=item.id if item is not None else None,
        helping=True,
        state=ActionState.PROPOSED,
        decision_deadline=now,
        last_activity_at=now,
        created_at=now,
        updated_at=now,
    )
    await place_new_action(session, action, group, member.id, now)
    if action.state == ActionState.PROPOSED:
        await change_state(session, action, group, ActionState.RUNNING, now, member_id=member.id, kind="helping")
    return action


async def partner_of(session: AsyncSession, group: Group, partner_id: int) -> Partner | None:
    partner = await session.get(Partner, partner_id)
    return partner if partner is not None and partner.group_id == group.id else None


async def item_of(session: AsyncSession, group: Group, item_id: int) -> AgendaItem | None:
    item = await session.get(AgendaItem, item_id)
    return item if item is not None and item.group_id == group.id else None


async def partner_of_item(session: AsyncSession, group: Group, item: AgendaItem) -> Partner | None:
    """The partner whose name is the item's organiser ("Anouk (wijkregisseur)" → Anouk), if on the list."""
    return await repo.partner_named_in(session, group.id, item.organiser) if item.organiser else None


async def partner_met_at(
    session: AsyncSession, group: Group, action: Action, note: str, now: datetime
) -> Partner:
    """The harvest's "Wie uit de buurt hebben jullie ontmoet?" on the longlist: where and when they met,
    so the coordinators know whom to call. Once: a second tap finds the same partner."""
    name = (action.harvest_met or "").strip()[:PARTNER_NAME_LIMIT]
    known = await repo.partner_named_in(session, group.id, name)
    if known is not None:
        return known
    met_on = action.due_on or local_today(now, group.timezone)
    partner = Partner(
        group_id=group.id, name=name, moving_note=note[:PARTNER_NOTE_LIMIT], last_contact_on=met_on,
        on_shortlist=False, created_at=now, updated_at=now,
    )
    session.add(partner)
    await session.flush()
    return partner
