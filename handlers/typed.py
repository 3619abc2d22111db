"""Buttons pressed by typing: "2", "overslaan", "gewoon meedoen" or "ja" does what the button does.

Older members type where a button waits, and on Signal or the console every button is a numbered line.
A typed answer is matched against the buttons of the question it answers (``bot.domain.understanding``); a match
runs the very handler the button runs, through a ``TypedPress`` that stands in for Telegram's callback
query. Its ``answer`` shows the text as a message instead of a toast, so a typed choice never goes
unanswered.
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram import CallbackQuery, Chat, Message, ReplyParameters, Update, User
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler

from bot.road.context import BrugContext
from bot.domain.messages import Reply
from bot.domain.rendering import button_label
from bot.domain.understanding import Meaning, choice_index
from storage.models import PendingReply

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TypedChoice:
    """A button as a typed answer can reach it: its label as the reader saw it, its payload, its meaning."""

    label: str
    data: str
    means: str | None = None


def choices_of_reply(context: BrugContext, reply: Reply, lang: str) -> list[TypedChoice]:
    """The callback buttons of a question, labels rendered in the reader's language."""
    return [
        TypedChoice(button_label(context.services.translator, choice, lang), choice.payload, choice.means)
        for row in reply.choices
        for choice in row
        if choice.payload
    ]


def store_choices(pending: PendingReply, choices: list[TypedChoice]) -> None:
    pending.choices = (
        json.dumps([choice.__dict__ for choice in choices], ensure_ascii=False) if choices else None
    )


def choices_of_pending(pending: PendingReply) -> list[TypedChoice]:
    if not pending.choices:
        return []
    try:
        return [TypedChoice(**item) for item in json.loads(pending.choices)]
    except (ValueError, TypeError):
        return []


def choices_of_message(message: Message | None) -> list[TypedChoice]:
    """The callback buttons under a message Brug sent (Telegram includes them in a replied message)."""
    if message is None or message.reply_markup is None:
        return []
    return [
        TypedChoice(button.text, button.callback_data)
        for row in message.reply_markup.inline_keyboard
        for button in row
        if isinstance(button.callback_data, str)
    ]


def typed_choice(text: str, choices: list[TypedChoice]) -> TypedChoice | None:
    """The button a typed answer picks, by number, by its words or by its meaning; None if unclear."""
    if not choices:
        return None
    meanings = [Meaning(choice.means) if choice.means else None for choice in choices]
    index = choice_index(text, [choice.label for choice in choices], meanings)
    return choices[index] if index is not None else None


class TypedPress(CallbackQuery):
    """A callback query made from a typed answer: what the handler answers is said in the chat."""

    def __init__(self, *args: Any, typed_message: Message | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            self.typed_message = typed_message

    async def answer(self, text: str | None = None, show_alert: bool | None = None, **kwargs: Any) -> bool:
        if text and self.message is not None:
            typed = self.typed_message
            await self.get_bot().send_message(
                self.message.chat.id, html.escape(text, quote=False), parse_mode=ParseMode.HTML,
                reply_parameters=(
                    ReplyParameters(typed.message_id, allow_sending_without_reply=True) if typed else None
                ),
            )
        return True


def prompt_message(update: Update, context: BrugContext, message_id: int | None) -> Message:
    """The question's own message (for handlers that take its buttons off or edit it)."""
    chat = update.effective_chat
    bot_user = User(context.bot.id, context.bot.first_name or "Brug", True, username=context.bot.username)
    message = Message(
        message_id or update.effective_message.message_id,
        update.effective_message.date or datetime.now(),
        Chat(chat.id, chat.type, title=chat.title, first_name=chat.first_name),
        from_user=bot_user,
    )
    message.set_bot(context.bot)
    return message


async def press_typed(
    update: Update, context: BrugContext, message: Message, data: str
) -> bool:
    """Run the handler of the button with ``data`` as if the member had pressed it on ``message``.

    False when no handler takes it (an old payload): the caller then answers in words.
    """
    typed = update.effective_message
    query = TypedPress(
        f"typed-{update.update_id}", update.effective_user, "typed", message=message, data=data,
        typed_message=typed,
    )
    query.set_bot(context.bot)
    pressed = Update(update.update_id, callback_query=query)
    application = context.application
    for group in sorted(application.handlers):
        if group < 0:
            continue
        for handler in application.handlers[group]:
            if not isinstance(handler, CallbackQueryHandler):
                continue
            check = handler.check_update(pressed)
            if check is None or check is False:
                continue
            handler.collect_additional_context(context, pressed, application, check)
            await handler.callback(pressed, context)
            return True
    log.info("a typed choice found no handler: %s", data)
    return False
