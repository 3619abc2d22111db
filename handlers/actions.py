"""Telegram glue for network actions: the card and its buttons, concerns, steering, harvest, /acties.

Also the helpers the proposal and commitment handlers share: ``say`` (a domain ``Reply`` whose arguments
may hold nested replies, lists of replies and dates, rendered in the reader's language), ``notify`` (to a
member privately, or in the group with a mention when Brug cannot write to them) and ``ask`` (a question
whose typed answer comes back through ``bot.domain.pending``).
"""

from __future__ import annotations

import html
import logging
import re
from datetime import date, time, timedelta
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.road.logs import person
from bot.domain.members import mark_unreachable
from bot.domain.commands import names
from bot.domain import helping, series
from bot.domain.buttons import ACTION, HARVEST
from bot.domain import lookup
from bot.domain import actions as domain
from bot.domain.dates import read_day, read_time
from bot.domain.listing import clip
from bot.domain.proposals import time_of_day
from bot.road.context import BrugContext
from bot.domain.zones import local_today
from bot.domain.understanding import Meaning, is_digits, is_vague, meaning
from bot.domain.i18n import Html
from bot.domain.rendering import mention
from bot.domain.members import answer_language
from bot.domain.messages import Choice, Reply, rows
from bot.domain.pending import answered, ask as ask_pending, remember_prompt
from handlers.common import group_only, pressed_query
from handlers.roles import member_group
from handlers.render import addressed_in_group, edit, send
from handlers.typed import choices_of_reply, store_choices
from handlers.answers import ask_again, day_answer
from storage.models import Action, Concern, Group, Member, PendingReply

log = logging.getLogger(__name__)



# ---------------------------------------------------------------- rendering nested replies


async def say(
    context: BrugContext, chat_id: int, reply: Reply, *, lang: str | None = None,
    reply_to: int | None = None,
) -> Message:
    lang = lang or context.lang
    return await send(context, chat_id, reply, lang=lang, reply_to=reply_to)


async def say_edit(
    context: BrugContext, chat_id: int, message_id: int, reply: Reply, *, lang: str | None = None
) -> None:
    """Edit a message in place; a message that is gone is logged, not an error for the member."""
    lang = lang or context.lang
    try:
        await edit(context, chat_id, message_id, reply, lang=lang)
    except BadRequest as exc:
        log.warning("could not edit message %s in chat %s: %s", message_id, person(chat_id), exc)


def member_language(context: BrugContext, member: Member) -> str:
    return answer_language(member, None, context.services.settings.language)


def can_write_privately(member: Member) -> bool:
    return member.has_private_chat and not member.unreachable


async def say_privately(context: BrugContext, member: Member, reply: Reply) -> Message | None:
    """Send to the member's private chat; None (and the member marked unreachable) on 403."""
    if not can_write_privately(member):
        return None
    try:
        return await say(context, member.telegram_user_id, reply, lang=member_language(context, member))
    except Forbidden:
        mark_unreachable(member, context.now())
        return None


async def notify(
    context: BrugContext, member: Member, reply: Reply, group: Group, *, reply_to: int | None = None
) -> None:
    """Tell a member something: privately when possible, else in the group, mentioning them."""
    if await say_privately(context, member, reply) is not None:
        return
    await say(context, group.telegram_chat_id, addressed_in_group(context, member, reply, group.language),
              lang=group.language, reply_to=reply_to)


async def ask(
    context: BrugContext,
    member: Member,
    group: Group,
    reply: Reply,
    *,
    kind: str,
    subject_id: int,
    reply_to: int | None = None,
    ttl: timedelta | None = None,
) -> PendingReply:
    """Ask ``member`` a question whose typed answer (or a button's words) returns as ``kind``.

    Privately when Brug may write to them — always when they acted in the private chat, so what
    they did there stays there. Otherwise in the group, addressed to them by name at the very start
    (Telegram's selective reply and the bridges find the addressee there); with privacy mode only a
    reply to that message reaches Brug, which the message says.
    """
    extra = {"ttl": ttl} if ttl else {}
    message = await say_privately(context, member, reply)
    chat_id = member.telegram_user_id
    lang = member_language(context, member)
    if message is None:
        message = await say(
            context,
            group.telegram_chat_id,
            addressed_in_group(context, member, reply, group.language, wrapper="ask-in-group",
                               expects_text=not reply.choices),
            lang=group.language,
            reply_to=reply_to,
        )
        chat_id, lang = group.telegram_chat_id, group.language
    pending = await ask_pending(
        context.session, chat_id=chat_id, member_id=member.id, kind=kind, subject_id=subject_id,
        now=context.now(), **extra,
    )
    remember_prompt(pending, message.message_id)
    store_choices(pending, choices_of_reply(context, reply, lang))
    return pending


