"""The dashboard's pages: tornado handlers mounted on Brug's own web server (``bot/road/webhook.py``).

Every request reads the signed session cookie and checks, against the database and Telegram's cached
administrator list, that the member coordinates the requested group *now*; anyone else gets a 403 page in
their language. Pages are server-rendered (tornado templates, autoescaped) with Pico CSS and Chart.js served
from ``static/`` (no CDN); every POST carries tornado's XSRF token; the Content-Security-Policy allows
nothing but this server.
"""

from __future__ import annotations

import functools
import http.cookies
import json
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import tornado.web
from babel.dates import format_date
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram.ext import Application
from tornado.routing import PathMatches, Rule

from bot.domain import actions as action_cards
from bot.road import delivery
from bot.domain import reminders, roles
from bot.domain.commitments import harvest_invitation, mark_done
from bot.config import Settings
from bot.road.context import Services
from bot.dashboard import auth, data, logins
from bot.domain.i18n import Html, normalise_language
from bot.domain.listing import row_id
from bot.domain.members import answer_language
from bot.domain import groups
from bot.domain.messages import Outgoing
from bot.road.telegram_api import telegram_admins
from bot.road.web_limits import BodyLimitedApplication
from storage.models import CommitmentStatus, Delivery, Group, Member
from storage.repositories import actions as actions_repo
from storage.repositories import roles as roles_repo

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
DEFAULT_PREFIX = "/dashboard"
POLL_SECONDS = 2
# Self only; Telegram Web shows a Mini App in a frame of its own site, so that may embed the page too.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'self' https://web.telegram.org"
)
PAGES = ("commitments", "actions", "partners", "agenda", "movement")


@dataclass(frozen=True)
class DashboardConfig:
    """What every dashboard handler needs, built once when the routes are made."""

    bot_application: Application
    prefix: str
    secure: bool
    cookie_secret: str

    @property
    def services(self) -> Services:
        return self.bot_application.bot_data["services"]


def _teach_morsel_partitioned() -> None:
    """Tornado writes cookies with ``http.cookies.Morsel``, which knows the ``Partitioned`` flag only from
    Python 3.14 on. Before that, teach it the flag the same way 3.14 does (one more
    reserved attribute that is a flag), so tornado's own ``set_cookie`` and XSRF cookie can carry it."""
    morsel = http.cookies.Morsel
    if "partitioned" not in morsel._reserved:  # type: ignore[attr-defined]
        morsel._reserved["partitioned"] = "Partitioned"  # type: ignore[attr-defined]
        morsel._flags.add("partitioned")  # type: ignore[attr-defined]


_teach_morsel_partitioned()


def cookie_attributes(secure: bool) -> dict[str, Any]:
    """Telegram Web shows the dashboard in a cross-site iframe. There a ``SameSite=Lax`` cookie is never
    sent, and Chromium, Firefox and Safari now also keep a plain ``SameSite=None`` cookie out of a frame of
    another site (third-party cookies): the login went round in circles. Over https the cookies are
    ``SameSite=None; Secure; Partitioned`` — kept for the dashboard inside web.telegram.org only (CHIPS),
    which is all a Mini App needs. Over plain http (a local try) browsers refuse ``None`` without
    ``Secure``, so they stay ``Lax``; the XSRF token still guards every POST. Tested in Chromium inside a
    cross-site iframe (tests/test_dashboard_iframe.py)."""
    if secure:
        return {"secure": True, "samesite": "None", "partitioned": True}
    return {"secure": False, "samesite": "Lax"}


def dashboard_prefix(dashboard_url: str) -> str:
    """The path the dashboard lives under: the path of its public URL (a reverse proxy passes it on)."""
    return urlsplit(dashboard_url).path.rstrip("/") or DEFAULT_PREFIX


def web_app_url(dashboard_url: str, group_id: int) -> str:
    """The address the Web App button opens for one group."""
    return f"{dashboard_url.rstrip('/')}?{urlencode({'group': group_id})}"


