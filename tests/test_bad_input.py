"""Bad input gets a friendly answer and breaks nothing (issue 3)."""

from __future__ import annotations

import pytest

from telegram.ext import CommandHandler

from storage.models import Member
from tests.harness import BotHarness


def failed_calls(bot: BotHarness) -> list:
    return [call for call in bot.telegram.calls if "_error" in call.params]


async def test_very_long_private_message_gets_a_friendly_answer(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    await bot.say(anna, anna, "x" * 5000)
    assert "/help" in bot.last_text(anna.id)
    assert failed_calls(bot) == []


async def test_html_in_a_name_is_escaped(bot: BotHarness) -> None:
    mallory = bot.user(666, "<b>Mal</b> & <script>alert(1)</script>")
    await bot.start_private(mallory)
    call = bot.telegram.last("sendMessage", mallory.id)
    assert "&lt;b&gt;Mal&lt;/b&gt; &amp; &lt;script&gt;" in call.text
    assert failed_calls(bot) == []
    [member] = await bot.rows(Member, Member.telegram_user_id == mallory.id)
    assert member.first_name == "<b>Mal</b> & <script>alert(1)</script>"


async def test_unknown_command_gets_a_pointer_to_help(bot: BotHarness) -> None:
    group = bot.group(-1001, "De BinnenHaven")
    anna = bot.user(101, "Anna", started=True)
    await bot.say(group, anna, "/fietsen")
    assert "/help" in bot.last_text(group.id)
    await bot.say(anna, anna, "/fietsen")
    assert "/help" in bot.last_text(anna.id)


async def test_commands_for_other_bots_are_ignored(bot: BotHarness) -> None:
    group = bot.group(-1001, "De BinnenHaven")
    anna = bot.user(101, "Anna")
    await bot.say(group, anna, "/fietsen@other_bot")
    assert bot.telegram.sent("sendMessage", group.id) == []
    await bot.say(group, anna, "/help@brug_test_bot")
    assert "/actie" in bot.last_text(group.id)


async def test_an_error_is_answered_kindly_and_rolled_back(bot: BotHarness) -> None:
    async def breaks(update, context) -> None:
        context.identity.member.first_name = "changed"
        raise RuntimeError("boom")

    bot.app.handlers[0].insert(0, CommandHandler("stuk", breaks))
    anna = bot.user(101, "Anna", started=True)
    await bot.start_private(anna)
    await bot.say(anna, anna, "/stuk")
    assert "Probeer het zo nog eens" in bot.last_text(anna.id)
    [member] = await bot.rows(Member, Member.telegram_user_id == anna.id)
    assert member.first_name == "Anna"
    # The next update works as usual.
    await bot.say(anna, anna, "/help")
    assert "/actie" in bot.last_text(anna.id)


async def test_forged_or_random_callback_data_gets_a_polite_alert(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    await bot.start_private(anna)
    welcome = bot.telegram.last("sendMessage", anna.id)
    for data in ("lang:m:xx", "\x00\xff garbage", "start:help:extra", "x" * 64):
        await bot.press_data(anna, welcome, data)
        alert = bot.telegram.last("answerCallbackQuery")
        assert alert.params["show_alert"] is True
        assert "werkt niet meer" in alert.params["text"]
    [member] = await bot.rows(Member, Member.telegram_user_id == anna.id)
    assert member.language is None


async def test_a_member_who_blocked_brug_is_marked_unreachable(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    await bot.start_private(anna)
    # Anna blocks Brug; the next private reply answers 403.
    bot.telegram.started_users.discard(anna.id)
    await bot.say(anna, anna, "/help")
    [member] = await bot.rows(Member, Member.telegram_user_id == anna.id)
    assert member.unreachable is True


@pytest.mark.parametrize("payload", ["partners_²", "agenda_٣", "overzicht_1²", "instellingen_99999999999"])
async def test_a_deep_link_with_a_number_that_is_no_number_is_refused_kindly(bot: BotHarness, payload: str) -> None:
    """``int("²")`` raises although ``"²".isdigit()``: a forged link gets the friendly refusal, no error."""
    anna = bot.user(101, "Anna")
    await bot.start_private(anna, payload)
    [answer] = bot.texts(anna.id)
    translator = bot.app.bot_data["services"].translator
    # The refusal, or the welcome when the link names nothing Brug knows; never "er ging iets mis".
    assert answer == translator.text("nl", "coordinator-only") or answer.startswith("Welkom bij"), answer


async def test_a_number_that_is_no_choice_under_ja_zo_is_asked_again_not_taken_as_no(bot: BotHarness) -> None:
    """Walked in the demo: "20" under "1. Ja, zo  2. Nee, laat maar" kept the old name without a word."""
    from storage.models import Action
    from tests.action_steps import make_cast, private_last, write_proposal

    cast = await make_cast(bot)
    await write_proposal(bot, cast, "Soep koken voor de straat")
    anna = cast.anna
    await bot.press(anna, private_last(bot, anna), "✏️ Naam aanpassen")
    await bot.say(anna, anna, "Soep voor de hele straat")
    await bot.say(anna, anna, "20")
    assert "Ik weet niet welke keuze je bedoelt. Kies een van deze: Ja, zo, Nee, laat maar." in bot.last_text(anna.id)
    await bot.say(anna, anna, "1")
    [action] = await bot.rows(Action)
    assert action.title == "Soep voor de hele straat"
