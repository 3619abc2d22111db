"""Network actions in the group: the card, broad support, concerns, state changes and the harvest.

States: ``proposed`` → ``running`` (broad support) → ``done`` (harvested), or ``let_go`` from either.
Every state change is an ``ActionEvent`` row (kind, from, to, moment, who) and is reported to the
reminders (``bot.domain.reminders.action_changed``).

Broad support: a proposal runs once ``support_needed`` members pressed 👍. That is the group's
``support_threshold`` (default 3), or a third of the active members (rounded up, at least 1) when that is
fewer — active members are the memberships seen in the group in the last 30 days. The proposer's own
support does not count: broad support means others carry it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.buttons import ACTION, COMMITMENT, HARVEST
from bot.domain import reminders
from bot.domain.support import ACTIVE_PERIOD, support_needed
from bot.domain.zones import local_today
from bot.domain.zones import zone
from bot.domain.understanding import is_vague, number_in
from bot.domain.messages import Choice, Outgoing, Reply, rows
from bot.domain.process_cache import cache_of
from bot.domain.listing import clip
from bot.domain.proposals import block_chips, building_blocks, detail_lines, open_block_tips
from storage.models import (
    CLOSED_ACTION_STATES,
    LIVE_ACTION_STATES,
    Action,
    ActionDraft,
    ActionState,
    Commitment,
    CommitmentStatus,
    Concern,
    Group,
    Member,
)
from storage.repositories import actions as repo
from storage.repositories import members as members_repo

OPEN_STATES = LIVE_ACTION_STATES
CLOSED_STATES = CLOSED_ACTION_STATES
CARD_TEXT_LIMIT = 300
CONCERN_LIMIT = 1000
# The card quotes the latest shared concern this short; its whole text is in its own message.
CONCERN_QUOTE_LIMIT = 80
LIST_LIMIT = 20
# The harvest questions, in order; each one's answer is stored on the action.
HARVEST_STEPS = ("what", "met", "reach", "again")
REACH_LIMIT = 100_000


# The support window closes at noon on the day before the action at the latest: time to prepare.
LAST_DECISION_HOUR = 12


def goes_ahead_at_once(group: Group, due_on: date | None, today: date) -> bool:
    """"Gewoon doen": an action within the group's few days (default 3), or a group that asks no
    support, needs no window — the seed asks for small actions *now*, not a quorum with deadlines."""
    if group.support_threshold <= 0:
        return True
    return due_on is not None and (due_on - today).days <= group.quick_days


def decision_deadline_for(group: Group, due_on: date | None, now: datetime) -> datetime:
    """When support is decided: after the group's window, but never on or after the action's day."""
    deadline = now + timedelta(days=group.decision_days)
    if due_on is not None:
        day_before = datetime.combine(due_on - timedelta(days=1), time(LAST_DECISION_HOUR),
                                      tzinfo=zone(group.timezone))
        deadline = min(deadline, day_before.astimezone(UTC))
    return max(deadline, now)


def date_has_passed(action: Action, group: Group, now: datetime) -> bool:
    return action.due_on is not None and action.due_on < local_today(now, group.timezone)


def backers(supporting: list[Member], joiners: list[tuple[str, Member]], proposer_id: int) -> int:
    """Who backs a proposal: members who support it or joined it (🙋 is support too), once each."""
    ids = {member.id for member in supporting}
    ids |= {member.id for status, member in joiners if status != "released"}
    ids.discard(proposer_id)
    return len(ids)


async def needed_support(session: AsyncSession, group: Group, now: datetime) -> int:
    """How many supporters a proposal of ``group`` needs now.

    Counted once per unit of work (a press of 👍 asks when it decides and again when it redraws the
    card, and nothing in between changes who is active), and at most once a minute per group in a
    bot process (``bot.domain.process_cache``: exact in this process, at most a minute behind another one).
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
        start_time=draft.start_time if draft.due_on is not None else None,
        joins_existing=draft.joins_existing,
        agenda_item_id=draft.agenda_item_id,
        we_need=draft.we_need,
        we_offer=draft.we_offer,
        contagious=draft.contagious,
        goal=draft.goal,
        state=ActionState.PROPOSED,
        decision_deadline=decision_deadline_for(group, draft.due_on, now),
        last_activity_at=now,
        created_at=now,
        updated_at=now,
    )
    await repo.delete_draft(session, draft)
    return await place_new_action(session, action, group, member.id, now)