class DashboardHandler(tornado.web.RequestHandler):
    """Shared by every page: session, language, translations, the coordinator check, security headers."""

    def initialize(self, config: DashboardConfig) -> None:
        self.config = config
        self.services = config.services
        self.dashboard_session: auth.DashboardSession | None = None

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "same-origin")
        self.set_header("Cache-Control", "no-store")

    def now(self) -> datetime:
        return self.services.clock.now()

    async def prepare(self) -> None:
        """The session from its signed cookie, if its member has not signed out since (server-side: a
        copied cookie stops working at logout or /vergeetmij, not 12 hours later)."""
        found = auth.read_session(self.config.cookie_secret, self.get_cookie(auth.SESSION_COOKIE), self.now())
        if found is not None:
            async with self.services.db.sessionmaker() as session:
                member = await session.get(Member, found.member_id)
            if not auth.session_stands(found, member):
                found = None
        self.dashboard_session = found

    @property
    def lang(self) -> str:
        if self.dashboard_session is not None:
            return self.dashboard_session.language
        header = self.request.headers.get("Accept-Language", "")
        first = header.split(",")[0].split(";")[0].strip()
        return normalise_language(first, self.services.settings.language)

    def t(self, message_id: str, **args: Any) -> Html:
        return self.services.translator.text(self.lang, message_id, **args)

    def day(self, value: date | None, *, short: bool = False) -> str:
        if value is None:
            return str(self.t("dashboard-no-date"))
        pattern = "EEE d MMM y" if short else "EEEE d MMMM y"
        return format_date(value, pattern, locale=self.lang)

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[AsyncSession]:
        async with self.services.db.unit_of_work() as session:
            yield session

    def set_cookie(
        self, name: str, value: str | bytes, *args: Any, partitioned: bool = False, **kwargs: Any
    ) -> None:
        """Tornado's ``set_cookie`` (also used for its XSRF cookie), plus the ``Partitioned`` flag, which
        tornado would pass on only with a deprecation warning."""
        super().set_cookie(name, value, *args, **kwargs)
        if partitioned:
            self._new_cookie[name]["partitioned"] = True

    def set_session_cookie(self, session: auth.DashboardSession) -> None:
        self.set_cookie(
            auth.SESSION_COOKIE,
            auth.sign_session(self.config.cookie_secret, session, self.now()),
            path=self.config.prefix,
            expires_days=auth.SESSION_HOURS / 24,
            httponly=True,
            **cookie_attributes(self.config.secure),
        )

    def render_page(self, template: str, *, status: int = HTTPStatus.OK, **kwargs: Any) -> None:
        self.set_status(status)
        kwargs.setdefault("group", None)
        kwargs.setdefault("current", None)
        self.render(
            template,
            t=self.t,
            lang=self.lang,
            day=self.day,
            prefix=self.config.prefix,
            logged_in=self.dashboard_session is not None,
            xsrf=self.xsrf_token.decode(),
            pages=PAGES,
            page_url=self.page_url,
            **kwargs,
        )

    def page_url(self, path: str, group_id: int, /, **query: Any) -> str:
        # Positional-only: ``page`` is also a query parameter (which page of a long list).
        params = {"group": group_id, **{k: v for k, v in query.items() if v not in (None, "")}}
        return f"{self.config.prefix}/{path}?{urlencode(params)}"

    def forbidden(self) -> None:
        self.render_page("message.html", status=HTTPStatus.FORBIDDEN,
                         title=self.t("dashboard-forbidden-title"), text=self.t("dashboard-forbidden"))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # A page in the reader's language, never a traceback.
        self.render_page("message.html", status=status_code,
                         title=self.t("dashboard-error"), text=self.t("dashboard-error"))

    async def coordinated_group(self, session: AsyncSession, group_id: int | None) -> Group | None:
        """The group if the logged-in member coordinates it right now (admins refreshed first)."""
        if self.dashboard_session is None or group_id is None:
            return None
        group = await roles_repo.group_by_id(session, group_id)
        if group is None or not group.active:
            return None
        max_age = self.services.settings.admin_cache_seconds
        if groups.admins_need_refresh(group, self.now(), max_age):
            # Nothing is written yet: end the read, so no transaction stays open while Telegram answers.
            await session.commit()
            await groups.refresh_admins(
                session, functools.partial(telegram_admins, self.config.bot_application.bot), group,
                self.now(), max_age_seconds=max_age, force=True,
            )
        return await roles.coordinated_group(session, group_id, self.dashboard_session.member_id)

    async def coordinated_groups(self, session: AsyncSession) -> list[Group]:
        assert self.dashboard_session is not None
        found = []
        for group, _ in await roles.groups_of(session, self.dashboard_session.member_id):
            if await self.coordinated_group(session, group.id) is not None:
                found.append(group)
        return found

    def group_argument(self) -> int | None:
        value = self.get_argument("group", "")
        return row_id(value)


