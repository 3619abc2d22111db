"""Reminders and nudges as outbox rows (issue 5): what is planned when, and what it says when it is due.

CONTRACT (other features call these whenever something a reminder depends on changes; each schedules,
moves or cancels the pending rows so nobody is reminded of something that no longer stands):

- ``commitment_changed(session, commitment, group, now)``: after a commitment is created, re-dated, done
  or released.
- ``action_changed(session, action, group, now)``: after an action is proposed, becomes running, gets a
  new date, is done or let go.
- ``group_settings_changed(session, group, now)``: after a coordinator changes digest day/hour, quiet
  hours, stale period or time zone, and when Brug is added to a group (plans the first digest).

They are idempotent: each computes the rows that should exist for its subject, inserts the missing ones
(the unique ``key`` = kind + subject + planned moment makes a second call a no-op) and cancels pending rows
that no longer fit. Sent rows are never touched, so nothing is sent twice.

Kinds and when they fire (local wall time in the group's time zone, stored as UTC):

=========  ==========================================================  ===========================
kind       moment                                                       to
=========  ==========================================================  ===========================
due        ``reminder_lead_days`` before the commitment's day, at the   the member
           member's ``reminder_hour`` (default: the day before, 10:00)
overdue    the morning after a missed day, at ``reminder_hour``;        the member
           "Morgen nog eens" plans another one a day later
stale      ``group.stale_days`` after an action's last activity         the proposer
closing    24 hours before a proposal's ``decision_deadline``           the group
deadline   at ``decision_deadline``: ``bot.domain.actions.close_decision_      what it returns
           window`` decides, its messages become ``outgoing`` rows
harvest    the day after an action's ``due_on``                         the proposer
digest     weekly, ``digest_weekday`` at ``digest_hour``                the group
outgoing   a ready message (a serialised ``Outgoing``)                  its member or group
=========  ==========================================================  ===========================

Whatever the moment, nothing goes out in the group's quiet hours, and a member's own reminders wait
while they paused them with /stil: such rows are deferred, never dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.buttons import ACTION, COMMITMENT, REMINDER
from bot.domain.buttons import HARVEST as HARVEST_BUTTONS
from bot.domain.i18n import Html
from bot.domain.rendering import mention
from bot.domain.support import ACTIVE_PERIOD, supporters_missing
from bot.domain.messages import Choice, Outgoing, Reply, rows
from bot.domain.proposals import time_of_day
from bot.domain.quiet_hours import end_of_quiet, local_moment, next_weekly
from bot.domain.zones import local_today
from storage.models import (
    LIVE_ACTION_STATES,
    Action,
    ActionState,
    Commitment,
    CommitmentStatus,
    Group,
    Member,
    Reminder,
)
from storage.repositories import reminders as repo

DUE, OVERDUE, STALE, CLOSING, DEADLINE, HARVEST, DIGEST, OUTGOING, COUNTDOWN = (
    "due", "overdue", "stale", "closing", "deadline", "harvest", "digest", "outgoing", "countdown",
)
COMMITMENT_KINDS = (DUE, OVERDUE)
ACTION_KINDS = (STALE, CLOSING, DEADLINE, HARVEST, COUNTDOWN)
# Before its day an action gets one friendly "nog 2 dagen, wie doet wat?", never "loslaten?".
COUNTDOWN_DAYS = 2
COUNTDOWN_AHEAD = timedelta(days=7)
# A member's own reminders: /stil pauses these (group messages and decisions go on).
MEMBER_KINDS = frozenset({DUE, OVERDUE, STALE, HARVEST})
LIVE_STATES = LIVE_ACTION_STATES
CLOSING_NOTICE = timedelta(hours=24)
MAX_PAUSE_DAYS = 90
# More names than this in one message is a wall of text; the rest are counted.
MAX_MENTIONS = 15


# ---------------------------------------------------------------- planned rows


@dataclass(frozen=True)
class Planned:
    """A reminder that should exist: its unique key, kind, subject and planned (nominal) moment."""

    key: str
    kind: str
    moment: datetime
    group_id: int | None
    member_id: int | None = None
    action_id: int | None = None
    commitment_id: int | None = None

    def row(self, group: Group | None, now: datetime) -> dict[str, Any]:
        """The outbox row; a moment inside quiet hours is moved to their end already."""
        due_at = self.moment
        if group is not None:
            due_at = end_of_quiet(
                self.moment, group.timezone, group.quiet_start_hour, group.quiet_end_hour
            )
        return {
            "key": self.key,
            "kind": self.kind,
            "group_id": self.group_id,
            "member_id": self.member_id,
            "action_id": self.action_id,
            "commitment_id": self.commitment_id,
            "due_at": due_at,
            "status": repo.PENDING,
            "attempts": 0,
            "created_at": now,
        }


def stamp(moment: datetime) -> str:
    """The planned moment as it appears in a key (UTC, minutes)."""
    return moment.strftime("%Y%m%dT%H%MZ")


def nominal_moment(key: str) -> datetime | None:
    """The planned moment a key carries (its last part), or None for keys without one."""
    try:
        return datetime.strptime(key.rsplit(":", 1)[-1], "%Y%m%dT%H%MZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def overdue_prefix(commitment: Commitment) -> str:
    """Every overdue row of this commitment for its current day starts so (snoozes included)."""
    return f"{OVERDUE}:commitment:{commitment.id}:{commitment.due_on}:"


def snooze_prefix(commitment: Commitment) -> str:
    """"Morgen nog eens" rows: kept when the commitment is re-planned, as long as its day stays."""
    return overdue_prefix(commitment) + "snooze:"


def overdue_at(commitment: Commitment, group: Group, moment: datetime, *, snoozed: bool = False) -> Planned:
    return Planned(
        key=(snooze_prefix(commitment) if snoozed else overdue_prefix(commitment)) + stamp(moment),
        kind=OVERDUE,
        moment=moment,
        group_id=group.id,
        member_id=commitment.member_id,
        action_id=commitment.action_id,
        commitment_id=commitment.id,
    )


def joins_on_the_day(commitment: Commitment, action: Action) -> bool:
    """Plain joining ("gewoon meedoen") of a dated action: the action's day is the member's day, so
    there is nothing to ask about when, and the action's harvest is what closes it."""
    return commitment.what is None and action.due_on is not None and commitment.due_on == action.due_on


