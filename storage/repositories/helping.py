"""What a group could help with ("🤝 Wij helpen mee"), and its helping actions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Action, AgendaItem, Partner


async def coming_items(session: AsyncSession, group_id: int, today: date, limit: int) -> list[AgendaItem]:
    """Agenda items from today on, soonest first, then the ones in the pipeline (no day yet)."""
    return list(
        await session.scalars(
            select(AgendaItem)
            .where(AgendaItem.group_id == group_id, or_(AgendaItem.happens_on.is_(None), AgendaItem.happens_on >= today))
            .order_by(AgendaItem.happens_on.is_(None), AgendaItem.happens_on, AgendaItem.start_time, AgendaItem.id)
            .limit(limit)
        )
    )


async def moving_partners(session: AsyncSession, group_id: int, limit: int) -> list[Partner]:
    """Shortlisted partners with a note of what they already do (who is already moving)."""
    return list(
        await session.scalars(
            select(Partner)
            .where(Partner.group_id == group_id, Partner.on_shortlist, Partner.moving_note.is_not(None))
            .order_by(Partner.name, Partner.id)
            .limit(limit)
        )
    )


async def live_helping(
    session: AsyncSession, group_id: int, *, agenda_item_id: int | None, partner_id: int | None,
    states: tuple[str, ...],
) -> Action | None:
    query = select(Action).where(Action.group_id == group_id, Action.helping, Action.state.in_(states))
    if agenda_item_id is not None:
        query = query.where(Action.agenda_item_id == agenda_item_id)
    elif partner_id is not None:
        query = query.where(Action.partner_id == partner_id, Action.agenda_item_id.is_(None))
    else:
        return None
    return await session.scalar(query.order_by(Action.id.desc()).limit(1))


async def partner_named_in(session: AsyncSession, group_id: int, text: str) -> Partner | None:
    """A partner of the group whose name stands at the start of ``text`` ("Anouk (wijkregisseur)")."""
    lowered = text.strip().lower()
    for partner in await session.scalars(select(Partner).where(Partner.group_id == group_id)):
        name = partner.name.strip().lower()
        if name and (lowered == name or lowered.startswith(name + " ") or lowered.startswith(name + ",")):
            return partner
    return None
