"""Issue 16, item 1: one chat's updates in order, different chats side by side.

Before, Brug handled one update at a time: a group flooding it with commands hit Telegram's limit of 20
messages a minute per group, and every other chat waited behind the flood's paced replies (30 × /help in
one group delayed another group's answer by 30 s). Now each chat has a lane (``bot.road.chat_order``).
"""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.road.chat_order import ChatOrderedProcessor, lane_of
from storage.models import InboxUpdate, ProcessedUpdate
from tests.fake_telegram import FakeTelegram
from tests.harness import BotHarness
from tests.test_inbox import let_the_group_limiter_drip, running_brug, until


# ---------------------------------------------------------------- the processor on its own


async def test_lanes_keep_each_chat_in_order_and_bound_the_workers() -> None:
    processor = ChatOrderedProcessor(3)
    started: list[tuple[int, int]] = []
    running = 0
    most = 0
    gates: dict[tuple[int, int], asyncio.Event] = {}

    async def handle(chat: int, seq: int) -> None:
        nonlocal running, most
        started.append((chat, seq))
        running += 1
        most = max(most, running)
        await gates[(chat, seq)].wait()
        running -= 1

    def update(chat: int, seq: int) -> Update:
        return Update.de_json({"update_id": chat * 100 + seq, "message": {
            "message_id": seq, "date": 0, "chat": {"id": chat, "type": "private", "first_name": "x"},
            "text": str(seq)}}, None)

    tasks = []
    for seq in range(4):
        for chat in (1, 2, 3, 4, 5):
            gates[(chat, seq)] = asyncio.Event()
            tasks.append(asyncio.create_task(processor.process_update(update(chat, seq), handle(chat, seq))))
    await until(lambda: len(started) == 3)
    assert most == 3, "no more than three updates at once"
    # Let the running ones end in a scrambled order; each chat must still start its updates in order.
    shuffle = random.Random(16)
    while not all(task.done() for task in tasks):
        running_now = [key for key in started if not gates[key].is_set()]
        shuffle.shuffle(running_now)
        for key in running_now[:2]:
            gates[key].set()
        for _ in range(3):
            await asyncio.sleep(0)
        assert most <= 3
    for chat in (1, 2, 3, 4, 5):
        assert [seq for c, seq in started if c == chat] == [0, 1, 2, 3]
    assert most == 3
    assert processor._lanes == {}, "a lane goes when its last update is done"


async def test_an_update_cancelled_while_waiting_for_its_turn_never_starts() -> None:
    processor = ChatOrderedProcessor(2)
    first_may_end = asyncio.Event()
    ran: list[str] = []

    async def first() -> None:
        ran.append("first")
        await first_may_end.wait()

    async def second() -> None:
        ran.append("second")

    message = {"message_id": 1, "date": 0, "chat": {"id": 9, "type": "private", "first_name": "x"}}
    one = Update.de_json({"update_id": 1, "message": message}, None)
    two = Update.de_json({"update_id": 2, "message": message}, None)
    running = asyncio.create_task(processor.process_update(one, first()))
    waiting = asyncio.create_task(processor.process_update(two, second()))
    await until(lambda: ran == ["first"])
    waiting.cancel()
    first_may_end.set()
    await running
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert ran == ["first"]
    assert lane_of(one) == 9


# ---------------------------------------------------------------- the real Application


