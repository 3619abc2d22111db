"""Network actions in the group: the card, broad support, concerns, state changes and the harvest.

States: ``proposed`` → ``running`` (broad support) → ``done`` (harvested), or ``let_go`` from either.
Every state change is an ``ActionEvent`` row (kind, from, to, moment, who) and is reported to the
reminders (``bot.reminders.action_changed``).

Broad support: a proposal runs once ``support_needed`` members pressed 👍. That is the group's
``support_threshold`` (default 3), or a third of the active members (rounded up, at least 1) when that is
fewer — active members are the memberships seen in the group in the last 30 days. The proposer's own
support does not count: broad support means others carry it too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import reminders
from bot.dates import local_today
from bot.understanding import is_vague, number_in
from bot.messages import Choice, Outgoing, Reply, rows
from bot.process_cache import cache_of
from bot.proposals import block_marks, building_blocks, detail_lines, shorten
from storage.models import Action, ActionDraft, Commitment, Concern, Group, Member
from storage.repositories import actions as repo
from storage.repositories import members as members_repo

ACTIVE_PERIOD = timedelta(days=30)
OPEN_STATES = ("proposed", "running")
CLOSED_STATES = ("done", "let_go")
CARD_TEXT_LIMIT = 300
CONCERN_LIMIT = 1000
LIST_LIMIT = 20
# The harvest questions, in order; each one's answer is stored on the action.
HARVEST_STEPS = ("what", "met", "reach", "again")
REACH_LIMIT = 100_000


# ---------------------------------------------------------------- support rule


def support_needed(threshold: int, active_members: int) -> int:
    """Broad support: the group's threshold, or a third of the active members if that is fewer."""
    return max(1, min(threshold, math.ceil(active_members / 3)))


async def needed_support(session: AsyncSession, group: Group, now: datetime) -> int:
    """How many supporters a proposal of ``group`` needs now.

    Counted once per unit of work (a press of 👍 asks when it decides and again when it redraws the
    card, and nothing in between changes who is active), and at most once a minute per group in a
    bot process (``bot.process_cache``: exact in this process, at most a minute behind another one).
    """
    key = ("active_members", group.id, now)
    active = session.info.get(key)
    if active is None:
        cache = cache_of(session)
        active = cache.active_members(group.id, now) if cache is not None else None
        if active is None:
            active = await members_repo.count_active_members(session, group.id, now - ACTIVE_PERIOD)
            if cache is not None:
                cache.remember_active_members(group.id, now, active)
        session.info[key] = active
    return support_needed(group.support_threshold, active)


# ---------------------------------------------------------------- state changes


async def change_state(
    session: AsyncSession,
    action: Action,
    group: Group,
    to_state: str,
    now: datetime,
    *,
    member_id: int | None,
    kind: str,
) -> None:
    """Move ``action`` to ``to_state``, record the event and tell the reminders."""
    from_state = action.state
    action.state = to_state
    action.updated_at = action.last_activity_at = now
    if to_state in CLOSED_STATES:
        action.closed_at = now
    await repo.record_event(
        session, action, kind, now, member_id=member_id, from_state=from_state, to_state=to_state
    )
    await reminders.action_changed(session, action, group, now)


async def propose_action(
    session: AsyncSession, draft: ActionDraft, group: Group, member: Member, now: datetime
) -> Action:
    """Turn a finished draft into a proposal of the group; the draft is removed."""
    action = Action(
        group_id=group.id,
        proposer_id=member.id,
        title=draft.title or "?",
        with_whom=draft.with_whom,
        partner_id=draft.partner_id,
        due_on=draft.due_on,
        joins_existing=draft.joins_existing,
        agenda_item_id=draft.agenda_item_id,
        we_need=draft.we_need,
        we_offer=draft.we_offer,
        contagious=draft.contagious,
        state="proposed",
        decision_deadline=now + timedelta(days=group.decision_days),
        last_activity_at=now,
        created_at=now,
        updated_at=now,
    )
    await repo.add(session, action)
    await repo.delete_draft(session, draft)
    await repo.record_event(session, action, "proposed", now, member_id=member.id, to_state="proposed")
    await reminders.action_changed(session, action, group, now)
    return action


# ---------------------------------------------------------------- the card