async def place_new_action(
    session: AsyncSession, action: Action, group: Group, member_id: int, now: datetime
) -> Action:
    """A new proposal (from a draft, or the next time of an action done before): stored, recorded, and
    running at once when it is soon enough ("gewoon doen"), else waiting for broad support."""
    await repo.add(session, action)
    await repo.record_event(session, action, "proposed", now, member_id=member_id, to_state=ActionState.PROPOSED)
    if goes_ahead_at_once(group, action.due_on, local_today(now, group.timezone)):
        await change_state(session, action, group, ActionState.RUNNING, now, member_id=member_id, kind="quick")
    else:
        await reminders.action_changed(session, action, group, now)
    return action


# ---------------------------------------------------------------- the card


async def card(session: AsyncSession, action: Action, group: Group, now: datetime) -> Reply:
    """The proposal card as the group sees it; buttons while the action is open."""
    proposer = await repo.member_by_id(session, action.proposer_id)
    supporting, joiners, concerns = await people_and_concerns_of(session, action.id)
    joined = [(status, member) for status, member in joiners if status != "released"]
    blocks = blocks_of_action(action, group)
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
    closing = action.decision_deadline <= now or date_has_passed(action, group, now)
    if action.state == ActionState.PROPOSED and closing:
        # The window closed: the proposer hears privately how it went; the group reads no score.
        status = Reply(
            "card-status-proposed-closed", args={"proposer": proposer.first_name if proposer else "?"},
        )
    elif action.state == ActionState.PROPOSED:
        needed = await needed_support(session, group, now)
        status = Reply(
            "card-status-proposed",
            args={
                "count": backers(supporting, joiners, action.proposer_id),
                "needed": needed,
                "deadline": local_today(action.decision_deadline, group.timezone),
            },
        )
    elif action.state == ActionState.RUNNING and date_has_passed(action, group, now):
        # Time is the action's time: a card redrawn after its day does not invite to join any more.
        status = Reply("card-status-running-past", args={"day": action.due_on})
    elif action.state == ActionState.RUNNING and action.due_on == local_today(now, group.timezone):
        status = Reply("card-status-running-today")
    elif action.state == ActionState.RUNNING and action.helping:
        # "Wij helpen mee": what already happens needed no vote; the card invites to lend a hand.
        status = Reply("card-status-helping")
    else:
        status = Reply(f"card-status-{action.state.replace('_', '-')}")
    choices: tuple = ()
    if action.state in OPEN_STATES and not date_has_passed(action, group, now):
        support = [] if action.helping else [Choice("card-button-support", payload=ACTION.data("sup", action.id))]
        choices = rows(
            [*support, Choice("card-button-join", payload=ACTION.data("join", action.id))],
            [Choice("card-button-concern", payload=ACTION.data("con", action.id))],
        )
    details = detail_lines(
        when=action.due_on, at=action.start_time, with_whom=action.with_whom, joins=action.joins_existing,
        need=action.we_need, offer=action.we_offer, contagious=action.contagious,
    )
    if action.goal:
        details.insert(0, Reply("card-goal", args={"goal": clip(action.goal, CARD_TEXT_LIMIT)}))
    return Reply(
        # Helping with what already happens is not a proposal: its heading says so.
        "action-card-helping" if action.helping else "action-card",
        args={
            "title": clip(action.title, CARD_TEXT_LIMIT),
            "proposer": proposer.first_name if proposer else "?",
            # What is good, in public; what is open goes to the proposer privately (open_block_tips).
            "body": [
                *details, block_chips(blocks), *people, *neighbours_line(action), concern_line(concerns),
                status,
            ],
        },
        choices=choices,
    )


