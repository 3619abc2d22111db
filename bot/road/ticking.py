"""The reminders tick as a running Brug does it: every ``tick_seconds`` the JobQueue (or the bridge's own
loop, or a test moving the clock) sends what the reminders outbox has due, then the replies that waited
for Telegram (``bot.road.delivery``). Wiring, not a feature: the chat handlers, the dashboard and the bridges
all reach the tick here.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.road.context import Services
from bot.road.delivery import retry_due
from bot.domain.reminders import plan_missing_digests
from bot.domain.scheduler import tick
from bot.road.telegram_api import TelegramSender
from storage.repositories import housekeeping

log = logging.getLogger(__name__)


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