async def card(session: AsyncSession, action: Action, group: Group, now: datetime) -> Reply:
    """The proposal card as the group sees it; buttons while the action is open."""
    proposer = await repo.member_by_id(session, action.proposer_id)
    supporting, joiners = await people_of(session, action.id)
    joined = [(status, member) for status, member in joiners if status != "released"]
    created_day = local_today(action.created_at, group.timezone)
    blocks = building_blocks(
        title=action.title, with_whom=action.with_whom, partner_id=action.partner_id,
        due_on=action.due_on, joins_existing=action.joins_existing,
        agenda_item_id=action.agenda_item_id, we_need=action.we_need, we_offer=action.we_offer,
        contagious=action.contagious, today=created_day, max_days=group.max_action_days,
    )
    people: list[Reply] = []
    if supporting:
        people.append(Reply("card-supporters", args={"names": names(supporting)}))
    if joined:
        people.append(
            Reply(
                "card-joiners",
                args={
                    "names": ", ".join(
                        m.first_name + (" ✅" if status == "done" else "") for status, m in joined
                    )
                },
            )
        )
    if action.state == "proposed" and action.decision_deadline <= now:
        # The window closed without broad support: the proposer chooses smaller, later or let go.
        status = Reply(
            "card-status-proposed-closed",
            args={"count": len(supporting), "proposer": proposer.first_name if proposer else "?"},
        )
    elif action.state == "proposed":
        needed = await needed_support(session, group, now)
        status = Reply(
            "card-status-proposed",
            args={
                "count": len(supporting),
                "needed": needed,
                "deadline": local_today(action.decision_deadline, group.timezone),
            },
        )
    else:
        status = Reply(f"card-status-{action.state.replace('_', '-')}")
    choices: tuple = ()
    if action.state in OPEN_STATES:
        choices = rows(
            [
                Choice("card-button-support", payload=f"a:sup:{action.id}"),
                Choice("card-button-join", payload=f"a:join:{action.id}"),
            ],
            [Choice("card-button-concern", payload=f"a:con:{action.id}")],
        )
    details = detail_lines(
        when=action.due_on, with_whom=action.with_whom, joins=action.joins_existing,
        need=action.we_need, offer=action.we_offer, contagious=action.contagious,
    )
    return Reply(
        "action-card",
        args={
            "title": shorten(action.title, CARD_TEXT_LIMIT),
            "proposer": proposer.first_name if proposer else "?",
            "body": [*details, block_marks(blocks), *people, status],
        },
        choices=choices,
    )


def names(members: list[Member]) -> str:
    return ", ".join(member.first_name for member in members)


# ---------------------------------------------------------------- support


@dataclass
class SupportResult:
    added: bool
    became_running: bool = False
    own_proposal: bool = False
    closed: bool = False


async def toggle_support(
    session: AsyncSession, action: Action, group: Group, member: Member, now: datetime
) -> SupportResult:
    """👍: support, or withdraw it when pressed again; enough support makes the proposal run."""
    if action.state in CLOSED_STATES:
        return SupportResult(added=False, closed=True)
    if member.id == action.proposer_id:
        return SupportResult(added=False, own_proposal=True)
    # Whatever was read of the card's people before this change is out of date.
    session.info.pop(("people", action.id), None)
    if await repo.withdraw_support(session, action.id, member.id):
        action.last_activity_at = now
        return SupportResult(added=False)
    if not await repo.add_support(session, action.id, member.id, now):
        # A double tap raced us: the constraint holds, the support stands.
        return SupportResult(added=True)
    action.last_activity_at = now
    became_running = False
    if action.state == "proposed":
        supporting, _joiners = await people_of(session, action.id, hand_on=True)
        if len(supporting) >= await needed_support(session, group, now):
            await change_state(
                session, action, group, "running", now, member_id=member.id, kind="broad_support"
            )
            became_running = True
    return SupportResult(added=True, became_running=became_running)


async def people_of(
    session: AsyncSession, action_id: int, *, hand_on: bool = False
) -> tuple[list[Member], list[tuple[str, Member]]]:
    """The action's supporters and its joiners (with their commitment's status), in one query.

    ``hand_on``: keep what was read for the next call in this unit of work (once): a press of 👍
    counts the supporters to decide and the card it redraws right after shows the same people.
    """
    key = ("people", action_id)
    found = session.info.pop(key, None)
    if found is None:
        found = await repo.supporters_and_joiners(session, action_id)
    if hand_on:
        session.info[key] = found
    return found


