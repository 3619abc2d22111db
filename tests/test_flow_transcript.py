"""docs/flow.md: the whole conversation as members see it, written by this test so it stays true.

Run with ``BRUG_WRITE_FLOW_DOC=1`` to (re)write the file; otherwise the test checks it is up to date.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from bot.devtools.demo import run_demo
from bot.domain.clock import FixedClock, ShiftedClock
from bot.config import Settings
from storage.db import Database
from storage.migrate import upgrade
from tests.conftest import START

from tests.action_steps import make_cast
from tests.fake_telegram import Call, visible_text
from tests.harness import BotHarness, GroupChat, User

DOC = Path(__file__).resolve().parent.parent / "docs" / "flow.md"

INTRO = """# Brug: een netwerkactie van begin tot eind

*Dit bestand is geschreven door `tests/test_flow_transcript.py` (`BRUG_WRITE_FLOW_DOC=1 pytest
tests/test_flow_transcript.py`); de test faalt als het niet meer klopt met wat Brug echt zegt.*

De groep **De BinnenHaven**: Anna stelt een actie voor, Ben en Carla steunen haar, Dirk doet mee, Eva
is geen lid van de groep. Het is dinsdag 1 december. `[Knop]` is een knop onder een bericht; een
melding is het korte venster dat Telegram toont na het tikken op een knop.
"""


class Transcript:
    """Drives the bot like the members do and writes down what each of them sees."""

    def __init__(self, bot: BotHarness, people: list[User]) -> None:
        self.bot = bot
        self.lines: list[str] = []
        self.seen = len(bot.telegram.calls)
        self.names = {u.id: u.first_name for u in people}

    def scene(self, title: str) -> None:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.lines += ["", f"## {title}", ""]

    def where(self, chat: GroupChat | User) -> str:
        return "in de groep" if isinstance(chat, GroupChat) else "privé"

    async def says(self, chat: GroupChat | User, user: User, text: str, reply_to: Call | None = None) -> None:
        answer = " (antwoord op Brugs vraag)" if reply_to is not None else ""
        self.lines.append(f"**{user.first_name}** {self.where(chat)}{answer}: `{text}`")
        self.lines.append("")
        await self.bot.say(chat, user, text, reply_to=reply_to)
        self.record()

    async def taps(self, user: User, message: Call | dict, label: str) -> None:
        chat_id = message.chat_id if isinstance(message, Call) else message["chat"]["id"]
        place = "in de groep" if chat_id < 0 else "privé"
        self.lines.append(f"**{user.first_name}** tikt {place} op `[{label}]`")
        self.lines.append("")
        await self.bot.press(user, message, label)
        self.record()

    def record(self) -> None:
        for call in self.bot.telegram.calls[self.seen :]:
            if "_error" in call.params:
                continue
            if call.method in ("sendMessage", "editMessageText"):
                self.lines += self.message(call)
            elif call.method == "answerCallbackQuery" and call.params.get("text"):
                self.lines += [f"> *melding:* {call.params['text']}", ""]
        self.seen = len(self.bot.telegram.calls)

    def message(self, call: Call) -> list[str]:
        chat_id = call.chat_id
        to = "in de groep" if chat_id < 0 else f"privé aan {self.names.get(chat_id, chat_id)}"
        verb = "past een bericht aan" if call.method == "editMessageText" else "zegt"
        text = visible_text(call.params["text"], call.params.get("parse_mode"))
        lines = [f"🌉 **Brug** {verb} {to}:", ""]
        lines += [f"> {line}" if line else ">" for line in text.splitlines()]
        labels = call.button_labels()
        if labels:
            lines += [">", "> " + " ".join(f"`[{label}]`" for label in labels)]
        if (call.params.get("reply_markup") or {}).get("force_reply"):
            lines += [">", "> *(Telegram opent meteen het antwoordveld)*"]
        return lines + [""]

    def last(self, chat: GroupChat | User) -> Call:
        return self.bot.telegram.last("sendMessage", chat.id)


async def walk(bot: BotHarness) -> str:
    cast = await make_cast(bot)
    t = Transcript(bot, [cast.anna, cast.ben, cast.carla, cast.dirk, cast.eva])
    anna, ben, carla, dirk, group = cast.anna, cast.ben, cast.carla, cast.dirk, cast.group

    t.scene("1. Anna stelt een actie voor")
    await t.says(group, anna, "/actie Soep koken voor de straat")
    await t.taps(anna, t.last(anna), "Overslaan")
    await t.says(anna, anna, "Buurtcentrum De Roef en de buurvrouw van nummer 3")
    await t.says(anna, anna, "ergens in december")
    await t.says(anna, anna, "zaterdag")
    await t.taps(anna, t.last(anna), "Nee")
    await t.says(anna, anna, "Pannen, een grote tafel en groenten")
    await t.taps(anna, t.last(anna), "Overslaan")
    await t.says(anna, anna, "We delen het recept en de buren schuiven aan")
    await t.taps(anna, t.last(anna), "Aanpassen")
    await t.taps(anna, t.last(anna), "Geven en vragen")
    await t.says(anna, anna, "Pannen, een grote tafel en groenten")
    await t.says(anna, anna, "Een warme maaltijd en een praatje voor wie alleen is")
    await t.taps(anna, t.last(anna), "Plaatsen")

    from storage.models import Action

    [action] = await bot.rows(Action)
    card = bot.telegram.message(group.id, action.card_message_id)

    t.scene("2. De groep steunt het voorstel")
    await t.taps(carla, card, "💬 Bedenking")
    await t.says(carla, carla, "Is zaterdag niet te druk met de markt?")
    await t.taps(carla, t.last(carla), "👥 Ja, de groep mag het zien")
    await t.taps(ben, card, "👍 Steun")
    await t.taps(carla, card, "👍 Steun")

    t.scene("3. Dirk doet mee")
    await t.taps(dirk, card, "🙋 Ik doe mee")
    await t.says(dirk, dirk, "Ik neem de grote pan mee")
    await t.taps(dirk, t.last(dirk), "zaterdag 5 december")
    await t.says(group, ben, "/acties")

    t.scene("4. Dirk vinkt af met /mijn")
    await t.says(dirk, dirk, "/mijn")
    await t.taps(dirk, t.last(dirk), "✅ Gedaan")

    t.scene("5. Hoe ging het? De oogst")
    await t.says(anna, anna, "Twintig buren aten mee, de soep was op!")
    await t.says(anna, anna, "De buurvrouw van nummer 3 en twee gezinnen van de overkant")
    await t.says(anna, anna, "ongeveer 15")
    await t.says(anna, anna, "Carla en de buurvrouw willen het in januari weer doen")
    return "\n".join([INTRO.rstrip(), *t.lines]).rstrip() + "\n"


HELPING_INTRO = """
## 10. Een Voorzorgcirkel helpt mee met de koffieochtend van de wijkregisseur

