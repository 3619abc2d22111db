"""``brug demo``: the console transport, the demo's line parser, and the whole demo driven by typed lines."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.bridge.console import CONTROL_WORDS, ConsoleTransport, control_word
from bot.devtools.demo import (
    CLOCK_FILE,
    GROUP,
    Demo,
    Mistake,
    MoveClock,
    Say,
    ShowHelp,
    Stop,
    SwitchConversation,
    SwitchPerson,
    ThumbsUp,
    demo_people,
    earlier_messages,
    keyboard_lines,
    load_clock,
    parse_jump,
    parse_line,
    run_demo,
    save_clock,
    start_afresh,
)
from bot.bridge.interface import Conversation, Document, PlainMessage, TransportError
from bot.domain.clock import FixedClock, ShiftedClock
from bot.domain.commands import COMMANDS
from bot.config import Settings
from storage.db import Database
from storage.models import Action, ActionDraft, Commitment, Group, Member, Membership, Reminder, Support
from tests.conftest import START

# ---------------------------------------------------------------- the console transport


def console(tmp_path: Path, lang: str = "nl") -> tuple[ConsoleTransport, io.StringIO]:
    out = io.StringIO()
    transport = ConsoleTransport(
        GROUP, demo_people(lang), administrators=("anna",), out=out, files_dir=tmp_path / "files", lang=lang
    )
    return transport, out


async def test_console_prints_each_message_under_its_conversation_with_numbered_choices(tmp_path: Path) -> None:
    transport, out = console(tmp_path)
    anna = transport.private(transport.people["anna"])

    card = await transport.send(GROUP, PlainMessage("Soep koken", ("👍 Steun", "🙋 Ik doe mee"), "Antwoord met 1 of 2."))
    private = await transport.send(anna, PlainMessage("Met wie doe je het?"))

    assert (card.ref, private.ref) == ("1", "2")
    assert transport.printed == [
        "── groep Wooncoöperatie De Linde ──\nSoep koken\n\n1. 👍 Steun\n2. 🙋 Ik doe mee\n\nAntwoord met 1 of 2.",
        "── privé: Anna ──\nMet wie doe je het?",
    ]
    assert out.getvalue() == "".join(f"\n{block}\n" for block in transport.printed)
    assert [(r.action, r.conversation, r.ref) for r in transport.recorded] == [
        ("send", GROUP, "1"), ("send", anna, "2"),
    ]


async def test_an_edit_is_shown_as_the_new_version_and_choices_follow_it(tmp_path: Path) -> None:
    transport, _ = console(tmp_path, lang="en")
    await transport.send(GROUP, PlainMessage("Soup", ("👍 Support",)))
    await transport.send(GROUP, PlainMessage("Walk", ("👍 Support",)))

    sent = await transport.edit(GROUP, "1", PlainMessage("Soup – 1 supporter", ("👍 Support",)))

    assert sent.ref == "1"
    assert transport.printed[-1] == "── group Wooncoöperatie De Linde ──\n(updated)\nSoup – 1 supporter\n\n1. 👍 Support"
    assert transport.latest_with_choices(GROUP).message.text == "Walk"
    assert transport.latest_with_choices(GROUP, 2).message.text == "Soup – 1 supporter"
    assert transport.latest_with_choices(GROUP, 3) is None
    await transport.edit(GROUP, "2", PlainMessage("Walk (closed)"))
    assert transport.latest_with_choices(GROUP).ref == "1"
    # A message from before this console started (a continued demo) is shown in its new version too.
    await transport.edit(GROUP, "99", PlainMessage("Older", ("👍 Support",)))
    assert transport.printed[-1].endswith("(updated)\nOlder\n\n1. 👍 Support")


async def test_the_latest_message_with_a_thumbs_up_choice_skips_other_questions(tmp_path: Path) -> None:
    transport, _ = console(tmp_path)
    await transport.send(GROUP, PlainMessage("Soep koken", ("👍 Steun", "🙋 Ik doe mee")))
    await transport.send(GROUP, PlainMessage("Wandelen", ("👍\ufe0f Steun", "🙋 Ik doe mee")))
    await transport.send(GROUP, PlainMessage("Wat neem je op je?", ("Gewoon meedoen", "Toch niet")))

    assert transport.latest_with_choices(GROUP).message.text == "Wat neem je op je?"
    assert transport.latest_with_choices(GROUP, emoji="👍").message.text == "Wandelen"
    assert transport.latest_with_choices(GROUP, 2, emoji="👍").message.text == "Soep koken"
    assert transport.latest_with_choices(GROUP, 3, emoji="👍") is None


async def test_delete_takes_the_message_off_and_says_so(tmp_path: Path) -> None:
    transport, _ = console(tmp_path)
    await transport.send(GROUP, PlainMessage("Vraag", ("Ja", "Nee")))
    await transport.delete(GROUP, "1")
    assert transport.latest_with_choices(GROUP) is None
    assert transport.printed[-1] == "── groep Wooncoöperatie De Linde ──\n(Brug haalde een eerder bericht weg)"
    assert transport.recorded[-1].action == "delete"


async def test_documents_are_saved_in_the_folder_under_a_safe_name(tmp_path: Path) -> None:
    transport, _ = console(tmp_path)
    anna = transport.private(transport.people["anna"])

    first = await transport.send_document(anna, Document("../acties.csv", b"a,b\n", "text/csv", "De acties"))
    await transport.send_document(anna, Document("acties.csv", b"c,d\n", "text/csv"))

    saved = tmp_path / "files" / "acties.csv"
    assert saved.read_bytes() == b"a,b\n"
    assert (tmp_path / "files" / "acties-2.csv").read_bytes() == b"c,d\n"
    assert transport.printed[0] == f"── privé: Anna ──\n(bestand opgeslagen: {saved})\nDe acties"
    assert transport.recorded[0].extra == {"path": str(saved)}
    assert first.ref == "1"


async def test_the_console_knows_the_group_its_coordinator_and_its_members(tmp_path: Path) -> None:
    transport, _ = console(tmp_path)
    assert [p.address for p in await transport.administrators(GROUP)] == ["anna"]
    assert [p.name for p in await transport.members(GROUP)] == ["Anna", "Bert", "Carla"]
    elsewhere = Conversation("group", "elders", "Elders")
    assert await transport.members(elsewhere) == []
    with pytest.raises(TransportError) as refused:
        await transport.send(elsewhere, PlainMessage("hallo"))
    assert refused.value.refused
    with pytest.raises(TransportError):
        await transport.send(Conversation("private", "dirk"), PlainMessage("hallo"))
    assert transport.printed == []


async def test_what_brug_says_is_printed_as_it_is_and_the_demo_words_come_from_the_prompts(tmp_path: Path) -> None:
    transport, _ = console(tmp_path)
    await transport.send(GROUP, PlainMessage("Bert & Carla <samen>"))
    transport.notice("demo-unknown-person", name="<dirk>", names="anna, bert, carla")
    assert transport.printed == [
        "── groep Wooncoöperatie De Linde ──\nBert & Carla <samen>",
        "„<dirk>” ken ik niet in deze demo. Je kunt kiezen uit: anna, bert, carla.",
    ]


async def test_refs_continue_from_a_given_number(tmp_path: Path) -> None:
    transport = ConsoleTransport(GROUP, demo_people(), out=io.StringIO(), files_dir=tmp_path, first_ref=41)
    assert transport.new_ref() == "41"
    assert (await transport.send(GROUP, PlainMessage("x"))).ref == "42"


# ---------------------------------------------------------------- the demo's own commands


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("", None),
        ("   ", None),
        ("/als anna", SwitchPerson("anna")),
        ("/als  Bert ", SwitchPerson("bert")),
        ("/als", Mistake("demo-who")),
        ("/prive", SwitchConversation(private=True)),
        ("/privé", SwitchConversation(private=True)),
        ("/groep", SwitchConversation(private=False)),
        ("/tijd +2d", MoveClock(timedelta(days=2))),
        ("/tijd +3u", MoveClock(timedelta(hours=3))),
        ("/tijd 30m", MoveClock(timedelta(minutes=30))),
        ("/tijd +1d 6u", MoveClock(timedelta(days=1, hours=6))),
        ("/tijd", Mistake("demo-time-bad")),
        ("/tijd morgen", Mistake("demo-time-bad")),
        ("/tijd -2d", Mistake("demo-time-bad")),
        ("/tijd +0m", Mistake("demo-time-bad")),
        ("/tijd +5000d", Mistake("demo-time-bad")),
        ("/duim", ThumbsUp(1)),
        ("/duim 2", ThumbsUp(2)),
        ("/duim twee", Mistake("demo-thumb-bad")),
        ("/duim 0", Mistake("demo-thumb-bad")),
        ("/hulp", ShowHelp()),
        ("/stop", Stop()),
        ("/STOP", Stop()),
        # brug try's old words work in the demo too: ":" is the same as "/".
        (":groep", SwitchConversation(private=False)),
        (":prive", SwitchConversation(private=True)),
        (":stop", Stop()),
        (":hulp", ShowHelp()),
        (":als carla", SwitchPerson("carla")),
        (":iets anders", Say(":iets anders")),
        (":-)", Say(":-)")),
        ("/actie Soep koken", Say("/actie Soep koken")),
        ("/help", Say("/help")),
        ("2", Say("2")),
        ("  Met de buren  \n", Say("Met de buren")),
    ],
)
def test_parse_line(line: str, expected: object) -> None:
    assert parse_line(line) == expected


def test_demo_commands_are_not_brug_commands() -> None:
    demo_commands = {"als", "prive", "privé", "groep", "tijd", "duim", "hulp", "stop"}
    assert demo_commands <= set(CONTROL_WORDS)
    assert set(CONTROL_WORDS).isdisjoint(COMMANDS)
    assert parse_jump("+2x") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/groep", ("groep", "")), (":groep", ("groep", "")), ("/privé", ("prive", "")),
        (":prive", ("prive", "")), ("/Stop", ("stop", "")), (":quit", ("stop", "")),
        ("/hulp", ("hulp", "")), ("/als  bert ", ("als", "bert")), ("/help", None), ("/actie x", None),
        ("hallo", None), ("", None),
    ],
)
def test_control_words_are_shared_by_demo_and_try(line: str, expected: object) -> None:
    assert control_word(line) == expected


def test_shifted_clock_moves_forward_only() -> None:
    clock = ShiftedClock(FixedClock(START))
    assert clock.now() == START
    clock.advance(timedelta(days=2))
    assert clock.now() == START + timedelta(days=2)
    with pytest.raises(ValueError):
        clock.advance(timedelta(0))
    assert ShiftedClock().now().tzinfo is not None


async def test_keyboard_lines_do_not_block_the_event_loop() -> None:
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, encoding="utf-8") as keyboard, os.fdopen(write_end, "w", encoding="utf-8") as typing:
        lines = keyboard_lines(keyboard)
        waiting = asyncio.ensure_future(anext(lines))
        other_work = asyncio.Event()
        asyncio.get_running_loop().call_soon(other_work.set)
        await asyncio.wait_for(other_work.wait(), 5)  # the loop runs while nobody types
        assert not waiting.done()
        typing.write("/als bert\n/stop\n")
        typing.flush()
        assert await asyncio.wait_for(waiting, 5) == "/als bert\n"
        assert await asyncio.wait_for(anext(lines), 5) == "/stop\n"
        typing.close()
        assert await asyncio.wait_for(anext(lines, None), 5) is None  # Ctrl-D


async def test_brug_try_knows_the_demos_words(tmp_path: Path) -> None:
    """``brug try`` is steered with the demo's words (/groep, /prive, /hulp, /stop); ":" works as well."""
    from bot.devtools.emulator import ConsoleChat, Emulator

    emulator = Emulator()
    screen = io.StringIO()
    chat = ConsoleChat(emulator, "Anna", screen)

    assert await chat.handle("/groep") and chat.in_group
    assert [update["my_chat_member"]["chat"]["title"] for update in emulator.updates] == ["Proefgroep"]
    assert await chat.handle("/prive") and not chat.in_group
    assert await chat.handle(":groep") and chat.in_group
    assert await chat.handle("/privé") and not chat.in_group
    assert await chat.handle("/hulp")
    assert await chat.handle("/tijd +2d")
    assert len(emulator.updates) == 1  # nothing of this was said to Brug
    assert not await chat.handle("/stop")
    assert not await chat.handle(":stop")

    shown = screen.getvalue()
    assert shown.count("(je bent nu in de Proefgroep)") == 2
    assert shown.count("(je bent nu in je persoonlijke gesprek met Brug)") == 2
    assert "Zo werkt brug try:" in shown and "/groep, /prive     wissel tussen de proefgroep" in shown
    assert "/tijd werkt alleen in brug demo. Typ /hulp voor wat hier kan." in shown

    # Anything else is said to Brug, /help included.
    assert await chat.handle("/help")
    assert emulator.updates[-1]["message"]["text"] == "/help"
    await emulator.close()


