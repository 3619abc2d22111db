"""Everything of a group in a few queries, for the coordinator's exports."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import Action, Commitment, Member, Partner
from storage.repositories import partners


async def actions_with_commitments(
    session: AsyncSession, group_id: int
) -> list[tuple[Action, str, str | None, Commitment | None, str | None]]:
    """(action, proposer, partner name, commitment or None, committer) — one row per commitment, plus
    one row for each action without any; by action, then commitment."""
    proposer = aliased(Member)
    committer = aliased(Member)
    result = await session.execute(
        select(Action, proposer.first_name, Partner.name, Commitment, committer.first_name)
        .join(proposer, proposer.id == Action.proposer_id)
        .outerjoin(Partner, Partner.id == Action.partner_id)
        .outerjoin(Commitment, Commitment.action_id == Action.id)
        .outerjoin(committer, committer.id == Commitment.member_id)
        .where(Action.group_id == group_id)
        .order_by(Action.id, Commitment.id)
    )
    return [
        (action, proposer_name, partner_name, commitment, committer_name)
        for action, proposer_name, partner_name, commitment, committer_name in result
    ]


async def partners_with_action_counts(session: AsyncSession, group_id: int) -> list[tuple[Partner, int]]:
    """Every partner, in the order and with the counts of the /partners list."""
    result = await session.execute(partners.with_action_counts(group_id))
    return [(partner, count) for partner, count in result]