class IndexHandler(DashboardHandler):
    """``GET /dashboard``: the login page, or on to the group's commitments, or a group picker."""

    async def get(self) -> None:
        group_id = self.group_argument()
        if self.dashboard_session is None:
            await self.login_page()
            return
        async with self.unit_of_work() as session:
            groups = await self.coordinated_groups(session)
        chosen = [g for g in groups if g.id == group_id] or (groups if len(groups) == 1 else [])
        if group_id is not None and not chosen:
            self.forbidden()
            return
        if chosen:
            self.redirect(self.page_url("commitments", chosen[0].id))
            return
        if not groups:
            self.render_page("message.html", status=HTTPStatus.FORBIDDEN,
                             title=self.t("dashboard-forbidden-title"), text=self.t("dashboard-no-groups"))
            return
        self.render_page("groups.html", groups=groups)

    async def login_page(self) -> None:
        """The login page. Its link to Telegram is made only when asked (``LoginStartHandler``): looking at
        the page writes nothing. Inside Telegram the page's script sends initData instead."""
        nonce = auth.read_login(self.config.cookie_secret, self.get_cookie(auth.LOGIN_COOKIE), self.now())
        if nonce is not None:
            async with self.unit_of_work() as session:
                waiting = await logins.is_waiting(session, nonce, self.now())
            if waiting:
                username = self.config.bot_application.bot.username
                link = f"https://t.me/{username}?start={logins.DEEP_LINK_PREFIX}_{nonce}"
                self.render_page("login.html", link=link, code=logins.login_code(nonce), poll_seconds=POLL_SECONDS)
                return
        self.render_page("login.html", link=None, code=None, poll_seconds=POLL_SECONDS)


class LoginStartHandler(DashboardHandler):
    """``POST /dashboard/login/start`` (the page's button, XSRF-checked): a fresh deep-link login."""

    async def post(self) -> None:
        async with self.unit_of_work() as session:
            login = await logins.start_login(session, self.now())
        self.set_cookie(
            auth.LOGIN_COOKIE,
            auth.sign_login(self.config.cookie_secret, login.nonce, self.now()),
            path=self.config.prefix,
            expires_days=auth.LOGIN_MINUTES / (24 * 60),
            httponly=True,
            **cookie_attributes(self.config.secure),
        )
        self.redirect(self.config.prefix)


class WebAppLoginHandler(DashboardHandler):
    """``POST /dashboard/auth/webapp``: Telegram's initData in, a session cookie out (or 403).

    The first post only says whose initData it is (``{"confirm": true, "name": …}``); the session comes
    with the second, ``confirm=1``, after the page asked "Inloggen als Carla?". A link with someone
    else's initData in its hash (``…/dashboard#tgWebAppData=…``) can then not log a browser in as them
    unseen (login CSRF, issue 18).
    """

    async def post(self) -> None:
        self.set_header("Content-Type", "application/json")
        try:
            user = auth.validate_init_data(
                self.get_body_argument("init_data", ""), self.services.settings.token or "", self.now()
            )
        except auth.InvalidInitData as exc:
            log.warning("dashboard: initData refused (%s) from %s", exc, self.request.remote_ip)
            self.refuse()
            return
        async with self.unit_of_work() as session:
            member = await session.scalar(
                select(Member).where(Member.telegram_user_id == user.telegram_user_id)
            )
        if member is None:
            self.refuse()
            return
        if self.get_body_argument("confirm", "") != "1":
            self.finish(json.dumps({"ok": True, "confirm": True, "name": member.first_name}))
            return
        language = member.language or normalise_language(user.language_code, self.services.settings.language)
        self.dashboard_session = auth.DashboardSession(member.id, language)
        self.set_session_cookie(self.dashboard_session)
        self.finish(json.dumps({"ok": True}))

    def refuse(self) -> None:
        self.set_status(HTTPStatus.FORBIDDEN)
        self.finish(json.dumps({"ok": False, "message": str(self.t("dashboard-webapp-refused"))}))


class LoginStatusHandler(DashboardHandler):
    """``GET /dashboard/login/status``: the browser polls; once the member said "Ja" it gets its session."""

    async def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        nonce = auth.read_login(self.config.cookie_secret, self.get_cookie(auth.LOGIN_COOKIE), self.now())
        if nonce is None:
            self.finish(json.dumps({"state": "expired"}))
            return
        async with self.unit_of_work() as session:
            state = await logins.collect_login(session, nonce, self.now())
            member = await session.get(Member, state.member_id) if state.member_id else None
        if state.state == "done" and member is not None:
            language = answer_language(member, None, self.services.settings.language)
            self.dashboard_session = auth.DashboardSession(member.id, language)
            self.set_session_cookie(self.dashboard_session)
            self.clear_cookie(auth.LOGIN_COOKIE, path=self.config.prefix, **cookie_attributes(self.config.secure))
        self.finish(json.dumps({"state": state.state}))


