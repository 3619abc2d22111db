"""Issue 6: /overzicht — commitments per action and per member, filters, paging, load, silence, reach."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event

from tests.coordinator_fixtures import (
    action,
    add,
    add_actions_with_commitments,
    add_members,
    commitment,
    group_with_coordinator,
    member_id,
    reminder,
)
from tests.harness import BotHarness


async def small_group(bot: BotHarness):
    anna = bot.user(101, "Anna")
    ben = bot.user(102, "Ben")
    dirk = bot.user(104, "Dirk")
    setting = await group_with_coordinator(bot, members=[anna, ben, dirk])
    now = bot.now()
    today = now.date()
    anna_id, ben_id = await member_id(bot, anna), await member_id(bot, ben)
    soup, walk = await add(
        bot,
        action(setting.group_id, anna_id, "Soep koken voor de straat", now, due_on=today + timedelta(days=10)),
        action(
            setting.group_id, ben_id, "Buurtwandeling", now, state="done",
            closed_at=now - timedelta(days=40), reach_count=12,
        ),
    )
    await add(
        bot,
        commitment(soup.id, anna_id, now, what="pannen regelen", due_on=today + timedelta(days=3)),
        commitment(soup.id, ben_id, now, what="flyers rondbrengen", due_on=today - timedelta(days=2)),
        commitment(walk.id, ben_id, now, what="route lopen", status="done"),
        reminder(setting.group_id, now, member_id=ben_id,
                 error="blocked: 403 in private chat and group: Forbidden: bot was blocked by the user"),
    )
    return setting, soup, walk


async def test_coordinator_sees_commitments_overdue_first_with_load_silence_failures_and_reach(
    bot: BotHarness,
) -> None:
    setting, soup, _ = await small_group(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/overzicht")

    call = bot.telegram.last("sendMessage", carla.id)
    text = call.text
    assert "Overzicht – De BinnenHaven" in text
    lines = [line for line in text.splitlines() if " · " in line]
    assert lines[0].startswith("⏰ te laat · <b>Ben</b>: flyers rondbrengen")
    assert "◻️ open · <b>Anna</b>: pannen regelen · <i>Soep koken voor de straat</i> · vr 4 dec" in text
    assert "✅ gedaan · <b>Ben</b>: route lopen" in text
    # Dirk and Carla have not taken part; Anna and Ben have.
    assert "Wie hebben we nog niet gehoord?</b> 2 van de 4 leden: Carla, Dirk." in text
    assert "Herinneringen die niet aankwamen</b> (1)" in text
    # Why, in the coordinator's language: the stored code, not the English detail (that is for the log).
    assert "Brug mag deze persoon niet schrijven, ook niet in de groep" in text
    assert "Forbidden" not in text and "blocked" not in text
    assert "oktober 2026: 12" in text
    assert "minder dan de helft" in text
    assert call.button_labels() == [
        "• Alles", "Open", "Te laat", "Gedaan", "Per actie", "Per lid",
    ]


async def test_filters_and_pickers_edit_the_message_in_place(bot: BotHarness) -> None:
    setting, soup, walk = await small_group(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/overzicht")
    message = bot.telegram.last("sendMessage", carla.id)

    await bot.press(carla, message, "Te laat")
    edited = bot.telegram.last("editMessageText", carla.id)
    assert edited.params["message_id"] == message.message_id
    assert "flyers rondbrengen" in edited.text and "pannen regelen" not in edited.text
    assert "• Te laat" in edited.button_labels()

    await bot.press(carla, message, "Gedaan")
    assert "route lopen" in bot.telegram.last("editMessageText").text

    await bot.press(carla, message, "Per actie")
    picker = bot.telegram.last("editMessageText")
    assert picker.button_labels()[:2] == ["Buurtwandeling (0 open)", "Soep koken voor de straat (2 open)"]
    await bot.press(carla, message, "Soep koken voor de straat (2 open)")
    per_action = bot.telegram.last("editMessageText").text
    assert "Actie: Soep koken voor de straat" in per_action
    assert "route lopen" not in per_action and "pannen regelen" in per_action

    await bot.press(carla, message, "Per lid")
    await bot.press(carla, message, "Ben (1 open)")
    per_member = bot.telegram.last("editMessageText").text
    assert "Toezeggingen van Ben" in per_member
    assert "flyers rondbrengen" in per_member and "pannen regelen" not in per_member
    assert bot.telegram.sent("sendMessage", carla.id) == [message]
    assert [c for c in bot.telegram.calls if "_error" in c.params] == []


async def test_member_without_the_role_is_refused_everywhere_and_sees_no_data(bot: BotHarness) -> None:
    setting, soup, _ = await small_group(bot)
    anna = setting.members[0]
    bot.telegram.started_users.add(anna.id)

    await bot.say(anna, anna, "/overzicht")
    await bot.say(setting.chat, anna, "/overzicht")
    await bot.start_private(anna, f"overzicht_{setting.group_id}")
    sent = [c.text for c in bot.telegram.sent("sendMessage")]
    assert len(sent) == 3
    assert "nog geen coördinator" in sent[0]
    assert "alleen een coördinator" in sent[1] and "alleen een coördinator" in sent[2]
    for data in ("flyers", "pannen", "Soep", "Ben", "Forbidden"):
        assert not any(data in text for text in sent)

    # Forged buttons: refused with an alert, nothing edited.
    own = bot.telegram.last("sendMessage", anna.id)
    for data in (f"ov:s:{setting.group_id}:a:0", f"ov:g:{setting.group_id}", f"ov:pm:{setting.group_id}:0"):
        await bot.press_data(anna, own, data)
        alert = bot.telegram.last("answerCallbackQuery")
        assert alert.params["show_alert"] is True and "coördinator" in alert.params["text"]
    assert bot.telegram.sent("editMessageText") == []


async def test_in_the_group_a_coordinator_gets_a_button_to_the_private_chat_only(bot: BotHarness) -> None:
    setting, _, _ = await small_group(bot)
    carla = setting.coordinator
    await bot.say(setting.chat, carla, "/overzicht")
    call = bot.telegram.last("sendMessage", setting.chat.id)
    assert "flyers" not in call.text and "Soep" not in call.text
    [button] = [b for row in call.buttons() for b in row]
    assert button["url"] == f"https://t.me/brug_test_bot?start=overzicht_{setting.group_id}"

    await bot.start_private(carla, f"overzicht_{setting.group_id}")
    assert "flyers rondbrengen" in bot.last_text(carla.id)


async def test_role_is_checked_again_on_every_press(bot: BotHarness) -> None:
    setting, _, _ = await small_group(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/overzicht")
    message = bot.telegram.last("sendMessage", carla.id)
    # Carla is no longer a Telegram administrator; the cached list expires.
    bot.telegram.administrators[setting.chat.id] = []
    bot.clock.advance(hours=2)
    await bot.press(carla, message, "Te laat")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert bot.telegram.sent("editMessageText") == []


async def test_coordinator_of_two_groups_picks_one(bot: BotHarness) -> None:
    setting, _, _ = await small_group(bot)
    carla = setting.coordinator
    other = bot.group(-1002, "Voorzorgcirkel Haven", admins=[carla])
    await bot.add_bot_to(other, by=carla)
    await bot.say(carla, carla, "/overzicht")
    picker = bot.telegram.last("sendMessage", carla.id)
    assert picker.button_labels() == ["De BinnenHaven", "Voorzorgcirkel Haven"]
    await bot.press(carla, picker, "De BinnenHaven")
    assert "flyers rondbrengen" in bot.last_text(carla.id)


class StatementCounter:
    def __init__(self, engine) -> None:
        self.engine = engine.sync_engine
        self.count = 0

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, *args) -> None:
        self.count += 1


async def overview_statements(bot: BotHarness, coordinator) -> tuple[int, int, str]:
    """Statements for /overzicht and for pressing "Volgende", and the first page's text."""
    await bot.say(coordinator, coordinator, "/help")  # warm the member row
    with StatementCounter(bot.db.engine) as first:
        await bot.say(coordinator, coordinator, "/overzicht")
    page = bot.telegram.last("sendMessage", coordinator.id)
    with StatementCounter(bot.db.engine) as second:
        await bot.press(coordinator, page, "Volgende ›")
    return first.count, second.count, page.text


