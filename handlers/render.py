"""Turn the domain's ``Reply`` values into Telegram messages and keyboards."""

from __future__ import annotations

import logging

from telegram import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
)
from telegram.constants import MessageLimit, ParseMode
from telegram.error import BadRequest

from bot.context import BrugContext
from bot.i18n import Html, escape
from bot.messages import Choice, Reply

log = logging.getLogger(__name__)

TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH
CALLBACK_LIMIT = 64


def button(context: BrugContext, choice: Choice, lang: str) -> InlineKeyboardButton:
    label = escape_free_label(choice.label) if choice.literal else _plain(
        context.t(choice.label, lang, **choice.label_args)
    )
    if choice.url:
        return InlineKeyboardButton(label, url=choice.url)
    payload = choice.payload or "noop"
    if len(payload.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback_data over 64 bytes: {payload!r}")
    return InlineKeyboardButton(label, callback_data=payload)


def escape_free_label(label: str) -> str:
    # Button labels are plain text (no parse mode); only trim what Telegram would refuse.
    return label.strip()[:60] or "?"


def _plain(text: Html) -> str:
    # Labels are shown without parse mode, so undo the escaping Fluent arguments received.
    import html

    return html.unescape(str(text))


def markup(
    context: BrugContext, reply: Reply, lang: str
) -> InlineKeyboardMarkup | ForceReply | None:
    if reply.expects_text:
        placeholder = (
            _plain(context.t(reply.placeholder, lang))[:64] if reply.placeholder else None
        )
        return ForceReply(selective=True, input_field_placeholder=placeholder)
    if not reply.choices:
        return None
    return InlineKeyboardMarkup(
        [[button(context, choice, lang) for choice in row] for row in reply.choices]
    )


def fit(text: str) -> str:
    """Keep a message within Telegram's 4,096 characters without cutting an HTML tag in half."""
    if len(text) <= TEXT_LIMIT:
        return text
    cut = text[: TEXT_LIMIT - 2]
    # Drop a partly written tag or entity at the end; Brug's prompts only use simple inline tags.
    for opener, closer in (("<", ">"), ("&", ";")):
        start = cut.rfind(opener)
        if start > cut.rfind(closer):
            cut = cut[:start]
    return cut.rstrip() + " …"


def render_text(context: BrugContext, reply: Reply, lang: str) -> str:
    return fit(str(context.t(reply.message, lang, **reply.args)))


async def send(
    context: BrugContext,
    chat_id: int,
    reply: Reply,
    *,
    lang: str | None = None,
    reply_to: int | None = None,
) -> Message:
    lang = lang or context.lang
    return await context.bot.send_message(
        chat_id,
        render_text(context, reply, lang),
        parse_mode=ParseMode.HTML,
        reply_markup=markup(context, reply, lang),
        reply_parameters=(
            ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
        ),
        link_preview_options=None,
    )


async def edit(
    context: BrugContext, chat_id: int, message_id: int, reply: Reply, *, lang: str | None = None
) -> None:
    """Edit a message in place; keeps its buttons (the reply carries them) and ignores "not modified"."""
    lang = lang or context.lang
    keyboard = markup(context, reply, lang)
    try:
        await context.bot.edit_message_text(
            render_text(context, reply, lang),
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard if isinstance(keyboard, InlineKeyboardMarkup) else None,
        )
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return
        raise
