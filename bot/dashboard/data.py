"""What each dashboard page shows, read in a few queries and handed over as plain dataclasses.

The rules are the ones the chat uses: commitments overdue first (as ``/overzicht``), the building blocks
as the proposal card computes them (``bot.domain.proposals.building_blocks``), the partner list as ``/partners``
orders it, the agenda as ``/agenda`` does. Movement over time is new here: per calendar month (in the
group's time zone) how many actions were proposed, were running and were done, how many members took
part, how many neighbours outside the group were reached, and how many partners were involved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.actions import OPEN_STATES
from bot.domain.dates import time_text
from bot.domain.listing import Paging, paging, row_id
from bot.domain.zones import local_today, zone
from bot.domain.overview import CommitmentLine
from bot.domain.partners import DoneTogether, done_together_of
from bot.domain.proposals import building_blocks
from storage.models import Action, ActionState, AgendaItem, Group, Partner
from storage.repositories import agenda as agenda_repo
from storage.repositories import dashboard as repo
from storage.repositories import neighbourhood as neighbourhood_repo
from storage.repositories import partners as partners_repo

COMMITMENTS_LIMIT = 2000
# Commitments per page: a phone scrolls through this many comfortably.
PAGE_SIZE = 50
LIST_LIMIT = 500
MOVEMENT_MONTHS = 12
STATUSES = ("all", "open", "late", "done")
SORTS = ("urgent", "due", "member", "action")
# Overdue first, then open, done, released (the order of /overzicht).
STATUS_RANK = {"late": 0, "open": 1, "done": 2, "released": 3}
NOTHING_DONE = DoneTogether(0, [], 0)


# ---------------------------------------------------------------- days and times


def day_with_time(day_text: str, at: time | None, lang: str) -> str:
    """A day as the page words it ("za 5 dec 2026"), with the action's or item's own time when it has one:
    "za 5 dec 2026, 14:00", "Sat 5 Dec 2026, 2:00 PM" (as the chat's ``day-at``; the time as ``time_text``
    writes it for the reader). No time: the whole day, the day alone."""
    return day_text if at is None else f"{day_text}, {time_text(at, lang)}"


# ---------------------------------------------------------------- commitments


@dataclass(frozen=True)
class CommitmentFilter:
    status: str = "all"
    action_id: int | None = None
    member_id: int | None = None
    sort: str = "urgent"

    @classmethod
    def parse(cls, status: str, action: str, member: str, sort: str) -> CommitmentFilter:
        """From the page's query string; anything unknown falls back to "everything, overdue first"."""
        return cls(
            status=status if status in STATUSES else "all",
            action_id=row_id(action),
            member_id=row_id(member),
            sort=sort if sort in SORTS else "urgent",
        )


@dataclass(frozen=True)
class CommitmentsPage:
    group: Group
    filter: CommitmentFilter
    rows: list[CommitmentLine]
    # (id, label) to filter on, from every commitment of the group.
    actions: list[tuple[int, str]]
    members: list[tuple[int, str]]
    late_count: int
    today: date
    # Which page of the filtered list ``rows`` is (0-based), of how many, of how many commitments.
    paging: Paging


def status_of(status: str, due_on: date | None, today: date, action_state: str) -> str:
    """As /overzicht: open and past its day is late — unless its action is done or let go."""
    late = status == "open" and due_on is not None and due_on < today and action_state in OPEN_STATES
    return "late" if late else status


def filtered_and_sorted(rows: list[CommitmentLine], flt: CommitmentFilter) -> list[CommitmentLine]:
    """The rows that match every part of the filter, in the chosen order (ties: overdue first, soonest)."""
    wanted = [
        row
        for row in rows
        if (flt.status == "all" or row.status == flt.status or (flt.status == "open" and row.status == "late"))
        and (flt.action_id is None or row.action_id == flt.action_id)
        and (flt.member_id is None or row.member_id == flt.member_id)
    ]

    def urgent(row: CommitmentLine) -> tuple:
        return (STATUS_RANK.get(row.status, 4), row.due_on is None, row.due_on or date.min, row.commitment_id)

    orders = {
        "urgent": urgent,
        "due": lambda row: (row.due_on is None, row.due_on or date.min, *urgent(row)),
        "member": lambda row: (row.member_name.lower(), *urgent(row)),
        "action": lambda row: (row.action_title.lower(), *urgent(row)),
    }
    return sorted(wanted, key=orders[flt.sort])