async def test_large_group_answers_in_one_page_with_a_fixed_number_of_queries(bot: BotHarness) -> None:
    small = await group_with_coordinator(bot, chat_id=-1001, coordinator=bot.user(100, "Carla", started=True))
    large = await group_with_coordinator(
        bot, chat_id=-1002, title="Groot", coordinator=bot.user(200, "Grietje", started=True)
    )
    small_members = await add_members(bot, small.group_id, 10, start_id=5000)
    large_members = await add_members(bot, large.group_id, 100, start_id=9000)
    carla_id = await member_id(bot, small.coordinator)
    grietje_id = await member_id(bot, large.coordinator)
    await add_actions_with_commitments(
        bot, small.group_id, carla_id, small_members[:5], actions=4, commitments=11
    )
    await add_actions_with_commitments(
        bot, large.group_id, grietje_id, large_members, actions=200, commitments=1000
    )

    small_counts = await overview_statements(bot, small.coordinator)
    large_counts = await overview_statements(bot, large.coordinator)
    assert small_counts[:2] == large_counts[:2]

    text = large_counts[2]
    assert len(text) < 4096
    assert "Pagina 1 van 100 (1.000 toezeggingen)" in text
    assert text.count("⏰ te laat") == 10  # overdue first
    assert "Veel op hun bord" in text
    edited = bot.telegram.last("editMessageText")
    assert "Pagina 2 van 100" in edited.text
    assert edited.button_labels()[-2:] == ["‹ Vorige", "Volgende ›"]


