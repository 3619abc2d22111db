"""Issue 7: faults. The database or Telegram failing, the bot removed or blocked mid-flow, a burst of
1,000 updates: no exception escapes, nothing is half-written, the user hears what to do."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import tracemalloc
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from aiolimiter import AsyncLimiter
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession
from telegram.error import TimedOut
from telegram.ext import AIORateLimiter

from bot.app import build_application
from bot.domain.clock import FixedClock
from bot.config import Settings
from storage.db import Database
from bot.road.ticking import tick_now
from storage.models import Action, ActionDraft, Commitment, Delivery, Group, Member, ProcessedUpdate
from tests.action_steps import card_call, make_cast, private_last, write_proposal
from tests.fake_telegram import BotAPIError, FakeTelegram
from tests.harness import BotHarness, dead_database_url

TRY_AGAIN = "Probeer het zo nog eens"


@pytest.fixture
async def limited_bot(
    settings: Settings, database: Database, clock: FixedClock
) -> AsyncIterator[BotHarness]:
    """The bot as it runs in production: replies go through PTB's AIORateLimiter."""
    telegram = FakeTelegram(clock=clock.now)
    application = build_application(
        settings.model_copy(update={"rate_limiter": True}),
        request=telegram,
        clock=clock,
        database=database,
    )
    await application.initialize()
    yield BotHarness(application, telegram, database, clock)
    await application.shutdown()


# ---------------------------------------------------------------- the database


async def test_database_down_user_hears_try_again_and_the_next_update_works(
    bot: BotHarness, db_kind: str, tmp_path: Path
) -> None:
    anna = bot.user(101, "Anna", started=True)
    group = bot.group(-1001, "De BinnenHaven")
    services = bot.app.bot_data["services"]
    real_db = services.db
    services.db = Database(dead_database_url(db_kind, tmp_path))
    try:
        await bot.start_private(anna)  # must not raise
        await bot.say(group, anna, "/help")
    finally:
        await services.db.dispose()
        services.db = real_db

    assert TRY_AGAIN in bot.last_text(anna.id)
    assert TRY_AGAIN in bot.last_text(group.id)
    assert "Welkom" not in bot.last_text(anna.id)

    await bot.start_private(anna)
    assert "Welkom bij <b>Brug</b>, Anna!" in bot.last_text(anna.id)
    assert await bot.count(Member) == 1