def neighbours_line(action: Action) -> list[Reply]:
    """"+4 buren komen ook": neighbours from the public page and people members signed up."""
    if not action.neighbours_coming:
        return []
    past = action.state in CLOSED_STATES
    return [Reply("card-neighbours-came" if past else "card-neighbours", args={"count": action.neighbours_coming})]


def blocks_of_action(action: Action, group: Group) -> dict[str, bool]:
    """The building blocks as the card shows them, judged on the day the action was proposed."""
    return building_blocks(
        title=action.title, with_whom=action.with_whom, partner_id=action.partner_id,
        due_on=action.due_on, joins_existing=action.joins_existing,
        agenda_item_id=action.agenda_item_id, we_need=action.we_need, we_offer=action.we_offer,
        contagious=action.contagious, today=local_today(action.created_at, group.timezone),
        max_days=group.max_action_days,
    )


def posted_tips(action: Action, group: Group) -> list[Reply]:
    """For the proposer alone, after posting: each open block by its plain name, with its tip."""
    return open_block_tips(blocks_of_action(action, group))


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
    session: AsyncSession, action: Action, group: Group, member: Member, now: datetime,
    *, people: repo.CardPeople | None = None,
) -> SupportResult:
    """👍: support, or withdraw it when pressed again; enough support makes the proposal run.

    The card's people come first — ``people`` as the caller read them once it held the action's row
    lock (``repo.locked_action_with_people`` on SQLite), else read here (the caller holds the lock):
    they say whether this press adds or withdraws, and, changed as the press changed them, they are
    handed on to the card redrawn after it. Trying a delete first and reading the people again after
    the change cost two statements more.
    """
    if action.state in CLOSED_STATES:
        return SupportResult(added=False, closed=True)
    if member.id == action.proposer_id:
        return SupportResult(added=False, own_proposal=True)
    key = ("people", action.id)
    # Whatever was read of the card's people before the lock was taken may be out of date.
    session.info.pop(key, None)
    if people is None:
        people = await repo.card_people(session, action.id)
    if people.supports(member.id):
        if await repo.withdraw_support(session, action.id, member.id):
            people.support_withdrawn(member.id)
            session.info[key] = people.parts()
            action.last_activity_at = now
            return SupportResult(added=False)
        people = None  # gone in between (a press that took no lock): read again after the insert
    support_id = await repo.add_support(session, action.id, member.id, now)
    if support_id is None:
        # A double tap raced us: the constraint holds, the support stands.
        return SupportResult(added=True)
    if people is None:
        people = await repo.card_people(session, action.id)
    else:
        people.support_added(member, now, support_id)
    session.info[key] = people.parts()
    action.last_activity_at = now
    became_running = await run_if_backed(session, action, group, member, now)
    return SupportResult(added=True, became_running=became_running)


async def run_if_backed(
    session: AsyncSession, action: Action, group: Group, member: Member, now: datetime
) -> bool:
    """A proposal with broad support (👍 or 🙋) runs — but nothing "goes ahead" after its own day."""
    if action.state != ActionState.PROPOSED or date_has_passed(action, group, now):
        return False
    supporting, joiners = await people_of(session, action.id, hand_on=True)
    if backers(supporting, joiners, action.proposer_id) < await needed_support(session, group, now):
        return False
    await change_state(session, action, group, ActionState.RUNNING, now, member_id=member.id, kind="broad_support")
    return True


