"""Commitments: join once (a constraint, not luck), what and by when, /mijn, done, later, release."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from bot.app import build_application
from storage.models import Action, Commitment, Member, PendingReply, Reminder
from tests.action_steps import card_call, make_cast, private_last, write_proposal
from tests.harness import BotHarness


def last_alert(bot: BotHarness) -> dict:
    return bot.telegram.last("answerCallbackQuery").params


def failed_calls(bot: BotHarness) -> list:
    return [call for call in bot.telegram.calls if "_error" in call.params]


async def test_pressing_join_twice_makes_no_duplicate(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    await bot.press(cast.dirk, card, "🙋 Ik doe mee")
    await bot.press(cast.dirk, card, "🙋 Ik doe mee")
    assert "Je doet al mee" in last_alert(bot)["text"]
    assert await bot.count(Commitment) == 1
    assert card_call(bot, cast, action)["text"].count("Dirk") == 1


async def test_the_unique_constraint_holds_when_inserting_twice(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    [dirk] = await bot.rows(Member, Member.telegram_user_id == cast.dirk.id)
    row = dict(action_id=action.id, member_id=dirk.id, status="open", created_at=bot.now(), updated_at=bot.now())
    async with bot.db.sessionmaker() as session:
        session.add(Commitment(**row))
        await session.commit()
        session.add(Commitment(**row))
        with pytest.raises(IntegrityError):
            await session.commit()


async def test_two_presses_at_the_same_moment_make_one_commitment(bot: BotHarness, settings) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    # A second process (another worker) on the same database and the same Telegram.
    second = build_application(settings, request=bot.telegram, clock=bot.clock, database=bot.db)
    await second.initialize()
    try:
        message = bot._message_json(card)
        updates = [bot.updates.callback(cast.dirk, message, f"a:join:{action.id}") for _ in range(2)]
        from telegram import Update

        await asyncio.gather(
            bot.app.process_update(Update.de_json(updates[0], bot.app.bot)),
            second.process_update(Update.de_json(updates[1], second.bot)),
        )
        assert await bot.count(Commitment) == 1
        alerts = [c.params.get("text") or "" for c in bot.telegram.sent("answerCallbackQuery")[-2:]]
        assert sorted("Je doet al mee" in text for text in alerts) == [False, True], alerts
        assert not any("Probeer het zo nog eens" in text for text in alerts)
        # Two different members at the same moment: two commitments, both kept.
        updates = [bot.updates.callback(user, message, f"a:join:{action.id}") for user in (cast.ben, cast.carla)]
        await asyncio.gather(
            bot.app.process_update(Update.de_json(updates[0], bot.app.bot)),
            second.process_update(Update.de_json(updates[1], second.bot)),
        )
        assert await bot.count(Commitment) == 3
    finally:
        await second.shutdown()


async def test_a_joiner_without_a_private_chat_answers_in_the_group(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.ben, card_call(bot, cast, action), "🙋 Ik doe mee")
    question = bot.telegram.last("sendMessage", cast.group.id)
    assert f'<a href="tg://user?id={cast.ben.id}">Ben</a>' in question.text
    assert "Antwoord op dit bericht" in question.text
    assert question.button_labels() == ["Gewoon meedoen", "Toch niet"]
    assert bot.telegram.sent("sendMessage", cast.ben.id) == []
    await bot.say(cast.group, cast.ben, "De tafel", reply_to=question)
    when = bot.telegram.last("sendMessage", cast.group.id)
    assert "Wanneer lukt dat?" in when.text
    await bot.say(cast.group, cast.ben, "morgen", reply_to=when)
    [commitment] = await bot.rows(Commitment)
    assert (commitment.what, commitment.due_on) == ("De tafel", date(2026, 12, 2))
    assert "uiterlijk woensdag 2 december" in bot.last_text(cast.group.id)


async def test_just_join_is_one_tap_and_a_tasks_day_is_one_more(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    # Gewoon meedoen with a dated action: on the action's day, noted at once, no "Wanneer lukt dat?".
    await bot.press(cast.dirk, card, "🙋 Ik doe mee")
    await bot.press(cast.dirk, private_last(bot, cast.dirk), "Gewoon meedoen")
    [commitment] = await bot.rows(Commitment)
    assert (commitment.what, commitment.due_on) == (None, date(2026, 12, 5))
    noted = private_last(bot, cast.dirk)
    assert "je doet mee met <b>soep koken voor de straat</b> op zaterdag 5 december" in noted.text.lower()
    assert noted.button_labels() == []
    # A task of one's own still asks when, and the action's day is one tap.
    await bot.press(cast.carla, card, "🙋 Ik doe mee")
    await bot.say(cast.carla, cast.carla, "Brood")
    assert "Wanneer lukt dat?" in private_last(bot, cast.carla).text
    await bot.press(cast.carla, private_last(bot, cast.carla), "zaterdag 5 december")
    [carla] = await bot.rows(Commitment, Commitment.what == "Brood")
    assert carla.due_on == date(2026, 12, 5)
    assert "Brood, uiterlijk zaterdag 5 december" in private_last(bot, cast.carla).text


async def test_plain_joining_a_dated_action_asks_nothing_and_is_never_overdue(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.dirk, card_call(bot, cast, action), "🙋 Ik doe mee")
    await bot.say(cast.dirk, cast.dirk, "ja")  # typed, the same as the button
    [commitment] = await bot.rows(Commitment)
    assert (commitment.what, commitment.due_on, commitment.status) == (None, action.due_on, "open")
    texts = bot.texts(cast.dirk.id)
    assert "je doet mee met <b>soep koken voor de straat</b> op zaterdag 5 december" in texts[-1].lower()
    assert not any("Wanneer lukt dat?" in text for text in texts)
    [dirk] = await bot.rows(Member, Member.telegram_user_id == cast.dirk.id)
    assert await bot.count(PendingReply, PendingReply.member_id == dirk.id) == 0  # no question left open
    # Its plan: the reminder before the day (Friday 10:00 Amsterdam), and no "gedaan, later, of
    # loslaten?" after it: the action's harvest closes plain joining.
    planned = await bot.rows(Reminder, Reminder.commitment_id == commitment.id, Reminder.status == "pending")
    assert [(row.kind, row.due_at) for row in planned] == [("due", datetime(2026, 12, 4, 9, 0, tzinfo=UTC))]
    assert await bot.count(Reminder, Reminder.commitment_id == commitment.id, Reminder.kind == "overdue") == 0


async def test_plain_joining_an_undated_action_still_asks_when(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, when="Overslaan")
    assert action.due_on is None
    await bot.press(cast.dirk, card_call(bot, cast, action), "🙋 Ik doe mee")
    await bot.press(cast.dirk, private_last(bot, cast.dirk), "Gewoon meedoen")
    when = private_last(bot, cast.dirk)
    assert "Wanneer lukt dat?" in when.text and "je doet mee met" not in when.text.lower()
    [dirk] = await bot.rows(Member, Member.telegram_user_id == cast.dirk.id)
    [pending] = await bot.rows(PendingReply, PendingReply.member_id == dirk.id)
    [commitment] = await bot.rows(Commitment)
    assert (pending.kind, pending.subject_id) == ("commit_when", commitment.id)
    assert (commitment.what, commitment.due_on) == (None, None)
    await bot.say(cast.dirk, cast.dirk, "vrijdag")
    [commitment] = await bot.rows(Commitment)
    assert commitment.due_on == date(2026, 12, 4)
    assert "gewoon meedoen, uiterlijk vrijdag 4 december" in private_last(bot, cast.dirk).text
    # A day of its own, not the action's: asked about afterwards like any commitment.
    kinds = {row.kind for row in await bot.rows(Reminder, Reminder.commitment_id == commitment.id,
                                                 Reminder.status == "pending")}
    assert kinds == {"due", "overdue"}


async def test_mijn_lists_open_commitments_of_all_groups_and_is_private(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await bot.say(cast.group, cast.dirk, "/mijn")
    answer = bot.telegram.last("sendMessage", cast.group.id)
    assert "persoonlijk gesprek" in answer.text and answer.buttons()[0][0]["url"]
    await bot.say(cast.dirk, cast.dirk, "/mijn")
    assert "geen open toezeggingen" in private_last(bot, cast.dirk).text

    action = await write_proposal(bot, cast)
    other = bot.group(-1007777, "Voorzorgcirkel Haven")
    await bot.add_bot_to(other, by=cast.anna)
    await bot.say(other, cast.dirk, "Hoi")
    await bot.say(other, cast.ben, "Hoi")
    other_action = await write_proposal(bot, cast, "Wandelen op dinsdag", group=other)
    assert other_action.group_id != action.group_id
    await bot.press(cast.dirk, card_call(bot, cast, action), "🙋 Ik doe mee")
    await bot.say(cast.dirk, cast.dirk, "Soep")
    await bot.say(cast.dirk, cast.dirk, "vrijdag")
    await bot.press(cast.dirk, card_call(bot, cast, other_action, other), "🙋 Ik doe mee")
    await bot.say(cast.dirk, cast.dirk, "Brood")
    await bot.say(cast.dirk, cast.dirk, "morgen")
    await bot.say(cast.dirk, cast.dirk, "/mijn")
    texts = bot.texts(cast.dirk.id)[-3:]
    assert "Mijn toezeggingen</b> (2)" in texts[0]
    assert "Brood, uiterlijk woensdag 2 december" in texts[1]  # the soonest first
    assert "Voorzorgcirkel Haven" in texts[1]
    assert "Soep, uiterlijk vrijdag 4 december" in texts[2] and "De BinnenHaven" in texts[2]


async def test_someone_elses_gedaan_changes_nothing(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.dirk, card_call(bot, cast, action), "🙋 Ik doe mee")
    await bot.press(cast.dirk, private_last(bot, cast.dirk), "Gewoon meedoen")
    await bot.say(cast.dirk, cast.dirk, "/mijn")
    item = private_last(bot, cast.dirk)
    [commitment] = await bot.rows(Commitment)
    for user in (cast.carla, cast.eva, cast.anna):
        for verb in ("done", "later", "rel", "relok", "plain", "dflt"):
            await bot.press_data(user, item, f"c:{verb}:{commitment.id}")
            assert "iemand anders" in last_alert(bot)["text"]
    [after] = await bot.rows(Commitment)
    assert (after.status, after.due_on, after.what) == ("open", commitment.due_on, None)


async def test_later_moves_the_date_and_release_tells_the_proposer(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    card = card_call(bot, cast, action)
    await bot.press(cast.dirk, card, "🙋 Ik doe mee")
    await bot.say(cast.dirk, cast.dirk, "Soep")
    await bot.say(cast.dirk, cast.dirk, "vrijdag")
    await bot.say(cast.dirk, cast.dirk, "/mijn")
    item = private_last(bot, cast.dirk)
    await bot.press(cast.dirk, item, "📅 Later")
    await bot.say(cast.dirk, cast.dirk, "volgende week vrijdag")
    [commitment] = await bot.rows(Commitment)
    assert commitment.due_on == date(2026, 12, 11)
    assert "vrijdag 11 december" in private_last(bot, cast.dirk).text

    await bot.press(cast.dirk, item, "↩️ Loslaten")
    confirm = private_last(bot, cast.dirk)
    await bot.press(cast.dirk, confirm, "Nee, ik doe mee")
    assert (await bot.rows(Commitment))[0].status == "open"
    await bot.press(cast.dirk, item, "↩️ Loslaten")
    await bot.press(cast.dirk, private_last(bot, cast.dirk), "Ja, ik laat het los")
    [commitment] = await bot.rows(Commitment)
    assert commitment.status == "released"
    assert "Dirk doet toch niet mee" in private_last(bot, cast.anna).text
    assert "Dirk" not in card_call(bot, cast, action)["text"]
    # Pressing the old buttons again: already let go, nothing changes.
    await bot.press(cast.dirk, item, "✅ Gedaan")
    assert last_alert(bot)["show_alert"] is True
    assert (await bot.rows(Commitment))[0].status == "released"

    # Joining again reopens the same row.
    await bot.press(cast.dirk, card, "🙋 Ik doe mee")
    [commitment] = await bot.rows(Commitment)
    assert commitment.status == "open" and commitment.what is None
    assert "Dirk" in card_call(bot, cast, action)["text"]


async def test_bad_input_at_the_commitment_questions(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.dirk, card_call(bot, cast, action), "🙋 Ik doe mee")
    await bot.say(cast.dirk, cast.dirk, "   ")
    assert "Ik zag geen tekst" in private_last(bot, cast.dirk).text
    await bot.say(cast.dirk, cast.dirk, "<script>alert(1)</script> 🍲 " + "x" * 5000)
    for bad in ("   ", "🍲", "<script>", "x" * 5000):
        await bot.say(cast.dirk, cast.dirk, bad)
        assert "Die datum begrijp ik niet" in private_last(bot, cast.dirk).text or "geen tekst" in private_last(bot, cast.dirk).text
    await bot.say(cast.dirk, cast.dirk, "morgen")
    [commitment] = await bot.rows(Commitment)
    assert commitment.what.startswith("<script>") and len(commitment.what) == 500
    assert "&lt;script&gt;" in private_last(bot, cast.dirk).text
    assert failed_calls(bot) == []


async def test_commitments_of_a_closed_action_cannot_be_changed(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.dirk, card_call(bot, cast, action), "🙋 Ik doe mee")
    [commitment] = await bot.rows(Commitment)
    await bot.press_data(cast.anna, private_last(bot, cast.anna), f"a:letgo:{action.id}")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Ja, loslaten")
    await bot.press_data(cast.dirk, private_last(bot, cast.dirk), f"c:done:{commitment.id}")
    assert last_alert(bot)["show_alert"] is True
    [commitment] = await bot.rows(Commitment)
    assert commitment.status == "released"
    # The typed answer to the question asked before the action was let go is no longer needed.
    await bot.say(cast.dirk, cast.dirk, "Soep")
    assert "hoeft niet meer" in private_last(bot, cast.dirk).text
    [action] = await bot.rows(Action)
    assert action.state == "let_go"


async def test_joining_halfway_through_writing_a_proposal_gives_the_draft_its_turn_back(bot: BotHarness) -> None:
    from storage.models import ActionDraft

    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.say(cast.group, cast.dirk, "/actie Boekenkastje")
    assert "Met wie?" in private_last(bot, cast.dirk).text
    await bot.press(cast.dirk, card_call(bot, cast, action), "🙋 Ik doe mee")
    await bot.say(cast.dirk, cast.dirk, "Groenten snijden")
    await bot.say(cast.dirk, cast.dirk, "zaterdag")
    texts = bot.texts(cast.dirk.id)
    assert "Genoteerd voor" in texts[-3]
    assert "ook nog bezig met je voorstel" in texts[-2] and "Met wie?" in texts[-1]
    await bot.say(cast.dirk, cast.dirk, "De bibliotheek")
    [draft] = await bot.rows(ActionDraft)
    assert (draft.with_whom, draft.step) == ("De bibliotheek", "when")
    [commitment] = await bot.rows(Commitment)
    assert commitment.what == "Groenten snijden"


async def test_a_lost_race_is_caught_in_a_savepoint_and_the_update_goes_on(bot: BotHarness, monkeypatch) -> None:
    """The other press won between our read and our insert: the constraint answers, nothing else is lost."""
    from bot.domain import commitments
    from storage.models import Group
    from storage.repositories import actions as repo

    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    [dirk] = await bot.rows(Member, Member.telegram_user_id == cast.dirk.id)
    [group] = await bot.rows(Group)
    async with bot.db.sessionmaker() as session:
        session.add(Commitment(action_id=action.id, member_id=dirk.id, status="open",
                               created_at=bot.now(), updated_at=bot.now()))
        await session.commit()

    real_lookup = repo.commitment_of
    calls = []

    async def stale_first_read(session, action_id, member_id):
        calls.append(1)
        return None if len(calls) == 1 else await real_lookup(session, action_id, member_id)

    monkeypatch.setattr(repo, "commitment_of", stale_first_read)
    async with bot.db.sessionmaker() as session:
        member = await session.get(Member, dirk.id)
        member.first_name = "Dirk B."  # an earlier change in the same unit of work
        action_row = await session.get(Action, action.id)
        group_row = await session.get(Group, group.id)
        result = await commitments.join(session, action_row, group_row, member, bot.now())
        assert result.outcome == "already" and result.commitment is not None
        await session.commit()
    assert await bot.count(Commitment) == 1
    [dirk] = await bot.rows(Member, Member.id == dirk.id)
    assert dirk.first_name == "Dirk B."


async def test_a_tasks_day_after_the_action_is_asked_again(bot: BotHarness) -> None:
    """Time is the action's time: on Tuesday 1 December "dinsdag" reads as the 8th, after Saturday's
    action: Brug says so and asks again, the action's day one tap; nothing is stored meanwhile."""
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)  # Saturday 5 December
    await bot.press(cast.carla, card_call(bot, cast, action), "🙋 Ik doe mee")
    await bot.say(cast.carla, cast.carla, "Brood bakken")
    await bot.say(cast.carla, cast.carla, "volgende week dinsdag")
    again = private_last(bot, cast.carla)
    assert "na de actie zelf (zaterdag 5 december)" in again.text
    assert again.button_labels() == ["zaterdag 5 december"]
    [commitment] = await bot.rows(Commitment, Commitment.what == "Brood bakken")
    assert commitment.due_on == date(2026, 12, 5)  # the action's day, as it was: nothing moved
    await bot.say(cast.carla, cast.carla, "vrijdag")
    [commitment] = await bot.rows(Commitment, Commitment.what == "Brood bakken")
    assert commitment.due_on == date(2026, 12, 4)
    assert "uiterlijk vrijdag 4 december" in private_last(bot, cast.carla).text
