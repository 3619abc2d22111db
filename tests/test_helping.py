"""Issue 20, point 1: "Wij helpen mee" — help with what already moves in three taps, no support gate, a light
action with the partner linked, joined with a task, reminded and harvested as any action."""

from __future__ import annotations

from datetime import date, time

from bot.road.ticking import tick_now
from storage.models import Action
from tests.coordinator_fixtures import add, agenda_item, group_with_coordinator, partner
from tests.harness import BotHarness
from tests.test_reminders import utc


async def a_care_circle(bot: BotHarness):
    """Voorzorgcirkel Haven: Carla coordinates, Bea and Dirk are members; the wijkregisseur's coffee morning
    is on the agenda (Tuesday 8 December, 10:00) and Anouk is on the partner list."""
    bea = bot.user(201, "Bea", started=True)
    dirk = bot.user(202, "Dirk", started=True)
    setting = await group_with_coordinator(bot, title="Voorzorgcirkel Haven", members=[bea, dirk])
    now = bot.now()
    anouk, linde = await add(
        bot,
        partner(setting.group_id, "Anouk", now, key_role="wijkregisseur", key_role_formal=True),
        partner(setting.group_id, "Buurthuis De Linde", now, on_shortlist=True, moving_note="Doet al een kerstmarkt"),
    )
    [coffee] = await add(
        bot,
        agenda_item(setting.group_id, "Koffieochtend", now, happens_on=date(2026, 12, 8), start_time=time(10, 0),
                    place="Buurthuis", organiser="Anouk (wijkregisseur)"),
    )
    return setting, bea, dirk, anouk, linde, coffee


