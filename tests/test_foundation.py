"""Issue 3: /start, deep links, /help, /taal, joining and leaving groups, coordinators, bad input."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import set_bot_commands
from storage.models import Group, Member, Membership
from tests.harness import BotHarness

COMMANDS = [
    "/actie", "/acties", "/mijn", "/stil", "/herinner", "/agenda", "/helpmee", "/partners", "/profiel", "/buurt", "/taal",
    "/help", "/bron", "/overzicht", "/instellingen", "/export", "/coordinator", "/mijngegevens", "/vergeetmij",
]


async def test_start_in_private_welcomes_warmly_with_next_steps(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    await bot.start_private(anna)

    call = bot.telegram.last("sendMessage", anna.id)
    assert call.params["parse_mode"] == "HTML"
    assert "Welkom bij <b>Brug</b>, Anna!" in call.text
    assert "eilandje" in call.text
    assert len(call.text.splitlines()) <= 3
    assert call.button_labels() == ["Hoe werkt het?", "Voeg Brug toe aan je groep", "Taal / Language"]
    add_button = call.buttons()[1][0]
    assert add_button["url"] == "https://t.me/brug_test_bot?startgroup=brug"

    [member] = await bot.rows(Member, Member.telegram_user_id == anna.id)
    assert member.first_name == "Anna"
    assert member.has_private_chat is True


async def test_start_buttons_lead_to_help_and_language(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    await bot.start_private(anna)
    welcome = bot.telegram.last("sendMessage", anna.id)

    await bot.press(anna, welcome, "Hoe werkt het?")
    assert "/actie" in bot.last_text(anna.id)
    assert bot.telegram.last("answerCallbackQuery").params["callback_query_id"]

    await bot.press(anna, welcome, "Taal / Language")
    assert bot.telegram.last("sendMessage", anna.id).button_labels() == ["Nederlands", "English"]


async def test_deep_link_payload_is_routed(bot: BotHarness) -> None:
    seen: list[str] = []

    async def route(update, context, rest: str) -> None:
        seen.append(rest)

    bot.app.bot_data["services"].deep_links["proef"] = route
    anna = bot.user(101, "Anna")
    await bot.start_private(anna, "proef_42")
    assert seen == ["42"]
    assert bot.telegram.sent("sendMessage", anna.id) == []

    # An unknown or malformed payload falls back to the welcome.
    await bot.start_private(anna, "onbekend_1")
    await bot.start_private(anna, "<script>")
    assert len(bot.telegram.sent("sendMessage", anna.id)) == 2
    assert "Welkom" in bot.last_text(anna.id)


async def test_help_lists_every_command_in_group_and_private(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    group = bot.group(-1001, "De BinnenHaven")
    await bot.say(group, anna, "/help")
    await bot.say(anna, anna, "/help")
    for chat_id in (group.id, anna.id):
        text = bot.last_text(chat_id)
        lines = [line for line in text.splitlines() if line.startswith("/")]
        assert [line.split()[0] for line in lines] == COMMANDS


async def test_command_menu_is_set_per_language(bot: BotHarness) -> None:
    await set_bot_commands(bot.app)
    calls = bot.telegram.sent("setMyCommands")
    assert len(calls) == 2
    default, english = calls
    assert default.params["scope"] == {"type": "default"}
    assert "language_code" not in default.params
    assert [c["command"] for c in default.params["commands"]] == [c[1:] for c in COMMANDS]
    assert default.params["commands"][0]["description"] == "Stel een netwerkactie voor"
    assert english.params["language_code"] == "en"
    assert english.params["commands"][0]["description"] == "Propose a network action"


async def test_language_is_stored_per_member(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    await bot.say(anna, anna, "/taal")
    choice = bot.telegram.last("sendMessage", anna.id)
    await bot.press(anna, choice, "English")

    [member] = await bot.rows(Member, Member.telegram_user_id == anna.id)
    assert member.language == "en"
    edited = bot.telegram.last("editMessageText")
    assert edited.text == "From now on I will write to you in English."
    await bot.say(anna, anna, "/help")
    assert "How Brug works" in bot.last_text(anna.id)


async def test_group_language_only_for_coordinators(bot: BotHarness) -> None:
    carla = bot.user(100, "Carla")
    ben = bot.user(102, "Ben")
    group = bot.group(-1001, "De BinnenHaven", admins=[carla])
    await bot.add_bot_to(group, by=carla)

    await bot.say(group, ben, "/taal")
    choice = bot.telegram.last("sendMessage", group.id)
    assert "Groep: English" in choice.button_labels()
    await bot.press(ben, choice, "Groep: English")
    alert = bot.telegram.last("answerCallbackQuery")
    assert alert.params["show_alert"] is True
    assert "coördinator" in alert.params["text"]
    [stored] = await bot.rows(Group, Group.telegram_chat_id == group.id)
    assert stored.language == "nl"

    await bot.press(carla, choice, "Groep: English")
    [stored] = await bot.rows(Group, Group.telegram_chat_id == group.id)
    assert stored.language == "en"
    await bot.say(group, ben, "/help")
    assert "How Brug works" in bot.last_text(group.id)


async def test_bot_added_to_group_stores_it_and_introduces_building_blocks(bot: BotHarness) -> None:
    carla = bot.user(100, "Carla")
    dirk = bot.user(103, "Dirk")
    group = bot.group(-1001, "De BinnenHaven", admins=[carla, dirk])
    await bot.add_bot_to(group, by=carla)

    [stored] = await bot.rows(Group, Group.telegram_chat_id == group.id)
    assert stored.active and stored.title == "De BinnenHaven"
    assert stored.language == "nl" and stored.timezone == "Europe/Amsterdam"
    intro = bot.last_text(group.id)
    for block in ("Samen met anderen", "In het hier en nu", "eenvoudig, kort en besmettelijk"):
        assert block in intro
    assert bot.telegram.sent("getChatAdministrators")

    async with bot.db.sessionmaker() as session:
        coordinators = (
            await session.scalars(
                select(Member.first_name)
                .join(Membership, Membership.member_id == Member.id)
                .where(Membership.group_id == stored.id, Membership.is_admin)
                .order_by(Member.first_name)
            )
        ).all()
    assert coordinators == ["Carla", "Dirk"]

    await bot.remove_bot_from(group, by=carla)
    [stored] = await bot.rows(Group, Group.telegram_chat_id == group.id)
    assert stored.active is False and stored.removed_at is not None
    assert await bot.count(Membership, Membership.group_id == stored.id) == 2  # data kept


async def test_admin_list_is_cached_and_refreshed(bot: BotHarness) -> None:
    carla = bot.user(100, "Carla")
    ben = bot.user(102, "Ben")
    group = bot.group(-1001, "De BinnenHaven", admins=[carla])
    await bot.add_bot_to(group, by=carla)
    await bot.say(group, ben, "/taal")
    choice = bot.telegram.last("sendMessage", group.id)

    # Ben becomes an administrator in Telegram; Brug trusts its cached list for an hour.
    bot.group(-1001, "De BinnenHaven", admins=[carla, ben])
    await bot.press(ben, choice, "Groep: English")
    assert len(bot.telegram.sent("getChatAdministrators")) == 1
    assert bot.telegram.last("answerCallbackQuery").params.get("show_alert") is True

    bot.clock.advance(hours=2)
    await bot.press(ben, choice, "Groep: English")
    assert len(bot.telegram.sent("getChatAdministrators")) == 2
    [stored] = await bot.rows(Group, Group.telegram_chat_id == group.id)
    assert stored.language == "en"


async def test_members_are_stored_on_first_interaction(bot: BotHarness) -> None:
    group = bot.group(-1001, "De BinnenHaven")
    ben = bot.user(102, "Ben", username="ben_b")
    await bot.say(group, ben, "/help")
    [member] = await bot.rows(Member, Member.telegram_user_id == ben.id)
    assert member.username == "ben_b" and member.has_private_chat is False
    [group_row] = await bot.rows(Group, Group.telegram_chat_id == group.id)
    assert await bot.count(
        Membership, Membership.group_id == group_row.id, Membership.member_id == member.id
    ) == 1


async def test_blocking_the_bot_privately_marks_member_unreachable(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    await bot.start_private(anna)
    await bot.feed(bot.updates.my_chat_member(anna, anna, "member", "kicked"))
    [member] = await bot.rows(Member, Member.telegram_user_id == anna.id)
    assert member.unreachable is True
    await bot.start_private(anna)
    [member] = await bot.rows(Member, Member.telegram_user_id == anna.id)
    assert member.unreachable is False


def test_one_command_list_registers_every_command_and_nothing_else(bot: BotHarness) -> None:
    """bot.domain.commands is the one list: every registered command word is in it, every command in it is
    answered, and every menu entry has a description in both languages."""
    from telegram.ext import CommandHandler

    from bot.domain.commands import COMMANDS, HIDDEN, names
    from bot.domain.i18n import LANGUAGES

    registered = {
        word for group in bot.app.handlers.values() for handler in group
        if isinstance(handler, CommandHandler) for word in handler.commands
    }
    listed = {word for command in [*COMMANDS, *HIDDEN] for word in names(command)}
    assert registered == listed
    translator = bot.app.bot_data["services"].translator
    for lang in LANGUAGES:
        for command in COMMANDS:
            assert str(translator.text(lang, f"command-{command}")) != f"command-{command}", (lang, command)
