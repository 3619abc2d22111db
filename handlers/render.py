"""Turn the domain's ``Reply`` values into Telegram messages and keyboards."""

from __future__ import annotations

import html
import logging

from telegram import ForceReply, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.road.context import BrugContext
from bot.domain import rendering
from bot.domain.rendering import fit
from bot.domain.messages import Reply
from bot.road.telegram_api import already_shown, inline_keyboard

log = logging.getLogger(__name__)

def markup(
    context: BrugContext, reply: Reply, lang: str
) -> InlineKeyboardMarkup | ForceReply | None:
    if reply.expects_text:
        placeholder = (
            html.unescape(str(context.t(reply.placeholder, lang)))[:64] if reply.placeholder else None
        )
        return ForceReply(selective=True, input_field_placeholder=placeholder)
    return inline_keyboard(context.services.translator, reply, lang)


def render_text(context: BrugContext, reply: Reply, lang: str) -> str:
    return fit(str(rendering.render_text(context.services.translator, reply, lang)))


def addressed_in_group(
    context: BrugContext, member, reply: Reply, lang: str, *, wrapper: str = "notify-in-group", **extra
) -> Reply:
    """``reply`` said to ``member`` in a group: their name first, since "je" in a group chat could be
    anyone (and Telegram's selective reply and the bridges find the addressee there). ``wrapper`` is
    ``ask-in-group`` for a question; ``extra`` goes to the Reply (``expects_text``, ``placeholder``)."""
    inner = rendering.render_text(context.services.translator, Reply(reply.message, reply.args), lang)
    return Reply(wrapper, args={"mention": rendering.mention(member), "text": inner},
                 choices=reply.choices, **extra)


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
        if already_shown(exc):
            return
        raise
