"""Pieces every handler module uses: who is talking, chat-kind guards, coordinator checks."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Chat as TgChat
from telegram import CallbackQuery, Update

from bot.domain import groups
from bot.road.context import BrugContext
from bot.domain.members import Chat, identify
from bot.domain.messages import Choice, Reply
from handlers.render import send
from bot.road.telegram_api import person_of, telegram_admins
from storage.models import Group

log = logging.getLogger(__name__)

Handler = Callable[[Update, BrugContext], Awaitable[Any]]


def chat_of(chat: TgChat) -> Chat:
    return Chat(
        chat_id=chat.id,
        is_group=chat.type in (TgChat.GROUP, TgChat.SUPERGROUP),
        title=chat.title,
    )


async def identify_sender(update: Update, context: BrugContext) -> None:
    """Runs first for every update (group -1): stores the member and picks the language."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    chat = update.effective_chat
    if chat is not None and chat.type == TgChat.CHANNEL:
        return
    settings = context.services.settings
    context.scope.identity = await identify(
        context.session,
        person_of(user),
        chat_of(chat) if chat is not None else None,
        context.now(),
        default_language=settings.language,
        default_timezone=settings.timezone,
    )


def deep_link(context: BrugContext, payload: str) -> str:
    return f"https://t.me/{context.bot.username}?start={payload}"


def private_only(handler: Handler) -> Handler:
    """In a group, answer with a button that opens the private chat instead of showing private data."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: BrugContext) -> Any:
        chat = update.effective_chat
        if chat is not None and chat.type != TgChat.PRIVATE:
            reply = Reply(
                "private-only",
                choices=((Choice("button-open-private", url=deep_link(context, "start")),),),
            )
            await send(context, chat.id, reply, reply_to=_message_id(update))
            return None
        return await handler(update, context)

    return guarded


def group_only(handler: Handler) -> Handler:
    """In a private chat, explain kindly that this command belongs in the group."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: BrugContext) -> Any:
        chat = update.effective_chat
        if chat is None or chat.type not in (TgChat.GROUP, TgChat.SUPERGROUP):
            if chat is not None:
                await send(context, chat.id, Reply("group-only"))
            return None
        return await handler(update, context)

    return guarded


def _message_id(update: Update) -> int | None:
    return update.effective_message.message_id if update.effective_message else None


async def refresh_admins(context: BrugContext, group: Group, *, force: bool = False) -> None:
    """Keep the group's coordinators in step with its Telegram creator and administrators.

    The list is cached on the group for ``admin_cache_seconds``; a failure keeps the old list.
    """
    await groups.refresh_admins(
        context.session, functools.partial(telegram_admins, context.bot), group, context.now(),
        max_age_seconds=context.services.settings.admin_cache_seconds, force=force,
    )


def chat_id_of(update: Update) -> int:
    """The chat of a command or a press (always there for the handlers that call this)."""
    chat = update.effective_chat
    assert chat is not None
    return chat.id


def pressed_query(update: Update) -> CallbackQuery:
    """The press of a handler registered for button presses only, with the message it was on."""
    query = update.callback_query
    assert query is not None and query.message is not None
    return query