def commitment_plan(
    commitment: Commitment, action: Action, member: Member, group: Group
) -> list[Planned]:
    """The day-before reminder and the morning-after check of an open, dated commitment."""
    if commitment.status != CommitmentStatus.OPEN or commitment.due_on is None or action.state not in LIVE_STATES:
        return []
    hour = member.reminder_hour
    lead = max(0, member.reminder_lead_days)
    due_moment = local_moment(commitment.due_on - timedelta(days=lead), hour, group.timezone)
    overdue_moment = local_moment(commitment.due_on + timedelta(days=1), hour, group.timezone)
    due = [
        Planned(
            key=f"{DUE}:commitment:{commitment.id}:{commitment.due_on}:{stamp(due_moment)}",
            kind=DUE,
            moment=due_moment,
            group_id=group.id,
            member_id=commitment.member_id,
            action_id=commitment.action_id,
            commitment_id=commitment.id,
        ),
    ]
    if joins_on_the_day(commitment, action):
        # The action's harvest closes it: no "gedaan, later, of loslaten?" about the action itself.
        return due
    return [*due, overdue_at(commitment, group, overdue_moment)]


def stale_plan(action: Action, proposer: Member, group: Group) -> Planned:
    """"Gedaan, kleiner, of loslaten?" after a quiet spell — counted from the later of the last
    activity and the action's own day: before its day an action is not stale, it is coming."""
    since = local_today(action.last_activity_at, group.timezone)
    if action.due_on is not None and action.due_on > since:
        since = action.due_on
    day = since + timedelta(days=max(1, group.stale_days))
    moment = local_moment(day, proposer.reminder_hour, group.timezone)
    return Planned(
        key=f"{STALE}:action:{action.id}:{stamp(moment)}",
        kind=STALE,
        moment=moment,
        group_id=group.id,
        member_id=proposer.id,
        action_id=action.id,
    )