async def people_of(
    session: AsyncSession, action_id: int, *, hand_on: bool = False
) -> tuple[list[Member], list[tuple[str, Member]]]:
    """The action's supporters and its joiners (with their commitment's status), in one query.

    ``hand_on``: keep what was read for the next call in this unit of work (once): a press of 👍
    counts the supporters to decide and the card it redraws right after shows the same people.
    """
    supporting, joiners, _concerns = await people_and_concerns_of(session, action_id, hand_on=hand_on)
    return supporting, joiners


async def people_and_concerns_of(
    session: AsyncSession, action_id: int, *, hand_on: bool = False
) -> tuple[list[Member], list[tuple[str, Member]], list[tuple[Member, bool, str]]]:
    """``people_of`` with the action's concerns, (author, is private, text), from the same query."""
    key = ("people", action_id)
    found = session.info.pop(key, None)
    if found is None:
        found = await repo.people_and_concerns(session, action_id)
    if hand_on:
        session.info[key] = found
    return found


def running_announcement(action: Action, proposer: Member) -> Reply:
    """For the group: the proposal has broad support and runs."""
    return Reply(
        "action-running-group",
        args={"title": clip(action.title, CARD_TEXT_LIMIT), "proposer": proposer.first_name},
    )


def running_note_for_proposer(action: Action) -> Reply:
    return Reply("action-running-proposer", args={"title": clip(action.title, CARD_TEXT_LIMIT)})


# ---------------------------------------------------------------- concerns


async def add_concern(
    session: AsyncSession, action: Action, member: Member, text: str, now: datetime,
    *, is_private: bool = False,
) -> Concern:
    """Store a member's doubt; the caller passes it on to the proposer.

    ``is_private``: the card counts it without quoting it and the group is not shown it. A concern
    typed in the private chat is held so until its author chooses (``share_question``); one typed
    in the group was seen there already.
    """
    concern = Concern(
        action_id=action.id, member_id=member.id, text=text[:CONCERN_LIMIT], created_at=now,
        is_private=is_private,
    )
    await repo.add_concern(session, concern)
    # Whatever was read of the card's people and concerns before this is out of date.
    session.info.pop(("people", action.id), None)
    action.last_activity_at = now
    return concern


async def share_concern(
    session: AsyncSession, action: Action, concern: Concern, shared: bool, now: datetime
) -> None:
    """The author's choice: shown to the group (quoted on the card) or for the proposer only."""
    concern.is_private = not shared
    session.info.pop(("people", action.id), None)
    action.last_activity_at = now


async def concern_in_action(
    session: AsyncSession, concern_id: int
) -> tuple[Concern, Action, Group] | None:
    """A concern with its action and group; None when any of them is gone."""
    concern = await repo.concern_by_id(session, concern_id)
    action = await repo.action_by_id(session, concern.action_id) if concern else None
    group = await repo.group_by_id(session, action.group_id) if action else None
    if concern is None or action is None or group is None:
        return None
    return concern, action, group


def concern_line(concerns: list[tuple[Member, bool, str]]) -> Reply | str:
    """The card's "💬 2 bedenkingen", with the latest shared one quoted short; "" when there are none."""
    if not concerns:
        return ""
    shared = [(member, text) for member, private, text in concerns if not private]
    if not shared:
        return Reply("card-concerns", args={"count": len(concerns)})
    author, text = shared[-1]
    return Reply(
        "card-concerns-quoted",
        args={"count": len(concerns), "name": author.first_name, "text": clip(text, CONCERN_QUOTE_LIMIT)},
    )


def may_answer_concern(concern: Concern, action: Action, member: Member) -> bool:
    """Anyone may answer a shared concern; a private one stays between its author and the proposer."""
    return not concern.is_private or member.id in (concern.member_id, action.proposer_id)


def concern_choices(action: Action, concern: Concern, *, for_proposer: bool) -> tuple:
    """💬 Reageer; for the proposer of an open action also the steering buttons to adjust it."""
    answer = [Choice("concern-button-reply", payload=ACTION.data("cre", concern.id))]
    if not for_proposer or action.state not in OPEN_STATES:
        return rows(answer)
    return rows(
        [Choice("concern-button-smaller", payload=ACTION.data("smaller", action.id))],
        [Choice("concern-button-later", payload=ACTION.data("later", action.id))],
        answer,
    )