# ---------------------------------------------------------------- the whole demo, driven by typed lines


@pytest.fixture
def demo_settings(settings: Settings) -> Settings:
    # The JobQueue's own tick would run on real time; the test ticks with /tijd instead.
    return settings.model_copy(update={"tick_seconds": 3600.0})


async def run_script(
    settings: Settings, database: Database, tmp_path: Path, lines: list[str], **kwargs: object
) -> tuple[Demo, str]:
    out = io.StringIO()
    demo = await run_demo(
        settings, lines, out=out, clock=ShiftedClock(FixedClock(START)), database=database,
        files_dir=tmp_path / "bestanden", **kwargs,
    )
    return demo, out.getvalue()


PROPOSAL = [
    "/actie Soep koken",
    "1",  # Verder in een privégesprek
    "Met de buren van nummer 12",
    "vrijdag",
    "1",  # Nee: it joins nothing that already happens
    "Een grote pan",
    "1",  # skip what we can mean for each other
    "1",  # skip how others can join in
    "1",  # Plaatsen
]


def blocks_after(demo: Demo, text: str) -> list[str]:
    """What was printed after the first block containing ``text``."""
    printed = demo.transport.printed
    index = next(i for i, block in enumerate(printed) if text in block)
    return printed[index + 1:]


async def test_a_whole_demo_from_introduction_to_reminder(
    demo_settings: Settings, database: Database, tmp_path: Path
) -> None:
    lines = [
        *PROPOSAL,
        "/groep",
        "/als bert",
        "/duim",        # 👍 on the card: support
        "/als carla",
        "2",            # 🙋 Ik doe mee, by number
        "/tijd +2d",    # Thursday 10:00: the day before Friday's action
        "/stop",
        "/als anna",    # never read: the demo stopped
    ]
    demo, transcript = await run_script(demo_settings, database, tmp_path, lines)
    printed = demo.transport.printed
    group_header = "── groep Wooncoöperatie De Linde ──"

    # The seed: Anna added Brug to the group, and Brug introduced itself there.
    assert printed[0].startswith("Welkom bij de Brug-demo")
    assert printed[1].startswith(group_header + "\nHallo allemaal, ik ben Brug.")
    assert demo.transport.recorded[0].conversation == GROUP

    # /actie in the group; choosing 1 follows the deep link into Anna's private conversation.
    assert "anna @ groep > /actie Soep koken" in transcript
    assert "Brug schrijft Anna privé, dus je bent nu daar. Met /groep ga je terug naar de groep." in printed
    assert "anna @ privé > Met de buren van nummer 12" in transcript
    card = next(block for block in printed if block.startswith(group_header + "\n💡 Soep koken"))
    assert "1. 👍 Steun\n2. 🙋 Ik doe mee\n3. 💬 Bedenking\n\nAntwoord met 1, 2 of 3." in card

    # Bert's 👍 is support: the card is shown again, updated, and the action runs.
    after_thumb = blocks_after(demo, "Bert zet een 👍 op: 💡 Soep koken")
    assert after_thumb[0].startswith(group_header + "\n(bijgewerkt)\n💡 Soep koken")
    assert "👍 Steun: Bert" in after_thumb[0]
    # Carla's "2" joins.
    assert "carla @ groep > 2" in transcript
    assert any("🙋 Doen mee: Carla" in block for block in blocks_after(demo, "Nu praat Carla."))

    # Two days later the reminder for Friday comes (in the group: Carla never wrote to Brug privately).
    after_clock = blocks_after(demo, "De klok staat nu op donderdag 3 december, 10:00.")
    assert after_clock[0] == (
        group_header + "\nVoor Carla:\nMorgen is het zover: Soep koken, vrijdag 4 december.\n"
        "Jij doet: gewoon meedoen.\nFijn dat je meedoet!"
    )
    assert "/als anna" not in transcript

    async with database.sessionmaker() as session:
        action = await session.scalar(select(Action))
        assert (action.title, action.state, action.we_need) == ("Soep koken", "running", "Een grote pan")
        names = {m.id: m.first_name for m in await session.scalars(select(Member))}
        assert [names[s.member_id] for s in await session.scalars(select(Support))] == ["Bert"]
        assert [names[c.member_id] for c in await session.scalars(select(Commitment))] == ["Carla"]
        sent = (await session.scalars(select(Reminder).where(Reminder.status == "sent"))).all()
        assert [r.kind for r in sent] == ["due"]


