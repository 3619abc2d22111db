"""Members joining and leaving a group Brug is in (Telegram's service messages)."""

from __future__ import annotations

from sqlalchemy import select

import pytest

from bot.domain.messages import Reply
from bot.domain.transport import Address, RetryLater
from bot.road.telegram_api import MOVED_RETRY_SECONDS, TelegramSender
from storage.models import Group, Member, Membership, Partner
from tests.harness import BotHarness, GroupChat


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


async def test_a_group_that_becomes_a_supergroup_keeps_its_history(bot: BotHarness) -> None:
    """Telegram upgrades a group (new chat id) and says so in the old chat and in the new one."""
    anna = bot.user(1, "Anna", started=True)
    old = GroupChat(-4001, "De Linde")
    bot.group(old.id, old.title, admins=[anna])
    await bot.add_bot_to(old, anna)
    new = bot.group(-1004001, "De Linde", admins=[anna])
    async with bot.db.unit_of_work() as session:
        group = await session.scalar(select(Group))
        session.add(Partner(group_id=group.id, name="Buurthuis", on_shortlist=True, created_at=bot.now(),
                            updated_at=bot.now()))

    await bot.feed(service_message(bot, old, anna, migrate_to_chat_id=new.id))
    await bot.feed(service_message(bot, new, anna, migrate_from_chat_id=old.id))

    groups = await bot.rows(Group)
    assert [(g.telegram_chat_id, g.title) for g in groups] == [(new.id, "De Linde")]
    await bot.say(anna, anna, "/partners")  # the coordinator's tools find the group's history
    assert "Buurthuis" in str([c.params for c in bot.telegram.calls if c.chat_id == anna.id])


async def test_a_message_to_a_moved_group_is_retried_after_the_move(bot: BotHarness) -> None:
    """Telegram answers a send to the old chat id with the new one (ChatMigrated): try again shortly,
    by when the service message has moved the group."""
    bot.telegram.fail_next(
        "sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat",
        migrate_to_chat_id=-1004001,
    )
    sender = TelegramSender(bot.app.bot, bot.app.bot_data["services"].translator)
    with pytest.raises(RetryLater) as refused:
        await sender.send(Address("group", -4001), Reply("group-only"), "nl")
    assert refused.value.seconds == MOVED_RETRY_SECONDS
    assert "-1004001" in str(refused.value)