async def say_to_member(context: BrugContext, chat_id: int, member: Member, reply: Reply, group: Group) -> None:
    """An answer to what ``member`` said: in the group it starts with their name, since "je" in a
    group chat could be anyone; privately it is said as is."""
    if chat_id < 0:
        await say(context, chat_id, addressed_in_group(context, member, reply, group.language),
                  lang=group.language)
        return
    await say(context, chat_id, reply)


async def back_to_draft(context: BrugContext, chat_id: int) -> None:
    """A private question was answered: a proposal being written gets its turn back."""
    if chat_id > 0:
        for hand_back in context.services.after_private_answer:
            await hand_back(context, context.identity.member)


async def alert(update: Update, context: BrugContext, message_id: str, **args: Any) -> None:
    await update.callback_query.answer(plain(context.t(message_id, **args)), show_alert=True)


def plain(text: Html) -> str:
    """Alerts show no HTML: undo the escaping and keep within Telegram's 200 characters."""
    return html.unescape(str(text))[:200]


async def stale(update: Update, context: BrugContext) -> None:
    await alert(update, context, "button-stale")


async def drop_buttons(update: Update) -> None:
    """Take the buttons off the message that was just answered, so old choices cannot be pressed."""
    message = update.callback_query.message
    try:
        await update.callback_query.get_bot().edit_message_reply_markup(
            chat_id=message.chat.id, message_id=message.message_id, reply_markup=None
        )
    except BadRequest:
        pass


# ---------------------------------------------------------------- the card


async def refresh_card(context: BrugContext, action: Action, group: Group) -> None:
    """Edit the card in the group to show the action as it is now."""
    if action.card_message_id is None:
        return
    await show_card(context, action, group, await domain.card(context.session, action, group, context.now()))


async def show_card(context: BrugContext, action: Action, group: Group, reply: Reply) -> None:
    """Edit the card in the group to show ``reply`` (built by ``domain.card``, perhaps before a commit)."""
    if action.card_message_id is None:
        return
    await say_edit(context, group.telegram_chat_id, action.card_message_id, reply, lang=group.language)


async def post_card(context: BrugContext, action: Action, group: Group) -> None:
    reply = await domain.card(context.session, action, group, context.now())
    message = await say(context, group.telegram_chat_id, reply, lang=group.language)
    action.card_message_id = message.message_id


def named_action_id(context: BrugContext) -> int:
    """The action id in the pressed button's payload (``a:<verb>:<id>``)."""
    return int(context.matches[0].group(2) if context.matches else 0)


async def load_action(
    update: Update, context: BrugContext, *, lock: bool = False
) -> tuple[Action, Group] | None:
    """The action a button names; a polite alert when it is gone. ``lock``: see ``lookup.action_in_group``."""
    action_id = named_action_id(context)
    # Action, group and proposer in one query; the card and the announcements find the proposer
    # in the session without asking again.
    loaded = await lookup.action_in_group(context.session, action_id, lock=lock)
    if loaded is None:
        await stale(update, context)
        return None
    action, group, _proposer = loaded
    return action, group


async def load_card_action(
    update: Update, context: BrugContext, *, lock: bool = False
) -> tuple[Action, Group] | None:
    """As ``load_action``, for card buttons: the button must sit in the action's own group."""
    loaded = await load_action(update, context, lock=lock)
    if loaded is None:
        return None
    action, group = loaded
    if not await pressed_on_open_card(update, context, action, group):
        return None
    return action, group


async def pressed_on_open_card(update: Update, context: BrugContext, action: Action, group: Group) -> bool:
    """The card button sits in the action's own group and the action is open; else a polite alert."""
    message = update.callback_query.message
    if message is None or message.chat.id != group.telegram_chat_id:
        await stale(update, context)
        return False
    if action.state in domain.CLOSED_STATES:
        await alert(update, context, "card-closed")
        return False
    return True


# ---------------------------------------------------------------- support