class LogoutHandler(DashboardHandler):
    async def post(self) -> None:
        """Out, on this browser and every other: the member's sessions made until now are void."""
        if self.dashboard_session is not None:
            async with self.services.writer, self.unit_of_work() as session:
                member = await session.get(Member, self.dashboard_session.member_id)
                if member is not None:
                    member.dashboard_signed_out_at = self.now()
        self.clear_cookie(auth.SESSION_COOKIE, path=self.config.prefix, **cookie_attributes(self.config.secure))
        self.redirect(self.config.prefix)


class GroupPageHandler(DashboardHandler):
    """A page about one group: only for a logged-in member who coordinates it now."""

    page = ""

    async def get(self) -> None:
        if self.dashboard_session is None:
            self.redirect(f"{self.config.prefix}?{urlencode({'group': self.get_argument('group', '')})}")
            return
        async with self.unit_of_work() as session:
            group = await self.coordinated_group(session, self.group_argument())
            if group is None:
                context = None
            else:
                context = await self.read(session, group)
        if group is None:
            self.forbidden()
            return
        self.render_page(f"{self.page}.html", group=group, current=self.page, **context)

    async def read(self, session: AsyncSession, group: Group) -> dict[str, Any]:
        raise NotImplementedError


class CommitmentsHandler(GroupPageHandler):
    page = "commitments"

    async def read(self, session: AsyncSession, group: Group) -> dict[str, Any]:
        flt = data.CommitmentFilter.parse(
            self.get_argument("status", ""), self.get_argument("action", ""),
            self.get_argument("member", ""), self.get_argument("sort", ""),
        )
        page = self.get_argument("page", "1")
        requested = (row_id(page, digits=6) or 1) - 1
        view = await data.commitments_page(session, group, flt, self.now(), requested)
        return {
            "view": view,
            "statuses": data.STATUSES,
            "sorts": data.SORTS,
            "notice": self.get_argument("notice", ""),
        }


class MarkDoneHandler(DashboardHandler):
    """``POST /dashboard/commitments/done``: tick a commitment off as its coordinator (XSRF-checked)."""

    async def post(self) -> None:
        if self.dashboard_session is None:
            self.forbidden()
            return
        commitment_id = self.get_body_argument("commitment", "")
        back = {
            key: self.get_body_argument(key, "") for key in ("status", "action", "member", "sort", "page")
        }
        redraw: list[Delivery] = []
        # The tick and the card's new look are committed together (SQLite's writer turn taken like an
        # update's); the card is redrawn right after, or by the reminders tick when Telegram is away.
        async with self.services.writer, self.unit_of_work() as session:
            group = await self.coordinated_group(session, self.group_argument())
            if group is None:
                notice = None
            else:
                notice, cards = await self.tick_off(session, group, commitment_id)
                redraw = [self.stored_redraw(session, card, group) for card in cards]
        if group is None:
            self.forbidden()
            return
        await delivery.deliver_now(self.config.bot_application.bot, self.services, redraw)
        self.redirect(self.page_url("commitments", group.id, notice=notice, **back))

    def stored_redraw(self, session: AsyncSession, card: Outgoing, group: Group) -> Delivery:
        """The group's card shows the tick too, as after the member's own ✅ Gedaan."""
        return delivery.store_card_redraw(session, self.services, self.config.bot_application.bot, card, group)

    async def tick_off(
        self, session: AsyncSession, group: Group, commitment_id: str
    ) -> tuple[str, list[Outgoing]]:
        """Mark the commitment done; the notice for the page and the group's card as it is now."""
        number = row_id(commitment_id)
        commitment = await actions_repo.commitment_by_id(session, number) if number is not None else None
        action = await actions_repo.action_by_id(session, commitment.action_id) if commitment else None
        if commitment is None or action is None or action.group_id != group.id:
            return "not-found", []
        if commitment.status != CommitmentStatus.OPEN:
            return "done", []
        if await mark_done(session, commitment, action, group, self.now()):
            # The last open commitment: the proposer is asked how it went, as after the chat's
            # own ✅ Gedaan — through the outbox, sent by the next reminders tick.
            await reminders.send_soon(
                session, harvest_invitation(action, group), key=f"harvest-all-done:action:{action.id}",
                action_id=action.id, now=self.now(),
            )
        # The domain keeps no "done by" on a commitment; the log says which coordinator ticked it.
        log.info(
            "dashboard: commitment %s marked done by coordinator member %s",
            commitment.id, self.dashboard_session.member_id if self.dashboard_session else None,
        )
        return "done", await action_cards.redrawn_card(session, action, group, self.now())


