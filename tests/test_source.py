"""Issue 20, point 5: /bron names the research Brug comes from, and a tip from it each week."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.source import TIPS, tip_of_the_week
from tests.harness import BotHarness


async def test_bron_names_the_publication_and_the_lectoraten_with_this_weeks_tip(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    await bot.say(anna, anna, "/bron")
    text = bot.last_text(anna.id)
    for named in ("Geen eilandje in de buurt willen zijn", "GGD Flevoland", "Urban Innovation",
                  "Klantenperspectief in Ondersteuning en Zorg", "Windesheim", "De BinnenHaven",
                  "Voorzorgcirkels", "ZonMw", "Tip van de week"):
        assert named in text, named
    group = bot.group(-1001, "De Linde")
    await bot.add_bot_to(group, by=anna)
    assert "/bron" in bot.telegram.sent("sendMessage", group.id)[0].text  # the welcome names it
    await bot.say(group, anna, "/help")
    assert "/bron – waar Brug vandaan komt" in bot.last_text(group.id)
    await bot.say(group, anna, "/source")
    assert "Waar Brug vandaan komt" in bot.last_text(group.id)


def test_a_tip_a_week_round_all_of_them() -> None:
    weeks = [tip_of_the_week(date(2027, 1, 4) + timedelta(weeks=n)) for n in range(len(TIPS))]
    assert len({reply.args["title"].message for reply in weeks}) == len(TIPS)
    # All week the same tip.
    assert tip_of_the_week(date(2027, 1, 4)) == tip_of_the_week(date(2027, 1, 10))


async def test_the_digest_carries_the_tip_of_the_week_only_with_news(bot: BotHarness) -> None:
    from bot.domain.digest import weekly_digests
    from bot.domain.rendering import render_text
    from storage.models import Group
    from tests.coordinator_fixtures import add, agenda_item, group_with_coordinator

    setting = await group_with_coordinator(bot, title="Voorzorgcirkel Haven")
    [group] = await bot.rows(Group)
    async with bot.db.unit_of_work() as session:
        assert (await weekly_digests(session, [group], bot.now()))[group.id] is None  # nothing to say
    await add(bot, agenda_item(setting.group_id, "Koffieochtend", bot.now(), happens_on=date(2026, 12, 8)))
    async with bot.db.unit_of_work() as session:
        digest = (await weekly_digests(session, [group], bot.now()))[group.id]
    text = render_text(bot.app.bot_data["services"].translator, digest, "nl")
    assert "Koffieochtend" in text and "💡 <b>Tip van de week:" in text
