"""Issue 17, item 2: button payloads in one registry (``bot.domain.buttons``): built and read in one place,
prefixes unique, 64 bytes checked when a button is made, every verb answered by a handler."""

from __future__ import annotations

import pytest
from telegram.ext import CallbackQueryHandler

from bot.app import FEATURES  # importing the wiring registers every feature's buttons
from bot.domain.bot_api_rules import CALLBACK_LIMIT
from bot.domain.buttons import ACTION, DRAFT, ID, OVERVIEW, REGISTRY, kind_of, register
from handlers import fallback
from tests.action_steps import card_call, make_cast, write_proposal
from tests.harness import BotHarness


def test_every_kind_fits_telegrams_64_bytes_at_its_longest() -> None:
    assert FEATURES
    for kind in REGISTRY.values():
        assert kind.longest() <= CALLBACK_LIMIT, kind.prefix


def test_a_prefix_cannot_be_taken_twice() -> None:
    with pytest.raises(ValueError, match="taken"):
        register("a", "a second feature", {"x": (ID,)})
    assert REGISTRY["a"] is ACTION


def test_a_button_is_checked_when_it_is_made() -> None:
    assert ACTION.data("sup", 12) == "a:sup:12"  # the form buttons in old messages have
    with pytest.raises(ValueError, match="no verb"):
        ACTION.data("nope", 12)
    with pytest.raises(ValueError, match="form"):
        ACTION.data("sup", "12; DROP")
    with pytest.raises(ValueError, match="form"):
        ACTION.data("sup", 10**9)  # beyond a row id: would overflow PostgreSQL's integer
    with pytest.raises(ValueError, match="takes 2"):
        DRAFT.data("skip", 1)


def test_reading_gives_back_typed_values() -> None:
    pressed = OVERVIEW.read("ov:s:12:A7:3")
    assert (pressed.verb, pressed.values) == ("s", (12, "A7", 3))
    assert OVERVIEW.read("ov:s:12:Z:3") is None
    assert OVERVIEW.read("ov:g:1234567890") is None  # ten digits: no such row id
    assert kind_of("zz:1") is None


def test_every_verb_of_every_kind_reaches_its_own_handler(bot: BotHarness) -> None:
    handlers = [
        handler for group in bot.app.handlers.values() for handler in group
        if isinstance(handler, CallbackQueryHandler) and handler.callback is not fallback.stale_button
        and getattr(handler.callback, "__wrapped__", None) is not fallback.stale_button
    ]
    patterns = [handler.pattern for handler in handlers]
    unanswered = [
        payload for kind in REGISTRY.values() for payload in kind.examples().values()
        if kind.prefix != "noop" and not any(pattern.match(payload) for pattern in patterns)
    ]
    assert unanswered == []
    # And no handler answers a payload no kind can read (every pattern comes from the registry).
    for pattern in patterns:
        readable = [
            payload for kind in REGISTRY.values() for payload in kind.examples().values() if pattern.match(payload)
        ]
        assert readable, f"a handler's pattern matches no registered button: {pattern.pattern}"


async def test_every_button_brug_sends_is_a_registered_one(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    await bot.press(cast.ben, card, "👍 Steun")
    await bot.press(cast.carla, card, cast.label("join"))
    await bot.say(cast.carla, cast.carla, "/mijn")
    payloads = {
        button["callback_data"]
        for call in bot.telegram.calls
        for row in (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
        for button in row if "callback_data" in button
    }
    assert len(payloads) > 10
    unread = [data for data in payloads if kind_of(data) is None or kind_of(data).read(data) is None]
    assert unread == []