*Niet opnieuw het wiel uitvinden:* soms is meehelpen bij wat er al speelt genoeg. De Voorzorgcirkel Haven
heeft de koffieochtend van Anouk, de wijkregisseur, op de agenda staan. Bea zet "meehelpen" in drie tikken
in de groep — zonder zes vragen en zonder stemming, want het gebeurt al. Henk helpt mee met een taak.
"""


async def helping_walk(bot: BotHarness) -> str:
    from datetime import date, time

    from tests.coordinator_fixtures import add, agenda_item, group_with_coordinator, partner

    bea, henk = bot.user(401, "Bea", started=True), bot.user(402, "Henk", started=True)
    truus = bot.user(400, "Truus", started=True)
    setting = await group_with_coordinator(
        bot, chat_id=-1004, title="Voorzorgcirkel Haven", coordinator=truus, members=[bea, henk]
    )
    now = bot.now()
    await add(
        bot,
        partner(setting.group_id, "Anouk", now, key_role="wijkregisseur", key_role_formal=True, on_shortlist=True),
        agenda_item(setting.group_id, "Koffieochtend in De Linde", now, happens_on=date(2026, 12, 8),
                    start_time=time(10, 0), place="Buurthuis De Linde", organiser="Anouk (wijkregisseur)"),
    )
    t = Transcript(bot, [truus, bea, henk])
    group = setting.chat
    t.lines.append(HELPING_INTRO.strip())
    t.lines.append("")
    await t.says(group, bea, "/helpmee")
    await t.taps(bea, t.last(group), "📅 dinsdag 8 december: Koffieochtend in De Linde")
    await t.taps(bea, bot.telegram.last("editMessageText", group.id), "🤝 Ja, wij helpen mee")
    card = bot.telegram.last("sendMessage", group.id)
    await t.taps(henk, card, "🙋 Ik doe mee")
    await t.says(group, henk, "Ik zet de kopjes klaar en was af", reply_to=t.last(group))
    await t.taps(henk, t.last(group), "dinsdag 8 december")
    return "\n".join(t.lines).rstrip() + "\n"


DEMO_INTRO = """
## 6. Een hele sessie in `brug demo`: drie leden tegelijk

Zo ziet het eruit in de terminal (`brug demo`), waar elke knop een nummer is. Anna, Bert en Carla
praten door elkaar heen in de groep: een nummer of een getypt antwoord komt bij de vraag die aan díe
persoon gesteld is, of anders bij het voorstel. Daarna gaat de klok vooruit met `/tijd`.
"""

DEMO_SCRIPT = [
    "/actie Koffie met de buren",
    "1",  # Verder in een privégesprek
    "de buurvrouw van nummer 12",
    "zaterdagochtend",
    "nee",
    "koffie en koek",
    "een luisterend oor",
    "weet ik nog niet",
    "plaatsen",
    "/groep",
    "/als bert",
    "2",  # 🙋 Ik doe mee on the card
    "/als carla",
    "3",  # 💬 Bedenking on the card, while Bert's question is open
    "/als bert",
    "ik neem vier klapstoelen mee",
    "/als carla",
    "ik vind zaterdag wat vroeg",
    "/als bert",
    "1",  # his own question: the action's day
    "/als carla",
    "1",  # nothing asked of Carla now: 👍 Steun on the card
    "/tijd +3d",
    "/tijd +1d",
    "/stop",
]


SNOW_INTRO = """
## 7. Sneeuw ruimen, morgen: het gaat meteen door