def action_plan(action: Action, proposer: Member, group: Group) -> list[Planned]:
    """Proposed: the closing notice and the decision itself. Running: the stale nudge and the harvest."""
    if action.state == ActionState.PROPOSED:
        deadline = action.decision_deadline
        return [
            Planned(
                key=f"{CLOSING}:action:{action.id}:{stamp(deadline - CLOSING_NOTICE)}",
                kind=CLOSING,
                moment=deadline - CLOSING_NOTICE,
                group_id=group.id,
                action_id=action.id,
            ),
            Planned(
                key=f"{DEADLINE}:action:{action.id}:{stamp(deadline)}",
                kind=DEADLINE,
                moment=deadline,
                group_id=group.id,
                action_id=action.id,
            ),
        ]
    if action.state != ActionState.RUNNING:
        return []
    planned = [stale_plan(action, proposer, group)]
    if action.due_on is not None:
        countdown = local_moment(action.due_on - timedelta(days=COUNTDOWN_DAYS), proposer.reminder_hour,
                                 group.timezone)
        if action.due_on - local_today(action.created_at, group.timezone) >= COUNTDOWN_AHEAD:
            # Only for an action planned well ahead; one close by is on everyone's mind already.
            planned.append(Planned(
                key=f"{COUNTDOWN}:action:{action.id}:{action.due_on}",
                kind=COUNTDOWN, moment=countdown, group_id=group.id, action_id=action.id,
            ))
        moment = local_moment(
            action.due_on + timedelta(days=1), proposer.reminder_hour, group.timezone
        )
        planned.append(
            Planned(
                key=f"{HARVEST}:action:{action.id}:{action.due_on}:{stamp(moment)}",
                kind=HARVEST,
                moment=moment,
                group_id=group.id,
                member_id=proposer.id,
                action_id=action.id,
            )
        )
    return planned


# A weekly digest more than this late is skipped when the next one is due within three times this.
DIGEST_LATENESS = timedelta(days=1)


def digest_plan(group: Group, after: datetime) -> Planned:
    moment = next_weekly(after, group.digest_weekday, group.digest_hour, group.timezone)
    return Planned(
        key=f"{DIGEST}:group:{group.id}:{stamp(moment)}",
        kind=DIGEST,
        moment=moment,
        group_id=group.id,
    )


def _must_happen(planned: Planned) -> bool:
    # A decision must be taken even when its moment passed; a reminder for a past moment is noise.
    return planned.kind == DEADLINE


async def _reconcile(
    session: AsyncSession,
    existing: list[Reminder],
    planned: list[Planned],
    group: Group,
    now: datetime,
    *,
    keep_prefix: str | None = None,
    reason: str,
) -> None:
    keep = {p.key for p in planned}
    stale_ids = [
        row.id
        for row in existing
        if row.key not in keep and not (keep_prefix and row.key.startswith(keep_prefix))
    ]
    await repo.cancel(session, stale_ids, reason)
    await repo.upsert_planned(
        session, [p.row(group, now) for p in planned if p.moment > now or _must_happen(p)]
    )


# ---------------------------------------------------------------- the contract


async def commitment_changed(
    session: AsyncSession, commitment: Commitment, group: Group, now: datetime
) -> None:
    """Plan, move or cancel the reminders of ``commitment`` after it was made, re-dated, done or released."""
    await session.flush()
    action = await session.get(Action, commitment.action_id)
    member = await session.get(Member, commitment.member_id)
    if action is None or member is None:
        return
    planned = commitment_plan(commitment, action, member, group)
    existing = await repo.pending_of(session, commitment_id=commitment.id, kinds=COMMITMENT_KINDS)
    await _reconcile(
        session,
        existing,
        planned,
        group,
        now,
        keep_prefix=snooze_prefix(commitment) if planned else None,
        reason=f"commitment {commitment.status}",
    )


