"""The reminders tick as a running Brug does it: every ``tick_seconds`` the JobQueue (or the bridge's own
loop, or a test moving the clock) sends what the reminders outbox has due, then the replies that waited
for Telegram (``bot.road.delivery``). Wiring, not a feature: the chat handlers, the dashboard and the bridges
all reach the tick here.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from bot.domain import actions as action_cards
from bot.domain import partners, reminders, series
from bot.domain.transport import Address, DeliveryError
from bot.road.context import Services
from bot.road.delivery import retry_due
from bot.domain.reminders import plan_missing_digests
from bot.domain.scheduler import tick
from bot.road.telegram_api import TelegramSender
from storage.models import Group
from storage.repositories import housekeeping
from storage.repositories import series as series_repo

log = logging.getLogger(__name__)
# How long one worker holds a series card it is posting before another may try.
CARD_LEASE = timedelta(minutes=5)


async def tick_job(context: Any) -> None:
    """The JobQueue's only job: hand what is due to the Telegram sender."""
    await tick_now(context.application)


async def tick_now(application: Any) -> None:
    """Send what is due now, through the Application's bot (Telegram, or a bridged transport)."""
    services: Services = application.bot_data["services"]
    report = await tick(
        services.db,
        TelegramSender(application.bot, services.translator),
        services.clock.now(),
        default_language=services.settings.language,
    )
    if report.claimed:
        log.info("reminders tick: %s", report)
    # Messages updates stored that Telegram did not take at once (bot.delivery).
    resent = await retry_due(application.bot, services)
    if resent:
        log.info("delivered %d message(s) that waited", resent)
    # What is kept only for a while goes when its while is over (README: what Brug stores).
    async with services.writer, services.db.unit_of_work() as session:
        deleted = await housekeeping.delete_expired(session, services.clock.now())
    if any(deleted.values()):
        log.info("deleted expired %s", deleted)
    await make_series_actions(application)
    # Partners as equals: a nudge to the coordinators about a shortlisted partner gone quiet (once per silence).
    now = services.clock.now()
    async with services.writer, services.db.unit_of_work() as session:
        for nudge in await partners.quiet_partner_nudges(session, now):
            await reminders.send_soon(session, nudge.outgoing, key=nudge.key, action_id=None, now=now)


async def make_series_actions(application: Any) -> None:
    """Again and again: a series' next action (``bot.domain.series``), then its card in the group.

    The action and the note to whoever started the series are committed first; the card is posted after,
    under a lease (``card_due_at``), so a failed post is tried again by a later tick and never twice."""
    services: Services = application.bot_data["services"]
    now = services.clock.now()
    async with services.writer, services.db.unit_of_work() as session:
        made = await series.make_due(session, now)
        for next_time in made:
            await reminders.send_soon(
                session, series.next_time_note(next_time), key=next_time.note_key,
                action_id=next_time.action.id, now=now,
            )
    if made:
        log.info("series: %d next action(s) made", len(made))
    async with services.writer, services.db.unit_of_work() as session:
        due = await series_repo.claim_cards(session, now, now + CARD_LEASE)
    sender = TelegramSender(application.bot, services.translator)
    for action in due:
        async with services.db.unit_of_work() as session:
            its_group = await session.get(Group, action.group_id)
            if its_group is None or not its_group.active:
                continue
            reply = await action_cards.card(session, action, its_group, now)
        try:
            message_id = await sender.post(
                Address("group", its_group.telegram_chat_id), reply, its_group.language
            )
        except DeliveryError as problem:
            log.warning("series: the card of action %s waits for another try: %s", action.id, problem)
            continue
        async with services.writer, services.db.unit_of_work() as session:
            await series_repo.card_posted(session, action.id, message_id)


async def start_ticking(application: Any) -> None:
    """At start-up: plan the digest of groups that have none yet, then tick every ``tick_seconds``."""
    services: Services = application.bot_data["services"]
    async with services.db.unit_of_work() as session:
        added = await plan_missing_digests(session, services.clock.now())
    if added:
        log.info("planned the weekly digest of %d group(s)", added)
    if application.job_queue is None:
        log.error("no JobQueue (install python-telegram-bot[job-queue]): reminders will not be sent")
        return
    interval = services.settings.tick_seconds
    application.job_queue.run_repeating(
        tick_job, interval=interval, first=interval, name="reminders-tick",
        # One tick at a time per process; a slow tick is not stacked on.
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