async def commitments_page(
    session: AsyncSession, group: Group, flt: CommitmentFilter, now: datetime, page: int = 0
) -> CommitmentsPage:
    today = local_today(now, group.timezone)
    rows = [
        CommitmentLine(cid, name, what, due, status_of(status, due, today, state), aid, title, member_id=mid)
        for cid, mid, name, what, due, status, aid, title, state in await repo.commitments_of_group(
            session, group.id, COMMITMENTS_LIMIT
        )
    ]
    actions = sorted({(row.action_id, row.action_title) for row in rows}, key=lambda a: a[1].lower())
    members = sorted({(row.member_id, row.member_name) for row in rows}, key=lambda m: m[1].lower())
    wanted = filtered_and_sorted(rows, flt)
    view = paging(len(wanted), page, PAGE_SIZE)
    return CommitmentsPage(
        group=group,
        filter=flt,
        rows=wanted[view.offset : view.offset + view.size],
        actions=actions,
        members=members,
        late_count=sum(1 for row in rows if row.status == "late"),
        today=today,
        paging=view,
    )


# ---------------------------------------------------------------- actions


@dataclass(frozen=True)
class ActionRow:
    action: Action
    proposer_name: str
    # samen, eenvoudig, kort, besmettelijk, hier_en_nu, wederkerig -> covered
    blocks: dict[str, bool]
    supporters: int
    open_commitments: int
    done_commitments: int
    # The public page's token while the action is shown to the neighbourhood (its page and flyer).
    public_token: str | None = None


async def actions_page(session: AsyncSession, group: Group) -> list[ActionRow]:
    """Every action with its building blocks as its card shows them (judged on the day it was proposed)."""
    supports = await repo.support_counts(session, group.id)
    commitments = await repo.commitment_counts(session, group.id)
    shown = await neighbourhood_repo.shown_tokens(session, group.id)
    rows = []
    for action, proposer in await repo.actions_with_proposers(session, group.id):
        blocks = building_blocks(
            title=action.title, with_whom=action.with_whom, partner_id=action.partner_id,
            due_on=action.due_on, joins_existing=action.joins_existing,
            agenda_item_id=action.agenda_item_id, we_need=action.we_need, we_offer=action.we_offer,
            contagious=action.contagious, today=local_today(action.created_at, group.timezone),
            max_days=group.max_action_days,
        )
        rows.append(
            ActionRow(
                action=action,
                proposer_name=proposer,
                blocks=blocks,
                supporters=supports.get(action.id, 0),
                open_commitments=commitments.get((action.id, "open"), 0),
                done_commitments=commitments.get((action.id, "done"), 0),
                public_token=shown.get(action.id),
            )
        )
    return rows


# ---------------------------------------------------------------- partners and agenda


@dataclass(frozen=True)
class PartnerRow:
    """One partner on the page: how many actions with them, and what was done together (issue 20)."""

    partner: Partner
    action_count: int
    done: DoneTogether


@dataclass(frozen=True)
class PartnersPage:
    shortlist: list[PartnerRow]
    longlist: list[PartnerRow]
    key_figures: list[Partner]


async def partners_page(session: AsyncSession, group: Group) -> PartnersPage:
    """Shortlist (already moving), the rest of the longlist, and the key figures among them; each partner
    with where we stand, reciprocity both ways, the wishes and what was done together (as the card)."""
    partners = await partners_repo.partners_page(session, group.id, 0, LIST_LIMIT)
    done = await done_together_of(session, group.id)
    rows = [PartnerRow(p, n, done.get(p.id, NOTHING_DONE)) for p, n in partners]
    return PartnersPage(
        shortlist=[row for row in rows if row.partner.on_shortlist],
        longlist=[row for row in rows if not row.partner.on_shortlist],
        key_figures=[row.partner for row in rows if row.partner.key_role],
    )