async def test_the_demo_is_forgiving_about_its_own_commands(
    demo_settings: Settings, database: Database, tmp_path: Path
) -> None:
    lines = ["/als dirk", "/als", "/tijd morgen", "/tijd -2d", "/duim", "/duim twee", "/prive", "/hulp",
             "", "/als Bert", "/groep"]
    demo, transcript = await run_script(demo_settings, database, tmp_path, lines)
    names = "anna, bert, carla"
    assert demo.transport.printed[2:] == [
        f"„dirk” ken ik niet in deze demo. Je kunt kiezen uit: {names}.",
        f"Wie wil je zijn? Typ bijvoorbeeld /als bert. Je kunt kiezen uit: {names}.",
        *["Zo kan ik de klok niet verzetten. Typ bijvoorbeeld /tijd +2d (twee dagen), /tijd +3u (drie uur) "
          "of /tijd +30m (dertig minuten)."] * 2,
        "Hier staat nog geen voorstel met 👍 Steun om een 👍 op te zetten.",
        "Typ /duim voor het laatste voorstel, of /duim 2 voor het voorstel daarvoor.",
        "Je bent nu in het privégesprek van Anna met Brug.",
        demo.transport.words("demo-help", names=names),
        "Nu praat Bert.",
        "Je bent nu in de groep Wooncoöperatie De Linde.",
    ]
    assert "/tijd +2d          zet de klok vooruit" in demo.transport.printed[-3]
    assert "anna @ privé > /hulp" in transcript and "bert @ privé > /groep" in transcript
    # The clock did not move, nothing was said to Brug.
    assert demo.clock.offset == timedelta(0)
    assert [r.action for r in demo.transport.recorded] == ["send"]


