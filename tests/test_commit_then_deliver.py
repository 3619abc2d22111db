"""Issue 16, item 2: commit, then deliver. What an update changes and the messages it causes are
committed together before Brug talks to Telegram; no transaction is open (and on SQLite no writer turn
held) while Telegram or the rate limiter is awaited; a kill between the commit and Telegram loses no
message and sends none twice; a retried press never undoes what was stored."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import select
from telegram import Update

from bot.app import build_application
from bot.road.context import current_scope
from bot.road.delivery import LEASE
from bot.road.ticking import tick_now
from storage.models import Action, Delivery, Member, Support
from tests.action_steps import card_call, make_cast, write_proposal
from tests.harness import BotHarness

SENDING = {"sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery"}


def watch_transactions(bot: BotHarness, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool, bool]]:
    """Every call that reaches Telegram, with whether the update's session had a transaction open and
    whether the update held SQLite's writer turn at that moment."""
    seen: list[tuple[str, bool, bool]] = []
    real = bot.telegram.answer
    writer = bot.app.bot_data["services"].writer

    async def answer(method: str, params: dict[str, Any], uploads: dict) -> tuple[int, bytes]:
        scope = current_scope.get()
        if scope is not None and method in SENDING:
            held = isinstance(writer, asyncio.Lock) and writer.locked()
            seen.append((method, scope.session.in_transaction(), held))
        return await real(method, params, uploads)

    monkeypatch.setattr(bot.telegram, "answer", answer)
    return seen


