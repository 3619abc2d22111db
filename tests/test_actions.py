"""The card in the group: support, broad support, concerns, steering, harvest, /acties, forged buttons."""

from __future__ import annotations

from datetime import UTC, datetime, date, timedelta

import pytest
from sqlalchemy import delete, select, update

from bot.domain.actions import close_decision_window, support_needed
from bot.domain.messages import Outgoing
from storage.models import Action, ActionEvent, Commitment, Concern, Member, Membership, Support
from tests.action_steps import card_call, make_cast, private_last, write_proposal
from tests.harness import BotHarness

EXPECT = {
    "nl": {
        "card": ["Voorstel van Anna", "📅 zaterdag 5 december", "🤝 Samen met: Buurtcentrum De Roef",
                 "🤝 samen · ✨ eenvoudig · 📅 kort · 🌱 aanstekelijk · 📍 sluit aan · 🔁 geven en vragen",
                 "⏳ Steun nodig van 2 leden. Graag vóór vrijdag 4 december."],
        "buttons": ["👍 Steun", "🙋 Ik doe mee", "💬 Bedenking"],
        "running": "heeft genoeg steun en gaat door!",
        "what": "Wat neem je op je bij",
        "when_button": "zaterdag 5 december",
        "noted": "pannen meenemen, uiterlijk vrijdag 4 december",
        "mine": ["✅ Gedaan", "📅 Later", "↩️ Loslaten", "➕ Ik neem iemand mee"],
        "harvest": "Hoe ging het met Soep koken voor de straat?",
        "celebration": ["Gedaan: Soep koken voor de straat!", "Wat er gebeurde: Gezellig, 20 pannen soep",
                        "We bereikten ongeveer 12 buurtbewoners buiten de groep.", "Dank je wel, Dirk!"],
        "done_status": "🎉 Gedaan. Dank je wel allemaal!",
    },
    "en": {
        "card": ["Proposed by Anna", "📅 Saturday 5 December", "🤝 Together with: Buurtcentrum De Roef",
                 "🤝 together · ✨ simple · 📅 short · 🌱 catching on · 📍 fits in · 🔁 giving and asking",
                 "⏳ Support needed from 2 members. Preferably before Friday 4 December."],
        "buttons": ["👍 Support", "🙋 I'll join", "💬 Concern"],
        "running": "has enough support and goes ahead!",
        "what": "What will you take on for",
        "when_button": "Saturday 5 December",
        "noted": "pannen meenemen, by Friday 4 December",
        "mine": ["✅ Done", "📅 Later", "↩️ Let go", "➕ I'm bringing someone"],
        "harvest": "How did Soep koken voor de straat go?",
        "celebration": ["Done: Soep koken voor de straat!", "What happened: Gezellig, 20 pannen soep",
                        "We reached about 12 neighbours outside the group.", "Thank you, Dirk!"],
        "done_status": "🎉 Done. Thank you all!",
    },
}


def failed_calls(bot: BotHarness) -> list:
    return [call for call in bot.telegram.calls if "_error" in call.params]