Een actie binnen een paar dagen (instelling "gewoon doen", standaard 3 dagen) hoeft niet op steun te
wachten: wie mee wil doen, doet mee. Meedoen telt ook als steun. Wie "gewoon meedoet", krijgt geen vraag
"wanneer?": het is op de dag van de actie.
"""

SNOW_SCRIPT = [
    "/actie Sneeuw ruimen bij de oudere buren",
    "1",
    "de jongens van de overkant",
    "morgen",
    "nee",
    "schoppen en strooizout",
    "een kop koffie na afloop",
    "iedereen met een schop is welkom",
    "plaatsen",
    "/groep",
    "/als bert",
    "2",  # 🙋 Ik doe mee
    "ik neem mijn schop mee",
    "1",  # the action's day
    "/als carla",
    "2",  # 🙋 Ik doe mee
    "gewoon meedoen",
    "/tijd +1d",
    "/tijd +1d",
    "/stop",
]

COFFEE_INTRO = """
## 8. Een koffieochtend over twaalf dagen

Steun komt voor de dag van de actie (het besluit valt uiterlijk de dag ervoor). Vóór de dag vraagt Brug
niet "gedaan of loslaten?"; twee dagen ervoor komt één vriendelijk "nog 2 dagen". Als Anna vertelt hoe
het ging, is "gewoon meedoen" daarmee ook gedaan: Carla's /mijn is leeg.
"""

COFFEE_SCRIPT = [
    "/actie Koffieochtend in de hal",
    "1",
    "de buurvrouw van nummer 12",
    "zondag 13 december",
    "nee",
    "koffie en koek",
    "een luisterend oor",
    "iedereen mag een buur meenemen",
    "plaatsen",
    "/groep",
    "/als bert",
    "1",  # 👍 Steun
    "/als carla",
    "2",  # 🙋 Ik doe mee
    "gewoon meedoen",
    "/tijd +6d",
    "/tijd +4d",
    "/tijd +3d",
    "/als anna",
    "/prive",
    "1",  # 🌱 Vertel hoe het ging
    "Veertien buren kwamen, ook twee nieuwe gezichten",
    "de mensen van de zondagsmarkt",
    "ongeveer 14",
    "Carla wil het in januari weer doen",
    "/als carla",
    "/mijn",
    "/stop",
]

SMALLER_INTRO = """
## 9. Een groot plan, een kleine eerste stap

Een eigen ontmoetingsruimte is een mooi doel, maar niet voor deze maand. Brug vraagt naar een eerste,
kleinere stap; het grote plan blijft op het voorstel staan als doel.
"""

SMALLER_SCRIPT = [
    "/actie Een eigen ontmoetingsruimte voor de buurt",
    "1",
    "het buurthuis",
    "in maart",
    "1",  # Ja, maandag 1 maart
    "1",  # Kleinere eerste stap
    "Een proefmiddag in het buurthuis",
    "over twee weken",
    "nee",
    "stoelen en koffie",
    "een plek om elkaar te ontmoeten",
    "iedereen mag een buur meenemen",
    "plaatsen",
    "/stop",
]


async def demo_session(tmp_path: Path, script: list[str] = DEMO_SCRIPT, intro: str = DEMO_INTRO) -> str:
    """The demo played by ``script`` on a clock fixed at the tests' start, in a fresh database."""
    folder = tmp_path / str(len(list(tmp_path.iterdir())))
    folder.mkdir()
    settings = Settings(database_url=f"sqlite+aiosqlite:///{folder}/demo.db", _env_file=None,
                        tick_seconds=3600.0)
    database = Database(settings.database_url)
    await upgrade(database.engine)
    out = io.StringIO()
    try:
        await run_demo(settings, script, out=out, clock=ShiftedClock(FixedClock(START)),
                       database=database, files_dir=folder / "bestanden", lang="nl")
    finally:
        await database.dispose()
    transcript = "\n".join(line.rstrip() for line in out.getvalue().strip().splitlines())
    return intro + "\n```text\n" + transcript + "\n```\n"


async def test_flow_document_is_written_from_a_real_run(bot: BotHarness, tmp_path: Path) -> None:
    text = await walk(bot) + await demo_session(tmp_path)
    for script, intro in ((SNOW_SCRIPT, SNOW_INTRO), (COFFEE_SCRIPT, COFFEE_INTRO), (SMALLER_SCRIPT, SMALLER_INTRO)):
        text += await demo_session(tmp_path, script, intro)
    text += await helping_walk(bot)
    assert [c for c in bot.telegram.calls if "_error" in c.params] == []
    if os.environ.get("BRUG_WRITE_FLOW_DOC") == "1":
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
    assert DOC.exists(), "docs/flow.md is missing: run with BRUG_WRITE_FLOW_DOC=1"
    assert DOC.read_text(encoding="utf-8") == text, (
        "docs/flow.md is out of date: run BRUG_WRITE_FLOW_DOC=1 pytest tests/test_flow_transcript.py"
    )
