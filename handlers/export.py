"""/export: privately, a coordinator receives acties.csv, partners.csv and acties.ics as documents."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import export as service
from bot.context import BrugContext
from bot.listing import shorten
from bot.messages import Reply
from handlers.render import send
from handlers.roles import (
    choose_group,
    coordinated_groups,
    coordinator_group,
    is_private,
    plain,
    point_to_private,
    private_button_only,
    refuse,
)
from storage.models import Group

PREFIX = "ex"


async def send_exports(update: Update, context: BrugContext, group: Group) -> None:
    """Three documents; the role was checked just before (command, deep link or button)."""
    chat_id = update.effective_chat.id

    def label(key: str) -> str:
        return plain(context.t(f"export-{key}"))

    files = (
        ("acties.csv", await service.actions_csv(context.session, group, label), "export-caption-actions"),
        ("partners.csv", await service.partners_csv(context.session, group, label), "export-caption-partners"),
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


async def export_command(update: Update, context: BrugContext) -> None:
    if not is_private(update):
        await point_to_private(update, context, f"export_{context.identity.group.id}")
        return
    await choose_group(update, context, await coordinated_groups(context), PREFIX, send_exports)


async def export_deep_link(update: Update, context: BrugContext, rest: str) -> None:
    group = await coordinator_group(context, int(rest)) if rest.isdigit() else None
    if group is None:
        await refuse(update, context)
        return
    await send_exports(update, context, group)


async def export_group_chosen(update: Update, context: BrugContext) -> None:
    if not await private_button_only(update, context):
        return
    query = update.callback_query
    group = await coordinator_group(context, int(query.data.split(":")[2]))
    if group is None:
        await refuse(update, context)
        return
    await query.answer()
    await send_exports(update, context, group)


HANDLERS = [
    CommandHandler("export", export_command),
    CallbackQueryHandler(export_group_chosen, pattern=r"^ex:g:\d{1,10}$"),
]
DEEP_LINKS = {"export": export_deep_link}