def last_alert(bot: BotHarness) -> dict:
    return bot.telegram.last("answerCallbackQuery").params


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_whole_flow_as_a_group_lives_it(bot: BotHarness, lang: str) -> None:
    cast = await make_cast(bot, lang)
    expect = EXPECT[lang]
    group_id = cast.group.id
    action = await write_proposal(bot, cast)

    # The card in the group: everything the proposal says, the marks, the buttons.
    card = card_call(bot, cast, action)
    for line in expect["card"]:
        assert line in card["text"], (line, card["text"])
    assert [b["text"] for row in card["reply_markup"]["inline_keyboard"] for b in row] == expect["buttons"]
    assert action.state == "proposed"
    # The window closes before the action's own day: at noon the day before (Amsterdam), not in 7 days.
    assert action.decision_deadline == datetime(2026, 12, 4, 11, 0, tzinfo=UTC)

    # The outsider (never in the group) pressing the card counts as a member of the group only once
    # they are in it; here the proposer cannot support her own proposal.
    await bot.press(cast.anna, card, expect["buttons"][0])
    assert last_alert(bot)["show_alert"] is True
    assert await bot.count(Support) == 0

    # Two supporters: broad support (4 active members → 2 needed) makes it run.
    await bot.press(cast.ben, card, expect["buttons"][0])
    card = card_call(bot, cast, action)
    assert "Ben" in card["text"] and ("2 leden, nu 1" in card["text"] or "2 members, so far 1" in card["text"])
    await bot.press(cast.carla, card, expect["buttons"][0])
    [action] = await bot.rows(Action)
    assert action.state == "running"
    assert expect["running"] in bot.last_text(group_id) or expect["running"] in bot.texts(group_id)[-1]
    assert expect["running"] in bot.texts(cast.anna.id)[-1]  # the proposer hears it privately
    events = await bot.rows(ActionEvent)
    assert [(e.kind, e.from_state, e.to_state) for e in events] == [
        ("proposed", None, "proposed"), ("broad_support", "proposed", "running")]

    # The joiner: what and by when, privately (Dirk started Brug).
    card = card_call(bot, cast, action)
    await bot.press(cast.dirk, card, expect["buttons"][1])
    assert expect["what"] in private_last(bot, cast.dirk).text
    await bot.say(cast.dirk, cast.dirk, "pannen meenemen")
    when = private_last(bot, cast.dirk)
    assert when.button_labels() == [expect["when_button"]]
    await bot.say(cast.dirk, cast.dirk, "vrijdag" if lang == "nl" else "Friday")
    assert expect["noted"] in private_last(bot, cast.dirk).text
    [commitment] = await bot.rows(Commitment)
    assert (commitment.what, commitment.due_on, commitment.status) == ("pannen meenemen", date(2026, 12, 4), "open")
    assert "Dirk" in card_call(bot, cast, action)["text"]

    # /mijn and ✅ Gedaan; the outsider cannot press it.
    await bot.say(cast.dirk, cast.dirk, "/mijn")
    item = private_last(bot, cast.dirk)
    assert item.button_labels() == expect["mine"]
    await bot.press(cast.eva, item, expect["mine"][0])
    assert last_alert(bot)["show_alert"] is True
    assert (await bot.rows(Commitment))[0].status == "open"
    await bot.press(cast.dirk, item, expect["mine"][0])
    [commitment] = await bot.rows(Commitment)
    assert commitment.status == "done" and commitment.done_at == bot.now()

    # Every commitment done: the proposer is asked "Hoe ging het?".
    assert expect["harvest"] in private_last(bot, cast.anna).text
    for answer in ("Gezellig, 20 pannen soep", "De buurvrouw van nummer 3", "ongeveer 12", "Ben en Carla"):
        await bot.say(cast.anna, cast.anna, answer)
    [action] = await bot.rows(Action)
    assert action.state == "done" and action.closed_at == bot.now()
    assert (action.harvest_what, action.harvest_met, action.reach_count, action.harvest_again) == (
        "Gezellig, 20 pannen soep", "De buurvrouw van nummer 3", 12, "Ben en Carla")
    celebration = bot.last_text(group_id)
    for line in expect["celebration"]:
        assert line in celebration
    card = card_call(bot, cast, action)
    assert expect["done_status"] in card["text"] and "reply_markup" not in card
    events = await bot.rows(ActionEvent)
    assert [e.kind for e in events] == ["proposed", "broad_support", "harvested"]
    assert events[-1].to_state == "done" and events[-1].at == bot.now()
    assert failed_calls(bot) == []


def test_broad_support_rule() -> None:
    assert support_needed(3, 0) == 1
    assert support_needed(3, 1) == 1
    assert support_needed(3, 4) == 2
    assert support_needed(3, 9) == 3
    assert support_needed(3, 200) == 3
    assert support_needed(5, 12) == 4
    assert support_needed(0, 12) == 0  # a group that asks no support: every action simply goes ahead


