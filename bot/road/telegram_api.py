"""Brug's edge with Telegram outside the chat handlers: the ``Sender`` that delivers timed messages
through python-telegram-bot, Telegram's errors as the transport's three planned failures, inline
keyboards from Brug's choices, and Telegram's users and administrators as Brug's people.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from bot.domain.bot_api_rules import CALLBACK_LIMIT
from bot.domain.i18n import Translator
from bot.domain.members import Person
from bot.domain.messages import Reply
from bot.domain.rendering import button_label, fit, render_text
from bot.domain.transport import Address, Blocked, DeliveryFailed, RetryLater

log = logging.getLogger(__name__)

MOVED_RETRY_SECONDS = 30.0


class TelegramSender:
    """Sends through python-telegram-bot's ``Bot`` (with its ``AIORateLimiter`` when configured)."""

    def __init__(self, bot: Any, translator: Translator) -> None:
        self.bot = bot
        self.translator = translator

    def _keyboard(self, reply: Reply, lang: str) -> Any:
        try:
            return inline_keyboard(self.translator, reply, lang)
        except ValueError as exc:
            raise DeliveryFailed(str(exc)) from exc

    async def send(self, address: Address, reply: Reply, lang: str) -> None:
        from telegram.constants import ParseMode

        text = fit(str(render_text(self.translator, reply, lang)))
        async with _delivery():
            await self.bot.send_message(
                address.chat_id, text, parse_mode=ParseMode.HTML,
                reply_markup=self._keyboard(reply, lang),
            )

    async def post(self, address: Address, reply: Reply, lang: str) -> int:
        """``send``, for a message Brug must find again (a card made by the tick): its message id."""
        from telegram.constants import ParseMode

        text = fit(str(render_text(self.translator, reply, lang)))
        async with _delivery():
            message = await self.bot.send_message(
                address.chat_id, text, parse_mode=ParseMode.HTML,
                reply_markup=self._keyboard(reply, lang),
            )
        return int(message.message_id)

    def edit_parameters(self, address: Address, message_id: int, reply: Reply, lang: str) -> dict[str, Any]:
        """The ``editMessageText`` call that shows ``reply`` in a message sent earlier (buttons included:
        an edit without them would remove the card's buttons)."""
        from telegram.constants import ParseMode

        return {
            "chat_id": address.chat_id, "message_id": message_id,
            "text": fit(str(render_text(self.translator, reply, lang))), "parse_mode": ParseMode.HTML,
            "reply_markup": self._keyboard(reply, lang),
        }

    async def edit(self, address: Address, message_id: int, reply: Reply, lang: str) -> None:
        """Show ``reply`` in a message sent earlier (a card redrawn from outside a chat update)."""
        from telegram.error import BadRequest

        parameters = self.edit_parameters(address, message_id, reply, lang)
        async with _delivery():
            try:
                await self.bot.edit_message_text(**parameters)
            except BadRequest as exc:
                if not already_shown(exc):
                    raise
                # The message shows this already: nothing to do.


@contextlib.asynccontextmanager
async def _delivery() -> AsyncIterator[None]:
    """Telegram's errors as the three planned failures."""
    from telegram.error import ChatMigrated, Forbidden, RetryAfter, TelegramError

    try:
        yield
    except ChatMigrated as exc:
        # The group became a supergroup; the service message that moves it along is on its way.
        raise RetryLater(MOVED_RETRY_SECONDS, f"group moved to chat {exc.new_chat_id}") from exc
    except RetryAfter as exc:
        raise RetryLater(retry_seconds(exc), str(exc)) from exc
    except Forbidden as exc:
        raise Blocked(str(exc)) from exc
    except TelegramError as exc:
        raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc


def already_shown(error: Any) -> bool:
    """Telegram's 400 for an edit that changes nothing: the message shows it already."""
    from telegram.error import BadRequest

    return isinstance(error, BadRequest) and "not modified" in error.message.lower()


def retry_seconds(error: Any) -> float:
    """``RetryAfter.retry_after`` in seconds: an int in PTB 22, a timedelta in a later major version."""
    import warnings

    with warnings.catch_warnings():
        # PTB 22.2+ warns that the type will change; both types are handled here.
        warnings.simplefilter("ignore")
        value = error.retry_after
    return float(value.total_seconds() if hasattr(value, "total_seconds") else value)


def inline_keyboard(translator: Translator, reply: Reply, lang: str) -> Any:
    """The reply's choices as Telegram's inline keyboard (None without choices): a link, a Web App, or
    callback data, which Telegram takes up to 64 bytes (ValueError beyond)."""
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

    def button(choice: Any) -> InlineKeyboardButton:
        label = button_label(translator, choice, lang)
        if choice.url:
            return InlineKeyboardButton(label, url=choice.url)
        if choice.web_app:
            return InlineKeyboardButton(label, web_app=WebAppInfo(url=choice.web_app))
        payload = choice.payload or "noop"
        if len(payload.encode()) > CALLBACK_LIMIT:
            raise ValueError(f"callback_data over 64 bytes: {payload!r}")
        return InlineKeyboardButton(label, callback_data=payload)

    if not reply.choices:
        return None
    return InlineKeyboardMarkup([[button(choice) for choice in row] for row in reply.choices])


def person_of(user: Any) -> Person:
    """A Telegram user as Brug's transport-neutral person."""
    return Person(
        user_id=user.id, first_name=user.first_name, username=user.username, language_code=user.language_code,
    )


async def telegram_admins(bot: Any, chat_id: int) -> list[Person] | None:
    """The chat's creator and administrators (bots left out), or None when Telegram does not say now."""
    from telegram.error import TelegramError

    try:
        admins = await bot.get_chat_administrators(chat_id)
    except TelegramError as exc:
        log.warning("could not fetch administrators of chat %s: %s", chat_id, exc)
        return None
    return [person_of(admin.user) for admin in admins if not admin.user.is_bot]
