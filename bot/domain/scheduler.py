"""The tick: claim due outbox rows, decide what each says, hand it to a ``Sender``, write down the result.

``tick(db, sender, now)`` is a plain async function: the bot's JobQueue calls it every
``settings.tick_seconds`` and tests call it with a fixed clock.

Delivery guarantees
-------------------
- A row is claimed (status ``claimed``, ``lease_until`` = now + lease) in one committed statement before
  anything is sent. On PostgreSQL the claim uses ``FOR UPDATE SKIP LOCKED``, so two ``brug run``
  processes never claim the same row. SQLite is for one process.
- A row whose send succeeded is marked ``sent`` and never sent again. Results are written in short
  transactions at least every ``flush_seconds`` (and when the tick ends, also when it is cancelled), in
  bulk, so the number of statements does not grow with the number of rows.
- At-least-once window: if the process dies hard (power cut, SIGKILL) after a message went out but before
  its result was written (at most ``flush_seconds`` of messages), those rows become due again when their
  lease ends and are sent once more. Rows claimed but not yet sent are simply sent after the lease ends.
- 429 → the row waits ``retry_after``; 403 in a private chat → the member is marked unreachable and the
  message goes to the group with a mention; 403 in a group → the group is marked inactive and the row
  cancelled; other failures → back-off (1, 2, 4, 8 minutes) and ``failed`` after ``MAX_ATTEMPTS`` with
  ``last_error`` kept for the coordinator.
- Quiet hours, /stil and the limit of 20 messages a minute per group defer rows; deferring is no attempt.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.domain.digest import weekly_digests
from bot.domain.groups import mark_inactive
from bot.domain.members import mark_unreachable
from bot.domain.i18n import DEFAULT_LANGUAGE
from bot.domain.members import answer_language
from bot.domain.messages import Outgoing, Reply
from bot.domain.quiet_hours import end_of_quiet, is_quiet
from bot.domain.reminders import (
    CLOSING,
    DEADLINE,
    DIGEST,
    DUE,
    MEMBER_KINDS,
    Batch,
    Planned,
    action_plan,
    is_paused,
    mention,
    outgoing_rows,
    verdict,
)
from bot.domain.transport import Address, Blocked, DeliveryError, RetryLater, Sender
from storage.db import Database
from storage.models import Action, Commitment, Group, Member, Reminder
from storage.repositories import reminders as repo
from storage.repositories import neighbourhood as neighbourhood_repo

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 500


class Problem(StrEnum):
    """Why a reminder failed for good, stored first in ``last_error`` ("telegram: TimedOut …") so the
    coordinator's /overzicht says it in their own language; the rest is the detail for the log."""

    BLOCKED = "blocked"  # Brug may not write to the member, privately nor in the group
    TELEGRAM = "telegram"  # Telegram kept refusing or failing
    UNCONFIRMED = "unconfirmed"  # sent, but never confirmed after repeated tries
    BROKEN = "broken"  # an error in Brug itself
    OTHER = "other"  # rows stored before the codes existed


def problem(code: Problem, detail: object = "") -> str:
    return f"{code.value}: {detail}" if detail else code.value


def problem_of(last_error: str | None) -> Problem:
    """The code of a stored ``last_error`` (``OTHER`` for what has none)."""
    head = (last_error or "").split(":", 1)[0].strip()
    return Problem(head) if head in Problem._value2member_map_ else Problem.OTHER
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
GROUP_MESSAGES_PER_MINUTE = 20
FLUSH_SECONDS = 1.0


@dataclass
class TickReport:
    claimed: int = 0
    sent: int = 0
    deferred: int = 0
    cancelled: int = 0
    retried: int = 0
    failed: int = 0
    decided: int = 0