def concern_for_proposer(action: Action, concern: Concern, author: Member) -> Reply:
    """Privately to the proposer: the concern, with buttons to adjust the proposal or answer."""
    return Reply(
        "concern-for-proposer",
        args={
            "name": author.first_name,
            "title": clip(action.title, CARD_TEXT_LIMIT),
            "text": clip(concern.text, CONCERN_LIMIT),
        },
        choices=concern_choices(action, concern, for_proposer=True),
    )


def concern_in_group(action: Action, concern: Concern, author: Member, addressed: Any) -> Reply:
    """A shared concern as its own message under the card, addressed to the proposer (``addressed``:
    their mention), with 💬 Reageer for anyone."""
    return Reply(
        "concern-in-group",
        args={"mention": addressed, "name": author.first_name, "text": clip(concern.text, CONCERN_LIMIT)},
        choices=concern_choices(action, concern, for_proposer=False),
    )


def share_question(concern: Concern, proposer: Member) -> Reply:
    """After a concern typed privately: may the group see it? Showing it is the first choice."""
    name = proposer.first_name
    return Reply(
        "concern-share-ask",
        args={"proposer": name},
        choices=rows(
            [Choice("concern-button-share", payload=ACTION.data("cshow", concern.id), means="yes")],
            [Choice("concern-button-keep-private", payload=ACTION.data("cpriv", concern.id), means="no",
                    label_args={"proposer": name})],
        ),
    )


def answer_question(author: Member) -> Reply:
    """💬 Reageer pressed: what would you like to answer? (The concern itself is not repeated, so a
    question that lands in the group never shows a private concern.)"""
    return Reply("concern-reply-ask", args={"name": author.first_name})


def who_hears_an_answer(answerer: Member, author: Member | None, proposer: Member | None) -> list[Member]:
    """An answer to a concern goes to its author and the proposer, not back to who wrote it."""
    heard: list[Member] = []
    for member in (author, proposer):
        if member is not None and member.id != answerer.id and member not in heard:
            heard.append(member)
    return heard


def passed_to(members: list[Member]) -> Reply | str:
    """"Carla" or "Carla en Anna": who heard an answer (at most the author and the proposer)."""
    if len(members) == 2:
        return Reply("concern-names-two", args={"first": members[0].first_name, "second": members[1].first_name})
    return names(members)


def _whose(reader: Member | None, answerer: Member, author: Member) -> str:
    if answerer.id == author.id:
        return "self"
    return "yes" if reader is not None and reader.id == author.id else "other"


def concern_answer_note(
    action: Action, concern: Concern, author: Member, answerer: Member, text: str, reader: Member
) -> Reply:
    """Privately to the author or the proposer: someone answered the concern; they can answer back."""
    return Reply(
        "concern-answer-note",
        args={
            "name": answerer.first_name, "author": author.first_name, "whose": _whose(reader, answerer, author),
            "title": clip(action.title, CARD_TEXT_LIMIT), "text": clip(text, CONCERN_LIMIT),
        },
        choices=concern_choices(action, concern, for_proposer=reader.id == action.proposer_id),
    )


