"""🤝 /helpmee: help with what already happens — an agenda item or a shortlisted partner's activity — in
three taps (the command, the item, "Ja, wij helpen mee"); the light action's card goes to the group at once.
In the group everyone may tap; privately a member picks the group first. Membership is checked on every press."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain import helping as service
from bot.domain.buttons import HELPING
from bot.domain.commands import names
from bot.domain.dates import spoken_when
from bot.domain.listing import shorten
from bot.domain.messages import Choice
from bot.road.context import BrugContext
from bot.domain.actions import card_link
from handlers.actions import post_card
from handlers.common import chat_id_of, pressed_query
from handlers.pages import Page, edit_page, send_page
from handlers.roles import choose_group, is_private, member_group, member_groups, plain, refuse
from storage.models import AgendaItem, Group, Partner

LABEL_LIMIT = 56


def item_label(context: BrugContext, item: AgendaItem) -> str:
    if item.happens_on is None:
        return shorten(item.what, LABEL_LIMIT)
    day = context.services.translator.date(context.lang, item.happens_on, with_weekday=True)
    return shorten(f"{day}: {item.what}", LABEL_LIMIT)


async def chances_page(context: BrugContext, group: Group) -> Page:
    found = await service.chances(context.session, group, context.now())
    if not found.items and not found.partners:
        return Page(context.t("helping-nothing"))
    rows = tuple(
        (Choice(f"📅 {item_label(context, item)}", payload=HELPING.data("i", item.id), literal=True),)
        for item in found.items
    ) + tuple(
        (Choice(f"🤝 {shorten(partner.name, LABEL_LIMIT)}", payload=HELPING.data("p", partner.id), literal=True),)
        for partner in found.partners
    )
    return Page(context.t("helping-pick"), rows)


def when_words(context: BrugContext, item: AgendaItem) -> str:
    words = spoken_when(item.happens_on, item.start_time, context.lang, context.services.translator)
    return words or plain(context.t("helping-no-day"))


def preview_of_item(context: BrugContext, item: AgendaItem) -> Page:
    return Page(
        context.t(
            "helping-preview-item", what=shorten(item.what, 200), when=when_words(context, item),
            organiser=shorten(item.organiser, 100) or plain(context.t("helping-someone")),
        ),
        (
            (Choice("helping-button-go", payload=HELPING.data("goi", item.id)),),
            (Choice("button-back", payload=HELPING.data("g", item.group_id)),),
        ),
    )


def preview_of_partner(context: BrugContext, partner: Partner) -> Page:
    return Page(
        context.t(
            "helping-preview-partner", name=shorten(partner.name, 100),
            moving=shorten(partner.moving_note, 200) or "-",
        ),
        (
            (Choice("helping-button-go", payload=HELPING.data("gop", partner.id)),),
            (Choice("button-back", payload=HELPING.data("g", partner.group_id)),),
        ),
    )


async def show_group(update: Update, context: BrugContext, group: Group) -> None:
    await send_page(context, chat_id_of(update), await chances_page(context, group))


async def helpmee_command(update: Update, context: BrugContext) -> None:
    """In the group: the list right there, for everyone to tap. Privately: my group's (a picker for several)."""
    if not is_private(update):
        group = context.identity.group
        assert group is not None  # outside a private chat the sender is in a group
        await show_group(update, context, group)
        return
    await choose_group(update, context, await member_groups(context), HELPING, show_group, none_message="member-none")


async def helping_button(update: Update, context: BrugContext) -> None:
    query = pressed_query(update)
    assert query.message is not None
    pressed = HELPING.expect(query.data)
    verb, number = pressed.verb, pressed.values[0]
    chat_id, message_id = query.message.chat.id, query.message.message_id
    group = await group_of_press(context, verb, number)
    if group is None:
        await refuse(update, context)
        return
    if verb == "g":
        await query.answer()
        await edit_page(context, chat_id, message_id, await chances_page(context, group))
        return
    item = await service.item_of(context.session, group, number) if verb in ("i", "goi") else None
    partner = await service.partner_of(context.session, group, number) if verb in ("p", "gop") else None
    if item is None and partner is None:
        await refuse(update, context)
        return
    if verb in ("i", "p"):
        await query.answer()
        if item is not None:
            await edit_page(context, chat_id, message_id, preview_of_item(context, item))
        elif partner is not None:
            await edit_page(context, chat_id, message_id, preview_of_partner(context, partner))
        return
    await go_help(update, context, group, item, partner)


async def group_of_press(context: BrugContext, verb: str, number: int) -> Group | None:
    """The group the pressed thing belongs to, if the person pressing is a member of it."""
    if verb == "g":
        return await member_group(context, number)
    if verb in ("i", "goi"):
        item = await context.session.get(AgendaItem, number)
        return await member_group(context, item.group_id) if item is not None else None
    partner = await context.session.get(Partner, number)
    return await member_group(context, partner.group_id) if partner is not None else None


async def go_help(
    update: Update, context: BrugContext, group: Group, item: AgendaItem | None, partner: Partner | None
) -> None:
    """ "Ja, wij helpen mee": the light action and its card — once per item or partner."""
    query = pressed_query(update)
    assert query.message is not None
    if item is not None and partner is None:
        partner = await service.partner_of_item(context.session, group, item)
    existing = await service.already_helping(context.session, group, item=item, partner=partner)
    if existing is not None:
        await query.answer(plain(context.t("helping-already", title=shorten(existing.title, 100))), show_alert=True)
        return
    # The title is what happens (the card's heading says "Meehelpen bij …"): "Wat neem je op je bij
    # Koffieochtend?" and "Morgen is het zover: Koffieochtend" read as people say it.
    title = item.what if item is not None else (partner.name if partner is not None else "")
    action = await service.help_with(
        context.session, group, context.identity.member, title, context.now(), item=item, partner=partner
    )
    await post_card(context, action, group)
    await context.commit()
    await query.answer()
    link = card_link(group.telegram_chat_id, action.card_message_id)
    await edit_page(context, query.message.chat.id, query.message.message_id, Page(context.t(
        "helping-posted-link" if link else "helping-posted",
        title=shorten(action.title, 100), group=shorten(group.title, 60), link=link or "",
    )))


HANDLERS = [
    CommandHandler(names("helpmee"), helpmee_command),
    CallbackQueryHandler(helping_button, pattern=HELPING.pattern()),
]