async def action_changed(session: AsyncSession, action: Action, group: Group, now: datetime) -> None:
    """Plan, move or cancel the reminders of ``action`` after a change of state or date.

    A closed or let-go action takes its commitments' reminders with it.
    """
    await session.flush()
    proposer = await session.get(Member, action.proposer_id)
    if proposer is None:
        return
    if action.state not in LIVE_STATES:
        existing = await repo.pending_of(session, action_id=action.id)
        await repo.cancel(session, [row.id for row in existing], f"action {action.state}")
        return
    planned = action_plan(action, proposer, group)
    existing = await repo.pending_of(session, action_id=action.id, kinds=ACTION_KINDS)
    await _reconcile(session, existing, planned, group, now, reason=f"action {action.state}")


async def group_settings_changed(session: AsyncSession, group: Group, now: datetime) -> None:
    """Plan the group's weekly digest and re-plan its reminders after a settings change.

    Also called when Brug is added to a group. A group that removed Brug gets no digest.
    """
    await session.flush()
    existing = await repo.pending_of(session, group_id=group.id, kinds=(DIGEST,))
    planned = [digest_plan(group, now)] if group.active else []
    await _reconcile(session, existing, planned, group, now, reason="digest settings changed")
    actions, commitments = await repo.live_subjects_of_group(session, group.id)
    for action in actions:
        await action_changed(session, action, group, now)
    for commitment in commitments:
        await commitment_changed(session, commitment, group, now)


async def plan_missing_digests(session: AsyncSession, now: datetime) -> int:
    """Give every active group without a planned digest its next one (at start-up); how many were added."""
    planned_groups = await repo.groups_with_pending_digest(session)
    rows_to_add = [
        digest_plan(group, now).row(group, now)
        for group in await repo.active_groups(session)
        if group.id not in planned_groups
    ]
    await repo.upsert_planned(session, rows_to_add)
    return len(rows_to_add)


async def member_settings_changed(session: AsyncSession, member: Member, now: datetime) -> None:
    """Re-plan a member's commitment reminders after they changed their lead time or hour."""
    for commitment in await repo.open_commitments_of_member(session, member.id):
        action = await session.get(Action, commitment.action_id)
        group = await session.get(Group, action.group_id) if action else None
        if group is not None:
            await commitment_changed(session, commitment, group, now)


# ---------------------------------------------------------------- the member's own settings

LEAD_CHOICES = (0, 1, 2)
HOUR_CHOICES = (9, 10, 14, 19)


def reminder_settings(member: Member, message: str = "reminder-settings") -> Reply:
    """When this member hears about their commitments, with buttons to change it."""
    return Reply(
        message,
        args={"lead": member.reminder_lead_days, "hour": member.reminder_hour},
        choices=rows(
            [Choice(f"reminder-lead-{days}", payload=REMINDER.data("lead", days, member.id)) for days in LEAD_CHOICES],
            [
                Choice("reminder-hour", payload=REMINDER.data("hour", hour, member.id), label_args={"hour": hour})
                for hour in HOUR_CHOICES
            ],
        ),
    )


async def change_reminder_settings(
    session: AsyncSession, member: Member, now: datetime, *, lead: int | None = None,
    hour: int | None = None,
) -> Reply:
    """Set the lead time (days) or hour of the member's reminders and re-plan the pending ones."""
    if lead is not None and lead in LEAD_CHOICES:
        member.reminder_lead_days = lead
    if hour is not None and hour in HOUR_CHOICES:
        member.reminder_hour = hour
    member.updated_at = now
    await member_settings_changed(session, member, now)
    return reminder_settings(member, "reminder-settings-saved")


# ---------------------------------------------------------------- /stil and "Morgen nog eens"


class NotYours(Exception):
    """A member pressed a button meant for someone else."""