async def test_support_toggles_and_withdrawing_is_told(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    await bot.press(cast.ben, card, "👍 Steun")
    assert last_alert(bot).get("show_alert") in (None, False)
    await bot.press(cast.ben, card, "👍 Steun")
    assert last_alert(bot)["show_alert"] is True and "ingetrokken" in last_alert(bot)["text"]
    assert await bot.count(Support) == 0
    assert "👍 Steun:" not in card_call(bot, cast, action)["text"]
    [action] = await bot.rows(Action)
    assert action.state == "proposed"


async def test_a_concern_is_asked_in_the_group_and_passed_on_privately(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.ben, card_call(bot, cast, action), "💬 Bedenking")
    question = bot.telegram.last("sendMessage", cast.group.id)
    assert question.params["reply_markup"]["force_reply"] is True
    assert f'<a href="tg://user?id={cast.ben.id}">Ben</a>' in question.text
    # Someone else answering, or chatter, is not the concern.
    await bot.say(cast.group, cast.carla, "Ik vind het top", reply_to=question)
    await bot.say(cast.group, cast.ben, "Even kijken")
    assert await bot.count(Concern) == 0
    await bot.say(cast.group, cast.ben, "Zaterdag is de markt <b>druk</b>", reply_to=question)
    [concern] = await bot.rows(Concern)
    assert concern.text == "Zaterdag is de markt <b>druk</b>"
    to_anna = private_last(bot, cast.anna).text
    assert "Ben heeft een bedenking" in to_anna and "&lt;b&gt;druk&lt;/b&gt;" in to_anna
    # Typed in the group, it is the group's: posted under the card for anyone to answer (issue 15).
    shown = bot.telegram.last("sendMessage", cast.group.id)
    assert "Ben heeft een bedenking" in shown.text and "💬 Reageer" in shown.button_labels()


async def test_a_concern_reaches_the_proposer_in_the_group_when_private_fails(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.ben, card_call(bot, cast, action), "💬 Bedenking")
    question = bot.telegram.last("sendMessage", cast.group.id)
    bot.telegram.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await bot.say(cast.group, cast.ben, "Te duur?", reply_to=question)
    fallback = bot.telegram.last("sendMessage", cast.group.id)
    assert f'<a href="tg://user?id={cast.anna.id}">Anna</a>' in fallback.text and "Te duur?" in fallback.text
    assert fallback.params["reply_parameters"]["message_id"] == action.card_message_id
    [anna] = await bot.rows(Member, Member.telegram_user_id == cast.anna.id)
    assert anna.unreachable is True


async def test_decision_window_closing_without_support_asks_smaller_later_or_let_go(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, when="over twee weken")
    async with bot.db.sessionmaker() as session:
        assert await close_decision_window(session, action.id, bot.now()) == []  # not yet
    bot.clock.advance(days=7, seconds=1)
    async with bot.db.sessionmaker() as session:
        [card, outgoing] = await close_decision_window(session, action.id, bot.now())
        await session.commit()
    assert (card.group_id, card.edit_message_id) == (action.group_id, action.card_message_id)
    assert card.reply.message == "action-card"
    assert isinstance(outgoing, Outgoing)
    assert (outgoing.member_id, outgoing.group_id) == (action.proposer_id, None)
    assert outgoing.reply.message == "action-decision-closed"
    assert [c.payload for row in outgoing.reply.choices for c in row] == [
        f"a:smaller:{action.id}", f"a:later:{action.id}", f"a:letgo:{action.id}"]
    assert (await bot.rows(ActionEvent))[-1].kind == "decision_window_closed"

    anywhere = private_last(bot, cast.anna)
    # Smaller: a new title and a fresh decision window; the card and the group see it.
    await bot.press_data(cast.anna, anywhere, f"a:smaller:{action.id}")
    assert "kleinere eerste stap" in private_last(bot, cast.anna).text
    await bot.say(cast.anna, cast.anna, "Soep voor drie buren")
    confirm = private_last(bot, cast.anna)
    assert "Zo wordt het: <b>Soep voor drie buren</b>" in confirm.text  # shown back first
    assert (await bot.rows(Action))[0].title == "Soep koken voor de straat"
    await bot.press(cast.anna, confirm, "Ja, zo")
    [action] = await bot.rows(Action)
    assert action.title == "Soep voor drie buren" and action.goal == "Soep koken voor de straat"
    assert "Stap 1 op weg naar: Soep koken voor de straat" in card_call(bot, cast, action)["text"]
    # A fresh window, ending at noon the day before the action (Tuesday 15 December).
    assert action.decision_deadline == datetime(2026, 12, 14, 11, 0, tzinfo=UTC)
    assert "Soep voor drie buren" in card_call(bot, cast, action)["text"]
    assert "Kleiner gemaakt" in bot.last_text(cast.group.id)

    # Later: a new date.
    await bot.press_data(cast.anna, anywhere, f"a:later:{action.id}")
    await bot.say(cast.anna, cast.anna, "onzin")
    assert "Die datum begrijp ik niet" in private_last(bot, cast.anna).text
    await bot.say(cast.anna, cast.anna, "over twee weken")
    [action] = await bot.rows(Action)
    assert action.due_on == date(2026, 12, 22)
    assert "verzet naar dinsdag 22 december" in bot.last_text(cast.group.id)

    # Someone else may not steer it; a coordinator may.
    await bot.press_data(cast.ben, anywhere, f"a:letgo:{action.id}")
    assert "Dit kan alleen wie het voorstelde" in last_alert(bot)["text"]

    # Let go, after a confirmation; open commitments are released with it.
    await bot.press(cast.dirk, card_call(bot, cast, action), "🙋 Ik doe mee")
    await bot.press_data(cast.anna, anywhere, f"a:letgo:{action.id}")
    confirm = private_last(bot, cast.anna)
    assert confirm.button_labels() == ["Ja, loslaten", "Nee, toch niet"]
    await bot.press(cast.anna, confirm, "Ja, loslaten")
    [action] = await bot.rows(Action)
    assert action.state == "let_go" and action.closed_at == bot.now()
    assert [c.status for c in await bot.rows(Commitment)] == ["released"]
    assert "losgelaten" in bot.last_text(cast.group.id)
    assert "reply_markup" not in card_call(bot, cast, action)
    kinds = [(e.kind, e.to_state) for e in await bot.rows(ActionEvent)]
    assert kinds[-1] == ("let_go", "let_go")
    assert ("smaller", None) in kinds and ("later", None) in kinds
    # Once closed, nothing can be pressed on it any more.
    await bot.press_data(cast.ben, card_call(bot, cast, action), f"a:sup:{action.id}")
    assert last_alert(bot)["show_alert"] is True and await bot.count(Support) == 0


async def test_decision_window_with_support_by_now_starts_running(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.ben, card_call(bot, cast, action), "👍 Steun")
    # By the deadline (noon the day before Saturday) Carla and Dirk have not been seen for over a
    # month: only two members are still active, so one supporter is enough now.
    async with bot.db.unit_of_work() as session:
        for user in (cast.carla, cast.dirk):
            member = await session.scalar(select(Member).where(Member.telegram_user_id == user.id))
            await session.execute(update(Membership).where(Membership.member_id == member.id)
                                  .values(last_seen_at=bot.now() - timedelta(days=40)))
    bot.clock.advance(days=3, hours=3)
    async with bot.db.sessionmaker() as session:
        outgoing = await close_decision_window(session, action.id, bot.now())
        await session.commit()
    assert [(o.member_id is None, o.group_id is None, o.edit_message_id) for o in outgoing] == [
        (True, False, action.card_message_id), (True, False, None), (False, True, None),
    ]
    [action] = await bot.rows(Action)
    assert action.state == "running"


async def test_done_or_harvest_button_starts_the_harvest_for_the_proposer_or_a_coordinator(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press_data(cast.carla, card_call(bot, cast, action), f"h:start:{action.id}")
    assert "Dit kan alleen" in last_alert(bot)["text"]
    await bot.press_data(cast.anna, private_last(bot, cast.anna), f"a:done:{action.id}")
    assert "Hoe ging het met" in private_last(bot, cast.anna).text
    await bot.say(cast.anna, cast.anna, "Mooi")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Overslaan")  # met
    await bot.say(cast.anna, cast.anna, "heel veel")
    assert "Een getal is genoeg" in private_last(bot, cast.anna).text
    await bot.say(cast.anna, cast.anna, "zo'n 30 mensen")
    # A stale skip button of an earlier question does nothing.
    await bot.press_data(cast.anna, private_last(bot, cast.anna), f"h:skip:{action.id}:met")
    assert last_alert(bot)["show_alert"] is True
    await bot.press(cast.anna, private_last(bot, cast.anna), "Overslaan")  # again
    [action] = await bot.rows(Action)
    assert (action.state, action.harvest_what, action.harvest_met, action.reach_count) == ("done", "Mooi", None, 30)
    assert "We bereikten ongeveer 30" in bot.last_text(cast.group.id)
    await bot.press_data(cast.anna, private_last(bot, cast.anna), f"h:start:{action.id}")
    assert "al afgerond" in last_alert(bot)["text"]


async def test_acties_lists_open_actions_newest_first_with_links(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.anna, "/acties")
    assert "geen voorstellen" in bot.last_text(cast.group.id)
    first = await write_proposal(bot, cast, "Soep koken")
    bot.clock.advance(minutes=5)
    second = await write_proposal(bot, cast, "Bankjes verven", when="12 dec")
    await bot.press(cast.ben, card_call(bot, cast, second), "👍 Steun")
    await bot.press(cast.carla, card_call(bot, cast, second), "👍 Steun")
    await bot.say(cast.group, cast.ben, "/acties")
    text = bot.last_text(cast.group.id)
    assert text.index("Bankjes verven") < text.index("Soep koken")
    assert f'<a href="https://t.me/c/1234567890/{second.card_message_id}">Bankjes verven</a> · 🚀 loopt · zaterdag 12 december' in text
    assert f'<a href="https://t.me/c/1234567890/{first.card_message_id}">Soep koken</a> · 💡 voorstel' in text


async def test_forged_and_stale_callbacks_change_nothing(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    for data in ("a:sup:999999", "a:sup:99999999999", "a:join:abc", "\x00\xff", "a:sup:", "c:done:424242",
                 "h:start:777", "a:letok:999", "x" * 64):
        await bot.press_data(cast.ben, card, data)
        assert last_alert(bot)["show_alert"] is True, data
    # The card's button pressed on a message in another chat (forged) is refused.
    await bot.press_data(cast.carla, private_last(bot, cast.carla), f"a:sup:{action.id}")
    assert last_alert(bot)["show_alert"] is True
    assert await bot.count(Support) == 0
    # An action deleted since: its old card button only gets the polite alert.
    async with bot.db.sessionmaker() as session:
        await session.execute(delete(Action).where(Action.id == action.id))
        await session.commit()
    await bot.press(cast.ben, card, "👍 Steun")
    assert "werkt niet meer" in last_alert(bot)["text"]
    assert failed_calls(bot) == []