async def test_brugs_own_help_and_no_thumb_on_a_question(
    demo_settings: Settings, database: Database, tmp_path: Path
) -> None:
    lines = ["/help", "/actie", "/duim", "/prive", "hallo"]
    demo, _ = await run_script(demo_settings, database, tmp_path, lines)
    printed = demo.transport.printed
    assert any("Zo werkt Brug" in block and "/actie" in block for block in printed)
    # Brug's question has choices but no 👍 choice: /duim does not go there.
    assert blocks_after(demo, "Fijn, Anna!")[:2] == [
        "Hier staat nog geen voorstel met 👍 Steun om een 👍 op te zetten.",
        "Je bent nu in het privégesprek van Anna met Brug.",
    ]
    assert printed[-1].startswith("── privé: Anna ──\n")


async def test_the_thumb_goes_on_the_proposal_after_a_question_with_choices(
    demo_settings: Settings, database: Database, tmp_path: Path
) -> None:
    lines = [*PROPOSAL, "/groep", "/als bert", "2", "/groep", "/duim"]
    demo, _ = await run_script(demo_settings, database, tmp_path, lines)

    # Bert's "Ik doe mee" brought a question in the group, with choices of its own; it is the newest.
    question = demo.transport.latest_with_choices(GROUP)
    assert question.message.choices == ("Gewoon meedoen", "Toch niet")
    # Still, /duim puts the 👍 on the proposal: support from Bert.
    assert "Bert zet een 👍 op: 💡 Soep koken" in demo.transport.printed
    async with database.sessionmaker() as session:
        names = {m.id: m.first_name for m in await session.scalars(select(Member))}
        assert [names[s.member_id] for s in await session.scalars(select(Support))] == ["Bert"]