def concern_answer_in_group(author: Member, addressed: Any, answerer: Member, text: str) -> Reply:
    """An answer given privately to a shared concern, shown in the group too (``addressed``: the
    author's mention), so the conversation happens where everyone sees it."""
    return Reply(
        "concern-answer-group",
        args={"name": answerer.first_name, "author": addressed, "whose": _whose(None, answerer, author),
              "text": clip(text, CONCERN_LIMIT)},
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
        [Choice("steer-button-smaller", payload=ACTION.data("smaller", action.id))],
        [Choice("steer-button-later", payload=ACTION.data("later", action.id))],
        [Choice("steer-button-letgo", payload=ACTION.data("letgo", action.id))],
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
    if action is None or action.state != ActionState.PROPOSED or action.decision_deadline > now:
        return []
    group = await repo.group_by_id(session, action.group_id)
    proposer = await repo.member_by_id(session, action.proposer_id)
    if group is None or proposer is None:
        return []
    supporting, joiners = await repo.supporters_and_joiners(session, action.id)
    count = backers(supporting, joiners, action.proposer_id)
    needed = await needed_support(session, group, now)
    if count >= needed and not date_has_passed(action, group, now):
        await change_state(session, action, group, ActionState.RUNNING, now, member_id=None, kind="broad_support")
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
                args={"title": clip(action.title, CARD_TEXT_LIMIT), "count": count, "needed": needed},
                choices=steer_choices(action),
            ),
        )
    ]


# ---------------------------------------------------------------- smaller, later, let go


async def make_smaller(
    session: AsyncSession, action: Action, group: Group, member: Member, title: str, now: datetime
) -> None:
    """A smaller first step: a new title, and a fresh decision window for a proposal.

    The bigger plan stays as the goal ("Stap 1 op weg naar: …"): think ahead, work in the now.
    """
    if action.goal is None:
        action.goal = action.title
    action.previous_title, action.title = action.title, title
    await _renew(session, action, group, member, "smaller", now)


async def retitle(
    session: AsyncSession, action: Action, group: Group, member: Member, title: str, now: datetime
) -> None:
    """The proposer (or a coordinator) renames the action; the old name can be brought back."""
    action.previous_title, action.title = action.title, title
    action.updated_at = action.last_activity_at = now
    await repo.record_event(session, action, "retitled", now, member_id=member.id)


async def undo_title(
    session: AsyncSession, action: Action, group: Group, member: Member, now: datetime
) -> bool:
    """Bring the title before the last change back; False when there is nothing to undo."""
    if not action.previous_title:
        return False
    restored = action.previous_title
    action.title, action.previous_title = restored, None
    if action.goal == restored:
        action.goal = None  # back to the plan itself: it is no longer a step towards it
    action.updated_at = action.last_activity_at = now
    await repo.record_event(session, action, "title_undone", now, member_id=member.id)
    return True


async def move_date(
    session: AsyncSession, action: Action, group: Group, member: Member, day: date | None, now: datetime,
    *, at: time | None = None,
) -> None:
    """Later: a new date, and a fresh decision window for a proposal. Who just joins ("gewoon
    meedoen") on the old day moves along: they join the action, not a date.

    The time of day is the one typed with the new day ("zaterdag 15:00"); a new day typed without one is
    the whole day (the old 14:00 may not fit the new day). ``day`` None: only a time was typed ("om
    15:00"), so the day stays and only the time changes (the action must have a day).
    """
    if day is None:
        if action.due_on is None:
            raise ValueError("only a time for an action without a day")
        day = action.due_on
    old_day, action.due_on, action.start_time = action.due_on, day, at
    for commitment, _ in await repo.commitments_with_members(session, action.id):
        if commitment.status == CommitmentStatus.OPEN and commitment.what is None and commitment.due_on == old_day:
            commitment.due_on, commitment.updated_at = day, now
            await reminders.commitment_changed(session, commitment, group, now)
    await _renew(session, action, group, member, "later", now)


async def _renew(
    session: AsyncSession, action: Action, group: Group, member: Member, kind: str, now: datetime
) -> None:
    if action.state == ActionState.PROPOSED:
        action.decision_deadline = decision_deadline_for(group, action.due_on, now)
    action.updated_at = action.last_activity_at = now
    await repo.record_event(session, action, kind, now, member_id=member.id)
    today = local_today(now, group.timezone)
    if action.state == ActionState.PROPOSED and goes_ahead_at_once(group, action.due_on, today):
        # Moved close enough (or made small enough) to simply do it: no new window.
        await change_state(session, action, group, ActionState.RUNNING, now, member_id=member.id, kind="quick")
        return
    await reminders.action_changed(session, action, group, now)


