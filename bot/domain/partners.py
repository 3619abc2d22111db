"""/partners: the longlist and shortlist of partners and key figures ("Samen met anderen").

The seed's tips: make a shortlist from the longlist — who is already moving and can you take along? Find
the key figures: the wijkregisseur (formal role) and the buurtburgemeesters (informal role).

CONTRACT for the proposal flow: ``shortlist(session, group_id)`` gives the partners on the shortlist.

Partners as equals (issue 20, the seed's "Kansen voor praktijkpartners" and "Bouw aan wederkerige
relaties"): per partner what they ask of us and what we can do for them, where we stand (a
``PartnerStatus`` in plain words, with the day of the last contact), what they want and what we want when
the two differ (the seed's "(On)afhankelijkheid van de systeemwereld": noted, not judged), what we did
together and how many people it reached, and a nudge to the coordinators when a shortlisted partner has
been quiet for ``Group.partner_quiet_days`` days (``quiet_partner_nudges``, called by the tick).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import dateparser
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.buttons import PARTNERS
from bot.domain.listing import InvalidInput, Paging, cleaned, optional_day, paging, shorten
from bot.domain.messages import Choice, Outgoing, Reply, rows
from bot.domain.zones import local_today
from storage.models import Action, Group, Partner, PartnerStatus
from storage.repositories import partners as repo
from storage.repositories import roles as roles_repo

PAGE_SIZE = 8
ACTIONS_SHOWN = 5
LIMITS = {
    "name": 200, "kind": 100, "contact": 500, "moving": 1000, "role": 100,
    "asks": 1000, "offer": 1000, "theirs": 1000, "ours": 1000,
}
# The fields a coordinator edits by typing, and the column each one fills.
TEXT_FIELDS = {
    "name": "name",
    "kind": "kind",
    "contact": "contact",
    "moving": "moving_note",
    "role": "key_role",
    # Reciprocity both ways: "wat vragen zij van ons?" and "wat kunnen wij voor hen doen?".
    "asks": "asks_of_us",
    "offer": "we_offer_them",
    # "Wat willen zij, wat willen wij" when they differ.
    "theirs": "their_wish",
    "ours": "our_wish",
}
# Where we stand, in the order the buttons show it (the way a relation usually grows).
STATUSES = tuple(status.value for status in PartnerStatus)
# "Samen gedaan: 3 acties (Moestuin met de school, …)": this many titles, the latest.
DONE_TITLES_SHOWN = 2
NAME_SHOWN = 80
KINDS = ("welzijn", "gemeente", "corporatie", "buurthuis", "zorg", "school", "ondernemer", "bewoner")
# Key figures the seed names: a formal and an informal role.
KEY_ROLES = {"w": ("wijkregisseur", True), "b": ("buurtburgemeester", False)}


@dataclass(frozen=True)
class PartnerList:
    group: Group
    partners: list[tuple[Partner, int]]
    view: Paging


@dataclass(frozen=True)
class DoneTogether:
    """The actions done with a partner: how many, the latest titles, and the people reached (what the
    harvest counted outside the group plus the neighbours who said "Ik kom ook")."""

    count: int
    titles: list[str]
    reached: int


def done_together(done: list[tuple[str, int | None, int]]) -> DoneTogether:
    """From the done actions (title, reach count, neighbours coming), latest first."""
    reached = sum(max(reach or 0, 0) + max(coming, 0) for _, reach, coming in done)
    return DoneTogether(len(done), [title for title, _, _ in done[:DONE_TITLES_SHOWN]], reached)


@dataclass(frozen=True)
class PartnerCard:
    partner: Partner
    actions: list[Action]
    action_count: int
    done: DoneTogether = DoneTogether(0, [], 0)


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
    done = done_together(await repo.done_with_partner(session, partner.id))
    return PartnerCard(partner, actions, count, done)


async def done_together_of(session: AsyncSession, group_id: int) -> dict[int, DoneTogether]:
    """``DoneTogether`` per partner of the group that did something with us (the dashboard, the export)."""
    return {
        partner_id: done_together(done)
        for partner_id, done in (await repo.done_with_partners_of(session, group_id)).items()
    }


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


def set_status(partner: Partner, status: str, today: date, now: datetime) -> bool:
    """Where we stand with the partner (a ``PartnerStatus`` value; ``InvalidInput`` otherwise).

    A CHANGED status also makes today the day of the last contact when the one noted is older (or none):
    a group learns where it stands by speaking with the partner — "we werken samen" or "(nog) niet" is
    what came out of a conversation, and the coordinator who notes it usually just had it. So one tap
    does both, and the quiet-partner nudge does not come right after. Choosing the same status again
    changes nothing, and a coordinator who only corrects a status can put the day back with "Laatste
    contact" (the card says the day moved). Returns whether it did."""
    if status not in STATUSES:
        raise InvalidInput("partner-bad-status")
    changed = partner.status != status
    partner.status = status
    partner.updated_at = now
    if changed and (partner.last_contact_on is None or partner.last_contact_on < today):
        partner.last_contact_on = today
        return True
    return False