class SlowTelegram(FakeTelegram):
    """Telegram answering each call after a small random moment, so that chats overtake each other."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.random = random.Random(7)

    async def answer(self, api_method: str, params: dict[str, Any], uploads: Any) -> tuple[int, bytes]:
        await asyncio.sleep(self.random.random() * 0.003)
        return await super().answer(api_method, params, uploads)


@pytest.mark.parametrize("durable", [False, True], ids=["queue", "inbox"])
async def test_replies_in_each_chat_come_in_the_order_of_its_updates(
    settings, database, clock, durable: bool
) -> None:
    telegram = SlowTelegram(clock=clock.now)
    settings = settings.model_copy(update={"concurrent_updates": 4})  # SQLite's default is 1
    async with running_brug(settings, database, clock, telegram, durable=durable) as bot:

        async def echo(update: Update, context: Any) -> None:
            await context.bot.send_message(update.effective_chat.id, f"echo {update.effective_message.text}")

        bot.app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo), group=-3)
        people = [bot.user(200 + i, f"Lid{i}", started=True) for i in range(3)]
        groups = [bot.group(-2000 - i, f"Groep {i}", admins=[people[0]]) for i in range(2)]
        chats: list[Any] = [*people, *groups]
        updates = []
        for seq in range(12):
            for chat in chats:
                sender = chat if chat in people else people[seq % 3]
                updates.append(bot.updates.message(chat, sender, f"#{seq}"))
        for update in updates:
            if durable:
                await bot.app.bot_data["services"].inbox.receive(update)
            else:
                await bot.app.update_queue.put(Update.de_json(update, bot.app.bot))
        def echoes() -> int:
            return len([c for c in bot.telegram.sent("sendMessage") if (c.text or "").startswith("echo")])

        await until(lambda: echoes() == len(updates))
        await bot.app.update_queue.join()

        for chat in chats:
            assert [t for t in bot.texts(chat.id) if t.startswith("echo")] == [f"echo #{n}" for n in range(12)]
        assert bot.app.update_processor.busiest > 1, "chats were handled side by side"
        assert await bot.count(ProcessedUpdate) == len(updates)
        assert await bot.count(InboxUpdate) == 0


async def test_a_flooding_group_does_not_hold_up_other_chats(settings, database, clock) -> None:
    """40 × /help in one group with the rate limiter on: 20 answers go out, then Telegram's limit of 20
    a minute per group paces the rest. Meanwhile a member's /start and another group's /help are
    answered at once, and the flood's tail follows, in order, as the group's budget drips back."""
    settings = settings.model_copy(update={"rate_limiter": True})
    async with running_brug(settings, database, clock, FakeTelegram(clock=clock.now)) as bot:
        inbox = bot.app.bot_data["services"].inbox
        anna = bot.user(101, "Anna", started=True)
        carla = bot.user(103, "Carla", started=True)
        flooding = bot.group(-1001, "De Stormloop", admins=[anna])
        quiet = bot.group(-1002, "De Rustige Hoek", admins=[carla])
        for n in range(40):
            await inbox.receive(bot.updates.message(flooding, anna, "/help"))
        limiter = bot.app.bot.rate_limiter._get_group_limiter(flooding.id)
        # The flood has used up the group's budget and its next update waits for room.
        await until(lambda: not limiter.has_capacity() and len(bot.texts(flooding.id)) >= 19)
        answered_before = len(bot.texts(flooding.id))
        assert answered_before < 40

        started = time.perf_counter()
        await inbox.receive(bot.updates.message(carla, carla, "/start"))
        await inbox.receive(bot.updates.message(quiet, carla, "/help"))
        await until(lambda: bot.texts(carla.id) and bot.texts(quiet.id))
        latency = time.perf_counter() - started

        assert latency < 1.0, f"the other chats waited {latency:.2f} s"
        assert len(bot.texts(flooding.id)) < 40, "the other chats came before the flood's tail"
        flood_calls = [i for i, c in enumerate(bot.telegram.calls) if c.chat_id == flooding.id]
        other_reply = next(i for i, c in enumerate(bot.telegram.calls) if c.chat_id == carla.id)
        assert other_reply < flood_calls[-1] or len(flood_calls) < 40

        # A minute passes for the group's limiter, three seconds at a time: one answer per drip.
        while len(bot.texts(flooding.id)) < 40:
            sent = len(bot.texts(flooding.id))
            let_the_group_limiter_drip(limiter, seconds=3.0)
            await until(lambda: len(bot.texts(flooding.id)) > sent)
        await until(lambda: inbox.held == {})
        assert await bot.count(ProcessedUpdate) == 42
        assert await bot.count(InboxUpdate) == 0


async def test_updates_without_a_chat_line_up_with_the_users_private_chat(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    inline = Update.de_json({"update_id": 5, "inline_query": {
        "id": "1", "from": anna.json(), "query": "x", "offset": ""}}, bot.app.bot)
    private = Update.de_json(bot.updates.message(anna, anna, "/help"), bot.app.bot)
    assert lane_of(inline) == lane_of(private) == anna.id
    assert lane_of(Update.de_json({"update_id": 6}, bot.app.bot)) == 0


def test_the_benchmark_of_chats_side_by_side_runs(capsys) -> None:
    """bench/chats.py at a tiny size (SQLite only), so that it never rots."""
    import importlib
    import sys

    bench = str(Path(__file__).resolve().parent.parent / "bench")
    sys.path.insert(0, bench)
    try:
        importlib.import_module("chats").main(["--only", "flood", "--seconds", "1", "--postgres", ""])
    finally:
        sys.path.remove(bench)
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| sqlite")]
    assert len(rows) == 2 and "per-chat lanes" in rows[1]
