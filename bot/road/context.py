"""What a handler can reach while it handles one update: the session, who is talking, the services.

``BrugApplication`` opens one database session per update and keeps it in a context variable; the
custom ``BrugContext`` exposes it to handlers. The session is committed when the update was handled
and rolled back when a handler raised.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import Application, BaseHandler, CallbackContext, ExtBot

from bot.road.chat_order import ChatTurns
from bot.domain.clock import Clock
from bot.config import Settings
from bot.domain.i18n import Html, Translator
from bot.road.logs import UPDATE_LOGGER, log_update, person
from bot.domain.members import Identity
from bot.domain.process_cache import PROCESS_CACHE, ProcessCache
from bot.road.updates_seen import UpdateLedger
from storage.db import Database
from storage.repositories import deliveries as deliveries_repo

if TYPE_CHECKING:
    from datetime import datetime

    from bot.road.inbox import Inbox

log = logging.getLogger(__name__)
update_log = logging.getLogger(UPDATE_LOGGER)


@dataclass
class Services:
    """The long-lived things one bot process shares across updates."""

    settings: Settings
    db: Database
    translator: Translator
    clock: Clock
    # Deep link payload prefix -> handler, filled from each feature module's DEEP_LINKS.
    deep_links: dict[str, Any] = field(default_factory=dict)
    # Pending free-text question kind -> handler, filled from each feature module's REPLY_KINDS.
    reply_kinds: dict[str, Any] = field(default_factory=dict)
    # What runs once a member answered a private question (the proposal being written gets its turn back),
    # filled from each feature module's AFTER_PRIVATE_ANSWER: features hand over without importing each other.
    after_private_answer: list[Any] = field(default_factory=list)
    # Pages the web server serves beside the webhook and /healthz (the dashboard), added by the wiring
    # (bot.app) so that the road does not depend on what it carries.
    web_routes: list[Any] = field(default_factory=list)
    # Processed update ids: a re-delivered update changes nothing.
    updates: UpdateLedger = field(default_factory=UpdateLedger)
    # What rarely changes, kept for a minute in this process (see bot.process_cache).
    cache: ProcessCache = field(default_factory=ProcessCache)
    # The durable inbox updates arrive through (bot.inbox); None when updates are fed in directly.
    inbox: Inbox | None = None
    # SQLite has one writer and every update writes first (its id): this process's units of work and
    # the inbox's transactions take turns here, first come first served, instead of in SQLite's busy
    # loop (which sleeps up to 100 ms a try and gives up after 5 s). A no-op on PostgreSQL.
    writer: Any = field(default_factory=contextlib.nullcontext)
    # Chats with a stored message that waits for another try (bot.delivery): their next message is
    # sent after it, not past it. What this process saw; another process's leftovers go by the tick.
    behind: set[int] = field(default_factory=set)
    # Stored messages of a chat are delivered by one at a time here: the tick or the chat's next message.
    delivering: ChatTurns = field(default_factory=ChatTurns)


@dataclass
class UpdateScope:
    session: AsyncSession
    # Its Bot API calls commit first (bot.delivery).
    services: Services
    identity: Identity | None = None
    failed: bool = False
    # The feature handler that took the update ("module.function"), for the log line.
    handler: str | None = None
    # Something of this update is committed already (before a Bot API call): a failure after it does
    # not undo that, so the member is not asked to try again (doing it again could undo it).
    committed: bool = False
    # Stored messages Telegram took (or refused for good): deleted in the next commit.
    settled: list[int] = field(default_factory=list)


current_scope: contextvars.ContextVar[UpdateScope | None] = contextvars.ContextVar(
    "brug_update_scope", default=None
)


class BrugContext(CallbackContext[ExtBot, dict, dict, dict]):
    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]

    @property
    def scope(self) -> UpdateScope:
        scope = current_scope.get()
        if scope is None:
            raise RuntimeError("no update scope: handlers run inside BrugApplication.process_update")
        return scope

    @property
    def session(self) -> AsyncSession:
        return self.scope.session

    @property
    def identity(self) -> Identity:
        identity = self.scope.identity
        if identity is None:
            raise RuntimeError("update without a user")
        return identity

    @property
    def lang(self) -> str:
        identity = self.scope.identity
        return identity.language if identity else self.services.settings.language

    def now(self) -> datetime:
        return self.services.clock.now()

    def t(self, message_id: str, lang: str | None = None, **args: Any) -> Html:
        return self.services.translator.text(lang or self.lang, message_id, **args)

    async def commit(self) -> None:
        """Make sure what was changed can be stored, before telling the user it was saved.

        A flush, not a commit: the change is committed together with the message that tells about
        it, at the Bot API call that sends it (``bot.road.delivery``), so a kill in between cannot leave a
        change stored without its message."""
        await self.session.flush()


class BrugApplication(Application):
    """An Application that wraps the handling of each update in one database unit of work.

    The unit of work first records the update id (a repeat is skipped), then runs the handlers, then
    commits; a handler error rolls everything back, the update id included. An update that came from
    the inbox (``bot.road.inbox``) leaves it in the same commit. One log line per update.
    """

    async def process_update(self, update: object) -> None:
        services: Services = self.bot_data["services"]
        started = time.perf_counter()
        outcome = "ok"
        inbox = services.inbox
        from_inbox = inbox is not None and isinstance(update, Update) and inbox.holds(update.update_id)
        try:
            async with services.writer, services.db.sessionmaker() as session:
                session.info[PROCESS_CACHE] = services.cache
                scope = UpdateScope(session, services)
                token = current_scope.set(scope)
                try:
                    if isinstance(update, Update) and not await services.updates.first_time(
                        session, update.update_id, services.clock.now()
                    ):
                        outcome = "duplicate"
                        if from_inbox:
                            await inbox.finish(session, update.update_id)
                            await session.commit()
                        else:
                            await session.rollback()
                    else:
                        await super().process_update(update)
                        if scope.failed:
                            await session.rollback()
                            # "kept": stored up to a Bot API call that failed (bot.delivery); what is
                            # stored stands and the ledger has the update, so it is done as far as
                            # the inbox goes, and a message Telegram did not take waits for the tick.
                            outcome = "kept" if scope.committed else "failed"
                        if outcome != "failed":
                            await deliveries_repo.forget(session, scope.settled)
                            if from_inbox:
                                await inbox.finish(session, update.update_id)
                            await session.commit()
                except Exception as exc:  # noqa: BLE001 - polling must never stop on one update
                    outcome = "error"
                    scope.failed = True
                    await _safe_rollback(session)
                    await _forget_settled(session, scope)
                    log.error("update could not be stored: %s", _error_summary(exc), exc_info=exc)
                    if isinstance(update, Update) and not scope.committed:
                        await tell_try_again(self, update, services)
                finally:
                    current_scope.reset(token)
                    _log_update(update, outcome, started, scope.handler)
        except BaseException:
            # Cut off (cancelled, the process going down): nothing was committed; the row stays
            # claimed and is handled again when its lease runs out, as after a kill.
            if from_inbox:
                inbox.abandoned(update.update_id)
            raise
        if from_inbox:
            await inbox.done(update.update_id, failed=None if outcome in ("ok", "duplicate", "kept") else outcome)

    async def start(self) -> None:
        """Start processing; with an inbox, also start claiming from it."""
        await super().start()
        inbox: Inbox | None = self.bot_data["services"].inbox
        if inbox is not None:
            await inbox.start(self)

    async def stop(self) -> None:
        """Stop claiming, handle what is queued, then give back what is still claimed here."""
        inbox: Inbox | None = self.bot_data["services"].inbox
        if inbox is not None:
            await inbox.stop()
        await super().stop()
        if inbox is not None:
            await inbox.release_held()

    def add_handler(self, handler: BaseHandler, group: int = 0) -> None:
        """Register ``handler``; a feature handler (group >= 0) notes its name in the update's scope
        when it runs, so the log line names it without trying every handler again."""
        if group >= 0 and not getattr(handler.callback, "_brug_named", False):
            handler.callback = _named(handler.callback)
        super().add_handler(handler, group)


def _named(callback: Any) -> Any:
    """``callback``, noting ``module.function`` in the current update's scope before it runs."""
    name = f"{callback.__module__}.{getattr(callback, '__qualname__', callback)}"

    @functools.wraps(callback)
    async def named(update: object, context: Any) -> Any:
        scope = current_scope.get()
        if scope is not None:
            scope.handler = name
        return await callback(update, context)

    named._brug_named = True  # type: ignore[attr-defined]
    return named