async def snooze(session: AsyncSession, commitment_id: int, member: Member, now: datetime) -> Reply:
    """"Morgen nog eens": ask about an overdue commitment again tomorrow at the member's hour."""
    commitment = await session.get(Commitment, commitment_id)
    if commitment is None or commitment.member_id != member.id:
        raise NotYours(commitment_id)
    action = await session.get(Action, commitment.action_id)
    group = await session.get(Group, action.group_id) if action else None
    if group is None or commitment.status != CommitmentStatus.OPEN or action.state not in LIVE_STATES:
        return Reply("reminder-snooze-gone")
    tomorrow = local_today(now, group.timezone) + timedelta(days=1)
    planned = overdue_at(
        commitment, group, local_moment(tomorrow, member.reminder_hour, group.timezone), snoozed=True
    )
    await repo.upsert_planned(session, [planned.row(group, now)])
    return Reply("reminder-snoozed", args={"title": action.title, "day": tomorrow})


async def pause(session: AsyncSession, member: Member, days: int, now: datetime) -> Reply:
    """/stil N: the member's own reminders wait N days (deferred when due, not lost)."""
    days = max(1, min(MAX_PAUSE_DAYS, days))
    member.reminders_paused_until = now + timedelta(days=days)
    member.updated_at = now
    await session.flush()
    return Reply("reminders-paused", args={"days": days})


async def resume(session: AsyncSession, member: Member, now: datetime) -> Reply:
    """/stil uit: reminders again; those the pause held back become due now."""
    paused_until = member.reminders_paused_until
    member.reminders_paused_until = None
    member.updated_at = now
    if paused_until is not None and paused_until > now:
        await repo.bring_forward(session, member.id, paused_until, now)
    await session.flush()
    return Reply("reminders-resumed")


def is_paused(member: Member | None, now: datetime) -> bool:
    return bool(member and member.reminders_paused_until and member.reminders_paused_until > now)


# ---------------------------------------------------------------- what a due row says


@dataclass
class Batch:
    """Everything the due rows of one tick refer to, loaded in a constant number of queries."""

    groups: dict[int, Group] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    actions: dict[int, Action] = field(default_factory=dict)
    commitments: dict[int, Commitment] = field(default_factory=dict)
    # closing notices: who reacted to each proposal, its support count, each group's members
    reacted: dict[int, set[int]] = field(default_factory=dict)
    # who backs each proposal (👍 or 🙋), for "steun nodig van … persoon"
    backing: dict[int, set[int]] = field(default_factory=dict)
    group_members: dict[int, list] = field(default_factory=dict)
    # digests, per group id
    digests: dict[int, Reply | None] = field(default_factory=dict)
    # people a member signed up for an action ("Ik neem Riet mee"): (action id, member id) -> first names
    guests: dict[tuple[int, int], list[str]] = field(default_factory=dict)


@dataclass
class Verdict:
    """What to do with a due row: send ``outgoing``, or cancel it (``cancel`` says why); plan ``follow_up``."""

    outgoing: Outgoing | None = None
    cancel: str | None = None
    follow_up: list[Planned] = field(default_factory=list)


def verdict(row: Reminder, batch: Batch, now: datetime) -> Verdict:
    """Does the row still stand, and what does it say? Checked when it is due, not when it was planned."""
    group = batch.groups.get(row.group_id) if row.group_id else None
    if row.kind == OUTGOING:
        if row.commitment_id is not None and _settled(batch.commitments.get(row.commitment_id)):
            return Verdict(cancel="commitment answered already")
        return Verdict(outgoing=decode_outgoing(row.payload or "{}"))
    if group is None:
        return Verdict(cancel="group gone")
    if row.kind in COMMITMENT_KINDS:
        return _commitment_verdict(row, batch, group, now)
    if row.kind in ACTION_KINDS:
        return _action_verdict(row, batch, group, now)
    if row.kind == DIGEST:
        return _digest_verdict(row, batch, group, now)
    return Verdict(cancel=f"unknown kind {row.kind}")


def _guests_line(batch: Batch, action_id: int, member_id: int) -> Reply | str:
    """ "Je neemt Riet mee.": someone without a phone in the chat is reminded through who signed them up."""
    names = batch.guests.get((action_id, member_id))
    return Reply("reminder-guests", args={"names": ", ".join(names)}) if names else ""


def _settled(commitment: Commitment | None) -> bool:
    """A message about a commitment that is gone, done or released has nothing left to ask."""
    return commitment is None or commitment.status != CommitmentStatus.OPEN