def running_announcement(action: Action, proposer: Member) -> Reply:
    """For the group: the proposal has broad support and runs."""
    return Reply(
        "action-running-group",
        args={"title": shorten(action.title, CARD_TEXT_LIMIT), "proposer": proposer.first_name},
    )


def running_note_for_proposer(action: Action) -> Reply:
    return Reply("action-running-proposer", args={"title": shorten(action.title, CARD_TEXT_LIMIT)})


# ---------------------------------------------------------------- concerns


async def add_concern(
    session: AsyncSession, action: Action, member: Member, text: str, now: datetime
) -> Concern:
    """Store a member's doubt; the caller passes it on to the proposer."""
    concern = Concern(action_id=action.id, member_id=member.id, text=text[:CONCERN_LIMIT], created_at=now)
    await repo.add_concern(session, concern)
    action.last_activity_at = now
    return concern


def concern_for_proposer(action: Action, member: Member, text: str) -> Reply:
    return Reply(
        "concern-for-proposer",
        args={
            "name": member.first_name,
            "title": shorten(action.title, CARD_TEXT_LIMIT),
            "text": shorten(text, CONCERN_LIMIT),
        },
    )


# ---------------------------------------------------------------- who may steer an action


async def may_steer(session: AsyncSession, action: Action, member: Member) -> bool:
    """The proposer, or a coordinator of the action's group."""
    if member.id == action.proposer_id:
        return True
    membership = await members_repo.membership(session, action.group_id, member.id)
    return bool(membership and membership.is_coordinator)


# ---------------------------------------------------------------- decision window


def steer_choices(action: Action) -> tuple:
    return rows(
        [Choice("steer-button-smaller", payload=f"a:smaller:{action.id}")],
        [Choice("steer-button-later", payload=f"a:later:{action.id}")],
        [Choice("steer-button-letgo", payload=f"a:letgo:{action.id}")],
    )


async def redrawn_card(session: AsyncSession, action: Action, group: Group, now: datetime) -> list[Outgoing]:
    """The group's card as it is now, to be shown in its own message (none when it was never posted)."""
    if action.card_message_id is None:
        return []
    return [
        Outgoing(
            member_id=None, group_id=group.id, reply=await card(session, action, group, now),
            edit_message_id=action.card_message_id,
        )
    ]


async def close_decision_window(
    session: AsyncSession, action_id: int, now: datetime
) -> list[Outgoing]:
    """Called when a proposal's decision window has passed (by the reminders).

    A proposal that still lacks broad support makes the proposer choose: smaller, later or let go.
    One that has it by now (fewer active members lower the bar) starts running. Anything else
    (already running, closed, deadline moved on, gone) needs nothing.
    """
    action = await repo.action_by_id(session, action_id)
    if action is None or action.state != "proposed" or action.decision_deadline > now:
        return []
    group = await repo.group_by_id(session, action.group_id)
    proposer = await repo.member_by_id(session, action.proposer_id)
    if group is None or proposer is None:
        return []
    count = await repo.count_supports(session, action.id)
    needed = await needed_support(session, group, now)
    if count >= needed:
        await change_state(session, action, group, "running", now, member_id=None, kind="broad_support")
        return [
            *await redrawn_card(session, action, group, now),
            Outgoing(member_id=None, group_id=group.id, reply=running_announcement(action, proposer)),
            Outgoing(member_id=proposer.id, group_id=None, reply=running_note_for_proposer(action)),
        ]
    await repo.record_event(session, action, "decision_window_closed", now, member_id=None)
    return [
        *await redrawn_card(session, action, group, now),
        Outgoing(
            member_id=proposer.id,
            group_id=None,
            reply=Reply(
                "action-decision-closed",
                args={"title": shorten(action.title, CARD_TEXT_LIMIT), "count": count, "needed": needed},
                choices=steer_choices(action),
            ),
        )
    ]


# ---------------------------------------------------------------- smaller, later, let go


async def make_smaller(
    session: AsyncSession, action: Action, group: Group, member: Member, title: str, now: datetime
) -> None:
    """A smaller first step: a new title, and a fresh decision window for a proposal."""
    action.title = title
    await _renew(session, action, group, member, "smaller", now)


async def move_date(
    session: AsyncSession, action: Action, group: Group, member: Member, day, now: datetime
) -> None:
    """Later: a new date, and a fresh decision window for a proposal."""
    action.due_on = day
    await _renew(session, action, group, member, "later", now)


