"""/help: every command with one line, in groups and in private."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.domain.commands import names
from bot.domain.commands import COMMANDS
from bot.road.context import BrugContext
from bot.domain.messages import Reply
from handlers.render import send


def help_reply() -> Reply:
    return Reply("help-text")


async def show_help(update: Update, context: BrugContext) -> None:
    await send(context, update.effective_chat.id, help_reply())


HANDLERS = [CommandHandler(names("help"), show_help)]

__all__ = ["COMMANDS", "HANDLERS", "help_reply"]
