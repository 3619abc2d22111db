"""/mijngegevens (everything Brug stores about me, as a file) and /vergeetmij (forget me), privately."""

from __future__ import annotations

import io
import json

from telegram import InputFile, Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import PRIVACY
from bot.road.context import BrugContext
from bot.domain.messages import Choice, Reply, rows
from bot.domain.privacy import export_member_data, forget_member
from handlers.common import private_only
from handlers.render import edit, send

EXPORT_FILENAME = "brug-mijn-gegevens.json"


@private_only
async def send_my_data(update: Update, context: BrugContext) -> None:
    member = context.identity.member
    document = await export_member_data(context.session, member, context.now())
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    await context.bot.send_document(
        update.effective_chat.id,
        document=InputFile(io.BytesIO(data), filename=EXPORT_FILENAME),
        caption=context.t("privacy-export-caption"),
        parse_mode=ParseMode.HTML,
    )


def forget_question(member_id: int) -> Reply:
    # The member id in the button: a press is only honoured by the member it was asked of.
    return Reply(
        "privacy-forget-confirm",
        choices=rows(
            [Choice("privacy-forget-yes", payload=PRIVACY.data("forget", member_id))],
            [Choice("privacy-forget-no", payload=PRIVACY.data("keep", member_id))],
        ),
    )


@private_only
async def ask_to_forget(update: Update, context: BrugContext) -> None:
    await send(context, update.effective_chat.id, forget_question(context.identity.member.id))


async def forget_answered(update: Update, context: BrugContext) -> None:
    query = update.callback_query
    verb, member_id = context.matches[0].group(1), context.matches[0].group(2)
    member = context.identity.member
    if int(member_id) != member.id or query.message is None:
        await query.answer(context.t("button-stale"), show_alert=True)
        return
    if verb == "forget":
        await forget_member(context.session, member, context.now())
        reply = Reply("privacy-forgotten")
    else:
        reply = Reply("privacy-kept")
    await query.answer()
    await edit(context, query.message.chat.id, query.message.message_id, reply)


HANDLERS = [
    CommandHandler(names("mijngegevens"), send_my_data),
    CommandHandler(names("vergeetmij"), ask_to_forget),
    CallbackQueryHandler(forget_answered, pattern=PRIVACY.pattern()),
]
