"""Issue 6: who coordinates — Telegram admins plus members appointed with /coordinator, checked on every use."""

from __future__ import annotations

from storage.models import Membership
from tests.coordinator_fixtures import group_with_coordinator, member_id, the
from tests.harness import BotHarness, _admin_rights


async def membership(bot: BotHarness, setting, user) -> Membership:
    mid = await member_id(bot, user)
    return await the(bot, Membership, Membership.group_id == setting.group_id, Membership.member_id == mid)


async def test_coordinator_appoints_and_removes_by_replying_to_a_message(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    carla = setting.coordinator
    said = await bot.say(setting.chat, anna, "/help")
    anna_message = said.message.to_dict()

    await bot.say(setting.chat, carla, "/coordinator", reply_to=anna_message)
    assert "Anna is nu coördinator." in bot.last_text(setting.chat.id)
    assert (await membership(bot, setting, anna)).is_appointed_coordinator is True

    # Anna coordinates now: /overzicht privately shows her the group.
    await bot.say(anna, anna, "/overzicht")
    assert "Overzicht – De BinnenHaven" in bot.last_text(anna.id)

    await bot.say(setting.chat, carla, "/coordinator", reply_to=anna_message)
    assert "Anna is geen coördinator meer." in bot.last_text(setting.chat.id)
    await bot.say(anna, anna, "/overzicht")
    assert "nog geen coördinator" in bot.last_text(anna.id)


async def test_telegram_admins_cannot_be_removed_this_way(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    dirk = bot.user(104, "Dirk")
    carla = bot.user(100, "Carla", started=True)
    setting = await group_with_coordinator(bot, coordinator=carla, members=[anna])
    bot.telegram.administrators[setting.chat.id].append(
        {"user": dirk.json(), "status": "administrator", "is_anonymous": False, **_admin_rights()}
    )
    bot.clock.advance(hours=2)
    said = await bot.say(setting.chat, dirk, "/help")
    await bot.say(setting.chat, carla, "/coordinator", reply_to=said.message.to_dict())
    assert "beheerder van de groep en blijft daarom coördinator" in bot.last_text(setting.chat.id)
    assert (await membership(bot, setting, dirk)).is_admin is True


async def test_member_list_buttons_toggle_and_recheck_the_presser(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    ben = bot.user(102, "Ben")
    setting = await group_with_coordinator(bot, members=[anna, ben])
    carla = setting.coordinator
    await bot.say(setting.chat, carla, "/coordinator")
    listing = bot.telegram.last("sendMessage", setting.chat.id)
    assert listing.button_labels() == ["⭐ Carla", "Anna", "Ben"]

    # Ben is no coordinator: pressing does nothing but a friendly alert.
    await bot.press(ben, listing, "Anna")
    alert = bot.telegram.last("answerCallbackQuery")
    assert alert.params["show_alert"] is True and "coördinator" in alert.params["text"]
    assert (await membership(bot, setting, anna)).is_appointed_coordinator is False

    await bot.press(carla, listing, "Anna")
    assert bot.telegram.last("answerCallbackQuery").params["text"] == "Anna is nu coördinator."
    assert bot.telegram.last("editMessageText").button_labels() == ["⭐ Anna", "⭐ Carla", "Ben"]
    await bot.press(carla, listing, "⭐ Carla")
    alert = bot.telegram.last("answerCallbackQuery")
    assert alert.params["show_alert"] is True and "beheerder" in alert.params["text"]

    # Forged: a member id from elsewhere, another group's id, junk.
    await bot.press_data(carla, listing, f"crd:t:{setting.group_id}:99999:0")
    assert "werkt niet meer" in bot.telegram.last("answerCallbackQuery").params["text"]
    await bot.press_data(carla, listing, "crd:t:99999:1:0")
    assert "coördinator" in bot.telegram.last("answerCallbackQuery").params["text"]
    await bot.press_data(carla, listing, "crd:t:1:x:0")
    assert "werkt niet meer" in bot.telegram.last("answerCallbackQuery").params["text"]


async def test_member_without_the_role_cannot_appoint(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    ben = bot.user(102, "Ben")
    setting = await group_with_coordinator(bot, members=[anna, ben])
    said = await bot.say(setting.chat, ben, "/help")
    await bot.say(setting.chat, anna, "/coordinator", reply_to=said.message.to_dict())
    assert bot.last_text(setting.chat.id) == "Dit kan alleen een coördinator van de groep."
    await bot.say(setting.chat, anna, "/coordinator")
    assert bot.last_text(setting.chat.id) == "Dit kan alleen een coördinator van de groep."
    assert (await membership(bot, setting, ben)).is_appointed_coordinator is False
    bot.telegram.started_users.add(anna.id)
    await bot.say(anna, anna, "/coordinator")
    assert "in de groep" in bot.last_text(anna.id)


async def test_many_members_are_paged(bot: BotHarness) -> None:
    from tests.coordinator_fixtures import add_members

    setting = await group_with_coordinator(bot)
    await add_members(bot, setting.group_id, 20)
    carla = setting.coordinator
    await bot.say(setting.chat, carla, "/coordinator")
    listing = bot.telegram.last("sendMessage", setting.chat.id)
    assert len(listing.button_labels()) == 9 and listing.button_labels()[-1] == "Volgende ›"
    await bot.press(carla, listing, "Volgende ›")
    assert "pagina 2 van 3" in bot.telegram.last("editMessageText").text
