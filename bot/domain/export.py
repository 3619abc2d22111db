"""/export: the group's actions with their commitments and its partners as CSV, and a calendar (.ics).

CSV: UTF-8 with a byte order mark (so Excel reads the accents and emoji). The separator is the one the
reader's spreadsheet splits on when the file is opened with a double-click: ";" for a Dutch reader
(Dutch Excel and LibreOffice in a Dutch locale use ";" because "," is their decimal comma), "," for an
English one (RFC 4180). Every field is quoted, so "pannen; soep" stays in one cell whatever the separator
(tests/test_export_libreoffice.py opens the files in LibreOffice). A cell that starts like a formula is prefixed with ', and so is a formula
after a separator ("Soep;=1+1" -> "Soep;'=1+1"), so a spreadsheet shows it instead of running it, even
one that splits the line without minding the quotes.

Excel: the same two tables as one workbook (``brug-export.xlsx``, openpyxl), which Dutch Excel opens right
with a double-click — no separator to guess. Text is stored as text, never as a formula.

Calendar: one event per action date, per commitment date and per agenda date, with stable UIDs
(a second import updates rather than duplicates) and the group's time zone (VTIMEZONE + X-WR-TIMEZONE).
An action or agenda item with a time of day ("zaterdag 14:00") is a timed event in that zone; without
one it is an all-day event.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from icalendar import Calendar, Event, Timezone, vText
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.partners import STATUSES, done_together_of
from bot.domain.zones import zone
from storage.models import ActionState, CommitmentStatus, Group
from storage.repositories import agenda as agenda_repo
from storage.repositories import export as repo

# A label for a column or a value, in the reader's language: label("column-action") -> "actie".
Label = Callable[[str], str]

ACTION_COLUMNS = (
    "action-id", "action", "state", "proposer", "date", "with-whom", "partner", "we-need",
    "we-offer", "contagious", "proposed-on", "closed-on", "reach", "commitment-id", "member",
    "what", "due", "commitment-state", "done-on",
)
PARTNER_COLUMNS = (
    "partner-id", "name", "kind", "contact", "moving", "last-contact", "shortlist", "key-role",
    "role-kind", "actions",
    # Partners as equals (issue 20): where we stand, both ways, the wishes, what was done together.
    "partner-status", "asks-of-us", "we-offer-them", "their-wish", "our-wish", "done-together", "reached",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CALENDAR_ID = "-//Brug//Brug netwerkacties//NL"
# A timed event lasts this long: Brug asks when something starts, not when it ends. Two hours is what a
# neighbourhood gathering (a coffee morning, a soup afternoon, a meeting) usually takes, and it shows the
# event as a block a reader can see in a day view instead of a line that ends where it starts.
TIMED_EVENT_LENGTH = timedelta(hours=2)
# The list separator of the reader's spreadsheet: Dutch locales write 1,5 and so split lists on ";".
CSV_SEPARATOR = {"nl": ";"}


def csv_separator(language: str) -> str:
    return CSV_SEPARATOR.get(language, ",")


# A formula after a separator a spreadsheet may split on: "Soep;=1+1", "a,@SUM(…)".
FORMULA_INSIDE = re.compile(r"([;,\t\r\n]\s*)(?=[=+@])")


@dataclass(frozen=True)
class Table:
    """One export: a sheet name, the header and the rows (as CSV and as a sheet of the workbook)."""

    name: str
    header: list[str]
    rows: list[list[object]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = FORMULA_INSIDE.sub(r"\1'", str(value))  # "Soep;=1+1" -> "Soep;'=1+1": shown, not run
    if text.startswith(FORMULA_START) and text != "-":
        return "'" + text
    return text


def csv_of(table: Table, separator: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(table.header)
    writer.writerows([_cell(value) for value in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_of(tables: list[Table]) -> bytes:
    """The tables as sheets of one workbook: header bold and frozen, text stored as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    for blank in list(workbook.worksheets):  # the empty sheet a new workbook starts with
        workbook.remove(blank)
    for table in tables:
        sheet = workbook.create_sheet(table.name[:31])  # Excel's limit for a sheet's name
        sheet.append(table.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in table.rows:
            sheet.append([value if isinstance(value, int) else _cell(value) for value in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl would store "=…" as a formula
        for column in sheet.columns:
            width = max((len(str(cell.value or "")) for cell in column), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 50)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _local(moment: datetime | None, group: Group) -> str:
    return moment.astimezone(zone(group.timezone)).strftime("%Y-%m-%d %H:%M") if moment else ""


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


async def actions_table(session: AsyncSession, group: Group, label: Label) -> Table:
    """Actions: one row per commitment, plus one row for every action without commitments."""
    rows = []
    for action, proposer, partner, commitment, member in await repo.actions_with_commitments(
        session, group.id
    ):
        row: list[object] = [
            action.id, action.title, label(f"state-{action.state}"), proposer, _day(action.due_on),
            action.with_whom, partner, action.we_need, action.we_offer, action.contagious,
            _local(action.created_at, group), _local(action.closed_at, group), action.reach_count,
        ]
        if commitment is None:
            row += ["", "", "", "", "", ""]
        else:
            row += [
                commitment.id, member, commitment.what, _day(commitment.due_on),
                label(f"commitment-{commitment.status}"), _local(commitment.done_at, group),
            ]
        rows.append(row)
    return Table(label("sheet-actions"), [label(f"column-{key}") for key in ACTION_COLUMNS], rows)


async def partners_table(session: AsyncSession, group: Group, label: Label) -> Table:
    """Partners: the longlist, shortlist first, with the number of actions with each, where we stand,
    what they ask of us and we can do for them, the wishes, and the done actions and people reached."""
    rows = []
    done = await done_together_of(session, group.id)
    for partner, actions in await repo.partners_with_action_counts(session, group.id):
        together = done.get(partner.id)
        formality = {True: "formal", False: "informal", None: ""}[partner.key_role_formal]
        rows.append(
            [
                partner.id, partner.name, partner.kind, partner.contact, partner.moving_note,
                _day(partner.last_contact_on), label("yes" if partner.on_shortlist else "no"),
                partner.key_role, label(f"role-{formality}") if formality and partner.key_role else "",
                actions,
                label(f"partner-status-{partner.status}") if partner.status in STATUSES else "",
                partner.asks_of_us, partner.we_offer_them, partner.their_wish, partner.our_wish,
                together.count if together else 0, together.reached if together else 0,
            ]
        )
    return Table(label("sheet-partners"), [label(f"column-{key}") for key in PARTNER_COLUMNS], rows)


def _event(uid: str, day: date, summary: str, now: datetime, description: str | None = None,
           status: str = "CONFIRMED", category: str | None = None, *, at: time | None = None,
           timezone: str | None = None) -> Event:
    """An all-day event on ``day``; with ``at`` (and the group's ``timezone``) a timed one starting then
    (DTSTART;TZID=Europe/Amsterdam:20261205T140000), ``TIMED_EVENT_LENGTH`` long."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    if at is not None and timezone is not None:
        start = datetime.combine(day, at, tzinfo=zone(timezone))
        event.add("dtstart", start)
        event.add("dtend", start + TIMED_EVENT_LENGTH)
    else:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    event.add("status", status)
    if description:
        event.add("description", description)
    if category:
        event.add("categories", [category])
    return event


async def actions_ics(session: AsyncSession, group: Group, now: datetime, label: Label) -> bytes:
    """acties.ics: events for action dates, commitment dates and agenda dates (timed when a time was
    given, all-day otherwise)."""
    calendar = Calendar()
    calendar.add("prodid", CALENDAR_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # No METHOD: "PUBLISH" without an ORGANIZER is flagged by libical, and a file to import needs none.
    calendar.add("x-wr-calname", vText(group.title))  # escaped: a newline or ";" stays in the name
    calendar.add("x-wr-timezone", group.timezone)
    events: list[Event] = []
    days: list[date] = []
    seen_actions: set[int] = set()
    domain = f"group-{group.id}.brug"
    for action, _proposer, _partner, commitment, member in await repo.actions_with_commitments(
        session, group.id
    ):
        if action.id not in seen_actions and action.due_on is not None:
            seen_actions.add(action.id)
            days.append(action.due_on)
            events.append(
                _event(
                    f"action-{action.id}@{domain}", action.due_on, action.title, now,
                    description=action.we_need,
                    status="CANCELLED" if action.state == ActionState.LET_GO else (
                        "TENTATIVE" if action.state == ActionState.PROPOSED else "CONFIRMED"
                    ),
                    category=label("calendar-action"), at=action.start_time, timezone=group.timezone,
                )
            )
        if commitment is not None and commitment.due_on is not None and commitment.status != CommitmentStatus.RELEASED:
            days.append(commitment.due_on)
            what = commitment.what or label("calendar-joining")
            events.append(
                _event(
                    f"commitment-{commitment.id}@{domain}", commitment.due_on,
                    f"{member}: {what} ({action.title})", now,
                    category=label("calendar-commitment"),
                )
            )
    for item in await agenda_repo.all_items(session, group.id):
        if item.happens_on is not None:
            days.append(item.happens_on)
            place = f" – {item.place}" if item.place else ""
            events.append(
                _event(
                    f"agenda-{item.id}@{domain}", item.happens_on, f"{item.what}{place}", now,
                    description=item.organiser, category=label("calendar-agenda"),
                    at=item.start_time, timezone=group.timezone,
                )
            )
    if days:
        calendar.add_component(
            Timezone.from_tzid(
                group.timezone, first_date=min(days) - timedelta(days=366),
                last_date=max(days) + timedelta(days=366),
            )
        )
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
