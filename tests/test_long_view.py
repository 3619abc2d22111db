"""Keep the long view (issue 15): smaller keeps the goal, a title changes only when confirmed and can
be undone, and the proposer can rename, re-date or withdraw their own proposal privately."""

from __future__ import annotations

from tests.action_steps import card_call, make_cast, private_last, the_action, write_proposal
from tests.harness import BotHarness


async def test_smaller_keeps_the_big_plan_as_its_goal_and_can_be_undone(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, "Een eigen ontmoetingsruimte voor de buurt", when="over twee weken")
    await bot.press_data(cast.anna, private_last(bot, cast.anna), f"a:smaller:{action.id}")
    await bot.say(cast.anna, cast.anna, "Een proefmiddag in de buurtkamer")
    confirm = private_last(bot, cast.anna)
    assert "Het grote plan blijft het doel: Een eigen ontmoetingsruimte" in confirm.text
    await bot.say(cast.anna, cast.anna, "ja")  # typed, like the button
    action = await the_action(bot)
    assert action.title == "Een proefmiddag in de buurtkamer"
    card = card_call(bot, cast, action)["text"]
    assert "Een proefmiddag in de buurtkamer" in card
    assert "🎯 Stap 1 op weg naar: Een eigen ontmoetingsruimte voor de buurt" in card
    await bot.press(cast.anna, private_last(bot, cast.anna), "↩️ Ongedaan maken")
    action = await the_action(bot)
    assert action.title == "Een eigen ontmoetingsruimte voor de buurt" and action.goal is None
    assert "Stap 1" not in card_call(bot, cast, action)["text"]
    assert "Weer zoals het was" in bot.last_text(cast.group.id)


async def test_an_answer_to_a_nudge_never_renames_the_action_unasked(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, "Koffieochtend", when="over twee weken")
    await bot.press_data(cast.anna, private_last(bot, cast.anna), f"a:smaller:{action.id}")
    await bot.say(cast.anna, cast.anna, "hoeft niet, het gaat gewoon door morgen")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Nee, laat maar")
    assert (await the_action(bot)).title == "Koffieochtend"
    assert "blijft staan" in private_last(bot, cast.anna).text


async def test_the_proposer_renames_or_withdraws_privately(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, "Soep koken", when="over twee weken")
    posted = private_last(bot, cast.anna)
    assert posted.button_labels() == ["✏️ Naam aanpassen", "📅 Andere dag", "🗑 Intrekken"]
    await bot.press(cast.anna, posted, "✏️ Naam aanpassen")
    await bot.say(cast.anna, cast.anna, "Soep koken met de buren van nummer 12")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Ja, zo")
    assert (await the_action(bot)).title == "Soep koken met de buren van nummer 12"
    assert "Nieuwe naam" in bot.last_text(cast.group.id)
    # Someone else cannot use Anna's buttons.
    await bot.press(cast.ben, posted, "🗑 Intrekken")
    assert (await the_action(bot)).state == "proposed"
    await bot.press(cast.anna, posted, "🗑 Intrekken")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Ja, loslaten")
    assert (await the_action(bot)).state == "let_go"
