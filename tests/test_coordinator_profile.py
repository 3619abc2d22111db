"""Issue 6: /profiel — "Waar zijn jullie van?", written by coordinators, posted or sent to a partner."""

from __future__ import annotations

from storage.models import Group, PendingReply
from tests.coordinator_fixtures import add, group_with_coordinator, partner, the
from tests.harness import BotHarness


async def test_coordinator_writes_the_profile_privately_and_posts_it(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    carla = setting.coordinator
    await bot.say(carla, carla, "/profiel")
    editor = bot.telegram.last("sendMessage", carla.id)
    assert "nog niet ingevuld" in editor.text and "lange adem" in editor.text
    await bot.press(carla, editor, "Waar staan we voor?")
    await bot.say(carla, carla, "Samen wonen, open naar de buurt 🏡 & <wederkerig>")
    await bot.press(carla, bot.telegram.last("sendMessage", carla.id), "Onze plek")
    await bot.say(carla, carla, "x" * 600)
    assert "korter" in bot.last_text(carla.id)
    await bot.say(carla, carla, "Aan de haven, naast de bibliotheek")
    editor = bot.telegram.last("sendMessage", carla.id)
    assert "Opgeslagen." in editor.text
    assert "Samen wonen, open naar de buurt 🏡 &amp; &lt;wederkerig&gt;" in editor.text
    stored = await the(bot, Group, Group.id == setting.group_id)
    assert stored.profile_place == "Aan de haven, naast de bibliotheek" and stored.profile_join is None

    await bot.press(carla, editor, "📣 Plaats in de groep")
    posted = bot.telegram.last("sendMessage", setting.chat.id)
    assert "<b>Waar staan we voor?</b>" in posted.text and "Aan de haven" in posted.text
    assert "lange adem" not in posted.text  # the tip is for the coordinator only

    # Everyone may read it in the group.
    await bot.say(setting.chat, anna, "/profiel")
    shown = bot.telegram.last("sendMessage", setting.chat.id)
    assert "Aan de haven" in shown.text
    assert shown.buttons()[0][0]["url"].endswith(f"start=profiel_{setting.group_id}")


async def test_send_to_a_partner_gives_a_forwardable_message_and_the_contact(bot: BotHarness) -> None:
    setting = await group_with_coordinator(bot)
    now = bot.now()
    await add(bot, partner(setting.group_id, "Wijkteam Haven", now, contact="wijkteam@almere.nl"))
    carla = setting.coordinator
    await bot.start_private(carla, f"profiel_{setting.group_id}")
    editor = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, editor, "✉️ Stuur naar een partner")
    await bot.press(carla, editor, "Wijkteam Haven")
    forwardable, instructions = bot.telegram.sent("sendMessage", carla.id)[-2:]
    assert forwardable.text.startswith("<b>De BinnenHaven</b>") and not forwardable.buttons()
    assert "Wijkteam Haven" in instructions.text and "wijkteam@almere.nl" in instructions.text


async def test_members_cannot_edit_post_or_send(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    now = bot.now()
    [wijk] = await add(bot, partner(setting.group_id, "Wijkteam Haven", now, contact="geheim@almere.nl"))
    await bot.say(anna, anna, "/profiel")
    await bot.start_private(anna, f"profiel_{setting.group_id}")
    own = bot.telegram.last("sendMessage", anna.id)
    for data in (f"pf:e:{setting.group_id}:about", f"pf:post:{setting.group_id}", f"pf:to:{wijk.id}",
                 f"pf:pp:{setting.group_id}:0"):
        await bot.press_data(anna, own, data)
        assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    texts = bot.texts(anna.id)
    # Issue 15: a member reads the profile privately (and may suggest a change), but never edits it.
    assert all("Stel een wijziging voor" in text for text in texts[:2])
    assert own.button_labels() == ["✏️ Stel een wijziging voor"]
    assert not any("geheim" in text for text in texts)
    assert bot.telegram.sent("sendMessage", setting.chat.id) == []
    assert await bot.count(PendingReply) == 0
