"""Issue 15, points 5 and 6: the card shows what is good; a concern is talked through together.

What was seen: (a) every card in the group carried "✅ samen · ◻️ eenvoudig · ◻️ kort …", a public
scorecard of empty boxes under the proposer's name; (b) 💬 Bedenking went privately to the proposer,
the group never saw it and nobody could answer it. The seed: "spreek plannen voor netwerkacties goed
door met elkaar". Now the card shows the covered blocks as chips and the open ones go privately to the
proposer with a tip each; a concern is counted (and quoted, unless its author keeps it for the proposer)
on the card, posted under it with 💬 Reageer, and every answer reaches its author and the proposer.
Both databases; Telegram (buttons, replies) and a bridged transport (typed numbers, quotes).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.bridge.interface import Conversation
from storage.models import Action, Concern
from tests.action_steps import Cast, card_call, make_cast, private_last, write_proposal
from tests.fake_telegram import Call
from tests.harness import BotHarness
from tests.memory_transport import ANNA, BERT, CARLA, GROUP, People, people, private  # noqa: F401 (fixture)

CHIP_EMOJI = ("🤝", "✨", "📅", "🌱", "📍", "🔁")
CHIPS = {
    "nl": ("🤝 samen", "✨ eenvoudig", "📅 kort", "🌱 aanstekelijk", "📍 sluit aan", "🔁 geven en vragen"),
    "en": ("🤝 together", "✨ simple", "📅 short", "🌱 catching on", "📍 fits in", "🔁 giving and asking"),
}


async def write_partial(bot: BotHarness, cast: Cast, title: str = "Soep koken voor de straat") -> str:
    """Anna names a partner and a day and skips the rest: samen, eenvoudig and kort are covered;
    aanstekelijk, sluit aan and geven en vragen are open. Returns the summary she saw before posting."""
    anna = cast.anna
    await bot.say(cast.group, anna, f"/actie {title}")
    await bot.say(anna, anna, "Buurtcentrum De Roef")
    await bot.say(anna, anna, "zaterdag")
    for _ in range(4):  # sluit aan, nodig, betekenen, aanstekelijk
        await bot.press(anna, private_last(bot, anna), cast.label("skip"))
    summary = private_last(bot, anna)
    await bot.press(anna, summary, cast.label("post"))
    return summary.text


async def skip_everything(bot: BotHarness, cast: Cast) -> None:
    """A title too long to be simple, kept as it is, and every other question skipped: nothing covered."""
    anna = cast.anna
    await bot.say(cast.group, anna, "/actie " + "Een grote bijeenkomst voor iedereen uit de wijk met muziek "
                  "en eten en een lange rij tafels op het plein")
    await bot.press(anna, private_last(bot, anna), cast.label("keep"))
    for _ in range(10):
        last = private_last(bot, anna)
        if cast.label("post") in last.button_labels():
            await bot.press(anna, last, cast.label("post"))
            return
        await bot.press(anna, last, cast.label("skip"))
    raise AssertionError("the summary never came")


def group_texts(bot: BotHarness, cast: Cast) -> list[str]:
    return [call.text or "" for method in ("sendMessage", "editMessageText")
            for call in bot.telegram.sent(method, cast.group.id)]


def private_texts(bot: BotHarness, user_id: int) -> list[str]:
    return [call.text or "" for call in bot.telegram.sent("sendMessage", user_id)]


def button_data(call: Call | dict, label: str) -> str:
    buttons = call.buttons() if isinstance(call, Call) else call["reply_markup"]["inline_keyboard"]
    [data] = [b["callback_data"] for row in buttons for b in row if b["text"] == label]
    return data


async def concern_of(bot: BotHarness, cast: Cast, action: Action, user, text: str, *, share: bool) -> Concern:
    """A member who started Brug presses 💬 Bedenking, types privately and chooses who may see it."""
    await bot.press(user, card_call(bot, cast, action), "💬 Bedenking")
    assert "privégesprek" in bot.telegram.last("answerCallbackQuery").params["text"]
    assert "Wat is je bedenking bij" in private_last(bot, user).text
    await bot.say(user, user, text)
    question = private_last(bot, user)
    assert question.button_labels() == ["👥 Ja, de groep mag het zien", "🔒 Alleen voor Anna"]
    await bot.press(user, question, "👥 Ja, de groep mag het zien" if share else "🔒 Alleen voor Anna")
    [concern] = await bot.rows(Concern, Concern.text == text)
    return concern


def concern_message(bot: BotHarness, cast: Cast, text: str) -> Call:
    [call] = [c for c in bot.telegram.sent("sendMessage", cast.group.id)
              if "💬 Reageer" in c.button_labels() and text in (c.text or "")]
    return call


# ---------------------------------------------------------------- 5. coach privately, show what is good


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_card_shows_only_what_is_good_and_no_empty_boxes(bot: BotHarness, lang: str) -> None:
    cast = await make_cast(bot, lang)
    await write_partial(bot, cast)
    [action] = await bot.rows(Action)
    card = card_call(bot, cast, action)["text"]
    assert "◻️" not in card and "✅" not in card
    assert " · ".join(CHIPS[lang][:3]) in card
    for open_block in CHIPS[lang][3:]:
        assert open_block not in card


async def test_a_full_proposal_shows_every_chip_and_an_empty_one_shows_none(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    full = await write_proposal(bot, cast)
    assert " · ".join(CHIPS["nl"]) in card_call(bot, cast, full)["text"]
    await skip_everything(bot, cast)
    [bare] = await bot.rows(Action, Action.id != full.id)
    card = card_call(bot, cast, bare)["text"]
    lines = card.splitlines()
    assert lines[1] == "Voorstel van Anna" and lines[2].startswith("⏳"), card  # no line of blocks at all
    assert not any(emoji in card for emoji in CHIP_EMOJI) and "◻️" not in card


async def test_the_proposer_hears_the_open_blocks_with_a_tip_each_privately(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    summary = await write_partial(bot, cast)
    # The summary before posting keeps the whole picture (private coaching), in plain words.
    assert "✅ samen · ✅ eenvoudig · ✅ kort · ◻️ aanstekelijk · ◻️ sluit aan · ◻️ geven en vragen" in summary
    posted = private_last(bot, cast.anna).text
    assert "Je voorstel staat in <b>De BinnenHaven</b>" in posted
    assert "Alleen voor jou" in posted
    # Each open block by its plain name, with the research's own words in its tip.
    for heading, tip in (("aanstekelijk", "✨ <i>Besmettelijk:</i>"), ("sluit aan", "📍 <i>In het hier en nu:</i>"),
                         ("geven en vragen", "🔁 <i>Bouw aan wederkerige relaties:</i>")):
        assert f"👉 <b>{heading}</b>\n{tip}" in posted
    for covered_tip in ("Samen met anderen:", "<i>Eenvoudig:</i>", "Denk vooruit"):
        assert covered_tip not in posted
    # The group never reads the coaching.
    for text in group_texts(bot, cast):
        assert "Alleen voor jou" not in text and "◻️" not in text and "Besmettelijk" not in text


async def test_a_proposal_with_every_block_gets_no_tips(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await write_proposal(bot, cast)
    posted = private_last(bot, cast.anna).text
    assert "Je voorstel staat in" in posted and "Alleen voor jou" not in posted


# ---------------------------------------------------------------- 6. talk it through


async def test_a_shared_concern_is_on_the_card_and_a_private_one_only_counts(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.carla, card_call(bot, cast, action), "💬 Bedenking")
    before = len(bot.telegram.sent("sendMessage", cast.group.id))
    await bot.say(cast.carla, cast.carla, "ik vind zaterdag wat vroeg")
    # Counted at once; quoted only once Carla says the group may see it.
    card = card_call(bot, cast, action)["text"]
    assert "💬 1 bedenking" in card and "wat vroeg" not in card
    assert len(bot.telegram.sent("sendMessage", cast.group.id)) == before
    await bot.press(cast.carla, private_last(bot, cast.carla), "👥 Ja, de groep mag het zien")
    card = card_call(bot, cast, action)["text"]
    assert "💬 1 bedenking\nCarla: ik vind zaterdag wat vroeg" in card
    assert "staat nu in de groep" in bot.telegram.last("editMessageText", cast.carla.id).text
    # Its own message under the card, addressed to Anna, with 💬 Reageer for anyone.
    posted = bot.telegram.last("sendMessage", cast.group.id)
    assert posted.text.startswith(f'<a href="tg://user?id={cast.anna.id}">Anna</a>, Carla heeft een bedenking')
    assert "ik vind zaterdag wat vroeg" in posted.text
    assert posted.params["reply_parameters"]["message_id"] == action.card_message_id
    [carlas] = await bot.rows(Concern)
    assert button_data(posted, "💬 Reageer") == f"a:cre:{carlas.id}" and carlas.is_private is False

    dirks = await concern_of(bot, cast, action, cast.dirk, "Wie betaalt de groenten?", share=False)
    assert dirks.is_private is True
    card = card_call(bot, cast, action)["text"]
    assert "💬 2 bedenkingen\nCarla: ik vind zaterdag wat vroeg" in card and "groenten" not in card
    assert not any("groenten" in text for text in group_texts(bot, cast))
    assert "Alleen Anna leest je bedenking" in bot.telegram.last("editMessageText", cast.dirk.id).text
    # Anna hears both, privately.
    assert any("Dirk heeft een bedenking" in t and "groenten" in t for t in private_texts(bot, cast.anna.id))
    assert any("Carla heeft een bedenking" in t for t in private_texts(bot, cast.anna.id))


async def test_another_member_answers_in_the_group_and_author_and_proposer_hear_it(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await concern_of(bot, cast, action, cast.carla, "ik vind zaterdag wat vroeg", share=True)
    posted = concern_message(bot, cast, "ik vind zaterdag wat vroeg")
    # Ben never started Brug privately: he is asked in the group and answers by replying there.
    await bot.press(cast.ben, posted, "💬 Reageer")
    question = bot.telegram.last("sendMessage", cast.group.id)
    assert question.text.startswith(f'<a href="tg://user?id={cast.ben.id}">Ben</a>:')
    assert "bedenking van Carla" in question.text
    assert question.params["reply_markup"]["force_reply"] is True
    await bot.say(cast.group, cast.ben, "Zondag kan ook, dan help ik mee", reply_to=question)
    to_carla = private_last(bot, cast.carla).text
    assert "Ben reageert op je bedenking" in to_carla and "Zondag kan ook, dan help ik mee" in to_carla
    to_anna = private_last(bot, cast.anna).text
    assert "Ben reageert op de bedenking van Carla" in to_anna and "Zondag kan ook" in to_anna
    assert "doorgegeven aan Carla en Anna" in bot.last_text(cast.group.id)

    # Dirk started Brug: he is asked privately, and his answer is shown in the group too.
    await bot.press(cast.dirk, posted, "💬 Reageer")
    assert "privégesprek" in bot.telegram.last("answerCallbackQuery").params["text"]
    await bot.say(cast.dirk, cast.dirk, "Ik neem de grote pan mee")
    shown = bot.telegram.last("sendMessage", cast.group.id)
    assert "Dirk reageert op de bedenking van" in shown.text and "Ik neem de grote pan mee" in shown.text
    assert shown.params["reply_parameters"]["message_id"] == action.card_message_id
    assert "Dirk reageert op je bedenking" in private_last(bot, cast.carla).text
    assert "Dirk reageert op de bedenking van Carla" in private_last(bot, cast.anna).text
    assert "doorgegeven aan Carla en Anna" in private_last(bot, cast.dirk).text


async def test_the_proposer_can_adjust_or_answer_from_the_concern(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    concern = await concern_of(bot, cast, action, cast.carla, "ik vind zaterdag wat vroeg", share=True)
    [note] = [c for c in bot.telegram.sent("sendMessage", cast.anna.id) if "Carla heeft een bedenking" in c.text]
    assert note.button_labels() == ["✏️ Kleiner maken", "📅 Andere dag", "💬 Reageer"]
    assert [button_data(note, label) for label in note.button_labels()] == [
        f"a:smaller:{action.id}", f"a:later:{action.id}", f"a:cre:{concern.id}"]
    # Adjust: another day, from the concern itself.
    await bot.press(cast.anna, note, "📅 Andere dag")
    assert "Wanneer past" in private_last(bot, cast.anna).text
    await bot.say(cast.anna, cast.anna, "zondag")
    [action] = await bot.rows(Action)
    assert action.due_on == date(2026, 12, 6)
    assert "zondag 6 december" in card_call(bot, cast, action)["text"]
    # Answer: Carla hears it privately, and the group sees it (the concern was shared).
    await bot.press(cast.anna, note, "💬 Reageer")
    assert "bedenking van Carla" in private_last(bot, cast.anna).text
    await bot.say(cast.anna, cast.anna, "Goed punt, ik heb het naar zondag verzet")
    assert "Anna reageert op je bedenking" in private_last(bot, cast.carla).text
    shown = bot.telegram.last("sendMessage", cast.group.id)
    assert "Anna reageert op de bedenking van" in shown.text and "naar zondag verzet" in shown.text
    assert "doorgegeven aan Carla." in private_last(bot, cast.anna).text


async def test_a_private_concern_stays_between_its_author_and_the_proposer(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    concern = await concern_of(bot, cast, action, cast.dirk, "Wie betaalt de groenten?", share=False)
    # Nobody else can answer it, not even with a forged button.
    await bot.press_data(cast.ben, card_call(bot, cast, action), f"a:cre:{concern.id}")
    alert = bot.telegram.last("answerCallbackQuery").params
    assert alert["show_alert"] is True and "alleen voor wie het voorstel deed" in alert["text"]
    [note] = [c for c in bot.telegram.sent("sendMessage", cast.anna.id) if "groenten" in c.text]
    await bot.press(cast.anna, note, "💬 Reageer")
    await bot.say(cast.anna, cast.anna, "Dat doet de pot van de vereniging")
    assert "Anna reageert op je bedenking" in private_last(bot, cast.dirk).text
    assert not any("groenten" in t or "pot van de vereniging" in t for t in group_texts(bot, cast))


async def test_a_concern_typed_in_the_group_is_shown_there(bot: BotHarness) -> None:
    """Ben never started Brug: he is asked in the group, so the group saw it — no question who may."""
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.ben, card_call(bot, cast, action), "💬 Bedenking")
    question = bot.telegram.last("sendMessage", cast.group.id)
    await bot.say(cast.group, cast.ben, "Te duur?", reply_to=question)
    [concern] = await bot.rows(Concern)
    assert concern.is_private is False
    assert "💬 1 bedenking\nBen: Te duur?" in card_call(bot, cast, action)["text"]
    assert "💬 Reageer" in bot.telegram.last("sendMessage", cast.group.id).button_labels()


# ---------------------------------------------------------------- on a bridged transport: typed numbers


def sent_with(people: People, where: Conversation, words: str):
    [record] = [r for r in people.transport.sent_to(where)
                if r.action == "send" and r.message and words in r.message.as_text()]
    return record


async def test_the_concern_flow_works_with_typed_numbers(people: People) -> None:
    await people.say(private(ANNA), ANNA, "/start")
    await people.say(GROUP, ANNA, "/actie Koffie met de buren")
    for answer in ("de buurtkamer", "zaterdag", "nee", "koffie", "onze ruimte", "overslaan", "plaatsen"):
        await people.say(private(ANNA), ANNA, answer)
    assert "🤝 samen · ✨ eenvoudig · 📅 kort · 🔁 geven en vragen" in people.card().message.text
    assert "◻️" not in people.card().message.text

    # Carla cannot be written privately: 3 (💬 Bedenking) asks her in the group, her text is the concern.
    await people.say(GROUP, CARLA, "3")
    assert people.last_text(GROUP).startswith("Carla, wat is je bedenking bij")
    await people.say(GROUP, CARLA, "ik vind zaterdag wat vroeg")
    assert "💬 1 bedenking\nCarla: ik vind zaterdag wat vroeg" in people.card().message.text
    posted = sent_with(people, GROUP, "Carla heeft een bedenking")
    assert posted.message.as_text().startswith("Anna, Carla heeft een bedenking")
    assert posted.message.choices == ("💬 Reageer",)
    note = sent_with(people, private(ANNA), "Carla heeft een bedenking")
    assert note.message.choices == ("✏️ Kleiner maken", "📅 Andere dag", "💬 Reageer")
    # The concern message is addressed to Anna: Carla's 1 is still 👍 Steun on the card.
    await people.say(GROUP, CARLA, "1")
    assert "👍 Steun: Carla" in people.card().message.text

    # Anna adjusts with a number: 2 is "📅 Andere dag".
    await people.say(private(ANNA), ANNA, "2", quote=note.ref)
    assert "Wanneer past" in people.last_text(private(ANNA))
    await people.say(private(ANNA), ANNA, "zondag")
    [action] = await people.rows(Action)
    assert action.due_on == date(2026, 12, 6)
    # And answers with a number: 3 is "💬 Reageer"; Carla hears it in the group, where she is.
    await people.say(private(ANNA), ANNA, "3", quote=note.ref)
    assert "bedenking van Carla" in people.last_text(private(ANNA))
    await people.say(private(ANNA), ANNA, "Goed punt, ik heb het naar zondag verzet")
    assert "Anna reageert op de bedenking van Carla" in people.last_text(GROUP)
    assert "naar zondag verzet" in people.last_text(GROUP)

    # Bert quotes the concern message and types 1: asked in the group, he answers in plain text.
    await people.say(GROUP, BERT, "1", quote=posted.ref)
    assert people.last_text(GROUP).startswith("Bert: Wat wil je zeggen op de bedenking van Carla?")
    await people.say(GROUP, BERT, "Ik help zondag mee")
    texts = people.since(GROUP, people.count(GROUP) - 2)
    assert any(t.startswith("Carla: 💬 Bert reageert op je bedenking") and "Ik help zondag mee" in t for t in texts)
    assert "doorgegeven aan Carla en Anna" in people.last_text(GROUP)
    assert "Bert reageert op de bedenking van Carla" in people.last_text(private(ANNA))

    # Bert starts Brug privately: his next concern is asked there, and 2 keeps it for Anna.
    await people.say(private(BERT), BERT, "/start")
    await people.say(GROUP, BERT, "3")
    assert "Wat is je bedenking bij" in people.last_text(private(BERT))
    await people.say(private(BERT), BERT, "wie betaalt de koffie?")
    assert people.last(private(BERT)).message.choices == ("👥 Ja, de groep mag het zien", "🔒 Alleen voor Anna")
    await people.say(private(BERT), BERT, "2")
    assert "Alleen Anna leest je bedenking" in people.last_text(private(BERT))
    card = people.card().message.text
    assert "💬 2 bedenkingen\nCarla: ik vind zaterdag wat vroeg" in card
    assert not any("betaalt de koffie" in t for t in people.transport.texts(GROUP))
    assert "betaalt de koffie" in sent_with(people, private(ANNA), "Bert heeft een bedenking").message.as_text()
    concerns = {c.text: c.is_private for c in await people.rows(Concern)}
    assert concerns == {"ik vind zaterdag wat vroeg": False, "wie betaalt de koffie?": True}
