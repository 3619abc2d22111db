"""Writing a proposal: /actie in the group, six questions privately, building blocks, summary, drafts."""

from __future__ import annotations

from datetime import date

from bot.app import build_application
from storage.models import Action, ActionDraft, AgendaItem, Group, Partner
from tests.action_steps import make_cast, private_last, write_proposal
from tests.harness import BotHarness


def failed_calls(bot: BotHarness) -> list:
    return [call for call in bot.telegram.calls if "_error" in call.params]


async def draft_of(bot: BotHarness) -> ActionDraft:
    [draft] = await bot.rows(ActionDraft)
    return draft


async def test_actie_in_the_group_continues_privately_and_the_group_sees_one_line(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    group_before = len(bot.telegram.sent("sendMessage", cast.group.id))
    await bot.say(cast.group, cast.anna, "/actie")
    group_messages = bot.telegram.sent("sendMessage", cast.group.id)[group_before:]
    assert len(group_messages) == 1
    assert "Fijn, Anna!" in group_messages[0].text
    assert group_messages[0].params["reply_parameters"]["message_id"]
    question = private_last(bot, cast.anna)
    assert "Wat ga je doen?" in question.text
    assert question.button_labels() == ["Overslaan", "Stoppen"]  # skip first, stop last
    draft = await draft_of(bot)
    assert draft.step == "title"

    # Other members chatting in between change nothing; the answer comes privately.
    await bot.say(cast.group, cast.ben, "Wie heeft er een ladder?")
    await bot.say(cast.anna, cast.anna, "Soep koken")
    assert (await draft_of(bot)).title == "Soep koken"
    assert "Met wie?" in private_last(bot, cast.anna).text
    assert len(bot.telegram.sent("sendMessage", cast.group.id)) == group_before + 1


async def test_without_a_private_chat_a_deep_link_button_opens_it(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.ben, "/actie Bankjes verven")
    line = bot.telegram.last("sendMessage", cast.group.id)
    [group] = await bot.rows(Group)
    assert line.button_labels() == ["Verder in een privégesprek"]
    assert line.buttons()[0][0]["url"] == f"https://t.me/brug_test_bot?start=actie_{group.id}"
    assert bot.telegram.sent("sendMessage", cast.ben.id) == []

    await bot.start_private(cast.ben, f"actie_{group.id}")
    texts = bot.texts(cast.ben.id)
    assert "We maken samen een voorstel voor <b>De BinnenHaven</b>" in texts[0]
    assert "Met wie?" in texts[1]  # the title came with /actie

    # A forwarded link to a group the member is not in shows nothing of it.
    await bot.start_private(cast.eva, f"actie_{group.id}")
    assert "nog niet heb gezien" in bot.last_text(cast.eva.id)
    await bot.start_private(cast.eva, "actie_999999999999")
    assert await bot.count(ActionDraft) == 1


async def test_skipping_everything_marks_open_blocks_with_a_tip_each(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Bankje bij de speeltuin")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Overslaan")  # 2. met wie
    assert "Wie beweegt er al in de buurt?" in private_last(bot, cast.anna).text
    for _ in range(6):  # wie beweegt er al, wanneer, sluit aan, nodig, betekenen, besmettelijk
        await bot.press(cast.anna, private_last(bot, cast.anna), "Overslaan")
    summary = private_last(bot, cast.anna)
    assert summary.button_labels() == ["Plaatsen", "Aanpassen", "Stoppen"]
    assert "◻️ samen · ✅ eenvoudig · ◻️ kort · ◻️ aanstekelijk · ◻️ sluit aan · ◻️ geven en vragen" in summary.text
    assert "Maak van de longlist een shortlist" in summary.text.replace("maak", "Maak")
    assert "Wat kunnen we voor elkaar betekenen?" in summary.text
    assert summary.text.count("<i>") == 5  # five tips, one per open block

    # Aanpassen → Wanneer → a date: back to the summary with "kort" covered.
    await bot.press(cast.anna, summary, "Aanpassen")
    menu = private_last(bot, cast.anna)
    assert menu.button_labels()[:3] == ["Wat ga je doen?", "Met wie?", "Wanneer?"]
    await bot.press(cast.anna, menu, "Wanneer?")
    await bot.say(cast.anna, cast.anna, "over twee weken")
    texts = bot.texts(cast.anna.id)
    assert "Genoteerd: <b>dinsdag 15 december</b>." in texts[-2]
    assert "✅ kort" in texts[-1] and "Je voorstel" in texts[-1]

    # Wederkerig needs BOTH questions.
    await bot.press(cast.anna, private_last(bot, cast.anna), "Aanpassen")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Geven en vragen")
    await bot.say(cast.anna, cast.anna, "Verf")
    assert "voor elkaar" in private_last(bot, cast.anna).text
    await bot.press(cast.anna, private_last(bot, cast.anna), "Overslaan")
    assert "◻️ geven en vragen" in private_last(bot, cast.anna).text
    await bot.press(cast.anna, private_last(bot, cast.anna), "Aanpassen")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Geven en vragen")
    await bot.say(cast.anna, cast.anna, "Verf")
    await bot.say(cast.anna, cast.anna, "Een mooi bankje voor iedereen")
    assert "✅ geven en vragen" in private_last(bot, cast.anna).text

    await bot.press(cast.anna, private_last(bot, cast.anna), "Plaatsen")
    [action] = await bot.rows(Action)
    assert (action.title, action.due_on, action.we_need) == ("Bankje bij de speeltuin", date(2026, 12, 15), "Verf")
    assert action.state == "proposed"
    assert await bot.count(ActionDraft) == 0
    assert failed_calls(bot) == []


async def test_a_long_title_asks_for_a_simpler_version_but_never_blocks(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie")
    long_title = "Een middag organiseren waarop we met alle buren uit de straat samen soep koken en eten"
    await bot.say(cast.anna, cast.anna, long_title)
    ask = private_last(bot, cast.anna)
    assert "lange zin" in ask.text and f"({len(long_title)} tekens)" in ask.text
    assert ask.button_labels() == ["Zo laten", "↩️ Vorige vraag", "Stoppen"]
    await bot.say(cast.anna, cast.anna, "Soep met de buren")
    assert (await draft_of(bot)).title == "Soep met de buren"
    assert "Met wie?" in private_last(bot, cast.anna).text

    # "Zo laten" keeps the long one; "eenvoudig" is then open.
    await bot.press(cast.anna, private_last(bot, cast.anna), "Stoppen")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Weggooien")
    await bot.say(cast.group, cast.anna, f"/actie {long_title}")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Zo laten")
    assert (await draft_of(bot)).title == long_title
    assert "Met wie?" in private_last(bot, cast.anna).text


async def test_partner_shortlist_and_agenda_are_offered_as_buttons(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    [group] = await bot.rows(Group)
    async with bot.db.sessionmaker() as session:
        for i, name in enumerate(["Buurtcentrum De Roef", "Wijkregisseur Fatima", "Voedselbank"]):
            session.add(Partner(group_id=group.id, name=name, on_shortlist=i < 2,
                                created_at=bot.now(), updated_at=bot.now()))
        session.add(AgendaItem(group_id=group.id, what="Straatfeest", happens_on=date(2026, 12, 12),
                               created_at=bot.now(), updated_at=bot.now()))
        session.add(AgendaItem(group_id=group.id, what="Oud nieuws", happens_on=date(2026, 11, 1),
                               created_at=bot.now(), updated_at=bot.now()))
        await session.commit()
    await bot.say(cast.group, cast.anna, "/actie Soep koken")
    ask = private_last(bot, cast.anna)
    assert ask.button_labels() == [
        "Overslaan", "Buurtcentrum De Roef", "Wijkregisseur Fatima", "↩️ Vorige vraag", "Stoppen"]
    assert "shortlist" in ask.text
    await bot.press(cast.anna, ask, "Wijkregisseur Fatima")
    await bot.say(cast.anna, cast.anna, "zaterdag")
    ask = private_last(bot, cast.anna)
    assert ask.button_labels() == ["Overslaan", "Straatfeest", "Nee", "↩️ Vorige vraag", "Stoppen"]
    await bot.press(cast.anna, ask, "Straatfeest")
    draft = await draft_of(bot)
    [fatima] = await bot.rows(Partner, Partner.name == "Wijkregisseur Fatima")
    [feest] = await bot.rows(AgendaItem, AgendaItem.what == "Straatfeest")
    assert (draft.partner_id, draft.with_whom) == (fatima.id, "Wijkregisseur Fatima")
    assert (draft.agenda_item_id, draft.joins_existing) == (feest.id, "Straatfeest")

    # A partner of another group cannot be smuggled in with forged data.
    await bot.say(cast.anna, cast.anna, "x")  # 5a
    await bot.press(cast.anna, private_last(bot, cast.anna), "Stoppen")


async def test_dates_unclear_and_too_far_ask_again_kindly(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Soep koken")
    await bot.say(cast.anna, cast.anna, "De buren")
    await bot.say(cast.anna, cast.anna, "ergens binnenkort")
    assert "Die datum begrijp ik niet" in private_last(bot, cast.anna).text
    assert (await draft_of(bot)).step == "when"
    await bot.say(cast.anna, cast.anna, "over 2 maanden")
    ask = private_last(bot, cast.anna)
    assert "Dat is maandag 1 februari, over 62 dagen" in ask.text
    assert ask.button_labels() == ["Kleinere eerste stap", "Toch zo", "↩️ Vorige vraag", "Stoppen"]
    await bot.press(cast.anna, ask, "Kleinere eerste stap")
    first = private_last(bot, cast.anna)
    assert "Wat is die eerste stap?" in first.text and "Je grote plan blijft het doel: Soep koken" in first.text
    assert first.button_labels() == ["Overslaan", "↩️ Vorige vraag", "Stoppen"]
    await bot.say(cast.anna, cast.anna, "Een pan soep voor de buren van nummer 3")
    assert "Wanneer?" in private_last(bot, cast.anna).text
    await bot.say(cast.anna, cast.anna, "over 6 weken")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Toch zo")
    draft = await draft_of(bot)
    assert draft.due_on == date(2027, 1, 12) and draft.step == "existing"
    # The big plan is the goal, the step is the title: both on the summary and, once placed, the card.
    assert (draft.title, draft.goal) == ("Een pan soep voor de buren van nummer 3", "Soep koken")
    for _ in range(4):
        await bot.press(cast.anna, private_last(bot, cast.anna), "Overslaan")
    summary = private_last(bot, cast.anna)
    assert "🎯 Stap 1 op weg naar: Soep koken" in summary.text
    await bot.press(cast.anna, summary, "Plaatsen")
    [action] = await bot.rows(Action)
    assert (action.title, action.goal) == ("Een pan soep voor de buren van nummer 3", "Soep koken")
    card = bot.telegram.message(cast.group.id, action.card_message_id)
    assert "🎯 Stap 1 op weg naar: Soep koken" in card["text"]


async def test_back_from_the_first_step_makes_the_big_plan_the_plan_again(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Een eigen ontmoetingsruimte")
    await bot.say(cast.anna, cast.anna, "De buren")
    await bot.say(cast.anna, cast.anna, "over 3 maanden")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Kleinere eerste stap")
    await bot.press(cast.anna, private_last(bot, cast.anna), "↩️ Vorige vraag")
    draft = await draft_of(bot)
    assert (draft.title, draft.goal, draft.step) == ("Een eigen ontmoetingsruimte", None, "when")
    # Skipping the step's words keeps the plan's title; only its day gets nearer.
    await bot.say(cast.anna, cast.anna, "over 3 maanden")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Kleinere eerste stap")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Overslaan")
    assert "Wanneer?" in private_last(bot, cast.anna).text
    draft = await draft_of(bot)
    assert (draft.title, draft.goal, draft.step) == ("Een eigen ontmoetingsruimte", None, "when")


async def test_stop_keeps_the_draft_until_it_is_thrown_away(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Soep koken")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Stoppen")
    paused = private_last(bot, cast.anna)
    assert "bewaard" in paused.text and paused.button_labels() == ["Toch verder", "Weggooien"]
    assert await bot.count(ActionDraft) == 1
    await bot.say(cast.anna, cast.anna, "nog iets")
    assert "/help" in private_last(bot, cast.anna).text
    await bot.press(cast.anna, paused, "Toch verder")
    assert "Met wie?" in private_last(bot, cast.anna).text
    await bot.say(cast.anna, cast.anna, "stop")  # typed: the same as the button
    paused = private_last(bot, cast.anna)
    assert "bewaard" in paused.text
    await bot.press(cast.anna, paused, "Weggooien")
    assert "weggegooid" in private_last(bot, cast.anna).text
    assert await bot.count(ActionDraft) == 0


async def test_a_restart_in_the_middle_of_a_draft_loses_nothing(bot: BotHarness, settings) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Soep koken")
    await bot.say(cast.anna, cast.anna, "De buren")
    question = private_last(bot, cast.anna)

    # A second process on the same database takes over.
    await bot.app.shutdown()
    second = build_application(settings, request=bot.telegram, clock=bot.clock, database=bot.db)
    await second.initialize()
    bot.app = second
    await bot.say(cast.anna, cast.anna, "zaterdag")
    assert "Genoteerd: <b>zaterdag 5 december</b>." in bot.texts(cast.anna.id)[-2]
    await bot.press(cast.anna, private_last(bot, cast.anna), "Nee")
    assert (await draft_of(bot)).step == "need"
    # The button of an earlier question no longer counts.
    await bot.press(cast.anna, question, "Overslaan")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert (await draft_of(bot)).step == "need"


async def test_a_draft_expires_after_a_day_with_a_gentle_note(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Soep koken")
    old = await draft_of(bot)
    bot.clock.advance(hours=25)
    await bot.say(cast.anna, cast.anna, "De buren")
    texts = bot.texts(cast.anna.id)
    assert "lag meer dan een dag stil" in texts[-2]
    assert "Wat ga je doen?" in texts[-1]
    fresh = await draft_of(bot)
    assert fresh.created_at > old.created_at and fresh.title is None and fresh.step == "title"

    # /actie again after a day: the same note, a fresh start.
    bot.clock.advance(hours=25)
    await bot.say(cast.group, cast.anna, "/actie Bankjes")
    texts = bot.texts(cast.anna.id)
    assert "lag meer dan een dag stil" in texts[-2] and "Met wie?" in texts[-1]
    assert (await draft_of(bot)).title == "Bankjes"


async def test_actie_again_continues_the_open_draft(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Soep koken")
    await bot.say(cast.anna, cast.anna, "De buren")
    await bot.say(cast.group, cast.anna, "/actie Iets anders")
    texts = bot.texts(cast.anna.id)
    assert "We gaan verder waar je was" in texts[-2] and "Wanneer?" in texts[-1]
    assert (await draft_of(bot)).title == "Soep koken"
    assert await bot.count(ActionDraft) == 1


async def test_actie_in_a_private_chat_picks_the_group(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    # One group: start right away.
    await bot.say(cast.anna, cast.anna, "/actie Soep koken")
    assert "Met wie?" in private_last(bot, cast.anna).text
    await bot.press(cast.anna, private_last(bot, cast.anna), "Stoppen")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Weggooien")

    # No group: a friendly explanation and the button to add Brug.
    await bot.say(cast.eva, cast.eva, "/actie")
    answer = private_last(bot, cast.eva)
    assert "Voeg mij eerst toe" in answer.text
    assert answer.button_labels() == ["Voeg Brug toe aan je groep"]

    # Several groups: pick one.
    other = bot.group(-1009999, "Voorzorgcirkel Haven")
    await bot.add_bot_to(other, by=cast.anna)
    await bot.say(other, cast.anna, "Hallo")
    await bot.say(cast.anna, cast.anna, "/actie")
    picker = private_last(bot, cast.anna)
    assert picker.button_labels() == ["De BinnenHaven", "Voorzorgcirkel Haven"]
    await bot.press(cast.anna, picker, "Voorzorgcirkel Haven")
    assert "Voorzorgcirkel Haven" in bot.texts(cast.anna.id)[-2]
    [draft] = await bot.rows(ActionDraft)
    [haven] = await bot.rows(Group, Group.telegram_chat_id == other.id)
    assert draft.group_id == haven.id
    # Someone else's group id in forged data does nothing.
    await bot.press_data(cast.eva, private_last(bot, cast.eva), f"d:grp:{haven.id}")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True


async def test_group_commands_in_a_private_chat_are_answered_kindly(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.anna, cast.anna, "/acties")
    assert "Dit werkt in de groep" in private_last(bot, cast.anna).text


async def test_draft_buttons_belong_to_their_owner(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/actie Soep koken")
    draft = await draft_of(bot)
    question = private_last(bot, cast.anna)
    for data in (f"d:stop:{draft.id}:with_whom", f"d:skip:{draft.id + 50}:with_whom",
                 f"d:partner:{draft.id}:with_whom:999", "d:skip:x:y", "d:\x00\xff"):
        await bot.press_data(cast.carla, question, data)
        assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert (await draft_of(bot)).step == "with_whom"
    # The owner pressing a partner that does not exist (or is another group's) is asked again.
    await bot.press_data(cast.anna, question, f"d:partner:{draft.id}:with_whom:999")
    assert "bestaat niet meer" in bot.texts(cast.anna.id)[-2]
    assert (await draft_of(bot)).partner_id is None


BAD_INPUTS = ["x" * 5000, "🍲🥕🎉", "<script>alert('x')</script> & <b>"]


async def test_bad_input_at_every_free_text_step(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    anna = cast.anna
    for round_, text in enumerate(BAD_INPUTS):
        await bot.say(cast.group, anna, "/actie")
        for step in ("title", "with_whom", "when", "existing", "need", "offer", "contagious"):
            assert (await draft_of(bot)).step == step
            await bot.say(anna, anna, "   ")  # empty: asked again, nothing stored
            assert "Ik zag geen tekst" in bot.texts(anna.id)[-2]
            assert (await draft_of(bot)).step == step
            await bot.say(anna, anna, text)
            draft = await draft_of(bot)
            if step == "title" and draft.step == "title":
                # Only emoji is no title: Brug asks for a few words instead of storing them.
                assert "Een paar woorden" in bot.texts(anna.id)[-2]
                await bot.say(anna, anna, "Soep")
                draft = await draft_of(bot)
            if draft.step == "moving":
                # No name in it: the seed's second question, "wie beweegt er al?"; skipped too.
                await bot.press(anna, private_last(bot, anna), "Overslaan")
                draft = await draft_of(bot)
            if draft.step == "title_long":
                await bot.press(anna, private_last(bot, anna), "Zo laten")
            elif step == "when" and draft.step == "when":
                assert "Die datum begrijp ik niet" in private_last(bot, anna).text
                await bot.say(anna, anna, "morgen")
        summary = private_last(bot, anna)
        assert (await draft_of(bot)).step == "summary"
        assert len(summary.text) < 4096
        if round_ < len(BAD_INPUTS) - 1:
            await bot.press(anna, summary, "Stoppen")
            await bot.press(anna, private_last(bot, anna), "Weggooien")
    assert "&lt;script&gt;" in summary.text and "<script>" not in summary.text
    await bot.press(anna, summary, "Plaatsen")
    [action] = await bot.rows(Action)
    assert action.title == "<script>alert('x')</script> & <b>"
    card = bot.telegram.message(cast.group.id, action.card_message_id)
    assert "<script>alert('x')</script> & <b>" in card["text"]  # shown as text, sent escaped
    assert "&lt;script&gt;" in card["html"]
    assert failed_calls(bot) == []


async def test_a_very_long_answer_is_stored_capped_and_shown_short(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await write_proposal(bot, cast, "Soep koken")
    await bot.say(cast.group, cast.anna, "/actie")
    await bot.say(cast.anna, cast.anna, "woord " * 1000)
    await bot.press(cast.anna, private_last(bot, cast.anna), "Zo laten")
    for _ in range(7):
        await bot.press(cast.anna, private_last(bot, cast.anna), "Overslaan")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Plaatsen")
    [action] = await bot.rows(Action, Action.title != "Soep koken")
    assert len(action.title) <= 2000
    card = bot.telegram.message(cast.group.id, action.card_message_id)
    assert len(card["text"]) < 1000 and "…" in card["text"]
    assert failed_calls(bot) == []


async def test_a_member_who_blocked_brug_gets_the_deep_link_instead(bot: BotHarness) -> None:
    from storage.models import Member

    cast = await make_cast(bot)
    bot.telegram.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await bot.say(cast.group, cast.carla, "/actie Soep koken")
    line = bot.telegram.last("sendMessage", cast.group.id)
    assert line.button_labels() == ["Verder in een privégesprek"]
    [carla] = await bot.rows(Member, Member.telegram_user_id == cast.carla.id)
    assert carla.unreachable is True
    # Opening the chat again (a new /start) continues the same draft.
    await bot.start_private(cast.carla, line.buttons()[0][0]["url"].split("start=")[1])
    assert "Met wie?" in private_last(bot, cast.carla).text
    assert await bot.count(ActionDraft) == 1


async def test_the_english_questions_for_an_english_member(bot: BotHarness) -> None:
    cast = await make_cast(bot, "en")
    await bot.say(cast.group, cast.anna, "/actie")
    assert "Lovely, Anna!" in bot.last_text(cast.group.id)
    texts = bot.texts(cast.anna.id)
    assert "a few short questions" in texts[-2] and "What are you going to do?" in texts[-1]
    assert private_last(bot, cast.anna).button_labels() == ["Skip", "Stop"]
    await bot.say(cast.anna, cast.anna, "Soup for the street")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Skip")
    assert "Who is already moving" in private_last(bot, cast.anna).text
    await bot.press(cast.anna, private_last(bot, cast.anna), "Skip")
    await bot.say(cast.anna, cast.anna, "next Friday")
    assert "Noted: <b>Friday 4 December</b>." in bot.texts(cast.anna.id)[-2]
    for _ in range(4):
        await bot.press(cast.anna, private_last(bot, cast.anna), "Skip")
    summary = private_last(bot, cast.anna)
    assert "◻️ together · ✅ simple · ✅ short · ◻️ catching on · ◻️ fits in · ◻️ giving and asking" in summary.text
    assert summary.button_labels() == ["Post", "Change", "Stop"]


def test_the_card_says_samen_met_once() -> None:
    """ "Met wie?" answered "met de buurvrouw" read "🤝 Samen met: met de buurvrouw" on the card."""
    from bot.domain.proposals import detail_lines

    [line] = detail_lines(when=None, with_whom="met de buurvrouw", joins=None, need=None, offer=None, contagious=None)
    assert line.args["text"] == "de buurvrouw"
    [kept] = detail_lines(when=None, with_whom="Metselaar Jan", joins=None, need=None, offer=None, contagious=None)
    assert kept.args["text"] == "Metselaar Jan"