@dataclass
class Results:
    """What happened to each row, buffered and written in bulk."""

    db: Database
    now: datetime
    flush_seconds: float
    report: TickReport = field(default_factory=TickReport)
    sent: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    changes: list[dict[str, Any]] = field(default_factory=list)
    unreachable: set[int] = field(default_factory=set)
    inactive: set[int] = field(default_factory=set)
    new_rows: list[dict[str, Any]] = field(default_factory=list)
    last_flush: float = field(default_factory=time.monotonic)

    def delivered(self, row: Reminder, channel: str) -> None:
        self.sent[channel].append(row.id)
        self.report.sent += 1

    def _change(self, row: Reminder, status: str, due_at: datetime, attempts: int, error: str | None) -> None:
        self.changes.append(
            {"row_id": row.id, "new_status": status, "new_due_at": due_at,
             "new_attempts": max(0, attempts), "new_error": error[:1000] if error else None}
        )

    def defer(self, row: Reminder, until: datetime) -> None:
        # Waiting for quiet hours, a pause or the rate limit is not an attempt.
        self._change(row, repo.PENDING, until, row.attempts - 1, row.last_error)
        self.report.deferred += 1

    def retry_after(self, row: Reminder, seconds: float, error: str) -> None:
        self._change(row, repo.PENDING, self.now + timedelta(seconds=max(1.0, seconds)),
                     row.attempts - 1, error)
        self.report.retried += 1

    def failure(self, row: Reminder, error: str) -> None:
        if row.attempts >= MAX_ATTEMPTS:
            self._change(row, repo.FAILED, row.due_at, row.attempts, error)
            self.report.failed += 1
            log.warning("reminder %s failed for good: %s", row.key, error)
            return
        backoff = timedelta(minutes=2 ** max(0, row.attempts - 1))
        self._change(row, repo.PENDING, self.now + backoff, row.attempts, error)
        self.report.retried += 1

    def give_up(self, row: Reminder, error: str) -> None:
        """No way to deliver this (blocked everywhere): failed now, for the coordinator to see."""
        self._change(row, repo.FAILED, row.due_at, row.attempts, error)
        self.report.failed += 1

    def cancel(self, row: Reminder, reason: str) -> None:
        self._change(row, repo.CANCELLED, row.due_at, row.attempts, reason)
        self.report.cancelled += 1

    def plan(self, planned: list[Planned], groups: dict[int, Group]) -> None:
        for item in planned:
            group = groups.get(item.group_id) if item.group_id is not None else None
            self.new_rows.append(item.row(group, self.now))

    async def flush_if_due(self) -> None:
        if time.monotonic() - self.last_flush >= self.flush_seconds:
            await self.flush()

    async def flush(self) -> None:
        self.last_flush = time.monotonic()
        if not (self.sent or self.changes or self.unreachable or self.inactive or self.new_rows):
            return
        async with self.db.unit_of_work() as session:
            await repo.record_outcomes(
                session,
                self.now,
                sent=dict(self.sent),
                changes=self.changes,
                unreachable_member_ids=self.unreachable,
                inactive_group_ids=self.inactive,
                new_rows=self.new_rows,
            )
        self.sent = defaultdict(list)
        self.changes, self.new_rows = [], []
        self.unreachable, self.inactive = set(), set()


async def tick(
    db: Database,
    sender: Sender,
    now: datetime,
    *,
    limit: int = DEFAULT_LIMIT,
    lease: timedelta = LEASE,
    default_language: str = DEFAULT_LANGUAGE,
    flush_seconds: float = FLUSH_SECONDS,
) -> TickReport:
    """Send what is due at ``now`` (at most ``limit`` rows) and record the outcome of each row."""
    lease_until = now + lease
    async with db.unit_of_work() as session:
        claimed = await repo.claim_due(session, now, limit, lease_until)
    results = Results(db, now, flush_seconds)
    results.report.claimed = len(claimed)
    if not claimed:
        return results.report
    try:
        rows = await _take_decisions(db, claimed, now, lease_until, results)
        async with db.sessionmaker() as session:
            batch = await load_batch(session, rows, now)
            recent = await repo.group_messages_since(session, now - timedelta(minutes=1))
        delivery = Delivery(sender, batch, results, now, default_language, recent)
        for row in rows:
            try:
                await delivery.handle(row)
            except Exception as exc:  # noqa: BLE001 - one broken row must not stop the others
                log.exception("reminder %s could not be handled", row.key)
                results.failure(row, problem(Problem.BROKEN, f"{type(exc).__name__}: {exc}"))
            await results.flush_if_due()
    finally:
        await results.flush()
    return results.report