async def test_no_transaction_is_open_while_brug_talks_to_telegram(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = watch_transactions(bot, monkeypatch)
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    await bot.press(cast.ben, card, "👍 Steun")
    await bot.press(cast.carla, card, cast.label("join"))
    await bot.say(cast.carla, cast.carla, "Ik neem de pannen mee")
    await bot.say(cast.group, cast.anna, "/help")

    methods = {method for method, _open, _held in seen}
    assert {"sendMessage", "editMessageText", "answerCallbackQuery"} <= methods
    open_calls = [method for method, open_, held in seen if open_ or held]
    # The one exception is posting a proposal's card: the action and its card stand or fall
    # together (a savepoint), so that single sendMessage waits inside the transaction.
    assert open_calls == ["sendMessage"], seen
    assert await bot.count(Delivery) == 0  # everything Telegram took is forgotten


async def test_another_writer_is_not_kept_waiting_while_a_reply_waits_on_telegram(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite the update's writer turn is given up while Telegram is slow: the dashboard (or the
    tick, or the inbox) can write meanwhile instead of failing with "database is locked"."""
    anna = bot.user(101, "Anna", started=True)
    services = bot.app.bot_data["services"]
    real = bot.telegram.answer
    wrote: list[str] = []

    async def slow_answer(method: str, params: dict[str, Any], uploads: dict) -> tuple[int, bytes]:
        if method == "sendMessage" and not wrote:
            # Someone else writes while Telegram takes its time with this reply.
            async def other_writer() -> None:
                async with services.writer, services.db.unit_of_work() as session:
                    member = (await session.scalars(select(Member))).one()
                    member.first_name = "Anna B."
                wrote.append("done")

            await asyncio.wait_for(other_writer(), timeout=2)
        return await real(method, params, uploads)

    monkeypatch.setattr(bot.telegram, "answer", slow_answer)
    await bot.start_private(anna)
    assert wrote == ["done"]
    assert "Welkom" in bot.last_text(anna.id)


class Killed(BaseException):
    """The process dies (kill -9): nothing after this point runs, no handler sees it."""


async def test_a_kill_between_commit_and_telegram_loses_nothing_and_sends_nothing_twice(
    bot: BotHarness, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    real = bot.telegram.answer

    async def die_on_the_card(method: str, params: dict[str, Any], uploads: dict) -> tuple[int, bytes]:
        if method == "editMessageText":
            raise Killed()
        return await real(method, params, uploads)

    monkeypatch.setattr(bot.telegram, "answer", die_on_the_card)
    press = bot.updates.callback(cast.ben, bot._message_json(card), f"a:sup:{action.id}")
    with pytest.raises(Killed):
        await bot.feed(press)
    monkeypatch.setattr(bot.telegram, "answer", real)

    # What was committed before the call: Ben's support and the card as it must now look.
    assert await bot.count(Support) == 1
    [waiting] = await bot.rows(Delivery)
    assert waiting.method == "editMessageText" and waiting.chat_id == cast.group.id

    # A new process on the same database: Telegram sends the press again (it was never answered),
    # and the tick delivers what the dead process left.
    second = build_application(settings, request=bot.telegram, clock=bot.clock, database=bot.db)
    await second.initialize()
    try:
        edits_before = len(bot.telegram.sent("editMessageText", cast.group.id))
        await second.process_update(Update.de_json(press, second.bot))
        assert await bot.count(Support) == 1  # the repeat is the same update: not a second toggle
        await tick_now(second)
        assert len(bot.telegram.sent("editMessageText", cast.group.id)) == edits_before  # in its lease
        bot.clock.advance(seconds=LEASE.total_seconds() + 1)
        await tick_now(second)
        [edit] = bot.telegram.sent("editMessageText", cast.group.id)[edits_before:]
        assert edit.params["message_id"] == action.card_message_id and "Ben" in edit.text
        assert edit.params["reply_markup"]["inline_keyboard"]  # the card keeps its buttons
        await tick_now(second)
        assert len(bot.telegram.sent("editMessageText", cast.group.id)) == edits_before + 1
        assert await bot.count(Delivery) == 0
    finally:
        await second.shutdown()


async def test_a_press_while_telegram_fails_is_kept_and_pressing_again_does_not_undo_it(
    bot: BotHarness,
) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    bot.telegram.fail_next("editMessageText", 502, "Bad Gateway")

    press = bot.updates.callback(cast.ben, bot._message_json(card), f"a:sup:{action.id}")
    await bot.feed(press)

    assert await bot.count(Support) == 1
    alerts = [c.params.get("text") or "" for c in bot.telegram.sent("answerCallbackQuery")]
    assert not any("Probeer het zo nog eens" in text for text in alerts)
    [waiting] = await bot.rows(Delivery)
    assert waiting.method == "editMessageText"

    # The same update again (Telegram's own retry): nothing changes.
    await bot.feed(press)
    assert await bot.count(Support) == 1

    bot.clock.advance(seconds=LEASE.total_seconds() + 1)
    await tick_now(bot.app)
    assert "Ben" in bot.telegram.last("editMessageText", cast.group.id).text
    assert await bot.count(Delivery) == 0


async def test_messages_that_waited_go_out_in_order_per_chat(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    bot.telegram.fail_next("sendMessage", 500, "Internal Server Error", times=3)
    await bot.start_private(anna)
    # The welcome waits; /help's answer first tries the welcome again (it fails) and waits behind it.
    await bot.say(anna, anna, "/help")
    rows = sorted(await bot.rows(Delivery), key=lambda r: r.id)
    assert [(row.method, row.status, row.attempts) for row in rows] == [
        ("sendMessage", "waiting", 1), ("sendMessage", "waiting", 0)
    ]
    assert bot.telegram.sent("sendMessage", anna.id) == []

    bot.clock.advance(minutes=2)
    await tick_now(bot.app)  # the welcome fails a third time: the answer to /help stays behind it
    assert bot.telegram.sent("sendMessage", anna.id) == []
    rows = sorted(await bot.rows(Delivery), key=lambda r: r.id)
    assert [row.attempts for row in rows] == [2, 1]

    bot.clock.advance(minutes=5)
    await tick_now(bot.app)
    welcome, help_text = bot.texts(anna.id)
    assert "Welkom" in welcome and "/actie" in help_text
    assert await bot.count(Delivery) == 0


async def test_a_chats_next_message_does_not_overtake_one_that_waits(bot: BotHarness) -> None:
    """Telegram failed once for the welcome; when Anna asks /help a moment later, the welcome goes
    first and then the answer, at once, without waiting for the tick."""
    anna = bot.user(101, "Anna", started=True)
    services = bot.app.bot_data["services"]
    bot.telegram.fail_next("sendMessage", 502, "Bad Gateway")
    await bot.start_private(anna)
    assert bot.telegram.sent("sendMessage", anna.id) == []
    assert anna.id in services.behind

    await bot.say(anna, anna, "/help")
    welcome, help_text = bot.texts(anna.id)
    assert "Welkom" in welcome and "/actie" in help_text
    assert await bot.count(Delivery) == 0
    assert anna.id not in services.behind

    # Nothing is left for the tick: it sends nothing twice.
    bot.clock.advance(minutes=5)
    await tick_now(bot.app)
    assert len(bot.telegram.sent("sendMessage", anna.id)) == 2


async def test_a_message_telegram_refuses_for_good_is_not_tried_again(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    bot.telegram.fail_next("editMessageText", 400, "Bad Request: message to edit not found")
    await bot.press(cast.ben, card, "👍 Steun")
    assert await bot.count(Support) == 1
    assert await bot.count(Delivery) == 0
    [stored] = await bot.rows(Action)
    assert stored.id == action.id
