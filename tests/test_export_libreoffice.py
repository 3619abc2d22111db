"""Issue 18: the exports opened by a real spreadsheet — LibreOffice Calc, headless — as a Dutch reader opens them.

A Dutch coordinator's CSV is read with ";" as separator (Dutch Excel and LibreOffice in a Dutch locale split
on ";" when a file is opened with a double-click), an English one's with ",". LibreOffice must see exactly the
cells Brug meant: the same number of columns on every row, "pannen; soep" in one cell, accents and emoji
intact, and a formula shown as text, never run (LibreOffice runs ``=1+1`` from a CSV by default). The
workbook must open with the same cells on both sheets.

Needs Debian's ``libreoffice-calc-nogui`` (``.ci/run`` installs it; as root the test installs it too).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.coordinator_fixtures import action, add, member_id
from tests.harness import BotHarness
from tests.system_programs import needed_program
from tests.test_coordinator_export import with_data

pytestmark = pytest.mark.slow

SOFFICE = "/usr/bin/soffice"
# LibreOffice's CSV filter options: separator, text delimiter ("), character set (76 = UTF-8), first line.
READ_CSV = "CSV:{separator},34,76,1"
# Written back as tab-separated UTF-8 with every text cell quoted, all sheets (-1), to compare cell by cell.
WRITE_CELLS = "csv:Text - txt - csv (StarCalc):9,34,76,1,,0,true,true,true,false,false,-1"


@pytest.fixture(scope="module")
def soffice() -> str:
    return needed_program(SOFFICE, ["libreoffice-calc-nogui"], recommends=False)


def cells_in_libreoffice(soffice: str, document: Path, folder: Path, read_as: str | None = None) -> dict:
    """What LibreOffice sees in ``document``: {sheet file name: rows of cells}, via its own CSV writer."""
    out = folder / f"out-{document.stem}"
    command = [
        soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{folder / 'profile'}",
        "--convert-to", WRITE_CELLS, "--outdir", str(out), str(document),
    ]
    if read_as is not None:
        command[4:4] = ["--infilter=" + read_as]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return {
        written.name: list(csv.reader(io.StringIO(written.read_text("utf-8")), delimiter="\t"))
        for written in sorted(out.iterdir())
    }


async def export_of(bot: BotHarness, *, english: bool = False) -> dict[str, bytes]:
    setting, anna, *_ = await with_data(bot)
    anna_id = await member_id(bot, anna)
    await add(bot, action(setting.group_id, anna_id, "Soep;=1+1;", bot.now(), due_on=date(2026, 12, 20)))
    await add(bot, action(setting.group_id, anna_id, "Café ☕, \"één\" keer", bot.now()))
    carla = setting.coordinator
    if english:
        await bot.say(carla, carla, "/taal")
        await bot.press(carla, bot.telegram.last("sendMessage", carla.id), "English")
    await bot.say(carla, carla, "/export")
    names = ("brug-export.xlsx", "acties.csv", "partners.csv", "acties.ics")  # the order /export sends them
    sent = bot.telegram.sent("sendDocument", carla.id)
    return {name: call.files["document"] for name, call in zip(names, sent, strict=True)}


# LibreOffice recognises "2026-12-01 10:00" as a date-time (as it should) and shows it with seconds.
DATE_TIME_SHOWN = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d):00$")


def as_written(rows: list[list[str]], width: int) -> list[list[str]]:
    """LibreOffice's rows in Brug's terms: trailing empty cells back, date-times without the seconds."""
    return [[DATE_TIME_SHOWN.sub(r"\1", cell) for cell in row] + [""] * (width - len(row)) for row in rows]


def brug_meant(content: bytes, separator: str) -> list[list[str]]:
    """The cells as written: Python's csv reader with the same separator (honours every quote)."""
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=separator))


@pytest.mark.parametrize("english", [False, True], ids=["nl-semicolon", "en-comma"])
async def test_libreoffice_reads_every_csv_cell_as_brug_wrote_it(
    bot: BotHarness, soffice: str, tmp_path: Path, english: bool
) -> None:
    files = await export_of(bot, english=english)
    separator = "," if english else ";"
    for name in ("acties.csv", "partners.csv"):
        document = tmp_path / name
        document.write_bytes(files[name])
        meant = brug_meant(files[name], separator)
        [seen] = cells_in_libreoffice(
            soffice, document, tmp_path, READ_CSV.format(separator=ord(separator))
        ).values()
        width = len(meant[0])
        assert all(len(row) == width for row in meant)  # every row as wide as the header
        assert as_written(seen, width) == meant  # exactly Brug's cells, in the same columns
    flat = [cell for row in brug_meant(files["acties.csv"], separator) for cell in row]
    assert "Soep;'=1+1;" in flat  # LibreOffice saw this cell too (above): shown, not run
    assert 'Café ☕, "één" keer' in flat and "pannen;\nen soep" in flat


async def test_libreoffice_opens_the_workbook_with_the_same_cells(
    bot: BotHarness, soffice: str, tmp_path: Path
) -> None:
    files = await export_of(bot)
    workbook = tmp_path / "brug-export.xlsx"
    workbook.write_bytes(files["brug-export.xlsx"])
    seen = cells_in_libreoffice(soffice, workbook, tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(files["brug-export.xlsx"]))
    assert len(seen) == len(book.sheetnames) == 2
    for sheet_name, rows in zip(book.sheetnames, seen.values(), strict=True):
        expected = [
            ["" if value is None else str(value) for value in row]
            for row in book[sheet_name].iter_rows(values_only=True)
        ]
        width = len(expected[0])
        assert as_written(rows, width) == expected, sheet_name
    actions = [cell for row in next(iter(seen.values())) for cell in row]
    assert "Soep;'=1+1;" in actions
