"""Reminders and nudges as outbox rows (issue 5).

CONTRACT (other features call these whenever something a reminder depends on changes; each schedules,
moves or cancels the pending rows so nobody is reminded of something that no longer stands):

- ``commitment_changed(session, commitment, group, now)``: after a commitment is created, re-dated, done
  or released.
- ``action_changed(session, action, group, now)``: after an action is proposed, becomes running, gets a
  new date, is done or let go.
- ``group_settings_changed(session, group, now)``: after a coordinator changes digest day/hour, quiet
  hours, stale period or time zone.

SCAFFOLD: the reminders work (issue 5) replaces these bodies; until then they do nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Action, Commitment, Group


async def commitment_changed(
    session: AsyncSession, commitment: Commitment, group: Group, now: datetime
) -> None:
    return None


async def action_changed(session: AsyncSession, action: Action, group: Group, now: datetime) -> None:
    return None


async def group_settings_changed(session: AsyncSession, group: Group, now: datetime) -> None:
    return None
