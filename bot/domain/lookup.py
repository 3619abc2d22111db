"""What a handler loads before it acts: the row a button or a stored question names.

Handlers reach stored rows through here and the feature services, never through ``storage`` itself (an
import-linter contract in ``tests/test_architecture.py`` holds them to it). Loading one row by its id is
one generic function; the few loads with a meaning of their own (a button's action *in its group*, locked
for the change that follows) keep their names from the repositories they come from.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Action, ActionDraft, Commitment, Group, Member
from storage.repositories.actions import (
    action_in_group,
    draft_for,
    groups_of_member,
    locked_action_with_people,
    open_draft_of_member,
)
from storage.repositories.members import member_by_telegram_id, membership
from storage.repositories.partners import all_partners
from storage.repositories.pending import for_member as question_for_member
from storage.repositories.pending import for_prompt as question_for_prompt

__all__ = [
    "action", "action_in_group", "all_partners", "by_id", "commitment", "draft", "draft_for", "group",
    "groups_of_member", "locked_action_with_people", "member", "member_by_telegram_id", "membership",
    "open_draft_of_member", "question_for_member", "question_for_prompt",
]

Row = TypeVar("Row")


async def by_id(session: AsyncSession, model: type[Row], row_id: int | None) -> Row | None:
    """The row of ``model`` with this id, or None (also for no id: a question that names nothing)."""
    if not row_id:
        return None
    return await session.get(model, row_id)


async def member(session: AsyncSession, member_id: int | None) -> Member | None:
    return await by_id(session, Member, member_id)


async def action(session: AsyncSession, action_id: int | None) -> Action | None:
    return await by_id(session, Action, action_id)


async def group(session: AsyncSession, group_id: int | None) -> Group | None:
    return await by_id(session, Group, group_id)


async def commitment(session: AsyncSession, commitment_id: int | None) -> Commitment | None:
    return await by_id(session, Commitment, commitment_id)


async def draft(session: AsyncSession, draft_id: int | None) -> ActionDraft | None:
    return await by_id(session, ActionDraft, draft_id)