async def support_pressed(update: Update, context: BrugContext) -> None:
    # Locked (with the card's people as they are under the lock, where that costs no second query):
    # the press counts the supporters to decide whether the proposal runs.
    loaded = await lookup.locked_action_with_people(context.session, named_action_id(context))
    if loaded is None:
        await stale(update, context)
        return
    action, group, _proposer, people = loaded
    if not await pressed_on_open_card(update, context, action, group):
        return
    member = context.identity.member
    result = await domain.toggle_support(context.session, action, group, member, context.now(), people=people)
    if result.own_proposal:
        await alert(update, context, "support-own")
        return
    # The card is read in the same transaction as the change and stored with it (bot.delivery): one
    # commit holds the support and the card that shows it, before anything is said.
    card = await domain.card(context.session, action, group, context.now())
    await show_card(context, action, group, card)
    if result.added:
        await update.callback_query.answer(plain(context.t("support-added")))
    else:
        await alert(update, context, "support-withdrawn")
    if result.became_running:
        await announce_running(context, action, group)


async def announce_running(context: BrugContext, action: Action, group: Group) -> None:
    proposer = await lookup.member(context.session, action.proposer_id)
    await say(
        context, group.telegram_chat_id, domain.running_announcement(action, proposer),
        lang=group.language, reply_to=action.card_message_id,
    )
    await say_privately(context, proposer, domain.running_note_for_proposer(action))


# ---------------------------------------------------------------- concerns


async def concern_pressed(update: Update, context: BrugContext) -> None:
    loaded = await load_card_action(update, context)
    if loaded is None:
        return
    action, group = loaded
    member = context.identity.member
    if member.id == action.proposer_id:
        await alert(update, context, "concern-own")
        return
    title = clip(action.title, 200)
    # Privately when Brug may write to them, so that they can still choose whether the group sees it.
    # The toast first: on a bridge it is a message of its own, and it belongs before the question.
    asked_privately = can_write_privately(member)
    await update.callback_query.answer(plain(context.t("concern-asked-privately")) if asked_privately else None)
    private = await say_privately(context, member, Reply("concern-ask-private", args={"title": title}))
    if private is not None:
        pending = await ask_pending(
            context.session, chat_id=member.telegram_user_id, member_id=member.id, kind="concern",
            subject_id=action.id, now=context.now(),
        )
        remember_prompt(pending, private.message_id)
        return
    # Otherwise in the group, addressed to the member: what they type there, the group sees.
    question = Reply(
        "concern-ask",
        args={"mention": mention(member), "title": title},
        expects_text=True,
        placeholder="concern-placeholder",
    )
    message = await say(
        context, group.telegram_chat_id, question, lang=group.language,
        reply_to=action.card_message_id,
    )
    pending = await ask_pending(
        context.session, chat_id=group.telegram_chat_id, member_id=member.id, kind="concern",
        subject_id=action.id, now=context.now(),
    )
    remember_prompt(pending, message.message_id)


async def concern_answered(
    update: Update, context: BrugContext, pending: PendingReply, text: str
) -> None:
    """The concern's text: counted on the card and passed to the proposer with buttons to adjust.

    Typed in the group, everyone saw it already: it is posted under the card for anyone to answer.
    Typed privately, it stays private until its author chooses (``share_question``).
    """
    chat_id = update.effective_chat.id
    message_id = update.effective_message.message_id
    loaded = await pending_action(update, context, pending)
    if loaded is None:
        return
    action, group = loaded
    if not text:
        await ask_again(update, context, pending, Reply("answer-empty"))
        return
    if meaning(text) in (Meaning.STOP, Meaning.NO, Meaning.UNKNOWN, Meaning.SKIP):
        # "laat maar", "nee toch niet": nothing is passed on, and the member hears so.
        await answered(context.session, pending.chat_id, pending.member_id)
        await say(context, chat_id, Reply("concern-dropped"), reply_to=message_id)
        await back_to_draft(context, chat_id)
        return
    member = context.identity.member
    in_group = chat_id == group.telegram_chat_id
    concern = await domain.add_concern(
        context.session, action, member, text, context.now(), is_private=not in_group
    )
    await answered(context.session, pending.chat_id, pending.member_id)
    card = await domain.card(context.session, action, group, context.now())
    await context.commit()
    await show_card(context, action, group, card)
    proposer = await lookup.member(context.session, action.proposer_id)
    await say_privately(context, proposer, domain.concern_for_proposer(action, concern, member))
    if in_group:
        await post_concern(context, action, group, concern, member, proposer)
        return
    await ask(context, member, group, domain.share_question(concern, proposer), kind="concern_share",
              subject_id=concern.id)