@dataclass(frozen=True)
class AgendaPage:
    upcoming: list[AgendaItem]
    pipeline: list[AgendaItem]
    past: list[AgendaItem]
    today: date


async def agenda_page(session: AsyncSession, group: Group, now: datetime) -> AgendaPage:
    """Upcoming (soonest first), in the pipeline (no date yet), and what already happened."""
    today = local_today(now, group.timezone)
    items = await agenda_repo.items_page(session, group.id, today, 0, LIST_LIMIT)
    return AgendaPage(
        upcoming=[i for i in items if i.happens_on is not None and i.happens_on >= today],
        pipeline=[i for i in items if i.happens_on is None],
        past=[i for i in items if i.happens_on is not None and i.happens_on < today],
        today=today,
    )


# ---------------------------------------------------------------- movement over time


@dataclass(frozen=True)
class ActionFacts:
    """What movement over time needs of one action."""

    state: str
    created_at: datetime
    running_from: datetime | None
    closed_at: datetime | None
    partner_id: int | None
    reach_count: int | None


@dataclass(frozen=True)
class MonthFigures:
    month: date
    proposed: int
    running: int
    done: int
    members: int
    reach: int
    partners: int


def recent_months(now: datetime, timezone: str, count: int, since: datetime | None = None) -> list[date]:
    """The first days of the last ``count`` months up to this one, not before ``since``'s month."""
    tz = zone(timezone)
    local = now.astimezone(tz)
    year, month = local.year, local.month
    months = []
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    if since is not None:
        first = since.astimezone(tz).date().replace(day=1)
        months = [m for m in months if m >= first] or [months[0]]
    return sorted(months)


def _month_start(month: date, tz: ZoneInfo) -> datetime:
    return datetime(month.year, month.month, 1, tzinfo=tz)


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def movement_per_month(
    months: list[date],
    actions: list[ActionFacts],
    participation: list[tuple[int, datetime]],
    timezone: str,
) -> list[MonthFigures]:
    """The figures per month.

    proposed: actions created that month; running: actions running at some moment of the month (from
    their broad support until they closed); done: actions done that month; members: different members who
    proposed, supported, committed or raised a concern that month; reach: neighbours reached by actions
    that closed that month; partners: different partners of actions open at some moment of the month.
    """
    tz = zone(timezone)
    figures = []
    for month in months:
        start, end = _month_start(month, tz), _month_start(_next_month(month), tz)

        def within(moment: datetime | None) -> bool:
            return moment is not None and start <= moment < end

        def open_during(facts: ActionFacts, since: datetime | None) -> bool:
            return since is not None and since < end and (facts.closed_at is None or facts.closed_at >= start)

        figures.append(
            MonthFigures(
                month=month,
                proposed=sum(1 for a in actions if within(a.created_at)),
                running=sum(1 for a in actions if open_during(a, a.running_from)),
                done=sum(1 for a in actions if a.state == ActionState.DONE and within(a.closed_at)),
                members=len({member for member, at in participation if within(at)}),
                reach=sum(max(a.reach_count or 0, 0) for a in actions if within(a.closed_at)),
                partners=len(
                    {a.partner_id for a in actions if a.partner_id and open_during(a, a.created_at)}
                ),
            )
        )
    return figures


async def movement(session: AsyncSession, group: Group, now: datetime) -> list[MonthFigures]:
    """Movement over the last twelve months (or since Brug joined the group)."""
    months = recent_months(now, group.timezone, MOVEMENT_MONTHS, since=group.created_at)
    since = _month_start(months[0], zone(group.timezone))
    running = await repo.running_since(session, group.id)
    actions = [
        ActionFacts(
            state=action.state,
            created_at=action.created_at,
            running_from=running.get(action.id),
            closed_at=action.closed_at,
            partner_id=action.partner_id,
            reach_count=action.reach_count,
        )
        for action, _ in await repo.actions_with_proposers(session, group.id)
    ]
    participation = await repo.participation_since(session, group.id, since)
    return movement_per_month(months, actions, participation, group.timezone)