async def load_batch(session, rows: list[Reminder], now: datetime) -> Batch:
    """The subjects of ``rows``: a fixed number of ``IN`` queries, however many rows there are."""
    batch = Batch()
    batch.commitments = await repo.by_ids(session, Commitment, (r.commitment_id for r in rows))
    batch.actions = await repo.by_ids(
        session,
        Action,
        {r.action_id for r in rows} | {c.action_id for c in batch.commitments.values()},
    )
    batch.members = await repo.by_ids(
        session,
        Member,
        {r.member_id for r in rows}
        | {c.member_id for c in batch.commitments.values()}
        | {a.proposer_id for a in batch.actions.values()},
    )
    batch.groups = await repo.by_ids(
        session, Group, {r.group_id for r in rows} | {a.group_id for a in batch.actions.values()}
    )
    due = {
        batch.commitments[r.commitment_id].action_id
        for r in rows if r.kind == DUE and r.commitment_id in batch.commitments
    }
    if due:
        batch.guests = await neighbourhood_repo.guests_of_members(session, sorted(due))
    closing = [r.action_id for r in rows if r.kind == CLOSING and r.action_id in batch.actions]
    if closing:
        batch.reacted, batch.backing = await repo.reactions(session, closing)
        batch.group_members = await repo.members_of_groups(
            session, sorted({batch.actions[a].group_id for a in closing})
        )
    digest_groups = [
        batch.groups[r.group_id] for r in rows
        if r.kind == DIGEST and r.group_id in batch.groups and batch.groups[r.group_id].active
    ]
    if digest_groups:
        batch.digests = await weekly_digests(session, digest_groups, now)
    return batch


async def _take_decisions(
    db: Database, claimed: list[Reminder], now: datetime, lease_until: datetime, results: Results
) -> list[Reminder]:
    """Decision deadlines: let the proposals feature decide, and turn its messages into outbox rows.

    The decision, its messages and marking the deadline row sent commit together, so a crash either
    leaves the deadline due again or leaves its messages durably in the outbox.
    """
    rows: list[Reminder] = []
    for row in claimed:
        if row.kind != DEADLINE:
            rows.append(row)
            continue
        try:
            from bot.domain.actions import close_decision_window
        except ImportError:
            results.failure(row, problem(Problem.BROKEN, "close_decision_window is not available"))
            continue
        try:
            async with db.unit_of_work() as session:
                action = await session.get(Action, row.action_id) if row.action_id else None
                proposer = await session.get(Member, action.proposer_id) if action else None
                group = await session.get(Group, action.group_id) if action else None
                if (
                    action is None
                    or proposer is None
                    or group is None
                    or row.key not in {p.key for p in action_plan(action, proposer, group)}
                ):
                    results.cancel(row, "decision window moved or closed")
                    continue
                outgoings = await close_decision_window(session, action.id, now)
                new_rows = await repo.insert_claimed(
                    session, outgoing_rows(row, list(outgoings or []), now, lease_until)
                )
                await repo.mark_sent(session, row.id, now)
            results.report.decided += 1
            rows.extend(new_rows)
        except Exception as exc:  # noqa: BLE001 - retried with back-off, visible as last_error
            log.exception("decision for %s failed", row.key)
            results.failure(row, problem(Problem.BROKEN, f"{type(exc).__name__}: {exc}"))
    return rows