async def post_concern(
    context: BrugContext, action: Action, group: Group, concern: Concern, author: Member, proposer: Member
) -> None:
    """A shared concern in the group, under the card, addressed to the proposer: 💬 Reageer for anyone.

    Addressed by name first, so a bridge sends a bare number of the proposer here and everyone
    else's still to the card."""
    await say(
        context, group.telegram_chat_id, domain.concern_in_group(action, concern, author, mention(proposer)),
        lang=group.language, reply_to=action.card_message_id,
    )


async def load_concern(update: Update, context: BrugContext) -> tuple[Concern, Action, Group] | None:
    """The concern a button names (``a:<verb>:<concern id>``); a polite alert when it is gone."""
    found = await domain.concern_in_action(context.session, int(context.matches[0].group(2)))
    if found is None:
        await stale(update, context)
    return found


async def concern_share_pressed(update: Update, context: BrugContext) -> None:
    """The author's choice after a concern typed privately: 👥 the group may see it, or 🔒 not."""
    loaded = await load_concern(update, context)
    if loaded is None:
        return
    concern, action, group = loaded
    member = context.identity.member
    shared = context.matches[0].group(1) == "cshow"
    if concern.member_id != member.id or (shared and not concern.is_private):
        await stale(update, context)
        return
    if shared and action.state in domain.CLOSED_STATES:
        await alert(update, context, "card-closed")
        return
    query = update.callback_query
    await query.answer()
    chat_id = query.message.chat.id
    asked = await lookup.question_for_member(context.session, chat_id, member.id)
    if asked is not None and asked.kind == "concern_share" and asked.subject_id == concern.id:
        await answered(context.session, chat_id, member.id)
    await domain.share_concern(context.session, action, concern, shared, context.now())
    card = await domain.card(context.session, action, group, context.now()) if shared else None
    await context.commit()
    proposer = await lookup.member(context.session, action.proposer_id)
    outcome = "concern-shared" if shared else "concern-kept-private"
    await say_edit(context, chat_id, query.message.message_id,
                   Reply(outcome, args={"proposer": proposer.first_name}))
    if card is not None:
        await show_card(context, action, group, card)
        await post_concern(context, action, group, concern, member, proposer)
    await back_to_draft(context, chat_id)


async def concern_share_answered(
    update: Update, context: BrugContext, pending: PendingReply, text: str
) -> None:
    """Words under "Mag de groep het zien?" that are neither button: ask once more, nothing changes."""
    found = await domain.concern_in_action(context.session, pending.subject_id or 0)
    if found is None:
        await answered(context.session, pending.chat_id, pending.member_id)
        await say(context, update.effective_chat.id, Reply("answer-too-late"))
        return
    concern, action, _group = found
    proposer = await lookup.member(context.session, action.proposer_id)
    question = domain.share_question(concern, proposer)
    await ask_again(update, context, pending,
                    Reply("concern-share-unclear", args=question.args, choices=question.choices))


async def concern_reply_pressed(update: Update, context: BrugContext) -> None:
    """💬 Reageer under a concern: ask the presser for their answer (privately when possible)."""
    loaded = await load_concern(update, context)
    if loaded is None:
        return
    concern, action, group = loaded
    member = context.identity.member
    if action.state in domain.CLOSED_STATES:
        await alert(update, context, "card-closed")
        return
    if not domain.may_answer_concern(concern, action, member):
        await alert(update, context, "concern-private-alert")
        return
    query = update.callback_query
    in_group = query.message is not None and query.message.chat.id == group.telegram_chat_id
    if in_group and can_write_privately(member):
        await query.answer(plain(context.t("concern-asked-privately")))
    else:
        await query.answer()
    author = await lookup.member(context.session, concern.member_id)
    await ask(context, member, group, domain.answer_question(author or member), kind="concern_answer",
              subject_id=concern.id,
              reply_to=query.message.message_id if in_group else action.card_message_id)


