"""Issue 15, point 7 "Shared ownership": the profile is every member's, the proposer takes part, the digest
and /agenda show what is running, what needs hands and what is in the pipeline, and no text assumes one
kind of group. One test per thing that was seen; every one of them failed before the change.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from bot.dashboard import data
from bot.domain.i18n import PROMPTS_DIR, translator
from bot.domain.overview import Filter, overview
from bot.domain.scheduler import tick
from bot.road.telegram_api import TelegramSender
from storage.models import Group, PendingReply, Reminder
from storage.repositories.privacy import cancel_reminders_about
from tests.action_steps import card_call, make_cast, private_last, write_proposal
from tests.coordinator_fixtures import (
    action,
    add,
    agenda_item,
    commitment,
    group_with_coordinator,
    member_id,
    the,
)
from tests.harness import BotHarness
from tests.test_reminders import utc

# The weekly digest of a group Brug joined on Tuesday 1 December: Monday 7 December, 09:00 in Amsterdam.
DIGEST_MOMENT = utc(2026, 12, 7, 8, 0)


def sender_for(bot: BotHarness) -> TelegramSender:
    return TelegramSender(bot.app.bot, translator())


async def deliver(bot: BotHarness, moment: datetime | None = None) -> None:
    """One tick of the outbox, as the JobQueue runs it every few seconds."""
    await tick(bot.db, sender_for(bot), moment or bot.now())


async def set_profile(bot: BotHarness, group_id: int, about: str) -> None:
    async with bot.db.unit_of_work() as session:
        group = await session.get(Group, group_id)
        group.profile_about = about


# ---------------------------------------------------------------- "Waar zijn wij van?" is everyone's


async def test_a_member_reads_the_profile_and_a_coordinator_takes_the_suggestion_over(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    carla = setting.coordinator
    await bot.start_private(carla)
    await set_profile(bot, setting.group_id, "Samen wonen")

    # /help lists /profiel for everyone, and for a member it now opens the profile.
    await bot.say(setting.chat, anna, "/help")
    assert "/profiel" in bot.last_text(setting.chat.id)
    await bot.say(anna, anna, "/profiel")
    page = private_last(bot, anna)
    assert "nog geen coördinator" not in page.text
    assert "Samen wonen" in page.text and page.button_labels() == ["✏️ Stel een wijziging voor"]
    await bot.press(anna, page, "✏️ Stel een wijziging voor")
    assert "Welk deel wil je anders?" in bot.telegram.last("editMessageText", anna.id).text
    await bot.press(anna, page, "Waar staan we voor?")
    assert "Hoe zou jij <b>Waar staan we voor?</b> schrijven?" in bot.last_text(anna.id)
    await bot.say(anna, anna, "Samen wonen, open naar de buurt & <wederkerig>")
    assert "Dank je!" in bot.last_text(anna.id)
    assert await bot.count(PendingReply) == 0
    assert (await the(bot, Group, Group.id == setting.group_id)).profile_about == "Samen wonen"

    # The next tick brings it to the coordinator privately, with one tap to take it over.
    await deliver(bot)
    suggestion = private_last(bot, carla)
    assert "<b>Anna</b> stelt een wijziging voor" in suggestion.text
    assert "<i>Samen wonen, open naar de buurt &amp; &lt;wederkerig&gt;</i>" in suggestion.text
    assert suggestion.button_labels() == ["✅ Overnemen", "Zo laten"]
    take = suggestion.buttons()[0][0]["callback_data"]
    assert len(take.encode()) <= 64

    # Only a coordinator takes it over.
    await bot.press(anna, suggestion, "✅ Overnemen")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert (await the(bot, Group, Group.id == setting.group_id)).profile_about == "Samen wonen"

    await bot.press(carla, suggestion, "✅ Overnemen")
    group = await the(bot, Group, Group.id == setting.group_id)
    assert group.profile_about == "Samen wonen, open naar de buurt & <wederkerig>"
    edited = bot.telegram.last("editMessageText", carla.id)
    assert "Overgenomen" in edited.text and not edited.buttons()

    # Anna hears so, once, even when the same suggestion is taken over again (a second tap, a copy).
    await bot.press_data(carla, suggestion, take)
    await deliver(bot)
    thanks = [text for text in bot.texts(anna.id) if "is overgenomen" in text]
    assert len(thanks) == 1 and "De BinnenHaven" in thanks[0]

    # Coordinators keep their editor.
    await bot.say(carla, carla, "/profiel")
    assert "📣 Plaats in de groep" in private_last(bot, carla).button_labels()


async def test_a_suggestion_is_addressed_in_the_group_when_the_coordinator_never_started_brug(
    bot: BotHarness,
) -> None:
    anna = bot.user(101, "Anna", started=True)
    carla = bot.user(100, "Carla")  # coordinator without a private chat
    setting = await group_with_coordinator(bot, coordinator=carla, members=[anna])
    await bot.start_private(anna, f"profiel_{setting.group_id}")
    page = private_last(bot, anna)
    await bot.press(anna, page, "✏️ Stel een wijziging voor")
    await bot.press(anna, page, "Meedoen")
    await bot.say(anna, anna, "Kom op dinsdag koffie drinken")

    await deliver(bot)
    in_group = bot.telegram.last("sendMessage", setting.chat.id)
    assert 'tg://user?id=100">Carla</a>' in in_group.text and "Kom op dinsdag koffie drinken" in in_group.text
    await bot.press(anna, in_group, "Zo laten")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    take = in_group.buttons()[0][0]["callback_data"]
    await bot.press(carla, in_group, "Zo laten")
    assert "niet overgenomen" in bot.telegram.last("editMessageText", setting.chat.id).text
    assert (await the(bot, Group, Group.id == setting.group_id)).profile_join is None
    # /vergeetmij: Anna's suggestion (her name, her words) goes with her.
    async with bot.db.unit_of_work() as session:
        await cancel_reminders_about(session, await member_id(bot, anna), bot.now())
    await bot.press_data(carla, in_group, take)
    assert "niet meer vinden" in bot.telegram.last("answerCallbackQuery").params["text"]
    assert not any("koffie" in (row.payload or "") for row in await bot.rows(Reminder))
    # Forged or unknown rows are not suggestions.
    [row] = await bot.rows(Reminder, Reminder.kind == "digest")
    await bot.press_data(carla, in_group, f"pf:ok:{row.id}")
    assert "niet meer vinden" in bot.telegram.last("answerCallbackQuery").params["text"]


# ---------------------------------------------------------------- the proposer takes part


async def test_the_proposer_counts_as_taking_part(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    proposal = await write_proposal(bot, cast, "Soep koken voor de straat")
    await bot.say(cast.anna, cast.anna, "/mijn")
    mine = private_last(bot, cast.anna)
    assert "geen open toezeggingen" not in mine.text
    assert "<b>Jouw voorstellen</b> (1)" in mine.text
    assert "<b>Soep koken voor de straat</b> (De BinnenHaven): wacht op steun, zaterdag 5 december" in mine.text

    # Dirk neither proposed nor joined: nothing of Anna's shows for him.
    await bot.say(cast.dirk, cast.dirk, "/mijn")
    assert "geen open toezeggingen" in private_last(bot, cast.dirk).text
    # With a commitment of her own as well: her commitments first, her proposals last.
    await bot.press(cast.anna, card_call(bot, cast, proposal), "🙋 Ik doe mee")
    await bot.say(cast.anna, cast.anna, "De pan")
    await bot.say(cast.anna, cast.anna, "zaterdag")
    await bot.say(cast.anna, cast.anna, "/mijn")
    heading, item, proposals = bot.texts(cast.anna.id)[-3:]
    assert "Mijn toezeggingen</b> (1)" in heading and "De pan" in item
    assert "<b>Jouw voorstellen</b> (1)" in proposals

    # In the figures, too: the proposer is among the members who took part, and was "heard from".
    async with bot.db.sessionmaker() as session:
        group = await session.get(Group, proposal.group_id)
        [month] = await data.movement(session, group, bot.now())
        view = await overview(session, group, Filter(), 0, bot.now())
    assert month.members == 1
    assert "Anna" not in view.not_heard


# ---------------------------------------------------------------- the digest


async def test_the_digest_shows_what_runs_what_needs_hands_and_the_whole_pipeline(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    ben = bot.user(102, "Ben", started=True)
    setting = await group_with_coordinator(bot, members=[anna, ben])
    gid, now = setting.group_id, bot.now()
    anna_id, ben_id = await member_id(bot, anna), await member_id(bot, ben)
    soup, bench, past, party, done, gone = await add(
        bot,
        action(gid, anna_id, "Soep koken", now, due_on=date(2026, 12, 12)),
        action(gid, anna_id, "Bankje schilderen", now),
        action(gid, anna_id, "Oude actie", now, due_on=date(2026, 12, 5)),
        action(gid, ben_id, "Buurtborrel", now, state="proposed", due_on=date(2026, 12, 18)),
        action(gid, ben_id, "Klaar", now, state="done", closed_at=now + timedelta(days=2)),
        action(gid, ben_id, "Losgelaten", now, state="let_go", due_on=date(2026, 12, 9),
               closed_at=now + timedelta(days=2)),
    )
    await add(
        bot,
        commitment(soup.id, anna_id, now, what="pan"),
        commitment(soup.id, ben_id, now, what="soep"),
        agenda_item(gid, "Wijkfeest", now, happens_on=date(2026, 12, 19), place="Het plein"),
        agenda_item(gid, "Speeltuin opknappen", now),
    )
    await deliver(bot, DIGEST_MOMENT)
    digest = bot.last_text(setting.chat.id)
    assert "Deze week bij ons" in digest
    sections = digest_sections(digest)
    # What was seen: a past action under "Lopende acties", and the undated pipeline left out.
    assert "Oude actie" not in sections.get("Lopend", "") + sections.get("Lopende acties", "")
    assert "Speeltuin opknappen" in digest
    running, hands = sections["Lopend"], sections["Zoekt nog handen"]
    # A past day is not "lopend" (it asks how it went); done and let-go actions never run.
    assert "Soep koken" in running and "Bankje schilderen" in running
    assert "<b>Oude actie</b> – zaterdag 5 december" in sections["Geweest: hoe ging het?"]
    assert "Losgelaten" not in digest
    assert "Klaar" not in running and "Klaar" in sections["Gedaan deze week"]
    # Few or no hands: running and proposed alike; Soep koken has two.
    assert "<b>Bankje schilderen</b> – nog geen datum: nog niemand doet mee" in hands
    assert "<b>Buurtborrel</b> – vrijdag 18 december: nog niemand doet mee" in hands
    assert "Soep koken" not in hands and "Oude actie" not in hands
    # The pipeline: dated and undated.
    pipeline = sections["In de pijplijn"]
    assert "zaterdag 19 december: Wijkfeest (Het plein)" in pipeline
    assert "nog geen datum: Speeltuin opknappen" in pipeline


def digest_sections(text: str) -> dict[str, str]:
    """The digest's sections by their bold heading (a blank line ends each)."""
    sections = {}
    for block in text.split("\n\n"):
        match = re.match(r"<b>([^<]+)</b>", block)
        if match:
            sections[match.group(1)] = block
    return sections

