"""👍 Steun as a toggle under load: races between presses, the round trips of one press, and the
per-process count of active members staying exact (issue 8)."""

from __future__ import annotations

import asyncio

from sqlalchemy import event
from telegram import Update

from bot.app import build_application
from storage.models import Action, Support
from tests.action_steps import card_call, make_cast, write_proposal
from tests.harness import BotHarness


def alerts(bot: BotHarness, count: int) -> list[str]:
    return [c.params.get("text") or "" for c in bot.telegram.sent("answerCallbackQuery")[-count:]]


async def press_at_once(bot: BotHarness, second, presses: list) -> None:
    """Each (user, data) pressed at the same moment, alternately through this process and a second one."""
    message = bot._message_json(presses[0][2])
    apps = [bot.app, second]
    await asyncio.gather(*(
        apps[i % 2].process_update(
            Update.de_json(bot.updates.callback(user, message, data), apps[i % 2].bot)
        )
        for i, (user, data, _card) in enumerate(presses)
    ))


async def test_two_presses_at_the_same_moment_leave_one_support(bot: BotHarness, settings) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    data = f"a:sup:{action.id}"
    # A second process (another worker) on the same database and the same Telegram.
    second = build_application(settings, request=bot.telegram, clock=bot.clock, database=bot.db)
    await second.initialize()
    try:
        await press_at_once(bot, second, [(cast.ben, data, card), (cast.ben, data, card)])
        # A double tap: either both land together (one support, both told it is noted) or one after
        # the other (a toggle twice: added, then withdrawn). Never two rows, never an error, and what
        # the member was told last is what is stored.
        supports = await bot.count(Support)
        told = alerts(bot, 2)
        assert not any("Probeer het zo nog eens" in text for text in told), told
        withdrawn = sum("ingetrokken" in text for text in told)
        assert (supports, withdrawn) in ((1, 0), (0, 1)), (supports, told)
        if supports == 1:
            await bot.press(cast.ben, card, "👍 Steun")  # withdraw, so both cases go on alike
        assert await bot.count(Support) == 0
        # Two different members at the same moment: both supports are kept, and broad support
        # (4 active members → 2 needed) is reached exactly once.
        await press_at_once(bot, second, [(cast.ben, data, card), (cast.carla, data, card)])
        assert await bot.count(Support) == 2
        [stored] = await bot.rows(Action)
        assert stored.state == "running"
    finally:
        await second.shutdown()


async def test_a_press_takes_few_round_trips_and_one_transaction(bot: BotHarness) -> None:
    """Support added: ledger, who, the action with the card's people (locked; on PostgreSQL the people
    after the lock), insert, the card's delivery row, one commit; then the row forgotten. A regression
    guard: it was 15 statements and two transactions, then 5 in one (6 on PostgreSQL), then (commit,
    then deliver) 6 in two (7 on PostgreSQL)."""
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    await bot.press(cast.dirk, card, "👍 Steun")  # warm: the group's active members are counted once
    await bot.press(cast.dirk, card, "👍 Steun")
    statements: list[str] = []
    commits: list[int] = []
    engine = bot.db.engine.sync_engine

    def on_statement(_conn, _cursor, statement, *_args) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    def on_commit(_conn) -> None:
        commits.append(1)

    event.listen(engine, "before_cursor_execute", on_statement)
    event.listen(engine, "commit", on_commit)
    try:
        await bot.press(cast.ben, card, "👍 Steun")
    finally:
        event.remove(engine, "before_cursor_execute", on_statement)
        event.remove(engine, "commit", on_commit)
    assert await bot.count(Support) == 1
    assert "👍 Steun: Ben" in card_call(bot, cast, action)["text"]
    assert len(statements) <= 7, statements
    # One commit holds the support and the card's new look (bot.delivery); the second forgets the
    # card's row once Telegram took it.
    assert len(commits) == 2


async def test_a_member_new_in_the_group_counts_at_once(bot: BotHarness) -> None:
    """The active-member count is kept for a minute per process, but a member who appears in the
    group changes it at once: 4 active → 2 needed; a fifth and sixth → still 2; a seventh → 3."""
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    assert "Steun nodig van 2 leden. Graag vóór" in card["text"]  # nobody yet: no ", nu 0"
    for number in (106, 107, 108):
        await bot.say(cast.group, bot.user(number, f"Buur{number}"), "Goedemorgen!")
    await bot.press(cast.ben, card, "👍 Steun")
    assert "3 leden, nu 1" in card_call(bot, cast, action)["text"]
    # A minute later the count is taken again from the database.
    bot.clock.advance(minutes=2)
    await bot.press(cast.ben, card, "👍 Steun")
    assert "Steun nodig van 3 leden. Graag vóór" in card_call(bot, cast, action)["text"]  # withdrawn: none