async def _renew(
    session: AsyncSession, action: Action, group: Group, member: Member, kind: str, now: datetime
) -> None:
    if action.state == "proposed":
        action.decision_deadline = now + timedelta(days=group.decision_days)
    action.updated_at = action.last_activity_at = now
    await repo.record_event(session, action, kind, now, member_id=member.id)
    await reminders.action_changed(session, action, group, now)


async def let_go(
    session: AsyncSession, action: Action, group: Group, member: Member, now: datetime
) -> list[Commitment]:
    """Let the action go; open commitments are released with it. Returns those commitments."""
    await change_state(session, action, group, "let_go", now, member_id=member.id, kind="let_go")
    released = []
    for commitment, _ in await repo.commitments_with_members(session, action.id):
        if commitment.status == "open":
            commitment.status = "released"
            commitment.updated_at = now
            released.append(commitment)
            await reminders.commitment_changed(session, commitment, group, now)
    return released


# ---------------------------------------------------------------- harvest


def harvest_question(action: Action, step: str) -> Reply:
    """One question of "Hoe ging het?", with a skip button."""
    return Reply(
        f"harvest-ask-{step}",
        args={"title": shorten(action.title, CARD_TEXT_LIMIT)},
        choices=rows([Choice("harvest-button-skip", payload=f"h:skip:{action.id}:{step}", means="skip")]),
    )


def next_harvest_step(step: str) -> str | None:
    index = HARVEST_STEPS.index(step)
    return HARVEST_STEPS[index + 1] if index + 1 < len(HARVEST_STEPS) else None


def parse_reach(text: str) -> int | None:
    """How many people: "12", "ongeveer 30", "een stuk of vijf", "geen"; None when no number is in it."""
    number = number_in(text)
    return min(number, REACH_LIMIT) if number is not None else None


def record_harvest_answer(action: Action, step: str, text: str | None) -> bool:
    """Store one harvest answer (None = skipped); False when a number was asked and none was given."""
    if step == "reach":
        if text is None:
            return True
        reach = parse_reach(text)
        if reach is None:
            return False
        action.reach_count = reach
        return True
    # "weet ik niet", "nee", "-": the question stays unanswered rather than storing those words.
    value = text[:CONCERN_LIMIT] if text and not is_vague(text) else None
    setattr(action, {"what": "harvest_what", "met": "harvest_met", "again": "harvest_again"}[step], value)
    return True


async def finish_harvest(
    session: AsyncSession, action: Action, group: Group, member: Member | None, now: datetime
) -> Reply:
    """Close the action as done and return the celebration for the group."""
    if action.state != "done":
        await change_state(
            session, action, group, "done", now, member_id=member.id if member else None, kind="harvested"
        )
    joined = [
        m for c, m in await repo.commitments_with_members(session, action.id) if c.status == "done"
    ]
    lines = []
    if action.harvest_what:
        lines.append(Reply("harvest-line-what", args={"text": shorten(action.harvest_what, CARD_TEXT_LIMIT)}))
    if action.harvest_met:
        lines.append(Reply("harvest-line-met", args={"text": shorten(action.harvest_met, CARD_TEXT_LIMIT)}))
    if action.reach_count:
        lines.append(Reply("harvest-line-reach", args={"count": action.reach_count}))
    if action.harvest_again:
        lines.append(Reply("harvest-line-again", args={"text": shorten(action.harvest_again, CARD_TEXT_LIMIT)}))
    if joined:
        lines.append(Reply("harvest-line-thanks", args={"names": names(joined)}))
    return Reply(
        "harvest-celebration",
        args={"title": shorten(action.title, CARD_TEXT_LIMIT), "lines": lines},
    )


# ---------------------------------------------------------------- /acties


async def group_actions(session: AsyncSession, group: Group) -> list[Action]:
    return await repo.open_actions(session, group.id, LIST_LIMIT)


def card_link(telegram_chat_id: int, message_id: int | None) -> str | None:
    """A link to a message in a supergroup: chat -100XXXXXXXXXX → https://t.me/c/XXXXXXXXXX/<id>.

    Basic groups have no message links; there the list shows no link.
    """
    text = str(telegram_chat_id)
    if message_id is None or not text.startswith("-100"):
        return None
    return f"https://t.me/c/{text[4:]}/{message_id}"