class ActionsHandler(GroupPageHandler):
    page = "actions"

    async def read(self, session: AsyncSession, group: Group) -> dict[str, Any]:
        return {
            "rows": await data.actions_page(session, group),
            # An action shown to the neighbourhood links to its page and its flyer.
            "public_base": self.services.settings.neighbourhood_url,
        }


class PartnersHandler(GroupPageHandler):
    page = "partners"

    async def read(self, session: AsyncSession, group: Group) -> dict[str, Any]:
        return {"view": await data.partners_page(session, group)}


class AgendaHandler(GroupPageHandler):
    page = "agenda"

    async def read(self, session: AsyncSession, group: Group) -> dict[str, Any]:
        return {"view": await data.agenda_page(session, group, self.now())}


class MovementHandler(GroupPageHandler):
    page = "movement"

    async def read(self, session: AsyncSession, group: Group) -> dict[str, Any]:
        months = await data.movement(session, group, self.now())
        labels = [format_date(m.month, "LLL y", locale=self.lang) for m in months]
        series = {
            name: [getattr(m, name) for m in months]
            for name in ("proposed", "running", "done", "members", "reach", "partners")
        }
        chart_data = {
            "labels": labels,
            "actions": {
                "title": str(self.t("dashboard-chart-actions")),
                "series": [
                    {"label": str(self.t(f"dashboard-series-{name}")), "data": series[name]}
                    for name in ("proposed", "running", "done")
                ],
            },
            "people": {
                "title": str(self.t("dashboard-chart-people")),
                "series": [
                    {"label": str(self.t(f"dashboard-series-{name}")), "data": series[name]}
                    for name in ("members", "reach", "partners")
                ],
            },
        }
        return {
            "months": months,
            "labels": labels,
            # In a <script type="application/json"> block: "<" escaped so no text can end the block.
            "chart_json": json.dumps(chart_data).replace("<", "\\u003c"),
        }


def dashboard_routes(application: Application, settings: Settings) -> list[Rule]:
    """The dashboard as one rule for Brug's web server: its own tornado Application under its path,
    with XSRF cookies, templates and static files (the webhook and /healthz keep their own settings)."""
    if not settings.dashboard_url or not settings.token:
        return []
    prefix = dashboard_prefix(settings.dashboard_url)
    secure = urlsplit(settings.dashboard_url).scheme == "https"
    config = DashboardConfig(
        bot_application=application,
        prefix=prefix,
        secure=secure,
        cookie_secret=auth.cookie_secret(settings.token),
    )
    p = re.escape(prefix)
    arguments = {"config": config}
    # Its forms are a few fields; a larger body is refused (413) before it is read.
    dashboard_app = BodyLimitedApplication(
        [
            (rf"{p}/?", IndexHandler, arguments),
            (rf"{p}/auth/webapp", WebAppLoginHandler, arguments),
            (rf"{p}/login/status", LoginStatusHandler, arguments),
            (rf"{p}/login/start", LoginStartHandler, arguments),
            (rf"{p}/logout", LogoutHandler, arguments),
            (rf"{p}/commitments", CommitmentsHandler, arguments),
            (rf"{p}/commitments/done", MarkDoneHandler, arguments),
            (rf"{p}/actions", ActionsHandler, arguments),
            (rf"{p}/partners", PartnersHandler, arguments),
            (rf"{p}/agenda", AgendaHandler, arguments),
            (rf"{p}/movement", MovementHandler, arguments),
        ],
        template_path=str(TEMPLATES),
        static_path=str(STATIC),
        static_url_prefix=f"{prefix}/static/",
        xsrf_cookies=True,
        xsrf_cookie_kwargs={
            "httponly": True, "path": prefix, **cookie_attributes(secure),
        },
        cookie_secret=config.cookie_secret,
        default_handler_class=NotFoundHandler,
        default_handler_args=arguments,
        max_body_bytes=settings.dashboard_max_body_bytes,
    )
    return [Rule(PathMatches(rf"{p}(?:/.*)?$"), dashboard_app)]


class NotFoundHandler(DashboardHandler):
    async def prepare(self) -> None:
        await super().prepare()  # the reader's session (and language) for the 404 page
        raise tornado.web.HTTPError(HTTPStatus.NOT_FOUND)