async def test_database_lost_at_commit_leaves_nothing_half_written(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = bot.user(101, "Anna", started=True)
    real_commit = AsyncSession.commit
    failures = iter([True])

    async def commit_once_failing(self: AsyncSession) -> None:
        if next(failures, False):
            raise OperationalError("COMMIT", {}, ConnectionResetError("server closed the connection"))
        await real_commit(self)

    monkeypatch.setattr(AsyncSession, "commit", commit_once_failing)
    await bot.start_private(anna)

    assert TRY_AGAIN in bot.last_text(anna.id)
    assert await bot.count(Member) == 0
    assert await bot.count(ProcessedUpdate) == 0  # so a re-delivery would be handled

    await bot.say(anna, anna, "/taal")
    assert await bot.count(Member) == 1


async def test_a_press_while_the_database_is_down_is_answered_with_an_alert(
    bot: BotHarness, db_kind: str, tmp_path: Path
) -> None:
    anna = bot.user(101, "Anna")
    await bot.start_private(anna)
    welcome = bot.telegram.last("sendMessage", anna.id)
    services = bot.app.bot_data["services"]
    real_db = services.db
    services.db = Database(dead_database_url(db_kind, tmp_path))
    try:
        await bot.press(anna, welcome, "Hoe werkt het?")
    finally:
        await services.db.dispose()
        services.db = real_db
    answer = bot.telegram.last("answerCallbackQuery")
    assert answer.params["show_alert"] is True and TRY_AGAIN in answer.params["text"]


# ---------------------------------------------------------------- Telegram failing


@pytest.mark.parametrize(
    "status, description",
    [(500, "Internal Server Error"), (502, "Bad Gateway"), (429, "Too Many Requests: retry after 7")],
)
async def test_telegram_failing_on_a_reply_keeps_what_was_done_and_the_tick_delivers_it(
    bot: BotHarness, status: int, description: str
) -> None:
    """Commit, then deliver: the welcome is stored with the member before Telegram is called. When
    Telegram fails, both stay; the member is not told to try again, and the tick sends it later."""
    anna = bot.user(101, "Anna", started=True)
    bot.telegram.fail_next(
        "sendMessage", status, description, retry_after=7 if status == 429 else None
    )
    await bot.start_private(anna)

    assert bot.telegram.sent("sendMessage", anna.id) == []
    assert await bot.count(Member) == 1
    [waiting] = await bot.rows(Delivery)
    assert (waiting.chat_id, waiting.method, waiting.status) == (anna.id, "sendMessage", "waiting")

    await tick_now(bot.app)  # its next try is not due yet (a minute, or what a 429 says)
    assert bot.telegram.sent("sendMessage", anna.id) == []
    bot.clock.advance(seconds=61)
    await tick_now(bot.app)
    [welcome] = bot.telegram.sent("sendMessage", anna.id)
    assert "Welkom bij <b>Brug</b>, Anna!" in welcome.text
    assert welcome.params["reply_markup"]["inline_keyboard"]  # the buttons came along
    assert await bot.count(Delivery) == 0

    await tick_now(bot.app)
    assert len(bot.telegram.sent("sendMessage", anna.id)) == 1  # once only


async def test_telegram_failing_twice_does_not_escape(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    bot.telegram.fail_next("sendMessage", 502, "Bad Gateway", times=2)
    await bot.start_private(anna)  # the reply fails: kept, not raised
    bot.clock.advance(seconds=61)
    await tick_now(bot.app)  # and fails again: tried later, with a back-off
    assert bot.telegram.sent("sendMessage") == []
    [waiting] = await bot.rows(Delivery)
    assert waiting.attempts == 1 and "Bad Gateway" in waiting.last_error
    bot.clock.advance(seconds=61)
    await tick_now(bot.app)
    assert "Welkom" in bot.last_text(anna.id)
    assert await bot.count(Delivery) == 0


async def test_a_timeout_on_a_reply_keeps_it_for_the_tick(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = bot.user(101, "Anna", started=True)
    time_out_once(bot.telegram, monkeypatch, "sendMessage")
    await bot.start_private(anna)
    assert bot.telegram.sent("sendMessage", anna.id) == []
    assert await bot.count(Member) == 1 and await bot.count(Delivery) == 1
    bot.clock.advance(seconds=61)
    await tick_now(bot.app)
    assert "Welkom" in bot.last_text(anna.id)


def time_out_once(telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    """The next ``method`` call times out (the request layer raises like httpx would)."""
    real = telegram.do_request
    pending = [method]

    async def do_request(url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if pending and url.rsplit("/", 1)[-1] == pending[0]:
            pending.pop()
            raise TimedOut("Timed out")
        return await real(url, *args, **kwargs)

    monkeypatch.setattr(telegram, "do_request", do_request)


async def test_429_is_retried_by_the_rate_limiter_after_retry_after(
    limited_bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the rate limiter on (production), a 429 is waited out and retried: the reply arrives."""
    waits: list[float] = []

    async def no_real_sleep(seconds: float) -> None:
        waits.append(seconds)

    import telegram.ext._aioratelimiter as aioratelimiter

    monkeypatch.setattr(aioratelimiter.asyncio, "sleep", no_real_sleep)
    bot = limited_bot
    assert isinstance(bot.app.bot.rate_limiter, AIORateLimiter)
    anna = bot.user(101, "Anna", started=True)
    bot.telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 5", retry_after=5)

    await bot.start_private(anna)

    assert waits == [pytest.approx(5.1)]
    assert "Welkom" in bot.last_text(anna.id)
    assert len(bot.telegram.sent("sendMessage", anna.id)) == 1
    assert await bot.count(Member) == 1


# ---------------------------------------------------------------- removed from a group, blocked


async def test_bot_removed_from_the_group_while_a_coordinator_chooses_its_language(
    bot: BotHarness,
) -> None:
    anna = bot.user(101, "Anna")
    group = bot.group(-1001, "De BinnenHaven", admins=[anna])
    await bot.add_bot_to(group, by=anna)
    await bot.say(group, anna, "/taal")
    choice = bot.telegram.last("sendMessage", group.id)
    await bot.remove_bot_from(group, by=anna)
    # The press was already on its way; Telegram now refuses everything in that chat.
    bot.telegram.fail_next("editMessageText", 403, "Forbidden: bot was kicked from the supergroup chat")
    bot.telegram.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat")
    sent_before = len(bot.telegram.sent("sendMessage", group.id))

    await bot.press(anna, choice, "Groep: English")

    [stored] = await bot.rows(Group)
    assert stored.active is False and stored.removed_at is not None
    # Commit, then deliver: the choice was stored before Telegram refused to show it (it stands
    # whole, for when Brug is added again); the refused message is not kept for a second try.
    assert stored.language == "en"
    assert await bot.count(Delivery) == 0
    assert len(bot.telegram.sent("sendMessage", group.id)) == sent_before  # no "try again" there


async def test_member_blocks_the_bot_in_the_middle_of_a_private_flow(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    await bot.start_private(anna)
    await bot.say(anna, anna, "/vergeetmij")
    question = bot.telegram.last("sendMessage", anna.id)
    # Anna blocks Brug: Telegram says so with a my_chat_member update, and refuses messages to her.
    await bot.feed(bot.updates.my_chat_member(anna, anna, "member", "kicked"))
    bot.telegram.started_users.discard(anna.id)
    [member] = await bot.rows(Member)
    assert member.unreachable is True

    bot.telegram.fail_next("editMessageText", 403, "Forbidden: bot was blocked by the user")
    await bot.press(anna, question, "Nee, laat maar")
    await bot.say(anna, anna, "/help")
    assert bot.telegram.sent("sendMessage", anna.id)[-1].message_id == question.message_id

    # She unblocks and starts again: reachable, and Brug answers.
    await bot.start_private(anna)
    [member] = await bot.rows(Member)
    assert member.unreachable is False and member.first_name == "Anna"
    assert "Welkom" in bot.last_text(anna.id)


# ---------------------------------------------------------------- a burst of 1,000 updates


class VirtualLoopTime:
    """Stands in for the event loop inside aiolimiter so the rate limiter runs on a virtual clock.

    Time moves only when the limiter waits: the driver jumps to the next wake-up it scheduled. A
    minute of Telegram's flood limits passes in microseconds, and the test never sleeps.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.now = 0.0
        self.timers: list[tuple[float, int, asyncio.TimerHandle]] = []
        self._order = itertools.count()
        self.scheduled = asyncio.Event()

    # The loop methods aiolimiter uses.
    def time(self) -> float:
        return self.now

    def is_closed(self) -> bool:
        return False

    def create_future(self) -> asyncio.Future[Any]:
        return self.loop.create_future()

    def call_soon(self, callback: Callable[..., Any], *args: Any) -> asyncio.Handle:
        return self.loop.call_soon(callback, *args)

    def call_at(self, when: float, callback: Callable[..., Any], *args: Any) -> asyncio.TimerHandle:
        handle = asyncio.TimerHandle(when, callback, args, self.loop)
        heapq.heappush(self.timers, (when, next(self._order), handle))
        self.scheduled.set()
        return handle

    async def drive(self, work: asyncio.Task[Any]) -> None:
        """Run ``work`` to the end, firing the limiter's wake-ups in virtual time order.

        Waits (without spinning) until the limiter schedules a wake-up, then fires the earliest one.
        """
        while not work.done():
            while self.timers and self.timers[0][2].cancelled():
                heapq.heappop(self.timers)
            if not self.timers:
                self.scheduled.clear()
                waiting = asyncio.ensure_future(self.scheduled.wait())
                await asyncio.wait({work, waiting}, return_when=asyncio.FIRST_COMPLETED)
                waiting.cancel()
                continue
            await asyncio.sleep(0)  # let a cancel-and-reschedule settle first
            if self.timers and not self.timers[0][2].cancelled():
                when, _, handle = heapq.heappop(self.timers)
                self.now = max(self.now, when)
                handle._run()  # noqa: SLF001 - the callback aiolimiter scheduled
        await work


async def test_a_burst_of_1000_updates_from_one_group(
    limited_bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = limited_bot
    virtual = VirtualLoopTime(asyncio.get_running_loop())
    monkeypatch.setattr(AsyncLimiter, "_loop", property(lambda limiter: virtual))
    sent_at: list[float] = []
    real_answer = bot.telegram._answer

    def answer(call: Any) -> Any:
        if call.method == "sendMessage":
            sent_at.append(virtual.now)
        return real_answer(call)

    monkeypatch.setattr(bot.telegram, "_answer", answer)

    members = [bot.user(1000 + i, f"Buur {i}") for i in range(50)]
    group = bot.group(-1001, "De BinnenHaven", admins=[members[0]])
    await bot.add_bot_to(group, by=members[0])
    welcome = bot.telegram.last("sendMessage", group.id)

    async def burst(updates: range) -> None:
        for i in updates:
            member = members[i % len(members)]
            if i % 4 == 0:
                await bot.say(group, member, "/help")  # answered in the group
            elif i % 4 == 1:
                await bot.press_data(member, welcome, "x:forged:1")  # a stale button: an alert
            elif i % 4 == 2:
                await bot.say(group, member, "Goedemorgen allemaal!")  # chatter: not for Brug
            else:
                await bot.say(group, member, "/onbekend")  # unknown command: a pointer

    await virtual.drive(asyncio.create_task(burst(range(0, 750))))
    # Memory in the steady state of the burst: traced over the last 250 updates only, because
    # tracing every allocation makes the run three times slower.
    tracemalloc.start()
    try:
        await virtual.drive(asyncio.create_task(burst(range(750, 1000))))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    # Nothing lost: every update is recorded, every command answered, every member stored once.
    assert await bot.count(ProcessedUpdate) == 1001
    assert await bot.count(Member) == 50
    replies = bot.telegram.sent("sendMessage", group.id)
    assert len(replies) == 1 + 500
    assert len(bot.telegram.sent("answerCallbackQuery")) == 250
    assert not [call for call in bot.telegram.calls if "_error" in call.params]
    # Rate-limited: after a first burst of 20, at most 20 messages a minute in one group (Telegram's
    # limit); 500 replies take at least (500 - 20) * 3 seconds.
    group_sends = sent_at[1:]
    assert len(group_sends) == 500
    for first in range(len(group_sends)):
        for last in range(first + 20, len(group_sends), 20):
            allowed = 20 + (group_sends[last] - group_sends[first]) / 3 + 1e-6
            assert last - first + 1 <= allowed + 1
    assert group_sends[-1] - group_sends[0] >= (500 - 21) * 3
    # Memory bounded: the whole burst (including the fake's record of every call) stays small.
    # (well under 1 MB when measured; a leak of 16 kB per update would cross this line).
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


# ---------------------------------------------------------------- mid-flow, with the proposal flow


def refuse_chat(
    telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch, chat_id: int, description: str
) -> None:
    """From now on Telegram refuses every call for ``chat_id`` with 403 (kicked, or blocked)."""
    real = telegram._answer

    def answer(call: Any) -> Any:
        if call.chat_id == chat_id:
            raise BotAPIError(403, description)
        return real(call)

    monkeypatch.setattr(telegram, "_answer", answer)


async def test_bot_removed_from_the_group_before_the_proposal_is_posted(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Soep koken")
    for answer in ("Buurtcentrum", "zaterdag", "Het straatfeest", "Pannen", "Soep", "Recept delen"):
        await bot.say(cast.anna, cast.anna, answer)
    summary = private_last(bot, cast.anna)
    await bot.remove_bot_from(cast.group, by=cast.anna)

    await bot.press(cast.anna, summary, "Plaatsen")

    assert "niet meer in <b>De BinnenHaven</b>" in bot.last_text(cast.anna.id)
    assert await bot.count(Action) == 0
    assert await bot.count(ActionDraft) == 1  # nothing lost: the proposal waits for another group


async def test_bot_kicked_while_the_card_is_being_posted(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The removal has not reached Brug yet: Telegram refuses the card. Nothing is half-written."""
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Soep koken")
    for answer in ("Buurtcentrum", "zaterdag", "Het straatfeest", "Pannen", "Soep", "Recept delen"):
        await bot.say(cast.anna, cast.anna, answer)
    summary = private_last(bot, cast.anna)
    refuse_chat(bot.telegram, monkeypatch, cast.group.id, "Forbidden: bot was kicked from the supergroup chat")

    await bot.press(cast.anna, summary, "Plaatsen")
    await bot.remove_bot_from(cast.group, by=cast.anna)

    assert await bot.count(Action) == 0  # no action without its card in the group
    assert await bot.count(ActionDraft) == 1  # and the draft is still there
    [group] = await bot.rows(Group)
    assert group.active is False
    # The proposer hears why, and is not mistaken for someone who blocked Brug.
    assert "niet meer in" in private_last(bot, cast.anna).text
    [anna] = await bot.rows(Member, Member.telegram_user_id == cast.anna.id)
    assert anna.unreachable is False


async def test_member_who_blocked_the_bot_joins_from_the_group(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    # Dirk blocked Brug and Telegram told Brug; Carla blocked it a moment ago and Brug does not know.
    await bot.feed(bot.updates.my_chat_member(cast.dirk, cast.dirk, "member", "kicked"))
    for user in (cast.dirk, cast.carla):
        bot.telegram.started_users.discard(user.id)
    refuse_chat(bot.telegram, monkeypatch, cast.carla.id, "Forbidden: bot was blocked by the user")

    await bot.press(cast.dirk, card, cast.label("join"))
    await bot.press(cast.carla, card, cast.label("join"))

    # Both commitments stand; each is asked in the group instead, and Carla is marked unreachable.
    assert await bot.count(Commitment) == 2
    group_texts = bot.texts(cast.group.id)
    assert any("Dirk" in text and "Wat neem je op je" in text for text in group_texts)
    assert any("Carla" in text and "Wat neem je op je" in text for text in group_texts)
    [carla] = await bot.rows(Member, Member.telegram_user_id == cast.carla.id)
    assert carla.unreachable is True