async def test_all_three_members_are_known_from_the_start_quietly(
    demo_settings: Settings, database: Database, tmp_path: Path
) -> None:
    async def lines() -> AsyncIterator[str]:
        # Carla never said a word in the group; her first touch is the group's "verder in een
        # privégesprek" link, which opens her private chat with "/start actie_<group>".
        async with database.sessionmaker() as session:
            group_id = await session.scalar(select(Group.id))
            names = {m.id: m.first_name for m in await session.scalars(select(Member))}
            members = [names[m.member_id] for m in await session.scalars(select(Membership))]
        assert sorted(members) == ["Anna", "Bert", "Carla"]  # known from the start
        yield "/als carla"
        yield "/prive"
        yield f"/start actie_{group_id}"

    demo, transcript = await run_script(demo_settings, database, tmp_path, lines())

    # Brug introduced itself once; the members joining added nothing to the screen.
    printed = demo.transport.printed
    assert printed[1].startswith("── groep Wooncoöperatie De Linde ──\nHallo allemaal")
    assert printed[2] == "Nu praat Carla."
    assert "nog niet heb gezien" not in transcript
    assert any(block.startswith("── privé: Carla ──\nWe maken samen een voorstel voor Wooncoöperatie De Linde.")
               for block in printed)
    async with database.sessionmaker() as session:
        names = {m.id: m.first_name for m in await session.scalars(select(Member))}
        assert [names[d.member_id] for d in await session.scalars(select(ActionDraft))] == ["Carla"]


