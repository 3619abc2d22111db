"""What a handler can reach while it handles one update: the session, who is talking, the services.

``BrugApplication`` opens one database session per update and keeps it in a context variable; the
custom ``BrugContext`` exposes it to handlers. The session is committed when the update was handled
and rolled back when a handler raised.
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import Html, Translator
from bot.members import Identity
from storage.db import Database

if TYPE_CHECKING:
    from datetime import datetime

log = logging.getLogger(__name__)


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


@dataclass
class UpdateScope:
    session: AsyncSession
    identity: Identity | None = None
    failed: bool = False


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
        """Commit now, before telling the user something was saved."""
        await self.session.commit()


class BrugApplication(Application):
    """An Application that wraps the handling of each update in one database unit of work."""

    async def process_update(self, update: object) -> None:
        services: Services = self.bot_data["services"]
        async with services.db.sessionmaker() as session:
            scope = UpdateScope(session=session)
            token = current_scope.set(scope)
            try:
                await super().process_update(update)
                if scope.failed:
                    await session.rollback()
                else:
                    await session.commit()
            except Exception as exc:  # noqa: BLE001 - polling must never stop on one update
                await _safe_rollback(session)
                log.exception("update could not be stored", exc_info=exc)
                if isinstance(update, Update):
                    await tell_try_again(self, update, services)
            finally:
                current_scope.reset(token)


async def _safe_rollback(session: AsyncSession) -> None:
    try:
        await session.rollback()
    except Exception:  # noqa: BLE001 - the connection may be gone; nothing left to undo
        log.debug("rollback failed", exc_info=True)


async def tell_try_again(application: Application, update: Update, services: Services) -> None:
    """Say kindly that it did not work this time; never raise."""
    chat = update.effective_chat
    if chat is None:
        return
    scope = current_scope.get()
    lang = scope.identity.language if scope and scope.identity else services.settings.language
    text = services.translator.text(lang, "error-try-again")
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        else:
            await application.bot.send_message(chat.id, text, parse_mode="HTML")
    except Exception:  # noqa: BLE001 - telling the user is best effort
        log.warning("could not tell chat %s to try again", chat.id, exc_info=True)
