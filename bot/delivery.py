"""Commit, then deliver: no transaction is open while Brug talks to Telegram.

Every call a handler makes to the Bot API passes ``BrugBot._do_post`` before python-telegram-bot's
rate limiter. Inside an update that call first commits what the update changed so far, together with
the message itself when it is one that must arrive (``DURABLE``: a new message or an edit, stored as a
``deliveries`` row with its Bot API parameters). Then the update's database turn is given up (on
SQLite: the one writer, ``Services.writer``) and only then does Brug wait for the rate limiter and
Telegram. So:

- a kill between the commit and Telegram loses nothing: the row is still there, and the reminders
  tick (``retry_due``) sends it after ``LEASE``, in order per chat;
- Telegram failing for a while (5xx, a timeout, a 429 the rate limiter gave up on) keeps the row for
  the tick, and the member is not asked to "try again": what they did is stored, and doing it again
  could undo it (a second 👍 withdraws support);
- Telegram refusing for good (403 blocked, 400) deletes the row and raises as before, so the handlers'
  fallbacks (ask in the group instead of privately) still work.

A delivered (or refused) row is deleted in the update's next commit; the update's last commit is made by
``BrugApplication``. The one exception is a call inside a savepoint (posting a proposal's card, which
stands or falls with its action): it waits inside the transaction.

The same bot serves the bridged transports (their Bot API is answered in-process), the dashboard and
the scheduler, which call it outside an update: those calls pass straight through.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from telegram import Message
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import ApplicationBuilder, ExtBot
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter  # what Bot._do_post builds a request from
from telegram.warnings import PTBUserWarning

from bot.context import current_scope
from bot.transport import already_shown, retry_seconds
from storage.repositories import deliveries as repo

if TYPE_CHECKING:
    from bot.context import Services, UpdateScope

log = logging.getLogger(__name__)

# Messages that must arrive: stored with the change they tell about, delivered later if need be.
DURABLE = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup"})
# The answer to a button press only stops its spinner: a failure is logged, never an error.
SPINNER = "answerCallbackQuery"
# How long the process that stored a message has to deliver it before the tick takes over.
LEASE = timedelta(seconds=60)
# Back-off of the tick's tries: 1, 2, 4 … minutes, at most an hour; given up after a day of tries.
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=1)
TRIES = 30
BATCH = 100
# A message Telegram refused for good is kept this long to look at (the log says why), then deleted.
FAILED_KEPT = timedelta(days=7)


def stored_parameters(data: dict[str, Any]) -> str | None:
    """A call's parameters as the Bot API gets them (as JSON), made the way ``Bot._do_post`` makes them;
    None for an upload, which is not kept."""
    request = RequestData([RequestParameter.from_input(key, value) for key, value in data.items()])
    if request.contains_files:
        return None
    return json.dumps(request.parameters, ensure_ascii=False)


def chat_of(data: dict[str, Any]) -> int | None:
    try:
        return int(data["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None


def passing(error: TelegramError) -> bool:
    """Telegram is away or busy (worth another try later), not refusing this message."""
    if isinstance(error, RetryAfter):
        return True
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


@contextlib.asynccontextmanager
async def writer_given_up(writer: Any) -> AsyncIterator[None]:
    """Let other updates write while this one waits on Telegram (SQLite's one writer); a no-op on
    PostgreSQL, where every update has its own connection and nothing is held between statements."""
    if isinstance(writer, asyncio.Lock) and writer.locked():
        writer.release()
        try:
            yield
        finally:
            await writer.acquire()
    else:
        yield


async def talk(
    scope: UpdateScope, endpoint: str, data: dict[str, Any], call: Callable[[], Awaitable[Any]]
) -> Any:
    """One Bot API call made while handling an update: commit first, then call (see the module)."""
    services = scope.services
    session = scope.session
    if session.in_nested_transaction():
        # Inside a savepoint the call and the change stand or fall together (see the module): a kill
        # now commits neither, so there is nothing to store for later either.
        return await call()
    row = None
    chat_id = chat_of(data)
    if endpoint in DURABLE and chat_id is not None:
        parameters = stored_parameters(data)
        if parameters is not None:
            now = services.clock.now()
            row = repo.add(
                session, chat_id=chat_id, method=endpoint, params=parameters, now=now, due_at=now + LEASE
            )
    await repo.forget(session, scope.settled)
    await session.commit()
    scope.settled.clear()
    scope.committed = True
    failure: TelegramError | None = None
    async with writer_given_up(services.writer):
        try:
            result = await call()
        except TelegramError as error:
            if endpoint == SPINNER:
                log.warning("could not answer a button press in chat %s: %s", chat_id, error)
                return True
            if row is None or passing(error):
                raise  # a stored row waits for the tick
            failure = error
    if row is not None:
        # Taken, already shown, or refused for good: forgotten in the next commit.
        scope.settled.append(row.id)
    if failure is not None:
        if not already_shown(failure):
            log.info("telegram refused %s to chat %s: %s", endpoint, chat_id, failure)
        raise failure
    return result


class BrugBot(ExtBot):
    """python-telegram-bot's ``ExtBot``, committing the update's work before each call (``talk``)."""

    __slots__ = ()

    async def _do_post(self, endpoint: str, data: dict[str, Any], **timeouts: Any) -> Any:
        scope = current_scope.get()
        parent = super()._do_post

        async def call() -> Any:
            return await parent(endpoint, data, **timeouts)

        if scope is None or scope.failed:
            return await call()
        return await talk(scope, endpoint, data, call)


class BrugApplicationBuilder(ApplicationBuilder):
    """``ApplicationBuilder`` making a ``BrugBot``. PTB has no option for the bot's class; this builds
    it with exactly the arguments ``ApplicationBuilder._build_ext_bot`` passes (PTB 22)."""

    def _build_ext_bot(self) -> ExtBot:
        built = super()._build_ext_bot()
        built.__class__ = BrugBot
        return built


# ---------------------------------------------------------------- the tick's second try


async def retry_due(bot: Any, services: Services, *, limit: int = BATCH) -> int:
    """Send the messages nobody delivered by their ``due_at``: per chat in order, a chat's later ones
    waiting while an earlier one cannot go. Returns how many went out."""
    now = services.clock.now()
    async with services.writer, services.db.unit_of_work() as session:
        claimed = await repo.claim_due(session, now, limit, now + LEASE)
        await repo.prune_failed(session, now - FAILED_KEPT)
    sent: list[int] = []
    stuck: set[int] = set()
    outcomes: list[tuple[str, int, datetime | None, str]] = []
    for row in claimed:
        if row.chat_id in stuck:
            outcomes.append(("retry", row.id, row.due_at, "waits for an earlier message"))
            continue
        try:
            await _send(bot, row.method, json.loads(row.params))
        except TelegramError as error:
            if already_shown(error):
                sent.append(row.id)
            elif passing(error) and row.attempts < TRIES:
                stuck.add(row.chat_id)
                outcomes.append(("retry", row.id, now + _backoff(row.attempts, error), _describe(error)))
            else:
                stuck.add(row.chat_id)
                outcomes.append(("give_up", row.id, None, _describe(error)))
            continue
        sent.append(row.id)
    async with services.writer, services.db.unit_of_work() as session:
        await repo.forget(session, sent)
        for outcome, row_id, when, error in outcomes:
            if outcome == "retry":
                await repo.retry_at(session, row_id, when, error)
            else:
                log.warning("gave up delivering message %s: %s", row_id, error)
                await repo.give_up(session, row_id, error)
    return len(sent)


async def _send(bot: Any, method: str, parameters: dict[str, Any]) -> Message | bool:
    with warnings.catch_warnings():
        # do_api_request suggests the named method; the stored call is replayed as it was made.
        warnings.simplefilter("ignore", PTBUserWarning)
        return await bot.do_api_request(method, api_kwargs=parameters)


def _backoff(attempts: int, error: TelegramError) -> timedelta:
    if isinstance(error, RetryAfter):
        return timedelta(seconds=retry_seconds(error))
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY)


def _describe(error: TelegramError) -> str:
    return f"{type(error).__name__}: {error}"[:500]
