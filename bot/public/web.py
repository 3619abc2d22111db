"""The neighbourhood's pages, served by Brug's own web server beside the dashboard (issue 19).

``GET <prefix>/a/<token>``: an action's invitation; ``POST`` there is "Ik kom ook"; ``POST
<prefix>/a/<token>/weg`` takes it back; ``GET <prefix>/a/<token>/flyer.pdf|png``: the flyer;
``GET <prefix>/g/<token>``: the group's public profile with its coming public actions.

For an old phone and for people who will never install a chat app: no JavaScript at all (the policy
forbids scripts), no cookies, Pico CSS with large type, Dutch or English (``?lang=en`` or the browser's
language). The address is the only key: pages are not indexed and send no Referer. The sender's address
is used only as a keyed hash in memory, to limit sign-ups (``bot.domain.neighbourhood``).
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections import OrderedDict
from datetime import date, time
from http import HTTPStatus
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import tornado.web
from telegram.ext import Application
from tornado.routing import PathMatches, Rule

from bot.config import Settings
from bot.domain import actions as action_cards
from bot.domain import flyer as flyers
from bot.domain.flyer import Flyer
from bot.domain import neighbourhood as service
from bot.domain.dates import spoken_when
from bot.domain.i18n import Html, normalise_language
from bot.domain.zones import local_today
from bot.road import delivery
from bot.road.context import Services
from bot.road.web_limits import BodyLimitedApplication
from storage.models import Action, Delivery, Group
from storage.repositories import neighbourhood as repo

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
# One copy of Pico CSS for the dashboard and these pages.
STATIC = HERE.parent / "dashboard" / "static"
TOKEN = r"[A-Za-z0-9_-]{20,43}"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
# A form is three short fields: anything larger is refused before it is read.
MAX_BODY_BYTES = 4096
FORM_STATUS = {
    service.Outcome.LINK: HTTPStatus.BAD_REQUEST,
    service.Outcome.CONSENT: HTTPStatus.BAD_REQUEST,
    service.Outcome.TOO_FAST: HTTPStatus.TOO_MANY_REQUESTS,
    service.Outcome.FULL: HTTPStatus.CONFLICT,
    service.Outcome.CLOSED: HTTPStatus.GONE,
}


def neighbourhood_prefix(url: str) -> str:
    return urlsplit(url).path.rstrip("/") or "/buurt"


def action_page_url(settings: Settings, token: str) -> str | None:
    base = settings.neighbourhood_url
    return f"{base}/a/{token}" if base else None


def group_page_url(settings: Settings, token: str) -> str | None:
    base = settings.neighbourhood_url
    return f"{base}/g/{token}" if base else None


class PublicHandler(tornado.web.RequestHandler):
    def initialize(self, bot_application: Application, prefix: str, addresses: service.AddressWindow) -> None:
        self.bot_application = bot_application
        self.services: Services = bot_application.bot_data["services"]
        self.prefix = prefix
        self.addresses = addresses

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.set_header("X-Content-Type-Options", "nosniff")
        # The address is the key to the page: it must not travel to other sites or into search engines.
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Robots-Tag", "noindex, nofollow")
        self.set_header("Cache-Control", "no-cache")

    @property
    def lang(self) -> str:
        asked = self.get_query_argument("lang", "")
        if asked:
            return normalise_language(asked, self.services.settings.language)
        header = self.request.headers.get("Accept-Language", "")
        first = header.split(",")[0].split(";")[0].strip()
        return normalise_language(first, self.services.settings.language)

    def t(self, message_id: str, **args: Any) -> Html:
        return self.services.translator.text(self.lang, message_id, **args)

    def when(self, day: date | None, start: time | None) -> str | None:
        return spoken_when(day, start, self.lang, self.services.translator)

    def render_public(self, template: str, *, status: int = HTTPStatus.OK, **kwargs: Any) -> None:
        self.set_status(status)
        self.render(
            template, t=self.t, lang=self.lang, when=self.when, prefix=self.prefix,
            other_lang="en" if self.lang == "nl" else "nl", **kwargs,
        )

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """A friendly page for every error, never a traceback."""
        self.render_public("gone.html", status=status_code, view=None)


class ActionPage(PublicHandler):
    async def get(self, token: str) -> None:
        async with self.services.db.unit_of_work() as session:
            view = await service.view_of(session, token, self.services.clock.now())
        if view is None:
            self.render_public("gone.html", status=HTTPStatus.NOT_FOUND, view=None)
            return
        self.render_public("action.html", view=view, form=service.SignupForm(), problem=None)

    async def post(self, token: str) -> None:
        """ "Ik kom ook": stored with the card's new count, then the card is redrawn in the group."""
        form = service.SignupForm(
            first_name=self.get_body_argument("naam", ""),
            contact=self.get_body_argument("contact", ""),
            consent=self.get_body_argument("akkoord", "") == "ja",
            honeypot=self.get_body_argument("website", ""),
        )
        now = self.services.clock.now()
        redraw: list[Delivery] = []
        async with self.services.writer, self.services.db.unit_of_work() as session:
            signed = await service.sign_up(session, token, form, self.request.remote_ip or "", self.addresses, now)
            if signed.outcome == service.Outcome.COUNTED:
                redraw = await self.card_redraw(session, signed.signup.action_id if signed.signup else 0)
            view = await service.view_of(session, token, now)
        await delivery.deliver_now(self.bot_application.bot, self.services, redraw)
        if view is None:
            self.render_public("gone.html", status=HTTPStatus.NOT_FOUND, view=None)
        elif signed.outcome in (service.Outcome.COUNTED, service.Outcome.IGNORED):
            log.info("public page: a neighbour signed up (%s)", signed.outcome)
            undo = signed.signup.undo_token if signed.signup else ""
            self.render_public("thanks.html", view=view, name=service.cleaned(form.first_name, 40), undo=undo)
        else:
            # Whatever was typed stays in the form: nothing is lost to a mistake or a limit.
            self.render_public(
                "action.html", status=FORM_STATUS[signed.outcome], view=view, form=form,
                problem=f"public-problem-{signed.outcome}",
            )

    async def card_redraw(self, session: Any, action_id: int) -> list[Delivery]:
        action = await session.get(Action, action_id)
        if action is None:
            return []
        group = await session.get(Group, action.group_id)
        cards = await action_cards.redrawn_card(session, action, group, self.services.clock.now())
        return [
            delivery.store_card_redraw(session, self.services, self.bot_application.bot, card, group)
            for card in cards
        ]