class Delivery:
    """Sends one row at a time: pause, quiet hours, the per-group rate limit, private or group."""

    def __init__(
        self,
        sender: Sender,
        batch: Batch,
        results: Results,
        now: datetime,
        default_language: str,
        recent_group_messages: dict[int, int],
    ) -> None:
        self.sender = sender
        self.batch = batch
        self.results = results
        self.now = now
        self.default_language = default_language
        self.budget = defaultdict(lambda: GROUP_MESSAGES_PER_MINUTE)
        for group_id, count in recent_group_messages.items():
            self.budget[group_id] = GROUP_MESSAGES_PER_MINUTE - count

    async def handle(self, row: Reminder) -> None:
        results, now = self.results, self.now
        if row.attempts > MAX_ATTEMPTS:
            results.failure(row, problem(Problem.UNCONFIRMED, row.last_error or "repeated claims"))
            return
        decided = verdict(row, self.batch, now)
        if decided.cancel is not None:
            results.cancel(row, decided.cancel)
            results.plan(decided.follow_up, self.batch.groups)
            return
        member = self.batch.members.get(row.member_id) if row.member_id else None
        paused_until = member.reminders_paused_until if member is not None else None
        if row.kind in MEMBER_KINDS and paused_until is not None and is_paused(member, now):
            results.defer(row, paused_until)
            return
        group = self.batch.groups.get(row.group_id) if row.group_id else None
        if group is not None and is_quiet(now, group.timezone, group.quiet_start_hour, group.quiet_end_hour):
            results.defer(
                row, end_of_quiet(now, group.timezone, group.quiet_start_hour, group.quiet_end_hour)
            )
            return
        assert decided.outgoing is not None  # a verdict that does not cancel has a message
        if await self.deliver(row, decided.outgoing, group):
            results.plan(decided.follow_up, self.batch.groups)

    async def deliver(self, row: Reminder, outgoing: Outgoing, group: Group | None) -> bool:
        """Try private first (when the member started Brug), else the group; True when it is done."""
        results = self.results
        if outgoing.group_id and outgoing.group_id in self.batch.groups:
            group = self.batch.groups[outgoing.group_id]
        member = self.batch.members.get(outgoing.member_id) if outgoing.member_id else None
        if outgoing.member_id is not None and member is None:
            results.cancel(row, "member gone")
            return False
        if member is not None and member.has_private_chat and not member.unreachable:
            address = Address("private", member.telegram_user_id)
            lang = answer_language(member, None, self.default_language)
            try:
                await self.sender.send(address, outgoing.reply, lang)
                results.delivered(row, "private")
                return True
            except Blocked:
                log.info("member %s blocked Brug; falling back to the group", member.id)
                mark_unreachable(member, self.now)
                results.unreachable.add(member.id)
            except RetryLater as exc:
                results.retry_after(row, exc.seconds, f"429: {exc}")
                return False
            except DeliveryError as exc:
                results.failure(row, problem(Problem.TELEGRAM, exc))
                return False
        if group is None or not group.active:
            if member is not None:
                results.give_up(row, problem(Problem.BLOCKED, "not privately and the group is inactive"))
            else:
                results.cancel(row, "group inactive")
            return False
        reply = outgoing.reply
        if member is not None:
            reply = Reply(
                "reminder-for-member",
                args={"mention": mention(member), "text": outgoing.reply},
                choices=outgoing.reply.choices,
            )
        if self.budget[group.id] <= 0:
            results.defer(row, self.now + timedelta(minutes=1))
            return False
        self.budget[group.id] -= 1
        address = Address("group", group.telegram_chat_id)
        if outgoing.edit_message_id is not None:
            return await self.redraw(row, address, outgoing.edit_message_id, reply, group)
        try:
            await self.sender.send(address, reply, group.language)
        except Blocked as exc:
            log.info("group %s refuses messages; marking it inactive", group.id)
            mark_inactive(group, self.now)
            results.inactive.add(group.id)
            if member is not None:
                results.give_up(row, problem(Problem.BLOCKED, f"403 in private chat and group: {exc}"))
            else:
                results.cancel(row, f"403: {exc}")
            return False
        except RetryLater as exc:
            results.retry_after(row, exc.seconds, f"429: {exc}")
            return False
        except DeliveryError as exc:
            results.failure(row, problem(Problem.TELEGRAM, exc))
            return False
        results.delivered(row, "group")
        return True

    async def redraw(
        self, row: Reminder, address: Address, message_id: int, reply: Reply, group: Group
    ) -> bool:
        """A card shown anew in its own message. A card that cannot be edited any more (deleted,
        too old) is left as it is: nothing to retry."""
        results = self.results
        try:
            await self.sender.edit(address, message_id, reply, group.language)
        except RetryLater as exc:
            results.retry_after(row, exc.seconds, f"429: {exc}")
            return False
        except DeliveryError as exc:
            results.cancel(row, f"card not redrawn: {exc}")
            return False
        results.delivered(row, "group")
        return True
