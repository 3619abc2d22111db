"""Issue 6: /export — CSV files and a calendar, parsed back."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import openpyxl
from icalendar import Calendar

from tests.coordinator_fixtures import (
    action,
    add,
    agenda_item,
    commitment,
    group_with_coordinator,
    member_id,
    partner,
)
from tests.harness import BotHarness


async def with_data(bot: BotHarness):
    anna = bot.user(101, "Anna", started=True)
    ben = bot.user(102, "Ben")
    setting = await group_with_coordinator(bot, members=[anna, ben])
    now = bot.now()
    anna_id, ben_id = await member_id(bot, anna), await member_id(bot, ben)
    [roef] = await add(
        bot,
        partner(setting.group_id, "Buurthuis De Roef", now, kind="Buurthuis", on_shortlist=True,
                key_role="buurtburgemeester", key_role_formal=False, contact="=HYPERLINK(\"x\")"),
    )
    soup, walk, idea = await add(
        bot,
        action(setting.group_id, anna_id, "Soep koken, \"samen\" 🍲", now, due_on=date(2026, 12, 12),
               partner_id=roef.id, we_need="pannen;\nen soep"),
        action(setting.group_id, ben_id, "Buurtwandeling", now, state="done", due_on=date(2026, 11, 20),
               closed_at=now - timedelta(days=5), reach_count=12),
        action(setting.group_id, ben_id, "Bankje bij de vijver", now, state="proposed"),
    )
    await add(
        bot,
        commitment(soup.id, anna_id, now, what="pannen regelen", due_on=date(2026, 12, 10)),
        commitment(soup.id, ben_id, now, what=None, due_on=date(2026, 12, 12), status="done"),
        commitment(walk.id, anna_id, now, what="losgelaten klus", due_on=date(2026, 11, 19), status="released"),
        agenda_item(setting.group_id, "Koffieochtend", now, happens_on=date(2026, 12, 8), place="De Roef"),
    )
    return setting, anna, soup, walk, idea


def rows_of(content: bytes, separator: str = ";") -> list[dict[str, str]]:
    """A Dutch coordinator's CSV splits on ";" (as Dutch Excel does), an English one's on ","."""
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM so Excel reads accents"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=separator))


async def test_coordinator_receives_three_files_that_parse_back(bot: BotHarness) -> None:
    setting, anna, soup, walk, idea = await with_data(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/export")

    documents = bot.telegram.sent("sendDocument", carla.id)
    assert [list(call.files) for call in documents] == [["document"]] * 4
    workbook, actions_csv, partners_csv, calendar = (call.files["document"] for call in documents)

    actions = rows_of(actions_csv)
    assert list(actions[0]) == [
        "actie-nr", "actie", "stand", "voorgesteld door", "datum", "met wie", "partner",
        "wat hebben wij nodig", "wat kunnen we betekenen", "hoe doen anderen mee", "voorgesteld op",
        "afgerond op", "bereik buiten de groep", "toezegging-nr", "wie", "wat", "uiterlijk",
        "stand toezegging", "gedaan op",
    ]
    assert [(r["actie"], r["wie"], r["stand toezegging"]) for r in actions] == [
        ("Soep koken, \"samen\" 🍲", "Anna", "open"),
        ("Soep koken, \"samen\" 🍲", "Ben", "gedaan"),
        ("Buurtwandeling", "Anna", "losgelaten"),
        ("Bankje bij de vijver", "", ""),  # an action without commitments has its own row
    ]
    first = actions[0]
    assert first["datum"] == "2026-12-12" and first["uiterlijk"] == "2026-12-10"
    assert first["partner"] == "Buurthuis De Roef" and first["wat hebben wij nodig"] == "pannen;\nen soep"
    assert first["voorgesteld op"] == "2026-12-01 10:00"  # the group's local time
    assert actions[2]["bereik buiten de groep"] == "12" and actions[2]["stand"] == "gedaan"

    [roef] = rows_of(partners_csv)
    assert roef["naam"] == "Buurthuis De Roef" and roef["shortlist"] == "ja"
    assert (roef["sleutelrol"], roef["soort rol"], roef["acties samen"]) == ("buurtburgemeester", "informeel", "1")
    assert roef["contact"] == "'=HYPERLINK(\"x\")"  # shown, never run as a formula

    parsed = Calendar.from_ical(calendar)
    assert str(parsed["X-WR-TIMEZONE"]) == "Europe/Amsterdam"
    [tz] = parsed.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/Amsterdam"
    events = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    gid = setting.group_id
    assert set(events) == {
        f"action-{soup.id}@group-{gid}.brug",
        f"action-{walk.id}@group-{gid}.brug",
        *(f"commitment-{i}@group-{gid}.brug" for i in (1, 2)),
        f"agenda-1@group-{gid}.brug",
    }
    soup_event = events[f"action-{soup.id}@group-{gid}.brug"]
    assert soup_event.decoded("DTSTART") == date(2026, 12, 12)  # all-day date values
    assert soup_event.decoded("DTEND") == date(2026, 12, 13)
    assert str(soup_event["SUMMARY"]) == "Soep koken, \"samen\" 🍲"
    ben_event = events[f"commitment-2@group-{gid}.brug"]
    assert str(ben_event["SUMMARY"]) == "Ben: meedoen (Soep koken, \"samen\" 🍲)"
    assert str(events[f"agenda-1@group-{gid}.brug"]["SUMMARY"]) == "Koffieochtend – De Roef"

    # The same tables as one workbook, which Dutch Excel opens with a double-click; text stays text.
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == ["acties", "partners"]
    sheet_rows = list(book["acties"].iter_rows(values_only=True))
    assert sheet_rows[0][:2] == ("actie-nr", "actie") and sheet_rows[1][1] == "Soep koken, \"samen\" 🍲"
    assert sheet_rows[1][7] == "pannen;\nen soep"
    [partner_row] = list(book["partners"].iter_rows(min_row=2, values_only=True))
    assert partner_row[3] == "'=HYPERLINK(\"x\")"
    assert book["partners"].cell(2, 4).data_type == "s"  # stored as text, never as a formula

    # Exported again: the same UIDs, so a calendar updates instead of doubling.
    await bot.say(carla, carla, "/export")
    again = Calendar.from_ical(bot.telegram.sent("sendDocument", carla.id)[-1].files["document"])
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)


async def test_english_headers_for_an_english_coordinator(bot: BotHarness) -> None:
    setting, *_ = await with_data(bot)
    carla = setting.coordinator
    await bot.say(carla, carla, "/taal")
    await bot.press(carla, bot.telegram.last("sendMessage", carla.id), "English")
    await bot.say(carla, carla, "/export")
    actions = rows_of(bot.telegram.sent("sendDocument", carla.id)[1].files["document"], ",")
    assert list(actions[0])[:3] == ["action no", "action", "state"]


async def test_export_in_the_group_and_by_members_leaks_nothing(bot: BotHarness) -> None:
    setting, anna, *_ = await with_data(bot)
    await bot.say(setting.chat, setting.coordinator, "/export")
    pointer = bot.telegram.last("sendMessage", setting.chat.id)
    assert pointer.buttons()[0][0]["url"].endswith(f"start=export_{setting.group_id}")
    await bot.say(setting.chat, anna, "/export")
    assert "alleen een coördinator" in bot.last_text(setting.chat.id)
    await bot.say(anna, anna, "/export")
    await bot.start_private(anna, f"export_{setting.group_id}")
    await bot.press_data(anna, bot.telegram.last("sendMessage", anna.id), f"ex:g:{setting.group_id}")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert bot.telegram.sent("sendDocument") == []
    assert not any("Soep" in text for text in bot.texts(anna.id) + bot.texts(setting.chat.id))


async def test_a_semicolon_or_a_hidden_formula_stays_in_its_cell(bot: BotHarness) -> None:
    """Issue 18: Dutch Excel and LibreOffice split on ";": every field is quoted, and a formula after a
    separator ("Soep;=1+1;") is shown, never run. The group's name in the calendar is escaped."""
    setting, anna, soup, walk, idea = await with_data(bot)
    anna_id = await member_id(bot, anna)
    await add(bot, action(setting.group_id, anna_id, "Soep;=1+1;", bot.now(), due_on=date(2026, 12, 20)))
    async with bot.db.unit_of_work() as session:
        from storage.models import Group

        group = await session.get(Group, setting.group_id)
        group.title = "De Haven\nWest; Oost"
    carla = setting.coordinator
    await bot.say(carla, carla, "/export")
    _workbook, actions_csv, _partners, calendar = (
        call.files["document"] for call in bot.telegram.sent("sendDocument", carla.id)
    )
    text = actions_csv.decode("utf-8-sig")
    # Every field quoted: a reader that honours quotes never splits "Soep;…" whatever its separator;
    # a naive split on ";" finds no cell that starts a formula.
    naive_cells = [cell.strip('"') for line in text.splitlines() for cell in line.split(";")]
    assert not [cell for cell in naive_cells if cell.startswith(("=", "+", "@"))]
    [row] = [r for r in rows_of(actions_csv) if "1+1" in r["actie"]]
    assert row["actie"] == "Soep;'=1+1;"
    assert all(record.startswith('"') for record in text.split("\r\n") if record)  # every record quoted
    parsed = Calendar.from_ical(calendar)
    assert b"X-WR-CALNAME:De Haven\\nWest\\; Oost\r\n" in calendar  # escaped as RFC 5545 TEXT, one line
    assert "METHOD" not in parsed