def _commitment_verdict(row: Reminder, batch: Batch, group: Group, now: datetime) -> Verdict:
    commitment = batch.commitments.get(row.commitment_id)
    action = batch.actions.get(commitment.action_id) if commitment else None
    member = batch.members.get(commitment.member_id) if commitment else None
    if commitment is None or action is None or member is None:
        return Verdict(cancel="commitment gone")
    if action.state not in LIVE_STATES:
        # Done, let go (or any later closed state): the action's end answers every question about it.
        return Verdict(cancel=f"action {action.state}")
    planned = commitment_plan(commitment, action, member, group)
    if not planned:
        return Verdict(cancel=f"commitment {commitment.status}, action {action.state}")
    what = commitment.what or Reply("reminder-what-join")
    if row.kind == DUE:
        if row.key != planned[0].key:
            return Verdict(cancel="moved")
        days = (commitment.due_on - local_today(now, group.timezone)).days
        if days < 0:
            return Verdict(cancel="the day has passed")  # the overdue question takes over
        return Verdict(
            outgoing=Outgoing(
                member.id,
                group.id,
                Reply(
                    "reminder-due",
                    args={"title": action.title, "what": what, "day": commitment.due_on,
                          "days": days, "guests": _guests_line(batch, action.id, member.id),
                          # The action's own time, on the action's own day: a commitment on
                          # another day ("ik kook vrijdag") has no time of the action's.
                          "time": Reply("reminder-due-time", args={"time": time_of_day(action.start_time)})
                          if action.start_time is not None and commitment.due_on == action.due_on else ""},
                ),
            )
        )
    if not row.key.startswith(overdue_prefix(commitment)):
        return Verdict(cancel="moved")
    return Verdict(
        outgoing=Outgoing(
            member.id,
            group.id,
            Reply(
                "reminder-overdue",
                args={"title": action.title, "what": what, "day": commitment.due_on},
                choices=rows(
                    [
                        Choice("reminder-button-done", payload=COMMITMENT.data("done", commitment.id)),
                        Choice("reminder-button-later", payload=COMMITMENT.data("later", commitment.id)),
                    ],
                    [
                        Choice("reminder-button-release", payload=COMMITMENT.data("rel", commitment.id)),
                        Choice("reminder-button-snooze", payload=REMINDER.data("snooze", commitment.id)),
                    ],
                ),
            ),
        )
    )


def _action_verdict(row: Reminder, batch: Batch, group: Group, now: datetime) -> Verdict:
    action = batch.actions.get(row.action_id)
    proposer = batch.members.get(action.proposer_id) if action else None
    if action is None or proposer is None:
        return Verdict(cancel="action gone")
    planned = {p.kind: p for p in action_plan(action, proposer, group)}
    current = planned.get(row.kind)
    if row.kind == STALE and current is not None and current.key != row.key:
        # There was activity since this nudge was planned: plan the next one instead.
        return Verdict(cancel="activity since", follow_up=[current])
    if current is None or current.key != row.key:
        return Verdict(cancel=f"action {action.state}")
    if row.kind == DEADLINE:
        raise AssertionError("decision deadlines are converted before composing")  # scheduler's job
    if row.kind == STALE:
        days = (local_today(now, group.timezone) - local_today(action.last_activity_at, group.timezone)).days
        return Verdict(
            outgoing=Outgoing(
                proposer.id,
                group.id,
                Reply(
                    "reminder-stale",
                    args={"title": action.title, "days": days},
                    choices=rows(
                        [Choice("reminder-button-action-done", payload=ACTION.data("done", action.id))],
                        [Choice("reminder-button-smaller", payload=ACTION.data("smaller", action.id))],
                        [Choice("reminder-button-let-go", payload=ACTION.data("letgo", action.id))],
                    ),
                ),
            )
        )
    if row.kind == COUNTDOWN:
        days = (action.due_on - local_today(now, group.timezone)).days if action.due_on else -1
        if days < 1:
            return Verdict(cancel="the day is here")
        return Verdict(outgoing=Outgoing(None, group.id, Reply(
            "reminder-countdown", args={"title": action.title, "day": action.due_on, "days": days},
        )))
    if row.kind == HARVEST:
        if action.harvest_what:
            return Verdict(cancel="harvest already told")
        return Verdict(
            outgoing=Outgoing(
                proposer.id,
                group.id,
                Reply(
                    "reminder-harvest",
                    args={"title": action.title, "day": action.due_on},
                    choices=rows(
                        [Choice("reminder-button-harvest", payload=HARVEST_BUTTONS.data("start", action.id))]
                    ),
                ),
            )
        )
    return _closing_verdict(action, proposer, batch, group, now)


