"""One ``fit`` for every sender (issue 17, item 5): within Telegram's 4,096 characters as Telegram
counts them — the visible text, in UTF-16 units — with no tag cut or left open."""

from __future__ import annotations

from bot.domain.bot_api_rules import TEXT_LIMIT, visible_length, visible_text
from bot.domain.rendering import fit


def fits_and_parses(text: str) -> str:
    fitted = fit(text)
    assert visible_length(fitted) <= TEXT_LIMIT
    visible_text(fitted, "HTML")  # raises like Telegram on broken HTML
    return fitted


def test_a_short_text_is_left_alone() -> None:
    assert fit("<b>Soep</b> &amp; brood") == "<b>Soep</b> &amp; brood"


def test_emoji_count_twice_as_telegram_counts_them() -> None:
    fitted = fits_and_parses("🙂" * 3000)  # 3,000 characters, but 6,000 for Telegram
    assert fitted.endswith("…") and visible_length(fitted) > TEXT_LIMIT - 10


def test_a_long_list_loses_whole_lines_from_the_end() -> None:
    lines = [f"<b>Actie {n}</b> · met de buren" for n in range(600)]
    fitted = fits_and_parses("\n".join(lines))
    kept = fitted.split("\n")
    assert kept[-1] == "…" and all(line in lines for line in kept[:-1])


def test_one_long_line_is_cut_without_leaving_a_tag_open() -> None:
    fits_and_parses("<b>" + "lang " * 2000 + "</b>")
    fits_and_parses('<a href="https://t.me/brug_bot?start=x">' + "ab " * 3000 + "</a>")
    fits_and_parses("<blockquote>" + "x" * 5000 + "</blockquote>")
    fits_and_parses("a" * 4094 + "&amp;&amp;")  # an entity at the cut is not halved


async def test_acties_with_eighteen_emoji_titles_still_arrives(bot) -> None:
    """Issue 18: Telegram counts the 4,096 in UTF-16 units; counting characters let 18 emoji titles
    break /acties for the whole group (the fake Bot API refuses as Telegram does)."""
    from datetime import date

    from tests.coordinator_fixtures import action, add, group_with_coordinator, member_id

    anna = bot.user(101, "Anna")
    setting = await group_with_coordinator(bot, members=[anna])
    anna_id = await member_id(bot, anna)
    await add(bot, *[
        action(setting.group_id, anna_id, "🎉🍲" * 60, bot.now(), due_on=date(2026, 12, 20), card_message_id=500 + n)
        for n in range(18)
    ])
    await bot.say(setting.chat, anna, "/acties")
    listing = bot.telegram.last("sendMessage", setting.chat.id)
    assert "🎉🍲" in listing.text and listing.text.rstrip().endswith("…")