async def test_an_export_lands_in_the_folder_and_a_week_later_the_digest_comes(
    demo_settings: Settings, database: Database, tmp_path: Path
) -> None:
    lines = [*PROPOSAL, "/groep", "/export", "1", "/groep", "/tijd +7d"]
    demo, _ = await run_script(demo_settings, database, tmp_path, lines)

    documents = [r for r in demo.transport.recorded if r.action == "document"]
    assert {Path(r.extra["path"]).name for r in documents} == {
        "brug-export.xlsx", "acties.csv", "partners.csv", "acties.ics",
    }
    actions_csv = (tmp_path / "bestanden" / "acties.csv").read_text(encoding="utf-8-sig")
    assert "Soep koken" in actions_csv
    assert {r.conversation for r in documents} == {Conversation("private", "anna", "Anna")}
    # Choosing the deep link under /export opened Anna's private conversation, where the files arrived.
    after_export = blocks_after(demo, "Dit laat ik je zien in een persoonlijk gesprek")
    assert after_export[1].startswith("── privé: Anna ──\n(bestand opgeslagen: ")
    assert after_export[5] == "Brug schrijft Anna privé, dus je bent nu daar. Met /groep ga je terug naar de groep."
    assert any(block.startswith("── groep Wooncoöperatie De Linde ──\n📬") for block in
               blocks_after(demo, "De klok staat nu op dinsdag 8 december, 10:00."))


async def test_the_demo_in_english(demo_settings: Settings, database: Database, tmp_path: Path) -> None:
    settings = demo_settings.model_copy(update={"language": "en"})
    demo, transcript = await run_script(settings, database, tmp_path, ["/prive", "/tijd +3u", "/tijd +9u"])
    assert demo.transport.printed[0].startswith("Welcome to the Brug demo")
    assert demo.transport.printed[1].startswith("── group Wooncoöperatie De Linde ──\nHello everyone")
    assert "anna @ private > /tijd +3u" in transcript
    assert demo.transport.printed[-3:] == [
        "The clock now says Tuesday 1 December, 13:00.",
        "The clock now says Tuesday 1 December, 22:00.",
        "It is quiet time in the group now: Brug waits with reminders until 9:00.",
    ]


async def test_a_continued_demo_keeps_the_clock_and_does_not_welcome_again(
    demo_settings: Settings, database: Database, tmp_path: Path
) -> None:
    clock_file = tmp_path / CLOCK_FILE
    # The clock is kept after every /tijd, and when the demo stops.
    first, _ = await run_script(demo_settings, database, tmp_path, ["/tijd +1d", "/tijd +1d"],
                                clock_file=clock_file)
    assert load_clock(clock_file).offset == timedelta(days=2)
    assert first.transport.printed[0].startswith("Welkom bij de Brug-demo")

    # brug demo --verder: the kept offset on the clock, a short "welcome back" and nothing else.
    clock = ShiftedClock(FixedClock(START))
    clock.offset = load_clock(clock_file).offset
    out = io.StringIO()
    second = await run_demo(
        demo_settings, ["/als bert", "/tijd +3u"], out=out, clock=clock, database=database,
        files_dir=tmp_path / "bestanden", seed=False, clock_file=clock_file,
    )
    transcript = out.getvalue()
    assert second.transport.printed[0] == (
        "Welkom terug in de Brug-demo. Alles van de vorige keer staat er nog.\n"
        "Nu praat Anna, in de groep Wooncoöperatie De Linde. De klok staat op donderdag 3 december, 10:00.\n"
        "Typ /hulp voor de uitleg."
    )
    assert "Welkom bij de Brug-demo" not in transcript and "Hallo allemaal" not in transcript
    assert "De klok staat nu op donderdag 3 december, 13:00." in second.transport.printed
    assert load_clock(clock_file).offset == timedelta(days=2, hours=3)


