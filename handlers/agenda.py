"""/agenda: what happens in the neighbourhood. Everyone sees it and members add; coordinators edit."""

from __future__ import annotations

from datetime import date, time

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import AGENDA, HELPING
from bot.domain import agenda as service
from bot.road.context import BrugContext
from bot.domain.dates import time_text
from bot.domain.i18n import Html
from bot.domain.listing import InvalidInput, shorten
from bot.domain.zones import local_today
from bot.domain.messages import Choice, Reply
from bot.domain.pending import answered
from handlers.overview import short_day
from handlers.pages import Page, ask_again, ask_text, edit_page, is_cancel, join, send_page, stop_asking
from handlers.roles import (
    button_target,
    coordinator_group,
    group_for_answer,
    member_group,
    member_list_command,
    tool_deep_link,
    refuse,
)
from storage.models import Action, AgendaItem, Group, PendingReply

TEXT_LIMIT = 60
FIELDS = ("what", "when", "where", "organiser")
# The add flow asks these in turn after "what".
NEXT_STEP = {"when": "where", "where": "organiser", "organiser": None}


def _line(context: BrugContext, item: AgendaItem, today) -> str:
    t = context.t
    if item.happens_on is None:
        when = t("agenda-pipeline")
    elif item.happens_on < today:
        when = t("agenda-past", day=short_day(context.lang, item.happens_on))
    else:
        when = _day(context, item.happens_on, item.start_time)
    pieces = [when, t("agenda-what", what=shorten(item.what, TEXT_LIMIT))]
    if item.place:
        pieces.append(t("agenda-place", place=shorten(item.place, 40)))
    if item.organiser:
        pieces.append(t("agenda-organiser", organiser=shorten(item.organiser, 40)))
    return " · ".join(str(piece) for piece in pieces)


def _day(context: BrugContext, day: date | None, start: time | None) -> Html:
    """ "📅 za 19 dec", or with its time "📅 za 19 dec, 14:00"."""
    if start is None:
        return context.t("agenda-day", day=short_day(context.lang, day))
    return context.t("agenda-day-at", day=short_day(context.lang, day), time=time_text(start, context.lang))


def _our_action_line(context: BrugContext, action: Action) -> str:
    """One of our own actions among the neighbourhood's items: its day, marked as ours."""
    t = context.t
    pieces = [
        _day(context, action.due_on, action.start_time),
        t("agenda-our-action", state=action.state),
        t("agenda-what", what=shorten(action.title, TEXT_LIMIT)),
    ]
    return " · ".join(str(piece) for piece in pieces)


def list_page(context: BrugContext, listing: service.AgendaList) -> Page:
    t = context.t
    lines = [
        _line(context, entry, listing.today)
        if isinstance(entry, AgendaItem)
        else _our_action_line(context, entry)
        for entry in listing.entries
    ]
    parts = [
        t("agenda-title", group=shorten(listing.group.title, 40)),
        "\n".join(lines) if lines else t("agenda-empty"),
    ]
    if listing.view.pages > 1:
        parts.append(t("agenda-page", page=listing.view.page + 1, pages=listing.view.pages))
    gid = listing.group.id
    items = tuple(
        (Choice(shorten(item.what, 40), payload=AGENDA.data("v", item.id), literal=True),)
        for item in listing.items
    )
    nav = []
    if listing.view.has_previous:
        nav.append(Choice("button-previous", payload=AGENDA.data("l", gid, listing.view.page - 1)))
    if listing.view.has_next:
        nav.append(Choice("button-next", payload=AGENDA.data("l", gid, listing.view.page + 1)))
    rows = items + ((tuple(nav),) if nav else ()) + ((Choice("agenda-add", payload=AGENDA.data("add", gid)),),)
    return Page(join(parts), rows)


def card_page(context: BrugContext, item: AgendaItem, note: str | None = None) -> Page:
    t = context.t
    if item.happens_on is None:
        when = t("agenda-card-when", day=t("agenda-pipeline"))
    elif item.start_time is None:
        when = t("agenda-card-when", day=context.services.translator.date(context.lang, item.happens_on))
    else:
        when = t(
            "agenda-card-when-at", day=context.services.translator.date(context.lang, item.happens_on),
            time=time_text(item.start_time, context.lang),
        )
    lines = [
        t("agenda-card-what", what=shorten(item.what, 200)),
        when,
        t("agenda-card-where", place=shorten(item.place, 200) or "-"),
        t("agenda-card-organiser", organiser=shorten(item.organiser, 200) or "-"),
    ]
    iid = item.id
    rows = (
        (
            Choice("agenda-edit-what", payload=AGENDA.data("e", iid, "what")),
            Choice("agenda-edit-when", payload=AGENDA.data("e", iid, "when")),
        ),
        (
            Choice("agenda-edit-where", payload=AGENDA.data("e", iid, "where")),
            Choice("agenda-edit-organiser", payload=AGENDA.data("e", iid, "organiser")),
        ),
        # Not reinventing the wheel: help with it in one more tap (handlers/helping.py).
        (Choice("helping-button-open", payload=HELPING.data("i", iid)),),
        (
            Choice("agenda-remove", payload=AGENDA.data("del", iid)),
            Choice("button-back", payload=AGENDA.data("l", item.group_id, "0")),
        ),
    )
    return Page(join([t(note) if note else "", join(lines, "\n")]), rows)


