"""/overzicht: the coordinator's commitment lists, privately; in a group only a button to the private chat."""

from __future__ import annotations

from babel.dates import format_date
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import OVERVIEW
from bot.domain import overview as service
from bot.road.context import BrugContext
from bot.dashboard.web import web_app_url
from bot.domain.i18n import Html, normalise_language
from bot.domain.listing import shorten
from bot.domain.zones import zone
from bot.domain.messages import Choice
from bot.domain.scheduler import problem_of
from handlers.pages import Page, edit_page, join, send_page
from handlers.roles import (
    coordinator_group,
    private_button_only,
    private_tool_command,
    tool_deep_link,
    refuse,
)
from storage.models import Group

NAME_LIMIT = 24
WHAT_LIMIT = 60
TITLE_LIMIT = 40


def short_day(lang: str, day) -> str:
    """ "za 12 dec": short enough for a line in a list."""
    return format_date(day, "EEE d MMM", locale=normalise_language(lang))


def month_name(lang: str, day) -> str:
    return format_date(day, "LLLL y", locale=normalise_language(lang))


def overview_page(context: BrugContext, view: service.Overview) -> Page:
    """The overview as one message (always under 4,096 characters) with filter and paging buttons."""
    t = context.t
    lang = context.lang
    flt = view.filter
    if flt.action_id is not None:
        heading = t("overview-heading-action", title=shorten(view.subject or "?", TITLE_LIMIT))
    elif flt.member_id is not None:
        heading = t("overview-heading-member", name=shorten(view.subject or "?", NAME_LIMIT))
    else:
        heading = t(f"overview-heading-{flt.status}")
    lines = [
        t(
            "overview-line",
            status=line.status,
            who=shorten(line.member_name, NAME_LIMIT),
            what=shorten(line.what, WHAT_LIMIT) or t("overview-what-join"),
            action=shorten(line.action_title, TITLE_LIMIT),
            due=short_day(lang, line.due_on) if line.due_on else t("overview-no-date"),
        )
        for line in view.lines
    ]
    parts = [
        t("overview-title", group=shorten(view.group.title, TITLE_LIMIT)),
        heading,
        "\n".join(lines) if lines else t("overview-empty"),
    ]
    if view.view.pages > 1:
        parts.append(
            t("overview-page", page=view.view.page + 1, pages=view.view.pages, total=view.view.total)
        )
    if view.heavy:
        parts.append(
            t(
                "overview-heavy",
                names=", ".join(
                    str(t("overview-heavy-item", name=shorten(name, NAME_LIMIT), count=count))
                    for name, count in view.heavy
                ),
            )
        )
    if view.not_heard:
        names = ", ".join(shorten(name, NAME_LIMIT) for name in view.not_heard)
        more = view.not_heard_count - len(view.not_heard)
        parts.append(
            t(
                "overview-not-heard",
                names=names,
                count=view.not_heard_count,
                members=view.member_count,
                more=more,
            )
        )
    if view.failed:
        failed_lines = "\n".join(
            str(
                t(
                    "overview-failed-item",
                    kind=reminder.kind,
                    who=shorten(reminder.member_name, NAME_LIMIT) or "-",
                    day=short_day(
                        lang, reminder.due_at.astimezone(zone(view.group.timezone)).date()
                    ),
                    error=t(f"overview-problem-{problem_of(reminder.last_error)}"),
                )
            )
            for reminder in view.failed
        )
        parts.append(t("overview-failed", count=view.failed_count, lines=Html(failed_lines)))
    # The buurtpeiling line names this group, never one kind of group (cooperative, care circle).
    group = shorten(view.group.title, TITLE_LIMIT)
    if view.neighbours:
        parts.append(t("overview-neighbours", count=view.neighbours))
    if not view.reach:
        parts.append(t("overview-reach-none", group=group))
        return _page_reply(context, view, parts)
    parts.append(
        t(
            "overview-reach",
            group=group,
            months=Html(
                "\n".join(
                    str(t("overview-reach-month", month=month_name(lang, month), count=count))
                    for month, count in view.reach
                )
            ),
            total=sum(count for _, count in view.reach),
        )
    )
    return _page_reply(context, view, parts)


