"""The conversation as real people hold it: every answer lands where it was meant (issue 14).

Each test is one thing seen when a care-circle member and a coordinator tried Brug: typed answers in
the group that vanished, numbers that answered someone else's question, vague answers stored as
content, "Stoppen" throwing a proposal away, private actions followed up in public. They run on both
databases, on a bridged transport (numbers and plain text, like Signal and the console) and on
Telegram (buttons, replies, privacy mode).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from storage.models import Action, ActionDraft, Commitment, Concern, Group, Member
from bot.domain.actions import record_harvest_answer
from bot.domain.scheduler import tick
from bot.road.telegram_api import TelegramSender
from tests.action_steps import card_call, make_cast, write_proposal
from tests.harness import BotHarness
from tests.memory_transport import ANNA, BERT, CARLA, GROUP, People, people, private  # noqa: F401 (fixture)


async def propose(people: People, title: str = "Koffie met de buren") -> None:
    """Anna writes a proposal privately (skipping most) and places it in the group."""
    await people.say(private(ANNA), ANNA, "/start")
    await people.say(GROUP, ANNA, f"/actie {title}")
    await people.say(private(ANNA), ANNA, "de buurtkamer")  # met wie
    await people.say(private(ANNA), ANNA, "zaterdag")  # wanneer
    await people.say(private(ANNA), ANNA, "nee")  # sluit aan
    await people.say(private(ANNA), ANNA, "koffie")  # wat we nodig hebben
    await people.say(private(ANNA), ANNA, "onze ruimte")  # wat we kunnen betekenen
    await people.say(private(ANNA), ANNA, "overslaan")  # aanstekelijk
    assert "Plaatsen" in people.last(private(ANNA)).message.choices
    await people.say(private(ANNA), ANNA, "plaatsen")


# ---------------------------------------------------------------- no silence, routing by person


async def test_a_typed_answer_in_the_group_is_heard_and_stored(people: People) -> None:
    await propose(people)
    await people.say(GROUP, BERT, "2")  # 🙋 Ik doe mee on the card: nothing was asked of Bert before
    question = people.last(GROUP).message
    assert question.text.startswith("Bert: Wat neem je op je bij Koffie met de buren?")
    assert question.text.count("Fijn dat je meedoet") == 0
    before = people.count(GROUP)
    await people.say(GROUP, BERT, "ik neem vier klapstoelen mee")
    assert people.count(GROUP) > before, "Bert's typed answer got no response"
    assert people.last_text(GROUP).startswith("Bert: Wanneer lukt dat?")
    await people.say(GROUP, BERT, "vrijdag")
    assert "vier klapstoelen" in people.last_text(GROUP) and "vrijdag 4 december" in people.last_text(GROUP)
    [commitment] = await people.rows(Commitment)
    assert commitment.what == "ik neem vier klapstoelen mee" and commitment.due_on == date(2026, 12, 4)


async def test_numbers_answer_what_was_asked_of_that_member(people: People) -> None:
    await propose(people)
    await people.say(GROUP, BERT, "2")  # Bert joins; Brug asks Bert what he takes on (two choices)
    # Carla means 💬 Bedenking on the card: her 3 is not "choose 1 to 2" of Bert's question.
    await people.say(GROUP, CARLA, "3")
    assert "Kies een nummer" not in people.last_text(GROUP)
    assert people.last_text(GROUP).startswith("Carla, wat is je bedenking bij")
    await people.say(GROUP, CARLA, "ik vind zaterdag wat vroeg")
    [concern] = await people.rows(Concern)
    assert concern.text == "ik vind zaterdag wat vroeg"
    # Bert's 1 still answers his own question: Gewoon meedoen, on the action's day (nothing more to ask).
    await people.say(GROUP, BERT, "1")
    assert people.last_text(GROUP).startswith("Bert: ")
    assert "je doet mee met koffie met de buren op zaterdag 5 december" in people.last_text(GROUP).lower()
    [commitment] = await people.rows(Commitment)
    assert (commitment.what, commitment.due_on) == (None, date(2026, 12, 5))
    # After the concern, a number from Carla (nothing asked of her now) goes to the card: 👍 Steun.
    await people.say(GROUP, CARLA, "1")
    assert "👍 Steun: Carla" in people.card().message.text


async def test_a_number_with_nothing_open_gets_an_answer(people: People) -> None:
    await people.say(GROUP, ANNA, "/help")
    await people.say(GROUP, BERT, "3")
    assert "geen vraag open" in people.last_text(GROUP)


async def test_a_reply_to_someone_elses_question_is_told_so(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    bert = bot.user(102, "Bert")
    carla = bot.user(103, "Carla")
    group = bot.group(-100777, "De Linde", admins=[anna])
    await bot.add_bot_to(group, by=anna)
    await bot.start_private(anna)
    await bot.say(group, anna, "/actie Soep koken")
    for answer in ("de buren", "zaterdag", "nee", "soep", "een praatje", "overslaan", "plaatsen"):
        await bot.say(anna, anna, answer)
    card = bot.telegram.last("sendMessage", group.id)
    await bot.press(bert, card, "🙋 Ik doe mee")
    question = bot.telegram.last("sendMessage", group.id)
    # Addressed to Bert by name at the start, so Telegram's selective reply reaches him alone.
    assert question.text.startswith('<a href="tg://user?id=102">Bert</a>:')
    await bot.say(group, carla, "ik help ook", reply_to=question)
    assert "Deze vraag was voor Bert" in bot.last_text(group.id)
    await bot.say(group, bert, "ik neem stoelen mee", reply_to=question)
    [commitment] = await bot.rows(Commitment)
    assert commitment.what == "ik neem stoelen mee"
    # A reply to the card that names a button presses it; one that does not says what it expected.
    await bot.say(group, carla, "steun", reply_to=card)
    assert "Steun" in bot.telegram.last("editMessageText", group.id).text
    await bot.say(group, carla, "mooi plan!", reply_to=card)
    assert "Kies een van deze" in bot.last_text(group.id)


# ---------------------------------------------------------------- understanding


async def test_vague_answers_leave_the_questions_open(people: People) -> None:
    await people.say(private(ANNA), ANNA, "/start")
    await people.say(GROUP, ANNA, "/actie Sneeuw ruimen bij de buren")
    await people.say(private(ANNA), ANNA, "niemand, dat doen we zelf wel")
    assert "Wie beweegt er al" in people.last_text(private(ANNA))
    await people.say(private(ANNA), ANNA, "weet ik nog niet")  # moving: still nobody
    await people.say(private(ANNA), ANNA, "weet ik nog niet")  # when
    assert "Sluit het aan" in people.last_text(private(ANNA))
    await people.say(private(ANNA), ANNA, "5")  # a number where no fifth choice is: asked, not stored
    assert "alleen een getal" in people.last_text(private(ANNA))
    await people.say(private(ANNA), ANNA, "ja")  # existing: yes, but not what -> asked, not stored
    assert "Waar sluit het bij aan?" in people.last_text(private(ANNA))
    await people.say(private(ANNA), ANNA, "nee hoor")  # existing: no after all
    await people.say(private(ANNA), ANNA, "nee hoor")  # need
    await people.say(private(ANNA), ANNA, "overslaan")  # offer
    await people.say(private(ANNA), ANNA, "nee")  # contagious
    summary = people.last_text(private(ANNA))
    for block in ("samen", "kort", "aanstekelijk", "sluit aan", "geven en vragen"):
        assert f"◻️ {block}" in summary
    [draft] = await people.rows(ActionDraft)
    assert (draft.with_whom, draft.due_on, draft.joins_existing, draft.we_need, draft.we_offer,
            draft.contagious) == (None, None, None, None, None, None)


async def test_words_people_use_choose_the_buttons(people: People) -> None:
    await propose(people)
    [action] = await people.rows(Action)
    assert action.joins_existing is None and action.contagious is None
    await people.say(GROUP, BERT, "2")
    await people.say(GROUP, BERT, "ja")  # "ja" to "Wat neem je op je?": gewoon meedoen, not a task "ja"
    # Gewoon meedoen is on the action's day: noted, no "Wanneer lukt dat?".
    assert people.last_text(GROUP).startswith("Bert: ")
    assert "je doet mee met koffie met de buren op zaterdag 5 december" in people.last_text(GROUP).lower()
    [commitment] = await people.rows(Commitment)
    assert commitment.what is None and commitment.due_on == date(2026, 12, 5)
    # A task of her own is asked when; "vrijdagochtend" is a day and a part of it. ("dinsdagochtend"
    # would be Tuesday 8 December, after the action: asked again, see test_commitments.)
    await people.say(GROUP, CARLA, "2")
    await people.say(GROUP, CARLA, "ik neem koekjes mee")
    assert people.last_text(GROUP).startswith("Carla: Wanneer lukt dat?")
    await people.say(GROUP, CARLA, "vrijdagochtend")
    assert "vrijdag 4 december ('s ochtends)" in people.last_text(GROUP)
    [carla] = await people.rows(Commitment, Commitment.what == "ik neem koekjes mee")
    assert carla.due_on == date(2026, 12, 4)


async def test_an_unsure_day_is_proposed_back_with_buttons(people: People) -> None:
    await propose(people)
    await people.say(private(BERT), BERT, "/start")
    await people.say(GROUP, BERT, "2")
    await people.say(private(BERT), BERT, "ik zet de koffie")  # a task: asked when
    assert "Wanneer lukt dat?" in people.last_text(private(BERT))
    await people.say(private(BERT), BERT, "ergens deze week")
    confirm = people.last(private(BERT)).message
    assert confirm.text.startswith("Bedoel je"), confirm.text
    await people.say(private(BERT), BERT, "ja")
    [commitment] = await people.rows(Commitment)
    assert commitment.what == "ik zet de koffie" and commitment.due_on <= date(2026, 12, 5)


async def test_settings_take_the_typed_value_not_its_position(people: People) -> None:
    await people.say(private(ANNA), ANNA, "/start")
    await people.say(GROUP, ANNA, "/help")  # Anna is seen in the group: she coordinates it
    await people.say(private(ANNA), ANNA, "/instellingen")
    await people.say(private(ANNA), ANNA, "steun nodig")
    assert "8 leden" in people.last(private(ANNA)).message.choices
    assert "Typ een van deze getallen" in people.last_text(private(ANNA))
    await people.say(private(ANNA), ANNA, "8")
    [group] = await people.rows(Group)
    assert group.support_threshold == 8


# ---------------------------------------------------------------- nothing lost by a mis-tap


async def test_stoppen_keeps_the_draft_and_skip_keeps_its_number(people: People) -> None:
    await people.say(private(ANNA), ANNA, "/start")
    await people.say(GROUP, ANNA, "/actie Repaircafé")
    for answer in ("de bibliotheek", "zaterdag"):
        question = people.last(private(ANNA)).message
        assert question.choices[0] == "Overslaan" and question.choices[-1] == "Stoppen"
        await people.say(private(ANNA), ANNA, answer)
    question = people.last(private(ANNA)).message  # sluit het aan: Overslaan, Nee, Vorige vraag, Stoppen
    assert question.choices[0] == "Overslaan" and question.choices[-1] == "Stoppen"
    await people.say(private(ANNA), ANNA, str(len(question.choices)))  # Stoppen
    assert "bewaard" in people.last_text(private(ANNA))
    [draft] = await people.rows(ActionDraft)
    assert draft.title == "Repaircafé" and draft.with_whom == "de bibliotheek"
    await people.say(GROUP, ANNA, "/actie")
    assert "Je was al bezig" in "\n".join(people.since(private(ANNA), people.count(private(ANNA)) - 2))
    assert "Sluit het aan" in people.last_text(private(ANNA))


async def test_a_member_can_undo_their_last_answer(people: People) -> None:
    await people.say(private(ANNA), ANNA, "/start")
    await people.say(GROUP, ANNA, "/actie Repaircafé")
    await people.say(private(ANNA), ANNA, "de bibliotheek")
    await people.say(private(ANNA), ANNA, "oeps, terug")
    assert "Met wie?" in people.last_text(private(ANNA))
    await people.say(private(ANNA), ANNA, "het buurthuis")
    [draft] = await people.rows(ActionDraft)
    assert draft.with_whom == "het buurthuis"


# ---------------------------------------------------------------- private stays private


async def test_a_private_later_is_followed_up_privately(people: People) -> None:
    await propose(people)
    await people.say(private(BERT), BERT, "/mijn")  # Bert writes privately first: that chat is open
    await people.say(GROUP, BERT, "2")
    await people.say(private(BERT), BERT, "1")  # gewoon meedoen
    await people.say(private(BERT), BERT, "1")  # by the action's day
    in_group = people.count(GROUP)
    await people.say(private(BERT), BERT, "/mijn")
    later = people.last(private(BERT)).message.choices.index("📅 Later") + 1
    await people.say(private(BERT), BERT, str(later))
    assert "Wanneer lukt" in people.last_text(private(BERT))
    await people.say(private(BERT), BERT, "volgende week vrijdag")
    assert "Verzet" in people.last_text(private(BERT))
    assert people.count(GROUP) == in_group, "a private Later was followed up in the group"


async def test_hello_gets_a_short_help_not_a_shrug(people: People) -> None:
    await people.say(private(CARLA), CARLA, "hallo brug, hoe werkt dit?")
    text = people.last_text(private(CARLA))
    assert text.startswith("Hallo Carla!") and "/actie" in text


async def test_talk_after_an_answered_question_is_new_talk_not_a_wrong_choice(people: People) -> None:
    await propose(people)
    await people.say(private(BERT), BERT, "/start")
    await people.say(GROUP, BERT, "2")
    await people.say(private(BERT), BERT, "gewoon meedoen")
    assert "doet mee met" in people.last_text(private(BERT))
    await people.say(private(BERT), BERT, "wanneer begint het precies?")
    text = people.last_text(private(BERT))
    assert "Kies een van deze" not in text and "Gewoon meedoen" not in text
    assert "/mijn" in text or "/help" in text


async def test_group_talk_after_a_chosen_answer_is_the_neighbours_own(people: People) -> None:
    await propose(people)
    await people.say(GROUP, BERT, "2")
    await people.say(GROUP, BERT, "ik neem brood mee")
    assert people.last_text(GROUP).startswith("Bert: Wanneer lukt dat?")
    await people.say(GROUP, BERT, "1")  # the action's day, chosen by number
    assert "Genoteerd" in people.last_text(GROUP)
    said = people.count(GROUP)
    await people.say(GROUP, BERT, "hallo allemaal")  # chatter: no "Kies een van deze" about the old question
    assert people.count(GROUP) == said


# ---------------------------------------------------------------- the small things that add up


async def test_one_person_is_asked_as_one_and_no_support_is_not_counted_out_loud(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, when="over twee weken")
    quiet = await write_proposal(bot, cast, "Buurtbarbecue", when="over twee weken")
    await bot.press(cast.ben, card_call(bot, cast, action), cast.label("join"))
    async with bot.db.unit_of_work() as session:  # Carla raised a concern: she reacted too
        carla = await session.scalar(select(Member).where(Member.telegram_user_id == cast.carla.id))
        session.add(Concern(action_id=action.id, member_id=carla.id, text="te vroeg", created_at=bot.now()))
    sender = TelegramSender(bot.app.bot, bot.app.bot_data["services"].translator)
    await tick(bot.db, sender, action.decision_deadline - timedelta(hours=24))
    notices = [c.params["text"] for c in bot.telegram.sent("sendMessage", cast.group.id) if "Nog één dag" in c.text]
    assert any(">Dirk</a>: wat vind jij ervan?" in text for text in notices)  # one person: "jij"
    await tick(bot.db, sender, action.decision_deadline)
    for proposal in (action, quiet):
        card = bot.telegram.message(cast.group.id, proposal.card_message_id)
        assert "Dit voorstel wacht even" in card["text"] and "keer steun" not in card["text"]
    private = bot.texts(cast.anna.id)
    assert any("Buurtbarbecue</b> kreeg nog geen steun" in text for text in private)  # not "0 keer"
    assert not any("0 keer" in text for text in private)


def test_a_number_in_words_is_the_number_people_meant() -> None:
    """The harvest's "how many people?": "een stuk of vijf" was stored as 1."""
    action = Action()
    assert record_harvest_answer(action, "reach", "een stuk of vijf") and action.reach_count == 5
    assert record_harvest_answer(action, "reach", "ongeveer twintig") and action.reach_count == 20
    assert not record_harvest_answer(action, "reach", "heel veel")  # asked again, nothing stored
    assert record_harvest_answer(action, "what", "weet ik niet") and action.harvest_what is None