class TakeBack(ActionPage):
    async def post(self, token: str) -> None:
        now = self.services.clock.now()
        redraw: list[Delivery] = []
        async with self.services.writer, self.services.db.unit_of_work() as session:
            action = await service.take_back(session, self.get_body_argument("weg", ""), now)
            if action is not None:
                redraw = await self.card_redraw(session, action.id)
            view = await service.view_of(session, token, now)
        await delivery.deliver_now(self.bot_application.bot, self.services, redraw)
        if view is None:
            self.render_public("gone.html", status=HTTPStatus.NOT_FOUND, view=None)
            return
        # A second tap (or an old page) finds nothing to take back: say so, not "you are off the list" again.
        self.render_public("taken-back.html", view=view, taken=action is not None)


class FlyerDownload(PublicHandler):
    """The flyer of a shown invitation, for whoever has the page: nothing on it the page does not say.

    Made in a thread (PDF layout and PDFium rendering take tens of milliseconds), one at a time (PDFium is
    not thread-safe), and the last few kept, so a link passed round a WhatsApp group costs little."""

    made: ClassVar[OrderedDict[tuple, bytes]] = OrderedDict()
    turn: ClassVar[asyncio.Lock | None] = None
    KEPT = 16

    async def get(self, token: str, kind: str) -> None:
        now = self.services.clock.now()
        async with self.services.db.unit_of_work() as session:
            found = await repo.shown_invitation(session, token)
        if found is None:
            self.render_public("gone.html", status=HTTPStatus.NOT_FOUND, view=None)
            return
        _invitation, action, group = found
        url = action_page_url(self.services.settings, token) or ""
        content = service.flyer_of(action, group, url, self.lang, self.services.translator)
        document = await self.flyer(content, kind)
        self.set_header("Content-Type", "application/pdf" if kind == "pdf" else "image/png")
        self.set_header("Content-Disposition", f'inline; filename="flyer.{kind}"')
        self.finish(document)
        log.info("public page: flyer %s made at %s", kind, now.isoformat(timespec="minutes"))

    async def flyer(self, content: Flyer, kind: str) -> bytes:
        key = (content, self.lang, kind)
        if key in self.made:
            self.made.move_to_end(key)
            return self.made[key]
        if FlyerDownload.turn is None:
            FlyerDownload.turn = asyncio.Lock()
        lang, translator = self.lang, self.services.translator

        def label(message_id: str, **args: Any) -> str:
            return html.unescape(str(translator.text(lang, message_id, **args)))

        make = flyers.flyer_pdf if kind == "pdf" else flyers.flyer_png
        async with FlyerDownload.turn:
            document = await asyncio.to_thread(make, content, label)
        self.made[key] = document
        while len(self.made) > self.KEPT:
            self.made.popitem(last=False)
        return document


class GroupPage(PublicHandler):
    async def get(self, token: str) -> None:
        now = self.services.clock.now()
        async with self.services.db.unit_of_work() as session:
            group = await repo.group_by_public_token(session, token)
            coming = (
                await repo.coming_public_actions(session, group.id, local_today(now, group.timezone))
                if group is not None else []
            )
        if group is None:
            self.render_public("gone.html", status=HTTPStatus.NOT_FOUND, view=None)
            return
        self.render_public("group.html", group=group, coming=coming)


def public_routes(application: Application, settings: Settings) -> list[Rule]:
    """The neighbourhood's pages as one rule for Brug's web server (its own tornado Application)."""
    base = settings.neighbourhood_url
    if not base:
        return []
    prefix = neighbourhood_prefix(base)
    p = re.escape(prefix)
    arguments = {
        "bot_application": application,
        "prefix": prefix,
        # Per process: a restart forgets it, the per-page limit in the database does not.
        "addresses": service.AddressWindow(settings.id_key),
    }
    public_app = BodyLimitedApplication(
        [
            (rf"{p}/a/({TOKEN})", ActionPage, arguments),
            (rf"{p}/a/({TOKEN})/weg", TakeBack, arguments),
            (rf"{p}/a/({TOKEN})/flyer\.(pdf|png)", FlyerDownload, arguments),
            (rf"{p}/g/({TOKEN})", GroupPage, arguments),
        ],
        template_path=str(TEMPLATES),
        static_path=str(STATIC),
        static_url_prefix=f"{prefix}/static/",
        # No XSRF cookies (no cookies at all): a sign-up is anonymous, so a forged form has nothing to use.
        default_handler_class=NotFound,
        default_handler_args=arguments,
        max_body_bytes=MAX_BODY_BYTES,
    )
    return [Rule(PathMatches(rf"{p}(?:/.*)?$"), public_app)]


class NotFound(PublicHandler):
    def prepare(self) -> None:
        raise tornado.web.HTTPError(HTTPStatus.NOT_FOUND)