async def test_the_continued_demo_in_english_says_welcome_back(
    demo_settings: Settings, database: Database, tmp_path: Path
) -> None:
    demo, _ = await run_script(demo_settings, database, tmp_path, [], seed=False, lang="en")
    assert demo.transport.printed == [
        "Welcome back to the Brug demo. Everything from last time is still here.\n"
        "Anna is talking now, in the group Wooncoöperatie De Linde. The clock says Tuesday 1 December, 10:00.\n"
        "Type /hulp for the explanation."
    ]


def test_the_kept_clock_is_read_carefully_and_a_fresh_demo_forgets_it(tmp_path: Path) -> None:
    path = tmp_path / CLOCK_FILE
    assert load_clock(path).offset == timedelta(0)  # nothing kept yet
    clock = ShiftedClock(FixedClock(START))
    clock.advance(timedelta(days=1, minutes=30))
    save_clock(path, clock)
    assert load_clock(path).offset == timedelta(days=1, minutes=30)
    for spoilt in ("niet eens json", '{"offset_seconds": -5}', '{"offset_seconds": "twee"}', "[]"):
        path.write_text(spoilt, encoding="utf-8")
        assert load_clock(path).offset == timedelta(0)

    database_file = tmp_path / "brug-demo.db"
    database_file.write_bytes(b"")
    save_clock(path, clock)
    start_afresh(database_file)
    assert not database_file.exists() and not path.exists()


async def test_a_continued_demo_remembers_the_card(
    demo_settings: Settings, database: Database, tmp_path: Path
) -> None:
    first, _ = await run_script(demo_settings, database, tmp_path, PROPOSAL)
    card = first.transport.latest_with_choices(GROUP)

    last_ref, shown = await earlier_messages(database)

    assert last_ref == int(max(first.transport.shown, key=int)) >= int(card.ref)
    assert [(s.ref, s.message.choices) for s in shown if s.conversation.is_group][-1] == (
        card.ref, ("👍 Steun", "🙋 Ik doe mee", "💬 Bedenking")
    )
    second, transcript = await run_script(
        demo_settings, database, tmp_path, ["/als bert", "/duim"], seed=False, first_ref=last_ref + 1,
        earlier=shown,
    )
    assert "Hallo allemaal" not in transcript
    assert second.transport.recorded[0].ref == card.ref  # the old card, edited
    assert "👍 Steun: Bert" in second.transport.recorded[0].message.text
    assert all(int(r.ref) > last_ref for r in second.transport.recorded[1:] if r.action == "send")


def test_brug_demo_runs_as_a_command_fed_by_stdin(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRUG_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "demo"],
        input="/hulp\n/actie Soep koken\n/als carla\n/tijd +1d\n/stop\n",
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Welkom bij de Brug-demo") == 1
    assert "Hallo allemaal, ik ben Brug." in result.stdout
    assert "anna @ groep > /actie Soep koken" in result.stdout
    assert "Nu praat Carla." in result.stdout
    assert f"De demo bewaart alles in {tmp_path / 'brug-demo.db'}." in result.stdout
    assert (tmp_path / "brug-demo.db").exists()
    assert load_clock(tmp_path / CLOCK_FILE).offset == timedelta(days=1)

    # With --verder the same database, the same clock and no second welcome or introduction; Ctrl-D (end
    # of input) ends it too.
    again = subprocess.run(
        [sys.executable, "-m", "bot.cli", "demo", "--verder"], input="1\n/tijd +2u\n",
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
    )
    assert again.returncode == 0, again.stderr
    assert "Welkom bij de Brug-demo" not in again.stdout and "Hallo allemaal" not in again.stdout
    assert again.stdout.startswith("\nWelkom terug in de Brug-demo.")
    assert "Nu praat Anna, in de groep Wooncoöperatie De Linde. De klok staat op " in again.stdout
    # "1" still answers the question Brug asked in the first run: on to the private conversation.
    assert "── privé: Anna ──" in again.stdout
    assert load_clock(tmp_path / CLOCK_FILE).offset == timedelta(days=1, hours=2)

    # Without --verder the demo starts afresh: a new database, the real time again.
    fresh = subprocess.run(
        [sys.executable, "-m", "bot.cli", "demo"], input="/stop\n",
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
    )
    assert fresh.returncode == 0, fresh.stderr
    assert "Welkom bij de Brug-demo" in fresh.stdout
    assert load_clock(tmp_path / CLOCK_FILE).offset == timedelta(0)