async def show_list(update: Update, context: BrugContext, group: Group, page: int = 0) -> None:
    listing = await service.agenda_list(context.session, group, page, context.now())
    await send_page(context, update.effective_chat.id, list_page(context, listing))


# In the group the list for everyone; privately the list of my group (a picker for several).
agenda_command = member_list_command(AGENDA, show_list)
agenda_deep_link = tool_deep_link(show_list, check=member_group)


async def agenda_button(update: Update, context: BrugContext) -> None:
    """Looking and adding need membership of the group; editing and removing need its coordinator."""
    target = await button_target(
        update, context, buttons=AGENDA, load=service.item_by_id, gone="agenda-gone",
        member_verbs={"g", "l", "v", "add"},
    )
    if target is None:
        return
    query = update.callback_query
    verb, values, item, group = target.verb, target.values, target.item, target.group
    await query.answer()
    chat_id, message_id = query.message.chat.id, query.message.message_id
    if verb in {"g", "l"}:
        listing = await service.agenda_list(
            context.session, group, values[1] if verb == "l" else 0, context.now()
        )
        await edit_page(context, chat_id, message_id, list_page(context, listing))
    elif verb == "add":
        await ask_text(update, context, "agenda-new", group.id, Reply("agenda-ask-what"))
    elif verb == "v":
        await edit_page(context, chat_id, message_id, card_page(context, item))
    elif verb == "e":
        await ask_text(
            update, context, f"agenda-{values[1]}", item.id,
            Reply(f"agenda-ask-{values[1]}", {"what": shorten(item.what, 60)}),
        )
    elif verb == "del":
        await edit_page(
            context, chat_id, message_id,
            Page(
                context.t("agenda-remove-confirm", what=shorten(item.what, 60)),
                ((Choice("agenda-remove-yes", payload=AGENDA.data("dely", item.id)),
                  Choice("button-back", payload=AGENDA.data("v", item.id))),),
            ),
        )
    elif verb == "dely":
        what = item.what
        await service.remove_item(context.session, item)
        await context.commit()
        listing = await service.agenda_list(context.session, group, 0, context.now())
        page = list_page(context, listing)
        await edit_page(
            context, chat_id, message_id,
            Page(join([context.t("agenda-removed", what=shorten(what, 60)), page.text]), page.choices),
        )


async def new_item_answered(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    """The first step of adding: what happens. Any member of the group may add."""
    group = await group_for_answer(update, context, pending, text, member_group)
    if group is None:
        return
    try:
        item = await service.add_item(context.session, group, context.identity.member.id, text, context.now())
    except InvalidInput as problem:
        await ask_again(update, context, pending, problem)
        return
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    await ask_text(update, context, "agenda-new-when", item.id, Reply("agenda-ask-when", {"what": shorten(item.what, 60)}))


async def item_field_answered(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    """A field of an item: while adding, its creator (still a member) fills it; later only coordinators."""
    adding = pending.kind.startswith("agenda-new-")
    field = pending.kind.removeprefix("agenda-new-") if adding else pending.kind.removeprefix("agenda-")
    item = await service.item_by_id(context.session, pending.subject_id or 0)
    group = None
    if item is not None:
        group = await coordinator_group(context, item.group_id)
        if group is None and adding and service.is_creator(item, context.identity.member.id):
            group = await member_group(context, item.group_id)
    if item is None or group is None:
        await answered(context.session, pending.chat_id, pending.member_id)
        await refuse(update, context)
        return
    if is_cancel(text):
        await stop_asking(update, context, pending)
        return
    now = context.now()
    try:
        if field == "when":
            service.set_when(item, text, local_today(now, group.timezone), now)
        else:
            service.set_text(item, field, text, now)
    except InvalidInput as problem:
        await ask_again(update, context, pending, problem)
        return
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    following = NEXT_STEP.get(field) if adding else None
    if following:
        await ask_text(
            update, context, f"agenda-new-{following}", item.id,
            Reply(f"agenda-ask-{following}", {"what": shorten(item.what, 60)}),
        )
        return
    await send_page(context, update.effective_chat.id, card_page(context, item, "agenda-saved"))


HANDLERS = [
    CommandHandler(names("agenda"), agenda_command),
    CallbackQueryHandler(
        agenda_button,
        pattern=AGENDA.pattern(),
    ),
]
DEEP_LINKS = {"agenda": agenda_deep_link}
REPLY_KINDS = {
    "agenda-new": new_item_answered,
    **{f"agenda-{field}": item_field_answered for field in FIELDS},
    **{f"agenda-new-{field}": item_field_answered for field in ("when", "where", "organiser")},
}
