"""The ``brug`` command: ``brug run`` starts the bot, ``brug migrate`` brings the database up to date."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from pydantic import ValidationError

from bot.config import Settings
from bot.road.logs import configure_logging

NO_TOKEN = (
    "Brug needs a bot token: open Telegram, talk to @BotFather, send /newbot, and put the token it "
    "gives you in BRUG_TELEGRAM_TOKEN (or in a .env file as BRUG_TELEGRAM_TOKEN=...)."
)

TRY_THE_DEMO = "To try Brug without Telegram first (no token needed), run: brug demo"

TOKEN_REJECTED = (
    "Telegram did not accept the bot token in BRUG_TELEGRAM_TOKEN. Ask @BotFather for the token "
    "of your bot (/mybots) and put it there again."
)

NO_SIGNAL = (
    "Brug on Signal needs BRUG_SIGNAL_RPC_URL (signal-cli's JSON-RPC address, e.g. "
    "http://127.0.0.1:8080/api/v1/rpc, from "
    "`signal-cli -a +31... daemon --http=127.0.0.1:8080 --receive-mode=on-connection`) and "
    "BRUG_SIGNAL_ACCOUNT (Brug's own Signal number, +31...); the README's Signal section says how."
)

NO_ID_SECRET = (
    "Brug on Signal needs BRUG_ID_SECRET: a long random string (e.g. from `openssl rand -hex 32`), kept "
    "with the database. It keys the ids Brug gives Signal members, so nobody can compute their phone "
    "numbers back from them. Never change it once members use Brug."
)

WEBHOOK_OR_WORKER = (
    "Choose one: --webhook receives updates from Telegram (and handles them), --worker only handles "
    "what other processes stored."
)

WORKER_NEEDS_POSTGRES = (
    "A separate worker shares the inbox with other processes, which needs PostgreSQL "
    "(BRUG_DATABASE_URL=postgresql+asyncpg://...); SQLite is for one process: run `brug run` alone."
)

NO_WEBHOOK = (
    "Webhook mode needs BRUG_WEBHOOK_URL (the public https:// address Telegram posts to) and "
    "BRUG_WEBHOOK_SECRET (1-256 letters, digits, _ or -; Telegram sends it back with every update)."
)


DASHBOARD_NOT_HTTPS = (
    "BRUG_DASHBOARD_URL starts with http://: Telegram opens the dashboard inside Telegram only over https. "
    "A browser can still use it, but /overzicht shows no dashboard button until the address is https://."
)


def startup_warnings(settings: Settings) -> list[str]:
    """What an operator should hear before Brug starts, although it can start."""
    warnings = []
    if settings.dashboard_url and not settings.dashboard_in_telegram:
        warnings.append(DASHBOARD_NOT_HTTPS)
    return warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="brug", description="Brug: small network actions for residents' initiatives."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser(
        "run", help="start the bot (long polling); migrates the database first"
    )
    run_parser.add_argument(
        "--webhook",
        action="store_true",
        help="receive updates on a webhook (BRUG_WEBHOOK_URL, BRUG_WEBHOOK_SECRET, "
        "BRUG_WEBHOOK_LISTEN, BRUG_WEBHOOK_PORT) instead of long polling; serves /healthz",
    )
    run_parser.add_argument(
        "--worker",
        action="store_true",
        help="only handle updates that other processes stored in the shared PostgreSQL inbox "
        "(next to one polling or webhook process); no connection to Telegram's getUpdates",
    )
    run_parser.add_argument(
        "--transport",
        choices=["telegram", "signal"],
        default="telegram",
        help="the chat service: telegram (BRUG_TELEGRAM_TOKEN) or signal (a signal-cli daemon: "
        "BRUG_SIGNAL_RPC_URL, BRUG_SIGNAL_ACCOUNT)",
    )
    commands.add_parser("migrate", help="bring the database schema up to date (Alembic upgrade head)")
    try_parser = commands.add_parser(
        "try", help="try Brug on this computer without Telegram: a console chat with a local emulator"
    )
    try_parser.add_argument("--naam", default="Jij", help="your name in the chat")
    demo_parser = commands.add_parser(
        "demo", help="a local chat in the terminal with a seeded group of three members; no token needed"
    )
    demo_parser.add_argument(
        "--verder", action="store_true",
        help="continue the previous demo (brug-demo.db) instead of starting fresh",
    )
    demo_parser.add_argument("--taal", choices=["nl", "en"], help="the demo's language (default BRUG_LANGUAGE)")
    args = parser.parse_args(argv)

    # Until the settings are read: plain logs, and httpx (whose URLs carry the token) quiet.
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"Brug's settings are not valid: {exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2
    configure_logging(
        secrets=[settings.token, settings.webhook_secret_value],
        level=settings.log_level,
        json_lines=settings.log_format == "json",
        # People's ids in the logs are keyed hashes: with BRUG_ID_SECRET, else the bot token's secret part.
        pseudonym_key=settings.id_key or (settings.token or "").encode(),
    )

    if args.command == "migrate":
        return migrate(settings)
    if args.command == "try":
        return try_locally(args.naam)
    if args.command == "demo":
        from bot.devtools.demo import main as demo

        return demo(settings, continue_previous=args.verder, lang=args.taal)
    if args.transport == "signal":
        return run_signal(settings, webhook=args.webhook)
    return run(settings, webhook=args.webhook, worker=args.worker)


def migrate(settings: Settings) -> int:
    from storage.db import Database
    from storage.migrate import upgrade

    async def _upgrade() -> None:
        database = Database(settings.database_url)
        try:
            await upgrade(database.engine)
        finally:
            await database.dispose()

    asyncio.run(_upgrade())
    print("The database is up to date.")
    return 0


def try_locally(name: str) -> int:
    """The emulator, Brug against it, and a console chat; the database is brug-try.db unless set."""
    import os

    from bot.devtools.emulator import try_locally as console

    env = {"BRUG_DATABASE_URL": os.environ.get("BRUG_DATABASE_URL", "sqlite+aiosqlite:///brug-try.db")}
    try:
        return asyncio.run(console(env, name=name))
    except KeyboardInterrupt:
        return 0


def run_signal(settings: Settings, *, webhook: bool = False) -> int:
    """Brug on Signal through a signal-cli daemon, until interrupted; no Telegram token needed."""
    if webhook:
        print("Webhook mode is for Telegram; on Signal Brug listens to signal-cli's event stream.", file=sys.stderr)
        return 2
    if not (settings.signal_rpc_url and settings.signal_account):
        print(NO_SIGNAL, file=sys.stderr)
        return 2
    if not settings.id_secret:
        print(NO_ID_SECRET, file=sys.stderr)
        return 2
    import contextlib
    import signal

    from bot.bridge.run import serve
    from bot.bridge.signal import SignalTransport

    async def _serve() -> None:
        # Stopped by a service manager (SIGTERM) as by Ctrl-C: Brug shuts down cleanly either way.
        main_task = asyncio.current_task()
        with contextlib.suppress(NotImplementedError, AttributeError):  # no signal handlers on Windows
            if main_task is not None:
                asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
        transport = SignalTransport(settings.signal_rpc_url or "", settings.signal_account or "")
        try:
            if not await transport.check():
                logging.getLogger("bot.cli").warning(
                    "signal-cli does not answer at %s yet; Brug keeps trying", transport.check_url
                )
            async with contextlib.aclosing(transport.events()) as events:
                await serve(settings, transport, events)
        finally:
            await transport.aclose()

    try:
        asyncio.run(_serve())
    except KeyboardInterrupt:
        return 0
    except Exception:
        logging.getLogger("bot.cli").critical("Brug stopped", exc_info=True)
        return 1
    return 0


def run(settings: Settings, *, webhook: bool = False, worker: bool = False) -> int:
    """``brug run``: polling (default), ``--webhook`` or ``--worker``; every update goes through the
    durable inbox (bot/road/inbox.py) and is handled per chat in order, chats side by side."""
    if not settings.token:
        print(NO_TOKEN, file=sys.stderr)
        print(TRY_THE_DEMO, file=sys.stderr)
        return 2
    if webhook and worker:
        print(WEBHOOK_OR_WORKER, file=sys.stderr)
        return 2
    if webhook and not (settings.webhook_url and settings.webhook_secret_value):
        print(NO_WEBHOOK, file=sys.stderr)
        return 2
    from storage.db import is_sqlite

    if worker and is_sqlite(settings.database_url):
        print(WORKER_NEEDS_POSTGRES, file=sys.stderr)
        return 2
    for warning in startup_warnings(settings):
        print(warning, file=sys.stderr)
    from bot.app import build_application

    from telegram.error import InvalidToken, NetworkError

    application = build_application(settings, durable=True)
    try:
        if webhook:
            from bot.road.webhook import run_webhook

            run_webhook(application, settings)
        else:
            run_until_signal(application, settings, poll=not worker)
    except InvalidToken:
        # PTB's message quotes the token; ours does not.
        print(TOKEN_REJECTED, file=sys.stderr)
        return 2
    except NetworkError as exc:
        logging.getLogger("bot.cli").critical("Brug could not reach Telegram: %s", exc)
        return 1
    except Exception:
        # Through the logging handler, so the traceback is redacted like every other log line.
        logging.getLogger("bot.cli").critical("Brug stopped", exc_info=True)
        return 1
    return 0


def run_until_signal(application, settings: Settings, *, poll: bool) -> None:
    """Polling or worker mode until SIGINT or SIGTERM (``bot.road.inbox.serve``)."""
    import signal

    from bot.road.inbox import serve

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve(application, settings, stop, poll=poll)

    asyncio.run(main())


if __name__ == "__main__":
    sys.exit(main())