# ---------------------------------------------------------------- /agenda


async def test_the_agenda_shows_our_own_dated_actions_in_date_order(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    gid, now = setting.group_id, bot.now()
    anna_id = await member_id(bot, anna)
    await add(
        bot,
        agenda_item(gid, "Koffieochtend", now, happens_on=date(2026, 12, 8)),
        agenda_item(gid, "Kerstmarkt", now, happens_on=date(2026, 12, 19)),
        agenda_item(gid, "Speeltuin opknappen", now),
        action(gid, anna_id, "Soep koken", now, due_on=date(2026, 12, 12)),
        action(gid, anna_id, "Buurtborrel", now, state="proposed", due_on=date(2026, 12, 10)),
        action(gid, anna_id, "Zonder datum", now),
        action(gid, anna_id, "Al gedaan", now, state="done", due_on=date(2026, 12, 15)),
    )
    await bot.say(setting.chat, anna, "/agenda")
    call = bot.telegram.last("sendMessage", setting.chat.id)
    lines = [line for line in call.text.splitlines() if " · " in line]
    assert lines == [
        "📅 di 8 dec · <b>Koffieochtend</b>",
        "📅 do 10 dec · 🌉 onze actie (voorstel) · <b>Buurtborrel</b>",
        "📅 za 12 dec · 🌉 onze actie · <b>Soep koken</b>",
        "📅 za 19 dec · <b>Kerstmarkt</b>",
        "🔜 in de pijplijn · <b>Speeltuin opknappen</b>",
    ]
    # Our actions are not agenda items to edit: the buttons stay the neighbourhood's.
    assert call.button_labels() == ["Koffieochtend", "Kerstmarkt", "Speeltuin opknappen", "➕ Iets toevoegen"]


# ---------------------------------------------------------------- no group-type word


async def test_no_kind_of_group_is_hard_coded(bot: BotHarness) -> None:
    carla = bot.user(100, "Carla", started=True)
    await group_with_coordinator(bot, title="Voorzorgcirkel Haven", coordinator=carla)
    await bot.say(carla, carla, "/overzicht")
    text = private_last(bot, carla).text
    assert "Weten de buren waar Voorzorgcirkel Haven van is?" in text
    assert "wooncoöperatie" not in text.lower()
    for folder in (PROMPTS_DIR / "nl", PROMPTS_DIR / "en"):
        for path in folder.glob("*.ftl"):
            words = path.read_text(encoding="utf-8").lower()
            assert "wooncoöperatie" not in words and "housing cooperative" not in words, path.name
