"""Issue 20, partners as equals: what they ask of us and what we can do for them (on the card, and offered
in the proposal wizard), where we stand with the day of the last contact, their wishes and ours, what we
did together and whom it reached, a nudge to the coordinators when a shortlisted partner goes quiet, and
all of it on the dashboard and in the export. Real updates through the real Application, a fixed clock."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import httpx
import openpyxl
import pytest

from bot.config import Settings
from bot.dashboard import data
from bot.road.ticking import tick_now
from storage.db import Database
from storage.models import Action, Group, Partner, PendingReply
from tests.action_steps import make_cast, private_last
from tests.coordinator_fixtures import action, add, group_with_coordinator, member_id, partner, the
from tests.dashboard_fixtures import DASHBOARD_URL, TOKEN, DashboardServer, init_data
from tests.harness import BotHarness, User


@pytest.fixture
def settings(database: Database) -> Settings:
    # The dashboard on (its page is tested below); everything else as the other tests have it.
    return Settings(
        telegram_token=TOKEN, database_url=database.url, rate_limiter=False,
        dashboard_url=DASHBOARD_URL, _env_file=None,
    )


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


async def linde_and_friends(bot: BotHarness, **linde: object):
    """De BinnenHaven with Carla (coordinator, has a private chat with Brug) and Anna (member), and
    Buurthuis De Linde on the shortlist. The clock says Tuesday 1 December 2026, 10:00 in Amsterdam."""
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    await bot.say(setting.coordinator, setting.coordinator, "/start")  # Carla's private chat with Brug
    await bot.say(anna, anna, "/start")
    bot.telegram.clear()
    [row] = await add(bot, partner(setting.group_id, "Buurthuis De Linde", bot.now(), on_shortlist=True,
                                   kind="Buurthuis", **linde))
    return setting, anna, row


async def card_of(bot: BotHarness, user: User, name: str = "Buurthuis De Linde"):
    """``user`` opens /partners privately and the card of ``name``; the message now showing the card."""
    await bot.say(user, user, "/partners")
    listing = bot.telegram.last("sendMessage", user.id)
    await bot.press(user, listing, ("⭐ " if name == "Buurthuis De Linde" else "") + name)
    return listing


async def stored(bot: BotHarness, row: Partner) -> Partner:
    return await the(bot, Partner, Partner.id == row.id)


# ---------------------------------------------------------------- 2. reciprocity, and the wishes


async def test_coordinator_notes_what_they_ask_of_us_what_we_can_do_and_the_wishes(bot: BotHarness) -> None:
    setting, anna, linde = await linde_and_friends(bot)
    carla = setting.coordinator
    card = await card_of(bot, carla)
    shown = bot.telegram.last("editMessageText", carla.id)
    text = shown.text
    # Both questions are on the card even when still open: they are the point. The wishes only when noted.
    assert "Wat vragen zij van ons? -" in text and "Wat kunnen wij voor hen doen? -" in text
    assert "Zij willen" not in text and "Wij willen" not in text
    assert shown.button_labels()[:2] == ["Van de shortlist af", "Waar staan we?"]
    assert shown.button_labels()[8:12] == ["Wat vragen zij?", "Wat bieden wij?", "Wat willen zij?", "Wat willen wij?"]

    await bot.press(carla, card, "Wat vragen zij?")
    assert "Wat vraagt <b>Buurthuis De Linde</b> van ons?" in bot.last_text(carla.id)
    await bot.say(carla, carla, "x" * 1001)  # too long: asked again, nothing lost
    assert "korter" in bot.last_text(carla.id)
    assert (await stored(bot, linde)).asks_of_us is None
    await bot.say(carla, carla, "hulp bij de  koffieochtend")
    card = bot.telegram.last("sendMessage", carla.id)
    assert "Opgeslagen." in card.text and "Wat vragen zij van ons? hulp bij de koffieochtend" in card.text

    await bot.press(carla, card, "Wat bieden wij?")
    assert "Wat kunnen we voor elkaar betekenen?" in bot.last_text(carla.id)  # the seed's question
    await bot.say(carla, carla, "soep en een paar handen")
    card = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, card, "Wat willen zij?")
    assert "Soms willen zij iets anders dan wij" in bot.last_text(carla.id)
    await bot.say(carla, carla, "meer vrijwilligers voor de inloop")
    card = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, card, "Wat willen wij?")
    await bot.say(carla, carla, "een vaste plek voor onze <soep>")
    card = bot.telegram.last("sendMessage", carla.id)
    assert "Wat kunnen wij voor hen doen? soep en een paar handen" in card.text
    assert "Zij willen: meer vrijwilligers voor de inloop" in card.text
    assert "Wij willen: een vaste plek voor onze &lt;soep&gt;" in card.text
    row = await stored(bot, linde)
    assert (row.asks_of_us, row.we_offer_them, row.their_wish, row.our_wish) == (
        "hulp bij de koffieochtend", "soep en een paar handen", "meer vrijwilligers voor de inloop",
        "een vaste plek voor onze <soep>",
    )

    # "-" empties a wish, and the card no longer shows it; "stop" leaves it as it is.
    await bot.press(carla, card, "Wat willen zij?")
    await bot.say(carla, carla, "-")
    card = bot.telegram.last("sendMessage", carla.id)
    assert "Zij willen" not in card.text and (await stored(bot, linde)).their_wish is None
    await bot.press(carla, card, "Wat vragen zij?")
    await bot.say(carla, carla, "stop")
    assert (await stored(bot, linde)).asks_of_us == "hulp bij de koffieochtend"
    assert await bot.count(PendingReply) == 0

    # Anna reads it all, and changes nothing.
    member_card = await card_of(bot, anna)
    assert "Wat vragen zij van ons? hulp bij de koffieochtend" in bot.telegram.last("editMessageText", anna.id).text
    for label in ("Wat vragen zij?", "Wat willen wij?"):
        await bot.press(anna, member_card, label)
        alert = bot.telegram.last("answerCallbackQuery")
        assert alert.params["show_alert"] is True and "coördinator" in alert.params["text"]
    assert await bot.count(PendingReply) == 0


# ---------------------------------------------------------------- 3. where we stand


async def test_status_buttons_say_where_we_stand_with_the_day_of_the_last_contact(bot: BotHarness) -> None:
    setting, anna, linde = await linde_and_friends(bot, last_contact_on=date(2026, 11, 10))
    carla = setting.coordinator
    card = await card_of(bot, carla)
    assert "Waar we staan" not in bot.telegram.last("editMessageText", carla.id).text

    await bot.press(carla, card, "Waar staan we?")
    menu = bot.telegram.last("editMessageText", carla.id)
    assert "Waar staan we met <b>Buurthuis De Linde</b>?" in menu.text and "laatste contact op vandaag" in menu.text
    assert menu.button_labels() == [
        "👋 Kennismaken", "💬 In gesprek", "🤝 We werken samen", "⏸ (Nog) niet", "‹ Terug",
    ]
    await bot.press(carla, card, "💬 In gesprek")
    shown = bot.telegram.last("editMessageText", carla.id).text
    # A new status is a conversation: the last contact (10 November) is today now, and the card says so.
    assert "Het laatste contact staat nu op vandaag" in shown
    assert "Waar we staan: in gesprek\nLaatste contact: di 1 dec" in shown
    row = await stored(bot, linde)
    assert (row.status, row.last_contact_on) == ("talking", date(2026, 12, 1))

    # The contact was really yesterday: typed, and the same status again moves nothing.
    await bot.press(carla, card, "Laatste contact")
    await bot.say(carla, carla, "gisteren")
    card = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, card, "Waar staan we?")
    assert bot.telegram.last("editMessageText", carla.id).button_labels()[1] == "✓ 💬 In gesprek"
    await bot.press(carla, card, "✓ 💬 In gesprek")
    assert "Opgeslagen." in bot.telegram.last("editMessageText", carla.id).text
    assert (await stored(bot, linde)).last_contact_on == date(2026, 11, 30)

    # A week later they work together: the day moves with it, and the list says it in plain words.
    bot.clock.advance(days=7)
    await bot.press(carla, card, "Waar staan we?")
    await bot.press(carla, card, "🤝 We werken samen")
    assert "Waar we staan: we werken samen\nLaatste contact: di 8 dec" in bot.telegram.last("editMessageText").text
    await bot.say(setting.chat, anna, "/partners")
    assert "⭐ <b>Buurthuis De Linde</b> · Buurthuis · we werken samen" in bot.last_text(setting.chat.id)

    # A member may not choose, nor can a forged status.
    await bot.press_data(anna, bot.telegram.last("sendMessage", setting.chat.id), f"pt:st:{linde.id}:not_now")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    await bot.press_data(carla, card, f"pt:st:{linde.id}:friends")
    assert "werkt niet meer" in bot.telegram.last("answerCallbackQuery").params["text"]
    assert (await stored(bot, linde)).status == "together"


async def test_status_words_in_english(bot: BotHarness) -> None:
    setting, anna, linde = await linde_and_friends(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/taal")
    await bot.press(carla, bot.telegram.last("sendMessage", carla.id), "English")
    listing = await card_of(bot, carla)
    await bot.press(carla, listing, "Where do we stand?")
    await bot.press(carla, listing, "🤝 We work together")
    shown = bot.telegram.last("editMessageText", carla.id).text
    assert "Where we stand: we work together" in shown and "The last contact is now today" in shown
    assert "What do they ask of us? -" in shown


# ---------------------------------------------------------------- 2. offered in the proposal wizard


async def test_proposing_with_a_partner_that_asked_something_offers_it_once_never_blocking(
    bot: BotHarness,
) -> None:
    cast = await make_cast(bot)
    [group] = await bot.rows(Group)
    await add(
        bot,
        partner(group.id, "Buurthuis De Linde", bot.now(), on_shortlist=True, asks_of_us="hulp bij de koffieochtend"),
        partner(group.id, "De school", bot.now(), on_shortlist=True),
    )
    anna = cast.anna
    await bot.say(cast.group, anna, "/actie Soep koken")
    with_whom = private_last(bot, anna)
    assert "Met wie?" in with_whom.text
    await bot.press(anna, with_whom, "Buurthuis De Linde")
    assert "Wanneer?" in private_last(bot, anna).text
    assert "💡" not in private_last(bot, anna).text  # not yet: the line waits for the question it fits
    await bot.say(anna, anna, "zaterdag")
    joins = private_last(bot, anna)
    assert joins.text.startswith(
        "💡 Buurthuis De Linde vroeg ons om: <i>hulp bij de koffieochtend</i>. Sluit dit daarbij aan?\n\n"
        "<b>Sluit het aan bij iets dat al gebeurt?</b>"
    )
    assert joins.button_labels() == ["Overslaan", "Nee", "↩️ Vorige vraag", "Stoppen"]  # nothing added
    # It asks, never blocks: "Nee" goes on as always.
    await bot.press(anna, joins, "Nee")
    assert "Wat hebben wij nodig?" in private_last(bot, anna).text
    # Asked again from "Vorige vraag", the line is there again; answered, it is what the action joins.
    await bot.press(anna, private_last(bot, anna), "↩️ Vorige vraag")
    assert "💡 Buurthuis De Linde" in private_last(bot, anna).text
    await bot.say(anna, anna, "de koffieochtend van De Linde")
    for _ in range(3):
        await bot.press(anna, private_last(bot, anna), "Overslaan")
    await bot.press(anna, private_last(bot, anna), "Plaatsen")
    [soup] = await bot.rows(Action)
    assert soup.joins_existing == "de koffieochtend van De Linde" and soup.partner_id is not None

    # With a partner that asked nothing, or a name typed by hand, the question is as it always was.
    for choose in ("De school", None):
        await bot.say(cast.group, anna, "/actie Bankje verven")
        if choose:
            await bot.press(anna, private_last(bot, anna), choose)
        else:
            await bot.say(anna, anna, "Henk van nummer 12")  # typed: a name, no partner linked
        await bot.say(anna, anna, "zaterdag")
        assert private_last(bot, anna).text.startswith("<b>Sluit het aan bij iets dat al gebeurt?</b>")
        await bot.press(anna, private_last(bot, anna), "Stoppen")
        await bot.press(anna, private_last(bot, anna), "Weggooien")


# ---------------------------------------------------------------- 4b. done together, and whom it reached


async def test_the_card_says_what_we_did_together_and_how_many_people_it_reached(bot: BotHarness) -> None:
    setting, anna, linde = await linde_and_friends(bot)
    anna_id = await member_id(bot, anna)
    now = bot.now()
    await add(
        bot,
        action(setting.group_id, anna_id, "Moestuin met de school", now, state="done", partner_id=linde.id,
               reach_count=12, neighbours_coming=3, closed_at=now - timedelta(days=40)),
        action(setting.group_id, anna_id, "Soep koken", now, state="done", partner_id=linde.id,
               reach_count=20, neighbours_coming=10, closed_at=now - timedelta(days=10)),
        action(setting.group_id, anna_id, "Kerstmarkt", now, state="done", partner_id=linde.id,
               closed_at=now - timedelta(days=20)),
        action(setting.group_id, anna_id, "Bankje verven", now, state="running", partner_id=linde.id,
               reach_count=99),  # not done yet: not counted
        action(setting.group_id, anna_id, "Zonder De Linde", now, state="done", reach_count=50),
    )
    await card_of(bot, anna)
    text = bot.telegram.last("editMessageText", anna.id).text
    assert "🤝 Samen gedaan: 3 acties (Soep koken, Kerstmarkt, …) · bereikt: 45 mensen\n4 acties samen:" in text

    # One done action without a count: no "bereikt".
    [alone] = await add(bot, partner(setting.group_id, "Bakkerij", now))
    await add(bot, action(setting.group_id, anna_id, "Broodjes", now, state="done", partner_id=alone.id))
    await card_of(bot, anna, "Bakkerij")
    text = bot.telegram.last("editMessageText", anna.id).text
    assert "🤝 Samen gedaan: 1 actie (Broodjes)\n" in text and "bereikt" not in text


# ---------------------------------------------------------------- 3. the nudge


async def quiet_messages(bot: BotHarness, chat_id: int) -> list:
    return [call for call in bot.telegram.sent("sendMessage", chat_id) if "📇" in (call.text or "")]


async def test_a_quiet_shortlisted_partner_nudges_the_coordinators_once_per_silence(bot: BotHarness) -> None:
    # Last contact Monday 5 October: 60 days quiet on Friday 4 December.
    setting, anna, linde = await linde_and_friends(bot, last_contact_on=date(2026, 10, 5))
    now = bot.now()
    await add(
        bot,
        partner(setting.group_id, "Op de longlist", now, last_contact_on=date(2026, 1, 1)),
        partner(setting.group_id, "Nu even niet", now, on_shortlist=True, status="not_now",
                last_contact_on=date(2026, 1, 1)),
    )
    carla = setting.coordinator

    bot.clock.set(utc(2026, 12, 3, 10, 0))
    await tick_now(bot.app)
    await tick_now(bot.app)
    assert await quiet_messages(bot, carla.id) == [] and (await stored(bot, linde)).nudged_at is None

    bot.clock.set(utc(2026, 12, 4, 10, 0))  # 11:00 in Amsterdam
    await tick_now(bot.app)  # notes the nudge in the outbox …
    await tick_now(bot.app)  # … which sends it
    [nudge] = await quiet_messages(bot, carla.id)
    assert nudge.text == (
        "📇 Al een tijd geen contact met <b>Buurthuis De Linde</b> (sinds maandag 5 oktober). "
        "Even bellen of langsgaan?\n<i>Shortlist van De BinnenHaven</i>"
    )
    assert nudge.button_labels() == ["📇 Bekijk de partner", "✅ Net contact gehad"]
    assert await quiet_messages(bot, anna.id) == [] and await quiet_messages(bot, setting.chat.id) == []
    assert (await stored(bot, linde)).nudged_at == utc(2026, 12, 4, 10, 0)

    # Once for this silence, however many ticks and days go by.
    for day in (5, 12, 30):
        bot.clock.set(utc(2026, 12, day, 10, 0))
        await tick_now(bot.app)
        await tick_now(bot.app)
    assert len(await quiet_messages(bot, carla.id)) == 1

    # A member cannot say there was contact (the button is the coordinator's).
    await bot.say(anna, anna, "/partners")
    await bot.press_data(anna, bot.telegram.last("sendMessage", anna.id), f"pt:ct:{linde.id}")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert (await stored(bot, linde)).last_contact_on == date(2026, 10, 5)

    # "📇 Bekijk de partner" shows the card in the nudge's place; "✅ Net contact gehad" notes today.
    await bot.press(carla, nudge, "📇 Bekijk de partner")
    assert "Laatste contact: ma 5 okt" in bot.telegram.last("editMessageText", carla.id).text
    await bot.press_data(carla, nudge, f"pt:ct:{linde.id}")
    shown = bot.telegram.last("editMessageText", carla.id).text
    assert "Fijn! Het laatste contact staat op vandaag." in shown and "Laatste contact: wo 30 dec" in shown
    assert (await stored(bot, linde)).last_contact_on == date(2026, 12, 30)

    # A new contact, then a new silence: 59 days on nothing, on the 60th day one new nudge.
    bot.clock.set(utc(2027, 2, 27, 10, 0))
    await tick_now(bot.app)
    await tick_now(bot.app)
    assert len(await quiet_messages(bot, carla.id)) == 1
    bot.clock.set(utc(2027, 2, 28, 10, 0))
    await tick_now(bot.app)
    await tick_now(bot.app)
    nudges = await quiet_messages(bot, carla.id)
    assert len(nudges) == 2 and "(sinds woensdag 30 december)" in nudges[-1].text
    # The longlist and "(nog) niet" were never nudged about.
    assert not any("longlist" in n.text or "Nu even niet" in n.text for n in nudges)


async def test_the_nudge_waits_for_quiet_hours_and_a_partner_never_contacted_counts_from_its_listing(
    bot: BotHarness,
) -> None:
    setting, anna, linde = await linde_and_friends(bot)
    carla = setting.coordinator
    # Listed on 1 December without a contact noted: 60 days later, Saturday 30 January, late in the evening.
    bot.clock.set(utc(2027, 1, 30, 21, 30))  # 22:30 in Amsterdam: quiet hours (21:00–9:00)
    await tick_now(bot.app)
    await tick_now(bot.app)
    assert await quiet_messages(bot, carla.id) == []
    assert (await stored(bot, linde)).nudged_at is not None  # noted, waiting in the outbox
    bot.clock.set(utc(2027, 1, 31, 8, 5))  # 9:05
    await tick_now(bot.app)
    [nudge] = await quiet_messages(bot, carla.id)
    assert nudge.text.startswith("📇 Met <b>Buurthuis De Linde</b> staat nog geen contact genoteerd.")


async def test_without_a_private_chat_the_nudge_names_the_coordinator_in_the_group(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])  # Carla never wrote to Brug privately
    [linde] = await add(bot, partner(setting.group_id, "Buurthuis De Linde", bot.now(), on_shortlist=True,
                                     last_contact_on=date(2026, 9, 1)))
    await tick_now(bot.app)
    await tick_now(bot.app)
    [nudge] = await quiet_messages(bot, setting.chat.id)
    assert "Carla" in nudge.text and "Buurthuis De Linde" in nudge.text
    assert await quiet_messages(bot, setting.coordinator.id) == []
    # In the group a member may look at the card, not say there was contact.
    await bot.press(anna, nudge, "✅ Net contact gehad")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert (await stored(bot, linde)).last_contact_on == date(2026, 9, 1)


async def test_the_quiet_days_are_a_group_setting_and_zero_means_never(bot: BotHarness) -> None:
    setting, anna, linde = await linde_and_friends(bot, last_contact_on=date(2026, 9, 1))
    carla = setting.coordinator
    await bot.say(carla, carla, "/instellingen")
    page = bot.telegram.last("sendMessage", carla.id)
    assert "Partner stil na: 60 dagen" in page.text
    await bot.press(carla, page, "Partner stil na")
    options = bot.telegram.last("editMessageText", carla.id)
    assert "na hoeveel dagen zonder contact" in options.text
    assert options.button_labels() == [
        "30 dagen", "45 dagen", "60 dagen", "90 dagen", "120 dagen", "nooit een seintje", "Zelf typen", "‹ Terug",
    ]
    await bot.press(carla, page, "Zelf typen")
    await bot.say(carla, carla, "400")
    assert "van 0 tot 365" in bot.last_text(carla.id)
    assert (await the(bot, Group, Group.id == setting.group_id)).partner_quiet_days == 60
    await bot.say(carla, carla, "geen")  # "geen" is 0
    assert "Partner stil na: nooit een seintje" in bot.last_text(carla.id)
    assert (await the(bot, Group, Group.id == setting.group_id)).partner_quiet_days == 0

    # Off: a partner quiet for three months, and half a year later, gives no nudge.
    for moment in (utc(2026, 12, 2, 10, 0), utc(2027, 6, 1, 10, 0)):
        bot.clock.set(moment)
        await tick_now(bot.app)
        await tick_now(bot.app)
    assert await quiet_messages(bot, carla.id) == [] and (await stored(bot, linde)).nudged_at is None

    # On again at 120 days: Linde (quiet since 1 September) is nudged about at the next tick.
    await bot.say(carla, carla, "/instellingen")
    page = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, page, "Partner stil na")
    await bot.press(carla, page, "120 dagen")
    assert (await the(bot, Group, Group.id == setting.group_id)).partner_quiet_days == 120
    await tick_now(bot.app)
    await tick_now(bot.app)
    assert len(await quiet_messages(bot, carla.id)) == 1


# ---------------------------------------------------------------- 6. the dashboard and the export


async def with_everything(bot: BotHarness):
    setting, anna, linde = await linde_and_friends(
        bot, status="together", last_contact_on=date(2026, 11, 20), asks_of_us="hulp bij de koffieochtend",
        we_offer_them="soep", their_wish="meer vrijwilligers", our_wish="een vaste plek",
    )
    anna_id = await member_id(bot, anna)
    now = bot.now()
    await add(
        bot,
        partner(setting.group_id, "Welzijn Oost", now),
        action(setting.group_id, anna_id, "Moestuin met de school", now, state="done", partner_id=linde.id,
               reach_count=30, neighbours_coming=5, closed_at=now - timedelta(days=30)),
        action(setting.group_id, anna_id, "Soep koken", now, state="done", partner_id=linde.id,
               reach_count=10, closed_at=now - timedelta(days=3)),
    )
    return setting, anna, linde


async def test_the_dashboard_partner_page_shows_where_we_stand_both_ways_and_what_we_did(
    bot: BotHarness,
) -> None:
    setting, anna, linde = await with_everything(bot)
    async with bot.db.sessionmaker() as session:
        group = await session.get(Group, setting.group_id)
        view = await data.partners_page(session, group)
    [row] = view.shortlist
    assert (row.partner.name, row.action_count, row.done.count, row.done.reached) == ("Buurthuis De Linde", 2, 2, 45)
    assert row.done.titles == ["Soep koken", "Moestuin met de school"]
    [other] = view.longlist
    assert (other.partner.name, other.done.count) == ("Welzijn Oost", 0)

    async with DashboardServer(bot) as server, httpx.AsyncClient() as client:
        await client.get(server.base)
        headers = {"X-XSRFToken": client.cookies.get("_xsrf", "")}
        signed = init_data(setting.coordinator, bot.now())
        for confirm in ({}, {"confirm": "1"}):
            await client.post(f"{server.base}/auth/webapp", data={"init_data": signed, **confirm}, headers=headers)
        page = await client.get(f"{server.base}/partners?group={setting.group_id}")
    assert page.status_code == 200
    html = page.text
    assert '<span class="status">we werken samen</span>' in html
    assert "laatste contact vr 20 nov 2026" in html
    assert '<span class="asks">Wat vragen zij van ons? hulp bij de koffieochtend</span>' in html
    assert '<span class="offer">Wat kunnen wij voor hen doen? soep</span>' in html
    assert '<span class="theirs">Zij willen: meer vrijwilligers</span>' in html
    assert '<span class="ours">Wij willen: een vaste plek</span>' in html
    assert '<span class="done">Samen gedaan: 2 acties (Soep koken, Moestuin met de school) · bereikt: 45 mensen</span>' in html
    assert html.count('class="done"') == 1  # Welzijn Oost did nothing with us yet: no line


def rows_of(content: bytes, separator: str = ";") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=separator))


async def test_the_export_has_the_new_partner_columns(bot: BotHarness) -> None:
    setting, anna, linde = await with_everything(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/export")
    workbook, _actions, partners_csv, _calendar = (
        call.files["document"] for call in bot.telegram.sent("sendDocument", carla.id)
    )
    linde_row, welzijn = rows_of(partners_csv)
    assert list(linde_row)[-7:] == [
        "waar we staan", "wat vragen zij van ons", "wat kunnen wij voor hen doen", "wat willen zij",
        "wat willen wij", "samen gedaan (acties)", "bereikt (mensen)",
    ]
    assert [linde_row[key] for key in list(linde_row)[-7:]] == [
        "we werken samen", "hulp bij de koffieochtend", "soep", "meer vrijwilligers", "een vaste plek", "2", "45",
    ]
    assert (welzijn["naam"], welzijn["waar we staan"], welzijn["samen gedaan (acties)"], welzijn["bereikt (mensen)"]) == (
        "Welzijn Oost", "", "0", "0",
    )
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    sheet = list(book["partners"].iter_rows(values_only=True))
    assert sheet[0][-7] == "waar we staan" and sheet[1][-2:] == (2, 45)
