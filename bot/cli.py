"""The ``brug`` command: ``brug run`` starts the bot, ``brug migrate`` brings the database up to date."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from pydantic import ValidationError
from telegram import Update

from bot.config import Settings

NO_TOKEN = (
    "Brug needs a bot token: open Telegram, talk to @BotFather, send /newbot, and put the token it "
    "gives you in BRUG_TELEGRAM_TOKEN (or in a .env file as BRUG_TELEGRAM_TOKEN=...)."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="brug", description="Brug: small network actions for residents' initiatives."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="start the bot (long polling); migrates the database first")
    commands.add_parser("migrate", help="bring the database schema up to date (Alembic upgrade head)")
    args = parser.parse_args(argv)

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every request URL, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"Brug's settings are not valid: {exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2

    if args.command == "migrate":
        return migrate(settings)
    return run(settings)


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


def run(settings: Settings) -> int:
    if not settings.token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    from bot.app import build_application

    application = build_application(settings)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