def update_kind(update: object) -> str:
    """``message``, ``callback_query``, ``my_chat_member``, ...: the part of the update that is set."""
    if not isinstance(update, Update):
        return type(update).__name__
    return next((kind for kind in Update.ALL_TYPES if getattr(update, kind, None) is not None), "other")


def _log_update(update: object, outcome: str, started: float, handler: str | None) -> None:
    chat = update.effective_chat if isinstance(update, Update) else None
    log_update(
        update_log,
        update_id=update.update_id if isinstance(update, Update) else None,
        kind=update_kind(update),
        chat_id=chat.id if chat is not None else None,
        handler=handler if outcome != "duplicate" else None,
        duration_ms=(time.perf_counter() - started) * 1000,
        outcome=outcome,
    )


def _error_summary(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


async def _forget_settled(session: AsyncSession, scope: UpdateScope) -> None:
    """The update failed after Telegram took some of its stored messages: forget those on their own,
    or the tick would send them a second time."""
    if not scope.settled:
        return
    try:
        await deliveries_repo.forget(session, scope.settled)
        await session.commit()
    except Exception:  # noqa: BLE001 - the database may be what failed; the tick may send them again
        log.warning("could not forget %d delivered message(s)", len(scope.settled), exc_info=True)
        await _safe_rollback(session)


async def _safe_rollback(session: AsyncSession) -> None:
    try:
        await session.rollback()
    except Exception:  # noqa: BLE001 - the connection may be gone; nothing left to undo
        log.debug("rollback failed", exc_info=True)


async def tell_try_again(
    application: Application, update: Update, services: Services, *, message: str = "error-try-again"
) -> None:
    """Say kindly that it did not work this time (or ``message``); never raise."""
    chat = update.effective_chat
    if chat is None:
        return
    scope = current_scope.get()
    lang = scope.identity.language if scope and scope.identity else services.settings.language
    text = services.translator.text(lang, message)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        else:
            await application.bot.send_message(chat.id, text, parse_mode="HTML")
    except Exception:  # noqa: BLE001 - telling the user is best effort
        log.warning("could not tell chat %s to try again", person(chat.id), exc_info=True)