async def concern_answer_given(
    update: Update, context: BrugContext, pending: PendingReply, text: str
) -> None:
    """An answer to a concern: to its author and the proposer (privately when possible); a shared
    concern's answer given privately is shown in the group too, where the talk belongs."""
    chat_id = update.effective_chat.id
    message_id = update.effective_message.message_id
    found = await domain.concern_in_action(context.session, pending.subject_id or 0)
    if found is None or found[1].state in domain.CLOSED_STATES:
        await answered(context.session, pending.chat_id, pending.member_id)
        await say(context, chat_id, Reply("answer-too-late"))
        return
    concern, action, group = found
    if not text:
        await ask_again(update, context, pending, Reply("answer-empty"))
        return
    if meaning(text) in (Meaning.STOP, Meaning.SKIP):
        await answered(context.session, pending.chat_id, pending.member_id)
        await say(context, chat_id, Reply("concern-dropped"), reply_to=message_id)
        await back_to_draft(context, chat_id)
        return
    answerer = context.identity.member
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    author = await lookup.member(context.session, concern.member_id)
    proposer = await lookup.member(context.session, action.proposer_id)
    in_group = chat_id == group.telegram_chat_id
    if not concern.is_private and not in_group and author is not None:
        await say(context, group.telegram_chat_id,
                  domain.concern_answer_in_group(author, mention(author), answerer, text),
                  lang=group.language, reply_to=action.card_message_id)
    heard = domain.who_hears_an_answer(answerer, author, proposer)
    for reader in heard:
        note = domain.concern_answer_note(action, concern, author or answerer, answerer, text, reader)
        if await say_privately(context, reader, note) is None and in_group and not concern.is_private:
            # Answered in the group to someone Brug cannot write to: named there, so they hear it.
            # Under the card, not the answer: a bridge takes a reply as asking the replied-to person.
            await notify(context, reader, note, group, reply_to=action.card_message_id)
    if heard:
        await say(context, chat_id, Reply("concern-answer-passed", args={"names": domain.passed_to(heard)}),
                  reply_to=message_id)
    await back_to_draft(context, chat_id)


# ---------------------------------------------------------------- steering: smaller, later, let go, done


async def load_steerable(update: Update, context: BrugContext) -> tuple[Action, Group] | None:
    """The action a steering button names, if the presser may steer it and it is still open."""
    loaded = await load_action(update, context)
    if loaded is None:
        return None
    action, group = loaded
    if not await domain.may_steer(context.session, action, context.identity.member):
        await alert(update, context, "steer-not-yours")
        return None
    if action.state in domain.CLOSED_STATES:
        await alert(update, context, "card-closed")
        return None
    return action, group


async def steer_pressed(update: Update, context: BrugContext) -> None:
    verb = context.matches[0].group(1)
    loaded = await load_steerable(update, context)
    if loaded is None:
        return
    action, group = loaded
    query = update.callback_query
    member = context.identity.member
    await query.answer()
    title = clip(action.title, 200)
    if verb == "smaller":
        await ask(context, member, group, Reply("steer-ask-smaller", args={"title": title}),
                  kind="action_smaller", subject_id=action.id, reply_to=action.card_message_id)
    elif verb == "title":
        await ask(context, member, group, Reply("steer-ask-title", args={"title": title}),
                  kind="action_title", subject_id=action.id, reply_to=action.card_message_id)
    elif verb in ("tok", "tno"):
        await title_decided(context, action, group, verb == "tok")
    elif verb == "undo":
        if await domain.undo_title(context.session, action, group, member, context.now()):
            await context.commit()
            restored = clip(action.title, 200)
            await say(context, query.message.chat.id, Reply("steer-undone", args={"title": restored}))
            await refresh_card(context, action, group)
            await say(context, group.telegram_chat_id, Reply("steer-undone-group", args={"title": restored}),
                      lang=group.language, reply_to=action.card_message_id)
    elif verb == "later":
        await ask(context, member, group, Reply("steer-ask-later", args={"title": title}),
                  kind="action_later", subject_id=action.id, reply_to=action.card_message_id)
    elif verb == "letgo":
        await say(
            context, query.message.chat.id,
            Reply("steer-letgo-confirm", args={"title": title}, choices=(
                (Choice("steer-button-letgo-yes", payload=ACTION.data("letok", action.id)),),
                (Choice("steer-button-letgo-no", payload=ACTION.data("keep", action.id)),),
            )),
        )
    elif verb == "letok":
        await domain.let_go(context.session, action, group, member, context.now())
        await context.commit()
        await say_edit(context, query.message.chat.id, query.message.message_id,
                       Reply("steer-letgo-done", args={"title": title}))
        await refresh_card(context, action, group)
        await say(context, group.telegram_chat_id, Reply("action-let-go-group", args={"title": title}),
                  lang=group.language, reply_to=action.card_message_id)
    elif verb == "keep":
        await say_edit(context, query.message.chat.id, query.message.message_id,
                       Reply("steer-kept", args={"title": title}))
    elif verb == "done":
        await start_harvest(context, action, group, member)


