"""/export: privately, a coordinator receives brug-export.xlsx, acties.csv, partners.csv and acties.ics."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import EXPORT
from bot.domain import export as service
from bot.road.context import BrugContext
from bot.domain.listing import shorten
from bot.domain.messages import Reply
from handlers.render import send
from handlers.roles import (
    coordinator_group,
    plain,
    private_button_only,
    private_tool_command,
    tool_deep_link,
    refuse,
)
from storage.models import Group



async def send_exports(update: Update, context: BrugContext, group: Group) -> None:
    """Four documents; the role was checked just before (command, deep link or button)."""
    chat_id = update.effective_chat.id

    def label(key: str) -> str:
        return plain(context.t(f"export-{key}"))

    actions = await service.actions_table(context.session, group, label)
    partners = await service.partners_table(context.session, group, label)
    separator = service.csv_separator(context.lang)
    files = (
        ("brug-export.xlsx", service.xlsx_of([actions, partners]), "export-caption-workbook"),
        ("acties.csv", service.csv_of(actions, separator), "export-caption-actions"),
        ("partners.csv", service.csv_of(partners, separator), "export-caption-partners"),
        (
            "acties.ics",
            await service.actions_ics(context.session, group, context.now(), label),
            "export-caption-calendar",
        ),
    )
    await send(context, chat_id, Reply("export-intro", {"group": shorten(group.title, 60)}))
    for filename, content, caption in files:
        await context.bot.send_document(
            chat_id,
            document=content,
            filename=filename,
            caption=str(context.t(caption)),
            parse_mode=ParseMode.HTML,
        )


export_command = private_tool_command("export", EXPORT, send_exports)
export_deep_link = tool_deep_link(send_exports)


async def export_group_chosen(update: Update, context: BrugContext) -> None:
    if not await private_button_only(update, context):
        return
    query = update.callback_query
    group = await coordinator_group(context, int(context.matches[0].group(2)))
    if group is None:
        await refuse(update, context)
        return
    await query.answer()
    await send_exports(update, context, group)


HANDLERS = [
    CommandHandler(names("export"), export_command),
    CallbackQueryHandler(export_group_chosen, pattern=EXPORT.pattern("g")),
]
DEEP_LINKS = {"export": export_deep_link}
