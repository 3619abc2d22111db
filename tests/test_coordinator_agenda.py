"""Issue 6: /agenda — members add what happens in the neighbourhood; coordinators edit and remove."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.agenda import coming_up
from storage.models import AgendaItem, PendingReply
from tests.coordinator_fixtures import add, agenda_item, group_with_coordinator, member_id, the
from tests.harness import BotHarness


async def with_agenda(bot: BotHarness):
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    now = bot.now()
    today = now.date()  # Tuesday 1 December 2026
    items = await add(
        bot,
        agenda_item(setting.group_id, "Kerstmarkt", now, happens_on=date(2026, 12, 19), place="Marktplein"),
        agenda_item(setting.group_id, "Koffieochtend", now, happens_on=date(2026, 12, 8),
                    organiser="Welzijn Almere", place="Buurthuis De Roef"),
        agenda_item(setting.group_id, "Speeltuin opknappen", now),
        agenda_item(setting.group_id, "Burendag", now, happens_on=today - timedelta(days=60)),
    )
    return setting, anna, items


async def test_everyone_sees_upcoming_first_then_the_pipeline_then_the_past(bot: BotHarness) -> None:
    setting, anna, items = await with_agenda(bot)
    await bot.say(setting.chat, anna, "/agenda")
    call = bot.telegram.last("sendMessage", setting.chat.id)
    lines = [line for line in call.text.splitlines() if " · " in line]
    assert lines == [
        "📅 di 8 dec · <b>Koffieochtend</b> · Buurthuis De Roef · door Welzijn Almere",
        "📅 za 19 dec · <b>Kerstmarkt</b> · Marktplein",
        "🔜 in de pijplijn · <b>Speeltuin opknappen</b>",
        "✔️ geweest (vr 2 okt) · <b>Burendag</b>",
    ]
    assert call.button_labels()[-1] == "➕ Iets toevoegen"

    async with bot.db.sessionmaker() as session:
        soon = await coming_up(session, setting.group_id, date(2026, 12, 1), days=14)
    assert [item.what for item in soon] == ["Koffieochtend"]


async def test_a_member_adds_an_item_step_by_step_with_a_forgiving_date(bot: BotHarness) -> None:
    setting, anna, _ = await with_agenda(bot)
    await bot.say(setting.chat, anna, "/agenda")
    await bot.press(anna, bot.telegram.last("sendMessage", setting.chat.id), "➕ Iets toevoegen")
    question = bot.telegram.last("sendMessage", setting.chat.id)
    assert question.params["reply_markup"]["force_reply"] is True
    await bot.say(setting.chat, anna, "Soepmiddag 🍲 <b>", reply_to=question)
    when = bot.telegram.last("sendMessage", setting.chat.id)
    assert "Wanneer is <b>Soepmiddag 🍲 &lt;b&gt;</b>?" in when.text
    await bot.say(setting.chat, anna, "gisteren", reply_to=when)
    again = bot.telegram.last("sendMessage", setting.chat.id)
    assert "begrijp ik niet" in again.text
    await bot.say(setting.chat, anna, "zaterdag", reply_to=again)
    where = bot.telegram.last("sendMessage", setting.chat.id)
    await bot.say(setting.chat, anna, "Buurthuis", reply_to=where)
    organiser = bot.telegram.last("sendMessage", setting.chat.id)
    await bot.say(setting.chat, anna, "-", reply_to=organiser)

    card = bot.telegram.last("sendMessage", setting.chat.id)
    assert "Staat op de agenda." in card.text and "Wanneer: zaterdag 5 december" in card.text
    item = await the(bot, AgendaItem, AgendaItem.what == "Soepmiddag 🍲 <b>")
    assert (item.happens_on, item.place, item.organiser) == (date(2026, 12, 5), "Buurthuis", None)
    assert item.created_by_id == await member_id(bot, anna)
    assert await bot.count(PendingReply) == 0

    # Anna added it, but editing and removing afterwards is for coordinators.
    await bot.press(anna, card, "🗑 Verwijderen")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    await bot.press(anna, card, "Wanneer")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert await bot.count(AgendaItem, AgendaItem.id == item.id) == 1


async def test_coordinator_edits_and_removes_privately(bot: BotHarness) -> None:
    setting, anna, items = await with_agenda(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/agenda")
    listing = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, listing, "Speeltuin opknappen")
    await bot.press(carla, listing, "Wanneer")
    await bot.say(carla, carla, "next Friday")
    card = bot.telegram.last("sendMessage", carla.id)
    assert "Wanneer: vrijdag 4 december" in card.text
    await bot.press(carla, card, "Wat")
    await bot.say(carla, carla, "   ")
    assert "geen tekst" in bot.last_text(carla.id)
    await bot.say(carla, carla, "Speeltuin opknappen met de school")
    assert (await the(bot, AgendaItem, AgendaItem.id == items[2].id)).what == "Speeltuin opknappen met de school"

    card = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, card, "🗑 Verwijderen")
    await bot.press(carla, card, "Ja, verwijderen")
    assert await bot.count(AgendaItem, AgendaItem.id == items[2].id) == 0
    assert "staat niet meer op de agenda" in bot.telegram.last("editMessageText").text


async def test_outsiders_and_forged_buttons_change_nothing(bot: BotHarness) -> None:
    setting, anna, items = await with_agenda(bot)
    eve = bot.user(666, "Eve", started=True)
    await bot.say(eve, eve, "/agenda")
    await bot.start_private(eve, f"agenda_{setting.group_id}")
    texts = bot.texts(eve.id)
    assert not any("Kerstmarkt" in text for text in texts)
    own = bot.telegram.last("sendMessage", eve.id)
    for data in (f"ag:l:{setting.group_id}:0", f"ag:add:{setting.group_id}", f"ag:dely:{items[0].id}"):
        await bot.press_data(eve, own, data)
        assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    await bot.press_data(eve, own, "ag:dely:99999")
    assert "niet meer op de agenda" in bot.telegram.last("answerCallbackQuery").params["text"]
    assert await bot.count(AgendaItem) == 4


async def test_pressing_for_the_page_already_shown_is_quietly_fine(bot: BotHarness) -> None:
    """Telegram refuses an edit to the same content ("message is not modified"): the page simply stays,
    no "er ging iets mis" (this path once raised a NameError)."""
    setting, anna, _ = await with_agenda(bot)
    await bot.say(setting.chat, anna, "/agenda")
    listing = bot.telegram.last("sendMessage", setting.chat.id)
    sent_before = len(bot.telegram.sent("sendMessage", setting.chat.id))
    await bot.press_data(anna, listing, f"ag:l:{setting.group_id}:0")
    [refused] = [c for c in bot.telegram.calls if c.method == "editMessageText"]
    assert "not modified" in refused.params.get("_error", "")
    assert len(bot.telegram.sent("sendMessage", setting.chat.id)) == sent_before  # no error message
    alerts = [c.params.get("text") or "" for c in bot.telegram.sent("answerCallbackQuery")]
    assert not any("mis" in text for text in alerts)
