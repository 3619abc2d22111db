"""Commitments: who does what, by when — join, tick off, move, release, and "mijn toezeggingen".

One commitment per member per action is a unique constraint in the database, not luck: two presses of
"🙋 Ik doe mee" at the same moment meet the constraint, and the loser is told it already joined.
Every change is reported to the reminders (``bot.domain.reminders.commitment_changed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.buttons import COMMITMENT, NEIGHBOURHOOD, HARVEST
from bot.domain import reminders
from bot.domain.reminders import joins_on_the_day
from bot.domain.actions import CARD_TEXT_LIMIT, CLOSED_STATES, run_if_backed
from bot.domain.messages import Choice, Outgoing, Reply, rows
from bot.domain.listing import clip
from storage.models import Action, ActionState, Commitment, CommitmentStatus, Group, Member
from storage.repositories import actions as repo

WHAT_LIMIT = 500
MY_LIST_LIMIT = 10
# "Jouw voorstellen" in /mijn: counted up to MY_PROPOSALS_LIMIT, the first few shown.
MY_PROPOSALS_LIMIT = 100
MY_PROPOSALS_SHOWN = 6
PROPOSAL_TITLE_LIMIT = 60
PROPOSAL_GROUP_LIMIT = 30


@dataclass
class JoinResult:
    commitment: Commitment | None
    # "joined" (new or re-joined after a release), "already" (open or done before), "closed"
    outcome: str
    # Joining is support too: this join gave the proposal broad support.
    became_running: bool = False


async def join(
    session: AsyncSession, action: Action, group: Group, member: Member, now: datetime
) -> JoinResult:
    """🙋 Ik doe mee: a commitment for ``member``, due on the action's date by default."""
    if action.state in CLOSED_STATES:
        return JoinResult(None, "closed")
    existing = await repo.commitment_of(session, action.id, member.id)
    if existing is not None:
        if existing.status != CommitmentStatus.RELEASED:
            return JoinResult(existing, "already")
        existing.status, existing.what, existing.done_at = "open", None, None
        existing.due_on, existing.updated_at = action.due_on, now
        commitment = existing
    else:
        commitment = Commitment(
            action_id=action.id, member_id=member.id, due_on=action.due_on, status=CommitmentStatus.OPEN,
            created_at=now, updated_at=now,
        )
        try:
            async with session.begin_nested():
                session.add(commitment)
        except IntegrityError:
            # Pressed twice at the same moment: the other press made the row.
            return JoinResult(await repo.commitment_of(session, action.id, member.id), "already")
    action.last_activity_at = now
    await reminders.commitment_changed(session, commitment, group, now)
    became_running = await run_if_backed(session, action, group, member, now)
    return JoinResult(commitment, "joined", became_running)


def what_question(action: Action, commitment: Commitment, name: str | None = None) -> Reply:
    """What do you take on? "Gewoon meedoen" is one tap (or "ja"); typing says more."""
    return Reply(
        "commit-ask-what",
        args={"title": clip(action.title, CARD_TEXT_LIMIT)},
        choices=rows(
            [Choice("commit-button-plain", payload=COMMITMENT.data("plain", commitment.id), means="yes")],
            [Choice("commit-button-release", payload=COMMITMENT.data("rel", commitment.id), means="no")],
        ),
    )


def when_question(commitment: Commitment) -> Reply:
    """By when? The action's date is one tap."""
    default = commitment.due_on
    first = (
        Choice("commit-button-default-day", payload=COMMITMENT.data("dflt", commitment.id), label_args={"day": default})
        if default
        else Choice("commit-button-no-day", payload=COMMITMENT.data("dflt", commitment.id))
    )
    return Reply(
        "commit-ask-when" if default else "commit-ask-when-undated",
        args={"day": default},
        choices=rows([first]),
    )


async def set_what(
    session: AsyncSession, commitment: Commitment, group: Group, what: str | None, now: datetime
) -> None:
    commitment.what = what[:WHAT_LIMIT] if what else None
    commitment.updated_at = now
    await reminders.commitment_changed(session, commitment, group, now)


async def set_due(
    session: AsyncSession, commitment: Commitment, group: Group, day: date | None, now: datetime
) -> None:
    commitment.due_on = day
    commitment.updated_at = now
    await reminders.commitment_changed(session, commitment, group, now)


def noted(commitment: Commitment, action: Action, part: Reply | str = "") -> Reply:
    """What was noted; ``part`` is the part of the day the member named ("dinsdagochtend")."""
    key = "commit-noted" if commitment.due_on else "commit-noted-undated"
    if joins_on_the_day(commitment, action):
        key = "commit-noted-plain"
    return Reply(
        key,
        args={
            "title": clip(action.title, CARD_TEXT_LIMIT),
            "what": clip(commitment.what, CARD_TEXT_LIMIT) if commitment.what else Reply("commit-plain"),
            "day": commitment.due_on,
            "part": part,
        },
    )


