"""/agenda: what already happens or is in the pipeline in the neighbourhood ("In het hier en nu").

The seed: join what already happens, and keep an eye on what is "in de pijplijn" for the neighbourhood.
Members add items; coordinators edit and remove them.

CONTRACT for the proposal flow and the digest: ``coming_up(session, group_id, today, days)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.dates import parse_day, read_day
from bot.domain.listing import Paging, cleaned, optional_day, paging
from bot.domain.zones import local_today
from storage.models import Action, AgendaItem, Group
from storage.repositories import agenda as repo

PAGE_SIZE = 8
LIMITS = {"what": 200, "place": 200, "organiser": 200}
TEXT_FIELDS = {"what": "what", "where": "place", "organiser": "organiser"}


@dataclass(frozen=True)
class AgendaList:
    group: Group
    # Agenda items, and the group's own open actions with a day ahead ("🌉 onze actie"), in one order.
    entries: list[AgendaItem | Action]
    view: Paging
    today: date

    @property
    def items(self) -> list[AgendaItem]:
        return [entry for entry in self.entries if isinstance(entry, AgendaItem)]


async def agenda_list(session: AsyncSession, group: Group, page: int, now: datetime) -> AgendaList:
    """One page of the agenda: upcoming first (our own actions among them, by date), then the pipeline
    without a date, then the past."""
    today = local_today(now, group.timezone)
    view = paging(await repo.count_entries(session, group.id, today), page, PAGE_SIZE)
    entries = await repo.entries_page(session, group.id, today, view.offset, view.size)
    return AgendaList(group, entries, view, today)


async def coming_up(session: AsyncSession, group_id: int, today: date, days: int = 14, limit: int = 10) -> list[AgendaItem]:
    """Items from ``today`` up to ``days`` ahead, soonest first."""
    return await repo.coming_up(session, group_id, today, today + timedelta(days=days), limit)


async def item_by_id(session: AsyncSession, item_id: int) -> AgendaItem | None:
    return await session.get(AgendaItem, item_id)


async def add_item(
    session: AsyncSession, group: Group, member_id: int, what: str, now: datetime
) -> AgendaItem:
    """A new agenda item; raises ``InvalidInput`` for an empty or too long description."""
    item = AgendaItem(
        group_id=group.id,
        what=cleaned(what, LIMITS["what"]),
        created_by_id=member_id,
        created_at=now,
        updated_at=now,
    )
    session.add(item)
    await session.flush()
    return item


def set_when(item: AgendaItem, text: str, today: date, now: datetime) -> None:
    """ "zaterdag", "12 dec", "over twee weken", with a time if one is typed ("zaterdag 14:00"); a skip word
    means "no date yet". Raises ``InvalidInput``."""
    item.happens_on = optional_day(text, today, parse_day, "agenda-bad-date")
    reading = read_day(text, today) if item.happens_on is not None else None
    item.start_time = reading.start_time if reading is not None else None
    item.updated_at = now


def set_text(item: AgendaItem, field: str, text: str, now: datetime) -> None:
    """What, where or who organises; only "what" is required. Raises ``InvalidInput``."""
    column = TEXT_FIELDS[field]
    setattr(item, column, cleaned(text, LIMITS[column], optional=field != "what"))
    item.updated_at = now


def is_creator(item: AgendaItem, member_id: int) -> bool:
    return item.created_by_id == member_id


async def remove_item(session: AsyncSession, item: AgendaItem) -> None:
    """Remove the item; proposals that pointed to it keep their text (their link is cleared)."""
    await session.delete(item)
    await session.flush()