async def let_go(
    session: AsyncSession, action: Action, group: Group, member: Member, now: datetime
) -> list[Commitment]:
    """Let the action go; open commitments are released with it. Returns those commitments."""
    await change_state(session, action, group, ActionState.LET_GO, now, member_id=member.id, kind="let_go")
    released = []
    for commitment, _ in await repo.commitments_with_members(session, action.id):
        if commitment.status == CommitmentStatus.OPEN:
            commitment.status = CommitmentStatus.RELEASED
            commitment.updated_at = now
            released.append(commitment)
            await reminders.commitment_changed(session, commitment, group, now)
    return released


# ---------------------------------------------------------------- harvest


def harvest_question(action: Action, step: str) -> Reply:
    """One question of "Hoe ging het?", with a skip button."""
    return Reply(
        f"harvest-ask-{step}",
        args={"title": clip(action.title, CARD_TEXT_LIMIT)},
        choices=rows([Choice("harvest-button-skip", payload=HARVEST.data("skip", action.id, step), means="skip")]),
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
    """Close the action as done (and its commitments: ``settle_commitments``); the group's celebration."""
    if action.state != ActionState.DONE:
        await change_state(
            session, action, group, "done", now, member_id=member.id if member else None, kind="harvested"
        )
        await settle_commitments(session, action, group, now)
    joined = [
        m for c, m in await repo.commitments_with_members(session, action.id) if c.status == CommitmentStatus.DONE
    ]
    lines = []
    if action.harvest_what:
        lines.append(Reply("harvest-line-what", args={"text": clip(action.harvest_what, CARD_TEXT_LIMIT)}))
    if action.harvest_met:
        lines.append(Reply("harvest-line-met", args={"text": clip(action.harvest_met, CARD_TEXT_LIMIT)}))
    if action.reach_count:
        lines.append(Reply("harvest-line-reach", args={"count": action.reach_count}))
    if action.harvest_again:
        lines.append(Reply("harvest-line-again", args={"text": clip(action.harvest_again, CARD_TEXT_LIMIT)}))
    if joined:
        lines.append(Reply("harvest-line-thanks", args={"names": names(joined)}))
    return Reply(
        "harvest-celebration",
        args={"title": clip(action.title, CARD_TEXT_LIMIT), "lines": lines},
    )


async def settle_commitments(session: AsyncSession, action: Action, group: Group, now: datetime) -> None:
    """The action is done, so its open commitments must not linger (and never become "te laat").

    "Gewoon meedoen" was done by the action itself. A member with a task of their own is asked once
    whether it worked out — ✅ Gedaan (``c:done``) or Niet gelukt (``c:miss``, released) — through the
    outbox: stored with the harvest, sent after it is committed, privately when Brug may write to them.
    """
    title = clip(action.title, CARD_TEXT_LIMIT)
    for commitment, _member in await repo.commitments_with_members(session, action.id):
        if commitment.status != CommitmentStatus.OPEN:
            continue
        if commitment.what is None:
            commitment.status = CommitmentStatus.DONE
            commitment.done_at = commitment.updated_at = now
            await reminders.commitment_changed(session, commitment, group, now)
            continue
        question = Reply(
            "harvest-ask-task",
            args={"title": title, "what": clip(commitment.what, CARD_TEXT_LIMIT)},
            choices=rows(
                [
                    Choice("harvest-button-task-done", payload=COMMITMENT.data("done", commitment.id)),
                    Choice("harvest-button-task-missed", payload=COMMITMENT.data("miss", commitment.id)),
                ]
            ),
        )
        await reminders.send_soon(
            session, Outgoing(commitment.member_id, group.id, question),
            key=f"task-check:commitment:{commitment.id}", action_id=action.id,
            commitment_id=commitment.id, now=now,
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
