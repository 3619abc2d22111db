"""/bron: the research Brug comes from, and this week's tip from it (in the group and privately)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.domain.commands import names
from bot.domain.source import source_text
from bot.domain.zones import local_today
from bot.road.context import BrugContext
from handlers.common import chat_id_of
from handlers.render import send


async def show_source(update: Update, context: BrugContext) -> None:
    group = context.identity.group if context.identity else None
    today = local_today(context.now(), group.timezone if group else context.services.settings.timezone)
    await send(context, chat_id_of(update), source_text(today))


HANDLERS = [CommandHandler(names("bron"), show_source)]
