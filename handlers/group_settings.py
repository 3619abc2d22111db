"""/instellingen: the group's settings, privately, for coordinators; buttons first, typing where useful."""

from __future__ import annotations

from babel.dates import get_day_names
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.group_settings import SETTINGS_BUTTONS as SETTINGS
from bot.domain import group_settings as service
from bot.road.context import BrugContext
from bot.domain.i18n import normalise_language
from bot.domain.listing import InvalidInput, shorten
from bot.domain.messages import Choice, Reply
from bot.domain.pending import answered
from handlers.pages import Page, ask_again, ask_text, edit_page, join, send_page
from handlers.roles import (
    group_for_answer,
    coordinator_group,
    private_button_only,
    private_tool_command,
    tool_deep_link,
    refuse,
)
from storage.models import Group, PendingReply



def weekday(context: BrugContext, day: int) -> str:
    return get_day_names("wide", locale=normalise_language(context.lang))[day]


def value_label(context: BrugContext, field: str, value: object) -> str:
    """How a setting's value reads on a button and in the summary."""
    if field == "lang":
        return str(context.t(f"language-{value}"))
    if field == "tz":
        return service.TIMEZONES[int(value)] if isinstance(value, int) else str(value)
    if field == "dday":
        return weekday(context, int(value))
    if field == "dhour":
        return f"{int(value)}:00"
    if field == "quiet":
        start, end = str(value).split("-")
        return str(context.t("settings-quiet-none")) if start == end else f"{start}:00–{end}:00"
    return str(context.t(f"settings-value-{field}", count=int(value)))


def main_page(context: BrugContext, group: Group, note: str | None = None) -> Page:
    values = service.current(group)
    lines = [
        context.t(f"settings-line-{field}", value=value_label(context, field, values[field]))
        for field in service.FIELDS
    ]
    gid = group.id
    buttons = [Choice(f"settings-button-{field}", payload=SETTINGS.data("o", gid, field)) for field in service.FIELDS]
    rows = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
    parts = [
        context.t(note) if note else "",
        context.t("settings-title", group=shorten(group.title, 60)),
        join(lines, "\n"),
    ]
    return Page(join(parts), rows)


def field_page(context: BrugContext, group: Group, field: str) -> Page:
    gid = group.id
    options = [
        Choice(
            value_label(context, field, option),
            payload=SETTINGS.data("v", gid, field, option),
            literal=True,
        )
        for option in service.CHOICES[field]
    ]
    width = 1 if field == "tz" else 2 if field in {"lang", "quiet"} else 3 if field == "pquiet" else 4
    rows = tuple(tuple(options[i : i + width]) for i in range(0, len(options), width))
    if field in service.TYPED_FIELDS:
        rows += ((Choice("settings-type", payload=SETTINGS.data("t", gid, field)),),)
    rows += ((Choice("button-back", payload=SETTINGS.data("b", gid)),),)
    return Page(context.t(f"settings-ask-{field}"), rows)


async def show_settings(update: Update, context: BrugContext, group: Group) -> None:
    await send_page(context, update.effective_chat.id, main_page(context, group))


settings_command = private_tool_command("instellingen", SETTINGS, show_settings)
settings_deep_link = tool_deep_link(show_settings)


async def settings_button(update: Update, context: BrugContext) -> None:
    """Each press re-checks that the presser coordinates the group."""
    if not await private_button_only(update, context):
        return
    query = update.callback_query
    pressed = SETTINGS.expect(query.data)  # g, b: group; o, t: group, setting; v: group, setting, value
    verb, values = pressed.verb, pressed.values
    group = await coordinator_group(context, values[0])
    if group is None:
        await refuse(update, context)
        return
    chat_id, message_id = query.message.chat.id, query.message.message_id
    if verb == "v":
        try:
            await service.change(context.session, group, values[1], values[2], context.now())
        except InvalidInput:
            await query.answer(str(context.t("button-stale")), show_alert=True)
            return
        await context.commit()
        await query.answer()
        await edit_page(context, chat_id, message_id, main_page(context, group, "settings-saved"))
        return
    await query.answer()
    if verb == "o":
        await edit_page(context, chat_id, message_id, field_page(context, group, values[1]))
    elif verb == "t":
        await ask_text(update, context, f"settings-{values[1]}", group.id, Reply(f"settings-type-{values[1]}"))
    else:
        await edit_page(context, chat_id, message_id, main_page(context, group))


async def setting_typed(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    group = await group_for_answer(update, context, pending, text, coordinator_group)
    if group is None:
        return
    field = pending.kind.removeprefix("settings-")
    try:
        await service.change(context.session, group, field, text, context.now(), typed=True)
    except InvalidInput as problem:
        await ask_again(update, context, pending, problem)
        return
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    await send_page(context, update.effective_chat.id, main_page(context, group, "settings-saved"))


HANDLERS = [
    CommandHandler(names("instellingen"), settings_command),
    CallbackQueryHandler(
        settings_button,
        pattern=SETTINGS.pattern(),
    ),
]
DEEP_LINKS = {"instellingen": settings_deep_link}
REPLY_KINDS = {f"settings-{field}": setting_typed for field in service.TYPED_FIELDS}