def _closing_verdict(
    action: Action, proposer: Member, batch: Batch, group: Group, now: datetime
) -> Verdict:
    reacted = batch.reacted.get(action.id, set()) | {proposer.id}
    group_members = batch.group_members.get(group.id, [])
    silent = [member for _, member in group_members if member.id not in reacted]
    active = sum(1 for membership, _ in group_members if membership.last_seen_at >= now - ACTIVE_PERIOD)
    needed = supporters_missing(
        group.support_threshold, active, len(batch.backing.get(action.id, set()) - {proposer.id})
    )
    names = [mention(member) for member in silent[:MAX_MENTIONS]]
    others = len(silent) - len(names)
    mentions = Html(", ".join(names))
    return Verdict(
        outgoing=Outgoing(
            None,
            group.id,
            Reply(
                "reminder-closing",
                args={
                    "title": action.title,
                    "proposer": proposer.first_name,
                    "needed": needed,
                    "ask": Reply(
                        "reminder-closing-ask" if names else "reminder-closing-ask-all",
                        args={
                            "mentions": mentions,
                            # One person is asked "wat vind jij ervan?", more "wat vinden jullie …".
                            "people": len(silent),
                            # "… en nog 3 anderen" when more were silent than are named.
                            "more": Reply("reminder-closing-more", args={"count": others}) if others else "",
                        },
                    ),
                },
            ),
        )
    )


def _digest_verdict(row: Reminder, batch: Batch, group: Group, now: datetime) -> Verdict:
    if not group.active:
        return Verdict(cancel="group inactive")
    nominal = nominal_moment(row.key) or row.due_at
    follow_up = [digest_plan(group, max(nominal, now))]
    if now - nominal > DIGEST_LATENESS and follow_up[0].moment - now < DIGEST_LATENESS * 3:
        # Brug was away (or the demo's clock jumped): a digest days late that would arrive just
        # before the next one would tell the same news twice. The next one comes instead.
        return Verdict(cancel="too late for this week's digest", follow_up=follow_up)
    digest = batch.digests.get(group.id)
    if digest is None:
        return Verdict(cancel="nothing to say this week", follow_up=follow_up)
    return Verdict(outgoing=Outgoing(None, group.id, digest), follow_up=follow_up)


# ---------------------------------------------------------------- ready messages in the outbox


def encode_outgoing(outgoing: Outgoing) -> str:
    """An ``Outgoing`` as JSON for an ``outgoing`` row (dates, safe HTML and nested replies kept)."""
    return json.dumps(
        {"member_id": outgoing.member_id, "group_id": outgoing.group_id,
         "reply": _encode(outgoing.reply), "edit_message_id": outgoing.edit_message_id},
        ensure_ascii=False,
    )


def decode_outgoing(text: str) -> Outgoing:
    data = json.loads(text)
    return Outgoing(
        data.get("member_id"), data.get("group_id"), _decode(data["reply"]),
        edit_message_id=data.get("edit_message_id"),
    )


