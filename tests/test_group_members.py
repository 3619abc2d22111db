"""Members joining and leaving a group Brug is in (Telegram's service messages)."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Member, Membership
from tests.harness import BotHarness


def service_message(bot: BotHarness, group, by, **content) -> dict:
    update = bot.updates.message(group, by, "")
    message = update["message"]
    message.pop("text")
    message.update(content)
    return update


async def test_a_new_member_is_known_and_a_leaver_loses_their_place_but_not_their_history(
    bot: BotHarness,
) -> None:
    anna = bot.user(1, "Anna")
    bert = bot.user(2, "Bert")
    group = bot.group(-1001, "De Linde", admins=[anna])
    await bot.add_bot_to(group, anna)

    await bot.feed(service_message(bot, group, anna, new_chat_members=[bert.json()]))
    rows = await bot.rows(Membership)
    members = {m.id: m.first_name for m in await bot.rows(Member)}
    assert sorted(members[row.member_id] for row in rows) == ["Anna", "Bert"]
    sent_before = len(bot.telegram.calls)

    await bot.feed(service_message(bot, group, bert, left_chat_member=bert.json()))
    rows = await bot.rows(Membership)
    assert [members[row.member_id] for row in rows] == ["Anna"]
    assert [m.first_name for m in await bot.rows(Member)] == ["Anna", "Bert"]  # the person stays known
    # Quietly: no message to the group about someone leaving.
    assert [c.method for c in bot.telegram.calls[sent_before:]] == []


async def test_a_service_message_about_brug_itself_changes_no_membership(bot: BotHarness) -> None:
    anna = bot.user(1, "Anna")
    group = bot.group(-1001, "De Linde", admins=[anna])
    await bot.add_bot_to(group, anna)
    bot_user = {"id": 7000001, "is_bot": True, "first_name": "Brug"}
    await bot.feed(service_message(bot, group, anna, new_chat_members=[bot_user]))
    async with bot.db.sessionmaker() as session:
        names = (await session.scalars(select(Member.first_name))).all()
    assert names == ["Anna"]
