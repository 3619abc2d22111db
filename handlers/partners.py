"""/partners: the longlist, shortlist and key figures. Members see the list; coordinators manage it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import PARTNERS, HELPING
from bot.domain import partners as service
from bot.road.context import BrugContext
from bot.domain.i18n import Html
from bot.domain.listing import InvalidInput, shorten
from bot.domain.zones import local_today
from bot.domain.messages import Choice, Reply
from bot.domain.pending import answered
from handlers.overview import short_day
from handlers.pages import (
    Page,
    ask_again,
    ask_text,
    edit_page,
    is_cancel,
    join,
    send_page,
    stop_asking,
)
from handlers.roles import (
    ButtonTarget,
    button_target,
    coordinator_group,
    member_group,
    member_list_command,
    plain,
    tool_deep_link,
    refuse,
)
from storage.models import Group, Partner, PendingReply

NAME_LIMIT = 40
FIELD_LIMIT = 80
# Typed fields: the pending question kind and the prompt that asks for it.
ASKED_FIELDS = ("name", "contact", "moving", "last", "role", "asks", "offer", "theirs", "ours")
# Reciprocity both ways, on the card even when empty ("-"): the questions are the point.
RECIPROCITY = (("asks", "asks_of_us"), ("offer", "we_offer_them"))
# "Wat willen zij, wat willen wij": on the card only when noted.
WISHES = (("theirs", "their_wish"), ("ours", "our_wish"))


# ---------------------------------------------------------------- rendering


def list_page(context: BrugContext, listing: service.PartnerList) -> Page:
    t = context.t
    lines = [_partner_line(context, partner, count) for partner, count in listing.partners]
    parts = [
        t("partner-list-title", group=shorten(listing.group.title, NAME_LIMIT), count=listing.view.total),
        "\n".join(lines) if lines else t("partner-list-empty"),
    ]
    if listing.view.pages > 1:
        parts.append(t("partner-list-page", page=listing.view.page + 1, pages=listing.view.pages))
    gid = listing.group.id
    buttons = [
        (Choice(
            ("⭐ " if p.on_shortlist else "") + shorten(p.name, NAME_LIMIT), payload=PARTNERS.data("v", p.id),
            literal=True,
        ),)
        for p, _ in listing.partners
    ]
    nav = []
    if listing.view.has_previous:
        nav.append(Choice("button-previous", payload=PARTNERS.data("l", gid, listing.view.page - 1)))
    if listing.view.has_next:
        nav.append(Choice("button-next", payload=PARTNERS.data("l", gid, listing.view.page + 1)))
    rows = tuple(buttons) + ((tuple(nav),) if nav else ()) + (
        (Choice("partner-add", payload=PARTNERS.data("add", gid)),),
    )
    return Page(join(parts), rows)


def _partner_line(context: BrugContext, partner: Partner, actions: int) -> str:
    """ "⭐ Buurthuis De Roef (buurthuis) · wijkregisseur (formeel) · beweegt al: … · 2 acties" """
    t = context.t
    pieces = [t("partner-line", star="⭐ " if partner.on_shortlist else "", name=shorten(partner.name, NAME_LIMIT))]
    if partner.kind:
        pieces.append(t("partner-line-kind", kind=shorten(partner.kind, 30)))
    if partner.key_role:
        pieces.append(_role_text(context, partner))
    if partner.status:
        pieces.append(t("partner-line-status", status=partner.status))
    if partner.moving_note:
        pieces.append(t("partner-line-moving", moving=shorten(partner.moving_note, FIELD_LIMIT)))
    if actions:
        pieces.append(t("partner-line-actions", count=actions))
    return " · ".join(str(piece) for piece in pieces)


def _role_text(context: BrugContext, partner: Partner) -> str:
    if not partner.key_role:
        return ""
    formality = {True: "formal", False: "informal"}.get(partner.key_role_formal, "free")
    return str(context.t(f"partner-role-{formality}", role=shorten(partner.key_role, 40)))


def card_page(context: BrugContext, card: service.PartnerCard, note: str | None = None) -> Page:
    t = context.t
    lang = context.lang
    partner = card.partner
    actions = "\n".join(
        str(
            t(
                "partner-card-action",
                title=shorten(action.title, 50),
                state=action.state,
                day=short_day(lang, action.due_on) if action.due_on else "",
            )
        )
        for action in card.actions
    )
    fields = [
        t("partner-card-name", name=shorten(partner.name, 200), star="⭐ " if partner.on_shortlist else ""),
        t("partner-card-shortlist" if partner.on_shortlist else "partner-card-longlist"),
    ]
    if partner.kind:
        fields.append(t("partner-card-kind", kind=partner.kind))
    if partner.key_role:
        fields.append(t("partner-card-role", role=Html(_role_text(context, partner))))
    fields.append(t("partner-card-contact", contact=shorten(partner.contact, 300) or "-"))
    fields.append(t("partner-card-moving", moving=shorten(partner.moving_note, 400) or "-"))
    if partner.status:
        fields.append(t("partner-card-status", status=partner.status))
    fields.append(
        t(
            "partner-card-last",
            day=short_day(lang, partner.last_contact_on) if partner.last_contact_on else "-",
        )
    )
    for field, column in RECIPROCITY:
        fields.append(t(f"partner-card-{field}", text=shorten(getattr(partner, column), 400) or "-"))
    for field, column in WISHES:
        if getattr(partner, column):
            fields.append(t(f"partner-card-{field}", text=shorten(getattr(partner, column), 400)))
    if card.done.count:
        fields.append(done_line(context, card.done))
    fields.append(t("partner-card-actions", count=card.action_count))
    text = join(fields, "\n")
    parts = [t(note) if note else "", text, actions]
    pid = partner.id
    rows = (
        (
            Choice(
                "partner-shortlist-remove" if partner.on_shortlist else "partner-shortlist-add",
                payload=PARTNERS.data("sl", pid),
            ),
            Choice("partner-edit-status", payload=PARTNERS.data("stm", pid)),
        ),
        (
            Choice("partner-edit-name", payload=PARTNERS.data("e", pid, "name")),
            Choice("partner-edit-kind", payload=PARTNERS.data("km", pid)),
            Choice("partner-edit-contact", payload=PARTNERS.data("e", pid, "contact")),
        ),
        (
            Choice("partner-edit-moving", payload=PARTNERS.data("e", pid, "moving")),
            Choice("partner-edit-last", payload=PARTNERS.data("e", pid, "last")),
            Choice("partner-edit-role", payload=PARTNERS.data("rm", pid)),
        ),
        (
            Choice("partner-edit-asks", payload=PARTNERS.data("e", pid, "asks")),
            Choice("partner-edit-offer", payload=PARTNERS.data("e", pid, "offer")),
        ),
        (
            Choice("partner-edit-theirs", payload=PARTNERS.data("e", pid, "theirs")),
            Choice("partner-edit-ours", payload=PARTNERS.data("e", pid, "ours")),
        ),
        # Join what this partner already does, in two more taps (handlers/helping.py).
        (Choice("helping-button-open", payload=HELPING.data("p", pid)),),
        (
            Choice("partner-remove", payload=PARTNERS.data("del", pid)),
            Choice("button-back", payload=PARTNERS.data("l", partner.group_id, "0")),
        ),
    )
    return Page(join(parts), rows)


def done_line(context: BrugContext, done: service.DoneTogether) -> Html:
    """ "🤝 Samen gedaan: 3 acties (Moestuin met de school, Soep koken, …) · bereikt: 45 mensen" """
    titles = [shorten(title, 40) for title in done.titles]
    if done.count > len(titles):
        titles.append("…")
    pieces = [context.t("partner-card-done", count=done.count, titles=", ".join(titles))]
    if done.reached:
        pieces.append(context.t("partner-card-reached", count=done.reached))
    return Html(" · ".join(str(piece) for piece in pieces))  # each piece is safe HTML already


def status_page(context: BrugContext, partner: Partner) -> Page:
    """ "Waar staan we met …?": the four statuses, the current one marked."""
    pid = partner.id
    rows = tuple(
        (
            Choice(
                "partner-status-choice", payload=PARTNERS.data("st", pid, status),
                label_args={"status": status, "mark": "✓ " if partner.status == status else ""},
            ),
        )
        for status in service.STATUSES
    ) + ((Choice("button-back", payload=PARTNERS.data("v", pid)),),)
    return Page(context.t("partner-ask-status", name=shorten(partner.name, NAME_LIMIT)), rows)


def kind_page(context: BrugContext, partner: Partner, flow: str) -> Page:
    pid = partner.id
    kinds = [
        Choice(f"partner-kind-{kind}", payload=PARTNERS.data("k", pid, flow, index))
        for index, kind in enumerate(service.KINDS)
    ]
    rows = tuple(tuple(kinds[i : i + 2]) for i in range(0, len(kinds), 2)) + (
        (
            Choice("partner-kind-other", payload=PARTNERS.data("k", pid, flow, "o")),
            Choice("partner-skip", payload=PARTNERS.data("k", pid, flow, "x")),
        ),
    )
    return Page(context.t("partner-ask-kind", name=shorten(partner.name, NAME_LIMIT)), rows)


def role_page(context: BrugContext, partner: Partner) -> Page:
    pid = partner.id
    rows = (
        (Choice("partner-role-choice-w", payload=PARTNERS.data("rs", pid, "w")),),
        (Choice("partner-role-choice-b", payload=PARTNERS.data("rs", pid, "b")),),
        (Choice("partner-role-choice-other", payload=PARTNERS.data("e", pid, "role")),),
        (Choice("partner-role-choice-x", payload=PARTNERS.data("rs", pid, "x")),),
        (Choice("button-back", payload=PARTNERS.data("v", pid)),),
    )
    return Page(context.t("partner-ask-role", name=shorten(partner.name, NAME_LIMIT)), rows)


def remove_page(context: BrugContext, partner: Partner) -> Page:
    rows = (
        (
            Choice("partner-remove-yes", payload=PARTNERS.data("dely", partner.id)),
            Choice("button-back", payload=PARTNERS.data("v", partner.id)),
        ),
    )
    return Page(context.t("partner-remove-confirm", name=shorten(partner.name, NAME_LIMIT)), rows)


# ---------------------------------------------------------------- commands


async def show_list(update: Update, context: BrugContext, group: Group, page: int = 0) -> None:
    listing = await service.partner_list(context.session, group, page)
    await send_page(context, update.effective_chat.id, list_page(context, listing))


# In the group the list for everyone; privately the list of my group (a picker for several).
partners_command = member_list_command(PARTNERS, show_list)
partners_deep_link = tool_deep_link(show_list, check=member_group)


# ---------------------------------------------------------------- buttons


@dataclass(frozen=True)
class PartnerPress:
    """A press on a partner button, its group and partner checked (``button_target``)."""

    update: Update
    context: BrugContext
    target: ButtonTarget

    @property
    def where(self) -> tuple[int, int]:
        message = self.update.callback_query.message
        return message.chat.id, message.message_id


async def partner_button(update: Update, context: BrugContext) -> None:
    """Views need membership of the partner's group; every change needs its coordinator, checked now.
    Each verb is its own function (``PARTNER_VERBS``)."""
    target = await button_target(
        update, context, buttons=PARTNERS, load=service.partner_of_group, gone="partner-gone",
        member_verbs={"g", "l", "v"},
    )
    if target is None:
        return
    await update.callback_query.answer()
    await PARTNER_VERBS[target.verb](PartnerPress(update, context, target))


async def _list(press: PartnerPress) -> None:
    page = press.target.values[1] if press.target.verb == "l" else 0
    listing = await service.partner_list(press.context.session, press.target.group, page)
    await edit_page(press.context, *press.where, list_page(press.context, listing))


async def _add(press: PartnerPress) -> None:
    await ask_text(press.update, press.context, "partner-new", press.target.group.id, Reply("partner-ask-name"))


async def _view(press: PartnerPress) -> None:
    chat_id, message_id = press.where
    await _show_card(press.context, chat_id, press.target.item, message_id=message_id)


async def _toggle_shortlist(press: PartnerPress) -> None:
    service.toggle_shortlist(press.target.item, press.context.now())
    await press.context.commit()
    await _view(press)


async def _edit_field(press: PartnerPress) -> None:
    partner, field = press.target.item, press.target.values[1]
    await ask_text(
        press.update, press.context, f"partner-{field}", partner.id,
        Reply(
            "partner-ask-role-text" if field == "role" else f"partner-ask-{field}",
            {"name": shorten(partner.name, NAME_LIMIT)},
        ),
    )


async def _kind_menu(press: PartnerPress) -> None:
    await edit_page(press.context, *press.where, kind_page(press.context, press.target.item, "e"))


async def _kind(press: PartnerPress) -> None:
    _partner_id, flow, choice = press.target.values
    await _kind_chosen(press.update, press.context, press.target.item, flow=flow, choice=choice)


async def _role_menu(press: PartnerPress) -> None:
    await edit_page(press.context, *press.where, role_page(press.context, press.target.item))


async def _role(press: PartnerPress) -> None:
    code = press.target.values[1]
    label = None if code == "x" else plain(press.context.t(f"partner-role-name-{code}"))
    service.set_key_role(press.target.item, code, label, press.context.now())
    await press.context.commit()
    await _view(press)


async def _status_menu(press: PartnerPress) -> None:
    await edit_page(press.context, *press.where, status_page(press.context, press.target.item))


async def _status(press: PartnerPress) -> None:
    context, partner = press.context, press.target.item
    now = context.now()
    try:
        moved = service.set_status(
            partner, press.target.values[1], local_today(now, press.target.group.timezone), now
        )
    except InvalidInput as problem:
        chat_id, message_id = press.where
        await _show_card(context, chat_id, partner, message_id=message_id, note=problem.message)
        return
    await context.commit()
    chat_id, message_id = press.where
    await _show_card(
        context, chat_id, partner, message_id=message_id,
        note="partner-status-saved-contact" if moved else "partner-saved",
    )


async def _contacted(press: PartnerPress) -> None:
    """ "✅ Net contact gehad" on the quiet-partner nudge: the last contact is today, and the card shows it."""
    context, partner = press.context, press.target.item
    now = context.now()
    service.contact_today(partner, local_today(now, press.target.group.timezone), now)
    await context.commit()
    chat_id, message_id = press.where
    await _show_card(context, chat_id, partner, message_id=message_id, note="partner-contact-noted")


async def _remove_question(press: PartnerPress) -> None:
    await edit_page(press.context, *press.where, remove_page(press.context, press.target.item))


async def _remove(press: PartnerPress) -> None:
    context, group = press.context, press.target.group
    name = press.target.item.name
    await service.remove_partner(context.session, press.target.item)
    await context.commit()
    page = list_page(context, await service.partner_list(context.session, group, 0))
    await edit_page(
        context, *press.where,
        Page(join([context.t("partner-removed", name=shorten(name, NAME_LIMIT)), page.text]), page.choices),
    )


PARTNER_VERBS: dict[str, Callable[[PartnerPress], Awaitable[None]]] = {
    "g": _list, "l": _list, "add": _add, "v": _view, "sl": _toggle_shortlist, "e": _edit_field,
    "km": _kind_menu, "k": _kind, "rm": _role_menu, "rs": _role, "del": _remove_question, "dely": _remove,
    "stm": _status_menu, "st": _status, "ct": _contacted,
}


async def _kind_chosen(
    update: Update, context: BrugContext, partner: Partner, *, flow: str, choice: str
) -> None:
    query = update.callback_query
    if choice == "o":
        await ask_text(
            update, context, "partner-kind", partner.id,
            Reply("partner-ask-kind-text", {"name": shorten(partner.name, NAME_LIMIT)}),
        )
        return
    label = None
    if choice != "x":
        index = int(choice)
        if index >= len(service.KINDS):
            await query.answer(plain(context.t("button-stale")), show_alert=True)
            return
        label = plain(context.t(f"partner-kind-{service.KINDS[index]}"))
    service.set_kind(partner, label, context.now())
    await context.commit()
    if flow == "n":
        # Adding a partner: after the kind, how to reach them.
        await ask_text(
            update, context, "partner-new-contact", partner.id,
            Reply("partner-ask-contact", {"name": shorten(partner.name, NAME_LIMIT)}),
        )
        return
    await _show_card(context, query.message.chat.id, partner, message_id=query.message.message_id)


async def _show_card(
    context: BrugContext, chat_id: int, partner: Partner, *, message_id: int | None = None,
    note: str | None = None,
) -> None:
    card = card_page(context, await service.partner_card(context.session, partner), note)
    if message_id is None:
        await send_page(context, chat_id, card)
    else:
        await edit_page(context, chat_id, message_id, card)


# ---------------------------------------------------------------- typed answers


async def _answer_target(
    update: Update, context: BrugContext, pending: PendingReply, text: str
) -> Partner | Group | None:
    """The partner (or, when adding, the group) this answer is for, if the answerer still coordinates it."""
    if pending.kind == "partner-new":
        group = await coordinator_group(context, pending.subject_id or 0)
        target = group
    else:
        partner = await service.partner_of_group(context.session, pending.subject_id or 0)
        group = await coordinator_group(context, partner.group_id) if partner else None
        target = partner
    if group is None or target is None:
        await answered(context.session, pending.chat_id, pending.member_id)
        await refuse(update, context)
        return None
    if is_cancel(text):
        await stop_asking(update, context, pending)
        return None
    return target


async def new_partner_named(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    group = await _answer_target(update, context, pending, text)
    if group is None:
        return
    try:
        partner = await service.add_partner(context.session, group, text, context.now())
    except InvalidInput as problem:
        await ask_again(update, context, pending, problem)
        return
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    await send_page(context, update.effective_chat.id, kind_page(context, partner, "n"))


async def partner_field_answered(
    update: Update, context: BrugContext, pending: PendingReply, text: str
) -> None:
    partner = await _answer_target(update, context, pending, text)
    if partner is None:
        return
    field = pending.kind.removeprefix("partner-").removeprefix("new-")
    now = context.now()
    try:
        if field == "last":
            group = await coordinator_group(context, partner.group_id)
            service.set_last_contact(partner, text, local_today(now, group.timezone), now)
        else:
            service.set_text(partner, field, text, now)
    except InvalidInput as problem:
        await ask_again(update, context, pending, problem)
        return
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    await _show_card(context, update.effective_chat.id, partner, note="partner-saved")


HANDLERS = [
    CommandHandler(names("partners"), partners_command),
    CallbackQueryHandler(
        partner_button,
        pattern=PARTNERS.pattern(),
    ),
]
DEEP_LINKS = {"partners": partners_deep_link}
REPLY_KINDS = {
    "partner-new": new_partner_named,
    "partner-new-contact": partner_field_answered,
    "partner-kind": partner_field_answered,
    **{f"partner-{field}": partner_field_answered for field in ASKED_FIELDS},
}
