"""Wiring: build the Application with every handler in one visible list."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram import BotCommand, BotCommandScopeDefault
from telegram.ext import Application, ContextTypes, TypeHandler
from telegram.request import BaseRequest
from telegram import Update

from bot.road import ticking
from bot.road.chat_order import ChatOrderedProcessor, PacedRateLimiter
from bot.dashboard.web import dashboard_routes
from bot.public.web import public_routes
from bot.domain.clock import Clock, SystemClock
from bot.domain.commands import command_menu
from bot.config import Settings
from bot.road.context import BrugApplication, BrugContext, Services
from bot.road.delivery import BrugApplicationBuilder
from bot.domain.i18n import LANGUAGES, translator
from handlers import errors, fallback, groups, help, language, replies, start
from handlers import agenda, export, group_settings, overview, partners, profile, roles
from handlers import reminders
from handlers import privacy
from handlers import dashboard
from handlers import actions, answers, commitments, helping, neighbourhood, proposals, series, source
from handlers.common import identify_sender
from bot.road.inbox import Inbox
from storage.db import Database, is_sqlite
from storage.migrate import upgrade

log = logging.getLogger(__name__)

# Feature modules in the order their handlers are tried (one handler per update). After them, free
# text goes to the question that waits for it (replies), and the fallback answers what nobody took.
FEATURES = [start, help, source, language, groups, roles, overview, partners, agenda, export, profile, group_settings, privacy, reminders, answers, proposals, actions, commitments, helping, neighbourhood, series, dashboard]
LAST = [replies, fallback]


class MissingToken(RuntimeError):
    pass


def build_application(
    settings: Settings,
    request: BaseRequest | None = None,
    *,
    clock: Clock | None = None,
    database: Database | None = None,
    durable: bool = False,
) -> Application:
    """A fully wired Application, not yet started. ``request`` replaces the HTTP layer (tests).

    ``durable``: updates arrive through the inbox (``bot.road.inbox``: stored before they are acknowledged,
    claimed per chat in order, by any process on PostgreSQL), as ``brug run`` does. Without it they are
    fed to ``process_update`` or the update queue directly (tests, the bridge to other transports).
    """
    if not settings.token:
        raise MissingToken("BRUG_TELEGRAM_TOKEN is not set")
    limiter = PacedRateLimiter(max_retries=3) if settings.rate_limiter else None
    builder = (
        # A BrugBot: every Bot API call inside an update commits first (bot.delivery).
        BrugApplicationBuilder()
        .application_class(BrugApplication)
        .token(settings.token)
        .context_types(ContextTypes(context=BrugContext))
        .post_init(on_startup)
        .post_shutdown(on_shutdown)
        # One chat in order, chats side by side; a group's update starts when its reply can go out.
        .concurrent_updates(
            ChatOrderedProcessor(settings.updates_at_once, room=limiter.room_for if limiter else None)
        )
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if limiter is not None:
        builder = builder.rate_limiter(limiter)
    application = builder.build()
    services = Services(
        settings=settings,
        db=database or Database(settings.database_url, **pool_for(settings)),
        translator=translator(),
        clock=clock or SystemClock(),
    )
    # The web server carries the dashboard (when it is on) beside the webhook and /healthz.
    services.web_routes.append(dashboard_routes)
    services.web_routes.append(public_routes)
    if is_sqlite(services.db.url):
        services.writer = asyncio.Lock()
    if durable:
        services.inbox = Inbox(
            services.db,
            services.clock,
            worker=settings.worker_name,
            stable_name=settings.worker_name is not None,
            lease=timedelta(seconds=settings.inbox_lease_seconds),
            poll_seconds=settings.inbox_poll_seconds,
            # One row waiting per worker slot, so the next update starts at once; rows of flooding
            # groups waiting for room to answer do not count (bot.inbox.Inbox._room).
            capacity=2 * settings.updates_at_once,
            writer=services.writer,
        )
    application.bot_data["services"] = services

    for handler in groups.EARLY_HANDLERS:
        application.add_handler(handler, group=-2)
    application.add_handler(TypeHandler(Update, identify_sender), group=-1)
    for module in FEATURES + LAST:
        for handler in module.HANDLERS:
            application.add_handler(handler)
        services.deep_links.update(getattr(module, "DEEP_LINKS", {}))
        services.reply_kinds.update(getattr(module, "REPLY_KINDS", {}))
        services.after_private_answer.extend(getattr(module, "AFTER_PRIVATE_ANSWER", []))
    application.add_error_handler(errors.on_error)
    return application


def pool_for(settings: Settings) -> dict:
    """Enough database connections for every update running at once, plus the inbox's claims and
    leases, the reminders tick and the health check."""
    if is_sqlite(settings.database_url):
        return {}
    return {"pool_size": settings.updates_at_once + 4, "max_overflow": 4}


async def set_bot_commands(application: Application) -> None:
    """Telegram's command menu in every language: the default language unscoped, others by code."""
    services: Services = application.bot_data["services"]
    default = services.settings.language
    for lang in LANGUAGES:
        commands = [BotCommand(name, text) for name, text in command_menu(services.translator, lang)]
        if lang == default:
            await application.bot.set_my_commands(commands, scope=BotCommandScopeDefault())
        else:
            await application.bot.set_my_commands(commands, language_code=lang)


async def on_startup(application: Application) -> None:
    services: Services = application.bot_data["services"]
    await upgrade(services.db.engine)
    await set_bot_commands(application)
    # Reminders: plan missing digests and tick the outbox (not in build_application: tests stay quiet).
    await ticking.start_ticking(application)
    log.info("Brug is running as @%s", application.bot.username)


async def on_shutdown(application: Application) -> None:
    services: Services = application.bot_data["services"]
    await services.db.dispose()