async def smaller_answered(
    update: Update, context: BrugContext, pending: PendingReply, text: str
) -> None:
    """A smaller first step, or a new name, typed: shown back to confirm before anything changes."""
    loaded = await pending_action(update, context, pending)
    if loaded is None:
        return
    action, group = loaded
    if not text:
        await ask_again(update, context, pending, Reply("answer-empty"))
        return
    if pending.kind in TITLE_CONFIRMS and is_digits(text):
        # "20" under "1. Ja, zo  2. Nee, laat maar": a slip of the finger, not a title and not a "no".
        labels = ", ".join(plain(context.t(key)) for key in ("steer-button-title-yes", "steer-button-title-no"))
        await ask_again(update, context, pending, Reply(
            "reply-use-buttons", args={"labels": labels}, choices=title_confirm_choices(action),
        ))
        return
    if is_vague(text):
        # "nee", "weet ik niet": the action stays as it is; a vague answer never becomes its title.
        await answered(context.session, pending.chat_id, pending.member_id)
        await say(context, update.effective_chat.id,
                  Reply("steer-kept", args={"title": clip(action.title, 200)}))
        return
    smaller = pending.kind.startswith("action_smaller")
    new_title = text[:500]
    confirm = Reply(
        "steer-smaller-confirm" if smaller else "steer-title-confirm",
        args={"new": clip(new_title, 200), "goal": clip(action.goal or action.title, 200)},
        choices=title_confirm_choices(action),
    )
    waiting = await ask(context, context.identity.member, group, confirm,
                        kind="action_smaller_ok" if smaller else "action_title_ok", subject_id=action.id,
                        reply_to=action.card_message_id)
    waiting.answer = new_title


def title_confirm_choices(action: Action) -> tuple[tuple[Choice, ...], ...]:
    return rows(
        [Choice("steer-button-title-yes", payload=ACTION.data("tok", action.id), means="yes")],
        [Choice("steer-button-title-no", payload=ACTION.data("tno", action.id), means="no")],
    )


async def title_decided(context: BrugContext, action: Action, group: Group, accepted: bool) -> None:
    """"Ja, zo" or "Nee" under a new title shown back: change it (with a way back), or keep it."""
    member = context.identity.member
    chat_id = current_chat(context)
    pending = await lookup.question_for_member(context.session, chat_id, member.id)
    if pending is None or pending.subject_id != action.id or pending.kind not in TITLE_CONFIRMS:
        await say(context, chat_id, Reply("button-stale"))
        return
    await answered(context.session, pending.chat_id, pending.member_id)
    if not accepted or not pending.answer:
        await say(context, chat_id, Reply("steer-kept", args={"title": clip(action.title, 200)}))
        return
    if pending.kind == "action_smaller_ok":
        await domain.make_smaller(context.session, action, group, member, pending.answer, context.now())
        group_note = "steer-changed-group"
    else:
        await domain.retitle(context.session, action, group, member, pending.answer, context.now())
        group_note = "steer-retitled-group"
    await context.commit()
    title = clip(action.title, 200)
    await say(context, chat_id, Reply("steer-smaller-done", args={"title": title}, choices=rows(
        [Choice("steer-button-undo", payload=ACTION.data("undo", action.id), means="undo")])))
    await refresh_card(context, action, group)
    await say(context, group.telegram_chat_id, Reply(group_note, args={"title": title}),
              lang=group.language, reply_to=action.card_message_id)
    await back_to_draft(context, chat_id)


TITLE_CONFIRMS = ("action_smaller_ok", "action_title_ok")


def current_chat(context: BrugContext) -> int:
    """The chat of the update in hand: the group's, or the member's private one."""
    identity = context.identity
    return identity.group.telegram_chat_id if identity.group is not None else identity.member.telegram_user_id


async def later_answered(
    update: Update, context: BrugContext, pending: PendingReply, text: str
) -> None:
    """A new day for the action, with its time ("zaterdag 15:00"), without one (the whole day: the old
    time may not fit the new day), or only a time ("om 15:00": the day stays)."""
    loaded = await pending_action(update, context, pending)
    if loaded is None:
        return
    action, group = loaded
    today = local_today(context.now(), group.timezone)
    typed = read_day(text, today)
    only_time = read_time(text) if typed is None else None
    day: date | None
    at: time | None
    if only_time is not None:
        if action.due_on is None or action.due_on < today:
            await ask_again(update, context, pending, Reply(
                "steer-later-needs-day", args={"time": time_of_day(only_time)}))
            return
        day, at = None, only_time
    else:
        # "Ja, maandag 28 december" under "Bedoel je …?" comes back as the day alone: the time typed
        # with the guess waits on the question meanwhile.
        kept = pending.answer if CONFIRMED_DAY.fullmatch(text) else None
        pending.answer = f"{typed.start_time:%H:%M}" if typed is not None and typed.start_time else None
        reading = await day_answer(update, context, pending, text, today)
        if reading is None:
            return
        day, at = reading.day, reading.start_time or _kept_time(kept)
    await domain.move_date(context.session, action, group, context.identity.member, day, context.now(), at=at)
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    title = clip(action.title, 200)
    when = day_at(action.due_on, action.start_time)
    await say(context, update.effective_chat.id, Reply("steer-later-done", args={"title": title, "day": when}))
    await refresh_card(context, action, group)
    await say(context, group.telegram_chat_id,
              Reply("steer-moved-group", args={"title": title, "day": when}),
              lang=group.language, reply_to=action.card_message_id)
    await back_to_draft(context, update.effective_chat.id)


