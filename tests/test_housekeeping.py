"""Issue 18: expired drafts and open questions (free text a member typed) are deleted, as the README
says, a day after they expired; what has not expired stays."""

from __future__ import annotations

from datetime import timedelta

from bot.road.ticking import tick_now
from storage.models import ActionDraft, PendingReply
from tests.action_steps import make_cast
from tests.harness import BotHarness


async def test_the_tick_deletes_drafts_and_questions_a_day_after_they_expired(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Soep koken")  # a draft, and its question waits privately
    await bot.say(cast.group, cast.ben, "/actie Wandelen")
    assert await bot.count(ActionDraft) == 2 and await bot.count(PendingReply) >= 1

    bot.clock.advance(hours=47)  # expired (24 h) but not yet a day ago
    await tick_now(bot.app)
    assert await bot.count(ActionDraft) == 2

    await bot.say(cast.group, cast.carla, "/actie Boeken ruilen")  # a new draft, not expired
    bot.clock.advance(hours=2)  # 49 h: Anna's and Ben's drafts expired more than a day ago
    await tick_now(bot.app)
    drafts = await bot.rows(ActionDraft)
    assert [draft.member_id for draft in drafts] == [await cast_member_id(bot, cast.carla)]
    questions = await bot.rows(PendingReply)
    assert questions and all(question.expires_at > bot.now() - timedelta(hours=24) for question in questions)


async def cast_member_id(bot: BotHarness, user) -> int:
    from storage.models import Member

    [member] = await bot.rows(Member, Member.telegram_user_id == user.id)
    return member.id