async def test_long_and_hostile_text_stays_within_one_message(bot: BotHarness) -> None:
    setting = await group_with_coordinator(bot)
    now = bot.now()
    ids = await add_members(bot, setting.group_id, 40)
    long_name_ids = []
    async with bot.db.unit_of_work() as session:
        from storage.models import Member

        for member_id_ in ids:
            member = await session.get(Member, member_id_)
            member.first_name = "<script>" + "🦆" * 120
            long_name_ids.append(member_id_)
    [act] = await add(bot, action(setting.group_id, ids[0], "<b>" + "x" * 5000, now))
    await add(
        bot,
        *[commitment(act.id, m, now, what="<i>" + "y" * 5000, due_on=now.date()) for m in ids[:20]],
        *[reminder(setting.group_id, now, member_id=m, error="z" * 5000) for m in ids[:5]],
    )
    carla = setting.coordinator
    await bot.say(carla, carla, "/overzicht")
    call = bot.telegram.last("sendMessage", carla.id)
    assert "&lt;script&gt;" in call.text and "<script>" not in call.text
    assert len(call.text) < 4096
    assert not call.text.endswith("…")  # fitted by design, not cut by the safety net
    assert [c for c in bot.telegram.calls if "_error" in c.params] == []


async def test_another_groups_action_or_member_shows_nothing_of_it(bot: BotHarness) -> None:
    setting, soup, _ = await small_group(bot)
    other = await group_with_coordinator(
        bot, chat_id=-1002, title="Elders", coordinator=bot.user(300, "Olga", started=True)
    )
    olga = other.coordinator
    await bot.say(olga, olga, "/overzicht")
    page = bot.telegram.last("sendMessage", olga.id)
    ben_id = await member_id(bot, setting.members[1])
    for code in (f"A{soup.id}", f"M{ben_id}"):
        await bot.press_data(olga, page, f"ov:s:{other.group_id}:{code}:0")
        text = bot.telegram.last("editMessageText").text
        assert "Soep" not in text and "Ben" not in text and "flyers" not in text
        assert "Hier staan nu geen toezeggingen." in text


async def test_overview_in_english(bot: BotHarness) -> None:
    setting, _, _ = await small_group(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/taal")
    await bot.press(carla, bot.telegram.last("sendMessage", carla.id), "English")
    await bot.say(carla, carla, "/overzicht")
    call = bot.telegram.last("sendMessage", carla.id)
    assert "Overview – De BinnenHaven" in call.text
    assert "⏰ overdue · <b>Ben</b>: flyers rondbrengen" in call.text and "Sun 29 Nov" in call.text
    assert "Who have we not heard from yet?" in call.text
    assert call.button_labels()[:4] == ["• All", "Open", "Overdue", "Done"]


async def test_overview_buttons_never_show_data_in_a_group(bot: BotHarness) -> None:
    setting, _, _ = await small_group(bot)
    carla = setting.coordinator
    await bot.say(setting.chat, carla, "/overzicht")
    pointer = bot.telegram.last("sendMessage", setting.chat.id)
    await bot.press_data(carla, pointer, f"ov:s:{setting.group_id}:a:0")
    assert "werkt niet meer" in bot.telegram.last("answerCallbackQuery").params["text"]
    assert bot.telegram.sent("editMessageText") == []
