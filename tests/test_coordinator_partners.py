"""Issue 6: /partners — longlist, shortlist, key figures, the actions done with each partner."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.partners import shortlist
from storage.models import Action, Partner, PendingReply
from tests.coordinator_fixtures import action, add, group_with_coordinator, member_id, partner, the
from tests.harness import BotHarness


async def with_partners(bot: BotHarness):
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    now = bot.now()
    roef, wijk = await add(
        bot,
        partner(setting.group_id, "Buurthuis De Roef", now, kind="Buurthuis", contact="Henk, 06-12345678",
                moving_note="koffieochtend op dinsdag", on_shortlist=True),
        partner(setting.group_id, "Wijkteam Haven", now, key_role="wijkregisseur", key_role_formal=True),
    )
    anna_id = await member_id(bot, anna)
    await add(
        bot,
        action(setting.group_id, anna_id, "Soep koken voor de straat", now, partner_id=roef.id,
               due_on=date(2026, 12, 12)),
    )
    return setting, anna, roef, wijk


async def test_members_see_the_list_in_the_group_shortlist_first(bot: BotHarness) -> None:
    setting, anna, roef, wijk = await with_partners(bot)
    await bot.say(setting.chat, anna, "/partners")
    call = bot.telegram.last("sendMessage", setting.chat.id)
    assert "Partners van De BinnenHaven</b> (2)" in call.text
    assert "⭐ <b>Buurthuis De Roef</b> · Buurthuis · beweegt al: koffieochtend op dinsdag · 1 actie samen" in call.text
    assert "<b>Wijkteam Haven</b> · wijkregisseur (formele rol)" in call.text
    assert call.button_labels() == ["⭐ Buurthuis De Roef", "Wijkteam Haven", "➕ Partner toevoegen"]

    # A member may look at a card, with the actions done together …
    await bot.press(anna, call, "⭐ Buurthuis De Roef")
    card = bot.telegram.last("editMessageText").text
    assert "Contact: Henk, 06-12345678" in card
    assert "• Soep koken voor de straat (loopt) za 12 dec" in card
    # … but not change it, nor add one.
    card_message = bot.telegram.last("editMessageText")
    for label in ("Van de shortlist af", "🗑 Verwijderen", "Naam"):
        await bot.press(anna, card_message, label)
        alert = bot.telegram.last("answerCallbackQuery")
        assert alert.params["show_alert"] is True and "coördinator" in alert.params["text"]
    await bot.press(anna, card_message, "‹ Terug")
    await bot.press(anna, card_message, "➕ Partner toevoegen")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    stored = await the(bot, Partner, Partner.id == roef.id)
    assert stored.on_shortlist is True
    assert await bot.count(PendingReply) == 0


async def test_coordinator_adds_a_partner_in_a_short_guided_flow_in_the_group(bot: BotHarness) -> None:
    setting, anna, roef, wijk = await with_partners(bot)
    carla = setting.coordinator
    await bot.say(setting.chat, carla, "/partners")
    await bot.press(carla, bot.telegram.last("sendMessage", setting.chat.id), "➕ Partner toevoegen")
    question = bot.telegram.last("sendMessage", setting.chat.id)
    assert question.params["reply_markup"]["force_reply"] is True
    assert "Hoe heet de partner" in question.text

    # Someone else answering, or Carla not replying, does nothing (privacy mode: replies only).
    await bot.say(setting.chat, anna, "Bakkerij", reply_to=question)
    await bot.say(setting.chat, carla, "Bakkerij")
    assert await bot.count(Partner) == 2

    await bot.say(setting.chat, carla, "x" * 5000, reply_to=question)
    again = bot.telegram.last("sendMessage", setting.chat.id)
    assert "korter" in again.text and await bot.count(Partner) == 2
    await bot.say(setting.chat, carla, "  Bakkerij   Van Dam 🥖 ", reply_to=again)
    kinds = bot.telegram.last("sendMessage", setting.chat.id)
    assert "Wat voor partner is <b>Bakkerij Van Dam 🥖</b>?" in kinds.text
    await bot.press(carla, kinds, "Ondernemer")
    contact = bot.telegram.last("sendMessage", setting.chat.id)
    assert "Hoe bereik je" in contact.text
    await bot.say(setting.chat, carla, "-", reply_to=contact)

    card = bot.telegram.last("sendMessage", setting.chat.id)
    assert "Opgeslagen." in card.text and "Soort: Ondernemer" in card.text and "Contact: -" in card.text
    stored = await the(bot, Partner, Partner.name == "Bakkerij Van Dam 🥖")
    assert (stored.kind, stored.contact, stored.on_shortlist) == ("Ondernemer", None, False)
    assert await bot.count(PendingReply) == 0


async def test_coordinator_manages_shortlist_key_figures_fields_and_removal_privately(bot: BotHarness) -> None:
    setting, anna, roef, wijk = await with_partners(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/partners")
    listing = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, listing, "Wijkteam Haven")
    await bot.press(carla, listing, "⭐ Op de shortlist")
    assert (await the(bot, Partner, Partner.id == wijk.id)).on_shortlist is True
    assert [p.name for p in await _shortlist(bot, setting.group_id)] == ["Buurthuis De Roef", "Wijkteam Haven"]

    await bot.press(carla, listing, "Sleutelfiguur")
    await bot.press(carla, listing, "Buurtburgemeester (informeel)")
    stored = await the(bot, Partner, Partner.id == wijk.id)
    assert (stored.key_role, stored.key_role_formal) == ("buurtburgemeester", False)
    assert "buurtburgemeester (informele rol)" in bot.telegram.last("editMessageText").text

    await bot.press(carla, listing, "Sleutelfiguur")
    await bot.press(carla, listing, "Andere rol…")
    await bot.say(carla, carla, "voorzitter bewonersraad")
    stored = await the(bot, Partner, Partner.id == wijk.id)
    assert (stored.key_role, stored.key_role_formal) == ("voorzitter bewonersraad", None)

    card = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, card, "Laatste contact")
    await bot.say(carla, carla, "volgend jaar")
    assert "begrijp ik niet" in bot.last_text(carla.id)
    await bot.say(carla, carla, "gisteren")
    stored = await the(bot, Partner, Partner.id == wijk.id)
    assert stored.last_contact_on == bot.now().date() - timedelta(days=1)

    card = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, card, "Beweegt al?")
    await bot.say(carla, carla, "<script>alert(1)</script> organiseert de straatborrel")
    card = bot.telegram.last("sendMessage", carla.id)
    assert "&lt;script&gt;" in card.text
    await bot.press(carla, card, "Naam")
    await bot.say(carla, carla, "stop")
    assert "ik laat het zo" in bot.last_text(carla.id)
    assert (await the(bot, Partner, Partner.id == wijk.id)).name == "Wijkteam Haven"

    await bot.press(carla, card, "🗑 Verwijderen")
    await bot.press(carla, card, "Ja, verwijderen")
    assert await bot.count(Partner, Partner.id == wijk.id) == 0
    assert "Wijkteam Haven staat niet meer op de lijst" in bot.telegram.last("editMessageText").text
    # The card's old buttons now answer that the partner is gone.
    await bot.press_data(carla, card, f"pt:sl:{wijk.id}")
    assert "niet meer op de lijst" in bot.telegram.last("answerCallbackQuery").params["text"]


async def test_removing_a_partner_keeps_the_actions_done_with_them(bot: BotHarness) -> None:
    setting, anna, roef, wijk = await with_partners(bot)
    carla = setting.coordinator
    await bot.start_private(carla, f"partners_{setting.group_id}")
    listing = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, listing, "⭐ Buurthuis De Roef")
    await bot.press(carla, listing, "🗑 Verwijderen")
    await bot.press(carla, listing, "Ja, verwijderen")
    [kept] = await bot.rows(Action)
    assert kept.partner_id is None and kept.title == "Soep koken voor de straat"


async def test_answers_are_checked_against_the_role_when_they_arrive(bot: BotHarness) -> None:
    setting, anna, roef, wijk = await with_partners(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/partners")
    listing = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, listing, "Wijkteam Haven")
    await bot.press(carla, listing, "Contact")
    # Carla stops being an administrator before she answers.
    bot.telegram.administrators[setting.chat.id] = []
    bot.clock.advance(hours=2)
    await bot.say(carla, carla, "wijkteam@almere.nl")
    assert "alleen een coördinator" in bot.last_text(carla.id)
    assert (await the(bot, Partner, Partner.id == wijk.id)).contact is None
    assert await bot.count(PendingReply) == 0


async def test_outsider_and_forged_data_see_nothing(bot: BotHarness) -> None:
    setting, anna, roef, wijk = await with_partners(bot)
    eve = bot.user(666, "Eve", started=True)
    await bot.say(eve, eve, "/partners")
    await bot.start_private(eve, f"partners_{setting.group_id}")
    texts = bot.texts(eve.id)
    assert "Ik ken je nog niet uit een groep" in texts[0]
    assert "alleen een coördinator" in texts[1]
    assert not any("Roef" in text or "Henk" in text for text in texts)
    own = bot.telegram.last("sendMessage", eve.id)
    for data in (f"pt:v:{roef.id}", f"pt:l:{setting.group_id}:0", f"pt:dely:{roef.id}", f"pt:k:{roef.id}:e:9"):
        await bot.press_data(eve, own, data)
        assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert bot.telegram.sent("editMessageText") == []
    assert await bot.count(Partner) == 2
    await bot.press_data(eve, own, "pt:v:abc")
    assert "werkt niet meer" in bot.telegram.last("answerCallbackQuery").params["text"]


async def _shortlist(bot: BotHarness, group_id: int):
    async with bot.db.sessionmaker() as session:
        return await shortlist(session, group_id)


async def test_hostile_partner_text_stays_valid_and_within_limits(bot: BotHarness) -> None:
    setting = await group_with_coordinator(bot)
    now = bot.now()
    await add(
        bot,
        *[
            partner(setting.group_id, "&" * 200, now, kind="<" * 100, contact="<" * 500,
                    moving_note="&" * 1000, key_role="&" * 100, key_role_formal=True, on_shortlist=True)
            for _ in range(12)
        ],
    )
    carla = setting.coordinator
    await bot.say(carla, carla, "/partners")
    listing = bot.telegram.last("sendMessage", carla.id)
    assert listing.button_labels()[-2:] == ["Volgende ›", "➕ Partner toevoegen"]
    await bot.press(carla, listing, "Volgende ›")
    assert "Pagina 2 van 2" in bot.telegram.last("editMessageText").text
    await bot.press(carla, listing, listing.button_labels()[0])
    card = bot.telegram.last("editMessageText").text
    assert "Contact: &lt;&lt;" in card and "Beweegt al? &amp;&amp;" in card
    assert [c for c in bot.telegram.calls if "_error" in c.params] == []
