"""Issue 6: /instellingen — buttons and validated typing; bad input saves nothing; reminders follow."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from storage.models import Group, PendingReply, Reminder
from tests.coordinator_fixtures import group_with_coordinator, the
from tests.harness import BotHarness


async def stored(bot: BotHarness, setting) -> Group:
    return await the(bot, Group, Group.id == setting.group_id)


async def pending_digest(bot: BotHarness, setting) -> Reminder | None:
    rows = await bot.rows(
        Reminder, Reminder.group_id == setting.group_id, Reminder.kind == "digest",
        Reminder.status == "pending",
    )
    return rows[0] if rows else None


async def test_coordinator_changes_settings_with_buttons_and_reminders_follow(bot: BotHarness) -> None:
    setting = await group_with_coordinator(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/instellingen")
    page = bot.telegram.last("sendMessage", carla.id)
    assert "Steun nodig: 3 leden" in page.text
    assert "Weekbericht op: maandag" in page.text and "Stille uren: 21:00–9:00" in page.text

    await bot.press(carla, page, "Dag weekbericht")
    assert bot.telegram.last("editMessageText").button_labels()[:3] == ["maandag", "dinsdag", "woensdag"]
    await bot.press(carla, page, "donderdag")
    await bot.press(carla, page, "Uur weekbericht")
    await bot.press(carla, page, "17:00")
    await bot.press(carla, page, "Steun nodig")
    await bot.press(carla, page, "5 leden")
    await bot.press(carla, page, "Stille uren")
    await bot.press(carla, page, "22:00–8:00")
    await bot.press(carla, page, "Langste actie")
    await bot.press(carla, page, "14 dagen")
    await bot.press(carla, page, "Stil na")
    await bot.press(carla, page, "10 dagen")
    await bot.press(carla, page, "Tijdzone")
    await bot.press(carla, page, "Europe/London")

    group = await stored(bot, setting)
    assert (group.digest_weekday, group.digest_hour, group.support_threshold) == (3, 17, 5)
    assert (group.quiet_start_hour, group.quiet_end_hour) == (22, 8)
    assert (group.max_action_days, group.stale_days, group.timezone) == (14, 10, "Europe/London")
    final = bot.telegram.last("editMessageText").text
    assert "Opgeslagen." in final and "Weekbericht om: 17:00" in final

    # The reminders feature re-planned the weekly digest on the new day and hour.
    digest = await pending_digest(bot, setting)
    local = digest.due_at.astimezone(ZoneInfo("Europe/London"))
    assert (local.weekday(), local.hour) == (3, 17)

    await bot.press(carla, page, "Taal")
    await bot.press(carla, page, "English")
    assert (await stored(bot, setting)).language == "en"


async def test_typed_values_are_validated_and_bad_input_saves_nothing(bot: BotHarness) -> None:
    setting = await group_with_coordinator(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/instellingen")
    page = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, page, "Tijdzone")
    await bot.press(carla, page, "Zelf typen")
    for bad in ("Mars/Olympus", "../../etc/passwd", "<script>", "x" * 5000, "🕰"):
        await bot.say(carla, carla, bad)
        assert "Die tijdzone ken ik niet" in bot.last_text(carla.id)
    assert (await stored(bot, setting)).timezone == "Europe/Amsterdam"
    await bot.say(carla, carla, "america/new york")
    assert (await stored(bot, setting)).timezone == "America/New_York"
    assert "Tijdzone: America/New_York" in bot.last_text(carla.id)

    await bot.press(carla, bot.telegram.last("sendMessage", carla.id), "Steun nodig")
    await bot.press(carla, bot.telegram.last("sendMessage", carla.id), "Zelf typen")
    await bot.say(carla, carla, "99")
    assert "van 0 tot 50" in bot.last_text(carla.id)
    await bot.say(carla, carla, "twaalf")  # a number in words is the number
    assert (await stored(bot, setting)).support_threshold == 12

    await bot.press(carla, bot.telegram.last("sendMessage", carla.id), "Stille uren")
    await bot.press(carla, bot.telegram.last("sendMessage", carla.id), "Zelf typen")
    await bot.say(carla, carla, "25-9")
    assert "Er is niets veranderd" in bot.last_text(carla.id)
    await bot.say(carla, carla, "22:00 tot 7:00")
    group = await stored(bot, setting)
    assert (group.quiet_start_hour, group.quiet_end_hour) == (22, 7)
    assert await bot.count(PendingReply) == 0


async def test_forged_values_and_members_change_nothing(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    carla = setting.coordinator
    gid = setting.group_id
    await bot.say(carla, carla, "/instellingen")
    page = bot.telegram.last("sendMessage", carla.id)
    for data in (f"st:v:{gid}:thr:999", f"st:v:{gid}:tz:9", f"st:v:{gid}:lang:de", f"st:v:{gid}:quiet:25-3"):
        await bot.press_data(carla, page, data)
        assert "werkt niet meer" in bot.telegram.last("answerCallbackQuery").params["text"]
    group = await stored(bot, setting)
    assert (group.support_threshold, group.timezone, group.language) == (3, "Europe/Amsterdam", "nl")

    await bot.say(anna, anna, "/instellingen")
    assert "nog geen coördinator" in bot.last_text(anna.id)
    await bot.say(setting.chat, anna, "/instellingen")
    assert bot.last_text(setting.chat.id) == "Dit kan alleen een coördinator van de groep."
    await bot.press_data(anna, bot.telegram.last("sendMessage", anna.id), f"st:v:{gid}:thr:5")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    await bot.start_private(anna, f"instellingen_{gid}")
    assert "alleen een coördinator" in bot.last_text(anna.id)
    assert (await stored(bot, setting)).support_threshold == 3
    assert not any("Steun nodig" in text for text in bot.texts(anna.id))

    # In the group a coordinator gets only a button to the private chat.
    await bot.say(setting.chat, carla, "/instellingen")
    pointer = bot.telegram.last("sendMessage", setting.chat.id)
    assert "Steun nodig" not in pointer.text
    assert pointer.buttons()[0][0]["url"].endswith(f"start=instellingen_{gid}")