# The day "Ja" under "Bedoel je …?" answers with (``handlers.answers.day_confirmed``).
CONFIRMED_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _kept_time(kept: str | None) -> time | None:
    try:
        return time.fromisoformat(kept) if kept else None
    except ValueError:
        return None


def day_at(day: date | None, at: time | None) -> date | Reply | None:
    """ "zaterdag 5 december", or with its time "zaterdag 5 december, 14:00" (the action's own time)."""
    if day is None or at is None:
        return day
    return Reply("day-at", args={"day": day, "time": time_of_day(at)})


async def pending_action(
    update: Update, context: BrugContext, pending: PendingReply
) -> tuple[Action, Group] | None:
    """The open action a typed answer is about; a closed or deleted one ends the question."""
    action = await lookup.action(context.session, pending.subject_id or 0)
    group = await lookup.group(context.session, action.group_id) if action else None
    if action is None or group is None or action.state in domain.CLOSED_STATES:
        await answered(context.session, pending.chat_id, pending.member_id)
        await say(context, update.effective_chat.id, Reply("answer-too-late"))
        return None
    return action, group


# ---------------------------------------------------------------- harvest: "Hoe ging het?"


async def start_harvest(
    context: BrugContext, action: Action, group: Group, member: Member, *, intro: str | None = None
) -> None:
    """Ask ``member`` the first harvest question (privately when possible)."""
    first = domain.HARVEST_STEPS[0]
    question = domain.harvest_question(action, first)
    if intro:
        question = Reply(
            "harvest-with-intro",
            args={"intro": Reply(intro, args={"title": clip(action.title, 200)}),
                  "question": Reply(question.message, question.args)},
            choices=question.choices,
        )
    await ask(context, member, group, question, kind=f"harvest_{first}", subject_id=action.id,
              reply_to=action.card_message_id, ttl=timedelta(days=7))


async def harvest_start_pressed(update: Update, context: BrugContext) -> None:
    loaded = await load_action(update, context)
    if loaded is None:
        return
    action, group = loaded
    if not await domain.may_steer(context.session, action, context.identity.member):
        await alert(update, context, "steer-not-yours")
        return
    if action.state in domain.CLOSED_STATES:
        await alert(update, context, "harvest-closed")
        return
    await update.callback_query.answer()
    await start_harvest(context, action, group, context.identity.member)


async def harvest_skip_pressed(update: Update, context: BrugContext) -> None:
    query = update.callback_query
    action_id, step = HARVEST.expect(query.data).values  # the handler's pattern is HARVEST's "skip"
    pending = await repo_pending(context, query.message.chat.id)
    if pending is None or pending.kind != f"harvest_{step}" or pending.subject_id != action_id:
        await stale(update, context)
        return
    await query.answer()
    await drop_buttons(update)
    await harvest_step(update, context, pending, step, None)


async def repo_pending(context: BrugContext, chat_id: int) -> PendingReply | None:
    from bot.domain.pending import waiting

    return await waiting(
        context.session, chat_id=chat_id, member_id=context.identity.member.id, now=context.now(),
        replied_to_message_id=None, is_group=False,
    )


def harvest_answered(step: str):
    async def on_answer(
        update: Update, context: BrugContext, pending: PendingReply, text: str
    ) -> None:
        if not text:
            await ask_again(update, context, pending, Reply("answer-empty"))
            return
        await harvest_step(update, context, pending, step, text)

    return on_answer