def _page_reply(context: BrugContext, view: service.Overview, parts: list) -> Page:
    return Page(join(parts), _overview_buttons(view) + _dashboard_button(context, view.group))


def _dashboard_button(context: BrugContext, group: Group) -> tuple[tuple[Choice, ...], ...]:
    """📊 Dashboard as a Web App button (the overview is private, where Telegram allows those)."""
    settings = context.services.settings
    if not settings.dashboard_url or not settings.dashboard_in_telegram:
        return ()  # none, or over http: Telegram refuses a Web App button there, the overview would not arrive
    return ((Choice("dashboard-button", web_app=web_app_url(settings.dashboard_url, group.id)),),)


def _overview_buttons(view: service.Overview) -> tuple[tuple[Choice, ...], ...]:
    gid = view.group.id
    current = view.filter.code
    statuses = tuple(
        Choice(
            f"overview-filter-{status}",
            payload=OVERVIEW.data("s", gid, code, "0"),
            label_args={"mark": "• " if code == current else ""},
        )
        for code, status in service.STATUS_CODES.items()
    )
    pickers = (
        Choice("overview-per-action", payload=OVERVIEW.data("pa", gid, "0")),
        Choice("overview-per-member", payload=OVERVIEW.data("pm", gid, "0")),
    )
    nav = []
    if view.view.has_previous:
        nav.append(Choice("button-previous", payload=OVERVIEW.data("s", gid, current, view.view.page - 1)))
    if view.view.has_next:
        nav.append(Choice("button-next", payload=OVERVIEW.data("s", gid, current, view.view.page + 1)))
    return tuple(row for row in (statuses, pickers, tuple(nav)) if row)


def picker_page(context: BrugContext, picker: service.Picker) -> Page:
    gid = picker.group.id
    code = "A" if picker.kind == "action" else "M"
    verb = "pa" if picker.kind == "action" else "pm"
    items = tuple(
        (
            Choice(
                "overview-pick-item",
                payload=OVERVIEW.data("s", gid, f"{code}{item_id}", "0"),
                label_args={"label": shorten(label, TITLE_LIMIT), "count": count},
            ),
        )
        for item_id, label, count in picker.items
    )
    nav = []
    if picker.view.has_previous:
        nav.append(Choice("button-previous", payload=OVERVIEW.data(verb, gid, picker.view.page - 1)))
    if picker.view.has_next:
        nav.append(Choice("button-next", payload=OVERVIEW.data(verb, gid, picker.view.page + 1)))
    back = (Choice("overview-back", payload=OVERVIEW.data("s", gid, "a", "0")),)
    prompt = f"overview-pick-{picker.kind}" if picker.items else "overview-pick-none"
    return Page(context.t(prompt), items + ((tuple(nav),) if nav else ()) + (back,))


async def show_first_page(update: Update, context: BrugContext, group: Group) -> None:
    view = await service.overview(context.session, group, service.Filter(), 0, context.now())
    await send_page(context, update.effective_chat.id, overview_page(context, view))


overview_command = private_tool_command("overzicht", OVERVIEW, show_first_page)
overview_deep_link = tool_deep_link(show_first_page)


async def overview_button(update: Update, context: BrugContext) -> None:
    """Every press re-checks the role, then edits the message in place."""
    if not await private_button_only(update, context):
        return
    query = update.callback_query
    pressed = OVERVIEW.expect(query.data)  # g: group; s: group, filter, page; pa/pm: group, page
    verb, values = pressed.verb, pressed.values
    group_id = values[0]
    group = await coordinator_group(context, group_id)
    if group is None:
        await refuse(update, context)
        return
    await query.answer()
    if verb == "g":
        await show_first_page(update, context, group)
        return
    if verb == "s":
        flt = service.Filter.parse(values[1])
        view = await service.overview(context.session, group, flt, values[2], context.now())
        page = overview_page(context, view)
    else:
        picker_of = service.action_picker if verb == "pa" else service.member_picker
        page = picker_page(context, await picker_of(context.session, group, values[1]))
    await edit_page(context, query.message.chat.id, query.message.message_id, page)


HANDLERS = [
    CommandHandler(names("overzicht"), overview_command),
    CallbackQueryHandler(
        overview_button,
        pattern=OVERVIEW.pattern(),
    ),
]
DEEP_LINKS = {"overzicht": overview_deep_link}
