"""What is kept only for a while is deleted when its while is over (the README's data table)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ActionDraft, PendingReply
from storage.repositories.neighbourhood import clear_old_contacts
from storage.repositories.privacy import clear_finished_payloads_before

# An expired draft stays a day longer, so the member's next /actie can still say gently that it
# expired (``bot.domain.proposals.start_draft``) instead of starting afresh without a word.
EXPIRED_KEPT = timedelta(hours=24)
# What a finished reminder said is kept this long (to look into a complaint), then cleared; its key stays.
FINISHED_WORDS_KEPT = timedelta(days=30)


# How long a neighbour's name and contact stay after the action's day (README: what Brug stores).
CONTACTS_KEPT = timedelta(days=30)


async def delete_expired(session: AsyncSession, now: datetime) -> dict[str, int]:
    """Drafts and open questions (both may hold what a member typed) a day after they expired, and what
    finished reminders said after ``FINISHED_WORDS_KEPT``."""
    before = now - EXPIRED_KEPT
    counts = {}
    for name, model in (("drafts", ActionDraft), ("questions", PendingReply)):
        result = await session.execute(
            delete(model).where(model.expires_at < before).execution_options(synchronize_session=False)
        )
        counts[name] = int(getattr(result, "rowcount", 0) or 0)
    counts["reminder texts"] = await clear_finished_payloads_before(session, now - FINISHED_WORDS_KEPT)
    # Neighbours' names and contacts ("ik kom ook") a month after the action's day.
    counts["neighbour contacts"] = await clear_old_contacts(session, (now - CONTACTS_KEPT).date())
    return counts
