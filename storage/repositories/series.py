"""Series of actions ("elke eerste zaterdag"): their latest action, the next one made once, its card posted once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Action, Commitment, Group, Support
from storage.repositories.claims import claim


def _in_series(series_id: int):
    return or_(Action.series_of_id == series_id, Action.id == series_id)


async def latest_of_series(session: AsyncSession, series_id: int) -> Action | None:
    """The action that holds the series' rule now (None: the series is stopped or never started)."""
    return await session.scalar(
        select(Action).where(_in_series(series_id), Action.series_rule.is_not(None)).limit(1)
    )


async def clear_rules(session: AsyncSession, series_id: int) -> int:
    done = await session.execute(
        update(Action)
        .where(_in_series(series_id), Action.series_rule.is_not(None))
        .values(series_rule=None)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(done, "rowcount", 0) or 0)


async def series_heads(session: AsyncSession) -> list[tuple[Action, Group]]:
    """Every running series' latest action, of groups that still use Brug."""
    rows = await session.execute(
        select(Action, Group)
        .join(Group, Group.id == Action.group_id)
        .where(Action.series_rule.is_not(None), Group.active)
        .order_by(Action.id)
    )
    return [(action, group) for action, group in rows]


async def quiet_in_a_row(session: AsyncSession, series_id: int) -> int:
    """How many of the series' latest actions, newest first, nobody backed nor joined."""
    backed = exists().where(Support.action_id == Action.id)
    joined = exists().where(Commitment.action_id == Action.id)
    rows = await session.execute(
        select(backed, joined).where(_in_series(series_id)).order_by(Action.due_on.desc(), Action.id.desc())
    )
    quiet = 0
    for was_backed, was_joined in rows:
        if was_backed or was_joined:
            break
        quiet += 1
    return quiet


async def add_if_new(session: AsyncSession, action: Action) -> bool:
    """Add the series' next action unless it exists (another worker was first): True when added."""
    known = await session.scalar(
        select(Action.id).where(Action.series_of_id == action.series_of_id, Action.due_on == action.due_on)
    )
    if known is not None:
        return False
    try:
        async with session.begin_nested():
            session.add(action)
            await session.flush()
    except IntegrityError:
        return False
    return True


async def claim_cards(session: AsyncSession, now: datetime, lease_until: datetime) -> list[Action]:
    """Actions the tick made whose card is due to be posted, leased to this worker."""
    return await claim(
        session,
        Action,
        where=[Action.card_due_at.is_not(None), Action.card_due_at <= now, Action.card_message_id.is_(None)],
        order_by=[Action.card_due_at, Action.id],
        limit=20,
        values={"card_due_at": lease_until},
    )


async def card_posted(session: AsyncSession, action_id: int, message_id: int) -> None:
    await session.execute(
        update(Action)
        .where(Action.id == action_id)
        .values(card_message_id=message_id, card_due_at=None)
        .execution_options(synchronize_session=False)
    )