async def mark_done(
    session: AsyncSession, commitment: Commitment, action: Action, group: Group, now: datetime
) -> bool:
    """✅ Gedaan. True when this was the last open commitment of a running action (harvest time)."""
    if commitment.status != CommitmentStatus.DONE:
        commitment.status = CommitmentStatus.DONE
        commitment.done_at = commitment.updated_at = now
        action.last_activity_at = now
        await reminders.commitment_changed(session, commitment, group, now)
    statuses = [c.status for c, _ in await repo.commitments_with_members(session, action.id)]
    return action.state == ActionState.RUNNING and "open" not in statuses and "done" in statuses


def harvest_invitation(action: Action, group: Group) -> Outgoing:
    """Everyone did their part: invite the proposer to tell how it went (as the chat's ✅ Gedaan does)."""
    return Outgoing(
        action.proposer_id,
        group.id,
        Reply(
            "harvest-all-done",
            args={"title": clip(action.title, CARD_TEXT_LIMIT)},
            choices=rows([Choice("reminder-button-harvest", payload=HARVEST.data("start", action.id))]),
        ),
    )


async def release(
    session: AsyncSession, commitment: Commitment, action: Action, group: Group, now: datetime
) -> None:
    """↩️ Loslaten / Toch niet: the member steps back; they may join again later."""
    commitment.status = CommitmentStatus.RELEASED
    commitment.updated_at = now
    action.last_activity_at = now
    await reminders.commitment_changed(session, commitment, group, now)


def release_confirmation(commitment: Commitment, action: Action) -> Reply:
    return Reply(
        "commit-release-confirm",
        args={"title": clip(action.title, CARD_TEXT_LIMIT)},
        choices=rows(
            [Choice("commit-button-release-yes", payload=COMMITMENT.data("relok", commitment.id))],
            [Choice("commit-button-release-no", payload=COMMITMENT.data("keep", commitment.id))],
        ),
    )


def commitment_line(commitment: Commitment, action: Action, group: Group) -> Reply:
    """One commitment as /mijn shows it, with its three buttons, and "➕ Ik neem iemand mee" (someone
    without a phone in the chat counts too, and is reminded through this member)."""
    return Reply(
        "mine-item" if commitment.due_on else "mine-item-undated",
        args={
            "title": clip(action.title, CARD_TEXT_LIMIT),
            "group": group.title,
            "what": clip(commitment.what, CARD_TEXT_LIMIT) if commitment.what else Reply("commit-plain"),
            "day": commitment.due_on,
        },
        choices=rows(
            [
                Choice("mine-button-done", payload=COMMITMENT.data("done", commitment.id)),
                Choice("mine-button-later", payload=COMMITMENT.data("later", commitment.id)),
                Choice("mine-button-release", payload=COMMITMENT.data("rel", commitment.id)),
            ],
            [Choice("neighbourhood-button-bring", payload=NEIGHBOURHOOD.data("bring", action.id))],
        ),
    )


async def my_commitments(session: AsyncSession, member: Member) -> list[Reply]:
    """/mijn: a heading and one message per open commitment (the soonest first), then the member's own
    open proposals ("Jouw voorstellen"): whoever proposed an action takes part in it too."""
    items = await repo.open_commitments_of_member(session, member.id, MY_LIST_LIMIT)
    proposals = await my_proposals(session, member)
    if not items:
        return [proposals] if proposals else [Reply("mine-none")]
    total = await repo.count_open_commitments_of_member(session, member.id)
    replies = [Reply("mine-heading", args={"count": total})]
    replies += [commitment_line(c, a, g) for c, a, g in items]
    if total > len(items):
        replies.append(Reply("mine-more", args={"count": total - len(items)}))
    return replies + ([proposals] if proposals else [])


async def my_proposals(session: AsyncSession, member: Member) -> Reply | None:
    """ "Jouw voorstellen": the member's proposed and running actions in one message, or None."""
    found = await repo.open_proposals_of_member(session, member.id, MY_PROPOSALS_LIMIT)
    if not found:
        return None
    # One message, and Fluent takes at most 2,500 characters per placeable: a few short lines.
    shown = found[:MY_PROPOSALS_SHOWN]
    lines = [
        Reply(
            "mine-proposal",
            args={
                "title": clip(action.title, PROPOSAL_TITLE_LIMIT),
                "group": clip(group.title, PROPOSAL_GROUP_LIMIT),
                "state": action.state,
                "day": action.due_on or Reply("mine-proposal-no-date"),
            },
        )
        for action, group in shown
    ]
    if len(found) > len(shown):
        lines.append(Reply("mine-proposals-more", args={"count": len(found) - len(shown)}))
    return Reply("mine-proposals", args={"count": len(found), "lines": lines})