async def test_three_taps_put_helping_with_the_coffee_morning_in_the_group(bot: BotHarness) -> None:
    setting, bea, dirk, anouk, _linde, coffee = await a_care_circle(bot)
    chat = setting.chat
    await bot.say(chat, bea, "/helpmee")  # tap 1: the command from the menu
    picker = bot.telegram.last("sendMessage", chat.id)
    assert "Waar helpen jullie bij?" in picker.text
    assert picker.button_labels() == ["📅 dinsdag 8 december: Koffieochtend", "🤝 Buurthuis De Linde"]
    await bot.press(bea, picker, "📅 dinsdag 8 december: Koffieochtend")  # tap 2
    preview = bot.telegram.last("editMessageText", chat.id)
    assert "Meehelpen bij Koffieochtend" in preview.text and "dinsdag 8 december om 10:00" in preview.text
    assert "niet gestemd" in preview.text
    await bot.press(bea, preview, "🤝 Ja, wij helpen mee")  # tap 3

    [action] = await bot.rows(Action)
    assert (action.helping, action.state, action.partner_id, action.agenda_item_id) == (True, "running", anouk.id, coffee.id)
    assert (action.title, action.due_on, action.start_time, action.with_whom, action.joins_existing) == (
        "Koffieochtend", date(2026, 12, 8), time(10, 0), "Anouk (wijkregisseur)", None,
    )
    card = bot.telegram.message(chat.id, action.card_message_id)
    assert "Meehelpen bij Koffieochtend" in card["text"] and "We helpen mee bij wat er al gebeurt" in card["text"]
    labels = [b["text"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["🙋 Ik doe mee", "💬 Bedenking"]  # no support vote: it already happens
    assert "staat in" in bot.telegram.last("editMessageText", chat.id).text

    # Once per item: a second go points to the first.
    await bot.say(chat, dirk, "/helpmee")
    await bot.press(dirk, bot.telegram.last("sendMessage", chat.id), "📅 dinsdag 8 december: Koffieochtend")
    await bot.press(dirk, bot.telegram.last("editMessageText", chat.id), "🤝 Ja, wij helpen mee")
    assert "Hier helpen jullie al mee" in bot.telegram.last("answerCallbackQuery").params["text"]
    assert len(await bot.rows(Action)) == 1

    # Dirk joins with a task, as with any action; he is reminded the day before.
    await bot.press(dirk, bot.telegram.message(chat.id, action.card_message_id), "🙋 Ik doe mee")
    await bot.say(dirk, dirk, "kopjes afwassen")
    bot.clock.set(utc(2026, 12, 7, 17, 0))
    await tick_now(bot.app)
    assert "Morgen is het zover: <b>Koffieochtend</b>" in bot.last_text(dirk.id)
    # The day after, Bea, who started it, is asked how it went (the harvest of any action) — in the group,
    # addressed to her, as Brug has not talked with her privately.
    bot.clock.set(utc(2026, 12, 9, 10, 0))
    await tick_now(bot.app)
    asked = bot.last_text(chat.id)
    assert "Bea" in asked and "Koffieochtend" in asked and "Hoe ging het?" in asked


async def test_helping_a_partner_and_who_may_press(bot: BotHarness) -> None:
    setting, bea, _dirk, _anouk, linde, _coffee = await a_care_circle(bot)
    chat = setting.chat
    await bot.say(bea, bea, "/helpmee")  # privately: her one group's list
    picker = bot.telegram.last("sendMessage", bea.id)
    # An outsider's forged press gets one sentence, nothing happens.
    eva = bot.user(300, "Eva", started=True)
    await bot.press_data(eva, picker, f"hm:gop:{linde.id}")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert await bot.rows(Action) == []
    await bot.press(bea, picker, "🤝 Buurthuis De Linde")
    assert "Zij doen al: Doet al een kerstmarkt" in bot.telegram.last("editMessageText", bea.id).text
    await bot.press(bea, bot.telegram.last("editMessageText", bea.id), "🤝 Ja, wij helpen mee")
    [action] = await bot.rows(Action)
    assert (action.partner_id, action.due_on, action.title, action.joins_existing) == (
        linde.id, None, "Buurthuis De Linde", "Doet al een kerstmarkt",
    )
    assert bot.telegram.message(chat.id, action.card_message_id)


async def test_nothing_to_help_with_says_where_to_look(bot: BotHarness) -> None:
    bea = bot.user(201, "Bea", started=True)
    setting = await group_with_coordinator(bot, title="Voorzorgcirkel Haven", members=[bea])
    await bot.say(setting.chat, bea, "/helpmee")
    assert "Zet iets op /agenda" in bot.last_text(setting.chat.id)


async def test_whom_they_met_goes_on_the_partner_list_in_one_tap(bot: BotHarness) -> None:
    from storage.models import Partner
    from tests.action_steps import private_last
    from tests.test_done_means_done import harvested

    joined = await harvested(bot)  # "Wie uit de buurt hebben jullie ontmoet?" — "De buurvrouw van nummer 3"
    anna = joined.cast.anna
    thanks = private_last(bot, anna)
    assert "📇 De buurvrouw van nummer 3 op de partnerlijst" in thanks.button_labels()
    await bot.press(anna, thanks, "📇 De buurvrouw van nummer 3 op de partnerlijst")
    assert "staat op de partnerlijst" in bot.telegram.last("editMessageText", anna.id).text
    [met] = await bot.rows(Partner)
    assert (met.name, met.moving_note, met.last_contact_on, met.on_shortlist) == (
        "De buurvrouw van nummer 3", "Ontmoet bij: Soep koken voor de straat", date(2026, 12, 5), False,
    )
    # A second tap (a copy of the old message, or a double tap) adds nobody twice.
    await bot.press_data(anna, thanks, f"h:meet:{joined.action.id}")
    assert len(await bot.rows(Partner)) == 1


async def test_the_partner_card_offers_to_help_with_what_they_do(bot: BotHarness) -> None:
    setting, _bea, _dirk, _anouk, linde, _coffee = await a_care_circle(bot)
    from tests.test_partners_as_equals import card_of

    carla = setting.coordinator
    await card_of(bot, carla, linde.name)
    card = bot.telegram.last("editMessageText", carla.id)
    assert "🤝 Wij helpen mee" in card.button_labels()
    await bot.press(carla, card, "🤝 Wij helpen mee")
    assert "Zij doen al: Doet al een kerstmarkt" in bot.telegram.last("editMessageText", carla.id).text