def _encode(value: Any) -> Any:
    if isinstance(value, Reply):
        return {
            "$reply": {
                "message": value.message,
                "args": {name: _encode(arg) for name, arg in value.args.items()},
                "choices": [
                    [
                        {"label": c.label, "payload": c.payload, "url": c.url,
                         "label_args": {k: _encode(v) for k, v in c.label_args.items()},
                         "literal": c.literal}
                        for c in row
                    ]
                    for row in value.choices
                ],
            }
        }
    if isinstance(value, Html):
        return {"$html": str(value)}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "$html" in value:
        return Html(value["$html"])
    if "$date" in value:
        return date.fromisoformat(value["$date"])
    if "$datetime" in value:
        return datetime.fromisoformat(value["$datetime"])
    if "$reply" in value:
        data = value["$reply"]
        return Reply(
            data["message"],
            args={name: _decode(arg) for name, arg in data["args"].items()},
            choices=tuple(
                tuple(
                    Choice(c["label"], payload=c["payload"], url=c["url"],
                           label_args={k: _decode(v) for k, v in c["label_args"].items()},
                           literal=c["literal"])
                    for c in row
                )
                for row in data["choices"]
            ),
        )
    return {key: _decode(item) for key, item in value.items()}


async def send_soon(
    session: AsyncSession, outgoing: Outgoing, *, key: str, action_id: int | None, now: datetime,
    commitment_id: int | None = None,
) -> None:
    """A ready message for the outbox, sent by the next tick (quiet hours respected).

    For moments outside a chat update that still owe a member a message — the dashboard ticking off a
    commitment. ``key`` makes it once: the same key is never sent twice. A message about
    ``commitment_id`` is dropped when that commitment was done or released before it went out.
    """
    await repo.insert_new(
        session,
        [
            {
                "key": f"{OUTGOING}:{key}"[:200],
                "kind": OUTGOING,
                "group_id": outgoing.group_id,
                "member_id": outgoing.member_id,
                "action_id": action_id,
                "commitment_id": commitment_id,
                "due_at": now,
                "status": repo.PENDING,
                "attempts": 0,
                "lease_until": None,
                "payload": encode_outgoing(outgoing),
                "created_at": now,
            }
        ],
    )


async def send_soon_naming_row(
    session: AsyncSession,
    reply_for: Callable[[int], Reply],
    *,
    key: str,
    member_id: int | None,
    group_id: int | None,
    now: datetime,
) -> int:
    """``send_soon`` for a message whose buttons name its own outbox row (``reply_for(row id)``): a
    suggestion a coordinator takes over with one tap later finds what was suggested in that row.
    ``key`` must be new (it carries a fresh token); returns the row's id."""
    row = Reminder(
        key=f"{OUTGOING}:{key}"[:200], kind=OUTGOING, group_id=group_id, member_id=member_id,
        due_at=now, status=repo.PENDING, attempts=0, payload="{}", created_at=now,
    )
    session.add(row)
    await session.flush()
    row.payload = encode_outgoing(Outgoing(member_id, group_id, reply_for(row.id)))
    await session.flush()
    return row.id


async def outgoing_row(session: AsyncSession, row_id: int, key_prefix: str) -> tuple[Reminder, Outgoing] | None:
    """An ``outgoing`` row made by ``send_soon_naming_row`` under ``key_prefix``, with its message;
    None when there is no such row or its text was wiped (/vergeetmij)."""
    row = await session.get(Reminder, row_id)
    if row is None or row.kind != OUTGOING or not row.key.startswith(f"{OUTGOING}:{key_prefix}"):
        return None
    if not row.payload or row.payload == "{}":
        return None
    return row, decode_outgoing(row.payload)


def outgoing_rows(
    source: Reminder, outgoings: list[Outgoing], now: datetime, lease_until: datetime
) -> list[dict[str, Any]]:
    """Rows for the messages a due row produced, already claimed by the tick that will send them."""
    return [
        {
            "key": f"{OUTGOING}:{source.key}:{index}"[:200],
            "kind": OUTGOING,
            "group_id": outgoing.group_id or source.group_id,
            "member_id": outgoing.member_id,
            "action_id": source.action_id,
            "commitment_id": None,
            "due_at": now,
            "status": repo.CLAIMED,
            "attempts": 1,
            "lease_until": lease_until,
            "payload": encode_outgoing(outgoing),
            "created_at": now,
        }
        for index, outgoing in enumerate(outgoings)
    ]