async def harvest_step(
    update: Update, context: BrugContext, pending: PendingReply, step: str, text: str | None
) -> None:
    """Store one harvest answer and ask the next question, or close the action with a celebration."""
    loaded = await pending_action(update, context, pending)
    if loaded is None:
        return
    action, group = loaded
    chat_id = update.effective_chat.id
    if not domain.record_harvest_answer(action, step, text):
        await ask_again(update, context, pending, Reply(
            "harvest-reach-unclear", choices=domain.harvest_question(action, step).choices))
        return
    following = domain.next_harvest_step(step)
    member = context.identity.member
    if following is not None:
        question = domain.harvest_question(action, following)
        await ask(context, member, group, question, kind=f"harvest_{following}", subject_id=action.id,
                  reply_to=action.card_message_id, ttl=timedelta(days=7))
        return
    celebration = await domain.finish_harvest(context.session, action, group, member, context.now())
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    await refresh_card(context, action, group)
    await say(context, group.telegram_chat_id, celebration, lang=group.language,
              reply_to=action.card_message_id)
    if chat_id != group.telegram_chat_id:
        # "Wie wil het nog eens doen?" in one tap: once more, or every week / month (handlers/series.py).
        choices = series.choices_after_harvest(action)
        if action.harvest_met:
            met = Choice("harvest-button-meet", payload=HARVEST.data("meet", action.id),
                         label_args={"name": clip(action.harvest_met, 30)})
            choices = (*choices, (met,))
        await say(context, chat_id, Reply("harvest-thanks", choices=choices))
        await back_to_draft(context, chat_id)


async def harvest_meet_pressed(update: Update, context: BrugContext) -> None:
    """ "📇 … op de partnerlijst": whom they met joins the longlist, noted where and when they met."""
    query = pressed_query(update)
    message = query.message
    assert message is not None
    action = await lookup.action(context.session, HARVEST.expect(query.data).values[0])
    group = await member_group(context, action.group_id) if action is not None else None
    if action is None or group is None or not action.harvest_met:
        await alert(update, context, "button-stale")
        return
    note = plain(context.t("harvest-met-note", title=clip(action.title, 200), lang=group.language))
    partner = await helping.partner_met_at(context.session, group, action, note, context.now())
    await context.commit()
    await query.answer()
    await say_edit(context, message.chat.id, message.message_id, Reply(
        "harvest-met-listed", args={"name": clip(partner.name, 100), "title": clip(action.title, 100)},
    ))


# ---------------------------------------------------------------- /acties


@group_only
async def list_actions(update: Update, context: BrugContext) -> None:
    group = context.identity.group
    actions = await domain.group_actions(context.session, group)
    if not actions:
        await say(context, group.telegram_chat_id, Reply("actions-none"))
        return
    lines = []
    for action in actions:
        link = domain.card_link(group.telegram_chat_id, action.card_message_id)
        args = {
            "title": clip(action.title, 120),
            "state": Reply(f"state-{action.state.replace('_', '-')}"),
            "link": link or "",
        }
        message = "actions-item" if link else "actions-item-nolink"
        if action.due_on:
            args["day"] = day_at(action.due_on, action.start_time)
            message += "-dated"
        lines.append(Reply(message, args=args))
    await say(context, group.telegram_chat_id, Reply("actions-list", args={"items": lines}))


HANDLERS = [
    CommandHandler(names("acties"), list_actions),
    CallbackQueryHandler(support_pressed, pattern=ACTION.pattern("sup")),
    CallbackQueryHandler(concern_pressed, pattern=ACTION.pattern("con")),
    CallbackQueryHandler(concern_share_pressed, pattern=ACTION.pattern("cshow", "cpriv")),
    CallbackQueryHandler(concern_reply_pressed, pattern=ACTION.pattern("cre")),
    CallbackQueryHandler(
        steer_pressed,
        pattern=ACTION.pattern("smaller", "title", "tok", "tno", "undo", "later", "letgo", "letok", "keep", "done"),
    ),
    CallbackQueryHandler(harvest_start_pressed, pattern=HARVEST.pattern("start")),
    CallbackQueryHandler(harvest_skip_pressed, pattern=HARVEST.pattern("skip")),
    CallbackQueryHandler(harvest_meet_pressed, pattern=HARVEST.pattern("meet")),
]

REPLY_KINDS = {
    "concern": concern_answered,
    "concern_share": concern_share_answered,
    "concern_answer": concern_answer_given,
    "action_smaller": smaller_answered,
    "action_title": smaller_answered,
    # Another text typed under "Zo wordt het: …": that is the new proposal, shown back again.
    "action_smaller_ok": smaller_answered,
    "action_title_ok": smaller_answered,
    "action_later": later_answered,
    **{f"harvest_{step}": harvest_answered(step) for step in domain.HARVEST_STEPS},
}
