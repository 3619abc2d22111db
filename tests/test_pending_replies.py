"""Free-text answers reach the question that waits for them, in groups (privacy mode) and privately."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.messages import Reply
from bot.domain.pending import answered, ask, remember_prompt
from handlers.render import send
from storage.models import PendingReply
from tests.harness import BotHarness


async def test_answers_are_routed_by_kind_and_only_as_replies_in_groups(bot: BotHarness) -> None:
    received: list[tuple[str, str]] = []

    async def on_answer(update, context, pending, text) -> None:
        received.append((pending.kind, text))
        await answered(context.session, pending.chat_id, pending.member_id)

    bot.app.bot_data["services"].reply_kinds["proef"] = on_answer

    async def ask_question(update, context) -> None:
        pending = await ask(
            context.session, chat_id=update.effective_chat.id,
            member_id=context.identity.member.id, kind="proef", subject_id=None, now=context.now(),
        )
        # Replying to the member's own message: Telegram's selective reply then targets them alone.
        message = await send(context, update.effective_chat.id, Reply("help-text", expects_text=True),
                             reply_to=update.effective_message.message_id)
        remember_prompt(pending, message.message_id)

    from telegram.ext import CommandHandler

    bot.app.handlers[0].insert(0, CommandHandler("vraag", ask_question))
    group = bot.group(-1001, "De BinnenHaven")
    anna = bot.user(101, "Anna")
    ben = bot.user(102, "Ben")
    await bot.say(group, anna, "/vraag")
    question = bot.telegram.last("sendMessage", group.id)
    assert question.params["reply_markup"]["force_reply"] is True

    await bot.say(group, anna, "gewoon gepraat")  # not a reply: ignored
    await bot.say(group, ben, "ik antwoord", reply_to=question)  # not Anna: ignored
    assert received == []
    await bot.say(group, anna, "mijn antwoord", reply_to=question)
    assert received == [("proef", "mijn antwoord")]
    assert await bot.count(PendingReply) == 0

    # In a private chat any text answers; an expired question does not.
    bot.telegram.started_users.add(anna.id)
    await bot.say(anna, anna, "/vraag")
    await bot.say(anna, anna, "privé antwoord")
    assert received[-1] == ("proef", "privé antwoord")
    await bot.say(anna, anna, "/vraag")
    bot.clock.advance(hours=25)
    await bot.say(anna, anna, "te laat")
    assert received[-1] == ("proef", "privé antwoord")
    assert "/help" in bot.last_text(anna.id)