def contact_today(partner: Partner, today: date, now: datetime) -> None:
    """ "✅ Net contact gehad": the last contact is today (a later day noted by hand stays)."""
    if partner.last_contact_on is None or partner.last_contact_on < today:
        partner.last_contact_on = today
    partner.updated_at = now


# ---------------------------------------------------------------- the quiet-partner nudge


def quiet_since(partner: Partner, group: Group) -> date:
    """The day the silence began: the last contact noted, or else the day the partner was put on the list."""
    return partner.last_contact_on or local_today(partner.created_at, group.timezone)


def is_quiet(partner: Partner, group: Group, today: date) -> bool:
    """Nudge-worthy today: on the shortlist, not "(nog) niet", the group asks for nudges, and no contact
    for ``partner_quiet_days`` days or more. One silence gets one nudge: after a nudge only a contact on
    or after the nudge's day starts a new silence that may be nudged about again."""
    days = group.partner_quiet_days
    if days <= 0 or not partner.on_shortlist or partner.status == PartnerStatus.NOT_NOW:
        return False
    since = quiet_since(partner, group)
    if (today - since).days < days:
        return False
    return partner.nudged_at is None or since >= local_today(partner.nudged_at, group.timezone)


@dataclass(frozen=True)
class QuietNudge:
    """One coordinator's nudge about one partner; ``key`` makes it once in the outbox."""

    partner: Partner
    outgoing: Outgoing
    key: str


def quiet_nudge_reply(partner: Partner, group: Group) -> Reply:
    """ "📇 Al een tijd geen contact met Buurthuis De Linde (sinds zaterdag 3 oktober). Even bellen of
    langsgaan?" with the card and "✅ Net contact gehad"."""
    args: dict[str, object] = {
        "name": shorten(partner.name, NAME_SHOWN), "group": shorten(group.title, NAME_SHOWN),
    }
    if partner.last_contact_on is not None:
        message, args["day"] = "partner-quiet-nudge", partner.last_contact_on
    else:
        message = "partner-quiet-nudge-never"
    return Reply(
        message,
        args=args,
        choices=rows(
            [Choice("partner-quiet-open", payload=PARTNERS.data("v", partner.id))],
            [Choice("partner-quiet-contacted", payload=PARTNERS.data("ct", partner.id))],
        ),
    )


async def quiet_partner_nudges(session: AsyncSession, now: datetime) -> list[QuietNudge]:
    """Shortlisted partners that have been quiet too long (``is_quiet``), each marked nudged now, with a
    private message to every coordinator of its group who can be reached privately. When none can, one
    message goes to a coordinator all the same: the outbox then says it in the group, naming them (and
    with no coordinator known at all, to the group). Quiet hours are the outbox's to respect."""
    nudges: list[QuietNudge] = []
    coordinators: dict[int, list[int | None]] = {}
    for partner, group in await repo.shortlisted_for_nudges(session):
        today = local_today(now, group.timezone)
        if not is_quiet(partner, group, today):
            continue
        if group.id not in coordinators:
            everyone = await roles_repo.coordinators_of(session, group.id)
            reachable: list[int | None] = [c.id for c in everyone if c.has_private_chat and not c.unreachable]
            coordinators[group.id] = reachable or [c.id for c in everyone[:1]] or [None]
        partner.nudged_at = now
        reply = quiet_nudge_reply(partner, group)
        since = quiet_since(partner, group)
        for member_id in coordinators[group.id]:
            nudges.append(QuietNudge(
                partner, Outgoing(member_id, group.id, reply),
                key=f"partner-quiet:{partner.id}:{since:%Y%m%d}:{member_id or 'group'}",
            ))
    if nudges:
        await session.flush()
    return nudges


async def remove_partner(session: AsyncSession, partner: Partner) -> None:
    """Remove from the longlist; actions done with them keep their history (their link is cleared)."""
    await repo.remove(session, partner.id)
