"""Brug's whole Application on a transport other than Telegram: start, feed events, tick, stop.

The Application is the same one ``brug run`` builds for Telegram (``bot.app.build_application``): same
handlers, same unit of work per update, same reminders tick. Only its HTTP layer is the bridge.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

from pydantic import SecretStr
from telegram import Update

from bot.road.ticking import tick_now
from bot.app import build_application
from bot.bridge.botapi import Bridge
from bot.bridge.interface import Event, Transport
from bot.domain.clock import Clock, SystemClock
from bot.config import Settings
from bot.domain.i18n import translator
from storage.db import Database
from storage.migrate import upgrade

log = logging.getLogger(__name__)

# python-telegram-bot wants a token of Telegram's shape; on a bridge it is never sent anywhere.
PLACEHOLDER_TOKEN = "1:bridged-transport-no-telegram-token"
# A service manager waits this long after SIGTERM (systemd: 90 s); Brug stops well within it.
SHUTDOWN_SECONDS = 20


class BridgedBrug:
    """Brug's Application on a non-Telegram transport."""

    def __init__(
        self,
        settings: Settings,
        transport: Transport,
        *,
        clock: Clock | None = None,
        database: Database | None = None,
    ) -> None:
        # Telegram's own rate limits and base URL do not apply; the transport reports its limits.
        settings = settings.model_copy(
            update={"telegram_token": SecretStr(PLACEHOLDER_TOKEN), "rate_limiter": False, "telegram_base_url": None}
        )
        self.settings = settings
        self.transport = transport
        self.clock = clock or SystemClock()
        self.database = database or Database(settings.database_url)
        self.bridge = Bridge(
            transport=transport,
            database=self.database,
            translator=translator(),
            clock=self.clock,
            default_language=settings.language,
            bot_username=f"brug_{transport.name}",
            id_key=settings.id_key,
        )
        self.application = build_application(
            settings, request=self.bridge.request, clock=self.clock, database=self.database
        )
        self.bridge.process_update = self._process
        self.started = False

    async def _process(self, data: dict[str, Any]) -> None:
        await self.application.process_update(Update.de_json(data, self.application.bot))

    async def start(self) -> None:
        """Migrate, then start the Application (its JobQueue ticks the reminders)."""
        await upgrade(self.database.engine)
        await self.bridge.load()
        await self.application.initialize()
        if self.application.post_init is not None:
            await self.application.post_init(self.application)
        await self.application.start()
        self.started = True
        log.info("Brug is running on %s", self.transport.name)

    async def handle(self, event: Event) -> None:
        """One event: its updates processed in order; a failure is logged, never raised."""
        try:
            await self.bridge.handle(event)
        except Exception:  # noqa: BLE001 - one bad event must not stop Brug
            log.exception("could not handle a %s event from %s", type(event).__name__, self.transport.name)

    async def tick(self) -> None:
        """Send the reminders that are due at the clock's now (the JobQueue does this every few seconds)."""
        await tick_now(self.application)
        await self.bridge.writer.flush()

    async def stop(self) -> None:
        if self.started:
            await self.application.stop()
            await self.bridge.close()
            await self.application.shutdown()
            if self.application.post_shutdown is not None:
                await self.application.post_shutdown(self.application)
            self.started = False
        else:
            await self.bridge.close()
            await self.database.dispose()


async def serve(
    settings: Settings,
    transport: Transport,
    events: AsyncIterator[Event],
    *,
    clock: Clock | None = None,
) -> None:
    """Start Brug on ``transport`` and handle every event until ``events`` ends or the task is cancelled."""
    brug = BridgedBrug(settings, transport, clock=clock)
    await brug.start()
    try:
        async for event in events:
            # Stopping (Ctrl-C, SIGTERM) waits for the event in hand: an update is never cut off halfway
            # through its transaction, and the database is closed with nothing in flight.
            handling = asyncio.ensure_future(brug.handle(event))
            try:
                await asyncio.shield(handling)
            except asyncio.CancelledError:
                await handling
                raise
    except asyncio.CancelledError:
        log.info("Brug on %s is stopping", transport.name)
    finally:
        try:
            await asyncio.wait_for(brug.stop(), SHUTDOWN_SECONDS)
        except TimeoutError:
            log.warning("Brug on %s did not stop within %d s; leaving anyway", transport.name, SHUTDOWN_SECONDS)
        close = getattr(transport, "aclose", None)
        if close is not None:
            await close()
